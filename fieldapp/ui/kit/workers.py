"""Run a function in a background thread and get its result back on the GUI thread.

`TaskRunner` owns a private QThreadPool. The function runs in a pool thread: it must not
touch widgets, and if it needs the database it opens its own `Store(data_dir)` (a SQLite
connection never crosses threads). Its return value, or its exception as text, is
delivered to the callbacks on the GUI thread through queued signals of the runner.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)


class _Relay(QObject):
    """Carries a task's outcome across threads (it lives on the GUI thread)."""

    succeeded = Signal(int, object)
    failed = Signal(int, str)


class _Task(QRunnable):
    def __init__(self, task_id: int, relay: _Relay, fn: Callable[..., Any], args: tuple):
        super().__init__()
        self.setAutoDelete(True)
        self._id, self._relay, self._fn, self._args = task_id, relay, fn, args

    def run(self) -> None:
        try:
            result = self._fn(*self._args)
        except Exception as exc:  # reported to the user by the callback, never lost
            log.exception("background task failed")
            self._relay.failed.emit(self._id, str(exc) or type(exc).__name__)
        else:
            self._relay.succeeded.emit(self._id, result)


class TaskRunner(QObject):
    """Starts background tasks and calls back on the GUI thread."""

    def __init__(self, parent: QObject | None = None, max_threads: int = 2):
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(max_threads)
        self._relay = _Relay(self)
        self._relay.succeeded.connect(self._on_relay_succeeded)
        self._relay.failed.connect(self._on_relay_failed)
        self._ids = itertools.count(1)
        self._callbacks: dict[int, tuple[Callable | None, Callable | None]] = {}

    def start(
        self,
        fn: Callable[..., Any],
        *args: Any,
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[str], None] | None = None,
    ) -> int:
        """Run fn(*args) in the pool; returns a task id."""
        task_id = next(self._ids)
        self._callbacks[task_id] = (on_done, on_error)
        self._pool.start(_Task(task_id, self._relay, fn, args))
        return task_id

    def is_busy(self) -> bool:
        return bool(self._callbacks)

    def wait(self, msecs: int = -1) -> bool:
        """Block until every task has finished (used when closing)."""
        return self._pool.waitForDone(msecs)

    @Slot(int, object)
    def _on_relay_succeeded(self, task_id: int, result: object) -> None:
        on_done, _ = self._finish(task_id)
        if on_done is not None:
            on_done(result)

    @Slot(int, str)
    def _on_relay_failed(self, task_id: int, message: str) -> None:
        _, on_error = self._finish(task_id)
        if on_error is not None:
            on_error(message)

    def _finish(self, task_id: int) -> tuple[Callable | None, Callable | None]:
        return self._callbacks.pop(task_id, (None, None))
