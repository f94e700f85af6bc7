"""How the conflict view names records, fields and values: from the record declarations.

Everything here derives from a record type's declaration (fieldapp/core/records.py): its
name in words (translated below, keyed by the declaration's entity; a test checks that
every declared type has one), its title field, its fields and their kinds. A value is
shown by its field's kind: codes, scales and flags through the type's vocabulary, shapes
in words, JSON lists listed, times and numbers as the forms show them. Where a type has
its own words, a hook registered under its entity says them: `FIELD_LABELS` (the names
of the type's form: a radio message's depend on its kind), `VOCABULARIES` (its coded
values), `TITLES` (how one record is named), `SUBKINDS` (a report shows its own kind).
Translations are read when called: GUI thread only.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtCore import QCoreApplication

from fieldapp.core import records
from fieldapp.core.records import RECORD_TYPES
from fieldapp.exercises.receipts import RECEIPT_ENTITIES
from fieldapp.maps.geometry import GeometryError, bounding_box, read_geometry, vertex_count
from fieldapp.sync.client.conflict_records import ConflictRecord
from fieldapp.sync.protocol.merge import DELETED
from fieldapp.ui.alerts import words as alerts_words
from fieldapp.ui.exercises import words as exercises_words
from fieldapp.ui.kit import i18n
from fieldapp.ui.monitoring import words as monitoring_words
from fieldapp.ui.radio import fields as radio_fields
from fieldapp.ui.radio import models as radio_models

translate = QCoreApplication.translate
_MULTI_RINGS = {"Polygon": 1, "MultiPolygon": 2}  # nesting of rings whose last point repeats


def type_labels() -> dict[str, str]:
    """Each declared record type in words, keyed by its declaration's entity."""
    return {
        "operation": translate("Conflicts", "Operation"),
        "report": translate("Conflicts", "Report"),
        "feature": translate("Conflicts", "Map feature"),
        "attachment": translate("Conflicts", "Attached file"),
        "radio_message": translate("Conflicts", "Radio message"),
        "radio_hop": translate("Conflicts", "Radio relay"),
        "item": translate("Conflicts", "Monitored post"),
        "watch_rule": translate("Conflicts", "Watch rule"),
        "author_note": translate("Conflicts", "Note on an author"),
        "alert": translate("Conflicts", "Official alert"),
        "public_message": translate("Conflicts", "Public message"),
        "rumour": translate("Conflicts", "Rumour"),
        "message_template": translate("Conflicts", "Message template"),
        "relay": translate("Conflicts", "Relay of an alert or a message"),
        "rumour_link": translate("Conflicts", "Sighting of a rumour"),
        "inject": translate("Conflicts", "Exercise inject"),
        "exercise_clock": translate("Conflicts", "Exercise clock"),
        "observer_note": translate("Conflicts", "Observer's note"),
        "aar_entry": translate("Conflicts", "After-action report entry"),
        "exercise_run": translate("Conflicts", "Archived run of an exercise"),
        "read_receipt": translate("Conflicts", "Read receipt of an exercise"),
    }


def type_label(entity: str) -> str:
    """A record type in words (its declared label, untranslated, for a type not listed)."""
    declared = RECORD_TYPES.get(entity)
    return type_labels().get(entity) or (declared.label.capitalize() if declared else entity)


# -- hooks: where a record type has words of its own -------------------------------------


def _plain(label: str) -> str:
    """A form label without its mnemonic."""
    return label.replace("&&", "\0").replace("&", "").replace("\0", "&")


def feature_labels(kind: str = "") -> dict[str, str]:
    """The names of the map feature dialog (without its mnemonics), and the shape."""
    return {
        "name": _plain(translate("FeatureDialog", "&Name")),
        "category": _plain(translate("FeatureDialog", "&Category")),
        "notes": _plain(translate("FeatureDialog", "N&otes")),
        "geometry": translate("Conflicts", "Shape"),
    }


def message_labels(kind: str) -> dict[str, str]:
    """The names of the radio entry form for a kind of message; a field that kind's form
    lacks takes another form's name (without the box number of the ICS-213)."""
    named: dict[str, str] = {
        "kind": _plain(translate("RadioEntryForm", "&Kind")),
        "direction": _plain(translate("RadioEntryForm", "&Direction")),
        "status": translate("RadioColumns", "Status"),
        "test": translate("Conflicts", "Exercise (TEST)"),
        "subject": translate("Conflicts", "Subject"),
        "op_note": translate("Conflicts", "Operator note"),
        "op_note2": translate("Conflicts", "Second operator note"),
        "sent_to": translate("Conflicts", "Passed to"),
        "sent_net": translate("Conflicts", "Net passed on"),
        "delivered_to": translate("Conflicts", "Delivered to"),
        "frequency": translate("Conflicts", "Frequency"),
        "mode": translate("Conflicts", "Mode"),
        "received_at": translate("Conflicts", "Received at (UTC)"),
        "sent_at": translate("Conflicts", "Passed on at (UTC)"),
        "delivered_at": translate("Conflicts", "Delivered at (UTC)"),
    }
    own = kind if kind in radio_fields.KINDS else "radiogram"
    others = [k for k in ("adrasec", "ics213", "radiogram") if k != own]  # English last
    for other in (*others, own):
        for name, label in radio_fields.labels(other).items():
            text = _plain(label)
            if other != own:
                text = re.sub(r"^\d+ ", "", text)
            named[name] = text
    return named


def _report_words() -> dict[str, Mapping[Any, str]]:
    return {
        "kind": i18n.kind_labels(),
        "status": i18n.status_labels(),
        "verification": i18n.verification_labels(),
        "source": i18n.source_labels(),
        "verification_confidence": i18n.confidence_labels(),
        "severity": i18n.severity_labels(),
    }


def _message_words() -> dict[str, Mapping[Any, str]]:
    return {
        "kind": radio_models.kind_labels(),
        "direction": radio_models.direction_labels(),
        "status": radio_models.status_labels(),
        "test": {
            True: translate("Conflicts", "Yes: an exercise"),
            False: translate("Conflicts", "No"),
        },
    }


def _message_title(current: Mapping[str, Any]) -> str:
    """A radio message as operators name it: its number and the station it came from."""
    station = current.get("received_from") or current.get("origin_station") or ""
    number = current.get("number") or "—"
    if station:
        text = translate("Conflicts", "NR %1 from %2").replace("%2", station)
    else:
        text = translate("Conflicts", "NR %1")
    return text.replace("%1", number)


def _report_kind(current: Mapping[str, Any]) -> str:
    return i18n.kind_labels().get(str(current.get("kind") or ""), "")


# Field names of a type's form, by the record's own `kind` (the report's are the default).
FIELD_LABELS: Mapping[str, Callable[[str], dict[str, str]]] = {
    "feature": feature_labels,
    "radio_message": message_labels,
    "item": monitoring_words.field_labels,
    "watch_rule": monitoring_words.field_labels,
    "author_note": monitoring_words.field_labels,
    **dict.fromkeys(
        ("alert", "public_message", "rumour", "message_template", "relay", "rumour_link"),
        alerts_words.field_labels,
    ),
    **dict.fromkeys(("inject", "exercise_clock", "observer_note"), exercises_words.field_labels),
    "aar_entry": exercises_words.entry_field_labels,
    "exercise_run": exercises_words.run_field_labels,
    "read_receipt": exercises_words.receipt_field_labels,
}
# The words of coded values (codes, scales, flags) of a type's fields.
VOCABULARIES: Mapping[str, Callable[[], dict[str, Mapping[Any, str]]]] = {
    "report": _report_words,
    "feature": lambda: {"category": i18n.category_labels()},
    "radio_message": _message_words,
    "item": lambda: {
        "status": monitoring_words.status_labels(),
        "source_kind": monitoring_words.post_kind_labels(),
    },
    "watch_rule": lambda: {
        "action": monitoring_words.action_labels(),
        "enabled": {True: translate("Conflicts", "Yes"), False: translate("Conflicts", "No")},
    },
    "author_note": lambda: {"credibility": monitoring_words.credibility_labels()},
    "alert": lambda: {
        "status": alerts_words.status_labels(),
        "msg_type": alerts_words.msg_type_labels(),
        "scope": alerts_words.scope_labels(),
        "severity": alerts_words.severity_labels(),
        "urgency": alerts_words.urgency_labels(),
        "certainty": alerts_words.certainty_labels(),
    },
    "public_message": lambda: {
        "status": alerts_words.message_status_labels(),
        "purpose": alerts_words.purpose_labels(),
    },
    "rumour": lambda: {"status": alerts_words.rumour_status_labels()},
    "read_receipt": lambda: {"entity": {e: type_label(e) for e in RECEIPT_ENTITIES}},
    "relay": lambda: {"channel": alerts_words.channel_labels()},
    "rumour_link": lambda: {"target": alerts_words.target_labels()},
    "inject": lambda: {
        "channel": exercises_words.channel_labels(),
        "status": exercises_words.status_labels(),
    },
    "exercise_clock": lambda: {"state": exercises_words.clock_labels()},
    "aar_entry": lambda: {"section": exercises_words.section_labels()},
}
# How one record of a type is named, when its declared title field is not enough.
TITLES: Mapping[str, Callable[[Mapping[str, Any]], str]] = {
    "radio_message": _message_title,
    "item": monitoring_words.post_title,
}
# What one record of a type is, when more precise than the type (a report's kind).
SUBKINDS: Mapping[str, Callable[[Mapping[str, Any]], str]] = {"report": _report_kind}


# -- what the conflict view asks -------------------------------------------------------


def field_label(name: str, entity: str = "report", kind: str = "") -> str:
    """A field as people name it; `kind` is the record's own kind (a radio message's form)."""
    hook = FIELD_LABELS.get(entity)
    labels = hook(kind) if hook else {}
    return labels.get(name) or i18n.field_labels().get(name) or name.replace("_", " ").capitalize()


def record_title(record: ConflictRecord) -> str:
    """What the record is called: its declared title field, or its type's own words."""
    hook = TITLES.get(record.entity)
    return hook(record.current) if hook and record.current else record.title


def kind_text(record: ConflictRecord) -> str:
    """What kind of record it is: a report's kind ("Hazard"), else its type in words."""
    hook = SUBKINDS.get(record.entity)
    return (hook(record.current) if hook else "") or type_label(record.entity)


def pick_only(entity: str, name: str) -> bool:
    """Whether a field's result can only be one of the versions (codes, scales, flags,
    shapes: by its declared kind)."""
    declared = RECORD_TYPES.get(entity)
    return name == DELETED or (declared is not None and declared.picked(name))


def value_text(name: str, value: Any, limit: int | None = None, entity: str = "report") -> str:
    """A stored value in words, by its field's declared kind; for `deleted`, what it means
    for the record."""
    if name == DELETED:
        if value:
            return translate("Conflicts", "Deleted")
        return translate("Conflicts", "Kept (not deleted)")
    declared = RECORD_TYPES.get(entity)
    kind = declared.kind_of(name) if declared else records.TEXT
    text = "" if value is None or value == "" else _words(entity, name, kind, value)
    if not text:
        return translate("HistoryModel", "(empty)")
    if limit is not None and len(text) > limit:
        text = text[: limit - 1] + "…"
    return text


def _words(entity: str, name: str, kind: str, value: Any) -> str:
    if kind in records.PICKED and kind != records.GEOMETRY:
        vocabulary = VOCABULARIES.get(entity, dict)().get(name)
        if vocabulary is not None:
            return vocabulary.get(value, str(value))
        if kind == records.BOOL:
            return translate("Conflicts", "Yes") if value else translate("Conflicts", "No")
    if kind == records.GEOMETRY:
        return geometry_words(value)
    if kind == records.JSON:
        return _json_words(value)
    if kind == records.TIME and isinstance(value, str) and len(value) >= 16:
        seconds = "" if value[16:23] == ":00.000" else value[16:19]
        return f"{value[:10]} {value[11:16]}{seconds}"
    if isinstance(value, float):
        text = repr(value)
        return text[:-2] if text.endswith(".0") else text
    return str(value)


def _json_words(value: Any) -> str:
    """JSON text in words: a list as its items, anything else as it is."""
    try:
        parsed = json.loads(value) if isinstance(value, str) else value
    except ValueError:
        return str(value)
    if isinstance(parsed, list):
        return ", ".join(str(item) for item in parsed)
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def geometry_words(value: Any) -> str:
    """A shape in words: "Polygon, 12 points", then where it lies on a second line."""
    try:
        shape = read_geometry(value)
    except GeometryError:
        return str(value)
    kind = shape["type"]
    points = vertex_count(shape)
    rings = [shape["coordinates"]]
    for _ in range(_MULTI_RINGS.get(kind, 0) - 1):
        rings = [ring for polygon in rings for ring in polygon]
    if kind in _MULTI_RINGS:
        points -= len(rings[0]) if kind == "Polygon" else sum(len(p) for p in rings)
    west, south, east, north = bounding_box(shape)
    where = translate("Conflicts", "around %1, %2 (latitude, longitude)")
    where = where.replace("%1", f"{(south + north) / 2:.5f}")
    where = where.replace("%2", f"{(west + east) / 2:.5f}")
    if kind == "Point":
        return translate("Conflicts", "Point") + "\n" + where
    names = {
        "LineString": translate("Conflicts", "Line"),
        "Polygon": translate("Conflicts", "Polygon"),
        "MultiPolygon": translate("Conflicts", "Multi-polygon"),
    }
    text = translate("Conflicts", "%1, %2 points").replace("%1", names.get(kind, kind))
    return text.replace("%2", str(points)) + "\n" + where
