"""Field values checked by their declared kind: what the wire accepts in a record's field.

Each kind of fieldapp/core/records.py (text, code, id, sha256, whole number, number,
true/false, JSON, geometry, time) has a check here; `values_problem` says, naming the
field, why a pushed entry or a pulled record cannot be stored. Null is every field's
"no value". Pure functions: safe from any thread.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Mapping
from typing import Any

from fieldapp.core import records
from fieldapp.core.jsontext import loads
from fieldapp.core.records import RECORD_TYPES

ID_PATTERN = re.compile(r"^[A-Za-z0-9._:-]{1,100}$")
SHA256_PATTERN = re.compile(r"^[0-9a-f]{64}$")


def values_problem(entity: str, values: Mapping[str, Any]) -> str | None:
    """Why these field values cannot be stored in a record of `entity` (unknown entity or
    fields, a value not of its field's declared kind), else None."""
    declared = RECORD_TYPES.get(entity)
    if declared is None:
        return f"unknown entity {entity[:40]!r}; known: {', '.join(sorted(RECORD_TYPES))}"
    if not values.keys() <= declared.field_names:
        unknown = sorted(set(values) - declared.field_names)
        return f"unknown field(s) of {entity}: {', '.join(unknown)[:200]}"
    any_text = _any_text(entity)
    for name, value in values.items():
        # text in a field any text fits, most fields' case, without a call
        if value is None or (type(value) is str and name in any_text):
            continue
        check, wanted = KIND_CHECKS[declared.fields[name]]
        if not check(value):
            return f"{entity}.{name} must be {wanted}, got {value!r:.60}"
    return None


@functools.cache
def _any_text(entity: str) -> frozenset[str]:
    """The fields of `entity` that any text fits (TEXT, CODE)."""
    fields = RECORD_TYPES[entity].fields
    return frozenset(n for n, kind in fields.items() if kind in (records.TEXT, records.CODE))


def _json_text(value: Any) -> Any:
    """The parsed JSON of a text value, or a marker that it is not JSON text."""
    if not isinstance(value, str):
        return _NOT_JSON
    try:
        return loads(value)
    except ValueError:
        return _NOT_JSON


def _is_geometry(value: Any) -> bool:
    shape = _json_text(value)
    return isinstance(shape, dict) and isinstance(shape.get("type"), str)


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _is_whole(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


_NOT_JSON = object()
_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")
# A declared kind (fieldapp/core/records.py) -> (the check of a non-null value, in words).
KIND_CHECKS: dict[str, tuple[Callable[[Any], bool], str]] = {
    records.TEXT: (lambda v: isinstance(v, str), "text"),
    records.CODE: (lambda v: isinstance(v, str), "a code (text)"),
    records.ID: (lambda v: v == "" or (isinstance(v, str) and bool(ID_PATTERN.match(v))), "an id"),
    records.HASH: (lambda v: isinstance(v, str) and bool(SHA256_PATTERN.match(v)), "a sha256"),
    records.INT: (_is_whole, "a whole number"),
    records.SCALE: (_is_whole, "a whole number"),
    records.REAL: (_is_number, "a number"),
    records.BOOL: (lambda v: v in (0, 1), "true/false (or 0/1)"),
    records.JSON: (lambda v: _json_text(v) is not _NOT_JSON, "JSON text"),
    records.GEOMETRY: (_is_geometry, "GeoJSON geometry text"),
    records.TIME: (lambda v: isinstance(v, str) and bool(_TIME.match(v)), "an ISO 8601 time"),
}
