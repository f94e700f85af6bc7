"""The conflict view names every declared record type, its records, fields and values.

Each record type of fieldapp/core/records.py gets a row the user can read: its type in
words (English and French), its record named by its declared title field (or its type's
own words), its fields by name and its values in words by their declared kind. Records
are built as the store reads them; the view's own tests (test_conflict_view.py,
test_conflict_kinds.py) drive real conflicts.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from fieldapp.core.records import RECORD_TYPES
from fieldapp.sync.client.conflict_records import ConflictRecord, Version
from fieldapp.ui.sync.conflict_models import ConflictRecordModel
from fieldapp.ui.sync.record_display import (
    field_label,
    kind_text,
    pick_only,
    record_title,
    type_labels,
    value_text,
)

STAMP = "1790000000000-0000-"
# A stored record of each type: what a conflict on it looks like (title, kind, a field).
RECORDS = {
    "operation": ({"name": "Crues de l'Aude", "description": "", "exercise": 1}, "exercise"),
    "report": ({"title": "Bridge closed", "kind": "hazard", "severity": 4}, "severity"),
    "feature": ({"name": "Lower town", "category": "shelter", "geometry": None}, "category"),
    "attachment": ({"filename": "digue.jpg", "size": 2048, "mime": "image/jpeg"}, "filename"),
    "radio_message": ({"number": "12", "received_from": "F1PCT", "test": 0}, "test"),
    "radio_hop": ({"to_station": "F5XYZ", "at": "2026-10-16T05:30:00.000Z"}, "at"),
    "item": (
        {"text": "Pont fermé à Limoux\nDéviation par Couiza " + "x" * 80, "status": "rumour"},
        "status",
    ),
    "watch_rule": ({"name": "Routes", "expression": "route OR pont", "action": "hide"}, "action"),
    "author_note": (
        {"handle": "@prefet11@social.example", "credibility": "official"},
        "credibility",
    ),
    "alert": ({"headline": "Vigilance rouge crues", "severity": "Extreme"}, "severity"),
    "public_message": ({"title": "Évitez la D118", "status": "approved"}, "status"),
    "rumour": ({"claim": "Le barrage a cédé", "status": "debunked"}, "status"),
    "message_template": ({"title": "Crue", "language": "fr"}, "language"),
    "relay": ({"via": "F4ABC", "channel": "radio"}, "channel"),
    "rumour_link": (
        {"target_id": "0190f1c2-7d3e-7000-8000-00000000beef", "target": "item"},
        "target",
    ),
    "inject": ({"number": "12", "channel": "radio"}, "channel"),
    "exercise_clock": ({"state": "paused", "speed": 2}, "state"),
    "observer_note": ({"text": "Relais radio en 4 min", "player": "paul"}, "player"),
    "aar_entry": ({"text": "Relais radio trop lent", "section": "improvement"}, "section"),
    "exercise_run": ({"number": 2, "owner": "", "archive": "run1.db"}, "archive"),
    "read_receipt": ({"author": "paul", "entity": "alert", "record_id": "x"}, "entity"),
}
SHOWN = {  # (title, kind, field label) in the list, and the field's stored value in words
    "operation": ("Crues de l'Aude", "Operation", "Exercise", "Yes"),
    "report": ("Bridge closed", "Hazard", "Severity", "4 – severe"),
    "feature": ("Lower town", "Map feature", "Category", "Shelter"),
    "attachment": ("digue.jpg", "Attached file", "Filename", "digue.jpg"),
    "radio_message": ("NR 12 from F1PCT", "Radio message", "Exercise (TEST)", "No"),
    "radio_hop": ("F5XYZ", "Radio relay", "At", "2026-10-16 05:30"),
    "item": ("Pont fermé à Limoux", "Monitored post", "Triage", "Rumour"),
    "watch_rule": ("Routes", "Watch rule", "Action", "Hide"),
    "author_note": ("@prefet11@social.example", "Note on an author", "Credibility", "Official"),
    "alert": ("Vigilance rouge crues", "Official alert", "Severity", "Extreme"),
    "public_message": ("Évitez la D118", "Public message", "Status", "Approved"),
    "rumour": ("Le barrage a cédé", "Rumour", "Status", "Debunked"),
    "message_template": ("Crue", "Message template", "Language", "fr"),
    "relay": ("F4ABC", "Relay of an alert or a message", "Channel", "Radio"),
    "rumour_link": (
        "0190f1c2-7d3e-7000-8000-00000000beef",
        "Sighting of a rumour",
        "Seen in",
        "Post",
    ),
    "inject": ("12", "Exercise inject", "Channel", "Radio message"),
    "exercise_clock": ("paused", "Exercise clock", "Clock", "Paused"),
    "observer_note": ("Relais radio en 4 min", "Observer's note", "Player", "paul"),
    "aar_entry": (
        "Relais radio trop lent",
        "After-action report entry",
        "Section",
        "Area for improvement",
    ),
    "exercise_run": ("2", "Archived run of an exercise", "Archive file", "run1.db"),
    "read_receipt": ("paul", "Read receipt of an exercise", "Opened", "Official alert"),
}


def clash(entity: str) -> ConflictRecord:
    current, name = RECORDS[entity]
    writes = [{"field": name, "v": current[name], "s": STAMP + node} for node in ("aaaa", "bbbb")]
    conflict = {"id": "c1", "kind": "update", "field": name, "older": writes[0],
                "newer": writes[1]}  # fmt: skip
    versions = [
        Version(w["s"][-4:], "", user) for w, user in zip(writes, ("olga", "vera"), strict=True)
    ]
    for version, write in zip(versions, writes, strict=True):
        version.add(write)
    row = {"id": "0190f1c2-7d3e-7000-8000-00000000abcd", "deleted": 0, **current}
    return ConflictRecord(entity, row["id"], [conflict], row, versions)


def test_every_declared_record_type_has_a_name_in_words():
    assert set(type_labels()) == set(RECORD_TYPES)
    assert set(RECORDS) == set(RECORD_TYPES)


@pytest.mark.parametrize("entity", sorted(RECORD_TYPES))
def test_a_record_in_conflict_is_named_and_its_field_and_value_are_in_words(qapp, entity):
    record = clash(entity)
    title, kind, label, words = SHOWN[entity]
    [name] = record.fields
    assert (record_title(record), kind_text(record)) == (title, kind)
    assert field_label(name, entity, str(record.current.get("kind") or "")) == label
    assert value_text(name, record.current[name], entity=entity) == words

    model = ConflictRecordModel()
    model.set_record(record)
    assert model.index(model.row_of(name), 0).data() == label
    assert model.index(model.row_of(name), model.result_column).data() == words
    checkable = model.flags(model.index(model.row_of(name), 1)) & Qt.ItemFlag.ItemIsUserCheckable
    assert bool(checkable)  # a version can be checked as the result
    typed = (
        "attachment",
        "radio_hop",
        "message_template",
        "observer_note",
        "exercise_run",
    )  # a text field in conflict
    assert model.is_editable(model.row_of(name)) is (entity in typed)


def test_coded_values_flags_and_shapes_are_only_picked_free_text_is_typed():
    assert pick_only("operation", "exercise") and pick_only("report", "severity")
    assert pick_only("feature", "geometry") and pick_only("radio_message", "precedence")
    assert pick_only("attachment", "deleted")
    assert not pick_only("report", "title") and not pick_only("radio_hop", "to_station")


def test_in_french_every_record_type_and_value_is_in_french(qapp, languages):
    english = type_labels()
    languages.apply("fr")
    french = type_labels()
    assert all(french[entity] != english[entity] for entity in RECORD_TYPES)
    assert kind_text(clash("radio_hop")) == "Relais radio"
    assert value_text("exercise", 1, entity="operation") == "Oui"
    assert value_text("test", 1, entity="radio_message") == "Oui : un exercice"
