"""The sync client: join a server, run one sync round, tell where everything stands.

Threading: a SyncClient runs in ONE worker thread with its own Store (its own SQLite
connection on the same file as the UI's Store); never call it from the UI thread and
never share it. The UI passes `progress` and `cancel` callables (called from the worker:
emit a Qt signal from them, don't touch widgets) and shows the SyncReport it returns.
`status()` and `conflicts()` are quick reads the UI may also make through the sync
worker, or with `sync_status(store)` on its own Store.

API (the GUI sync panel and conflict view build on these):

    config = join(store, "https://host:8765", "K7P-4QX-9M3", "Laptop 3", pin=cert_path)
    client = SyncClient(store)
    report = client.sync(progress=cb, cancel=flag)   # -> SyncReport (never raises for
    report.complete, report.summary(), report.as_json()   # link or server trouble)
    sync_status(store) -> SyncStatus   # pending count, oldest age, last success/error
    client.set_metered(True)           # originals wait, thumbnails go
    client.probe() / retry_delay(n)    # background sync: probe with backoff, then sync
    conflicts(store) / resolve_conflict(store, conflict_id, value)
    record_states(store.conn, "report", ids)   # local only / on the server since when

One round: push the outbox in batches (the unanswered batch first, same key, same
bytes: outgoing.py), pull pages since the cursor (incoming.py), then attachment files
(blobsync.py). A report is `complete` only when the outbox is empty, nothing is parked
and no file waits: "synchronised" is never said when something was not sent. Received
records this device cannot store are set aside and named in every round's warnings
(setaside.py).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fieldapp.core.bookkeeping import get_state, set_state
from fieldapp.core.changes import Changes
from fieldapp.sync.client import setaside
from fieldapp.sync.client.config import (
    SyncConfig,
    load_config,
    pin_certificate,
    read_token,
    verify_setting,
    write_token,
)
from fieldapp.sync.client.local import conflicts, forget_pushed, now_text, record_states
from fieldapp.sync.client.resolve import resolve_conflict
from fieldapp.sync.client.status import SyncStatus, sync_status
from fieldapp.sync.client.transport import AuthError, LinkError, SyncError, Transport
from fieldapp.sync.protocol import joining, wire

if TYPE_CHECKING:
    from fieldapp.store import Store

__all__ = [
    "AuthError",
    "LinkError",
    "SyncClient",
    "SyncError",
    "SyncReport",
    "SyncStatus",
    "conflicts",
    "join",
    "record_states",
    "resolve_conflict",
    "retry_delay",
    "sync_status",
]
Progress = Callable[[str, int, int], None]  # (phase, done, total or 0 when unknown)
SKEW_WARN_MS = 2 * 60 * 1000


@dataclass
class SyncReport:
    pushed: int = 0  # entries the server acknowledged (applied, conflict or duplicate)
    duplicates: int = 0  # of which it had already (a lost answer, a bundle)
    rejected: int = 0  # entries refused, kept in the outbox with their reason
    pulled: int = 0  # records received
    changed: int = 0  # local records that changed
    conflicts: int = 0  # new conflict records (from the server or found here)
    files_up: int = 0
    files_down: int = 0
    originals_held_back: int = 0  # metered link
    requests: int = 0
    bytes_up: int = 0
    bytes_down: int = 0
    pending: int = 0  # outbox entries not on the server after this round
    parked: int = 0  # received records that could not be stored yet
    set_aside: int = 0  # received records this device cannot store (setaside.py)
    seconds: float = 0.0
    cancelled: bool = False  # stopped by the user
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    changes: Changes = field(default_factory=Changes)  # the local records a pull changed

    @property
    def complete(self) -> bool:
        held = self.originals_held_back
        return not self.errors and not self.pending and not self.parked and not held

    def summary(self) -> str:
        moved = (
            f"{self.pushed} change(s) sent, {self.pulled} received, {self.conflicts} conflict(s),"
            f" {self.files_up} file(s) sent, {self.files_down} received;"
            f" {self.requests} request(s), {self.bytes_up:,} bytes up, {self.bytes_down:,} down"
        )
        if self.complete:
            return "Synchronised: " + moved + self._set_aside_words()
        left = [f"{self.pending} change(s) not on the server yet"] if self.pending else []
        left += [f"{self.parked} received record(s) not stored yet"] if self.parked else []
        if self.originals_held_back:
            left.append(f"{self.originals_held_back} original file(s) held back (metered link)")
        return (
            "NOT fully synchronised: " + "; ".join(left + self.errors) + ". Moved: " + moved
            + self._set_aside_words()
        )  # fmt: skip

    def _set_aside_words(self) -> str:
        """A received record that cannot be stored does not make a round incomplete (syncing
        again would not store it) but is named after every round."""
        if not self.set_aside:
            return ""
        return (
            f". {self.set_aside} received record(s) set aside, this device cannot store"
            " them (see the warnings)"
        )

    def as_json(self) -> dict[str, Any]:
        out = {**asdict(self), "complete": self.complete, "summary": self.summary()}
        out["changes"] = {entity: sorted(ids) for entity, ids in self.changes.ids.items()}
        return out


def api_url(url: str) -> str:
    """A server address as typed (host:port, http(s)://host[:port][/api/v1]) -> its API base."""
    url = url.strip().rstrip("/")
    if "://" not in url:
        url = "http://" + url
    return url if url.endswith(wire.API) else url + wire.API


def join(
    store: Store,
    url: str,
    code: str,
    device_name: str,
    *,
    pin: Path | None = None,
    transport: Transport | None = None,
) -> SyncConfig:
    """Enroll this device with a one-time code; stores the config and the token.

    Raises SyncError (AuthError for a wrong, used or expired code) and changes nothing.
    """
    try:
        canonical = joining.normalise_code(code)
    except wire.WireError as exc:
        raise SyncError(str(exc), "code_format") from None
    base = api_url(url)
    verify: str | bool = True
    if pin is not None:
        try:
            verify = str(_check_pem(pin))
        except (OSError, ValueError) as exc:
            raise SyncError(f"cannot pin that certificate: {exc}", "pin") from None
    http = transport or Transport(base, verify=verify, attempts=3)
    try:
        answer = http.json("POST", "/join", {"code": canonical, "device_name": device_name})
    except AuthError as exc:
        raise AuthError(
            f"{exc}. Ask the server's admin for a new code (fieldapp server enroll NAME)",
            "code_refused",
        ) from None
    for key in ("device_id", "token", "user", "role"):
        if not isinstance(answer.get(key), str):
            raise SyncError(
                f"the server's join answer lacks {key}; is {base} a FieldApp server?",
                "not_fieldapp",
            )
    if pin is not None:
        pin_certificate(store.data_dir, pin)
    write_token(store.data_dir, answer["token"])
    previous = get_state(store.conn, "url")
    with store.db.transaction() as conn:
        values: dict[str, str | int] = {k: answer[k] for k in ("device_id", "user", "role")}
        set_state(conn, {**values, "url": base, "device_name": device_name})
        if previous != base:  # another server: its sequence numbers mean nothing here
            set_state(conn, {"cursor": 0})
            forget_pushed(conn)
            conn.execute("DELETE FROM sync_batch")
    return load_config(store.conn)


def _check_pem(path: Path) -> Path:
    if "BEGIN CERTIFICATE" not in Path(path).read_text(errors="replace"):
        raise ValueError(f"{path} is not a PEM certificate")
    return Path(path)


class SyncClient:
    """Sync rounds for the store of the calling (worker) thread."""

    def __init__(
        self, store: Store, *, attempts: int = 6, backoff_s: float = 0.5, page_size: int = 2000
    ):
        self.store = store
        self.attempts, self.backoff_s, self.page_size = attempts, backoff_s, page_size

    def probe(self) -> dict:
        """One quick GET /status (no retries): is the server there and does it know us?

        For background sync: probe with `retry_delay` between failures, sync when it
        answers. Raises SyncError (AuthError when this device was revoked)."""
        http = self.transport()
        http.attempts = 1
        try:
            return http.json("GET", "/status", timeout=(5, 10))
        finally:
            http.close()

    def set_metered(self, metered: bool) -> None:
        with self.store.db.transaction() as conn:
            set_state(conn, {"metered": int(metered)})

    def transport(self) -> Transport:
        config = load_config(self.store.conn)
        token = read_token(self.store.data_dir)
        if not config.joined or not token:
            raise SyncError(
                "this device has not joined a server yet: fieldapp join URL CODE", "not_joined"
            )
        verify = verify_setting(self.store.data_dir)
        return Transport(
            config.url, token, verify=verify, attempts=self.attempts, backoff_s=self.backoff_s
        )

    def sync(
        self, progress: Progress | None = None, cancel: Callable[[], bool] | None = None
    ) -> SyncReport:
        """One round: push, pull, files. Never raises for link, server or auth trouble:
        the report says what moved and what did not, in words."""
        from fieldapp.sync.client.round import run_round

        report = SyncReport()
        started = time.monotonic()
        http: Transport | None = None
        try:
            http = self.transport()
            run_round(self, http, report, progress or _quiet, cancel or (lambda: False))
        except SyncError as exc:
            report.errors.append(str(exc))
        finally:
            if http is not None:
                report.requests = http.counters.requests
                report.bytes_up, report.bytes_down = (
                    http.counters.bytes_up,
                    http.counters.bytes_down,
                )
                http.close()
            report.seconds = time.monotonic() - started
            self._finish(report)
        return report

    def undo_refused(self, entity: str, row_id: str) -> str:
        """Take the server's version of a record whose changes it refused back (one
        request): "restored", or "removed" when the server never had it. Raises
        SyncError when the server cannot be asked."""
        from fieldapp.sync.client.refused import undo_refused

        http = self.transport()
        try:
            return undo_refused(self.store, http, entity, row_id)
        finally:
            http.close()

    def _finish(self, report: SyncReport) -> None:
        store = self.store
        report.pending = store.db.outbox_count()
        report.parked = setaside.count_waiting(store.conn)
        report.set_aside = setaside.count_set_aside(store.conn)
        words = setaside.sentence(store.conn)
        if words is not None:
            report.warnings.append(words)
        values: dict[str, str | int] = {"last_attempt": now_text()}
        if report.complete:
            values.update(last_success=now_text(), last_error="")
        else:
            values["last_error"] = report.summary()
        with store.db.transaction() as conn:
            set_state(conn, values)


def retry_delay(failures: int, base_s: float = 5.0, cap_s: float = 300.0) -> float:
    """Seconds to wait before the next probe after `failures` failed ones (full jitter)."""
    import random

    return random.uniform(base_s / 2, min(cap_s, base_s * 2 ** min(failures, 16)))


def _quiet(_phase: str, _done: int, _total: int) -> None:
    pass
