"""The real files of tests/samples/geo import as their authors meant: the right number of
reports and map features, with their names and positions; a second import adds nothing."""

from __future__ import annotations

import pytest

from fieldapp.exports.intake import ImportOptions, commit, import_file, preview


def reports_of(store, operation):
    rows = store.db.conn.execute(
        "SELECT title, lat, lon, body, observed_at, tags, place FROM reports"
        " WHERE operation_id = ? ORDER BY title",
        [operation["id"]],
    )
    return {row["title"]: dict(row) for row in rows}


def features_of(store, operation):
    return {f["name"]: f for f in store.features.list(operation["id"])}


def imported(store, operation, path, **options):
    plan, outcome = import_file(store, operation["id"], path, ImportOptions(**options))
    return plan, outcome


@pytest.mark.parametrize(
    ("name", "reports", "features"),
    [
        ("geojson/umap_choropleth_region_chomage.geojson", 0, 13),
        ("geojson/umap_test_upload_data.json", 2, 3),
        ("geojson/ushahidi_test.geojson", 9, 4),
        ("gpx/cerknicko-jezero.gpx", 7, 7),
        ("gpx/gpx1.1_with_all_fields.gpx", 2, 2),
        ("gpx/route.gpx", 0, 1),
        ("gpx/umap_test_upload_data.gpx", 1, 1),
        ("gpx/unicode_with_bom.gpx", 1, 0),
        ("kml/Document-clean.kml", 7, 6),
        ("kml/KML_Samples.kml", 4, 15),
        ("kml/gx_cascading_style.kml", 0, 1),
        ("kml/small_world.kmz", 0, 0),
        ("kml/umap_test_upload_data.kml", 1, 2),
        ("umap/display_on_load.umap", 2, 0),
        ("umap/remote_data.umap", 0, 0),
        ("umap/test_upload_data.csv", 2, 0),
        ("umap/test_upload_data.umap", 1, 2),
        ("umap/test_upload_data_with_enum.umap", 4, 0),
        ("ushahidi/sample.csv", 2, 0),
        ("ushahidi/sample_os9.csv", 2, 0),
    ],
)
def test_each_real_file_imports_once(store, operation, geo_sample, name, reports, features):
    path = geo_sample(name)
    plan, outcome = imported(store, operation, path)
    assert (outcome.reports, outcome.features, outcome.known) == (reports, features, 0)
    assert (len(plan.reports), len(plan.features)) == (reports, features)
    before = store.db.outbox_count()
    again, second = imported(store, operation, path)
    assert (second.reports, second.features, second.known) == (0, 0, reports + features)
    assert again.known == reports + features and not again.new
    assert store.db.outbox_count() == before  # nothing written the second time


def test_kml_samples_keep_names_places_and_folders(store, operation, geo_sample):
    plan, _ = imported(store, operation, geo_sample("kml/KML_Samples.kml"))
    assert plan.name == "KML Samples"
    reports = reports_of(store, operation)
    assert set(reports) == {
        "Simple placemark",
        "Floating placemark",
        "Extruded placemark",
        "Roll over this icon",
    }
    simple = reports["Simple placemark"]
    assert (simple["lat"], simple["lon"]) == pytest.approx((37.42228990140251, -122.0822035425683))
    assert simple["tags"] == '["Placemarks"]'
    assert simple["body"].startswith("Attached to the ground.")  # the CDATA's HTML as text
    features = features_of(store, operation)
    pentagon = features["The Pentagon"]
    assert (
        pentagon["geometry"]["type"] == "Polygon" and len(pentagon["geometry"]["coordinates"]) == 2
    )
    assert {"Tessellated", "Untessellated", "Building 40", "Building 43"} <= set(features)
    assert any("7 ScreenOverlay" in note for note in plan.notes)
    assert any("without a geometry" in note for note in plan.notes)


def test_document_clean_multigeometry_becomes_its_parts(store, operation, geo_sample):
    plan, _ = imported(store, operation, geo_sample("kml/Document-clean.kml"))
    reports = reports_of(store, operation)
    assert "General Motors Place" in reports
    assert reports["HBC Bastion"]["lat"] == pytest.approx(49.16716103)
    # An unnamed MultiGeometry of navigation buoys: three points, titled by its description.
    buoys = [t for t in reports if t.startswith("Navigation buoys in Vancouver harbour (")]
    assert len(buoys) == 3
    river = features_of(store, operation)["Rivière des Outaouais"]
    assert river["geometry"]["type"] == "LineString"
    assert any("NetworkLink" in note for note in plan.notes)


def test_gpx_10_recording_waypoints_and_tracks(store, operation, geo_sample):
    imported(store, operation, geo_sample("gpx/cerknicko-jezero.gpx"))
    reports = reports_of(store, operation)
    assert {"BIRDS NEST", "VANSHNG LK", "RAKOV12"} <= set(reports)
    assert reports["001"]["observed_at"] == "2010-08-05T14:23:59.000Z"
    for report in reports.values():
        assert 45.7 < report["lat"] < 45.8 and 14.28 < report["lon"] < 14.38
    tracks = features_of(store, operation)
    assert "ACTIVE LOG #2" in tracks
    assert len(tracks["ACTIVE LOG #2"]["geometry"]["coordinates"]) == 173


def test_gpx_with_bom_and_no_namespace(store, operation, geo_sample):
    imported(store, operation, geo_sample("gpx/unicode_with_bom.gpx"))
    (report,) = reports_of(store, operation).values()
    assert report["title"] == "test"
    assert report["observed_at"] == "2016-05-27T10:08:47.800Z"


def test_umap_layers_become_tags_and_features(store, operation, geo_sample):
    imported(store, operation, geo_sample("umap/test_upload_data.umap"))
    lille = reports_of(store, operation)["Lille"]
    assert (lille["lat"], lille["lon"]) == (50.6269, 3.0528)
    assert lille["tags"] == '["Cities"]' and lille["body"] == "une ville"
    features = features_of(store, operation)
    assert features["Bruxelles"]["geometry"]["type"] == "Polygon"
    assert features["tunnel sous la Manche"]["geometry"]["type"] == "LineString"


def test_umap_3d_points_and_remote_layer(store, operation, geo_sample):
    imported(store, operation, geo_sample("umap/test_upload_data_with_enum.umap"))
    assert {"I'm a foo", "I'm a bar", "I'm another foo", "I've no features"} == set(
        reports_of(store, operation)
    )
    plan, _ = imported(store, operation, geo_sample("umap/remote_data.umap"))
    assert "on a server" in plan.notes[0]


def test_umap_csv_columns_found_by_name(store, operation, geo_sample):
    plan, _ = imported(store, operation, geo_sample("umap/test_upload_data.csv"))
    assert plan.mapping["lat"] == "Latitude" and plan.mapping["lon"] == "geo_Longitude"
    point = reports_of(store, operation)["a point somewhere"]
    assert (point["lat"], point["lon"]) == (48.5, 14.5)
    assert point["body"] == "the description of this point\nFoo: bar"  # nothing lost


def test_ushahidi_csv_as_its_platform_reads_it(store, operation, geo_sample):
    plan, _ = imported(store, operation, geo_sample("ushahidi/sample.csv"))
    assert plan.format == "ushahidi"
    rows = store.db.conn.execute(
        "SELECT title, lat, lon, place, observed_at, body FROM reports ORDER BY lat"
    ).fetchall()
    assert [(r["title"], r["place"], r["lat"], r["lon"]) for r in rows] == [
        ("Missing person", "Kampala", -1.2921, 36.8219),
        ("Missing person", "Maputo", 33.755, -84.39),
    ]
    assert rows[1]["observed_at"] == "2015-11-20T00:00:00.000Z"
    assert "name: Joseph Pata" in rows[1]["body"]
    assert "actions: ground_search, medical_evacuation" in rows[1]["body"]


def test_ushahidi_geojson_unnamed_points_titled_by_their_text(store, operation, geo_sample):
    imported(store, operation, geo_sample("geojson/ushahidi_test.geojson"))
    reports = reports_of(store, operation)
    stop = reports["18th & California Light Rail Stop"]
    assert (stop["lat"], stop["lon"]) == pytest.approx((39.74683938093904, -104.98999178409576))
    campus = features_of(store, operation)["This is the Auraria West Campus"]
    assert campus["geometry"]["type"] == "MultiPolygon"


def test_choropleth_regions_keep_accents(store, operation, geo_sample):
    imported(store, operation, geo_sample("geojson/umap_choropleth_region_chomage.geojson"))
    features = features_of(store, operation)
    assert "Île-de-France" in features and "Provence-Alpes-Côte d'Azur" in features
    assert features["Nouvelle-Aquitaine"]["geometry"]["type"] == "MultiPolygon"
    assert all(f["category"] == "other" for f in features.values())


def test_as_reports_and_as_features(store, operation, geo_sample):
    path = geo_sample("kml/umap_test_upload_data.kml")
    _, outcome = imported(store, operation, path, as_="reports")
    assert (outcome.reports, outcome.features) == (3, 0)
    path_report = reports_of(store, operation)["Simple path"]
    assert path_report["lat"] is not None  # a line as a report: a point on it
    _, outcome = imported(store, operation, path, as_="features")
    assert (outcome.reports, outcome.features) == (0, 3)  # another record type: new records
    assert features_of(store, operation)["Simple point"]["geometry"]["type"] == "Point"


def test_the_preview_stores_nothing(store, operation, geo_sample):
    before = store.db.outbox_count()
    plan = preview(store, operation["id"], geo_sample("geojson/ushahidi_test.geojson"))
    assert (len(plan.reports), len(plan.features), plan.known) == (9, 4, 0)
    assert store.db.outbox_count() == before
    assert commit(store, plan).reports == 9


def test_an_exercise_preview_says_exercise(store, geo_sample):
    drill = store.operations.create("Drill", exercise=True)
    plan = preview(store, drill["id"], geo_sample("gpx/route.gpx"))
    assert plan.exercise


def test_imported_records_sync_like_any_other(store, operation, geo_sample):
    before = store.db.outbox_count()
    _, outcome = imported(store, operation, geo_sample("umap/test_upload_data.umap"))
    assert store.db.outbox_count() == before + outcome.reports + outcome.features
    report_id = store.db.conn.execute("SELECT id FROM reports").fetchone()[0]
    assert store.db.history(report_id)[0]["action"] == "created"


def test_a_deleted_import_stays_deleted(store, operation, geo_sample):
    path = geo_sample("umap/test_upload_data.csv")
    imported(store, operation, path)
    report_id = store.db.conn.execute("SELECT id FROM reports").fetchone()[0]
    store.reports.delete(report_id)
    _, outcome = imported(store, operation, path)
    assert (outcome.reports, outcome.known) == (0, 2)
