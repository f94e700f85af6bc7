"""Background work as a plain function of a context: `fn(ctx) -> result` (no Qt here).

A job function reads and writes through `ctx.store`, says how far it got with
`ctx.progress(done, total, text)`, and stops early when `ctx.cancelled()` turns true (or
calls `ctx.check()`, which raises `Cancelled`). It returns plain data or raises. Who runs
it decides the thread: the desktop's task manager (fieldapp/ui/kit/taskman.py) runs it in
a worker thread of one of its lanes; tests and the command line may run it inline with
`run_inline`.

Threading rules:

- `ctx.store` is the running thread's own Store, opened on first use (a job that never
  touches it opens nothing). A SQLite connection never crosses threads: a job must not
  hand its store to another thread nor keep it after it returns.
- `ctx.progress`, `ctx.cancelled` and `ctx.check` may be called from the job's thread or
  from threads the job starts itself (the tile fetchers); they only take a lock.
- `Job.cancel()` may be called from any thread (the GUI thread's Cancel button); hooks
  registered with `ctx.on_cancel` run in the cancelling thread and must be thread-safe
  (e.g. a `threading.Event.set` or `SeedControl.cancel`).
"""

from __future__ import annotations

import itertools
import logging
import threading
from collections.abc import Callable
from enum import StrEnum
from typing import Any, Generic, TypeVar

from fieldapp.core.changes import Changes

log = logging.getLogger(__name__)
S = TypeVar("S")  # the store type (fieldapp.store.Store, which the core may not import)


class Cancelled(Exception):
    """Raised inside a job to stop it; the job then ends as cancelled, not failed."""


class JobState(StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    FINISHED = "finished"  # returned a result
    FAILED = "failed"  # raised; `Job.error` holds the exception object
    CANCELLED = "cancelled"  # stopped on request (or never started)
    DROPPED = "dropped"  # a newer request with the same key replaced it: no callbacks


ENDED = frozenset({JobState.FINISHED, JobState.FAILED, JobState.CANCELLED, JobState.DROPPED})
_ids = itertools.count(1)


class Job:
    """One piece of background work and what is known of it (shared between threads)."""

    def __init__(self, name: str = "", *, lane: str = "", key: str | None = None):
        self.id = next(_ids)
        self.name = name  # in words, for the Jobs panel; "" = an internal job, not listed
        self.lane = lane
        self.key = key
        self.state = JobState.QUEUED
        self.done = 0
        self.total = 0  # 0: unknown (a busy bar)
        self.text = ""  # the latest progress text (the UI may replace it by a translation)
        self.result: Any = None
        self.error: BaseException | None = None
        self.changes = Changes()  # the records its committed writes touched (set at its end)
        self._lock = threading.Lock()
        self._cancel = threading.Event()
        self._hooks: list[Callable[[], None]] = []

    def cancel(self) -> None:
        """Ask the job to stop; safe from any thread, any number of times."""
        with self._lock:
            if self._cancel.is_set():
                return
            self._cancel.set()
            hooks, self._hooks = self._hooks, []
        for hook in hooks:
            hook()

    def cancel_requested(self) -> bool:
        return self._cancel.is_set()

    def add_cancel_hook(self, hook: Callable[[], None]) -> None:
        with self._lock:
            if not self._cancel.is_set():
                self._hooks.append(hook)
                return
        hook()  # already cancelled: at once

    @property
    def ended(self) -> bool:
        return self.state in ENDED

    def __repr__(self) -> str:
        return f"<Job {self.id} {self.name or self.key or ''} {self.lane} {self.state}>"


Report = Callable[[Job, Any], None]  # (job, the progress call's data): tells the owner


class TaskContext(Generic[S]):
    """What a job function gets: its thread's store, progress, cancellation."""

    def __init__(
        self,
        job: Job,
        open_store: Callable[[], S],
        report: Report | None = None,
        user: str | None = None,
    ):
        self.job = job
        self._open_store = open_store
        self._report = report
        self._user = user
        self._store: S | None = None

    @property
    def store(self) -> S:
        """The thread's own store, opened on first use (acting as the submitter's user)."""
        if self._store is None:
            store = self._open_store()
            if self._user is not None:
                store.db.user = self._user  # type: ignore[attr-defined] (a Store)
            self._store = store
        return self._store

    def progress(self, done: int, total: int, text: str = "", data: Any = None) -> None:
        """How far the job got (total 0: unknown); `data` goes to the submitter as is."""
        job = self.job
        with job._lock:
            job.done, job.total = done, total
            if text:
                job.text = text
        if self._report is not None:
            self._report(job, data)

    def cancelled(self) -> bool:
        return self.job.cancel_requested()

    def check(self) -> None:
        """Raise Cancelled if the job was asked to stop (call it between steps)."""
        if self.job.cancel_requested():
            raise Cancelled

    def on_cancel(self, hook: Callable[[], None]) -> None:
        """Call `hook` when the job is cancelled (at once if it already was)."""
        self.job.add_cancel_hook(hook)


def run_job(fn: Callable[[TaskContext[Any]], Any], ctx: TaskContext[Any]) -> None:
    """Run `fn(ctx)` and record its outcome on the job (state, result or error)."""
    job = ctx.job
    if job.cancel_requested():
        job.state = JobState.CANCELLED
        return
    job.state = JobState.RUNNING
    try:
        result = fn(ctx)
    except Cancelled:
        job.state = JobState.CANCELLED
    except Exception as exc:  # handed to the submitter as the object itself, never lost
        log.warning("job %r failed", job, exc_info=True)
        job.error = exc
        job.state = JobState.FAILED
    else:
        # A job that noticed a cancel and still returned (a sync round's report, a partial
        # download's summary) finished: its result says what it did before it stopped.
        job.result = result
        job.state = JobState.FINISHED


def run_inline(
    fn: Callable[[TaskContext[Any]], Any], store: Any, report: Report | None = None
) -> Any:
    """Run a job function here, on `store` (the command line, tests); raise what it raises."""
    job = Job()
    run_job(fn, TaskContext(job, lambda: store, report))
    if job.state is JobState.FAILED and job.error is not None:
        raise job.error
    if job.state is JobState.CANCELLED:
        raise Cancelled
    return job.result
