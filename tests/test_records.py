"""Record declarations (fieldapp/core/records.py) hold against the tables and the wire."""

from __future__ import annotations

import pytest

from fieldapp.core import records
from fieldapp.core.records import BOOKKEEPING, KEYS, RECORD_TYPES
from fieldapp.maps.features import FEATURE_FIELDS
from fieldapp.reports.domain import REPORT_FIELDS
from fieldapp.sync.protocol import wire

COLUMN_TYPE = {
    records.TEXT: "TEXT",
    records.JSON: "TEXT",
    records.TIME: "TEXT",
    records.INT: "INTEGER",
    records.BOOL: "INTEGER",
    records.REAL: "REAL",
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
def test_the_wire_takes_every_declared_field_and_nothing_else(entity):
    write = wire.FieldWrite("x", "1700000000000-0000-node", None)
    declared = dict.fromkeys(RECORD_TYPES[entity].fields, write)
    assert wire.entry_problem(entity, declared) is None
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
