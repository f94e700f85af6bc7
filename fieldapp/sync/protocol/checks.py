"""Whole-record checks of synced values: the desktop's own rules, for the server and client.

`wire` checks each value by its declared kind (kinds.py). That is not enough for a value
to be storable and shown: a report's tags must be a JSON list of words, its kind one of
the vocabulary, its severity on the scale; a new record must carry every field the store
cannot do without (`RecordType.required`), and a null fits only a `nullable` field.
`record_problem` says why a write cannot be stored, in words naming the field, with the
same validation the desktop runs on an edit (the type's hook in `CHECKS`: reports, map
features, radio messages). The server rejects such an entry; a client sets such a pulled
record aside and says so (sync/client/incoming.py).

Pure functions: safe from any thread.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from typing import Any

from fieldapp.core import records
from fieldapp.core.errors import ValidationError
from fieldapp.core.jsontext import loads
from fieldapp.core.records import RECORD_TYPES
from fieldapp.maps.features import validate_feature
from fieldapp.reports import domain
from fieldapp.sync.protocol.kinds import values_problem

# The hook of a record type whose values are checked like an edit of it: its form's
# fields (tags a list, flags true/false) -> the same, checked (ValidationError names the
# bad ones). The status of a radio message is not checked as a move along the workflow:
# a synced status is one a device gave, not a transition made now.
Check = Callable[[Mapping[str, Any]], Mapping[str, Any]]


def _message_check() -> Check:
    from fieldapp.radio import model as radio_model  # ~20 ms: only when a message comes

    return radio_model.validate_message


def _entry_check() -> Check:
    from fieldapp.exercises.entries import validate_entry

    return validate_entry


def _receipt_check() -> Check:
    from fieldapp.exercises.receipts import validate_receipt

    return validate_receipt


CHECKS: Mapping[str, Callable[[], Check]] = {
    "aar_entry": _entry_check,
    "read_receipt": _receipt_check,
    "report": lambda: domain.validate_report,
    "feature": lambda: validate_feature,
    "radio_message": _message_check,
}


def _is_word_list(value: Any) -> bool:
    return isinstance(value, list) and all(type(item) is str for item in value)


# JSON fields whose parsed value has a shape the readers rely on.
JSON_SHAPES: Mapping[tuple[str, str], tuple[Callable[[Any], bool], str]] = {
    ("report", "tags"): (_is_word_list, "a JSON list of words"),
    ("radio_message", "format_meta"): (lambda v: isinstance(v, dict), "a JSON object"),
    ("exercise_run", "summary"): (lambda v: isinstance(v, dict), "a JSON object"),
}


def record_problem(
    entity: str,
    current: Mapping[str, Any],
    written: Mapping[str, Any],
    new: bool,
    kinds_checked: bool = False,
) -> str | None:
    """Why `written` cannot be stored over a record whose values are `current` (empty and
    `new` for a record not stored yet), else None. Only problems of the written fields
    count for an existing record, so a value stored earlier never blocks other edits.
    `kinds_checked`: the caller has already checked each value's kind (kinds.py), as the
    wire does when it parses a push."""
    problem = None if kinds_checked else values_problem(entity, written)
    if problem:
        return problem
    declared = RECORD_TYPES[entity]
    nulls = sorted(n for n, v in written.items() if v is None and n in declared.not_null)
    if nulls:
        return f"{entity}.{nulls[0]} may not be null"
    if new:
        missing = sorted(declared.required - set(written))
        if missing:
            return f"a new {declared.label} needs {', '.join(missing)}"
    parsed: dict[str, Any] = {}  # JSON values of a shape, parsed once for the form too
    for name, value in written.items():
        shape = JSON_SHAPES.get((entity, name))
        if shape is not None and value is not None:
            parsed[name] = loads(value)
            if not shape[0](parsed[name]):
                return f"{entity}.{name} must be {shape[1]}, got {value!r:.60}"
    after = {**current, **written}
    return _hook_problem(entity, after, set(declared.fields if new else written), parsed)


def _hook_problem(
    entity: str, after: Mapping[str, Any], names: set[str], parsed: Mapping[str, Any]
) -> str | None:
    hook = CHECKS.get(entity)
    if hook is None:
        return None
    form: dict[str, Any] = {}
    for name, kind, shaped in _form_of(entity):
        if name in parsed:  # a JSON value of a shape, checked
            form[name] = parsed[name]
        elif name in after and (not shaped or _fits_shape(entity, name, after[name])):
            form[name] = form_value(kind, after[name])
    try:
        hook()(form)
    except ValidationError as exc:
        for name, (_code, message) in sorted(exc.errors.items()):
            if name in names:
                return f"{entity}.{name}: {message}"
    return None


@functools.cache
def _form_of(entity: str) -> tuple[tuple[str, str, bool], ...]:
    """A record type's form fields: (name, kind, whether its JSON has a shape to check),
    worked out once (the server checks 10,000 reports of a push with it)."""
    declared = RECORD_TYPES[entity]
    return tuple(
        (name, declared.kind_of(name), (entity, name) in JSON_SHAPES)
        for name in declared.form_fields
    )


def _fits_shape(entity: str, name: str, value: Any) -> bool:
    """Whether a stored value has its JSON field's shape (a value stored before this check
    is left out of the form, which then checks the field's default)."""
    shape = JSON_SHAPES.get((entity, name))
    if shape is None or value is None:
        return True
    try:
        return shape[0](loads(value))
    except (TypeError, ValueError):
        return False


def form_value(kind: str, stored: Any) -> Any:
    """A stored value as a form gives it (JSON parsed, flags true/false)."""
    if kind == records.JSON and isinstance(stored, str):
        try:
            return loads(stored)
        except ValueError:
            return stored
    return bool(stored) if kind == records.BOOL else stored
