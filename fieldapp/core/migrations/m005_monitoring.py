"""Migration m005: the monitoring desk (sources, posts, watch rules, notes on authors).

Released: frozen. Never edit or reorder it; a change of schema is a new migration
file. Its SQL is written out in full here, sharing no string with later code.

Synced tables: items, watch_rules, author_notes (declared in core/records.py). Local to
the device, never synced: the sources this laptop polls (its user added them: the app
fetches nothing else) with their polling state, and what is derived from the items here
(the full-text index, clusters and their LSH bands, the items still to place, the rules'
hits, the cluster cards the queue lists).
"""

# ruff: noqa: E501

from __future__ import annotations

from typing import Any

NAME = "m005_monitoring"

STATEMENTS = [
    """CREATE TABLE items (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        operation_id TEXT NOT NULL REFERENCES operations(id),
        status TEXT NOT NULL,
        claimed_by TEXT NOT NULL DEFAULT '',
        report_id TEXT,
        cluster_pin TEXT,
        source_kind TEXT NOT NULL,
        post_key TEXT NOT NULL,
        author TEXT NOT NULL DEFAULT '',
        handle TEXT NOT NULL DEFAULT '',
        posted_at TEXT,
        text TEXT NOT NULL,
        url TEXT NOT NULL DEFAULT '',
        language TEXT NOT NULL DEFAULT '',
        media TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(media)),
        place TEXT NOT NULL DEFAULT '',
        lat REAL,
        lon REAL,
        created_at TEXT NOT NULL,
        updated_hlc TEXT NOT NULL,
        deleted INTEGER NOT NULL DEFAULT 0,
        field_hlc TEXT NOT NULL DEFAULT '{}')""",
    "CREATE INDEX items_by_posted_at ON items(operation_id, deleted, posted_at)",
    "CREATE INDEX items_by_report ON items(report_id) WHERE report_id IS NOT NULL",
    "CREATE INDEX items_by_handle ON items(handle)",
    "CREATE TABLE item_unplaced (item_id TEXT PRIMARY KEY) WITHOUT ROWID",
    "CREATE TABLE item_card_dirty (item_id TEXT PRIMARY KEY) WITHOUT ROWID",
    """CREATE VIRTUAL TABLE items_fts USING fts5(
        text, author, handle, place,
        content='items', content_rowid='seq',
        tokenize='unicode61 remove_diacritics 2')""",
    """CREATE TRIGGER items_fts_insert AFTER INSERT ON items BEGIN
        INSERT INTO items_fts(rowid, text, author, handle, place)
        VALUES (new.seq, new.text, new.author, new.handle, new.place);
        INSERT OR IGNORE INTO item_unplaced(item_id) VALUES (new.id);
    END""",
    """CREATE TRIGGER items_fts_delete AFTER DELETE ON items BEGIN
        INSERT INTO items_fts(items_fts, rowid, text, author, handle, place)
        VALUES ('delete', old.seq, old.text, old.author, old.handle, old.place);
    END""",
    """CREATE TRIGGER items_fts_update AFTER UPDATE OF text, author, handle, place ON items BEGIN
        INSERT INTO items_fts(items_fts, rowid, text, author, handle, place)
        VALUES ('delete', old.seq, old.text, old.author, old.handle, old.place);
        INSERT INTO items_fts(rowid, text, author, handle, place)
        VALUES (new.seq, new.text, new.author, new.handle, new.place);
    END""",
    """CREATE TRIGGER items_replace AFTER UPDATE OF text, url, cluster_pin, deleted ON items BEGIN
        INSERT OR IGNORE INTO item_unplaced(item_id) VALUES (new.id);
    END""",
    """CREATE TRIGGER items_recard AFTER UPDATE OF status, claimed_by, report_id, handle, posted_at, lat, lon ON items BEGIN
        INSERT OR IGNORE INTO item_card_dirty(item_id) VALUES (new.id);
    END""",
    """CREATE TABLE item_clusters (
        seq INTEGER PRIMARY KEY,
        item_id TEXT NOT NULL UNIQUE,
        operation_id TEXT NOT NULL,
        cluster_id TEXT NOT NULL,
        pin TEXT,
        inputs TEXT NOT NULL,
        shape TEXT NOT NULL)""",
    "CREATE INDEX item_clusters_by_cluster ON item_clusters(cluster_id)",
    """CREATE TABLE item_bands (
        band INTEGER NOT NULL,
        item_seq INTEGER NOT NULL,
        PRIMARY KEY (band, item_seq)) WITHOUT ROWID""",
    """CREATE TABLE cluster_cards (
        cluster_id TEXT PRIMARY KEY,
        operation_id TEXT NOT NULL,
        lead_item_id TEXT NOT NULL,
        posts INTEGER NOT NULL,
        authors INTEGER NOT NULL,
        first_at TEXT,
        last_at TEXT,
        status TEXT NOT NULL,
        claimed_by TEXT NOT NULL DEFAULT '',
        report_id TEXT,
        flagged INTEGER NOT NULL DEFAULT 0,
        hidden INTEGER NOT NULL DEFAULT 0,
        lat REAL,
        lon REAL)""",
    "CREATE INDEX cluster_cards_by_last_at ON cluster_cards(operation_id, last_at)",
    "CREATE INDEX cluster_cards_by_status ON cluster_cards(operation_id, status, last_at)",
    """CREATE TABLE item_rule_hits (
        rule_id TEXT NOT NULL,
        item_id TEXT NOT NULL,
        PRIMARY KEY (rule_id, item_id)) WITHOUT ROWID""",
    "CREATE INDEX item_rule_hits_by_item ON item_rule_hits(item_id)",
    """CREATE TABLE watch_rules (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        operation_id TEXT NOT NULL REFERENCES operations(id),
        name TEXT NOT NULL,
        expression TEXT NOT NULL,
        language TEXT NOT NULL DEFAULT '',
        area_id TEXT,
        operation_area INTEGER NOT NULL DEFAULT 0,
        action TEXT NOT NULL,
        enabled INTEGER NOT NULL DEFAULT 0,
        author TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        updated_hlc TEXT NOT NULL,
        deleted INTEGER NOT NULL DEFAULT 0,
        field_hlc TEXT NOT NULL DEFAULT '{}')""",
    "CREATE INDEX watch_rules_by_operation ON watch_rules(operation_id, deleted)",
    """CREATE TABLE author_notes (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        operation_id TEXT NOT NULL REFERENCES operations(id),
        handle TEXT NOT NULL,
        credibility TEXT NOT NULL,
        note TEXT NOT NULL DEFAULT '',
        author TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        updated_hlc TEXT NOT NULL,
        deleted INTEGER NOT NULL DEFAULT 0,
        field_hlc TEXT NOT NULL DEFAULT '{}')""",
    "CREATE INDEX author_notes_by_handle ON author_notes(handle, deleted)",
    """CREATE TABLE item_sources (
        item_id TEXT NOT NULL,
        source_id TEXT NOT NULL,
        fetched_at TEXT NOT NULL,
        PRIMARY KEY (source_id, item_id)) WITHOUT ROWID""",
    "CREATE INDEX item_sources_by_item ON item_sources(item_id)",
    """CREATE TABLE monitor_sources (
        id TEXT PRIMARY KEY,
        operation_id TEXT NOT NULL REFERENCES operations(id),
        kind TEXT NOT NULL,
        address TEXT NOT NULL,
        source_key TEXT NOT NULL,
        name TEXT NOT NULL,
        interval_s INTEGER NOT NULL,
        enabled INTEGER NOT NULL DEFAULT 1,
        created_at TEXT NOT NULL,
        state TEXT NOT NULL DEFAULT '{}',
        UNIQUE (operation_id, source_key))""",
]


def apply(db: Any) -> None:
    """Run by the migration runner inside its transaction (a sqlite-utils Database)."""
    for statement in STATEMENTS:
        db.execute(statement)
