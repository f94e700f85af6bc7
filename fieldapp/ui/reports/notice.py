"""The notice over the report editor when the open report changed elsewhere.

A pull (or a settled conflict) can change the report the user is editing. Without
unsaved edits the editor simply reloads it; with unsaved edits it must neither overwrite
the user's typing nor pretend nothing happened: this bar says in words which fields
changed on the server (and which of them the user is editing too) and offers to reload.
`changed_fields` is the comparison. GUI thread only.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from fieldapp.reports.domain import REPORT_FIELDS
from fieldapp.ui.kit.i18n import field_labels

NOTICE_STYLE = (
    "#server_change_notice { background: #fff3cd; border: 1px solid #e0a800; border-radius: 3px; }"
)


def changed_fields(before: Mapping[str, Any], after: Mapping[str, Any]) -> list[str]:
    """The report fields whose value differs between two reads of a report."""
    return [name for name in REPORT_FIELDS if before.get(name) != after.get(name)]


def _names(fields: Iterable[str]) -> str:
    labels = field_labels()
    return ", ".join(labels.get(name, name) for name in fields)


class ServerChangeNotice(QFrame):
    """ "This report changed on the server while you were editing it" and a Reload button."""

    reload_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("server_change_notice")
        self.setStyleSheet(NOTICE_STYLE)
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.reload_button = QPushButton(self)
        self.reload_button.clicked.connect(self.reload_requested)
        layout = QHBoxLayout(self)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.reload_button)
        self.hide()

    def show_changed(self, changed: list[str], yours: list[str]) -> None:
        """Fields changed on the server; `yours`: those the user is editing too."""
        text = self.tr("This report was changed on the server while you were editing it (%1).")
        text = text.replace("%1", _names(changed))
        if yours:
            also = self.tr("You changed %1 too: saving keeps your text there.")
            text += " " + also.replace("%1", _names(yours))
        text += " " + self.tr(
            "Reload to see the new version (your unsaved changes are dropped), or save to"
            " keep your changes."
        )
        self._show(text, self.tr("Reloa&d"))

    def show_deleted(self) -> None:
        text = self.tr(
            "This report was deleted on another device while you were editing it: your"
            " changes cannot be saved to it. Copy what you need, then close it."
        )
        self._show(text, self.tr("Close the report"))

    def _show(self, text: str, button: str) -> None:
        self.label.setText(text)
        self.reload_button.setText(button)
        self.show()
