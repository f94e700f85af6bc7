"""Open conflicts grouped by record, so that a whole record can be compared and settled.

The server and the merge rule record conflicts per pair of writes of one field; people
think in records. `conflict_records` groups the open conflicts (`local.conflicts`) by
record and, for each, gathers the competing versions: one per device (the node of the
write stamps) with the values that device wrote, and the record as stored now (which
holds the winning values). `shown_fields` says which fields of a record to show, in the
order of the entity's form; the fields, their order and a record's title come from its
declaration (fieldapp/core/records.py). Plain reads on the caller's connection, no Qt: call them on
the thread that owns the connection.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from typing import Any

from fieldapp.core.records import BOOKKEEPING, KEYS, RECORD_TYPES, REPLICATED, TABLES
from fieldapp.sync.client.local import conflicts
from fieldapp.sync.protocol.merge import DELETED, node_of

# Columns never shown, never edited by a resolution (of a type this device does not know).
_NOT_SHOWN = {*KEYS, *BOOKKEEPING, *REPLICATED}


@dataclass
class Version:
    """What one device wrote to the fields in conflict."""

    node: str  # the clock node of its stamps: one per device
    device: str  # the device id the server recorded ("this device" for a local conflict)
    user: str
    device_name: str = ""  # as the server named it ("Olga's tablet"), "" when unknown
    stamp: str = ""  # its newest write among these conflicts
    values: dict[str, Any] = field(default_factory=dict)
    stamps: dict[str, str] = field(default_factory=dict)

    def add(self, write: dict) -> None:
        name, stamp = write["field"], write["s"]
        if stamp >= self.stamps.get(name, ""):
            self.values[name], self.stamps[name] = write["v"], stamp
        self.stamp = max(self.stamp, stamp)
        self.device = self.device or str(write.get("device") or "")
        self.user = self.user or str(write.get("user") or "")


@dataclass
class ConflictRecord:
    """One record with open conflicts: its fields in conflict and the competing versions."""

    entity: str
    row_id: str
    conflicts: list[dict]
    current: dict[str, Any]  # the stored row (all columns); empty if not on this device
    versions: list[Version]  # oldest first

    @property
    def fields(self) -> list[str]:
        """The fields in conflict, in the order of the record's form (`deleted` last)."""
        named = {c["field"] for c in self.conflicts}
        if any(c["kind"] == "delete" for c in self.conflicts):
            named.add(DELETED)
        return [name for name in _form_fields(self.entity, self.current) if name in named]

    @property
    def title(self) -> str:
        """What names the record (its declared title field), else the start of its id."""
        declared = RECORD_TYPES.get(self.entity)
        value = self.current.get(declared.title_field) if declared else None
        return str(value) if value not in (None, "") else self.row_id[:8]

    @property
    def newest(self) -> str:
        """The newest stamp among the competing writes (when the clash happened)."""
        return max(v.stamp for v in self.versions)


def shown_fields(entity: str, current: dict[str, Any]) -> list[str]:
    """The fields a person compares, in form order; `deleted` last, if the record has it.

    A sparse record type (a radio message: some forty fields, most empty for its kind)
    shows only the filled ones (those in conflict are always in `ConflictRecord.fields`)."""
    names = _form_fields(entity, current)
    declared = RECORD_TYPES.get(entity)
    if declared is not None and declared.sparse:
        return [n for n in names if n == DELETED or current.get(n) not in (None, "")]
    return names


def _form_fields(entity: str, current: dict[str, Any]) -> list[str]:
    declared = RECORD_TYPES.get(entity)
    if declared is not None:
        return [*declared.form_fields, DELETED]
    return [*(k for k in current if k not in _NOT_SHOWN), DELETED]


def conflict_records(conn: sqlite3.Connection) -> list[ConflictRecord]:
    """Every record with open conflicts, the record whose conflict came first, first."""
    grouped: dict[tuple[str, str], list[dict]] = {}
    for conflict in conflicts(conn):
        grouped.setdefault((conflict["entity"], conflict["row_id"]), []).append(conflict)
    return [_record(conn, entity, row_id, found) for (entity, row_id), found in grouped.items()]


def _record(
    conn: sqlite3.Connection, entity: str, row_id: str, found: list[dict]
) -> ConflictRecord:
    row = conn.execute(f"SELECT * FROM {TABLES[entity]} WHERE id = ?", [row_id]).fetchone()
    current = dict(zip(row.keys(), tuple(row), strict=True)) if row is not None else {}
    versions = _versions(found)
    for version in versions:
        named = conn.execute(
            "SELECT name FROM sync_devices WHERE id = ?", [version.device]
        ).fetchone()
        version.device_name = named[0] if named else ""
    return ConflictRecord(entity, row_id, found, current, versions)


def _versions(found: list[dict]) -> list[Version]:
    versions: dict[str, Version] = {}
    for conflict in found:
        for key in ("older", "newer"):
            write = conflict[key]
            node = node_of(write["s"])
            versions.setdefault(node, Version(node, "", "")).add(write)
    for conflict in found:  # the editor of a "delete" conflict kept the record
        if conflict["kind"] == "delete":
            for key in ("older", "newer"):
                if conflict[key]["field"] != DELETED:
                    versions[node_of(conflict[key]["s"])].values.setdefault(DELETED, 0)
    return sorted(versions.values(), key=lambda v: v.stamp)


def stored_tags(value: Any) -> list[str]:
    """Tags as a list, from their stored JSON text (or a list already)."""
    if isinstance(value, str):
        try:
            parsed = json.loads(value)
        except ValueError:
            return [value]
        return [str(t) for t in parsed] if isinstance(parsed, list) else [value]
    return list(value or [])
