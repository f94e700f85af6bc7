"""Bulk loading of reports (imports, demo data): the same rows, outbox and history as
`Reports.add` writes, at a fraction of the cost.

Called by `Reports.add_bulk` inside its write transaction, on the replica's thread.
What makes it fast: rows go in with executemany in batches; the search index, the
history and the observed_at index are built once at the end by single SQL statements
(C, not Python, and a sort instead of random inserts).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from fieldapp.core.batches import batched
from fieldapp.core.jsontext import dumps
from fieldapp.core.replica import new_id
from fieldapp.core.times import utc_now
from fieldapp.reports import domain

if TYPE_CHECKING:
    from fieldapp.core.replica import Replica

_LATE_INDEX = "reports_by_observed_at"  # random values: rebuilt after the load
BULK_INDEX = 200  # new reports from which the search index is built after them


def load_reports(
    db: Replica, operation_id: str, items: Iterable[Mapping[str, Any]], batch: int
) -> int:
    """Insert and log every item; the caller holds the write transaction."""
    conn = db.conn
    first_seq = conn.execute("SELECT coalesce(max(seq), 0) + 1 FROM reports").fetchone()[0]
    # The insert trigger skips the search index while this row exists (fieldapp/core/migrations/).
    conn.execute("INSERT INTO meta(key, value) VALUES ('fts_deferred', '1')")
    index_sql = conn.execute(
        "SELECT sql FROM sqlite_master WHERE name = ?", [_LATE_INDEX]
    ).fetchone()[0]
    conn.execute(f"DROP INDEX {_LATE_INDEX}")
    cache = conn.execute("PRAGMA cache_size").fetchone()[0]
    conn.execute("PRAGMA cache_size = -65536")  # 64 MB: the other indexes stay in memory
    count = 0
    try:
        for chunk in batched(items, batch):
            count += _insert_reports(db, operation_id, chunk)
    finally:
        conn.execute(f"PRAGMA cache_size = {int(cache)}")
    conn.execute(index_sql)
    conn.execute("DELETE FROM meta WHERE key = 'fts_deferred'")
    _log_creation(db, first_seq)
    return count


def _insert_reports(db: Replica, operation_id: str, chunk: list[Mapping[str, Any]]) -> int:
    now = utc_now()  # one creation time per batch: the moment of the import
    reports, ops = [], []
    for values in chunk:
        clean = domain.to_db(domain.validate_report({"author": db.user, **values}))
        stamp = db.clock.tick().encode()
        row = {"id": new_id(), "operation_id": operation_id, "created_at": now, **clean}
        reports.append([*row.values(), stamp, f'{{"*":"{stamp}"}}'])
        ops.append((new_id(), row["id"], stamp))
    names = [*row, "updated_hlc", "field_hlc"]
    db.conn.executemany(
        f"INSERT INTO reports({', '.join(names)}) VALUES ({', '.join('?' * len(names))})",
        reports,
    )
    fields = dumps(names[2:-2])  # as insert_records names them: every field but the keys
    outbox = [(op, "report", row_id, operation_id, stamp, fields, now) for op, row_id, stamp in ops]
    db.log_changes(outbox, history=[])  # the history is written once at the end
    return len(chunk)


def _log_creation(db: Replica, first_seq: int) -> None:
    """Search index and history of the loaded rows, each in one statement."""
    index_reports_since(db.conn, first_seq)
    db.log_created_since("report", first_seq)


def index_reports_since(conn: sqlite3.Connection, first_seq: int) -> None:
    """The search index of the reports numbered from `first_seq` on, in one statement:
    rows inserted while 'fts_deferred' is in meta (the insert trigger skips them)."""
    conn.execute(
        "INSERT INTO reports_fts(rowid, title, body, tags, place, author, source_ref)"
        " SELECT seq, title, body, tags, place, author, source_ref FROM reports"
        " WHERE seq >= ?",
        [first_seq],
    )


@contextmanager
def deferred_index(conn: sqlite3.Connection, entity: str, count: int) -> Iterator[None]:
    """Around the insert of `count` new records of `entity` (sync, a package import):
    when they are BULK_INDEX reports or more, the insert trigger leaves them out of the
    search index, built after them in one statement. On an error, nothing is indexed
    (the caller rolls the rows back)."""
    if entity != "report" or count < BULK_INDEX:
        yield
        return
    first_seq = conn.execute("SELECT coalesce(max(seq), 0) + 1 FROM reports").fetchone()[0]
    conn.execute("INSERT INTO meta(key, value) VALUES ('fts_deferred', '1')")
    try:
        yield
    finally:
        conn.execute("DELETE FROM meta WHERE key = 'fts_deferred'")
    index_reports_since(conn, first_seq)
