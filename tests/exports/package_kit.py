"""Stores for the operation package tests: one record of every synced record type.

`fill_every_type(store, exercise)` makes an operation holding one record of each type
`core/records.RECORD_TYPES` declares: through the repositories where a type has its own
validation (reports, features, attachments, radio messages), through the replica's write
path with values of each field's declared kind for the others. A new record type gets a
record here without any change, so a package that forgot it fails the tests.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from fieldapp.core import records
from fieldapp.core.records import RECORD_TYPES
from fieldapp.core.replica import new_id
from fieldapp.core.times import utc_now
from fieldapp.store import Store

POINT = {"type": "Polygon", "coordinates": [[[2.3, 43.2], [2.4, 43.2], [2.4, 43.3], [2.3, 43.2]]]}
# Values the types' own checks (sync/protocol/checks.CHECKS) accept, by (entity, field).
VALID = {
    ("aar_entry", "section"): "strength",
    ("read_receipt", "entity"): "report",
    ("aar_entry", "due"): "2026-12-31",
}
BY_KIND: dict[str, Any] = {
    records.TEXT: "texte",
    records.CODE: "other",
    records.INT: 1,
    records.SCALE: 3,
    records.REAL: 1.5,
    records.BOOL: 0,
    records.JSON: "{}",
    records.GEOMETRY: json.dumps({"type": "Point", "coordinates": [2.3, 43.2]}),
}
MADE_BY_REPOSITORY = ("operation", "report", "feature", "attachment", "radio_message")


def fill_every_type(store: Store, exercise: bool = True, photo_dir: Path | None = None) -> dict:
    """An operation with one record of every declared type; returns {entity: id}."""
    op = store.operations.create("Crues de l'Aude", exercise=exercise)
    report = store.reports.add(op["id"], {"title": "Digue fissurée", "kind": "damage",
                                          "severity": 4, "lat": 43.2, "lon": 2.35,
                                          "tags": ["digue"]})  # fmt: skip
    photo = (photo_dir or store.data_dir) / "digue.txt"
    photo.write_text("la digue de Cuxac, vue du pont")
    attachment = store.attachments.add(report["id"], photo)
    feature = store.features.add(op["id"], name="Zone inondée", category="flooded_area",
                                 geometry=POINT)  # fmt: skip
    message = store.radio.add(op["id"], {"text": "Digue fissurée à Cuxac"}, station="F4ABC")
    ids = {"operation": op["id"], "report": report["id"], "feature": feature["id"],
           "attachment": attachment[0]["id"] if isinstance(attachment, list) else attachment["id"],
           "radio_message": message["id"]}  # fmt: skip
    with store.db.transaction():
        for entity, declared in RECORD_TYPES.items():
            if entity in MADE_BY_REPOSITORY:
                continue
            row = {"id": new_id(), "operation_id": op["id"]}
            for name, kind in declared.fields.items():
                row[name] = _value(entity, name, kind, ids)
            store.db.insert_records(entity, [row])
            ids[entity] = row["id"]
    return ids


def _value(entity: str, name: str, kind: str, ids: dict) -> Any:
    if (entity, name) in VALID:
        return VALID[(entity, name)]
    if name == "deleted":
        return 0
    if kind == records.TIME:
        return utc_now()
    if kind == records.ID:
        parent = {"message_id": "radio_message", "target_id": "report", "record_id": "report"}
        if name.removesuffix("_id") in ids:
            return ids[name.removesuffix("_id")]
        if name in RECORD_TYPES[entity].nullable:
            return None
        return ids[parent[name]]
    if kind == records.HASH:
        return None
    if entity == "exercise_run" and name == "summary":
        return "{}"
    if (entity, name) == ("report", "tags"):
        return "[]"
    return BY_KIND[kind]


def live_counts(store: Store, operation_id: str) -> dict[str, int]:
    """Records of each type in the operation (tombstones too)."""
    return {
        entity: store.conn.execute(
            f"SELECT count(*) FROM {declared.table} WHERE operation_id = ?", [operation_id]
        ).fetchone()[0]
        for entity, declared in RECORD_TYPES.items()
    }


def stamps_of(store: Store, entity: str, row_id: str) -> dict:
    row = store.conn.execute(
        f"SELECT field_hlc FROM {RECORD_TYPES[entity].table} WHERE id = ?", [row_id]
    ).fetchone()
    return json.loads(row[0])
