"""The errors every record type shares: a refused value and a missing record.

`ValidationError` carries every invalid field at once, each with a machine code (the UI
translates it) and an English message (the CLI prints it); nothing was saved.
`NotFoundError` names the record that is not there (or was deleted). Any thread.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class ValidationError(ValueError):
    """Raised with every invalid field at once; nothing was saved.

    `errors` maps a field name to (code, English message).
    """

    errors: dict[str, tuple[str, str]] = field(default_factory=dict)

    def __str__(self) -> str:
        return "; ".join(f"{name}: {msg}" for name, (_code, msg) in self.errors.items())


class NotFoundError(LookupError):
    """No such operation, report, map feature or radio message (or it was deleted)."""
