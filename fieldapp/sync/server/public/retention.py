"""Retention: submissions older than their operation's retention are deleted.

What goes: the server-side submission (its contact), the photo once no submission names
it, the server's own history of the item, and the item's content: the item is blanked
and deleted with a new stamp, so the deletion reaches every desktop by the normal pull
(a report a volunteer made from it stays: that is the team's work). `purge` takes the
clock as an argument (tests pass a later one); `start` runs it in a daemon thread at
server start and every PERIOD_S. Several server processes may purge at once: each
submission is deleted in one write transaction, and a second purge finds it gone.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from sqlalchemy import BigInteger, Connection, cast, delete, func, select

from fieldapp.sync.server import tables as t
from fieldapp.sync.server.db import Database, now_ms
from fieldapp.sync.server.public import limits, records, storage
from fieldapp.sync.server.public import tables as pt

log = logging.getLogger(__name__)

PERIOD_S = 3600.0
DAY_MS = 86_400_000
BLANK = {"text": "", "place": "", "lat": None, "lon": None, "handle": "", "media": "[]"}


def purge(db: Database, blob_root: Path, now: int) -> int:
    """Delete every submission past its operation's retention; returns how many."""
    # in bigint: 25 days and more in milliseconds overflow PostgreSQL's integer
    kept_ms = cast(pt.public_operations.c.retention_days, BigInteger) * DAY_MS
    with db.read() as conn:
        due = conn.execute(
            select(pt.public_submissions.c.item_id)
            .join(
                pt.public_operations,
                pt.public_operations.c.operation_id == pt.public_submissions.c.operation_id,
            )
            .where(pt.public_submissions.c.created_at < now - kept_ms)
        ).scalars()
        ids = list(due)
    gone = [sha for row_id in ids if (sha := _delete_one(db, row_id, now))]
    for sha in gone:
        storage.remove(blob_root, sha)
    with db.write() as conn:
        limits.forget_full(conn, now)
    return len(ids)


def _delete_one(db: Database, row_id: str, now: int) -> str | None:
    """Delete one submission and blank its item; the photo's hash if its file may go."""
    with db.write() as conn:
        row = conn.execute(
            select(pt.public_submissions).where(pt.public_submissions.c.item_id == row_id)
        ).first()
        if row is None:
            return None
        records.forget_history(conn, "item", row_id)
        records.change(conn, "item", row_id, {**BLANK, "deleted": 1}, now)
        conn.execute(delete(pt.public_submissions).where(pt.public_submissions.c.item_id == row_id))
        if row.photo_sha256 and _unused(conn, row.photo_sha256, row.operation_id):
            return row.photo_sha256
    return None


def _unused(conn: Connection, sha: str, operation_id: str) -> bool:
    """Drop the photo's reference from its operation once no submission there names it;
    True when nothing at all names the blob any more (its file may be removed)."""
    named = select(func.count()).where(pt.public_submissions.c.photo_sha256 == sha)
    if conn.execute(named.where(pt.public_submissions.c.operation_id == operation_id)).scalar():
        return False
    conn.execute(
        delete(t.blob_refs).where(
            t.blob_refs.c.sha256 == sha, t.blob_refs.c.operation_id == operation_id
        )
    )
    if (
        conn.execute(named).scalar()
        or conn.execute(select(t.blob_refs.c.sha256).where(t.blob_refs.c.sha256 == sha)).first()
    ):
        return False
    conn.execute(delete(t.blobs).where(t.blobs.c.sha256 == sha))
    return True


def start(db: Database, blob_root: Path, period_s: float = PERIOD_S) -> threading.Event:
    """Purge now and then every `period_s` in a daemon thread; set the event to stop it."""
    stop = threading.Event()

    def run() -> None:
        while not stop.is_set():
            try:
                count = purge(db, blob_root, now_ms())
                if count:
                    log.info("public form: %d submission(s) past their retention deleted", count)
            except Exception:  # the server must go on; the next round tries again
                log.exception("public form: the retention purge failed")
            stop.wait(period_s)

    threading.Thread(target=run, name="public-retention", daemon=True).start()
    return stop
