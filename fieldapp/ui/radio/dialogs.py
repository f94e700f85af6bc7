"""Small dialogs of the radio desk: relay a message (to whom, which net, when), a period.

Both are keyboard dialogs: the cursor starts in the first field, Tab moves on, Enter
accepts. They are opened with `open()` (window-modal, not blocking) and report through
`accepted`, so the desk stays responsive while an operator types. GUI thread only.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from fieldapp.core.times import parse_time


def utc_text(when: datetime | None = None) -> str:
    return (when or datetime.now(UTC)).strftime("%Y-%m-%d %H:%M")


class _KeyboardDialog(QDialog):
    def __init__(self, parent: QWidget | None):
        super().__init__(parent)
        self.form = QFormLayout()
        self.error = QLabel(self)
        self.error.setStyleSheet("color: #b71c1c; font-weight: bold;")
        self.error.setWordWrap(True)
        self.error.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def _line(self, label: str, text: str = "") -> QLineEdit:
        edit = QLineEdit(text, self)
        caption = QLabel(label, self)
        caption.setBuddy(edit)
        self.form.addRow(caption, edit)
        return edit

    def _problem(self) -> str | None:
        return None

    def _on_buttons_accepted(self) -> None:
        problem = self._problem()
        if problem:
            self.error.setText(problem)
            self.error.show()
            return
        self.accept()


class RelayDialog(_KeyboardDialog):
    """To whom the message was passed, on which net, when (UTC, now by default)."""

    def __init__(self, summary: str, net: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Relay the message"))
        intro = QLabel(summary, self)
        intro.setTextFormat(Qt.TextFormat.PlainText)
        self.form.addRow(intro)
        self.to_edit = self._line(self.tr("Passed &to (call sign)"))
        self.net_edit = self._line(self.tr("&Net"), net)
        self.at_edit = self._line(self.tr("&When (UTC)"), utc_text())
        self.to_edit.setFocus()

    def values(self) -> dict[str, str | None]:
        return {
            "to_station": self.to_edit.text().strip().upper(),
            "net": self.net_edit.text().strip(),
            # untouched, the store stamps the hop itself, to the second
            "at": self.at_edit.text().strip() if self.at_edit.isModified() else None,
        }

    def _problem(self) -> str | None:
        if not self.to_edit.text().strip():
            self.to_edit.setFocus()
            return self.tr("Say to whom it was passed.")
        try:
            parse_time(self.at_edit.text().strip())
        except ValueError:
            self.at_edit.setFocus()
            return self.tr("Enter a time like 2026-11-28 14:05 (UTC).")
        return None


class PeriodDialog(_KeyboardDialog):
    """An operational period (UTC), and the net and operator for the log's header."""

    def __init__(self, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        now = datetime.now(UTC)
        self.from_edit = self._line(self.tr("&From (UTC)"), utc_text(now - timedelta(hours=12)))
        self.to_edit = self._line(self.tr("&To (UTC)"), utc_text(now + timedelta(minutes=1)))
        self.net_edit = self._line(self.tr("&Net"))
        self.operator_edit = self._line(self.tr("&Operator"))
        self.from_edit.setFocus()

    def period(self) -> tuple[str, str]:
        return parse_time(self.from_edit.text()), parse_time(self.to_edit.text())

    def _problem(self) -> str | None:
        try:
            since, until = self.period()
        except ValueError:
            return self.tr("Enter times like 2026-11-28 14:05 (UTC).")
        if since >= until:
            return self.tr("The period ends before it starts.")
        return None
