"""Bad files of every format are refused whole with a clear error naming the line or the
element, and nothing is stored: cut short, of the wrong format, a coordinate out of
range, a KML or GPX with entities (an XXE reading a local file must not read it), a CSV
in Latin-1."""

from __future__ import annotations

import io
import json
import zipfile

import pytest

from fieldapp.exports.intake import ImportOptions, IntakeError, import_file

GPX = '<?xml version="1.0"?>\n<gpx version="1.1" xmlns="http://www.topografix.com/GPX/1/1">\n{}\n</gpx>\n'
KML = (
    '<?xml version="1.0" encoding="UTF-8"?>\n<kml xmlns="http://www.opengis.net/kml/2.2">'
    "<Document>\n{}\n</Document></kml>\n"
)


def point(name, lon, lat):
    shape = f"<Point><coordinates>{lon},{lat}</coordinates></Point>"
    return f"<Placemark><name>{name}</name>{shape}</Placemark>"


def feature(name, lon, lat, **properties):
    return {
        "type": "Feature",
        "properties": {"name": name, **properties},
        "geometry": {"type": "Point", "coordinates": [lon, lat]},
    }


@pytest.fixture
def refused(store, operation, tmp_path):
    """refused(name, content, **options) -> the IntakeError; asserts nothing was stored."""

    def check(name: str, content: str | bytes, **options) -> IntakeError:
        path = tmp_path / name
        path.write_bytes(content.encode() if isinstance(content, str) else content)
        before = store.db.outbox_count()
        with pytest.raises(IntakeError) as caught:
            import_file(store, operation["id"], path, ImportOptions(**options))
        assert store.db.outbox_count() == before
        assert store.db.conn.execute("SELECT count(*) FROM reports").fetchone()[0] == 0
        assert store.db.conn.execute("SELECT count(*) FROM features").fetchone()[0] == 0
        return caught.value

    return check


def test_geojson_cut_short(refused, geo_sample):
    text = geo_sample("geojson/ushahidi_test.geojson").read_text()
    error = refused("denver.geojson", text[: len(text) // 2])
    assert "not valid GeoJSON" in str(error) and "cut short" in str(error)
    assert error.where.startswith("line ")


def test_geojson_point_out_of_range_among_good_ones(refused):
    features = [feature("Good", 2, 43), feature("Far", 43.2, 95.1)]
    error = refused("two.geojson", json.dumps({"type": "FeatureCollection", "features": features}))
    assert error.where == "feature 2 'Far'"
    assert "latitude 95.1 is out of range" in str(error)


def test_geojson_bad_severity_names_the_feature(refused):
    error = refused("one.geojson", json.dumps(feature("A", 2, 43, severity=9)))
    assert error.where == "feature 1 'A'" and "severity" in str(error)


def test_wrong_format_is_named(refused, geo_sample):
    csv_text = geo_sample("umap/test_upload_data.csv").read_text()
    assert "not valid GeoJSON" in str(refused("points.geojson", csv_text))
    kml_text = geo_sample("kml/umap_test_upload_data.kml").read_text()
    assert "not GPX: the document is <kml>" in str(refused("track.gpx", kml_text))
    assert "not a uMap file" in str(refused("map.umap", '{"type": "FeatureCollection"}'))
    # The content wins over the extension: JSON named .csv is read as JSON, and told so.
    assert "is not a GeoJSON type" in str(refused("rows.csv", '{"type": "x"}'))
    assert "not a KMZ" in str(refused("small.kmz", b"PK\x03\x04 not really a zip"))


def test_kml_cut_short_names_the_line(refused, geo_sample):
    data = geo_sample("kml/KML_Samples.kml").read_bytes()
    error = refused("samples.kml", data[:20000])
    assert "not well-formed KML" in str(error) and error.where.startswith("line ")


def test_kml_coordinate_out_of_range(refused):
    error = refused("far.kml", KML.format(point("Near", 2, 43) + point("Beyond", 200, 43)))
    assert error.where == "Placemark 2 'Beyond'" and "longitude 200 is out of range" in str(error)


def test_kml_external_entity_never_reads_the_file(refused, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT")
    xxe = (
        '<?xml version="1.0"?>\n'
        f'<!DOCTYPE kml [<!ENTITY xxe SYSTEM "file://{secret}">]>\n'
        '<kml xmlns="http://www.opengis.net/kml/2.2"><Placemark><name>&xxe;</name>'
        "<Point><coordinates>2,43</coordinates></Point></Placemark></kml>"
    )
    error = refused("xxe.kml", xxe)
    assert "refused" in str(error) and "entit" in str(error)
    assert "TOP-SECRET" not in str(error)


def test_kmz_with_an_external_entity_inside(refused, tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "doc.kml",
            '<!DOCTYPE kml [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><kml><Placemark>'
            "<name>&xxe;</name><Point><coordinates>2,43</coordinates></Point></Placemark></kml>",
        )
    error = refused("evil.kmz", buffer.getvalue())
    assert "DTD or entities" in str(error) and "root:" not in str(error)


def test_kml_billion_laughs(refused):
    bomb = (
        '<?xml version="1.0"?><!DOCTYPE kml [<!ENTITY a "aaaaaaaaaa">'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>'
        "<kml><Placemark><name>&c;</name></Placemark></kml>"
    )
    assert "refused" in str(refused("bomb.kml", bomb))


def test_gpx_cut_short_and_out_of_range(refused, geo_sample):
    data = geo_sample("gpx/route.gpx").read_bytes()
    assert refused("route.gpx", data[:1500]).where.startswith("line ")
    waypoints = (
        '<wpt lat="43" lon="2"><name>ok</name></wpt><wpt lat="95" lon="2"><name>north</name></wpt>'
    )
    error = refused("far.gpx", GPX.format(waypoints))
    assert error.where == "waypoint 2 'north'" and "latitude 95 is out of range" in str(error)
    assert "not a readable GPX" in str(refused("bad.gpx", GPX.format('<wpt lat="abc" lon="2"/>')))


def test_gpx_with_an_external_entity(refused):
    xxe = (
        '<?xml version="1.0"?><!DOCTYPE gpx [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
        '<gpx version="1.1"><wpt lat="43" lon="2"><name>&xxe;</name></wpt></gpx>'
    )
    error = refused("xxe.gpx", xxe)
    assert "refused" in str(error) and "root:" not in str(error)


def test_gpx_10_is_read(store, operation, tmp_path):
    """Decision: GPX 1.0 (still written by GPSBabel and older units) is read, not refused."""
    text = (
        '<gpx version="1.0" xmlns="http://www.topografix.com/GPX/1/0">'
        '<wpt lat="43.2" lon="2.35"><name>Relay</name><time>2026-11-28T10:00:00Z</time></wpt></gpx>'
    )
    path = tmp_path / "old.gpx"
    path.write_text(text)
    plan, outcome = import_file(store, operation["id"], path)
    assert plan.format == "gpx" and outcome.reports == 1


def test_csv_in_latin1_names_the_line_then_reads_with_its_encoding(
    refused, store, operation, tmp_path
):
    text = "titre;latitude;longitude\nDigue;43,21;2,35\nPont de l'Évêque;43,30;2,40\n"
    error = refused("latin.csv", text.encode("latin-1"))
    assert error.where == "line 3" and "not UTF-8" in str(error) and "--encoding" in str(error)
    path = tmp_path / "latin.csv"
    _, outcome = import_file(store, operation["id"], path, ImportOptions(encoding="latin-1"))
    assert outcome.reports == 2
    row = store.db.conn.execute(
        "SELECT lat, lon FROM reports WHERE title = ?", ["Pont de l'Évêque"]
    ).fetchone()
    assert tuple(row) == (43.3, 2.4)  # decimal commas


def test_csv_bad_rows_name_their_line(refused):
    header = "title,lat,lon\n"
    out_of_range = refused("a.csv", header + "ok,43,2\nfar,43,200\n")
    assert out_of_range.where == "line 3" and "longitude 200 is out of range" in str(out_of_range)
    assert refused("b.csv", header + "ok,43,2\nbad,abc,2\n").where == "line 3"
    assert "longitude is missing" in str(refused("c.csv", header + "half,43,\n"))
    assert "values for 3 columns" in str(refused("d.csv", header + "x,1,2,3\n"))


def test_csv_cut_short_inside_quotes(refused):
    error = refused("cut.csv", 'title,lat,lon\nok,43,2\n"never closed,43,2\n')
    assert error.where == "line 3" and "quote never closed" in str(error)


def test_csv_without_title_or_longitude_column(refused):
    assert "--map COLUMN=title" in str(refused("e.csv", "a,b\n1,2\n"))
    assert "--map COLUMN=lon" in str(refused("f.csv", "title,lat\nx,43\n"))
    assert "no column 'Nope'" in str(
        refused("g.csv", "title,lat,lon\nx,1,2\n", overrides={"Nope": "lat"})
    )


def test_umap_cut_short_and_bad_layer(refused, geo_sample):
    text = geo_sample("umap/test_upload_data.umap").read_text()
    assert refused("map.umap", text[:3000]).where.startswith("line ")
    error = refused("layer.umap", '{"type": "umap", "layers": [{"type": "Feature"}]}')
    assert error.where == "layer 1"
