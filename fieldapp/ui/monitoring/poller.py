"""Polls the operation's sources while the main window is open, desk open or not.

A QTimer ticks every few seconds on the GUI thread and does almost nothing there: it
knows when the next source is due (from the last round, or from a small read on the
reads lane after the sources changed) and, once one is, submits ONE job on the network
lane under one key; while that job runs, ticks submit nothing, so rounds never pile up.
The job (`jobs.poll`) polls the due sources one after the other (polite: each source's
interval, ETag, Retry-After and back-off are the core's), with a name, so it is listed
in the Jobs panel with its progress and Cancel. A cut link becomes an error in words on
that source, and the other sources go on. An operation with no enabled source costs
one read after each change of its sources, and nothing else.

GUI thread only (the QTimer and the callbacks); the work runs in the task manager.
"""

from __future__ import annotations

import time
from functools import partial
from types import ModuleType
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from fieldapp.ui.kit.taskman import Lane, TaskManager

if TYPE_CHECKING:
    from fieldapp.core.tasks import Job
    from fieldapp.ui.monitoring import jobs

TICK_MS = 5000
RETRY_AFTER_FAILURE_S = 60.0
# With no enabled source, what is due is read again this often: a source added by
# another program on the same data folder (`fieldapp source add`) is polled soon too.
RECHECK_IDLE_S = 60.0
_UNKNOWN = -1.0  # what is due must be read again


class Poller(QObject):
    """The polling of one main window's current operation."""

    round_finished = Signal(object)  # jobs.PollRound
    round_failed = Signal(object)  # the exception object

    def __init__(self, tasks: TaskManager, parent: QObject | None = None, tick_ms: int = TICK_MS):
        super().__init__(parent)
        self.tasks = tasks
        self.operation_id = ""
        self.next_due: float | None = _UNKNOWN
        self._due_read_at = 0.0
        self.job: Job | None = None
        self._key = f"monitoring-poll-{id(self)}"
        self._due_key = f"monitoring-due-{id(self)}"
        self.timer = QTimer(self)
        self.timer.setInterval(tick_ms)
        self.timer.timeout.connect(self._on_timer_timeout)

    def start(self) -> None:
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()
        self.tasks.drop(self._due_key)
        if self.job is not None:
            self.tasks.cancel(self.job)

    def set_operation(self, operation_id: str) -> None:
        if operation_id == self.operation_id:
            return
        if self.job is not None:
            self.tasks.cancel(self.job)  # the former operation's round
        self.operation_id = operation_id
        self.sources_changed()

    @Slot()
    def sources_changed(self) -> None:
        """Sources were added, removed, paused or resumed: read what is due at next tick."""
        self.next_due = _UNKNOWN
        self.tasks.drop(self._due_key)

    def is_polling(self) -> bool:
        return self.tasks.is_busy(self._key)

    @Slot()
    def poll_now(self) -> None:
        """Every enabled source now (the user asked), unless a round is running."""
        self._submit(force=True)

    @Slot()
    def _on_timer_timeout(self) -> None:
        if not self.operation_id or self.is_polling() or self.tasks.is_busy(self._due_key):
            return
        if self.next_due is None and time.time() - self._due_read_at >= RECHECK_IDLE_S:
            self.next_due = _UNKNOWN
        if self.next_due == _UNKNOWN:
            self._due_read_at = time.time()
            self.tasks.submit(
                partial(_jobs().next_due, self.operation_id), lane=Lane.READS, key=self._due_key,
                on_done=partial(self._on_due_read, self.operation_id), owner=self,
            )  # fmt: skip
        elif self.next_due is not None and time.time() >= self.next_due:
            self._submit(force=False)

    def _on_due_read(self, operation_id: str, due: float | None) -> None:
        if operation_id != self.operation_id or self.next_due != _UNKNOWN:
            return
        self.next_due = due
        if due is not None and time.time() >= due:
            self._submit(force=False)

    def _submit(self, force: bool) -> None:
        if not self.operation_id or self.is_polling():
            return
        operation_id = self.operation_id
        self.job = self.tasks.submit(
            partial(_jobs().poll, operation_id, force),
            lane=Lane.NETWORK,
            key=self._key,
            name=self.tr("Polling the sources"),
            on_done=partial(self._on_round_done, operation_id),
            on_failed=self._on_round_failed,
            on_cancelled=self._on_round_cancelled,
            owner=self,
        )

    def _on_round_done(self, operation_id: str, round_: jobs.PollRound) -> None:
        self.job = None
        if operation_id == self.operation_id:
            self.next_due = round_.next_due
        self.round_finished.emit(round_)

    def _on_round_failed(self, error: Exception) -> None:
        self.job = None
        self.next_due = time.time() + RETRY_AFTER_FAILURE_S  # the sources' state says why
        self.round_failed.emit(error)

    def _on_round_cancelled(self) -> None:
        self.job = None  # the user stopped it (Jobs panel): not again at the next tick
        self.next_due = time.time() + RETRY_AFTER_FAILURE_S


def _jobs() -> ModuleType:
    """The desk's job functions, imported on the first tick (not at start-up: ~1 ms)."""
    from fieldapp.ui.monitoring import jobs

    return jobs
