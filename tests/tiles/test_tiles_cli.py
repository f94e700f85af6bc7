"""`fieldapp tiles import|seed|info|get|export`, run in-process through main() and, for
Ctrl-C, as a program; samples are copies of the shared MBTiles files, downloads come
from the local tile server (tileserver.py), which records every request.
"""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from fieldapp.cli.main import main
from fieldapp.tiles.grid import iter_tiles, parse_bbox, parse_zooms

ROOT = Path(__file__).resolve().parents[2]
RASTER_SAMPLES = {
    # file: (set id, name in metadata, format, tiles with data)
    "one_tile.mbtiles": ("one_tile", "shadowplay", "png", 2),
    "plain_1.mbtiles": ("plain_1", "plain_1", "png", 285),
    "some-empty-tiles.mbtiles": ("some-empty-tiles", "US Debt Held By Foreign Nations", "png", 11),
    "geography-class-jpg.mbtiles": ("geography-class-jpg", "Geography Class", "jpg", 5),
    "edge_cases/corrupt_null_tile.mbtiles": ("corrupt_null_tile", "plain_1", "png", 284),
}
BBOX, ZOOMS = "2.0,42.8,2.5,43.2", "8-11"  # 35 tiles
PLANNED = set(iter_tiles(parse_bbox(BBOX), parse_zooms(ZOOMS)))


@pytest.fixture(autouse=True)
def _no_user_data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("FIELDAPP_HOME", str(tmp_path / "default-home"))


@pytest.fixture
def run(data_dir, cli):
    """run(*args) -> (exit code, stdout, stderr) of `fieldapp --data-dir DATA tiles args`."""
    return cli(data_dir, "tiles")


def _raw_tiles(path: Path) -> list[tuple[int, int, int, bytes]]:
    """(z, x, XYZ y, bytes) of every stored tile, read straight from SQLite (TMS rows)."""
    with sqlite3.connect(path) as conn:
        rows = conn.execute("SELECT zoom_level, tile_column, tile_row, tile_data FROM tiles")
        return [(z, x, (1 << z) - 1 - tms, data) for z, x, tms, data in rows if data]


def _get(run, tmp_path, z, x, y, *options) -> bytes:
    out = tmp_path / "tile.bin"
    out.unlink(missing_ok=True)
    code, _, err = run("get", str(z), str(x), str(y), "-o", str(out), *options)
    assert code == 0, err
    return out.read_bytes()


@pytest.mark.parametrize("relative", sorted(RASTER_SAMPLES))
def test_get_returns_the_bytes_stored_for_each_sample(run, sample, tmp_path, relative):
    set_id, _name, fmt, count = RASTER_SAMPLES[relative]
    source = sample(relative)
    code, out, err = run("import", str(source))
    assert code == 0, err
    assert f"imported tile set {set_id!r}" in out and f"{fmt}, {count:,} tiles" in out

    raw = _raw_tiles(source)
    assert len(raw) == count
    checked = raw if count <= 20 else raw[::15] + raw[-3:]
    assert any(y != (1 << z) - 1 - y for z, _, y, _ in checked), "no tile shows the row flip"
    for z, x, y, data in checked:
        assert _get(run, tmp_path, z, x, y, "--set", set_id) == data, (z, x, y)


def test_get_takes_the_first_set_that_has_the_tile_unless_one_is_chosen(
    run, run_json, sample, tmp_path
):
    run("import", str(sample("one_tile.mbtiles")))
    run("import", str(sample("plain_1.mbtiles")))
    one = {t[:3]: t[3] for t in _raw_tiles(sample("one_tile.mbtiles"))}
    plain = {t[:3]: t[3] for t in _raw_tiles(sample("plain_1.mbtiles"))}

    assert _get(run, tmp_path, 1, 0, 0) == one[(1, 0, 0)]
    assert _get(run, tmp_path, 1, 0, 0, "--set", "plain_1") == plain[(1, 0, 0)]
    assert _get(run, tmp_path, 4, 5, 0) == plain[(4, 5, 0)]  # one_tile has no z4
    described = run_json("get", "1", "0", "0", "-o", str(tmp_path / "t.png"))
    assert (described["set"], described["mime"]) == ("one_tile", "image/png")
    assert described["bytes"] == len(one[(1, 0, 0)])


def test_a_missing_tile_is_a_clear_error(run, sample, tmp_path):
    run("import", str(sample("plain_1.mbtiles")))
    out = tmp_path / "none.png"
    code, _, err = run("get", "4", "5", "15", "-o", str(out))
    assert code == 1
    assert err == "fieldapp: error: there is no tile 4/5/15 in any tile set (plain_1)\n"
    assert not out.exists()
    code, _, err = run("get", "1", "0", "0", "-o", str(out), "--set", "nope")
    assert (code, err) == (1, "fieldapp: error: there is no tile set named 'nope'\n")
    code, _, err = run("get", "3", "9", "0", "-o", str(out))
    assert code == 2 and "x and y go from 0 to 7" in err
    assert not out.exists()


def test_info_lists_every_set_with_its_metadata(run, run_json, sample):
    assert run_json("info") == []
    for relative in RASTER_SAMPLES:
        assert run("import", str(sample(relative)))[0] == 0

    listed = {entry["id"]: entry for entry in run_json("info")}

    assert set(listed) == {spec[0] for spec in RASTER_SAMPLES.values()}
    for set_id, name, fmt, count in RASTER_SAMPLES.values():
        entry = listed[set_id]
        assert (entry["name"], entry["format"], entry["tile_count"]) == (name, fmt, count)
        assert entry["error"] is None and len(entry["bounds"]) == 4
    code, out, _ = run("info")
    assert code == 0 and "Geography Class" in out and "285 tiles, zoom 0-4" in out


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (lambda path: path.write_bytes(b"<html>not a tile set</html>" * 10), "not an SQLite"),
        (lambda path: path.write_bytes(path.read_bytes()[:200_000]), "is truncated"),
    ],
    ids=["not-mbtiles", "truncated"],
)
def test_a_bad_file_is_refused_in_one_line_and_nothing_is_added(
    run, run_json, sample, data_dir, make, reason
):
    source = sample("plain_1.mbtiles")
    make(source)
    code, out, err = run("import", str(source))
    assert code == 1 and out == ""
    assert err.startswith("fieldapp: error: plain_1.mbtiles") and reason in err
    assert err.endswith("nothing was imported\n") and err.count("\n") == 1
    tiles = data_dir / "tiles"
    assert not tiles.exists() or list(tiles.iterdir()) == []
    assert run_json("info") == []


def test_an_existing_name_needs_replace(run, run_json, sample):
    assert run("import", str(sample("one_tile.mbtiles")), "--name", "base")[0] == 0
    code, _, err = run("import", str(sample("plain_1.mbtiles")), "--name", "base")
    assert code == 1 and "'base' is already there" in err and "--replace" in err
    assert [e["name"] for e in run_json("info")] == ["shadowplay"]
    assert run("import", str(sample("plain_1.mbtiles")), "--name", "base", "--replace")[0] == 0
    assert [e["name"] for e in run_json("info")] == ["plain_1"]


def _seed_args(server, *more: str) -> list[str]:
    return ["seed", "--bbox", BBOX, "--zoom", ZOOMS, "--url", server.url, "--name", "aude", *more]


def test_seed_counts_first_then_stores_and_a_second_run_fetches_nothing(run, tile_server, tmp_path):
    code, out, err = run(*_seed_args(tile_server))
    assert code == 0, err
    plan, *summary = out.splitlines()
    assert "35 tiles at zoom 8-11" in plan and "35 to download, about" in plan
    assert "35 stored" in out and "complete" in summary[0]
    assert "35 of 35 tiles (100%)" in err  # the progress
    assert len(tile_server.seen) == 35
    last = max(PLANNED)
    assert _get(run, tmp_path, *last) == tile_server.png(*last)

    code, out, err = run(*_seed_args(tile_server), "--json")
    assert code == 0, err
    summary = json.loads(out)
    assert len(tile_server.seen) == 35  # nothing asked twice
    assert (summary["status"], summary["complete"]) == ("complete", True)
    assert (summary["planned"], summary["stored"], summary["skipped"]) == (35, 0, 35)
    assert (summary["missing"], summary["failed"], summary["stopped_reason"]) == (0, 0, None)
    assert (summary["plan"]["present"], summary["plan"]["to_fetch"]) == (35, 0)
    assert "35 already there, 0 to download" in err  # the plan, off stdout with --json


def test_seed_reports_tiles_the_server_does_not_have(run, tile_server):
    tile_server.rule = lambda z, x, y, attempt, n: ("status", 404) if z == 11 else None
    summary = json.loads(run(*_seed_args(tile_server), "--json")[1])
    assert (summary["stored"], summary["missing"], summary["complete"]) == (15, 20, True)


def test_seed_stopped_by_the_server_says_why_and_exits_1(run, tile_server):
    tile_server.rule = lambda z, x, y, attempt, n: ("status", 403) if n > 5 else None
    code, out, _ = run(*_seed_args(tile_server))
    assert code == 1
    assert "stopped: the tile server refused access (HTTP 403 Forbidden)" in out
    assert "run the same command again to resume" in out


class _Terminal:
    """A stdin that is an interactive terminal, where the user types `answer`."""

    def __init__(self, answer: str):
        self.answer, self.asked = answer, 0

    def isatty(self) -> bool:
        return True

    def readline(self) -> str:
        self.asked += 1
        return self.answer


def test_seed_asks_on_a_terminal_and_no_downloads_nothing(run, tile_server, data_dir, monkeypatch):
    terminal = _Terminal("n\n")
    monkeypatch.setattr(sys, "stdin", terminal)
    code, _, err = run(*_seed_args(tile_server))
    assert (code, terminal.asked) == (1, 1)
    assert "download 35 tiles (about" in err and "nothing was downloaded" in err
    assert tile_server.seen == [] and not (data_dir / "tiles" / "aude.mbtiles").exists()

    code, _, _ = run(*_seed_args(tile_server), "--yes")
    assert (code, terminal.asked, len(tile_server.seen)) == (0, 1, 35)


def test_seed_refuses_a_bad_request_before_any_download(run, tile_server, data_dir):
    code, _, err = run("seed", "--bbox", BBOX, "--zoom", ZOOMS, "--url", "ftp://tiles/{z}/{x}")
    assert code == 2 and err.startswith("fieldapp: error: the tile URL") and err.count("\n") == 1
    code, _, err = run("seed", "--bbox", "2,43,1", "--zoom", ZOOMS, "--url", tile_server.url)
    assert code == 2 and "must be four numbers" in err
    code, _, err = run(*_seed_args(tile_server, "--connections", "99"))
    assert code == 2 and "between 1 and 16" in err
    assert tile_server.seen == [] and not (data_dir / "tiles").exists()


# `fieldapp` as started from a terminal, whose Ctrl-C raises KeyboardInterrupt: a test run
# started in the background (a CI script's `&`) ignores SIGINT, and its children inherit it.
AS_AT_A_TERMINAL = (
    "import runpy, signal, sys; signal.signal(signal.SIGINT, signal.default_int_handler);"
    " sys.argv[0] = 'fieldapp'; runpy.run_module('fieldapp', run_name='__main__')"
)


def test_ctrl_c_cancels_keeps_the_tiles_and_the_same_command_resumes(tile_server, data_dir):
    tile_server.rule = lambda z, x, y, attempt, n: "hold" if n > 10 else None
    command = [sys.executable, "-c", AS_AT_A_TERMINAL, "--data-dir", str(data_dir), "tiles"]
    command += _seed_args(tile_server)
    child = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    watchdog = threading.Timer(60, child.kill)
    watchdog.start()
    try:
        # Ten tiles served, and both connections waiting on an answer held back.
        assert tile_server.held.acquire(timeout=30) and tile_server.held.acquire(timeout=30)
        child.send_signal(signal.SIGINT)
        tile_server.release.set()
        out, err = (text.decode() for text in child.communicate())
    finally:
        watchdog.cancel()
    assert child.returncode == 130, err
    assert "Traceback" not in err and "cancelling" in err
    assert "cancelled" in out and "run the same command again to resume" in out
    stored = {t[:3] for t in _raw_tiles(data_dir / "tiles" / "aude.mbtiles")}
    assert len(stored) == 10

    tile_server.rule = None
    before = tile_server.requested()
    result = subprocess.run([*command, "--json"], cwd=ROOT, capture_output=True, timeout=60)
    again = tile_server.requested() - before
    summary = json.loads(result.stdout)
    assert result.returncode == 0 and summary["complete"] and summary["skipped"] == 10
    assert set(again) == PLANNED - stored and set(again.values()) == {1}


def test_export_makes_a_pack_that_imports_back_with_the_same_tiles(run, run_json, sample, tmp_path):
    run("import", str(sample("plain_1.mbtiles")))
    run("import", str(sample("one_tile.mbtiles")))
    pack = tmp_path / "pack.mbtiles"
    # The whole world at zoom 0-2; a box starting with a minus needs no `=`.
    area = ["--bbox", "-180,-85,180,85", "--zoom", "0-2"]
    exported = run_json("export", *area, "-o", str(pack), "--set", "plain_1")
    expected = {t[:3]: t[3] for t in _raw_tiles(sample("plain_1.mbtiles")) if t[0] <= 2}
    assert exported["tiles"] == len(expected) and exported["per_set"] == {"plain_1": len(expected)}

    assert run("import", str(pack), "--name", "pack")[0] == 0
    listed = {entry["id"]: entry for entry in run_json("info")}
    assert (listed["pack"]["tile_count"], listed["pack"]["max_zoom"]) == (len(expected), 2)
    assert {t[:3]: t[3] for t in _raw_tiles(pack)} == expected
    for (z, x, y), data in expected.items():
        assert _get(run, tmp_path, z, x, y, "--set", "pack") == data

    before = pack.read_bytes()
    code, _, err = run("export", *area, "-o", str(pack), "--set", "one_tile")
    assert code == 1 and "already exists" in err and "--overwrite" in err
    assert pack.read_bytes() == before
    assert run("export", *area, "-o", str(pack), "--set", "one_tile", "--overwrite")[0] == 0
    assert {t[:3] for t in _raw_tiles(pack)} == {(0, 0, 0), (1, 0, 0)}


def test_export_of_sets_in_different_formats_is_refused(run, sample, tmp_path):
    run("import", str(sample("one_tile.mbtiles")))
    run("import", str(sample("geography-class-jpg.mbtiles")))
    pack = tmp_path / "pack.mbtiles"
    code, _, err = run("export", "--bbox", "-180,-85,180,85", "--zoom", "0-1", "-o", str(pack))
    assert code == 1 and "different formats (jpg, png)" in err and err.count("\n") == 1
    assert not pack.exists() and list(tmp_path.glob(".incoming-*")) == []


@pytest.mark.parametrize("action", [[], ["import"], ["seed"], ["info"], ["get"], ["export"]])
def test_every_tiles_command_has_help(action, capsys):
    assert main(["tiles", *action, "--help"]) == 0
    assert capsys.readouterr().out.startswith("usage: fieldapp tiles")


def test_fieldapp_help_lists_tiles(capsys):
    assert main(["--help"]) == 0
    assert "tiles" in capsys.readouterr().out
