"""The note an editor shows over a record this user may read but not change: who created
it and the rule, in the window's language (the server's rule, known beforehand:
core/ownership.py), so that nobody types changes the server would refuse for good.

GUI thread only.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QWidget

from fieldapp.core.ownership import Refusal

translate = QCoreApplication.translate
NOTE_STYLE = "color: #0d3c61; background: #e8f4fd; padding: 4px"


def role_words() -> dict[str, str]:
    """A server role in words, as the sentence below names it."""
    return {
        "admin": translate("Roles", "an admin"),
        "coordinator": translate("Roles", "a coordinator"),
        "trainer": translate("Roles", "a trainer"),
        "volunteer": translate("Roles", "a volunteer"),
    }


def refusal_text(refusal: Refusal) -> str:
    """The note in words: who created the record, and what this user's role may do."""
    text = translate(
        "ReadOnly",
        "Read only: %1 created this report; as %2 you change only the reports you created."
        " A coordinator can change it.",
    )
    role = role_words().get(refusal.role, refusal.role)
    return text.replace("%1", refusal.owner).replace("%2", role)


class ReadOnlyNote(QLabel):
    """Hidden unless the open record is read-only for this user."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setStyleSheet(NOTE_STYLE)
        self.refusal: Refusal | None = None
        self.hide()

    def show_refusal(self, refusal: Refusal | None) -> None:
        self.refusal = refusal
        self.retranslate()
        self.setVisible(refusal is not None)

    def retranslate(self) -> None:
        self.setText(refusal_text(self.refusal) if self.refusal else "")
