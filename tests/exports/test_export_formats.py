"""Exports in the formats crisis mappers use: what each holds, read back with a plain
reader of the format; the list's filters respected; an exercise's file marked EXERCISE;
accents through spreadsheets' CSV; the command line."""

from __future__ import annotations

import csv
import io
import json

import pytest
from defusedxml import ElementTree

from fieldapp.cli.main import main
from fieldapp.exports.formats import ExportError, export
from fieldapp.reports.query import ReportQuery

KML = "{http://www.opengis.net/kml/2.2}"
GPX = "{http://www.topografix.com/GPX/1/1}"
REPORTS = [
    {"title": "Digue fissurée à Cuxac", "kind": "hazard", "severity": 5, "lat": 43.2417,
     "lon": 3.001, "place": "Cuxac-d'Aude", "tags": ["digue", "crue"]},
    {"title": "Famille sur le toit", "kind": "request_for_help", "severity": 4,
     "lat": 43.89, "lon": 4.68, "body": "Trois personnes, l'eau monte"},
    {"title": "Rumeur du barrage", "kind": "rumour", "severity": 2},  # no position
]  # fmt: skip
FEATURES = [
    ("PC", "shelter", {"type": "Point", "coordinates": [2.35, 43.21]}),
    ("D118 coupée", "closed_road",
     {"type": "LineString", "coordinates": [[2.3, 43.2], [2.4, 43.3]]}),
    ("Zone inondée", "flooded_area", {"type": "Polygon", "coordinates": [
        [[2.0, 43.0], [2.1, 43.0], [2.1, 43.1], [2.0, 43.1], [2.0, 43.0]]]}),
]  # fmt: skip


@pytest.fixture
def op(store):
    operation = store.operations.create("Crues de l'Aude")
    for values in REPORTS:
        store.reports.add(operation["id"], values)
    for name, category, geometry in FEATURES:
        store.features.add(operation["id"], name=name, category=category, geometry=geometry)
    return operation


def _export(store, op, name, tmp_path, **query) -> str:
    path = tmp_path / f"out.{name}"
    export(store, name, ReportQuery(op["id"], **query), path)
    return path.read_text(encoding="utf-8")


def test_geojson_follows_rfc_7946(store, op, tmp_path):
    data = json.loads(_export(store, op, "geojson", tmp_path))
    assert data["type"] == "FeatureCollection" and "crs" not in data
    features = data["features"]
    assert len(features) == 6
    dike = next(f for f in features if f["properties"].get("title") == "Digue fissurée à Cuxac")
    assert dike["geometry"] == {"type": "Point", "coordinates": [3.001, 43.2417]}  # lon, lat
    assert dike["properties"]["tags"] == ["digue", "crue"] and dike["properties"]["severity"] == 5
    rumour = next(f for f in features if f["properties"].get("title") == "Rumeur du barrage")
    assert rumour["geometry"] is None  # RFC 7946 §3.2: an unlocated feature
    for feature in features:
        for lon, lat in _points(feature["geometry"]):
            assert -180 <= lon <= 180 and -90 <= lat <= 90
    ring = next(f for f in features if f["properties"].get("name") == "Zone inondée")
    assert ring["geometry"]["coordinates"][0][0] == ring["geometry"]["coordinates"][0][-1]


def _points(geometry):
    if geometry is None:
        return []
    coordinates = geometry["coordinates"]
    if geometry["type"] == "Point":
        return [coordinates]
    if geometry["type"] == "LineString":
        return coordinates
    return [point for ring in coordinates for point in ring]


def test_the_list_s_filters_choose_what_is_exported(store, op, tmp_path):
    data = json.loads(_export(store, op, "geojson", tmp_path, kinds=frozenset({"hazard"})))
    titles = [
        f["properties"].get("title")
        for f in data["features"]
        if f["properties"]["fieldapp"] == "report"
    ]
    assert titles == ["Digue fissurée à Cuxac"]
    found = json.loads(_export(store, op, "geojson", tmp_path, search="toit"))
    assert [f["properties"].get("title") for f in found["features"]][:1] == ["Famille sur le toit"]


def test_csv_reads_in_a_spreadsheet_with_its_accents_and_hxl(store, op, tmp_path):
    path = tmp_path / "out.csv"
    export(store, "csv", ReportQuery(op["id"]), path, hxl=True)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # a BOM: Excel reads UTF-8
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0][:3] == ["id", "title", "body"]
    assert rows[1][rows[0].index("lat")] == "#geo+lat" and "#severity" in rows[1]
    titles = {row[1] for row in rows[2:]}
    assert titles == {"Digue fissurée à Cuxac", "Famille sur le toit", "Rumeur du barrage"}
    dike = next(row for row in rows[2:] if row[1].startswith("Digue"))
    assert dike[rows[0].index("tags")] == "digue; crue"


def test_kml_has_styles_by_severity_and_folders_by_kind(store, op, tmp_path):
    root = ElementTree.fromstring(_export(store, op, "kml", tmp_path).encode())
    document = root.find(f"{KML}Document")
    assert {s.get("id") for s in document.findall(f"{KML}Style")} == {
        f"severity-{n}" for n in range(1, 6)
    }
    folders = {f.find(f"{KML}name").text: f for f in document.findall(f"{KML}Folder")}
    assert set(folders) == {"hazard", "request_for_help", "rumour", "map features"}
    dike = folders["hazard"].find(f"{KML}Placemark")
    assert dike.find(f"{KML}styleUrl").text == "#severity-5"
    assert dike.find(f"{KML}Point/{KML}coordinates").text == "3.001000,43.241700"
    zone = next(p for p in folders["map features"].findall(f"{KML}Placemark")
                if p.find(f"{KML}name").text == "Zone inondée")  # fmt: skip
    assert zone.find(f"{KML}Polygon/{KML}outerBoundaryIs/{KML}LinearRing") is not None


def test_gpx_holds_waypoints_routes_and_outlines(store, op, tmp_path):
    root = ElementTree.fromstring(_export(store, op, "gpx", tmp_path).encode())
    assert root.tag == f"{GPX}gpx" and root.get("version") == "1.1"
    order = [child.tag.removeprefix(GPX) for child in root]
    assert order == ["metadata", "wpt", "wpt", "wpt", "rte", "trk"]  # GPX 1.1's sequence
    names = [w.find(f"{GPX}name").text for w in root.findall(f"{GPX}wpt")]
    assert names == ["Digue fissurée à Cuxac", "Famille sur le toit", "PC"]  # located only
    for point in root.iter():
        if point.get("lat") is not None:
            assert -90 <= float(point.get("lat")) <= 90 and -180 <= float(point.get("lon")) <= 180
    assert len(root.findall(f"{GPX}rte/{GPX}rtept")) == 2


@pytest.mark.parametrize("name", ["geojson", "csv", "kml", "gpx", "umap"])
def test_an_exercise_s_export_says_exercise(store, tmp_path, name):
    drill = store.operations.create("Exercice crue", exercise=True)
    store.reports.add(drill["id"], {"title": "Pont fermé", "lat": 43.1, "lon": 2.1})
    text = _export(store, drill, name, tmp_path)
    assert "EXERCISE — Exercice crue" in text or name == "csv"
    assert "EXERCISE: Pont fermé" in text


def test_bad_requests_write_nothing(store, op, tmp_path):
    with pytest.raises(ExportError, match="unknown format 'shp'"):
        export(store, "shp", ReportQuery(op["id"]), tmp_path / "out.shp")
    with pytest.raises(ExportError, match="HXL"):
        export(store, "kml", ReportQuery(op["id"]), tmp_path / "out.kml", hxl=True)
    assert list(tmp_path.glob("out.*")) == []


def test_the_command_line_exports_with_the_list_s_filters(store, op, tmp_path, capsys):
    store.close()
    out = tmp_path / "aide.geojson"
    home = str(store.data_dir)
    code = main(
        ["--data-dir", home, "export", "geojson", "--kind", "request_for_help", "-o", str(out)]
    )
    assert code == 0, capsys.readouterr().err
    assert "written to" in capsys.readouterr().out
    reports = [
        f
        for f in json.loads(out.read_text())["features"]
        if f["properties"]["fieldapp"] == "report"
    ]
    assert [f["properties"]["title"] for f in reports] == ["Famille sur le toit"]
    assert main(["--data-dir", home, "export", "geojson", "--kind", "flood", "-o", str(out)]) == 2
    assert "--kind: flood not in" in capsys.readouterr().err


@pytest.mark.parametrize("name", ["kml", "gpx", "geojson"])
def test_text_with_markup_comes_back_as_text(store, tmp_path, name):
    hostile = '</name><script>alert("x")</script> & <b>'
    operation = store.operations.create("Crue")
    store.reports.add(operation["id"], {"title": hostile, "body": hostile, "lat": 43.1, "lon": 2.1})
    text = _export(store, operation, name, tmp_path)
    if name == "geojson":
        titles = [f["properties"]["title"] for f in json.loads(text)["features"]]
    else:
        ns = KML if name == "kml" else GPX
        root = ElementTree.fromstring(text.encode())
        titles = [n.text for n in root.iter(f"{ns}name")][1:]  # after the document's name
    assert hostile in titles
