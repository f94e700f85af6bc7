"""Ushahidi CSV export: the columns the Ushahidi importer maps (like the samples), read back
with the csv module; no BOM on the first column; filters respected; EXERCISE marked."""

from __future__ import annotations

import csv
import io

from fieldapp.exports.formats import export
from fieldapp.reports.query import ReportQuery


def _rows(store, operation, tmp_path, **query) -> list[dict[str, str]]:
    path = tmp_path / "out.csv"
    export(store, "ushahidi", ReportQuery(operation["id"], **query), path)
    text = path.read_text(encoding="utf-8")
    assert not text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text)))


def test_ushahidi_csv_has_the_importer_s_columns(store, tmp_path, geo_sample):
    operation = store.operations.create("Crues de l'Aude")
    store.reports.add(operation["id"], {
        "title": "Digue fissurée à Cuxac", "body": "Fissure de 3 m", "kind": "hazard",
        "severity": 5, "lat": 43.2417, "lon": 3.001, "place": "Cuxac-d'Aude",
        "tags": ["digue", "crue"], "observed_at": "2026-12-05T10:15:00Z"})  # fmt: skip
    store.reports.add(operation["id"], {"title": "Rumeur", "kind": "rumour", "severity": 2})
    rows = _rows(store, operation, tmp_path)
    sample = geo_sample("ushahidi/sample.csv").read_text(encoding="utf-8")
    sample_columns = [name.strip() for name in sample.splitlines()[0].split(",")]
    assert {"title", "date", "location", "lat", "lon"} <= set(sample_columns) & set(rows[0])
    dike = next(row for row in rows if row["title"] == "Digue fissurée à Cuxac")
    assert (dike["lat"], dike["lon"], dike["location"]) == ("43.2417", "3.001", "Cuxac-d'Aude")
    assert dike["date"] == "2026-12-05 10:15:00" and dike["description"] == "Fissure de 3 m"
    assert (dike["tags.0"], dike["tags.1"], dike["tags.2"]) == ("digue", "crue", "")
    rumour = next(row for row in rows if row["title"] == "Rumeur")
    assert rumour["lat"] == "" and rumour["exercise"] == ""


def test_ushahidi_csv_respects_filters_and_marks_an_exercise(store, tmp_path):
    drill = store.operations.create("Exercice crue", exercise=True)
    store.reports.add(drill["id"], {"title": "Pont fermé", "kind": "hazard", "severity": 4})
    store.reports.add(drill["id"], {"title": "Rumeur", "kind": "rumour", "severity": 2})
    rows = _rows(store, drill, tmp_path, kinds=frozenset({"hazard"}))
    assert [(row["title"], row["exercise"]) for row in rows] == [
        ("EXERCISE: Pont fermé", "EXERCISE")
    ]
