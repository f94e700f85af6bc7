"""Migration m001: operations, reports, attachments, outbox, history, full-text search.

Released: frozen. Never edit or reorder it; a change of schema is a new migration
file. Its SQL is written out in full here, sharing no string with later code.
"""

# The SQL below is byte for byte what released databases hold in sqlite_master, long
# lines and stray spaces included: keep it so.
# ruff: noqa: W293

from __future__ import annotations

import secrets
from typing import Any

NAME = "m001_initial"

STATEMENTS = [
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    """CREATE TABLE operations (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        operation_id TEXT NOT NULL,
        name TEXT NOT NULL,
        description TEXT NOT NULL DEFAULT '',
        exercise INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        
    updated_hlc TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0,
    field_hlc TEXT NOT NULL DEFAULT '{}'
)""",
    """CREATE TABLE reports (
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
        
    updated_hlc TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0,
    field_hlc TEXT NOT NULL DEFAULT '{}'
)""",
    """CREATE TABLE attachments (
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
        
    updated_hlc TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0,
    field_hlc TEXT NOT NULL DEFAULT '{}'
)""",
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
    "CREATE INDEX reports_by_created_at ON reports(operation_id, deleted, created_at)",
    "CREATE INDEX reports_by_observed_at ON reports(operation_id, deleted, observed_at)",
    "CREATE INDEX reports_by_severity ON reports(operation_id, deleted, severity)",
    """CREATE VIRTUAL TABLE reports_fts USING fts5(
        title, body, tags, place, author, source_ref,
        content='reports', content_rowid='seq',
        tokenize='unicode61 remove_diacritics 2')""",
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


def apply(db: Any) -> None:
    """Run by the migration runner inside its transaction (a sqlite-utils Database)."""
    for statement in STATEMENTS:
        db.execute(statement)
    db.execute("PRAGMA application_id = 1178685520")  # "FAPP"
    db.execute("INSERT INTO meta(key, value) VALUES ('node_id', ?)", [secrets.token_hex(8)])
