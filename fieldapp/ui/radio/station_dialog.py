"""Asks for this station's call sign: on the radio desk's first use, and before a log
(ICS-309, ICS-214) is written without one. The call is what the relay chain, the printed
forms and the logs name for this station (never `?`); it is kept in the settings.

GUI thread only. Fits 1024x600.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from fieldapp.radio.model import call_sign_problem
from fieldapp.ui.kit.forms import ERROR_STYLE


class StationDialog(QDialog):
    """One field: this station's call sign, checked before it is accepted."""

    def __init__(self, why: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("This station"))
        self.why = QLabel(why, self)
        self.why.setWordWrap(True)
        self.call_edit = QLineEdit(self)
        self.call_edit.setPlaceholderText(self.tr("call sign, e.g. F4ABC"))
        self.problem = QLabel(self)
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.problem.setStyleSheet(ERROR_STYLE)
        self.problem.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (self.why, self.call_edit, self.problem, self.buttons):
            layout.addWidget(widget)

    def call(self) -> str:
        return self.call_edit.text().strip().upper()

    @Slot()
    def _on_buttons_accepted(self) -> None:
        problem = call_sign_problem(self.call())
        if problem is not None:
            self.problem.setText(
                self.tr("“%1” is not a call sign (like F4ABC or W1AW/4).").replace(
                    "%1", self.call_edit.text().strip()
                )
                if self.call()
                else self.tr("Type this station's call sign.")
            )
            self.problem.show()
            self.call_edit.setFocus()
            return
        self.accept()
