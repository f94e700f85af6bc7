"""Saying where an alert or a message went: the channel, the station or account it went
through, the link to what was published, and when. Used after *Copy the text* (the user
posted it by hand) and by *Record a relay…* on an alert. GUI thread only.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QDateTime, Qt, QTimeZone
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from fieldapp.alerts.relays import CHANNELS
from fieldapp.ui.alerts import words
from fieldapp.ui.kit import dates


class RelayDialog(QDialog):
    """Where it went; `values()` once accepted."""

    def __init__(self, parent: QWidget | None = None, *, channel: str = "", heading: str = ""):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Record where it went"))
        self.heading = QLabel(heading, self)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.heading.setWordWrap(True)
        self.channel_combo = QComboBox(self)
        for key in CHANNELS:
            self.channel_combo.addItem(words.channel_labels()[key], key)
        self.channel_combo.setCurrentIndex(max(0, self.channel_combo.findData(channel)))
        self.via_edit = QLineEdit(self)
        self.via_edit.setPlaceholderText(self.tr("F4ABC, @account@instance, the mayors' list…"))
        self.link_edit = QLineEdit(self)
        self.link_edit.setPlaceholderText("https://")
        self.at_edit = QDateTimeEdit(QDateTime.currentDateTimeUtc(), self)
        self.at_edit.setTimeZone(QTimeZone.utc())
        dates.set_iso_display(self.at_edit, utc=True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.heading)
        form.addRow(self.tr("&Channel:"), self.channel_combo)
        form.addRow(self.tr("&Through (station or account):"), self.via_edit)
        form.addRow(self.tr("&Link (if published):"), self.link_edit)
        form.addRow(self.tr("&When:"), self.at_edit)
        form.addRow(buttons)

    def values(self) -> dict[str, Any]:
        at = self.at_edit.dateTime().toUTC().toString("yyyy-MM-ddTHH:mm:00Z")
        return {
            "channel": self.channel_combo.currentData(),
            "via": self.via_edit.text().strip(),
            "link": self.link_edit.text().strip(),
            "at": at,
        }
