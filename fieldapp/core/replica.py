"""The local replica: one connection on the data folder's database, and the one write path.

Every replicated record (operations, reports, attachments, map features, radio traffic)
is written here, in one transaction per user action: the row, its per-field clock
stamps, an outbox entry (what sync will ship), a history entry (who changed what) and,
for a record the server has, the base stamps of the edited fields (core/bookkeeping.py).
Repositories (`Repository` subclasses, one per feature) hold a Replica and call
`transaction`, `insert_records` and `update_record`; nothing else writes records.

A Replica owns one connection and must be used from the thread that opened it; a worker
thread opens its own on the same file. Writes from several connections serialise on
SQLite's write lock, and the clock is re-read under that lock, so stamps stay unique and
increasing across connections.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, cast

from fieldapp.core.bookkeeping import get_state, record_bases
from fieldapp.core.changes import Changes
from fieldapp.core.database import connect
from fieldapp.core.errors import ValidationError
from fieldapp.core.hlc import HybridClock, Stamp
from fieldapp.core.jsontext import dumps, loads
from fieldapp.core.livefiles import DB_NAME
from fieldapp.core.ownership import change_refusal
from fieldapp.core.record_types import HistoryEntry, OutboxEntry
from fieldapp.core.records import TABLES
from fieldapp.core.times import utc_now

_KEYS = ("id", "operation_id")


def new_id() -> str:
    """A device-generated, time-ordered id (UUIDv7)."""
    import uuid_utils  # here, not at the top: opening the window writes nothing

    return str(uuid_utils.uuid7())


def default_user() -> str:
    import getpass  # rarely needed (the settings usually name the user); costs start-up

    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


class Replica:
    """The database of one data directory, as one connection with its clock and author."""

    def __init__(self, data_dir: Path | str, *, user: str | None = None):
        self.data_dir = Path(data_dir)
        self.path = self.data_dir / DB_NAME
        self.conn = connect(self.path)
        self.conn.row_factory = sqlite3.Row
        self.user = user or self.sync_state("user") or default_user()
        node = self.conn.execute("SELECT value FROM meta WHERE key = 'node_id'").fetchone()[0]
        self.clock = HybridClock(node)
        self._changes = Changes()  # of the open transaction
        self._committed = Changes()  # since the last take_changes()
        # Called (no argument) after each commit that changed records, in this thread:
        # the window hooks its own store here to announce them (it then take_changes()).
        self.on_committed: Callable[[], None] | None = None

    def sync_state(self, key: str) -> str:
        """A sync setting, "" if unset (or the schema predates sync: a check reads old ones)."""
        try:
            return get_state(self.conn, key)
        except sqlite3.OperationalError:
            return ""

    def close(self) -> None:
        self.conn.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One durable write transaction (BEGIN IMMEDIATE ... COMMIT, rolled back on any
        error), with the clock reloaded under SQLite's write lock so that stamps stay
        unique across connections."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            row = self.conn.execute("SELECT value FROM meta WHERE key = 'hlc'").fetchone()
            if row is not None:
                self.clock.last = max(self.clock.last, Stamp.parse(row[0]))
            yield self.conn
            self.conn.execute(
                "INSERT OR REPLACE INTO meta(key, value) VALUES ('hlc', ?)",
                [self.clock.last.encode()],
            )
            self.conn.execute("COMMIT")
            self._committed.update(self._changes)
        except BaseException:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise
        finally:
            changed, self._changes = bool(self._changes), Changes()
        if changed and self.on_committed is not None:
            self.on_committed()

    def take_changes(self) -> Changes:
        """The records written by the transactions committed since the last call (record
        type -> ids), local edits and received ones alike: what views must read again."""
        taken, self._committed = self._committed, Changes()
        return taken

    # -- the replicated write path ----------------------------------------------------

    def insert_records(self, entity: str, rows: Sequence[Mapping[str, Any]]) -> None:
        """Save new records of one type (rows with the same keys) in the open transaction:
        each row with its stamps ("*": every field stamped at creation), an outbox entry
        naming its fields (sync reads their values from the row when it ships them) and a
        history entry "created"; one statement per table however many rows."""
        if not rows:
            return
        assert self.conn.in_transaction, "insert_records runs inside Replica.transaction()"
        names = [*rows[0], "updated_hlc", "field_hlc"]
        fields = dumps([name for name in rows[0] if name not in _KEYS])
        now = utc_now()
        values, outbox, history = [], [], []
        for row in rows:
            stamp = self.clock.tick().encode()
            values.append([*row.values(), stamp, dumps({"*": stamp})])
            outbox.append((new_id(), entity, row["id"], row["operation_id"], stamp, fields, now))
            history.append((entity, row["id"], stamp, now, self.user, "created", "{}"))
            self._changes.add(entity, row["id"], local=True)
        marks = ", ".join("?" * len(names))
        run_many(
            self.conn, f"INSERT INTO {TABLES[entity]}({', '.join(names)}) VALUES ({marks})", values
        )
        self.log_changes(outbox, history)

    def update_record(
        self,
        entity: str,
        current: Mapping[str, Any],
        diff: Mapping[str, tuple[Any, Any]],
        action: str = "updated",
    ) -> None:
        """Change fields of one record (`diff`: name -> (old, new)) in the open transaction:
        new values under one new stamp, the base stamps the protocol needs, an outbox entry
        and a history entry with the old and new values. A change the server would refuse
        this user (core/ownership.py) raises ValidationError (field "record") instead."""
        assert self.conn.in_transaction, "update_record runs inside Replica.transaction()"
        written = {name: new for name, (_old, new) in diff.items()}
        refusal = change_refusal(self.conn, entity, current["id"], written)
        if refusal is not None:  # the server would refuse it for good: never queue it
            raise ValidationError({"record": ("not_allowed", refusal.reason)})
        table = TABLES[entity]
        # The protocol's base stamps are the stamps before this edit: read them first.
        record_bases(self.conn, entity, table, current["id"], diff)
        stamp = self.clock.tick().encode()
        sets = ", ".join(f"{name} = ?" for name in diff)
        patch = dumps(dict.fromkeys(diff, stamp))
        self.conn.execute(
            f"UPDATE {table} SET {sets}, updated_hlc = ?, field_hlc = json_patch(field_hlc, ?)"
            " WHERE id = ?",
            [*(new for _old, new in diff.values()), stamp, patch, current["id"]],
        )
        now, row_id = utc_now(), current["id"]
        self._changes.add(entity, row_id, local=True)
        fields = dumps([name for name in diff if name not in _KEYS])
        self.log_changes(
            [(new_id(), entity, row_id, current["operation_id"], stamp, fields, now)],
            [(entity, row_id, stamp, now, self.user, action, dumps(diff))],
        )

    # -- writes that arrive by sync: stored with their own stamps, never sent back ----------

    def insert_received(
        self, entity: str, values: Mapping[str, Any], stamps: Mapping[str, str]
    ) -> None:
        """A record another device made, as the server sent it (`stamps`: "*" and any
        per-field stamps); no outbox entry, the caller logs its history."""
        self._changes.add(entity, values["id"])
        names = [*values, "updated_hlc", "field_hlc"]
        self.conn.execute(
            f"INSERT INTO {TABLES[entity]}({', '.join(names)})"
            f" VALUES ({', '.join('?' * len(names))})",
            [*values.values(), max(stamps.values()), dumps(stamps)],
        )

    def insert_received_many(
        self, entity: str, names: Sequence[str], rows: Sequence[Sequence[Any]]
    ) -> None:
        """Many new records of one type from sync, in one statement (a first pull of
        10,000 reports): each row the values of `names` (starting with id), then its
        updated_hlc and field_hlc. Raises sqlite3.IntegrityError as insert_received does."""
        columns = [*names, "updated_hlc", "field_hlc"]
        self.conn.executemany(
            f"INSERT INTO {TABLES[entity]}({', '.join(columns)})"
            f" VALUES ({', '.join('?' * len(columns))})",
            rows,
        )
        for row in rows:
            self._changes.add(entity, row[0])

    def update_received(
        self, entity: str, row_id: str, values: Mapping[str, Any], stamps: Mapping[str, str]
    ) -> None:
        """Fields another device changed, merged (sync/protocol/merge.py): their values
        under their own stamps; no outbox entry, the caller logs its history."""
        self._changes.add(entity, row_id)
        self.conn.execute(
            f"UPDATE {TABLES[entity]} SET {', '.join(f'{name} = ?' for name in values)},"
            " updated_hlc = max(updated_hlc, ?), field_hlc = json_patch(field_hlc, ?)"
            " WHERE id = ?",
            [*values.values(), max(stamps.values()), dumps(stamps), row_id],
        )

    def replace_received(
        self, entity: str, row_id: str, values: Mapping[str, Any], stamps: Mapping[str, str]
    ) -> None:
        """A record set back to the server's version (a refused change undone): its
        values under the server's stamps, whatever this device wrote since; no outbox
        entry, the caller logs its history."""
        self._changes.add(entity, row_id)
        self.conn.execute(
            f"UPDATE {TABLES[entity]} SET {', '.join(f'{name} = ?' for name in values)},"
            " updated_hlc = ?, field_hlc = ? WHERE id = ?",
            [*values.values(), max(stamps.values()), dumps(stamps), row_id],
        )

    def remove_local(self, entity: str, row_id: str) -> None:
        """A record the server never took, removed from this device only (no outbox
        entry: there is nothing to tell the server); the caller logs its history."""
        self._changes.add(entity, row_id)
        self.conn.execute(f"DELETE FROM {TABLES[entity]} WHERE id = ?", [row_id])

    def log_changes(self, outbox: list[tuple], history: list[tuple]) -> None:
        """Outbox and history rows of changes already written (bulk loads write their rows
        themselves, then log here): (op_id, entity, row_id, operation_id, hlc, fields,
        created_at) and (entity, row_id, hlc, at, author, action, changes)."""
        run_many(self.conn, _OUTBOX_SQL, outbox)
        run_many(self.conn, _HISTORY_SQL, history)

    def log_created_since(self, entity: str, first_seq: int) -> None:
        """The "created" history of every row of `entity` from row number `first_seq` on,
        in one statement: bulk loads insert their rows first, then log them here."""
        self.conn.execute(
            f"{_HISTORY_SQL.partition(' VALUES')[0]} SELECT ?, id, updated_hlc, created_at, ?,"
            f" 'created', '{{}}' FROM {TABLES[entity]} WHERE seq >= ? ORDER BY seq",
            [entity, self.user, first_seq],
        )
        table = TABLES[entity]
        ids = self.conn.execute(f"SELECT id FROM {table} WHERE seq >= ?", [first_seq])
        for (row_id,) in ids:
            self._changes.add(entity, row_id, local=True)

    # -- the change log -----------------------------------------------------------------

    def history(self, row_id: str) -> list[HistoryEntry]:
        """Every change of one record, oldest first: who, when, which fields."""
        rows = self.conn.execute(
            "SELECT at, author, action, changes, hlc FROM history WHERE row_id = ? ORDER BY seq",
            [row_id],
        )
        return [cast(HistoryEntry, {**dict(row), "changes": loads(row["changes"])}) for row in rows]

    def outbox_count(self) -> int:
        """How many local changes have not been acknowledged by a server yet."""
        return self.conn.execute("SELECT count(*) FROM outbox").fetchone()[0]

    def outbox_oldest(self) -> str | None:
        """When the oldest unsent change was made (entries are appended in time order:
        the first by number, read by the primary key, not a scan of 200,000 rows)."""
        row = self.conn.execute("SELECT created_at FROM outbox ORDER BY seq LIMIT 1").fetchone()
        return row[0] if row else None

    def outbox_entries(self, limit: int = 500, after_seq: int = 0) -> list[OutboxEntry]:
        """Pending changes in the order they were made, for sync to ship.

        `fields` maps each changed field to its current stored value (tags as JSON text);
        `stamps` gives each field's current clock stamp.
        """
        rows = self.conn.execute(
            "SELECT * FROM outbox WHERE seq > ? ORDER BY seq LIMIT ?", [after_seq, limit]
        ).fetchall()
        return [self._resolve(dict(row)) for row in rows]

    def _resolve(self, entry: dict) -> OutboxEntry:
        table = TABLES[entry["entity"]]
        record = self.conn.execute(f"SELECT * FROM {table} WHERE id = ?", [entry["row_id"]])
        record = dict(record.fetchone())
        record["field_hlc"] = loads(record["field_hlc"])
        names = loads(entry["fields"])
        entry["fields"] = {name: record[name] for name in names}
        entry["stamps"] = {name: field_stamp(record, name) for name in names}
        return cast(OutboxEntry, entry)


class Repository:
    """The base of a feature's records: reads and writes through one Replica."""

    def __init__(self, db: Replica):
        self.db = db

    @property
    def conn(self) -> sqlite3.Connection:
        return self.db.conn


def field_stamp(record: Mapping[str, Any], name: str) -> str:
    """The clock stamp of one field of a stored record (as returned by get_*)."""
    stamps = record["field_hlc"]
    return stamps.get(name, stamps["*"])


_OUTBOX_SQL = (
    "INSERT INTO outbox(op_id, entity, row_id, operation_id, hlc, fields, created_at)"
    " VALUES (?, ?, ?, ?, ?, ?, ?)"
)
_HISTORY_SQL = (
    "INSERT INTO history(entity, row_id, hlc, at, author, action, changes)"
    " VALUES (?, ?, ?, ?, ?, ?, ?)"
)


def run_many(conn: sqlite3.Connection, sql: str, rows: Sequence[Sequence[Any]]) -> None:
    """One statement for many rows; a plain execute for one (the common case: cheaper)."""
    if len(rows) == 1:
        conn.execute(sql, rows[0])
    else:
        conn.executemany(sql, rows)
