"""uMap export: the document uMap imports (type "umap", a layer per kind of report and
one for the map features, colours by severity), read back with json; EXERCISE marked."""

from __future__ import annotations

import json

from fieldapp.exports.formats import export
from fieldapp.reports.query import ReportQuery


def _umap(store, operation, tmp_path, **query) -> dict:
    path = tmp_path / "out.umap"
    export(store, "umap", ReportQuery(operation["id"], **query), path)
    return json.loads(path.read_text(encoding="utf-8"))


def _fill(store, operation) -> None:
    add = store.reports.add
    add(operation["id"], {"title": "Digue fissurée", "kind": "hazard", "severity": 5,
                          "lat": 43.24, "lon": 3.0})  # fmt: skip
    add(operation["id"], {"title": "Arbre tombé", "kind": "hazard", "severity": 2,
                          "lat": 43.3, "lon": 3.1})  # fmt: skip
    add(operation["id"], {"title": "Famille sur le toit", "kind": "request_for_help",
                          "severity": 4, "lat": 43.89, "lon": 4.68})  # fmt: skip
    add(operation["id"], {"title": "Rumeur", "kind": "rumour", "severity": 2})  # no position
    road = {"type": "LineString", "coordinates": [[2.3, 43.2], [2.4, 43.3]]}
    store.features.add(operation["id"], name="D118 coupée", category="closed_road", geometry=road)


def test_umap_has_a_layer_per_kind_coloured_by_severity(store, tmp_path):
    operation = store.operations.create("Crues de l'Aude")
    _fill(store, operation)
    data = _umap(store, operation, tmp_path)
    assert data["type"] == "umap" and data["properties"]["name"] == "Crues de l'Aude"
    layers = {layer["_umap_options"]["name"]: layer for layer in data["layers"]}
    assert set(layers) == {"hazard", "request_for_help", "map features"}  # rumour: no position
    assert all(layer["type"] == "FeatureCollection" for layer in layers.values())
    hazards = {f["properties"]["name"]: f for f in layers["hazard"]["features"]}
    assert hazards["Digue fissurée"]["geometry"]["coordinates"] == [3.0, 43.24]  # lon, lat
    assert hazards["Digue fissurée"]["properties"]["_umap_options"]["color"] == "#c62828"
    assert hazards["Arbre tombé"]["properties"]["_umap_options"]["color"] == "#7cb342"
    road = layers["map features"]["features"][0]
    assert road["geometry"]["type"] == "LineString"


def test_umap_respects_the_list_s_filters_and_marks_an_exercise(store, tmp_path):
    drill = store.operations.create("Exercice crue", exercise=True)
    _fill(store, drill)
    data = _umap(store, drill, tmp_path, kinds=frozenset({"request_for_help"}))
    assert data["properties"]["name"] == "EXERCISE — Exercice crue"
    reports = [f for layer in data["layers"] for f in layer["features"]
               if f["properties"].get("kind")]  # fmt: skip
    assert [f["properties"]["name"] for f in reports] == ["EXERCISE: Famille sur le toit"]
    assert all(f["properties"]["exercise"] is True for layer in data["layers"]
               for f in layer["features"])  # fmt: skip


def test_an_empty_selection_is_still_a_umap_document(store, tmp_path):
    operation = store.operations.create("Vide")
    data = _umap(store, operation, tmp_path)
    assert data["type"] == "umap" and data["layers"] == []
