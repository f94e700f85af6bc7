"""Opening a FieldApp database safely, and running its migrations.

`connect` refuses, without writing a byte, any file that is not a FieldApp database (not
SQLite, another program's SQLite file, or a newer FieldApp schema), then applies pending
migrations (fieldapp/core/migrations/, one frozen file each) under one write lock, each in
a savepoint with its record (the sqlite-utils migration runner). sqlite-utils is imported
only when a migration is pending: it costs ~0.3 s of start-up. Call from the thread that
will own the connection; a connection never crosses threads.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from fieldapp.core import migrations as schema_migrations

APPLICATION_ID = 0x46415050  # "FAPP" in the SQLite header; set by m001
MIGRATION_SET = "fieldapp"
MIGRATIONS_TABLE = "_sqlite_migrations"
KNOWN: list[str] = list(schema_migrations.NAMES)  # a test may pretend to be older
# SQLite result codes (their numbers are part of SQLite's stable interface)
_SQLITE_IOERR = 10
_SQLITE_NOTADB = 26
_SQLITE_BUSY = {5, 6}  # SQLITE_BUSY, SQLITE_LOCKED


class DatabaseError(Exception):
    """A database that cannot be used; the message says why in words."""


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
    for name, func in schema_migrations.load(KNOWN):
        migrations(name=name)(func)
    conn.execute("BEGIN IMMEDIATE")
    try:
        migrations.apply(Database(conn))
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
