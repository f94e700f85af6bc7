"""Exported files are valid for the tools that read them: GPX 1.1 and KML 2.2 against
their official XSDs (xmlschema, offline: tests/exports/schema_kit.py), GeoJSON against
the rules of RFC 7946 — for a varied operation: points, lines, areas with holes and in
several parts or drawn clockwise, accents, markup, control characters pasted from other
programs, reports with only a title, unlocated ones, and an exercise."""

from __future__ import annotations

import json
import math
from itertools import pairwise

import pytest
from defusedxml import ElementTree
from schema_kit import gpx_schema, kml_schema, schema_errors

from fieldapp.exports.formats import export
from fieldapp.reports.query import ReportQuery

PASTED = "Relevé\x0c page 2\x1b[0m\x00 fin"  # a form feed, an escape, a NUL: not XML text
REPORTS = [
    {"title": "Digue fissurée à Cuxac-d'Aude", "kind": "hazard", "severity": 5,
     "lat": 43.2417, "lon": 3.001, "place": "Cuxac-d'Aude", "tags": ["digue", "crue"],
     "body": "Fissure de 3 m — « urgent » <b>gras</b> & co", "observed_at": "2026-12-05T10:00Z"},
    {"title": "Famille sur le toit", "kind": "request_for_help", "severity": 4,
     "lat": -33.9, "lon": 151.2},
    {"title": "Seulement un titre"},  # no place, no body, no kind: the defaults
    {"title": PASTED, "body": PASTED, "place": PASTED, "tags": ["a\x0bb"], "lat": 0.0,
     "lon": -180.0},
    {"title": "Au pôle", "kind": "damage", "severity": 1, "lat": 90.0, "lon": 180.0},
    {"title": "Rumeur du barrage", "kind": "rumour", "severity": 2},
]  # fmt: skip
FEATURES = [
    ("PC avancé", "shelter", {"type": "Point", "coordinates": [2.35, 43.21]}),
    ("D118 coupée", "closed_road",
     {"type": "LineString", "coordinates": [[2.3, 43.2], [2.35, 43.25], [2.4, 43.3]]}),
    ("Zone inondée (île au milieu)", "flooded_area", {"type": "Polygon", "coordinates": [
        [[2.0, 43.0], [2.1, 43.0], [2.1, 43.1], [2.0, 43.1], [2.0, 43.0]],
        [[2.04, 43.04], [2.04, 43.06], [2.06, 43.06], [2.06, 43.04], [2.04, 43.04]]]}),
    ("Deux zones", "danger_zone", {"type": "MultiPolygon", "coordinates": [
        [[[1.0, 44.0], [1.1, 44.0], [1.1, 44.1], [1.0, 44.0]]],
        [[[1.5, 44.5], [1.6, 44.5], [1.6, 44.6], [1.5, 44.5]]]]}),
    ("Évacuation, tracée à rebours", "evacuation_zone", {"type": "Polygon", "coordinates": [
        [[3.0, 43.0], [3.0, 43.1], [3.1, 43.1], [3.1, 43.0], [3.0, 43.0]]]}),  # clockwise
    ("Sans nom ni notes", "other", {"type": "Point", "coordinates": [-1.5, 47.2]}),
]  # fmt: skip


def _fill(store, operation_id: str) -> None:
    for values in REPORTS:
        store.reports.add(operation_id, values)
    for name, category, geometry in FEATURES:
        notes = "" if name.startswith("Sans") else f"Notes: {name} <i>é</i>\x07"
        store.features.add(operation_id, name=name, category=category, geometry=geometry,
                           notes=notes)  # fmt: skip


@pytest.fixture(params=[False, True], ids=["real", "exercise"])
def varied(store, request):
    operation = store.operations.create("Crues de l'Aude", exercise=request.param)
    _fill(store, operation["id"])
    return operation


def _export(store, operation, name, tmp_path):
    path = tmp_path / f"out.{name}"
    count = export(store, name, ReportQuery(operation["id"]), path)
    return path, count


def test_gpx_export_is_valid_gpx_1_1(store, varied, tmp_path):
    path, count = _export(store, varied, "gpx", tmp_path)
    assert schema_errors(gpx_schema(), path) == []
    root = ElementTree.parse(path).getroot()
    names = [n.text for n in root.iter("{http://www.topografix.com/GPX/1/1}name")]
    # 4 located reports and 2 point features, 1 route, 1 track per area part (1 + 2 + 1)
    assert count == 11 and len(names) == 12
    assert any("Relevé" in name and "page 2" in name for name in names)  # kept, made legal
    if varied["exercise"]:
        assert all(name.startswith("EXERCISE") for name in names)


def test_kml_export_is_valid_kml_2_2(store, varied, tmp_path):
    path, count = _export(store, varied, "kml", tmp_path)
    assert schema_errors(kml_schema(), path) == []
    assert count == len(REPORTS) + len(FEATURES)
    text = path.read_text(encoding="utf-8")
    assert "Digue fissurée à Cuxac-d&apos;Aude" in text or "Cuxac-d'Aude" in text
    assert ("EXERCISE — Crues de l'Aude" in text) == bool(varied["exercise"])


def test_the_schemas_catch_what_they_are_for(tmp_path):
    """The check is not a formality: a waypoint out of range, elements out of GPX's order
    and a KML Placemark with two names are refused, each named."""
    gpx = tmp_path / "bad.gpx"
    gpx.write_text(
        '<gpx xmlns="http://www.topografix.com/GPX/1/1" version="1.1" creator="x">'
        '<rte><name>r</name></rte><wpt lat="91" lon="2"><name>w</name></wpt></gpx>'
    )
    errors = schema_errors(gpx_schema(), gpx)
    assert errors and any("wpt" in e for e in errors)
    kml = tmp_path / "bad.kml"
    kml.write_text(
        '<kml xmlns="http://www.opengis.net/kml/2.2"><Placemark><name>a</name>'
        "<name>b</name></Placemark></kml>"
    )
    assert any("name" in e for e in schema_errors(kml_schema(), kml))


def test_geojson_export_follows_rfc_7946(store, varied, tmp_path):
    path, count = _export(store, varied, "geojson", tmp_path)
    raw = path.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")  # §: JSON text, UTF-8, no byte-order mark
    document = json.loads(raw.decode("utf-8"))
    assert rfc7946_problems(document) == []
    assert count == len(document["features"]) == len(REPORTS) + len(FEATURES)


def test_umap_layers_follow_rfc_7946(store, varied, tmp_path):
    path, _count = _export(store, varied, "umap", tmp_path)
    layers = json.loads(path.read_text(encoding="utf-8"))["layers"]
    assert [rfc7946_problems(layer) for layer in layers] == [[] for _ in layers]
    assert sum(len(layer["features"]) for layer in layers) == 4 + len(FEATURES)  # located


def test_the_rfc_7946_check_catches_what_it_is_for():
    bad = {"type": "FeatureCollection", "crs": {}, "features": [
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": [43.2, 181.0]},
         "properties": {}},
        {"type": "Feature", "geometry": {"type": "Polygon", "coordinates": [
            [[0, 0], [1, 0], [1, 1], [0, 0.5]]]}, "properties": None},
        {"type": "Feature", "properties": {}, "id": [1]},
    ]}  # fmt: skip
    problems = rfc7946_problems(bad)
    assert any("crs" in p for p in problems)
    assert any("out of range" in p for p in problems)
    assert any("not closed" in p for p in problems)
    assert any("no geometry member" in p for p in problems)
    assert any("id" in p for p in problems)


# -- RFC 7946 -------------------------------------------------------------------------------

_GEOMETRIES = ("Point", "MultiPoint", "LineString", "MultiLineString", "Polygon",
               "MultiPolygon", "GeometryCollection")  # fmt: skip


def rfc7946_problems(document: dict) -> list[str]:
    """What breaks RFC 7946's rules (its MUSTs, and the SHOULDs a reader relies on: no
    `crs`, exterior rings counterclockwise, holes clockwise)."""
    problems: list[str] = []
    if document.get("type") != "FeatureCollection":
        return ["the top level is not a FeatureCollection"]
    if "crs" in document:
        problems.append("a crs member (§4: WGS 84 only, no crs)")
    if not isinstance(document.get("features"), list):
        return [*problems, "features is not an array (§3.3)"]
    for index, feature in enumerate(document["features"]):
        problems += [f"feature {index}: {p}" for p in _feature_problems(feature)]
    return problems


def _feature_problems(feature: dict) -> list[str]:
    problems = []
    if feature.get("type") != "Feature":
        problems.append("type is not Feature (§3.2)")
    if "geometry" not in feature:
        problems.append("no geometry member (§3.2: null when unlocated)")
    if "properties" not in feature or not isinstance(feature["properties"], dict | None):
        problems.append("properties is not an object or null (§3.2)")
    if "id" in feature and not isinstance(feature["id"], str | int | float):
        problems.append("id is neither a string nor a number (§3.2)")
    if feature.get("geometry") is not None:
        problems += _geometry_problems(feature["geometry"])
    return problems


def _geometry_problems(geometry: dict) -> list[str]:
    kind = geometry.get("type")
    if kind not in _GEOMETRIES:
        return [f"{kind!r} is not a geometry type (§3.1)"]
    if kind == "GeometryCollection":
        return [p for g in geometry.get("geometries", []) for p in _geometry_problems(g)]
    coordinates = geometry.get("coordinates")
    if kind == "Point":
        return _position_problems(coordinates)
    if kind in ("MultiPoint", "LineString"):
        lines = [coordinates] if kind == "LineString" else []
        return _positions_problems(coordinates) + [
            "a LineString of fewer than 2 positions (§3.1.4)" for line in lines if len(line) < 2
        ]
    if kind == "MultiLineString":
        return [p for line in coordinates for p in _geometry_problems(
            {"type": "LineString", "coordinates": line})]  # fmt: skip
    polygons = [coordinates] if kind == "Polygon" else coordinates
    return [p for polygon in polygons for p in _polygon_problems(polygon)]


def _polygon_problems(rings: list) -> list[str]:
    problems = []
    for index, ring in enumerate(rings):
        problems += _positions_problems(ring)
        if len(ring) < 4:
            problems.append("a ring of fewer than 4 positions (§3.1.6)")
        elif ring[0] != ring[-1]:
            problems.append("a ring not closed (§3.1.6)")
        elif (_signed_area(ring) > 0) != (index == 0):
            problems.append("a ring wound the wrong way (§3.1.6: exterior counterclockwise)")
    return problems


def _positions_problems(positions: list) -> list[str]:
    if not isinstance(positions, list):
        return ["coordinates are not an array"]
    return [p for position in positions for p in _position_problems(position)]


def _position_problems(position: list) -> list[str]:
    if not isinstance(position, list) or not 2 <= len(position) <= 3:
        return [f"{position!r} is not a position of 2 or 3 numbers (§3.1.1)"]
    if not all(isinstance(n, int | float) and math.isfinite(n) for n in position):
        return [f"{position!r} holds something other than finite numbers (§3.1.1)"]
    lon, lat = position[:2]
    if not (-180 <= lon <= 180 and -90 <= lat <= 90):
        return [f"{position!r} is out of range: longitude first, then latitude (§3.1.1, §4)"]
    return []


def _signed_area(ring: list) -> float:
    """Twice the area, positive when the ring turns counterclockwise (shoelace)."""
    return sum(x0 * y1 - x1 * y0 for (x0, y0, *_), (x1, y1, *_) in pairwise(ring))
