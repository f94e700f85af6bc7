"""Map features: saved like reports (stamps, outbox, history, tombstones), checked shapes."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from fieldapp.core import database as schema
from fieldapp.core.backup import backup_to, check
from fieldapp.core.errors import NotFoundError, ValidationError
from fieldapp.core.replica import field_stamp
from fieldapp.maps.geometry import MAX_VERTICES
from fieldapp.store import Store

SAMPLES = Path(__file__).parent / "samples" / "geo"
RING = [[2.30, 43.20], [2.40, 43.20], [2.40, 43.25], [2.30, 43.20]]
FLOOD = {"type": "Polygon", "coordinates": [RING]}


def _add(store, operation, **values):
    fields = {"name": "Basse ville inondée", "category": "flooded_area", "geometry": FLOOD}
    return store.features.add(operation["id"], **{**fields, **values})


def _state(store):
    """What a user or sync could see: every row of features, outbox and history."""
    return [
        store.conn.execute(f"SELECT * FROM {table} ORDER BY seq").fetchall()
        for table in ("features", "outbox", "history")
    ]


def test_saved_feature_reads_back(store, operation):
    saved = _add(store, operation, notes="  1 m d'eau  ")
    again = store.features.get(saved["id"])
    assert again["name"] == "Basse ville inondée" and again["category"] == "flooded_area"
    assert again["geometry"] == FLOOD and again["notes"] == "1 m d'eau"
    assert again["author"] == "alice" and again["operation_id"] == operation["id"]
    assert [f["id"] for f in store.features.list(operation["id"])] == [saved["id"]]
    other = store.operations.create("Exercise Rhône", exercise=True)
    assert store.features.list(other["id"]) == []


@pytest.mark.parametrize(
    "geometry",
    [
        '{"type": "LineString", "coordinates": [[2.3, 43.2], [2.4, 43.25]]}',
        {"type": "Feature", "properties": {"name": "x"}, "geometry": FLOOD},
        {"type": "FeatureCollection", "features": [{"type": "Feature", "geometry": FLOOD}]},
        {"type": "MultiPolygon", "coordinates": [[RING], [RING]]},
        {"type": "Point", "coordinates": [2.35, 43.21, 120]},
    ],
)
def test_every_usual_way_of_giving_a_shape(store, operation, geometry):
    saved = _add(store, operation, geometry=geometry)
    assert saved["geometry"]["type"] in ("LineString", "Polygon", "MultiPolygon", "Point")


@pytest.mark.parametrize(
    ("values", "field", "code"),
    [
        ({"name": "  "}, "name", "required"),
        ({"name": "x" * 201}, "name", "too_long"),
        ({"category": "flood"}, "category", "unknown_value"),
        ({"geometry": ""}, "geometry", "required"),
        ({"geometry": "{not json"}, "geometry", "not_json"),
        ({"geometry": {"type": "Circle", "coordinates": [2, 43]}}, "geometry", "unknown_type"),
        ({"geometry": {"type": "Point", "coordinates": [43.2, 95]}}, "geometry", "out_of_range"),
        ({"geometry": {"type": "Point", "coordinates": [200, 43]}}, "geometry", "out_of_range"),
        ({"geometry": {"type": "Point", "coordinates": ["2", 43]}}, "geometry", "bad_coordinates"),
        ({"geometry": '{"type":"Point","coordinates":[NaN, 43]}'}, "geometry", "bad_coordinates"),
        ({"geometry": {"type": "Polygon", "coordinates": []}}, "geometry", "empty"),
        ({"geometry": {"type": "Polygon", "coordinates": [RING[:3]]}}, "geometry", "too_few"),
        (
            {"geometry": {"type": "Polygon", "coordinates": [[*RING[:-1], [2.3, 43.3]]]}},
            "geometry",
            "not_closed",
        ),
        ({"geometry": {"type": "LineString", "coordinates": [[2, 43]]}}, "geometry", "too_few"),
        (
            {"geometry": {"type": "LineString", "coordinates": [[2, 43]] * (MAX_VERTICES + 1)}},
            "geometry",
            "too_many_vertices",
        ),
        (
            {"geometry": {"type": "FeatureCollection", "features": [{}, {}]}},
            "geometry",
            "several_features",
        ),
    ],
)
def test_invalid_feature_names_the_field_and_changes_nothing(store, operation, values, field, code):
    kept = _add(store, operation)
    before = _state(store)
    with pytest.raises(ValidationError) as caught:
        _add(store, operation, **values)
    assert caught.value.errors[field][0].startswith(code)
    with pytest.raises(ValidationError):
        store.features.edit(kept["id"], **values)
    assert _state(store) == before


def test_unknown_fields_and_operations_are_refused(store, operation):
    feature = _add(store, operation)
    with pytest.raises(ValidationError) as caught:
        store.features.edit(feature["id"], colour="red")
    assert "colour" in caught.value.errors
    with pytest.raises(NotFoundError):
        store.features.add("nope", name="x", category="other", geometry=FLOOD)


def test_edits_stamp_only_the_changed_fields(store, operation):
    feature = _add(store, operation)
    before = len(store.db.outbox_entries())
    assert store.features.edit(feature["id"], name=feature["name"]) == feature  # no change
    assert len(store.db.outbox_entries()) == before
    point = {"type": "Point", "coordinates": [2.35, 43.21]}
    edited = store.features.edit(feature["id"], geometry=point, category="danger_zone")
    assert edited["geometry"] == point and edited["category"] == "danger_zone"
    assert field_stamp(edited, "geometry") > field_stamp(edited, "name")
    assert field_stamp(edited, "name") == field_stamp(feature, "name")
    history = store.db.history(feature["id"])
    assert [h["action"] for h in history] == ["created", "updated"]
    assert set(history[1]["changes"]) == {"geometry", "category"}
    assert history[1]["author"] == "alice"


def test_outbox_entries_resolve_to_the_stored_values(store, operation):
    feature = _add(store, operation)
    store.features.edit(feature["id"], notes="water rising")
    store.features.delete(feature["id"])
    entries = [e for e in store.db.outbox_entries() if e["entity"] == "feature"]
    assert [e["row_id"] for e in entries] == [feature["id"]] * 3
    created, edited, deleted = entries
    assert created["operation_id"] == operation["id"]
    assert json.loads(created["fields"]["geometry"]) == FLOOD
    assert created["fields"]["category"] == "flooded_area"
    assert created["stamps"]["name"] == created["hlc"]
    assert edited["fields"] == {"notes": "water rising"}
    assert edited["stamps"] == {"notes": edited["hlc"]}
    assert deleted["fields"] == {"deleted": 1}
    stamps = [e["hlc"] for e in entries]
    assert stamps == sorted(stamps) and len(set(stamps)) == 3


def test_deleted_feature_leaves_the_map_but_keeps_its_history(store, operation):
    feature = _add(store, operation)
    store.features.delete(feature["id"])
    with pytest.raises(NotFoundError, match="no map feature"):
        store.features.get(feature["id"])
    with pytest.raises(NotFoundError):
        store.features.edit(feature["id"], name="back")
    assert store.features.list(operation["id"]) == []
    assert store.db.history(feature["id"])[-1]["action"] == "deleted"
    tombstone = store.conn.execute("SELECT deleted FROM features").fetchone()[0]
    assert tombstone == 1  # kept as a tombstone, so that sync can ship the delete


def test_a_database_of_schema_m001_migrates(tmp_path, monkeypatch):
    with monkeypatch.context() as old_version:
        old_version.setattr(schema, "KNOWN", schema.KNOWN[:1])
        with Store(tmp_path, user="bob") as old:
            op = old.operations.create("Storm")
            report = old.reports.add(op["id"], {"title": "Roof torn off"})
            assert "features" not in _tables(old.conn)
    with Store(tmp_path, user="bob") as new:
        assert new.reports.get(report["id"])["title"] == "Roof torn off"
        feature = new.features.add(op["id"], name="Toits", category="danger_zone", geometry=FLOOD)
        assert new.db.outbox_count() == 3
    conn = sqlite3.connect(tmp_path / "fieldapp.db")
    names = [r[0] for r in conn.execute("SELECT name FROM _sqlite_migrations ORDER BY id")]
    assert names == schema.KNOWN  # m002 and every later migration applied on opening
    conn.close()
    assert check(tmp_path) == []
    copy = backup_to(tmp_path / "fieldapp.db", tmp_path / "copy" / "fieldapp.db")
    with Store(copy.parent) as restored:
        assert restored.features.get(feature["id"])["name"] == "Toits"


def _tables(conn) -> set[str]:
    return {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}


@pytest.mark.parametrize(
    ("sample", "pick", "kind"),
    [
        ("geojson/ushahidi_test.geojson", 13, "MultiPolygon"),  # Auraria West Campus
        ("geojson/umap_choropleth_region_chomage.geojson", 1, "Polygon"),
        ("geojson/umap_test_upload_data.json", 1, "Point"),  # has "crs": null
    ],
)
def test_real_geojson_files_are_read(store, operation, sample, pick, kind):
    from fieldapp.maps.geometry import read_geometry

    text = (SAMPLES / sample).read_text(encoding="utf-8")
    geometry = read_geometry(text, pick=pick)
    assert geometry["type"] == kind
    assert _add(store, operation, geometry=geometry)["geometry"] == geometry


# -- the command line ------------------------------------------------------------------------


@pytest.fixture
def data(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("FIELDAPP_HOME", str(tmp_path / "default-home"))
    return tmp_path / "data"


@pytest.fixture
def run(data, cli):
    return cli(data)


@pytest.fixture
def op(run_json) -> dict:
    return run_json("operation", "create", "Crues de l'Aude")


def _counts(data: Path) -> tuple[int, int]:
    """(live features, outbox entries) as the store sees them."""
    with Store(data) as store:
        ops = store.operations.list()
        return sum(len(store.features.list(o["id"])) for o in ops), store.db.outbox_count()


def test_feature_round_trip(run, run_json, op):
    shape = json.dumps({"type": "Feature", "properties": {}, "geometry": FLOOD})
    added = run_json(
        *("feature", "add", "--name", "Quartier de la gare", "--category", "flooded_area"),
        *("--geojson", shape, "--notes", "Eau à 1 m", "--user", "camille"),
    )
    assert added["geometry"] == FLOOD and added["author"] == "camille"
    assert added["operation_id"] == op["id"] and added["exercise"] is False
    assert [f["id"] for f in run_json("feature", "list")] == [added["id"]]

    edited = run_json("feature", "edit", added["id"], "--category", "evacuation_zone")
    assert (edited["category"], edited["name"]) == ("evacuation_zone", added["name"])
    shown = run_json("feature", "show", added["id"])
    assert [h["action"] for h in shown["history"]] == ["created", "updated"]

    code, out, _ = run("feature", "show", added["id"])
    assert "Quartier de la gare" in out and "Polygon, 4 positions" in out
    assert "from 43.20000, 2.30000 to 43.25000, 2.40000" in out and "Eau à 1 m" in out
    code, out, _ = run("feature", "list")
    assert added["id"] in out and "evacuation_zone" in out

    code, out, _ = run("feature", "delete", added["id"])
    assert code == 0 and added["id"] in out
    assert run_json("feature", "list") == []
    code, _, err = run("feature", "show", added["id"])
    assert code == 1 and f"no map feature with id {added['id']}" in err


def test_feature_add_from_a_real_geojson_file(run, run_json, data, op):
    sample = SAMPLES / "geojson" / "ushahidi_test.geojson"
    before = _counts(data)
    code, _, err = run(
        *("feature", "add", "--name", "Campus", "--category", "shelter", "--file", str(sample))
    )
    assert code == 2 and "holds 13 features" in err and "--index" in err
    assert _counts(data) == before

    added = run_json(
        *("feature", "add", "--name", "Auraria West Campus", "--category", "shelter"),
        *("--file", str(sample), "--index", "13"),
    )
    assert added["geometry"]["type"] == "MultiPolygon"
    code, out, _ = run("feature", "show", added["id"])
    assert "from 39.73904, -105.01196 to 39.74732, -105.00020" in out


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--file", str(SAMPLES / "kml" / "KML_Samples.kml")], "XML (KML or GPX?)"),
        (["--file", str(SAMPLES / "umap" / "test_upload_data.umap")], "'umap' is not a shape"),
        (["--file", str(SAMPLES / "mbtiles" / "one_tile.mbtiles")], "not UTF-8 text"),
        (["--file", "missing.geojson"], "is not a file"),
        (["--geojson", '{"type": "Point", "coordinates": [48.85, 95]}'], "longitude first"),
        (["--geojson", '{"type": "Point", "coordinates": [2, 43]}', "--category", "x"], "'x'"),
        (["--geojson", "[]", "--index", "2"], "GeoJSON must be an object"),
    ],
)
def test_bad_shapes_save_nothing(run, data, op, args, words):
    before = _counts(data)
    base = ["feature", "add", "--name", "Zone", "--category", "danger_zone"]
    code, out, err = run(*base, *args)
    assert code in (1, 2) and words in err and out == ""
    assert _counts(data) == before


def test_feature_commands_say_exercise(run, run_json):
    run_json("operation", "create", "Exercice SATER", "--exercise")
    point = '{"type": "Point", "coordinates": [2.35, 43.21]}'
    added = run_json(
        "feature", "add", "--name", "PC", "--category", "meeting_point", "--geojson", point
    )
    assert added["exercise"] is True
    code, out, _ = run("feature", "list")
    assert out.startswith("EXERCISE: Exercice SATER")
    code, out, _ = run("feature", "show", added["id"])
    assert out.startswith("EXERCISE") and "43.21000, 2.35000" in out
    code, _, err = run("feature", "edit", added["id"])
    assert code == 2 and "nothing to change" in err
    code, out, _ = run("check")
    assert code == 0


def test_the_bounding_box_of_a_shape_spans_all_its_parts():
    from fieldapp.maps.geometry import bounding_box, read_geometry

    two_islands = {
        "type": "MultiPolygon",
        "coordinates": [
            [[[4.3, 43.8], [4.4, 43.8], [4.4, 43.9], [4.3, 43.8]]],
            [[[5.3, 42.8], [5.4, 42.8], [5.4, 42.9], [5.3, 42.8]]],
        ],
    }
    assert bounding_box(read_geometry(two_islands)) == (4.3, 42.8, 5.4, 43.9)
    assert bounding_box(read_geometry({"type": "Point", "coordinates": [2, 48]})) == (2, 48, 2, 48)
