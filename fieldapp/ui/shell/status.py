"""The status bar: the link to the sync server and what has not reached it yet.

Shows, as DESIGN.md §3 asks, online / offline / not set up, the changes not on the server
(count and age of the oldest), the last success and the last error in words. The outbox
count comes from `Store.db.outbox_count()` (one indexed count, GUI thread) after every write;
the rest from `show_sync` (a SyncStatus read on the GUI thread's Store and the runner's
link state). Clicking the link or the count opens the sync panel. GUI thread only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QLocale, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QLabel, QStatusBar, QWidget

from fieldapp.ui.kit.forms import STATUS_ERROR_STYLE as ERROR_STYLE
from fieldapp.ui.sync.texts import (
    NOT_SET_UP,
    ONLINE,
    age_text,
    error_words,
    state_text,
    time_text,
)

if TYPE_CHECKING:
    from fieldapp.sync.client.status import SyncStatus


class ClickableLabel(QLabel):
    clicked = Signal()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self.clicked.emit()
        super().mouseReleaseEvent(event)


class FieldStatusBar(QStatusBar):
    sync_panel_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.connection_label = ClickableLabel(self)
        self.outbox_label = ClickableLabel(self)
        self.last_label = ClickableLabel(self)
        for label in (self.connection_label, self.outbox_label, self.last_label):
            label.setContentsMargins(8, 0, 8, 0)
            label.clicked.connect(self.sync_panel_requested)
            self.addPermanentWidget(label)
        self._outbox: int | None = None
        self._oldest_s: float | None = None
        self._state = NOT_SET_UP
        self._status: SyncStatus | None = None
        self._retranslate()

    def show_outbox(self, count: int, oldest_age_s: float | None = None) -> None:
        self._outbox, self._oldest_s = count, oldest_age_s if count else None
        text = self.tr("Not sent yet: %1").replace("%1", QLocale().toString(count))
        if self._oldest_s is not None:
            text += " " + self.tr("(oldest %1)").replace("%1", age_text(self._oldest_s))
        self.outbox_label.setText(text)
        self.outbox_label.setToolTip(
            self.tr("Changes saved on this computer that no server has received yet")
        )

    def outbox_count(self) -> int | None:
        return self._outbox

    def show_sync(self, state: str, status: SyncStatus) -> None:
        """The link state (sync_worker.ONLINE…) and where sync stands."""
        self._state, self._status = state, status
        self.show_outbox(status.pending, status.oldest_age_s)
        self._show_state()

    def _show_state(self) -> None:
        status = self._status
        if self._state == NOT_SET_UP or status is None or not status.joined:
            self._show_not_set_up()
            self.last_label.setText("")
            return
        if self._state == ONLINE:
            text = self.tr("Online — %1").replace("%1", _host(status.server))
        else:
            text = state_text(self._state)
        self.connection_label.setText(text)
        self.connection_label.setToolTip(self.tr("Click for the sync panel"))
        if status.last_error:
            self.last_label.setText(self.tr("Last sync failed"))
            self.last_label.setStyleSheet(ERROR_STYLE)
            self.last_label.setToolTip(error_words(status.last_error))
        else:
            success = time_text(status.last_success)
            self.last_label.setText(self.tr("Last sync: %1").replace("%1", success))
            self.last_label.setStyleSheet("")
            self.last_label.setToolTip("")

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self._show_state() if self._status is not None else self._show_not_set_up()
        if self._outbox is not None:
            self.show_outbox(self._outbox, self._oldest_s)

    def _show_not_set_up(self) -> None:
        self.connection_label.setText(self.tr("Offline — sync not set up"))
        self.connection_label.setToolTip(
            self.tr("Everything is saved on this computer; it will be sent once sync is set up.")
        )


def _host(url: str) -> str:
    """The server's host:port, without the scheme and the API path."""
    return url.split("://", 1)[-1].split("/", 1)[0]
