"""Reads the radio desk's log and queue off the GUI thread, on the task manager.

With 50,000 messages, the log's row numbers (one index walk, or a full-text search) and
the queue's rows take ~0.1-0.3 s together: after each save that would freeze the form
right when the operator starts copying the next message. `RadioQueryRunner` submits each
request (`read_rows`, on the reads lane's own Store) under one key, so only the newest
request is worked on and delivered: older ones are dropped, and typing in the search box
never queues up work. Answers arrive on the GUI thread (`rows_arrived`); a failure
arrives as the exception object and goes on in words (`query_failed`). `stop()` (the desk
closing) drops what is still to come; a later request works again.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

from PySide6.QtCore import QObject, Signal

from fieldapp.core.record_types import RadioMessage
from fieldapp.store import Store
from fieldapp.ui.kit.taskman import JobContext, Lane, TaskManager, error_words

PAGE_SIZE = 100
QUEUE_LIMIT = 200


@dataclass(frozen=True)
class RadioRows:
    """One answer: the log's row numbers, its first page of messages, the queue."""

    operation_id: str
    search: str
    seqs: list[int]
    first_page: dict[int, RadioMessage]
    queue: list[RadioMessage]


def read_rows(store: Store, operation_id: str, search: str) -> RadioRows:
    """What the desk's tables show, read on `store` (any thread that owns it)."""
    seqs = store.radio.seqs(operation_id, search)
    first = store.radio.by_seq(seqs[:PAGE_SIZE])
    queue = store.radio.queue(operation_id, QUEUE_LIMIT)
    return RadioRows(operation_id, search, seqs, first, queue)


def read_rows_job(operation_id: str, search: str, ctx: JobContext) -> RadioRows:
    return read_rows(ctx.store, operation_id, search)


class RadioQueryRunner(QObject):
    """GUI-side handle of the desk's reads."""

    rows_arrived = Signal(object)  # RadioRows of the newest request
    query_failed = Signal(str)

    def __init__(self, tasks: TaskManager, parent: QObject | None = None):
        super().__init__(parent)
        self.tasks = tasks
        self._key = f"radio-rows-{id(self)}"

    def submit(self, operation_id: str, search: str = "") -> None:
        """Ask for the log and queue of an operation; newer requests win."""
        self.tasks.submit(
            partial(read_rows_job, operation_id, search),
            lane=Lane.READS,
            key=self._key,
            on_done=self.rows_arrived.emit,
            on_failed=lambda error: self.query_failed.emit(error_words(error)),
            owner=self,
        )

    def is_busy(self) -> bool:
        """True while the answer to the newest request is still to come."""
        return self.tasks.is_busy(self._key)

    def stop(self) -> None:
        """Answers still to come are dropped; safe to call twice."""
        self.tasks.drop(self._key)
