"""The local store: every write of the app goes through here.

Each user action is one SQLite transaction that writes the row, its per-field clock
stamps, an outbox entry (what sync will ship), a history entry (who changed what) and,
for a record the server has, the base stamps of the edited fields (fieldapp/sync/client/local.py).
A Store owns one connection and must be used from the thread that opened it; a
worker thread opens its own Store on the same file. Writes from several connections
serialise on SQLite's write lock, and the clock is re-read under that lock, so stamps
stay unique and increasing across connections.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from fieldapp.core.database import DatabaseError, connect
from fieldapp.core.livefiles import DB_NAME
from fieldapp.core.record_types import Attachment, HistoryEntry, Operation, OutboxEntry, Report
from fieldapp.core.records import TABLES
from fieldapp.maps.features import FeatureStore
from fieldapp.radio.store import RadioStore
from fieldapp.reports import domain
from fieldapp.reports.domain import ValidationError, utc_now
from fieldapp.reports.query import ReportQuery
from fieldapp.reports.reads import ReportReads, report_from_row
from fieldapp.sync.client.config import get_state
from fieldapp.sync.client.local import record_bases
from fieldapp.sync.protocol.hlc import HybridClock, Stamp

if TYPE_CHECKING:
    from fieldapp.reports.attachments import BlobStore

_KEYS = ("id", "operation_id")


class NotFoundError(LookupError):
    """No such operation, report, map feature or radio message (or it was deleted)."""


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


class Store(ReportReads, FeatureStore, RadioStore):
    """The FieldApp database of one data directory.

    Report lists and searches are in report_reads.py, map features in features.py, radio
    messages in radio/store.py.
    """

    def __init__(self, data_dir: Path | str, *, user: str | None = None):
        self.data_dir = Path(data_dir)
        self.path = self.data_dir / DB_NAME
        self.conn = connect(self.path)
        self.conn.row_factory = sqlite3.Row
        self.user = user or self._server_user() or default_user()
        node = self.conn.execute("SELECT value FROM meta WHERE key = 'node_id'").fetchone()[0]
        self.clock = HybridClock(node)

    def _server_user(self) -> str:
        """The user this device joined a sync server as: the name its changes go out under."""
        return self._sync_state("user")

    def _sync_state(self, key: str) -> str:
        """A sync setting, "" if unset (or the schema predates sync: a check reads old ones)."""
        try:
            return get_state(self.conn, key)
        except sqlite3.OperationalError:
            return ""

    def _check_server_role(self, exercise: bool) -> None:
        """Refuse an operation the sync server this device joined would refuse for ever."""
        from fieldapp.sync.protocol.roles import operation_refusal

        role = self._sync_state("role")
        refusal = role and operation_refusal(role, exercise)
        if refusal:
            server = self._sync_state("url")
            raise ValidationError({"operation": ("server_role", (
                f"this device joined {server} as {self._sync_state('user')}, and {refusal}: "
                "ask a coordinator to create it, then sync to get it"
            ))})  # fmt: skip

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- transactions and the change log -------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One durable write transaction (BEGIN IMMEDIATE ... COMMIT, rolled back on any
        error): the public way for every package to write, with the store's clock reloaded
        under SQLite's write lock so that stamps stay unique across connections."""
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
        except BaseException:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise

    # -- operations ---------------------------------------------------------------

    def create_operation(
        self, name: str, *, exercise: bool = False, description: str = ""
    ) -> Operation:
        name = name.strip()
        if not name:
            raise ValidationError({"name": ("required", "an operation needs a name")})
        self._check_server_role(exercise)
        op_id = new_id()
        values = {"name": name, "description": description.strip(), "exercise": int(exercise)}
        with self.transaction():
            row = {"id": op_id, "operation_id": op_id, "created_at": utc_now(), **values}
            self.insert_records("operation", [row])
        return self.get_operation(op_id)

    def list_operations(self, *, with_counts: bool = False) -> list[Operation]:
        """Operations, newest first; `with_counts` adds report_count (~30 ms per 200,000)."""
        count = (
            "(SELECT count(*) FROM reports r WHERE r.operation_id = o.id AND r.deleted = 0)"
            if with_counts
            else "NULL"
        )
        rows = self.conn.execute(
            f"SELECT o.*, {count} AS report_count FROM operations o WHERE o.deleted = 0"
            " ORDER BY o.created_at DESC, o.seq DESC"
        )
        return [_operation(row) for row in rows]

    def get_operation(self, op_id: str) -> Operation:
        row = self.conn.execute(
            "SELECT *, NULL AS report_count FROM operations WHERE id = ? AND deleted = 0", [op_id]
        ).fetchone()
        if row is None:
            raise NotFoundError(f"no operation with id {op_id}")
        return _operation(row)

    # -- reports: writes ------------------------------------------------------------

    def add_report(self, operation_id: str, values: Mapping[str, Any]) -> Report:
        """Validate and save a new report; returns it as stored."""
        self.get_operation(operation_id)
        clean = domain.validate_report({"author": self.user, **values})
        with self.transaction():
            self._check_duplicate_of(operation_id, None, clean)
            clean = _fill_verification(clean, {}, self.user)
            report_id = new_id()
            row = {"id": report_id, "operation_id": operation_id, "created_at": utc_now()}
            row.update(_to_db(clean))
            self.insert_records("report", [row])
        return self.get_report(report_id)

    def add_reports_bulk(
        self, operation_id: str, items: Iterable[Mapping[str, Any]], batch: int = 2000
    ) -> int:
        """Save many reports in one transaction (imports, demo data); all or nothing.

        Every item is validated; the first invalid one aborts the whole load. See bulk.py.
        """
        from fieldapp.reports.bulk import load_reports

        self.get_operation(operation_id)
        with self.transaction():
            return load_reports(self, operation_id, items, batch)

    def update_report(self, report_id: str, changes: Mapping[str, Any]) -> Report:
        """Apply a partial edit; fields equal to the stored value are not logged."""
        current = self.get_report(report_id)
        user_fields = {name: current[name] for name in domain.REPORT_FIELDS}
        clean = domain.validate_report({**user_fields, **changes})
        with self.transaction():
            self._check_duplicate_of(current["operation_id"], report_id, clean)
            clean = _fill_verification(clean, current, self.user)
            stored_new, stored_old = _to_db(clean), _to_db(user_fields)
            diff = {k: (stored_old[k], v) for k, v in stored_new.items() if stored_old[k] != v}
            if diff:
                self.update_record("report", current, diff)
        return self.get_report(report_id)

    def delete_report(self, report_id: str) -> None:
        """Tombstone a report: it disappears everywhere but its history stays."""
        current = self.get_report(report_id)
        with self.transaction():
            self.update_record("report", current, {"deleted": (0, 1)}, action="deleted")

    # -- the replicated write path: every record's row, stamps, outbox and history ----

    def insert_records(self, entity: str, rows: Sequence[Mapping[str, Any]]) -> None:
        """Save new records of one type (rows with the same keys) in the open transaction:
        each row with its stamps ("*": every field stamped at creation), an outbox entry
        naming its fields (sync reads their values from the row when it ships them) and a
        history entry "created"; one statement per table however many rows."""
        if not rows:
            return
        assert self.conn.in_transaction, "insert_records runs inside Store.transaction()"
        names = [*rows[0], "updated_hlc", "field_hlc"]
        fields = _dumps([name for name in rows[0] if name not in _KEYS])
        now = utc_now()
        values, outbox, history = [], [], []
        for row in rows:
            stamp = self.clock.tick().encode()
            values.append([*row.values(), stamp, _dumps({"*": stamp})])
            outbox.append((new_id(), entity, row["id"], row["operation_id"], stamp, fields, now))
            history.append((entity, row["id"], stamp, now, self.user))
        marks = ", ".join("?" * len(names))
        _run(
            self.conn, f"INSERT INTO {TABLES[entity]}({', '.join(names)}) VALUES ({marks})", values
        )
        self._add_outbox_and_history(outbox, [(*h, "created", "{}") for h in history])

    def update_record(
        self,
        entity: str,
        current: Mapping[str, Any],
        diff: Mapping[str, tuple[Any, Any]],
        action: str = "updated",
    ) -> None:
        """Change fields of one record (`diff`: name -> (old, new)) in the open transaction:
        new values under one new stamp, the base stamps the protocol needs, an outbox entry
        and a history entry with the old and new values."""
        assert self.conn.in_transaction, "update_record runs inside Store.transaction()"
        table = TABLES[entity]
        # The protocol's base stamps are the stamps before this edit: read them first.
        record_bases(self.conn, entity, table, current["id"], diff)
        stamp = self.clock.tick().encode()
        sets = ", ".join(f"{name} = ?" for name in diff)
        patch = _dumps(dict.fromkeys(diff, stamp))
        self.conn.execute(
            f"UPDATE {table} SET {sets}, updated_hlc = ?, field_hlc = json_patch(field_hlc, ?)"
            " WHERE id = ?",
            [*(new for _old, new in diff.values()), stamp, patch, current["id"]],
        )
        now, row_id = utc_now(), current["id"]
        fields = _dumps([name for name in diff if name not in _KEYS])
        self._add_outbox_and_history(
            [(new_id(), entity, row_id, current["operation_id"], stamp, fields, now)],
            [(entity, row_id, stamp, now, self.user, action, _dumps(diff))],
        )

    def _add_outbox_and_history(self, outbox: list[tuple], history: list[tuple]) -> None:
        _run(self.conn, _OUTBOX_SQL, outbox)
        _run(self.conn, _HISTORY_SQL, history)

    def _check_duplicate_of(self, operation_id: str, report_id: str | None, clean: dict) -> None:
        target = clean.get("duplicate_of")
        if not target:
            return
        if target == report_id:
            raise ValidationError({"duplicate_of": ("self", "a report cannot duplicate itself")})
        row = self.conn.execute(
            "SELECT 1 FROM reports WHERE id = ? AND operation_id = ? AND deleted = 0",
            [target, operation_id],
        ).fetchone()
        if row is None:
            raise ValidationError(
                {"duplicate_of": ("not_found", f"no report {target} in this operation")}
            )

    # -- reports: reads -------------------------------------------------------------

    def get_report(self, report_id: str) -> Report:
        row = self.conn.execute(
            "SELECT * FROM reports WHERE id = ? AND deleted = 0", [report_id]
        ).fetchone()
        if row is None:
            raise NotFoundError(f"no report with id {report_id}")
        return report_from_row(row)

    def history(self, row_id: str) -> list[HistoryEntry]:
        """Every change of one record, oldest first: who, when, which fields."""
        rows = self.conn.execute(
            "SELECT at, author, action, changes, hlc FROM history WHERE row_id = ? ORDER BY seq",
            [row_id],
        )
        return [
            cast(HistoryEntry, {**dict(row), "changes": json.loads(row["changes"])}) for row in rows
        ]

    # -- attachments ----------------------------------------------------------------

    @cached_property
    def blobs(self) -> BlobStore:
        """The attachment files of this data directory (imported late: start-up time)."""
        from fieldapp.reports.attachments import BlobStore

        return BlobStore(self.data_dir / "attachments")

    def attach_file(self, report_id: str, source: Path | str) -> Attachment:
        """Copy a file into the blob store (with a thumbnail for photos) and link it."""
        report = self.get_report(report_id)
        source = Path(source)
        from fieldapp.reports.attachments import make_thumbnail

        blob = self.blobs.put_file(source)
        thumb = make_thumbnail(source) if blob.mime.startswith("image/") else None
        thumb_sha = self.blobs.put_bytes(thumb, "image/jpeg").sha256 if thumb else None
        row: Attachment = {
            "id": new_id(),
            "operation_id": report["operation_id"],
            "report_id": report_id,
            "sha256": blob.sha256,
            "size": blob.size,
            "mime": blob.mime,
            "filename": source.name,
            "thumb_sha256": thumb_sha,
            "created_at": utc_now(),
        }
        with self.transaction():
            self.insert_records("attachment", [row])
        return row

    def attachments(self, report_id: str) -> list[Attachment]:
        rows = self.conn.execute(
            "SELECT id, report_id, sha256, size, mime, filename, thumb_sha256, created_at"
            " FROM attachments WHERE report_id = ? AND deleted = 0 ORDER BY seq",
            [report_id],
        )
        return [cast(Attachment, dict(row)) for row in rows]

    def remove_attachment(self, attachment_id: str) -> None:
        row = self.conn.execute(
            "SELECT * FROM attachments WHERE id = ? AND deleted = 0", [attachment_id]
        ).fetchone()
        if row is None:
            raise NotFoundError(f"no attachment with id {attachment_id}")
        with self.transaction():
            self.update_record("attachment", dict(row), {"deleted": (0, 1)}, action="deleted")

    # -- the outbox -------------------------------------------------------------------

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
        record["field_hlc"] = json.loads(record["field_hlc"])
        names = json.loads(entry["fields"])
        entry["fields"] = {name: record[name] for name in names}
        entry["stamps"] = {name: field_stamp(record, name) for name in names}
        return cast(OutboxEntry, entry)


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


def _run(conn: sqlite3.Connection, sql: str, rows: Sequence[Sequence[Any]]) -> None:
    """One statement for many rows; a plain execute for one (the common case: cheaper)."""
    if len(rows) == 1:
        conn.execute(sql, rows[0])
    else:
        conn.executemany(sql, rows)


# One encoder for every call: json.dumps with options builds a new JSONEncoder each time.
_dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def _to_db(clean: Mapping[str, Any]) -> dict[str, Any]:
    """User fields as stored columns (tags as JSON text)."""
    return {**clean, "tags": domain.encode_tags(clean["tags"])}


def _fill_verification(clean: dict, current: Mapping[str, Any], user: str) -> dict:
    """A new verdict is signed with who gave it and when, unless the user said so."""
    changed = clean["verification"] != current.get("verification", "unverified")
    if changed and clean["verification"] != "unverified":
        if not clean["verified_by"] or clean["verified_by"] == current.get("verified_by"):
            clean["verified_by"] = user
        if not clean["verified_at"] or clean["verified_at"] == current.get("verified_at"):
            clean["verified_at"] = utc_now()
    return clean


def _operation(row: sqlite3.Row) -> Operation:
    op = dict(row)
    op["exercise"] = bool(op["exercise"])
    op.pop("field_hlc", None)
    return cast(Operation, op)


__all__ = ["DatabaseError", "NotFoundError", "ReportQuery", "Store", "ValidationError"]
