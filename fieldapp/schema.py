"""Opening a FieldApp database safely, and its numbered schema migrations.

`open_connection` refuses, without writing a byte, any file that is not a FieldApp
database (not SQLite, another program's SQLite file, or a newer FieldApp schema),
then applies pending migrations, each in one transaction with its record (the
sqlite-utils migration runner). sqlite-utils is imported only when a migration is
pending: it costs ~0.3 s of start-up. Call from the thread that will own the
connection; a connection never crosses threads.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

APPLICATION_ID = 0x46415050  # "FAPP" in the SQLite header
MIGRATION_SET = "fieldapp"
MIGRATIONS_TABLE = "_sqlite_migrations"
# SQLite result codes (their numbers are part of SQLite's stable interface)
_SQLITE_IOERR = 10
_SQLITE_NOTADB = 26
_SQLITE_BUSY = {5, 6}  # SQLITE_BUSY, SQLITE_LOCKED


class DatabaseError(Exception):
    """A database that cannot be used; the message says why in words."""


def _m001_initial(db: Any) -> None:
    import secrets

    for statement in _M001:
        db.execute(statement)
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    db.execute("INSERT INTO meta(key, value) VALUES ('node_id', ?)", [secrets.token_hex(8)])


_REPLICATED = """
    updated_hlc TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0,
    field_hlc TEXT NOT NULL DEFAULT '{}'
"""

_M001 = [
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    f"""CREATE TABLE operations (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        operation_id TEXT NOT NULL,
        name TEXT NOT NULL,
        description TEXT NOT NULL DEFAULT '',
        exercise INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        {_REPLICATED})""",
    f"""CREATE TABLE reports (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        operation_id TEXT NOT NULL REFERENCES operations(id),
        title TEXT NOT NULL,
        body TEXT NOT NULL DEFAULT '',
        kind TEXT NOT NULL,
        tags TEXT NOT NULL DEFAULT '[]',
        severity INTEGER NOT NULL CHECK (severity BETWEEN 1 AND 5),
        lat REAL CHECK (lat BETWEEN -90 AND 90),
        lon REAL CHECK (lon BETWEEN -180 AND 180),
        accuracy_m REAL,
        place TEXT NOT NULL DEFAULT '',
        observed_at TEXT,
        created_at TEXT NOT NULL,
        author TEXT NOT NULL DEFAULT '',
        source TEXT NOT NULL,
        source_ref TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL,
        duplicate_of TEXT,
        verification TEXT NOT NULL,
        verified_by TEXT NOT NULL DEFAULT '',
        verified_at TEXT,
        verification_method TEXT NOT NULL DEFAULT '',
        verification_confidence TEXT,
        {_REPLICATED})""",
    f"""CREATE TABLE attachments (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        operation_id TEXT NOT NULL REFERENCES operations(id),
        report_id TEXT NOT NULL REFERENCES reports(id),
        sha256 TEXT NOT NULL,
        size INTEGER NOT NULL,
        mime TEXT NOT NULL,
        filename TEXT NOT NULL,
        thumb_sha256 TEXT,
        created_at TEXT NOT NULL,
        {_REPLICATED})""",
    "CREATE INDEX attachments_report ON attachments(report_id)",
    """CREATE TABLE outbox (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        op_id TEXT NOT NULL UNIQUE,
        entity TEXT NOT NULL,
        row_id TEXT NOT NULL,
        operation_id TEXT NOT NULL,
        hlc TEXT NOT NULL,
        fields TEXT NOT NULL,
        created_at TEXT NOT NULL)""",
    """CREATE TABLE history (
        seq INTEGER PRIMARY KEY,
        entity TEXT NOT NULL,
        row_id TEXT NOT NULL,
        hlc TEXT NOT NULL,
        at TEXT NOT NULL,
        author TEXT NOT NULL,
        action TEXT NOT NULL,
        changes TEXT NOT NULL)""",
    "CREATE INDEX history_row ON history(row_id, seq)",
    # The default sort orders read ids straight from an index; other sorts pay a sort
    # (off the UI thread). Each index costs ~8-30 us per inserted report.
    "CREATE INDEX reports_by_created_at ON reports(operation_id, deleted, created_at)",
    "CREATE INDEX reports_by_observed_at ON reports(operation_id, deleted, observed_at)",
    "CREATE INDEX reports_by_severity ON reports(operation_id, deleted, severity)",
    """CREATE VIRTUAL TABLE reports_fts USING fts5(
        title, body, tags, place, author, source_ref,
        content='reports', content_rowid='seq',
        tokenize='unicode61 remove_diacritics 2')""",
    # Bulk loads set meta 'fts_deferred' inside their transaction and index all their rows
    # with one INSERT ... SELECT at the end: four times faster than row by row.
    """CREATE TRIGGER reports_fts_insert AFTER INSERT ON reports
        WHEN NOT EXISTS (SELECT 1 FROM meta WHERE key = 'fts_deferred') BEGIN
        INSERT INTO reports_fts(rowid, title, body, tags, place, author, source_ref)
        VALUES (new.seq, new.title, new.body, new.tags, new.place, new.author, new.source_ref);
    END""",
    """CREATE TRIGGER reports_fts_delete AFTER DELETE ON reports BEGIN
        INSERT INTO reports_fts(reports_fts, rowid, title, body, tags, place, author, source_ref)
        VALUES ('delete', old.seq, old.title, old.body, old.tags, old.place, old.author,
                old.source_ref);
    END""",
    """CREATE TRIGGER reports_fts_update
        AFTER UPDATE OF title, body, tags, place, author, source_ref ON reports BEGIN
        INSERT INTO reports_fts(reports_fts, rowid, title, body, tags, place, author, source_ref)
        VALUES ('delete', old.seq, old.title, old.body, old.tags, old.place, old.author,
                old.source_ref);
        INSERT INTO reports_fts(rowid, title, body, tags, place, author, source_ref)
        VALUES (new.seq, new.title, new.body, new.tags, new.place, new.author, new.source_ref);
    END""",
]


def _m002_features(db: Any) -> None:
    for statement in _M002:
        db.execute(statement)


# Map features (features.py). The replicated columns are spelled out, not taken from
# _REPLICATED: a released migration must not change if that string ever does.
_M002 = [
    """CREATE TABLE features (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        operation_id TEXT NOT NULL REFERENCES operations(id),
        name TEXT NOT NULL,
        category TEXT NOT NULL,
        notes TEXT NOT NULL DEFAULT '',
        geometry TEXT NOT NULL CHECK (json_valid(geometry)),
        author TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        updated_hlc TEXT NOT NULL,
        deleted INTEGER NOT NULL DEFAULT 0,
        field_hlc TEXT NOT NULL DEFAULT '{}')""",
    "CREATE INDEX features_by_operation ON features(operation_id, deleted)",
]


def _m003_radio(db: Any) -> None:
    for statement in _M003:
        db.execute(statement)


# The radio message log (fieldapp/radio/). Every form field is a column, so that two
# operators editing different fields of one message both keep their edit (per-field
# stamps). Relay hops are rows of their own: two stations adding a hop at the same time
# both keep it, where a list in one column would make one of them lose.
_M003_TEXT = [
    "number",
    "precedence",
    "handling",
    "origin_station",
    "check_received",
    "place_of_origin",
    "time_filed",
    "date_filed",
    "incident",
    "subject",
    "msg_date",
    "msg_time",
    "to_name",
    "to_position",
    "address",
    "phone",
    "from_name",
    "from_position",
    "author_contact",
    "text",
    "signature",
    "op_note",
    "op_note2",
    "approved_by",
    "approved_position",
    "reply",
    "replied_by",
    "replied_position",
    "reply_date",
    "reply_time",
    "received_from",
    "received_net",
    "sent_to",
    "sent_net",
    "delivered_to",
    "frequency",
    "mode",
    "qsl_time",
]
# The handling order of the queue (fieldapp/radio/store.py uses this exact expression, so
# that the index below serves the queue without a sort).
RADIO_RANK_SQL = (
    "CASE precedence WHEN 'EMERGENCY' THEN 0 WHEN 'TRES URGENT' THEN 0 WHEN 'PRIORITY' THEN 1"
    " WHEN 'URGENT' THEN 1 WHEN 'WELFARE' THEN 2 WHEN 'ROUTINE' THEN 3 ELSE 1 END"
)
_M003 = [
    f"""CREATE TABLE radio_messages (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        operation_id TEXT NOT NULL REFERENCES operations(id),
        kind TEXT NOT NULL,
        direction TEXT NOT NULL,
        status TEXT NOT NULL,
        test INTEGER NOT NULL DEFAULT 0,
        {" ".join(f"{name} TEXT NOT NULL DEFAULT '', " for name in _M003_TEXT)}
        received_at TEXT,
        sent_at TEXT,
        delivered_at TEXT,
        logged_at TEXT NOT NULL,
        format_meta TEXT NOT NULL DEFAULT '{{}}' CHECK (json_valid(format_meta)),
        author TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        updated_hlc TEXT NOT NULL,
        deleted INTEGER NOT NULL DEFAULT 0,
        field_hlc TEXT NOT NULL DEFAULT '{{}}')""",
    "CREATE INDEX radio_by_logged_at ON radio_messages(operation_id, deleted, logged_at)",
    # next serial number of a station: the highest number it originated, from the index
    """CREATE INDEX radio_serials ON radio_messages(
        operation_id, origin_station, CAST(number AS INTEGER)) WHERE deleted = 0""",
    f"""CREATE INDEX radio_queue ON radio_messages(operation_id, ({RADIO_RANK_SQL}), logged_at)
        WHERE deleted = 0 AND status IN ('received', 'waiting_relay')""",
    """CREATE TABLE radio_hops (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        operation_id TEXT NOT NULL REFERENCES operations(id),
        message_id TEXT NOT NULL REFERENCES radio_messages(id),
        from_station TEXT NOT NULL DEFAULT '',
        to_station TEXT NOT NULL DEFAULT '',
        net TEXT NOT NULL DEFAULT '',
        frequency TEXT NOT NULL DEFAULT '',
        mode TEXT NOT NULL DEFAULT '',
        at TEXT NOT NULL,
        author TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        updated_hlc TEXT NOT NULL,
        deleted INTEGER NOT NULL DEFAULT 0,
        field_hlc TEXT NOT NULL DEFAULT '{}')""",
    "CREATE INDEX radio_hops_by_message ON radio_hops(message_id, at)",
    """CREATE VIRTUAL TABLE radio_fts USING fts5(
        number, origin_station, subject, text, to_name, from_name, signature,
        content='radio_messages', content_rowid='seq',
        tokenize='unicode61 remove_diacritics 2')""",
    """CREATE TRIGGER radio_fts_insert AFTER INSERT ON radio_messages BEGIN
        INSERT INTO radio_fts(rowid, number, origin_station, subject, text, to_name, from_name,
            signature)
        VALUES (new.seq, new.number, new.origin_station, new.subject, new.text, new.to_name,
            new.from_name, new.signature);
    END""",
    """CREATE TRIGGER radio_fts_delete AFTER DELETE ON radio_messages BEGIN
        INSERT INTO radio_fts(radio_fts, rowid, number, origin_station, subject, text, to_name,
            from_name, signature)
        VALUES ('delete', old.seq, old.number, old.origin_station, old.subject, old.text,
            old.to_name, old.from_name, old.signature);
    END""",
    """CREATE TRIGGER radio_fts_update AFTER UPDATE OF number, origin_station, subject, text,
        to_name, from_name, signature ON radio_messages BEGIN
        INSERT INTO radio_fts(radio_fts, rowid, number, origin_station, subject, text, to_name,
            from_name, signature)
        VALUES ('delete', old.seq, old.number, old.origin_station, old.subject, old.text,
            old.to_name, old.from_name, old.signature);
        INSERT INTO radio_fts(rowid, number, origin_station, subject, text, to_name, from_name,
            signature)
        VALUES (new.seq, new.number, new.origin_station, new.subject, new.text, new.to_name,
            new.from_name, new.signature);
    END""",
]


def _m004_sync(db: Any) -> None:
    for statement in _M004:
        db.execute(statement)


# The sync client's local side (fieldapp/sync/local.py). The token is not here: it is a
# file only the user can read (fieldapp/sync/config.py), so a copied database leaks nothing.
_M004 = [
    # server URL, device id, user, role, pull cursor, last success/error, settings
    "CREATE TABLE sync_state (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    # pending edits of one record (base stamps, acknowledgements): ~2 us more per write
    "CREATE INDEX outbox_row ON outbox(row_id)",
    # b of the protocol: the stamp a field had before its first unsynced local edit
    """CREATE TABLE sync_base (
        entity TEXT NOT NULL, row_id TEXT NOT NULL, field TEXT NOT NULL, base TEXT NOT NULL,
        PRIMARY KEY (entity, row_id, field)) WITHOUT ROWID""",
    # records the server has (acknowledged or pulled): absent means local only
    """CREATE TABLE sync_records (
        entity TEXT NOT NULL, row_id TEXT NOT NULL, on_server_at INTEGER NOT NULL,
        PRIMARY KEY (entity, row_id)) WITHOUT ROWID""",
    """CREATE TABLE sync_conflicts (
        id TEXT PRIMARY KEY,
        entity TEXT NOT NULL,
        row_id TEXT NOT NULL,
        operation_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        field TEXT NOT NULL,
        body TEXT NOT NULL,
        origin TEXT NOT NULL,
        resolved_by TEXT,
        received_at TEXT NOT NULL)""",
    "CREATE INDEX sync_conflicts_row ON sync_conflicts(row_id)",
    # the batch in flight: resent byte for byte, same key, until the server answers it
    """CREATE TABLE sync_batch (
        batch_key TEXT PRIMARY KEY, seqs TEXT NOT NULL, body BLOB NOT NULL,
        created_at TEXT NOT NULL)""",
    "CREATE TABLE sync_rejected (op_id TEXT PRIMARY KEY, reason TEXT NOT NULL, at TEXT NOT NULL)",
    # pulled records that could not be stored yet (e.g. their operation comes later)
    """CREATE TABLE sync_parked (
        entity TEXT NOT NULL, row_id TEXT NOT NULL, body TEXT NOT NULL, reason TEXT NOT NULL,
        PRIMARY KEY (entity, row_id))""",
    "CREATE TABLE sync_resolves (op_id TEXT NOT NULL, conflict_id TEXT NOT NULL,"
    " PRIMARY KEY (op_id, conflict_id))",
    # blobs known to be on the server (up) or fetched from it (down)
    """CREATE TABLE sync_blobs (
        sha256 TEXT NOT NULL, direction TEXT NOT NULL, done_at TEXT NOT NULL,
        PRIMARY KEY (sha256, direction))""",
]

# Append new migrations here; never edit or reorder a released one.
MIGRATIONS: list[tuple[str, Callable[[Any], None]]] = [
    ("m001_initial", _m001_initial),
    ("m002_features", _m002_features),
    ("m003_radio", _m003_radio),
    ("m004_sync", _m004_sync),
]
KNOWN = [name for name, _ in MIGRATIONS]


def _inspect(path: Path) -> list[str]:
    """Check an existing file without changing it; returns the applied migrations.

    Only SQLite opens the file, with its usual locks: a plain open()/close() of a database
    file drops every POSIX lock this process holds on it, those of its live connections
    included, and lets another process delete the WAL under them ("How To Corrupt An
    SQLite Database File", 2.2). Nor is `immutable` claimed: another process may be
    writing. Reading commits nothing; a WAL that this connection creates, SQLite removes
    when the last connection closes.
    """
    try:
        conn = sqlite3.connect(path, timeout=10.0)
    except sqlite3.Error as exc:
        raise DatabaseError(f"{path} cannot be opened: {exc}") from None
    try:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        if app_id != APPLICATION_ID and _is_empty(conn):
            return []  # being created by another FieldApp right now: its migration has the lock
        if app_id != APPLICATION_ID:
            raise DatabaseError(
                f"{path} is an SQLite database of another program, not a FieldApp database"
            )
        return [
            row[0]
            for row in conn.execute(
                f"SELECT name FROM {MIGRATIONS_TABLE} WHERE migration_set = ? ORDER BY id",
                [MIGRATION_SET],
            )
        ]
    except sqlite3.DatabaseError as exc:
        raise _in_words(path, exc) from None
    finally:
        conn.close()


def _is_empty(conn: sqlite3.Connection) -> bool:
    return conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] == 0


def _in_words(path: Path, exc: sqlite3.DatabaseError) -> DatabaseError:
    primary = getattr(exc, "sqlite_errorcode", 0) & 0xFF  # extended codes keep it in the low byte
    if primary == _SQLITE_NOTADB:
        return DatabaseError(f"{path} is not a FieldApp database (it is not an SQLite file)")
    if primary in _SQLITE_BUSY:
        return DatabaseError(f"{path} is locked by another program for too long ({exc}); try again")
    if primary == _SQLITE_IOERR:
        return DatabaseError(f"{path} cannot be read: {exc}")
    return DatabaseError(f"{path} is damaged or not a FieldApp database: {exc}")


def check_schema(path: Path) -> list[str]:
    """Raise DatabaseError unless `path` is absent, empty or a FieldApp schema we know.

    Returns the migrations still to apply. Never writes to the file.
    """
    if not path.exists() or path.stat().st_size == 0:
        return KNOWN
    applied = _inspect(path)
    newer = [name for name in applied if name not in KNOWN]
    if newer:
        raise DatabaseError(
            f"{path} was written by a newer FieldApp (schema {len(applied)}, this version "
            f"knows {len(KNOWN)}); update FieldApp to open it. The file was not changed."
        )
    return [name for name in KNOWN if name not in applied]


def connect(path: Path, *, migrate: bool = True) -> sqlite3.Connection:
    """A checked, migrated connection in autocommit mode (transactions are explicit).

    `migrate=False` (an integrity check) reads an older schema as it is: a file that
    may be damaged is not rewritten before it has been checked.
    """
    pending = check_schema(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path, isolation_level=None, timeout=10.0)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA foreign_keys = ON")
    if pending and migrate:
        _migrate(conn)
    return conn


def _migrate(conn: sqlite3.Connection) -> None:
    """Apply what is pending under one write lock: another process starting on the same
    new data folder at the same moment waits, then finds nothing left to do.

    sqlite-utils reads what is pending after our BEGIN IMMEDIATE, so the check and the
    migrations are one transaction; each migration is a savepoint inside it.
    """
    from sqlite_utils import Database, Migrations

    migrations = Migrations(MIGRATION_SET)
    for name, func in MIGRATIONS:
        migrations(name=name)(func)
    conn.execute("BEGIN IMMEDIATE")
    try:
        migrations.apply(Database(conn))
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
