"""English counts for the messages of the exports, the imports and their command line:
`counted(1, "item")` is "1 item", `counted(2, "item")` "2 items", `counted(0, "entry",
"entries")` "0 entries" — never "1 items" nor "item(s)". (The window counts with Qt's
plurals instead, fieldapp/ui/kit/i18n.py.) Pure: any thread.
"""

from __future__ import annotations


def counted(count: int, singular: str, plural: str | None = None) -> str:
    """`count` and the noun phrase that agrees with it."""
    return f"{count} {singular if count == 1 else plural or singular + 's'}"
