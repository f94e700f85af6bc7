"""Reads the radio desk's log and queue off the GUI thread.

With 50,000 messages, the log's row numbers (one index walk, or a full-text search) and
the queue's rows take ~0.1-0.3 s together: after each save that would freeze the form
right when the operator starts copying the next message. `RadioQueryRunner` keeps one
worker thread with its own read connection (its own `Store`). A request asks for the
log of an operation (newest first, or the matches of a search) with its first page of
rows, and the queue; only the newest request is worked on, older ones are dropped, so
typing in the search box never queues up work. Answers arrive on the GUI thread through
the queued `rows_arrived` signal.

The thread starts on the first request and stops with `stop()` (the desk calls it when
it closes); a later request starts it again.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QMetaObject, QObject, Qt, QThread, Signal, Slot

from fieldapp.core.record_types import RadioMessage
from fieldapp.store import Store

log = logging.getLogger(__name__)
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


class _RadioWorker(QObject):
    """Lives in the worker thread; owns the thread's Store."""

    answered = Signal(int, object)  # generation, RadioRows
    failed = Signal(int, str)

    def __init__(self, data_dir: Path):
        super().__init__()
        self.data_dir = data_dir
        self.latest = 0  # written by the GUI thread; an int store is atomic
        self._store: Store | None = None

    @Slot(int, str, str)
    def run(self, generation: int, operation_id: str, search: str) -> None:
        if generation != self.latest:
            return  # a newer request is queued behind this one
        try:
            if self._store is None:
                self._store = Store(self.data_dir)
            rows = read_rows(self._store, operation_id, search)
        except Exception as exc:
            log.exception("radio log query failed")
            self.failed.emit(generation, str(exc) or type(exc).__name__)
        else:
            self.answered.emit(generation, rows)

    @Slot()
    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None


class RadioQueryRunner(QObject):
    """GUI-side handle of the radio query thread."""

    rows_arrived = Signal(object)  # RadioRows of the newest request
    query_failed = Signal(str)
    _requested = Signal(int, str, str)  # generation, operation id, search

    def __init__(self, data_dir: Path | str, parent: QObject | None = None):
        super().__init__(parent)
        self._generation = 0
        self._answered = 0
        self._thread = QThread()
        self._thread.setObjectName("radio-queries")
        self._worker = _RadioWorker(Path(data_dir))
        self._worker.moveToThread(self._thread)
        self._requested.connect(self._worker.run)
        self._worker.answered.connect(self._on_worker_answered)
        self._worker.failed.connect(self._on_worker_failed)

    def submit(self, operation_id: str, search: str = "") -> int:
        """Ask for the log and queue of an operation; newer requests win."""
        if not self._thread.isRunning():
            self._thread.start()
        self._generation += 1
        self._worker.latest = self._generation
        self._requested.emit(self._generation, operation_id, search)
        return self._generation

    def is_busy(self) -> bool:
        """True while the answer to the newest request is still to come."""
        return self._answered != self._generation

    @Slot(int, object)
    def _on_worker_answered(self, generation: int, rows: RadioRows) -> None:
        if generation == self._generation:
            self._answered = generation
            self.rows_arrived.emit(rows)

    @Slot(int, str)
    def _on_worker_failed(self, generation: int, message: str) -> None:
        if generation == self._generation:
            self._answered = generation
            self.query_failed.emit(message)

    def stop(self) -> None:
        """Close the worker's connection and end the thread; safe to call twice."""
        if not self._thread.isRunning():
            return
        self._generation += 1  # answers still in flight are dropped
        self._answered = self._generation
        self._worker.latest = -1
        QMetaObject.invokeMethod(self._worker, "close", Qt.ConnectionType.BlockingQueuedConnection)
        self._thread.quit()
        self._thread.wait()
