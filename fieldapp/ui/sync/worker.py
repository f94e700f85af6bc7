"""Sync in the background: one thread with its own Store runs the SyncClient.

`SyncRunner` (GUI thread) owns a QThread and a `_SyncWorker` living in it; the worker
opens its own `Store(data_dir)` there, so the SQLite connection never crosses threads.
Everything that touches the network (probe, sync round, join) runs in the worker; its
outcome comes back through queued signals. Cancel sets a flag the round reads between
steps. `stop()` (window closing) cancels, closes the worker's Store and ends the thread.

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
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QMetaObject, QObject, Qt, QThread, QTimer, Signal, Slot

from fieldapp.store import Store
from fieldapp.sync.client.config import load_config
from fieldapp.ui.sync.texts import NOT_SET_UP, OFFLINE, ONLINE, SYNCING

if TYPE_CHECKING:  # the client (requests…) is imported on first use: start-up stays light
    from fieldapp.sync.client.session import SyncClient, SyncReport

log = logging.getLogger(__name__)


class _SyncWorker(QObject):
    """Lives in the sync thread; owns the thread's Store and SyncClient."""

    progressed = Signal(str, int, int)  # phase, done, total (0: unknown)
    synced = Signal(object, bool)  # SyncReport, server reachable afterwards
    probed = Signal(bool, str)  # reachable, the error in words ("" when reachable)
    joined = Signal(bool, str)  # ok, the error in words or the server's address

    def __init__(self, data_dir: Path):
        super().__init__()
        self.data_dir = data_dir
        self.cancelled = False  # written by the GUI thread; a bool store is atomic
        self._store: Store | None = None

    def _client(self) -> SyncClient:
        from fieldapp.sync.client.session import SyncClient

        if self._store is None:
            self._store = Store(self.data_dir)
        return SyncClient(self._store)

    @Slot()
    def sync(self) -> None:
        from fieldapp.sync.client.session import SyncReport

        client = self._client()
        try:
            report = client.sync(progress=self.progressed.emit, cancel=lambda: self.cancelled)
        except Exception as exc:  # a bug must not kill the thread: say it in words
            log.exception("sync round failed")
            report = SyncReport(errors=[str(exc) or type(exc).__name__])
        reachable = report.complete or self._reachable(client)
        self.synced.emit(report, reachable)

    def _reachable(self, client: SyncClient) -> bool:
        from fieldapp.sync.client.session import SyncError

        if self.cancelled:
            return True  # the user stopped it; the link was not the trouble
        try:
            client.probe()
        except SyncError:
            return False
        return True

    @Slot()
    def probe(self) -> None:
        from fieldapp.sync.client.session import SyncError

        client = self._client()
        try:
            client.probe()
        except SyncError as exc:
            self.probed.emit(False, str(exc))
        except Exception as exc:
            log.exception("probe failed")
            self.probed.emit(False, str(exc) or type(exc).__name__)
        else:
            self.probed.emit(True, "")

    @Slot(str, str, str, str)
    def join(self, url: str, code: str, device_name: str, pin: str) -> None:
        """Enroll with a one-time code; `pin` is a self-signed certificate's file, or ""."""
        from fieldapp.sync.client.session import SyncError, join

        self._client()
        assert self._store is not None
        try:
            config = join(self._store, url, code, device_name, pin=Path(pin) if pin else None)
        except SyncError as exc:
            self.joined.emit(False, str(exc))
        except Exception as exc:
            log.exception("join failed")
            self.joined.emit(False, str(exc) or type(exc).__name__)
        else:
            self.joined.emit(True, config.url)

    @Slot()
    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None


class SyncRunner(QObject):
    """GUI-side handle of the sync thread, and the background sync schedule."""

    state_changed = Signal(str)  # ONLINE, OFFLINE, NOT_SET_UP or SYNCING
    sync_started = Signal()
    sync_progressed = Signal(str, int, int)
    sync_finished = Signal(object)  # SyncReport
    join_finished = Signal(bool, str)  # ok, error in words (or the server's address)
    BASE_S = 5.0  # backoff of the probes while the server is unreachable
    CAP_S = 300.0
    ONLINE_S = 60.0  # while online: look for news this often
    NUDGE_MS = 2000  # after a local edit: send it this soon

    _sync_requested = Signal()
    _probe_requested = Signal()
    _join_requested = Signal(str, str, str, str)

    def __init__(self, store: Store, parent: QObject | None = None):
        """`store` is the GUI thread's Store: only cheap reads (joined? pending?) on it."""
        super().__init__(parent)
        self.store = store
        self.data_dir = Path(store.data_dir)
        self.state = NOT_SET_UP
        self.last_probe_error = ""
        self.failures = 0
        self._busy = False
        self._running = False
        self._stopped = False  # after stop(): answers still queued from the worker are dropped
        self._nudged = False  # a change was saved while the worker was busy
        self._last_sync = 0.0
        self._thread = QThread()
        self._thread.setObjectName("sync")
        self._worker = _SyncWorker(self.data_dir)
        self._worker.moveToThread(self._thread)
        self._sync_requested.connect(self._worker.sync)
        self._probe_requested.connect(self._worker.probe)
        self._join_requested.connect(self._worker.join)
        self._worker.progressed.connect(self.sync_progressed)
        self._worker.synced.connect(self._on_worker_synced)
        self._worker.probed.connect(self._on_worker_probed)
        self._worker.joined.connect(self._on_worker_joined)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._on_timer_timeout)
        self._thread.start()

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
        self._worker.cancelled = False
        self._set_state(SYNCING)
        self.sync_started.emit()
        self._sync_requested.emit()
        return True

    def cancel(self) -> None:
        self._worker.cancelled = True

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
        self._join_requested.emit(url, code, device_name, pin)

    def is_busy(self) -> bool:
        return self._busy

    def stop(self) -> None:
        """Cancel, close the worker's Store and end the thread; safe to call twice."""
        self._running = False
        self._stopped = True
        self._timer.stop()
        if not self._thread.isRunning():
            return
        self._worker.cancelled = True
        QMetaObject.invokeMethod(self._worker, "close", Qt.ConnectionType.BlockingQueuedConnection)
        self._thread.quit()
        self._thread.wait()

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
        self._probe_requested.emit()

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
        stale = time.monotonic() - self._last_sync >= self.ONLINE_S
        if came_back or stale or self._pending():
            self.sync_now()
        else:
            self._schedule(self.ONLINE_S)

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
            self._schedule(self.ONLINE_S)
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

    def _set_state(self, state: str) -> None:
        if state != self.state:
            self.state = state
            self.state_changed.emit(state)


def _retry_delay(failures: int, base_s: float, cap_s: float) -> float:
    from fieldapp.sync.client.session import retry_delay

    return retry_delay(failures, base_s, cap_s)
