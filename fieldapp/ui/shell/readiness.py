"""Notice the moment the report list first shows rows on screen.

Used by `fieldapp selftest` and by the start-up benchmark (`FIELDAPP_REPORT_READY=1
fieldapp` prints `ready <epoch seconds>` at that moment and quits), so both time the real
window on its real start-up path. GUI thread only.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer, Slot
from PySide6.QtWidgets import QApplication

if TYPE_CHECKING:  # the window module imports much more: only its type is needed here
    from fieldapp.ui.shell.main_window import MainWindow

READY_ENV = "FIELDAPP_REPORT_READY"


class FirstRowsWatcher(QObject):
    """Calls `on_ready(epoch)` once, after the report table painted with rows in it.

    An operation with no reports counts as ready once the window has painted.
    """

    def __init__(self, window: MainWindow, on_ready: Callable[[float], None]):
        super().__init__(window)
        self._window = window
        self._on_ready = on_ready
        self._done = False
        window.report_list.view.rows_painted.connect(self._on_view_rows_painted)
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self._done and event.type() == QEvent.Type.Paint and self._is_empty():
            self._ready()
        return False

    @Slot()
    def _on_view_rows_painted(self) -> None:
        if not self._done:
            self._ready()

    def _ready(self) -> None:
        self._done = True
        # Runs after this paint event has been handled: the rows are on screen.
        QTimer.singleShot(0, lambda: self._on_ready(time.time()))

    def _is_empty(self) -> bool:
        model = self._window.report_model
        return model.query is None or (model.is_complete() and model.rowCount() == 0)


def report_ready_and_quit(window: MainWindow) -> FirstRowsWatcher | None:
    """With FIELDAPP_REPORT_READY set: print `ready <epoch>` when rows show, then quit."""
    if not os.environ.get(READY_ENV):
        return None

    def ready(epoch: float) -> None:
        sys.stdout.write(f"ready {epoch:.6f}\n")
        sys.stdout.flush()
        QApplication.quit()

    return FirstRowsWatcher(window, ready)
