"""Map features: the areas, lines and points a volunteer draws on the map.

A flooded zone, a closed road, a shelter: each is a name, a category, notes and one
GeoJSON geometry (geometry.py), stored like reports: a UUIDv7 id, per-field clock
stamps, a tombstone on delete, and an outbox and a history entry in the same
transaction as the row. The vocabulary and `validate_feature` are pure (any thread).
`Features` is the repository the Store holds as `store.features`: one replica, one
thread, like every repository.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping
from typing import Any, cast

from fieldapp.core.errors import NotFoundError, ValidationError
from fieldapp.core.operations import get_operation
from fieldapp.core.record_types import Feature
from fieldapp.core.replica import Repository, new_id
from fieldapp.core.times import utc_now
from fieldapp.maps.geometry import GeometryError, encode_geometry, read_geometry

CATEGORIES = (
    "flooded_area",
    "closed_road",
    "evacuation_zone",
    "danger_zone",
    "shelter",
    "meeting_point",
    "other",
)
NAME_MAX = 200
# Fields a user may set; the store owns the others (id, author, stamps...).
FEATURE_FIELDS = ("name", "category", "notes", "geometry")


def validate_feature(values: Mapping[str, Any]) -> dict[str, Any]:
    """Check a full set of feature fields and return them in stored form.

    The geometry may be JSON text or an object: a geometry, a Feature or a
    FeatureCollection of one; it is stored as compact geometry JSON. Raises
    ValidationError naming every bad field, unknown field names included.
    """
    errors: dict[str, tuple[str, str]] = {}
    for name in values:
        if name not in FEATURE_FIELDS:
            errors[name] = ("unknown_field", "is not a map feature field")
    name = str(values.get("name") or "").strip()
    if not name:
        errors["name"] = ("required", "a name is required")
    elif len(name) > NAME_MAX:
        errors["name"] = ("too_long", f"at most {NAME_MAX} characters")
    category = values.get("category")
    if category not in CATEGORIES:
        errors["category"] = (
            "unknown_value",
            f"{category!r} is not one of {', '.join(CATEGORIES)}",
        )
    geometry = ""
    if values.get("geometry") in (None, ""):
        errors["geometry"] = ("required", "a shape is required (GeoJSON geometry)")
    else:
        try:
            geometry = encode_geometry(read_geometry(values["geometry"]))
        except GeometryError as exc:
            errors["geometry"] = (exc.code, str(exc))
    if errors:
        raise ValidationError(errors)
    notes = str(values.get("notes") or "").strip()
    return {"name": name, "category": category, "notes": notes, "geometry": geometry}


class Features(Repository):
    """Saving and reading map features."""

    def add(
        self, operation_id: str, *, name: str, category: str, geometry: Any, notes: str = ""
    ) -> Feature:
        """Validate and save a new feature; returns it as stored."""
        get_operation(self.conn, operation_id)
        clean = validate_feature(
            {"name": name, "category": category, "geometry": geometry, "notes": notes}
        )
        feature_id = new_id()
        with self.db.transaction():
            row = {
                "id": feature_id,
                "operation_id": operation_id,
                "created_at": utc_now(),
                "author": self.db.user,
                **clean,
            }
            self.db.insert_records("feature", [row])
        return self.get(feature_id)

    def edit(self, feature_id: str, **changes: Any) -> Feature:
        """Apply a partial edit (name, category, notes, geometry); unchanged fields are not
        logged, and an edit that changes nothing writes nothing."""
        current = dict(self._feature_row(feature_id))
        clean = validate_feature({**{n: current[n] for n in FEATURE_FIELDS}, **changes})
        diff = {k: (current[k], v) for k, v in clean.items() if current[k] != v}
        if diff:
            with self.db.transaction():
                self.db.update_record("feature", current, diff)
        return self.get(feature_id)

    def delete(self, feature_id: str) -> None:
        """Tombstone a feature: it leaves the map and the lists; its history stays."""
        current = dict(self._feature_row(feature_id))
        with self.db.transaction():
            self.db.update_record("feature", current, {"deleted": (0, 1)}, action="deleted")

    def get(self, feature_id: str) -> Feature:
        return _feature(self._feature_row(feature_id))

    def list(self, operation_id: str) -> list[Feature]:
        """The live features of an operation, oldest first (the order they were drawn)."""
        get_operation(self.conn, operation_id)
        rows = self.conn.execute(
            "SELECT * FROM features WHERE operation_id = ? AND deleted = 0 ORDER BY seq",
            [operation_id],
        )
        return [_feature(row) for row in rows]

    def _feature_row(self, feature_id: str) -> sqlite3.Row:
        row = self.conn.execute(
            "SELECT * FROM features WHERE id = ? AND deleted = 0", [feature_id]
        ).fetchone()
        if row is None:
            raise NotFoundError(f"no map feature with id {feature_id}")
        return row


def _feature(row: sqlite3.Row) -> Feature:
    feature = dict(row)
    feature["geometry"] = json.loads(feature["geometry"])
    feature["field_hlc"] = json.loads(feature["field_hlc"])
    return cast(Feature, feature)
