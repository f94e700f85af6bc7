"""The status bar: connection state and the changes that have not been sent yet.

Sync is not set up in this version, so the connection label says so plainly; the outbox
count comes from `Store.outbox_count()` (one indexed count, GUI thread) and is updated by
the main window after every write. GUI thread only.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QLocale
from PySide6.QtWidgets import QLabel, QStatusBar, QWidget


class FieldStatusBar(QStatusBar):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.connection_label = QLabel(self)
        self.outbox_label = QLabel(self)
        for label in (self.connection_label, self.outbox_label):
            label.setContentsMargins(8, 0, 8, 0)
        self.addPermanentWidget(self.connection_label)
        self.addPermanentWidget(self.outbox_label)
        self._outbox: int | None = None
        self._retranslate()

    def show_outbox(self, count: int) -> None:
        self._outbox = count
        text = self.tr("Not sent yet: %1").replace("%1", QLocale().toString(count))
        self.outbox_label.setText(text)
        self.outbox_label.setToolTip(
            self.tr("Changes saved on this computer that no server has received yet")
        )

    def outbox_count(self) -> int | None:
        return self._outbox

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self.connection_label.setText(self.tr("Offline — sync not set up"))
        self.connection_label.setToolTip(
            self.tr("Everything is saved on this computer; it will be sent once sync is set up.")
        )
        if self._outbox is not None:
            self.show_outbox(self._outbox)
