"""Words for the entry form's text actions: what normalising changed, ARL in plain language.

`describe_changes` turns the changes of fieldapp.radio.check.normalise into the sentence
shown under the text, and says apart, always (even when the list is cut short), when a
final question mark was removed and why: the shared NTS rules end a text without QUERY,
and a question must not disappear without the operator knowing. `arl_html` lists the ARL
numbered texts of a message in plain language, for delivery. Pure functions of their
arguments; GUI thread (they translate, in the entry form's context).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from fieldapp.radio import arl

SHOWN = 8  # changes listed; the rest are counted


def lost_question(changes: list[dict]) -> bool:
    """True when normalising dropped a final question mark."""
    return any(change["rule"] == "final_query" for change in changes)


def describe_changes(changes: list[dict]) -> str:
    """`Normalised: “.” → X, … Ctrl+Z undoes it.`, then the question mark note if any."""
    removed = QCoreApplication.translate("RadioEntryForm", "(removed)")
    shown = []
    for change in changes[:SHOWN]:
        before = str(change["from"]).replace("\n", "⏎")
        after = str(change["to"]).strip() or removed
        if before.strip() or after != removed:
            shown.append(f"“{before}” → {after}")
    more = len(changes) - SHOWN
    tail = ""
    if more > 0:
        tail = QCoreApplication.translate("RadioEntryForm", " … and %1 more").replace(
            "%1", str(more)
        )
    text = QCoreApplication.translate("RadioEntryForm", "Normalised: %1%2. Ctrl+Z undoes it.")
    text = text.replace("%1", ", ".join(shown)).replace("%2", tail)
    if lost_question(changes):
        text += " " + QCoreApplication.translate(
            "RadioEntryForm",
            "The question mark at the end was removed: the NTS text rules the app follows "
            "(the shared ectlogger vectors) end a text without X or QUERY. If the message "
            "asks a question, say so in words: type QUERY where it belongs.",
        )
    return text


def arl_html(text: str) -> str:
    """The ARL numbered texts of `text` in plain language (rich text), or a note."""
    found = arl.find(text)
    if not found:
        return QCoreApplication.translate("RadioEntryForm", "No ARL numbered text in this message.")
    lines = [f"<b>{item.code}</b>: {item.plain}" for item in found]
    plain = arl.plain_language(text.upper())
    delivery = QCoreApplication.translate("RadioEntryForm", "For delivery:")
    return "<br>".join(lines) + f"<br><i>{delivery}</i> " + plain
