"""JSON Schemas of the request bodies, for the OpenAPI document (and so for fuzzing).

Documentation only: the server checks bodies with fieldapp.sync.protocol.wire, which is stricter
(stamps, sizes, entity and field names). Constants; safe from any thread.
"""

from __future__ import annotations

from fieldapp.sync.protocol import wire

_ID = {"type": "string", "pattern": r"^[A-Za-z0-9._:-]{1,100}$"}
_STAMP = {"type": "string", "pattern": r"^\d{13}-[0-9a-f]{4}-[A-Za-z0-9_]{1,64}$"}
_VALUE = {"type": ["string", "number", "integer", "boolean", "null"]}

_FIELD = {
    "type": "object",
    "properties": {"v": _VALUE, "s": _STAMP, "b": {"anyOf": [_STAMP, {"type": "null"}]}},
    "required": ["v"],
    "additionalProperties": False,
}

_ENTRY = {
    "type": "object",
    "properties": {
        "op_id": _ID,
        "entity": {"type": "string", "enum": sorted(wire.ENTITIES)},
        "id": _ID,
        "operation_id": _ID,
        "s": _STAMP,
        "b": {"anyOf": [_STAMP, {"type": "null"}]},
        "fields": {"type": "object", "additionalProperties": _FIELD, "minProperties": 1},
        "resolves": {"type": "array", "items": _ID, "maxItems": 100},
    },
    "required": ["op_id", "entity", "id", "operation_id", "fields"],
    "additionalProperties": False,
}

PUSH_SCHEMA = {
    "type": "object",
    "properties": {
        "batch_key": _ID,
        "device_time": {"type": "integer", "minimum": 0},
        "entries": {"type": "array", "items": _ENTRY, "maxItems": wire.MAX_ENTRIES},
    },
    "required": ["batch_key", "device_time", "entries"],
    "additionalProperties": False,
}

JOIN_SCHEMA = {
    "type": "object",
    "properties": {
        "code": {"type": "string", "example": "K7P-4QX-9M3"},
        "device_name": {"type": "string", "minLength": 1, "maxLength": 100},
    },
    "required": ["code", "device_name"],
    "additionalProperties": False,
}

MEMBERS_SCHEMA = {
    "type": "object",
    "properties": {"members": {"type": "array", "items": {"type": "string"}}},
    "required": ["members"],
}
