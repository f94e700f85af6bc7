"""Record declarations (fieldapp/core/records.py) hold against the tables and the wire."""

from __future__ import annotations

import pytest

from fieldapp.core import record_types, records
from fieldapp.core.records import BOOKKEEPING, KEYS, RECORD_TYPES
from fieldapp.maps.features import FEATURE_FIELDS
from fieldapp.radio.model import MESSAGE_FIELDS
from fieldapp.reports.domain import REPORT_FIELDS
from fieldapp.sync.protocol import checks, wire
from fieldapp.sync.protocol.kinds import KIND_CHECKS

COLUMN_TYPE = {
    records.TEXT: "TEXT",
    records.CODE: "TEXT",
    records.ID: "TEXT",
    records.HASH: "TEXT",
    records.JSON: "TEXT",
    records.GEOMETRY: "TEXT",
    records.TIME: "TEXT",
    records.INT: "INTEGER",
    records.SCALE: "INTEGER",
    records.BOOL: "INTEGER",
    records.REAL: "REAL",
}
# A value of each kind, and one a field of that kind must refuse.
GOOD = {
    records.TEXT: "Pont fermé",
    records.CODE: "damage",
    records.ID: "0190f1c2-7d3e-7000-8000-00000000abcd",
    records.HASH: "ab" * 32,
    records.INT: 12,
    records.SCALE: 4,
    records.REAL: 43.21,
    records.BOOL: True,
    records.JSON: '["digue", "aude"]',
    records.GEOMETRY: '{"type":"Point","coordinates":[2.44,43.21]}',
    records.TIME: "2026-10-16T05:30:00.000Z",
}
BAD = {
    records.TEXT: 12,
    records.CODE: 3,
    records.ID: "../../etc/passwd",
    records.HASH: "not-a-hash",
    records.INT: "12",
    records.SCALE: 2.5,
    records.REAL: "43,21",
    records.BOOL: "yes",
    records.JSON: "{not json",
    records.GEOMETRY: '["no", "type"]',
    records.TIME: "yesterday at noon",
}


@pytest.mark.parametrize("entity", sorted(RECORD_TYPES))
def test_a_declaration_matches_its_table_column_for_column(store, entity):
    declared = RECORD_TYPES[entity]
    columns = {
        row["name"]: row["type"]
        for row in store.conn.execute(f"PRAGMA table_info({declared.table})")
    }
    assert set(KEYS) | set(BOOKKEEPING) <= set(columns)
    synced = {name: kind for name, kind in columns.items() if name not in KEYS + BOOKKEEPING}
    assert {name: COLUMN_TYPE[kind] for name, kind in declared.fields.items()} == synced
    assert declared.title_field in declared.fields


@pytest.mark.parametrize("entity", sorted(RECORD_TYPES))
def test_required_and_nullable_fields_are_the_store_s_not_null_columns(store, entity):
    declared = RECORD_TYPES[entity]
    info = list(store.conn.execute(f"PRAGMA table_info({declared.table})"))
    synced = [row for row in info if row["name"] in declared.fields]
    assert {row["name"] for row in synced if not row["notnull"]} == declared.nullable
    no_default = {row["name"] for row in synced if row["notnull"] and row["dflt_value"] is None}
    assert no_default == declared.required


@pytest.mark.parametrize("entity", sorted(RECORD_TYPES))
def test_the_wire_takes_every_declared_field_and_nothing_else(entity):
    write = wire.FieldWrite("x", "1700000000000-0000-node", None)
    kinds = RECORD_TYPES[entity].fields
    declared = {
        name: wire.FieldWrite(GOOD[kind], write.stamp, None) for name, kind in kinds.items()
    }
    assert wire.entry_problem(entity, declared) is None
    assert (
        wire.entry_problem(entity, dict.fromkeys(kinds, wire.FieldWrite(None, write.stamp, None)))
        is None
    )
    assert "unknown field" in wire.entry_problem(entity, {**declared, "password": write})
    assert "unknown entity" in wire.entry_problem(entity + "_x", declared)


def test_every_table_has_one_entity_and_parents_come_first():
    assert len(records.ENTITY_OF_TABLE) == len(RECORD_TYPES)
    assert records.ENTITY_OF_TABLE["radio_messages"] == "radio_message"  # not rstrip("s")
    rank = records.apply_rank
    assert rank("operation") < rank("report") < rank("attachment")
    assert rank("radio_message") < rank("radio_hop") < rank("something_new")


def test_the_editable_fields_of_reports_and_features_are_declared():
    assert set(REPORT_FIELDS) <= RECORD_TYPES["report"].field_names
    assert set(FEATURE_FIELDS) <= RECORD_TYPES["feature"].field_names


def test_every_kind_has_a_column_type_a_wire_check_and_samples():
    assert set(records.KINDS) == set(COLUMN_TYPE) == set(KIND_CHECKS) == set(GOOD) == set(BAD)


@pytest.mark.parametrize(
    ("entity", "name"),
    [(e, n) for e, t in sorted(RECORD_TYPES.items()) for n in t.fields],
)
def test_a_value_of_the_wrong_kind_is_refused_naming_the_field(entity, name):
    kind = RECORD_TYPES[entity].fields[name]
    write = wire.FieldWrite(BAD[kind], "1700000000000-0000-node", None)
    problem = wire.entry_problem(entity, {name: write})
    assert problem is not None and f"{entity}.{name} must be" in problem


def test_a_pulled_record_with_a_value_of_the_wrong_kind_is_refused():
    problem = checks.record_problem("radio_message", {}, {"test": "maybe"}, new=False)
    assert problem is not None and "radio_message.test must be true/false" in problem


def test_the_form_fields_of_reports_features_and_messages_are_the_declared_order():
    assert RECORD_TYPES["report"].form_fields == REPORT_FIELDS
    assert RECORD_TYPES["feature"].form_fields == FEATURE_FIELDS
    assert RECORD_TYPES["radio_message"].form_fields == MESSAGE_FIELDS


# -- the record types the store hands out (fieldapp/core/record_types.py) ---------------

SHAPES = {
    "operation": record_types.Operation,
    "report": record_types.Report,
    "feature": record_types.Feature,
    "radio_message": record_types.RadioMessage,
    "item": record_types.Item,
    "watch_rule": record_types.WatchRule,
    "author_note": record_types.AuthorNote,
    "alert": record_types.Alert,
    "public_message": record_types.PublicMessage,
    "rumour": record_types.Rumour,
    "message_template": record_types.MessageTemplate,
    "relay": record_types.Relay,
    "rumour_link": record_types.RumourLink,
    "inject": record_types.Inject,
    "exercise_clock": record_types.ExerciseClock,
    "observer_note": record_types.ObserverNote,
    "aar_entry": record_types.AarEntry,
    "exercise_run": record_types.ExerciseRun,
    "read_receipt": record_types.ReadReceipt,
}
# What a reader adds to a stored row, and takes away (an operation's stamps).
ADDED = {"operation": {"report_count"}, "radio_message": {"check_counted", "check", "warnings",
         "hops"}}  # fmt: skip
TAKEN = {"operation": {"field_hlc"}}


def keys_of(shape: type) -> set[str]:
    return set(shape.__required_keys__) | set(shape.__optional_keys__)  # type: ignore[attr-defined]


@pytest.mark.parametrize("entity", sorted(SHAPES))
def test_a_record_type_holds_its_declared_fields_and_the_store_bookkeeping(entity):
    declared = {*KEYS, *RECORD_TYPES[entity].fields, *BOOKKEEPING}
    expected = declared - TAKEN.get(entity, set()) | ADDED.get(entity, set())
    assert keys_of(SHAPES[entity]) == expected


def test_related_records_hold_only_declared_fields():
    assert {*SHAPES, "attachment", "radio_hop"} == set(RECORD_TYPES)  # every type is typed
    for entity, shape in (("attachment", record_types.Attachment), ("radio_hop",
                          record_types.RadioHop)):  # fmt: skip
        assert keys_of(shape) <= {*KEYS, *RECORD_TYPES[entity].fields}, entity


def test_the_store_returns_records_of_their_declared_shape(store, operation, relayed_twice):
    report = store.reports.add(operation["id"], {"title": "Digue fissurée", "tags": ["digue"]})
    photo = store.data_dir / "digue.txt"
    photo.write_text("not a photo")
    attached = store.attachments.add(report["id"], photo)
    shape = {"type": "Point", "coordinates": [2.44, 43.21]}
    feature = store.features.add(operation["id"], name="PC", category="shelter", geometry=shape)
    assert set(store.operations.get(operation["id"])) == keys_of(record_types.Operation)
    assert set(store.reports.get(report["id"])) == keys_of(record_types.Report)
    assert set(store.features.get(feature["id"])) == keys_of(record_types.Feature)
    assert set(relayed_twice) == keys_of(record_types.RadioMessage)
    assert set(relayed_twice["hops"][0]) <= keys_of(record_types.RadioHop)
    assert set(attached) == keys_of(record_types.Attachment)
    assert set(store.attachments.list(report["id"])[0]) <= keys_of(record_types.Attachment)
    [entry] = store.db.history(report["id"])
    assert set(entry) == keys_of(record_types.HistoryEntry)
