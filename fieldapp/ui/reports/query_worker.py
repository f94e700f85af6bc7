"""Runs report-list queries off the GUI thread.

With 200,000 reports, ordering every matching row takes a few hundred milliseconds, too
long for the GUI thread on each keystroke. `ReportQueryRunner` keeps one worker thread
with its own read connection (its own `Store`). A query first answers with a page (fast:
the first rows in display order); the model then asks for the full ordered list with
`fetch_rest` a little later, once the GUI thread has painted that page: building a list of
200,000 ids holds the GIL, and the first paint must not wait for it. Only the newest
request is worked on; older ones are dropped, so typing never queues up work. Results
arrive on the GUI thread through the queued `results_arrived` signal.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QMetaObject, QObject, Qt, QThread, Signal, Slot

from fieldapp.reports.query import ReportQuery
from fieldapp.store import Store

log = logging.getLogger(__name__)
FIRST_PAGE = 200


class _QueryWorker(QObject):
    """Lives in the worker thread; owns the thread's Store."""

    answered = Signal(int, object)  # generation, (seqs, complete)
    failed = Signal(int, str)

    def __init__(self, data_dir: Path, first_page: int):
        super().__init__()
        self.data_dir = data_dir
        self.first_page = first_page
        self.latest = 0  # written by the GUI thread; an int store is atomic
        self._store: Store | None = None

    @Slot(int, object, int)
    def run(self, generation: int, query: ReportQuery, whole: int) -> None:
        if generation != self.latest:
            return
        try:
            if self._store is None:
                self._store = Store(self.data_dir)
            if whole:
                self.answered.emit(generation, (self._store.reports.seqs(query), True))
            else:
                first = self._store.reports.seqs(replace(query, limit=self.first_page))
                self.answered.emit(generation, (first, len(first) < self.first_page))
        except Exception as exc:
            log.exception("report query failed")
            self.failed.emit(generation, str(exc))

    @Slot()
    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None


class ReportQueryRunner(QObject):
    """GUI-side handle of the query thread."""

    results_arrived = Signal(int, object)  # generation, (seqs, complete)
    query_failed = Signal(int, str)
    _requested = Signal(int, object, int)  # generation, query, whole list (1) or a page (0)

    def __init__(self, data_dir: Path, parent: QObject | None = None, first_page: int = FIRST_PAGE):
        super().__init__(parent)
        self._generation = 0
        self.first_page = first_page
        self._thread = QThread()
        self._thread.setObjectName("report-queries")
        self._worker = _QueryWorker(Path(data_dir), first_page)
        self._worker.moveToThread(self._thread)
        self._requested.connect(self._worker.run)
        self._worker.answered.connect(self.results_arrived)
        self._worker.failed.connect(self.query_failed)
        self._thread.start()

    def submit(self, query: ReportQuery, *, first_page: bool = True) -> int:
        """Ask for the first page of a query; returns its generation (newer ones win).

        With `first_page=False` the caller read the first page itself and only takes a
        generation number, for `fetch_rest` later.
        """
        self._generation += 1
        self._worker.latest = self._generation
        if first_page:
            self._requested.emit(self._generation, query, 0)
        return self._generation

    def fetch_rest(self, generation: int, query: ReportQuery) -> None:
        """Ask for the whole ordered list of a query whose first page arrived."""
        if generation == self._generation:
            self._requested.emit(generation, query, 1)

    def stop(self) -> None:
        """Close the worker's connection and end the thread; safe to call twice."""
        if not self._thread.isRunning():
            return
        self._worker.latest = -1
        QMetaObject.invokeMethod(self._worker, "close", Qt.ConnectionType.BlockingQueuedConnection)
        self._thread.quit()
        self._thread.wait()
