"""Migration m003: the radio message log (a column per form field) and relay hops.

Released: frozen. Never edit or reorder it; a change of schema is a new migration
file. Its SQL is written out in full here, sharing no string with later code.
"""

# The SQL below is byte for byte what released databases hold in sqlite_master, long
# lines and stray spaces included: keep it so.
# ruff: noqa: E501, W291

from __future__ import annotations

from typing import Any

NAME = "m003_radio"

# The handling order of the radio queue. fieldapp/radio/repository.py orders by this exact
# expression so that the radio_queue index below serves the queue without a sort.
RADIO_RANK_SQL = "CASE precedence WHEN 'EMERGENCY' THEN 0 WHEN 'TRES URGENT' THEN 0 WHEN 'PRIORITY' THEN 1 WHEN 'URGENT' THEN 1 WHEN 'WELFARE' THEN 2 WHEN 'ROUTINE' THEN 3 ELSE 1 END"

STATEMENTS = [
    """CREATE TABLE radio_messages (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        operation_id TEXT NOT NULL REFERENCES operations(id),
        kind TEXT NOT NULL,
        direction TEXT NOT NULL,
        status TEXT NOT NULL,
        test INTEGER NOT NULL DEFAULT 0,
        number TEXT NOT NULL DEFAULT '',  precedence TEXT NOT NULL DEFAULT '',  handling TEXT NOT NULL DEFAULT '',  origin_station TEXT NOT NULL DEFAULT '',  check_received TEXT NOT NULL DEFAULT '',  place_of_origin TEXT NOT NULL DEFAULT '',  time_filed TEXT NOT NULL DEFAULT '',  date_filed TEXT NOT NULL DEFAULT '',  incident TEXT NOT NULL DEFAULT '',  subject TEXT NOT NULL DEFAULT '',  msg_date TEXT NOT NULL DEFAULT '',  msg_time TEXT NOT NULL DEFAULT '',  to_name TEXT NOT NULL DEFAULT '',  to_position TEXT NOT NULL DEFAULT '',  address TEXT NOT NULL DEFAULT '',  phone TEXT NOT NULL DEFAULT '',  from_name TEXT NOT NULL DEFAULT '',  from_position TEXT NOT NULL DEFAULT '',  author_contact TEXT NOT NULL DEFAULT '',  text TEXT NOT NULL DEFAULT '',  signature TEXT NOT NULL DEFAULT '',  op_note TEXT NOT NULL DEFAULT '',  op_note2 TEXT NOT NULL DEFAULT '',  approved_by TEXT NOT NULL DEFAULT '',  approved_position TEXT NOT NULL DEFAULT '',  reply TEXT NOT NULL DEFAULT '',  replied_by TEXT NOT NULL DEFAULT '',  replied_position TEXT NOT NULL DEFAULT '',  reply_date TEXT NOT NULL DEFAULT '',  reply_time TEXT NOT NULL DEFAULT '',  received_from TEXT NOT NULL DEFAULT '',  received_net TEXT NOT NULL DEFAULT '',  sent_to TEXT NOT NULL DEFAULT '',  sent_net TEXT NOT NULL DEFAULT '',  delivered_to TEXT NOT NULL DEFAULT '',  frequency TEXT NOT NULL DEFAULT '',  mode TEXT NOT NULL DEFAULT '',  qsl_time TEXT NOT NULL DEFAULT '', 
        received_at TEXT,
        sent_at TEXT,
        delivered_at TEXT,
        logged_at TEXT NOT NULL,
        format_meta TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(format_meta)),
        author TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        updated_hlc TEXT NOT NULL,
        deleted INTEGER NOT NULL DEFAULT 0,
        field_hlc TEXT NOT NULL DEFAULT '{}')""",
    "CREATE INDEX radio_by_logged_at ON radio_messages(operation_id, deleted, logged_at)",
    """CREATE INDEX radio_serials ON radio_messages(
        operation_id, origin_station, CAST(number AS INTEGER)) WHERE deleted = 0""",
    """CREATE INDEX radio_queue ON radio_messages(operation_id, (CASE precedence WHEN 'EMERGENCY' THEN 0 WHEN 'TRES URGENT' THEN 0 WHEN 'PRIORITY' THEN 1 WHEN 'URGENT' THEN 1 WHEN 'WELFARE' THEN 2 WHEN 'ROUTINE' THEN 3 ELSE 1 END), logged_at)
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


def apply(db: Any) -> None:
    """Run by the migration runner inside its transaction (a sqlite-utils Database)."""
    for statement in STATEMENTS:
        db.execute(statement)
