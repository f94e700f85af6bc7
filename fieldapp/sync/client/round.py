"""One sync round, step by step: push the outbox, pull since the cursor, move files.

A push answer may give the cursor to take (protocol 4: nothing but this device's pushes
was stored since its cursor): then the round makes no pull, which would bring nothing.

Split from client.py to keep each step short. Every database change is its own
transaction of the worker's Store: acknowledging a batch (outbox rows, bases, record
states, the batch in flight) and applying a page (rows, conflicts, cursor) are atomic,
so a kill -9 at any point leaves a state the next round continues from. Runs in the sync
worker thread; while a page is applied, one helper thread asks for the next (it alone
uses the link then, and never the store).
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING, Any

from fieldapp.core.bookkeeping import get_state, set_state
from fieldapp.sync.client.blobsync import sync_blobs
from fieldapp.sync.client.config import load_config
from fieldapp.sync.client.incoming import apply_page, whole_missing_parts
from fieldapp.sync.client.local import (
    acknowledge,
    forget_pushed,
    pushed_after,
    reject,
    remember_pushed,
)
from fieldapp.sync.client.outgoing import (
    Batch,
    draft_batch,
    finish_batch,
    forget_batch,
    next_batch,
    pending_batch,
    save_batch,
)
from fieldapp.sync.client.transport import SyncError, Transport
from fieldapp.sync.protocol import wire
from fieldapp.sync.protocol.gcpause import paused_gc
from fieldapp.sync.protocol.shapes import PullAnswer

if TYPE_CHECKING:
    from fieldapp.sync.client.session import Progress, SyncClient, SyncReport

SKEW_WARN_MS = 2 * 60 * 1000


class Cancelled(SyncError):
    """The user cancelled; what was done so far is kept."""


def run_round(
    client: SyncClient,
    http: Transport,
    report: SyncReport,
    progress: Progress,
    cancel: Callable[[], bool],
) -> None:
    try:
        caught_up = push_all(client, http, report, progress, cancel)
        if not caught_up:  # the server said nothing else changed: no pull to make
            pull_all(client, http, report, progress, cancel)
        progress("files", 0, 0)
        blobs = sync_blobs(client.store, http, load_config(client.store.conn).metered)
    except Cancelled:
        report.cancelled = True
        report.errors.append("cancelled; what moved so far is kept")
        return
    report.files_up, report.files_down = blobs.uploaded, blobs.downloaded
    report.originals_held_back = blobs.held_back
    report.errors += blobs.waiting


def push_all(
    client: SyncClient,
    http: Transport,
    report: SyncReport,
    progress: Progress,
    cancel: Callable[[], bool],
) -> bool:
    """Push the outbox; True when the last answer gave the cursor to take (protocol 4:
    nothing but this device's pushes was stored since its cursor), so no pull is due.
    While the server works on a batch, the next is read from the outbox (a helper thread
    sends, the only user of the link meanwhile); it is saved, naming the cursor, only
    once the answer is taken."""
    store = client.store
    total = store.db.outbox_count()
    caught_up = False
    # What is saved while the round runs (the window or a script beside a scheduled sync)
    # waits for the next round: a round pushing a growing outbox would never end.
    horizon = store.conn.execute("SELECT coalesce(max(seq), 0) FROM outbox").fetchone()[0]
    batch = pending_batch(store) or next_batch(store, 0, set())
    with ThreadPoolExecutor(1, thread_name_prefix="sync-push") as helper:
        while batch is not None:
            if cancel():
                raise Cancelled("cancelled")
            progress("push", report.pushed, total)
            # the cursor as it is now: the answer says whether it may move past the batch
            since = {"since": int(get_state(store.conn, "cursor", "0") or 0)}
            sending = helper.submit(http.json, "POST", "/push", batch.body, params=since)
            after = max(batch.seqs)
            with paused_gc():  # read, encoded and compressed while the server works
                drafted = draft_batch(store, after, set()) if after < horizon else None
                finished = None if drafted is None else finish_batch(drafted, "b-")
            try:
                answer = sending.result()
            except SyncError as exc:
                if exc.status in (400, 413, 415):
                    # A refused body changed nothing on the server: build the batch anew
                    # next time (after an update) rather than resend these bytes for ever.
                    forget_batch(store)
                raise
            caught_up = _take_answer(client, batch, answer, report)
            batch = None if finished is None else save_batch(store, finished)
    return caught_up


def _take_answer(client: SyncClient, batch: Batch, answer: dict, report: SyncReport) -> bool:
    """Acknowledge a batch's entries by the answer; True when it gave the next cursor."""
    results = answer.get("results") if isinstance(answer, dict) else None
    if not isinstance(results, list) or len(results) != len(batch.entries):
        raise SyncError("the server's answer to a push does not match the batch; nothing removed")
    reasons = answer.get("reasons") or {}
    _check_clock(answer, report)
    entries = [e for e in batch.entries if e["op_id"] is not None]
    statuses = [s for e, s in zip(batch.entries, results, strict=True) if e["op_id"] is not None]
    with client.store.db.transaction() as conn:
        acknowledge(conn, entries, statuses, int(answer.get("server_time") or 0))
        remember_pushed(conn, answer.get("batch_seq"))
        for earlier in answer.get("earlier") or []:  # its duplicates' batches (a USB bundle)
            remember_pushed(conn, earlier)
        for n, (entry, status) in enumerate(zip(batch.entries, results, strict=True)):
            if status == wire.REJECTED and entry["op_id"]:
                reject(conn, entry["op_id"], str(reasons.get(str(n), "no reason given")))
        conn.execute("DELETE FROM sync_batch WHERE batch_key = ?", [batch.key])
        caught_up = _take_cursor(conn, answer.get("next"))
    report.pushed += sum(1 for s in statuses if s != wire.REJECTED)
    report.duplicates += statuses.count(wire.DUPLICATE)
    rejected = [str(reasons.get(str(n), "")) for n, s in enumerate(results) if s == wire.REJECTED]
    report.rejected += len(rejected)
    for reason in dict.fromkeys(rejected):
        report.errors.append(f"the server refused {rejected.count(reason)} change(s): {reason}")
    return caught_up


def _take_cursor(conn: sqlite3.Connection, cursor: object) -> bool:
    """The cursor a push answer gives (protocol 4), taken in the acknowledgement's
    transaction, never backwards; True when there was one."""
    if type(cursor) is not int or not 0 <= cursor < 2**62:
        return False
    if cursor > int(get_state(conn, "cursor", "0") or 0):
        set_state(conn, {"cursor": cursor})
        forget_pushed(conn, cursor)
    return True


def pull_all(
    client: SyncClient,
    http: Transport,
    report: SyncReport,
    progress: Progress,
    cancel: Callable[[], bool],
) -> None:
    """Pull pages until the server has no more. The next page is asked for while this
    one is applied (one helper thread, the only user of the link meanwhile): the server
    reads and sends it while the store writes."""
    store = client.store
    cursor = int(get_state(store.conn, "cursor", "0") or 0)
    with ThreadPoolExecutor(1, thread_name_prefix="sync-pull") as helper:
        coming = helper.submit(_fetch_page, http, _page_params(client, cursor))
        while True:
            if cancel():
                raise Cancelled("cancelled")
            progress("pull", report.pulled, 0)
            page = coming.result()
            if page["next"] < cursor:
                raise SyncError("the server's cursor went backwards; was its database replaced?")
            _check_clock(page, report)
            whole_missing_parts(store, http, page)
            if page["more"]:  # the pushes held past this page's cursor are the same after it
                coming = helper.submit(_fetch_page, http, _page_params(client, page["next"]))
            with paused_gc():
                result = apply_page(store, page)
            report.pulled += result.records
            report.changed += result.changed
            report.changes.update(result.changes)
            report.conflicts += result.conflicts
            report.warnings += [w for w in result.warnings if w not in report.warnings]
            cursor = page["next"]
            if not page["more"]:
                return


def _page_params(client: SyncClient, cursor: int) -> dict[str, int | str]:
    # delta (protocol 4): records this device had come with their changed fields only
    params: dict[str, int | str] = {"since": cursor, "limit": client.page_size, "delta": 1}
    held = pushed_after(client.store.conn, cursor)
    if held:  # our own pushes: the server leaves out the values they wrote
        params["have"] = wire.have_param(held)
    return params


def _fetch_page(http: Transport, params: dict[str, int | str]) -> PullAnswer:
    """One page asked and checked (in the helper thread: no store here)."""
    with paused_gc():
        answer = http.json("GET", "/pull", params=params)
    try:
        return wire.parse_pull_answer(answer)
    except wire.WireError as exc:
        raise SyncError(f"the server sent a malformed page; nothing applied ({exc})") from None


def _check_clock(answer: Mapping[str, Any], report: SyncReport) -> None:
    server_time = answer.get("server_time")
    if not isinstance(server_time, int):
        return
    skew = int(time.time() * 1000) - server_time
    if abs(skew) > SKEW_WARN_MS:
        side = "ahead of" if skew > 0 else "behind"
        warning = f"this device's clock is {abs(skew) // 60000} min {side} the server's; fix it"
        if warning not in report.warnings:
            report.warnings.append(warning)
