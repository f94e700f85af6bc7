"""The map's data: located reports of one operation, the list's filters, fast SQL."""

from __future__ import annotations

import json

from fieldapp.maps.data import COLUMNS, read_map_json
from fieldapp.reports.query import map_reports_sql
from fieldapp.store import ReportQuery

PLACES = [
    {"title": "Levee breach", "kind": "hazard", "severity": 5, "lat": 43.2, "lon": 2.35},
    {"title": "Road flooded", "kind": "damage", "severity": 3, "lat": 43.1, "lon": 2.2},
    {"title": "Shelter open", "kind": "information", "severity": 1, "lat": 43.0, "lon": 2.1},
    {"title": "Somewhere unknown", "kind": "rumour", "severity": 2},
]


def _rows(store, query) -> list[dict]:
    doc = json.loads(store.reports.map_json(query))
    assert doc["columns"] == list(COLUMNS)
    assert doc["count"] == len(doc["rows"])
    return [dict(zip(COLUMNS, row, strict=True)) for row in doc["rows"]]


def test_only_located_live_reports_of_the_operation_are_on_the_map(store, operation):
    saved = [store.reports.add(operation["id"], values) for values in PLACES]
    other = store.operations.create("Elsewhere")
    store.reports.add(other["id"], PLACES[0])
    store.reports.delete(saved[1]["id"])
    rows = _rows(store, ReportQuery(operation["id"]))
    assert sorted(r["title"] for r in rows) == ["Levee breach", "Shelter open"]
    levee = next(r for r in rows if r["title"] == "Levee breach")
    assert levee == {
        "id": saved[0]["id"],
        "lat": 43.2,
        "lon": 2.35,
        "severity": 5,
        "kind": "hazard",
        "title": "Levee breach",
        "exercise": 0,
    }


def test_the_list_filters_apply_to_the_map(store, operation):
    for values in PLACES:
        store.reports.add(operation["id"], values)
    op = operation["id"]
    assert [r["title"] for r in _rows(store, ReportQuery(op, severities=frozenset({5})))] == [
        "Levee breach"
    ]
    assert [r["title"] for r in _rows(store, ReportQuery(op, kinds=frozenset({"damage"})))] == [
        "Road flooded"
    ]
    assert [r["title"] for r in _rows(store, ReportQuery(op, search="shelt"))] == ["Shelter open"]


def test_exercise_reports_say_so(store):
    drill = store.operations.create("Drill", exercise=True)
    store.reports.add(drill["id"], PLACES[0])
    doc = json.loads(store.reports.map_json(ReportQuery(drill["id"])))
    assert doc["exercise"] is True
    assert dict(zip(COLUMNS, doc["rows"][0], strict=True))["exercise"] == 1


def test_titles_travel_as_json_text_whatever_they_hold(store, operation):
    title = '<img src=x onerror=alert(1)> "quoted" \u2028 </script>'
    store.reports.add(operation["id"], {**PLACES[0], "title": title})
    assert _rows(store, ReportQuery(operation["id"]))[0]["title"] == title


def test_the_query_reads_through_an_index(store, operation):
    for query in (
        ReportQuery(operation["id"]),
        ReportQuery(operation["id"], severities=frozenset({4, 5}), search="levee"),
    ):
        sql, params = map_reports_sql(query, False)
        plan = " ".join(row[3] for row in store.conn.execute(f"EXPLAIN QUERY PLAN {sql}", params))
        assert "USING INDEX" in plan or "USING COVERING INDEX" in plan, plan
        assert "SCAN reports " not in f"{plan} ", plan


def test_a_worker_reads_the_same_data_with_its_own_connection(store, operation):
    store.reports.add(operation["id"], PLACES[0])
    query = ReportQuery(operation["id"])
    assert read_map_json(store.data_dir, query) == store.reports.map_json(query)
