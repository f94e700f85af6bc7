"""Migration m006: the alerts and outreach desk (official alerts, relays, public
messages, message templates, rumours and their sightings).

Released: frozen. Never edit or reorder it; a change of schema is a new migration
file. Its SQL is written out in full here, sharing no string with later code.

Synced tables: alerts, public_messages, rumours, message_templates, relays, rumour_links
(declared in core/records.py). Local to the device, never synced: where this laptop
took each alert from and who did (`alert_sources`: a file, a feed), the shapes of the
alerts' areas (`alert_shapes`, derived from each alert's CAP content and the boundary
data shipped with the app, so that sync never carries big polygons) and the alerts still
to shape (`alert_unshaped`, filled by a trigger whatever wrote the alert: an import here
or a sync round), and the alerts this laptop has already announced (`alert_notices`).
"""

# ruff: noqa: E501

from __future__ import annotations

from typing import Any

NAME = "m006_alerts"

STATEMENTS = [
    """CREATE TABLE alerts (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        operation_id TEXT NOT NULL REFERENCES operations(id),
        identifier TEXT NOT NULL,
        sender TEXT NOT NULL,
        sent TEXT NOT NULL,
        status TEXT NOT NULL,
        msg_type TEXT NOT NULL,
        scope TEXT NOT NULL,
        refs TEXT NOT NULL DEFAULT '',
        event TEXT NOT NULL DEFAULT '',
        headline TEXT NOT NULL DEFAULT '',
        severity TEXT NOT NULL DEFAULT '',
        urgency TEXT NOT NULL DEFAULT '',
        certainty TEXT NOT NULL DEFAULT '',
        onset TEXT,
        expires TEXT,
        languages TEXT NOT NULL DEFAULT '',
        cap TEXT NOT NULL CHECK (json_valid(cap)),
        created_at TEXT NOT NULL,
        updated_hlc TEXT NOT NULL,
        deleted INTEGER NOT NULL DEFAULT 0,
        field_hlc TEXT NOT NULL DEFAULT '{}')""",
    "CREATE INDEX alerts_by_sent ON alerts(operation_id, deleted, sent)",
    "CREATE INDEX alerts_by_key ON alerts(sender, identifier)",
    """CREATE TABLE public_messages (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        operation_id TEXT NOT NULL REFERENCES operations(id),
        purpose TEXT NOT NULL,
        title TEXT NOT NULL,
        language TEXT NOT NULL,
        texts TEXT NOT NULL CHECK (json_valid(texts)),
        hashtags TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(hashtags)),
        link TEXT NOT NULL DEFAULT '',
        alert_id TEXT,
        rumour_id TEXT,
        template TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL,
        approved_by TEXT NOT NULL DEFAULT '',
        approved_at TEXT,
        note TEXT NOT NULL DEFAULT '',
        author TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        updated_hlc TEXT NOT NULL,
        deleted INTEGER NOT NULL DEFAULT 0,
        field_hlc TEXT NOT NULL DEFAULT '{}')""",
    "CREATE INDEX public_messages_by_created_at ON public_messages(operation_id, deleted, created_at)",
    """CREATE TABLE rumours (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        operation_id TEXT NOT NULL REFERENCES operations(id),
        claim TEXT NOT NULL,
        first_seen TEXT,
        status TEXT NOT NULL,
        verification TEXT NOT NULL DEFAULT '',
        message_id TEXT,
        author TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        updated_hlc TEXT NOT NULL,
        deleted INTEGER NOT NULL DEFAULT 0,
        field_hlc TEXT NOT NULL DEFAULT '{}')""",
    "CREATE INDEX rumours_by_created_at ON rumours(operation_id, deleted, created_at)",
    """CREATE TABLE message_templates (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        operation_id TEXT NOT NULL REFERENCES operations(id),
        key TEXT NOT NULL,
        hazard TEXT NOT NULL DEFAULT '',
        language TEXT NOT NULL,
        title TEXT NOT NULL,
        texts TEXT NOT NULL CHECK (json_valid(texts)),
        author TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        updated_hlc TEXT NOT NULL,
        deleted INTEGER NOT NULL DEFAULT 0,
        field_hlc TEXT NOT NULL DEFAULT '{}')""",
    "CREATE INDEX message_templates_by_key ON message_templates(operation_id, key, language)",
    """CREATE TABLE relays (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        operation_id TEXT NOT NULL REFERENCES operations(id),
        alert_id TEXT,
        message_id TEXT,
        channel TEXT NOT NULL,
        via TEXT NOT NULL DEFAULT '',
        at TEXT NOT NULL,
        link TEXT NOT NULL DEFAULT '',
        radio_message_id TEXT,
        note TEXT NOT NULL DEFAULT '',
        author TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        updated_hlc TEXT NOT NULL,
        deleted INTEGER NOT NULL DEFAULT 0,
        field_hlc TEXT NOT NULL DEFAULT '{}')""",
    "CREATE INDEX relays_by_alert ON relays(alert_id) WHERE alert_id IS NOT NULL",
    "CREATE INDEX relays_by_message ON relays(message_id) WHERE message_id IS NOT NULL",
    """CREATE TABLE rumour_links (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        operation_id TEXT NOT NULL REFERENCES operations(id),
        rumour_id TEXT NOT NULL,
        target TEXT NOT NULL,
        target_id TEXT NOT NULL,
        seen_at TEXT,
        author TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        updated_hlc TEXT NOT NULL,
        deleted INTEGER NOT NULL DEFAULT 0,
        field_hlc TEXT NOT NULL DEFAULT '{}')""",
    "CREATE INDEX rumour_links_by_rumour ON rumour_links(rumour_id, deleted)",
    "CREATE INDEX rumour_links_by_target ON rumour_links(target_id)",
    # Which reports fall inside an alert's area: a box of positions, read from the index.
    "CREATE INDEX reports_by_position ON reports(operation_id, deleted, lat, lon, id)",
    """CREATE TABLE alert_sources (
        alert_id TEXT NOT NULL,
        source TEXT NOT NULL,
        taken_by TEXT NOT NULL,
        taken_at TEXT NOT NULL,
        PRIMARY KEY (alert_id, source)) WITHOUT ROWID""",
    """CREATE TABLE alert_shapes (
        alert_id TEXT PRIMARY KEY,
        geometry TEXT,
        min_lon REAL,
        min_lat REAL,
        max_lon REAL,
        max_lat REAL,
        unresolved TEXT NOT NULL DEFAULT '[]') WITHOUT ROWID""",
    "CREATE TABLE alert_unshaped (alert_id TEXT PRIMARY KEY) WITHOUT ROWID",
    """CREATE TRIGGER alerts_unshaped AFTER INSERT ON alerts BEGIN
        INSERT OR IGNORE INTO alert_unshaped(alert_id) VALUES (new.id);
    END""",
    """CREATE TABLE alert_notices (
        alert_id TEXT PRIMARY KEY,
        noticed_at TEXT NOT NULL) WITHOUT ROWID""",
]


def apply(db: Any) -> None:
    """Run by the migration runner inside its transaction (a sqlite-utils Database)."""
    for statement in STATEMENTS:
        db.execute(statement)
