"""The CSV column mapping: latitude and longitude found by name as uMap and Ushahidi find
them (French names and decimal commas too), and the user's COLUMN=FIELD choices win."""

from __future__ import annotations

import pytest

from fieldapp.exports.columns import apply_overrides, guess_mapping, number, parse_overrides
from fieldapp.exports.intake import ImportOptions, import_file, preview


@pytest.mark.parametrize(
    ("columns", "lat", "lon"),
    [
        (["Foo", "Latitude", "geo_Longitude", "title"], "Latitude", "geo_Longitude"),  # uMap's
        (["Post ID", "Title", "Location.lat", "Location.lon"], "Location.lat", "Location.lon"),
        (["nom", "LAT", "LNG"], "LAT", "LNG"),
        (["titre", "Y", "X"], "Y", "X"),
        (
            ["name", "Latitude (WGS84)", "Longitude (WGS84)"],
            "Latitude (WGS84)",
            "Longitude (WGS84)",
        ),
        (["intitulé", "lat_wgs84", "long"], "lat_wgs84", "long"),
    ],
)
def test_latitude_and_longitude_found_by_name(columns, lat, lon):
    found = guess_mapping(columns)
    assert (found["lat"], found["lon"]) == (lat, lon)


def test_french_columns():
    found = guess_mapping(
        ["Titre", "Commune", "Gravité", "Date", "Détails", "Latitude", "Longitude"]
    )
    assert found == {
        "title": "Titre",
        "place": "Commune",
        "severity": "Gravité",
        "time": "Date",
        "description": "Détails",
        "lat": "Latitude",
        "lon": "Longitude",
    }


def test_overrides_win_and_dash_leaves_a_column_out():
    columns = ["Breite", "Länge", "Name", "title"]
    mapping = apply_overrides(
        guess_mapping(columns),
        columns,
        parse_overrides(["Breite=lat", "länge=lon", "title=-", "Name=title"]),
    )
    assert mapping == {"lat": "Breite", "lon": "Länge", "title": "Name"}
    with pytest.raises(ValueError, match="not a field"):
        apply_overrides({}, columns, {"Breite": "latitude_please"})
    with pytest.raises(ValueError, match="COLUMN=FIELD"):
        parse_overrides(["Breite"])


def test_decimal_commas():
    assert number("43,21") == 43.21
    assert number(" -1.5 ") == -1.5
    assert number("\u22121,5") == -1.5  # a typographic minus from a word processor
    with pytest.raises(ValueError, match="not a number"):
        number("43°12'")


def test_a_french_spreadsheet_imports(store, operation, tmp_path):
    path = tmp_path / "signalements.csv"
    path.write_text(
        "\ufeffTitre;Commune;Gravité;Date;Latitude;Longitude;Remarque\n"
        "Route coupée;Trèbes;4;2026-11-28T10:00Z;43,2105;2,4431;pont submergé\n"
        "Cave inondée;Carcassonne;élevée;;43,2130;2,3491;\n",
        encoding="utf-8",
    )
    _, outcome = import_file(store, operation["id"], path)
    assert outcome.reports == 2
    rows = store.db.conn.execute(
        "SELECT title, place, severity, lat, lon, observed_at, body FROM reports ORDER BY title"
    ).fetchall()
    assert [tuple(r) for r in rows] == [
        ("Cave inondée", "Carcassonne", 4, 43.213, 2.3491, None, ""),
        (
            "Route coupée",
            "Trèbes",
            4,
            43.2105,
            2.4431,
            "2026-11-28T10:00:00.000Z",
            "Remarque: pont submergé",
        ),
    ]


def test_map_override_changes_what_is_imported(store, operation, tmp_path):
    path = tmp_path / "points.csv"
    path.write_text("a,b,c\nShelter,43.1,2.2\n")
    options = ImportOptions(overrides={"a": "title", "b": "lat", "c": "lon"}, as_="features")
    plan = preview(store, operation["id"], path, options)
    assert plan.mapping == {"title": "a", "lat": "b", "lon": "c"}
    assert plan.features[0].values["geometry"] == '{"type":"Point","coordinates":[2.2,43.1]}'


def test_rows_without_a_place_become_unlocated_reports(store, operation, tmp_path):
    path = tmp_path / "calls.csv"
    path.write_text("title,details\nCall from the mayor,needs sandbags\n")
    plan, outcome = import_file(store, operation["id"], path)
    assert outcome.reports == 1 and any("no latitude" in note for note in plan.notes)
