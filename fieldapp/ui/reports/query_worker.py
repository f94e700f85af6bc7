"""Runs report-list queries off the GUI thread, on the task manager's reads lane.

With 200,000 reports, ordering every matching row takes a few hundred milliseconds, too
long for the GUI thread on each keystroke. `ReportQueryRunner` submits each query as a job
(`read_seqs`, on the worker thread's own Store) under one key, so only the newest request
is worked on and delivered: older ones are dropped, and typing never queues up work. A
query first answers with a page (fast: the first rows in display order); the model then
asks for the full ordered list with `fetch_rest` a little later, once the GUI thread has
painted that page: building a list of 200,000 ids holds the GIL, and the first paint must
not wait for it. Answers arrive on the GUI thread (`results_arrived`); a failure arrives
as the exception object from the manager and goes on in words (`query_failed`). The
runner itself lives on the GUI thread.
"""

from __future__ import annotations

from dataclasses import replace
from functools import partial

from PySide6.QtCore import QObject, Signal

from fieldapp.reports.query import ReportQuery
from fieldapp.ui.kit.taskman import JobContext, Lane, TaskManager

FIRST_PAGE = 200


def read_seqs(query: ReportQuery, first_page: int, whole: bool, ctx: JobContext):
    """The job: (row numbers, complete) of a query's first page, or of all of it."""
    if whole:
        return ctx.store.reports.seqs(query), True
    first = ctx.store.reports.seqs(replace(query, limit=first_page))
    return first, len(first) < first_page


class ReportQueryRunner(QObject):
    """GUI-side handle of the report list's queries."""

    results_arrived = Signal(int, object)  # generation, (seqs, complete)
    query_failed = Signal(int, str)
    query_requested = Signal(int, object, bool)  # generation, query, whole list (tests)

    def __init__(
        self, tasks: TaskManager, parent: QObject | None = None, first_page: int = FIRST_PAGE
    ):
        super().__init__(parent)
        self.tasks = tasks
        self.first_page = first_page
        self._generation = 0
        self._key = f"report-list-{id(self)}"

    def submit(self, query: ReportQuery, *, first_page: bool = True) -> int:
        """Ask for the first page of a query; returns its generation (newer ones win).

        With `first_page=False` the caller read the first page itself and only takes a
        generation number, for `fetch_rest` later.
        """
        self._generation += 1
        if first_page:
            self._request(self._generation, query, whole=False)
        else:
            self.tasks.drop(self._key)  # an older query's answer must not come after
        return self._generation

    def fetch_rest(self, generation: int, query: ReportQuery) -> None:
        """Ask for the whole ordered list of a query whose first page arrived."""
        if generation == self._generation:
            self._request(generation, query, whole=True)

    def _request(self, generation: int, query: ReportQuery, *, whole: bool) -> None:
        self.query_requested.emit(generation, query, whole)
        self.tasks.submit(
            partial(read_seqs, query, self.first_page, whole),
            lane=Lane.READS,
            key=self._key,
            on_done=partial(self.results_arrived.emit, generation),
            on_failed=partial(self._on_job_failed, generation),
            owner=self,
        )

    def _on_job_failed(self, generation: int, error: Exception) -> None:
        self.query_failed.emit(generation, str(error) or type(error).__name__)

    def stop(self) -> None:
        """Answers still to come are dropped; safe to call twice."""
        self._generation += 1
        self.tasks.drop(self._key)
