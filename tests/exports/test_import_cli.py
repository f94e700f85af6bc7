"""`fieldapp import FILE`: the preview, the import, a second import, a refused file."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _no_user_data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("FIELDAPP_HOME", str(tmp_path / "default-home"))


@pytest.fixture
def run(tmp_path, cli):
    run = cli(tmp_path / "data")
    assert run("operation", "create", "Floods")[0] == 0
    return run


def test_preview_then_import_then_again(run, run_json, geo_sample):
    path = str(geo_sample("kml/KML_Samples.kml"))
    code, out, _ = run("import", path, "--preview")
    assert code == 0
    assert "would create 4 reports and 15 map features; 0 already imported" in out
    assert "'Simple placemark' at 37.42229, -122.08220" in out
    assert "7 ScreenOverlays not imported" in out and "nothing was stored" in out
    assert run_json("report", "list") == []
    assert run_json("import", path) == {"reports": 4, "features": 15, "known": 0}
    assert len(run_json("report", "list")) == 4 and len(run_json("feature", "list")) == 15
    code, out, _ = run("import", path)
    assert code == 0 and "0 reports and 0 map features imported" in out and "19 already" in out


def test_counts_agree_with_their_number(run, tmp_path):
    one = tmp_path / "one.csv"
    one.write_text("title,lat,lon\nPont fermé,43.1,2.1\n", encoding="utf-8")
    code, out, _ = run("import", str(one), "--preview")
    assert code == 0 and "would create 1 report and 0 map features;" in out
    code, out, _ = run("import", str(one))
    assert code == 0 and "one.csv: 1 report and 0 map features imported" in out
    code, out, _ = run("export", "geojson", "-o", str(tmp_path / "out.geojson"))
    assert code == 0 and out.startswith("1 item of ")  # not "1 item(s)", not "1 items"


def test_as_and_map_options(run, run_json, geo_sample):
    path = str(geo_sample("umap/test_upload_data.csv"))
    preview = run_json(
        "import", path, "--preview", "--as", "features", "--map", "Foo=title", "--map", "title=-"
    )
    assert preview["features"] == 2 and preview["mapping"]["title"] == "Foo"
    assert [item["title"] for item in preview["items"]] == ["bar", "bar"]


def test_a_refused_file_says_why_and_stores_nothing(run, run_json, tmp_path):
    bad = tmp_path / "latin.csv"
    bad.write_bytes("title,lat,lon\nÉcole,43,2\n".encode("latin-1"))
    code, _out, err = run("import", str(bad))
    assert code == 1
    assert "latin.csv: line 2: not UTF-8 text" in err and "nothing was imported" in err
    assert run_json("report", "list") == []
    assert run_json("import", str(bad), "--encoding", "latin-1")["reports"] == 1
    code, _out, err = run("import", str(bad), "--map", "nonsense")
    assert code == 2 and "COLUMN=FIELD" in err


def test_an_exercise_preview_says_exercise(tmp_path, cli, geo_sample):
    run = cli(tmp_path / "drill")
    assert run("operation", "create", "Drill", "--exercise")[0] == 0
    code, out, _ = run("import", str(geo_sample("gpx/route.gpx")), "--preview")
    assert code == 0 and out.startswith("EXERCISE — preview of route.gpx") and "[EXERCISE]" in out
