"""Sync in the background: rounds, probes, joins and undoing a refused change are jobs of
the task manager.

`SyncRunner` (GUI thread) keeps the link state and the background schedule; the work
that touches the network (probe, sync round, join) is a Qt-free job function below, run
on the task manager's network lane with that thread's own Store (the SQLite connection
never crosses threads). Its outcome comes back on the GUI thread through the manager's
callbacks. Cancel (the panel's button, or the Jobs panel's) sets the job's flag, which
the round reads between steps. `stop()` (window closing) cancels the job and drops its
late answer; the manager's shutdown waits for it, with a bound.

Consent: the app never makes a network request the user did not ask for. While this
device has not joined a server, the runner sends nothing at all; joining a server (the
user types its address and a code) is the user's consent to background sync with it,
and "Sync now" is an explicit request. Background sync then probes the server with
backoff (`retry_delay`) while it is unreachable, and syncs by itself when the link
returns and whenever changes are waiting to be sent.
"""

from __future__ import annotations

import logging
import time
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot

from fieldapp.core.tasks import Job
from fieldapp.store import Store
from fieldapp.sync.client.config import load_config
from fieldapp.ui.kit.taskman import JobContext, Lane, TaskManager, error_words
from fieldapp.ui.sync.texts import (
    NOT_SET_UP,
    OFFLINE,
    ONLINE,
    SYNCING,
    phase_text,
    sync_error_text,
)

if TYPE_CHECKING:  # the client (requests…) is imported on first use: start-up stays light
    from fieldapp.sync.client.session import SyncClient, SyncReport

log = logging.getLogger(__name__)


# -- the jobs (worker thread, Qt-free) -----------------------------------------------------


def sync_round(ctx: JobContext) -> tuple[SyncReport, bool]:
    """One round; returns its report and whether the server is reachable afterwards."""
    from fieldapp.sync.client.session import SyncClient, SyncReport

    client = SyncClient(ctx.store)

    def progress(phase: str, done: int, total: int) -> None:
        ctx.progress(done, total, phase, data=phase)

    try:
        report = client.sync(progress=progress, cancel=ctx.cancelled)
    except Exception as exc:  # a bug must not pass for a link problem: say it in words
        log.exception("sync round failed")
        report = SyncReport(errors=[error_words(exc)])
    return report, report.complete or _reachable(client, ctx)


def _reachable(client: SyncClient, ctx: JobContext) -> bool:
    from fieldapp.sync.client.session import SyncError

    if ctx.cancelled():
        return True  # the user stopped it; the link was not the trouble
    try:
        client.probe()
    except SyncError:
        return False
    return True


def probe(ctx: JobContext) -> tuple[bool, str]:
    """(reachable, the error in words: "" when reachable)."""
    from fieldapp.sync.client.session import SyncClient, SyncError

    try:
        SyncClient(ctx.store).probe()
    except SyncError as exc:
        return False, str(exc)
    return True, ""


def join_server(url: str, code: str, device_name: str, pin: str, ctx: JobContext) -> str:
    """Enroll with a one-time code; `pin` is a self-signed certificate's file, or "".
    Returns the server's address; raises SyncError in words."""
    from fieldapp.sync.client.session import join

    config = join(ctx.store, url, code, device_name, pin=Path(pin) if pin else None)
    return config.url


def undo_refused(entity: str, row_id: str, ctx: JobContext) -> str:
    """Take the server's version of a record whose changes it refused: "restored" or
    "removed" (sync/client/refused.py); raises SyncError in words."""
    from fieldapp.sync.client.session import SyncClient

    return SyncClient(ctx.store).undo_refused(entity, row_id)


class SyncRunner(QObject):
    """GUI-side handle of the sync thread, and the background sync schedule."""

    state_changed = Signal(str)  # ONLINE, OFFLINE, NOT_SET_UP or SYNCING
    sync_started = Signal()
    sync_progressed = Signal(str, int, int)
    sync_finished = Signal(object)  # SyncReport
    join_finished = Signal(bool, str)  # ok, error in words (or the server's address)
    undo_finished = Signal(bool, str)  # ok, "restored" / "removed" or the error in words
    BASE_S = 5.0  # backoff of the probes while the server is unreachable
    CAP_S = 300.0
    ONLINE_S = 60.0  # while online: look for news this often
    EXERCISE_S = 5.0  # ... and this often while an exercise's clock runs (injects arrive)
    EARLY_S = 0.5  # a timer firing this much before its time still starts the round it was for
    NUDGE_MS = 2000  # after a local edit: send it this soon

    def __init__(self, store: Store, tasks: TaskManager, parent: QObject | None = None):
        """`store` is the GUI thread's Store: only cheap reads (joined? pending?) on it."""
        super().__init__(parent)
        self.store = store
        self.tasks = tasks
        self.job: Job | None = None  # the running round, probe or join
        self.data_dir = Path(store.data_dir)
        self.state = NOT_SET_UP
        self.last_probe_error = ""
        self.failures = 0
        self._busy = False
        self._running = False
        self._stopped = False  # after stop(): answers still queued from the worker are dropped
        self._nudged = False  # a change was saved while the worker was busy
        self._last_sync = 0.0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        # A coarse timer fires up to 5% early: the news round it was set for then seemed
        # not due yet, and the next look came a whole interval later (2 x ONLINE_S).
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self._on_timer_timeout)

    def _submit(self, fn, on_done, name: str = "", **callbacks) -> None:
        self.job = self.tasks.submit(
            fn,
            lane=Lane.NETWORK,
            key=self._key,
            name=name,
            on_done=on_done,
            owner=self,
            **callbacks,
        )

    @property
    def _key(self) -> str:
        return f"sync-{id(self)}"

    # -- asked by the user or the window -------------------------------------------------

    def start(self, joined: bool) -> None:
        """Begin background sync if this device has joined a server; else stay silent."""
        self._running = True
        if not joined:
            self._set_state(NOT_SET_UP)
            return
        if self.state == NOT_SET_UP:
            self._set_state(OFFLINE)
        self._schedule(0)

    def sync_now(self) -> bool:
        """Start a round at once ("Sync now"); False when one is running or not set up."""
        if self._busy or not self._joined():
            return False
        self._timer.stop()
        self._busy = True
        self._set_state(SYNCING)
        self.sync_started.emit()
        self._submit(
            sync_round,
            lambda outcome: self._on_worker_synced(*outcome),
            self.tr("Sync round"),
            on_progress=self._on_job_progressed,
            on_cancelled=self._on_job_cancelled,
        )
        return True

    def cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()

    def _on_job_progressed(self, job: Job, phase: str) -> None:
        job.text = phase_text(phase)
        self.sync_progressed.emit(phase, job.done, job.total)

    def _on_job_cancelled(self) -> None:
        """Cancelled before it started (it waited behind a download): nothing moved."""
        from fieldapp.sync.client.session import SyncReport

        self._on_worker_synced(SyncReport(), True)

    def nudge(self) -> None:
        """A local change was saved: send it soon if the server is there."""
        if not self._running:
            return
        if self._busy:
            self._nudged = True  # saved while a round or probe runs: send it right after
        elif self.state == ONLINE:
            self._schedule(self.NUDGE_MS / 1000)

    def join(self, url: str, code: str, device_name: str, pin: str = "") -> None:
        self._busy = True
        self._submit(
            partial(join_server, url, code, device_name, pin),
            lambda address: self._on_worker_joined(True, address),
            self.tr("Joining the sync server"),
            on_failed=lambda error: self._on_worker_joined(False, sync_error_text(error)),
            on_cancelled=lambda: self._on_worker_joined(False, self.tr("Cancelled.")),
        )

    def undo(self, entity: str, row_id: str) -> bool:
        """Undo the refused changes of one record (the user confirmed); False when busy."""
        if self._busy:
            return False
        self._busy = True
        self._submit(
            partial(undo_refused, entity, row_id),
            lambda outcome: self._on_worker_undone(True, outcome),
            self.tr("Taking the server's version back"),
            on_failed=lambda error: self._on_worker_undone(False, sync_error_text(error)),
            on_cancelled=lambda: self._on_worker_undone(False, self.tr("Cancelled.")),
        )
        return True

    def is_busy(self) -> bool:
        return self._busy

    def stop(self) -> None:
        """Cancel the running job and drop its answer (the window is closing); safe twice."""
        self._running = False
        self._stopped = True
        self._timer.stop()
        self.tasks.drop(self._key)

    # -- the schedule --------------------------------------------------------------------

    def _joined(self) -> bool:
        return load_config(self.store.conn).joined

    def _schedule(self, seconds: float) -> None:
        if self._running:
            self._timer.start(int(seconds * 1000))

    @Slot()
    def _on_timer_timeout(self) -> None:
        if self._busy or not self._running:
            return
        if not self._joined():
            self._set_state(NOT_SET_UP)
            return
        self._busy = True
        self._submit(
            probe,
            lambda outcome: self._on_worker_probed(*outcome),
            on_failed=lambda error: self._on_worker_probed(False, error_words(error)),
            on_cancelled=lambda: self._on_worker_probed(False, ""),
        )

    @Slot(bool, str)
    def _on_worker_probed(self, reachable: bool, error: str) -> None:
        if self._stopped:  # the window closed: its Store too
            return
        self._busy = False
        self.last_probe_error = error
        if not reachable:
            self.failures += 1
            self._set_state(OFFLINE)
            self._schedule(_retry_delay(self.failures, self.BASE_S, self.CAP_S))
            return
        came_back = self.state != ONLINE
        self.failures = 0
        self._set_state(ONLINE)
        stale = time.monotonic() - self._last_sync >= self.look_s() - self.EARLY_S
        if came_back or stale or self._pending():
            self.sync_now()
        else:
            self._schedule(self.look_s())

    def look_s(self) -> float:
        """How soon to look for news: sooner while an exercise's clock runs on this device's
        data (its released injects reach the players within seconds on a LAN), else every
        ONLINE_S. One read of a table of one row per exercise, on the GUI thread's store."""
        running = self.store.conn.execute(
            "SELECT 1 FROM exercise_clocks WHERE state = 'running' AND deleted = 0 LIMIT 1"
        ).fetchone()
        return self.EXERCISE_S if running else self.ONLINE_S

    def _pending(self) -> int:
        return self.store.db.outbox_count()

    @Slot(object, bool)
    def _on_worker_synced(self, report: SyncReport, reachable: bool) -> None:
        if self._stopped:  # the window closed: its Store too
            return
        self._busy = False
        self._last_sync = time.monotonic()
        self.failures = 0 if reachable else self.failures + 1
        self._set_state(ONLINE if reachable else OFFLINE)
        self.sync_finished.emit(report)
        nudged, self._nudged = self._nudged, False
        if reachable and (report.pushed or nudged) and self._pending():
            self._schedule(self.NUDGE_MS / 1000)  # edits saved during the round: send them
        elif reachable:
            self._schedule(self.look_s())
        else:
            self._schedule(_retry_delay(self.failures, self.BASE_S, self.CAP_S))

    @Slot(bool, str)
    def _on_worker_joined(self, ok: bool, words: str) -> None:
        if self._stopped:  # the window closed: its Store too
            return
        self._busy = False
        self.join_finished.emit(ok, words)
        if ok:
            self.failures = 0
            self._set_state(OFFLINE)
            self._running = True
            self.sync_now()

    @Slot(bool, str)
    def _on_worker_undone(self, ok: bool, words: str) -> None:
        if self._stopped:
            return
        self._busy = False
        self.undo_finished.emit(ok, words)

    def _set_state(self, state: str) -> None:
        if state != self.state:
            self.state = state
            self.state_changed.emit(state)


def _retry_delay(failures: int, base_s: float, cap_s: float) -> float:
    from fieldapp.sync.client.session import retry_delay

    return retry_delay(failures, base_s, cap_s)
