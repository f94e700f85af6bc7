"""The application's one task manager: every background job of the desktop runs here.

A job is a plain Qt-free function of a context (fieldapp/core/tasks.py). `submit(fn,
lane=..., key=..., name=..., on_done=..., on_failed=...)` queues it on a lane:

- `WRITES`: one thread, so local writes run one after the other, in order;
- `READS`: list and log queries; `NETWORK`: sync rounds, tile downloads; `FILES`: PDFs,
  CSV logs, attachments, backups, tile imports. Each lane has a few threads of its own,
  so a long download never holds up a query.

Threading rules: a lane's threads are plain Python threads started on demand; each keeps
its own Store, opened by the first job that reads `ctx.store` and closed when the thread
ends (at `shutdown`): a SQLite connection never crosses threads. Everything else of the
manager lives on the GUI thread: a worker only emits the queued signal of `_Relay`, and
the callbacks (`on_done(result)`, `on_failed(exception object)`, `on_cancelled()`,
`on_progress(job, data)`) and the past-tense signals (`job_queued`, `job_started`,
`job_progressed`, `job_finished`) are called there.

What a job's writes changed (its thread store's `take_changes()`, sync rounds included)
goes out on `records_changed`, before its callback, even if it failed or was cancelled
after a commit: the views read again from that one signal, not from each callback.

"Newest request wins" by key: submitting a key cancels the older jobs with that key (a
queued one never runs) and drops their late results, so typing in a search box never
queues up work nor shows stale rows. `shutdown(timeout)` cancels everything and waits for
the threads with a bound; nothing is delivered after it. `TaskManager(synchronous=True)`
(tests) runs each job inline in `submit` and delivers its callbacks before returning.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from collections import deque
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QObject, Signal, Slot

from fieldapp.core.tasks import Job, JobState, TaskContext, run_job

if TYPE_CHECKING:
    from fieldapp.store import Store

log = logging.getLogger(__name__)
JobContext = TaskContext["Store"]  # what the UI's job functions take
JobFn = Callable[[JobContext], Any]


def error_words(error: BaseException) -> str:
    """An exception in words for the user (its message, else its type's name)."""
    return str(error) or type(error).__name__


class Lane(StrEnum):
    WRITES = "writes"
    READS = "reads"
    NETWORK = "network"
    FILES = "files"


THREADS = {Lane.WRITES: 1, Lane.READS: 2, Lane.NETWORK: 2, Lane.FILES: 2}
SHUTDOWN_S = 5.0  # a window close waits this long at most for running jobs


class _Entry:
    """A job with its function and its GUI-side callbacks."""

    def __init__(
        self,
        job: Job,
        fn: JobFn,
        user: str | None,
        callbacks: dict[str, Any],
        owner: QObject | None,
    ):
        self.job, self.fn, self.user, self.callbacks = job, fn, user, callbacks
        self.owner = owner

    def callback(self, kind: str) -> Callable[..., None] | None:
        """The callback of `kind`, unless its owner (a widget) was deleted meanwhile."""
        if self.owner is not None and not shiboken6.isValid(self.owner):
            return None
        return self.callbacks[kind]


class _ThreadStore:
    """One worker thread's Store, opened on first use, closed when the thread ends."""

    def __init__(self, open_store: Callable[[], Store]):
        self._open = open_store
        self.store: Store | None = None

    def get(self) -> Store:
        if self.store is None:
            self.store = self._open()
        return self.store

    def close(self) -> None:
        if self.store is not None:
            self.store.close()
            self.store = None


class _Lane:
    """A queue and up to `size` worker threads (Python threads; no Qt in them)."""

    def __init__(self, name: str, size: int, work: Callable[[_Entry, _ThreadStore], None]):
        self.name, self.size, self._work = name, size, work
        self._queue: deque[_Entry] = deque()
        self._cond = threading.Condition()
        self._threads: list[threading.Thread] = []
        self._idle = 0
        self._stopping = False
        self.open_store: Callable[[], Store] | None = None

    def put(self, entry: _Entry) -> None:
        with self._cond:
            self._queue.append(entry)
            if len(self._queue) > self._idle and len(self._threads) < self.size:
                number = len(self._threads) + 1
                thread = threading.Thread(
                    target=self._loop, name=f"fieldapp-{self.name}-{number}", daemon=True
                )
                self._threads.append(thread)
                thread.start()
            else:
                self._cond.notify()

    def take_queued(self, predicate: Callable[[_Entry], bool]) -> list[_Entry]:
        """Remove and return the queued (not started) entries that match."""
        with self._cond:
            taken = [entry for entry in self._queue if predicate(entry)]
            for entry in taken:
                self._queue.remove(entry)
        return taken

    def _loop(self) -> None:
        assert self.open_store is not None
        stores = _ThreadStore(self.open_store)
        try:
            while True:
                with self._cond:
                    self._idle += 1
                    while not self._queue and not self._stopping:
                        self._cond.wait()
                    self._idle -= 1
                    if self._stopping:
                        return
                    entry = self._queue.popleft()
                self._work(entry, stores)
        finally:
            stores.close()

    def stop(self) -> list[_Entry]:
        """No more jobs: returns the queued ones (never started); threads end after theirs."""
        with self._cond:
            self._stopping = True
            left = list(self._queue)
            self._queue.clear()
            self._cond.notify_all()
        return left

    def join(self, deadline: float) -> bool:
        for thread in self._threads:
            thread.join(max(0.0, deadline - time.monotonic()))
        return not any(thread.is_alive() for thread in self._threads)


class _Relay(QObject):
    """Carries a job's events from its worker thread to the GUI thread (queued)."""

    happened = Signal(object, str, object)  # entry, "started" | "progressed" | "ended", data


class TaskManager(QObject):
    """Runs job functions on lanes of worker threads; calls back on the GUI thread."""

    job_queued = Signal(object)  # Job
    job_started = Signal(object)
    job_progressed = Signal(object)
    job_finished = Signal(object)  # ended: finished, failed, cancelled or dropped
    records_changed = Signal(object)  # Changes: what a job's committed writes touched

    def __init__(
        self,
        data_dir: Path | str,
        parent: QObject | None = None,
        *,
        synchronous: bool = False,
        open_store: Callable[[], Store] | None = None,
    ):
        super().__init__(parent)
        self.data_dir = Path(data_dir)
        self.synchronous = synchronous
        self.user: str | None = None  # jobs' stores act as this user (the window's)
        self._open_store = open_store or self._default_store
        self._relay = _Relay(self)
        self._relay.happened.connect(self._on_relay_happened)
        self._lanes = {lane: _Lane(lane.value, size, self._work) for lane, size in THREADS.items()}
        for lane in self._lanes.values():
            lane.open_store = self._open_store
        self._active: dict[int, _Entry] = {}  # queued or running, by job id
        self._latest: dict[str, int] = {}  # key -> the id of its newest job
        self._shut_down = False

    def _default_store(self) -> Store:
        from fieldapp.store import Store

        return Store(self.data_dir)

    # -- asked on the GUI thread ---------------------------------------------------------

    def submit(
        self,
        fn: JobFn,
        *,
        lane: Lane = Lane.READS,
        key: str | None = None,
        name: str = "",
        on_done: Callable[[Any], None] | None = None,
        on_failed: Callable[[Exception], None] | None = None,
        on_cancelled: Callable[[], None] | None = None,
        on_progress: Callable[[Job, Any], None] | None = None,
        owner: QObject | None = None,
    ) -> Job:
        """Queue `fn(ctx)`; returns its Job. `name` (in words) lists it in the Jobs panel;
        the callbacks are not called once `owner` (the widget they update) is deleted."""
        job = Job(name, lane=lane.value, key=key)
        callbacks = {
            "done": on_done,
            "failed": on_failed,
            "cancelled": on_cancelled,
            "progress": on_progress,
        }
        entry = _Entry(job, fn, self.user, callbacks, owner)
        if self._shut_down:
            job.state = JobState.DROPPED
            return job
        if key is not None:
            self._supersede(key)
            self._latest[key] = job.id
        self._active[job.id] = entry
        self.job_queued.emit(job)
        if self.synchronous:
            self._run_here(entry)
        else:
            self._lanes[lane].put(entry)
        return job

    def _supersede(self, key: str) -> None:
        older = [e for e in self._active.values() if e.job.key == key]
        for entry in older:
            entry.job.cancel()
        for lane in self._lanes.values():
            for entry in lane.take_queued(lambda e: e.job.key == key):
                entry.job.state = JobState.DROPPED
                self._end(entry)

    def cancel(self, job: Job) -> None:
        """Ask a job to stop; a queued one never starts (its on_cancelled is called)."""
        job.cancel()
        for lane in self._lanes.values():
            for entry in lane.take_queued(lambda e: e.job is job):
                entry.job.state = JobState.CANCELLED
                self._end(entry)

    def drop(self, key: str) -> None:
        """Cancel the jobs of `key` and ignore their results (their owner is closing)."""
        self._supersede(key)
        self._latest.pop(key, None)

    def jobs(self) -> list[Job]:
        """Queued and running jobs, oldest first."""
        return [entry.job for entry in self._active.values()]

    def listed_jobs(self) -> list[Job]:
        """The jobs the Jobs panel shows (those with a name)."""
        return [job for job in self.jobs() if job.name]

    def is_busy(self, key: str | None = None) -> bool:
        """True while any job (or the newest job of `key`) is queued or running."""
        if key is None:
            return bool(self._active)
        return self._latest.get(key) in self._active

    def shutdown(self, timeout: float = SHUTDOWN_S) -> bool:
        """Cancel every job and wait for the threads, `timeout` seconds at most; no
        callback runs afterwards. True if every thread ended. Safe to call twice."""
        if self._shut_down:
            return True
        self._shut_down = True
        for entry in list(self._active.values()):
            entry.job.cancel()
        for lane in self._lanes.values():
            for entry in lane.stop():
                entry.job.state = JobState.CANCELLED
        deadline = time.monotonic() + timeout
        ended = all([lane.join(deadline) for lane in self._lanes.values()])
        if not ended:
            log.warning("jobs still running at shutdown: %s", self.jobs())
        self._active.clear()
        return ended

    # -- in a worker thread ------------------------------------------------------------

    def _work(self, entry: _Entry, stores: _ThreadStore) -> None:
        def report(job: Job, data: Any) -> None:
            self._emit(entry, "progressed", data)

        if not entry.job.cancel_requested():
            self._emit(entry, "started", None)
        run_job(entry.fn, TaskContext(entry.job, stores.get, report, entry.user))
        _take_changes(entry.job, stores)
        self._emit(entry, "ended", None)

    def _emit(self, entry: _Entry, kind: str, data: Any) -> None:
        # RuntimeError: the manager is gone (a job outlived the shutdown's bound).
        with contextlib.suppress(RuntimeError):
            self._relay.happened.emit(entry, kind, data)

    def _run_here(self, entry: _Entry) -> None:
        """Synchronous mode: the job runs now, on this thread, on a store of its own."""
        stores = _ThreadStore(self._open_store)

        def report(job: Job, data: Any) -> None:
            self._on_relay_happened(entry, "progressed", data)

        try:
            self._on_relay_happened(entry, "started", None)
            run_job(entry.fn, TaskContext(entry.job, stores.get, report, entry.user))
            _take_changes(entry.job, stores)
        finally:
            stores.close()
        self._on_relay_happened(entry, "ended", None)

    # -- back on the GUI thread --------------------------------------------------------

    def _stale(self, job: Job) -> bool:
        return job.key is not None and self._latest.get(job.key) != job.id

    @Slot(object, str, object)
    def _on_relay_happened(self, entry: _Entry, kind: str, data: Any) -> None:
        if self._shut_down or entry.job.id not in self._active:
            return
        job = entry.job
        if kind == "started":
            self.job_started.emit(job)
        elif kind == "progressed":
            callback = entry.callback("progress")
            if not self._stale(job) and callback is not None:
                callback(job, data)
            self.job_progressed.emit(job)
        else:
            if self._stale(job):
                job.state = JobState.DROPPED
            self._end(entry)

    def _end(self, entry: _Entry) -> None:
        """A job ended (or never started): forget it, then call its callback."""
        job = entry.job
        self._active.pop(job.id, None)
        if job.key is not None and self._latest.get(job.key) == job.id:
            del self._latest[job.key]
        callback: Callable[..., None] | None = None
        args: tuple = ()
        if job.state is JobState.FINISHED:
            callback, args = entry.callback("done"), (job.result,)
        elif job.state is JobState.FAILED:
            callback, args = entry.callback("failed"), (job.error,)
        elif job.state is JobState.CANCELLED:
            callback = entry.callback("cancelled")
        self.job_finished.emit(job)
        if job.changes:
            self.records_changed.emit(job.changes)
        if callback is not None:
            callback(*args)


def _take_changes(job: Job, stores: _ThreadStore) -> None:
    """In the job's thread: what its writes changed, from the thread's own store."""
    if stores.store is not None:
        job.changes = stores.store.db.take_changes()
