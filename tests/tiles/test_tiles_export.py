"""Exporting an area into a tile pack (one MBTiles file) for a USB stick."""

from __future__ import annotations

import sqlite3
import threading

import pytest

from fieldapp.tiles import (
    ExportError,
    TileRegistry,
    UnknownTileSetError,
    export_tiles,
    import_mbtiles,
)


@pytest.fixture
def out(tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


@pytest.fixture
def sets(sample, data_dir):
    import_mbtiles(data_dir, sample("plain_1.mbtiles"), name="base")
    import_mbtiles(data_dir, sample("one_tile.mbtiles"), name="canada")
    import_mbtiles(data_dir, sample("geography-class-jpg.mbtiles"), name="jpg")
    return data_dir


def test_a_pack_holds_exactly_the_area_and_zooms_and_imports_elsewhere(sets, out):
    pack = out / "stick" / "europe.mbtiles"
    # Western Europe at zoom 3-4: columns 3-4 / 7-8, rows 2-3 / 5-6.
    summary = export_tiles(sets, ["base"], pack, bbox="-10,40,20,55", zooms="3-4", name="Europe")
    assert summary.tiles == 4 + 4 and summary.format == "png"
    assert (summary.min_zoom, summary.max_zoom) == (3, 4)
    assert summary.bytes == pack.stat().st_size

    other = out / "other-laptop"
    info = import_mbtiles(other, pack)
    assert (info.name, info.tile_count, info.min_zoom, info.max_zoom) == ("Europe", 8, 3, 4)
    assert info.bounds == pytest.approx((-10, 40, 20, 55))
    with TileRegistry(sets) as here, TileRegistry(other) as there:
        for z, x, y in [(3, 3, 2), (3, 4, 3), (4, 7, 5), (4, 8, 6)]:
            assert there.get_tile("europe", z, x, y).data == here.get_tile("base", z, x, y).data
        assert there.get_tile("europe", 2, 1, 1) is None  # zoom outside the range
        assert there.get_tile("europe", 4, 0, 5) is None  # outside the area


def test_the_pack_is_one_self_contained_file(sets, out):
    pack = out / "pack.mbtiles"
    export_tiles(sets, ["base"], pack, bbox="-180,-85,180,85", zooms="0-2")
    assert [p.name for p in out.iterdir()] == ["pack.mbtiles"]
    with sqlite3.connect(pack) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        assert conn.execute("SELECT COUNT(*) FROM tiles").fetchone()[0] == 21


def test_the_first_set_listed_wins_where_sets_overlap(sets, out):
    pack = out / "merged.mbtiles"
    summary = export_tiles(sets, ["canada", "base"], pack, bbox="-180,-85,180,85", zooms="0-1")
    assert summary.per_set == {"canada": 2, "base": 3}
    with TileRegistry(sets) as registry:
        canada_z1 = registry.get_tile("canada", 1, 0, 0).data
        base_z1 = registry.get_tile("base", 1, 1, 1).data
    with sqlite3.connect(pack) as conn:
        rows = dict(
            ((z, x, r), d)
            for z, x, r, d in conn.execute(
                "SELECT zoom_level, tile_column, tile_row, tile_data FROM tiles"
            )
        )
    assert rows[(1, 0, 1)] == canada_z1  # XYZ 1/0/0 is TMS row 1
    assert rows[(1, 1, 0)] == base_z1


def test_sets_of_different_formats_are_refused(sets, out):
    pack = out / "mixed.mbtiles"
    with pytest.raises(ExportError, match=r"different formats \(jpg, png\)"):
        export_tiles(sets, ["base", "jpg"], pack, bbox="-180,-85,180,85", zooms="0-1")
    assert not pack.exists()


def test_an_empty_area_writes_nothing(sets, out):
    with pytest.raises(ExportError, match="no tiles in that area"):
        export_tiles(sets, ["canada"], out / "x.mbtiles", bbox="0,-60,10,-50", zooms="5-6")
    assert list(out.iterdir()) == []


def test_an_existing_file_is_kept_unless_overwrite(sets, out):
    pack = out / "pack.mbtiles"
    pack.write_bytes(b"precious")
    with pytest.raises(ExportError, match="already exists"):
        export_tiles(sets, ["base"], pack, bbox="-180,-85,180,85", zooms="0")
    assert pack.read_bytes() == b"precious"
    export_tiles(sets, ["base"], pack, bbox="-180,-85,180,85", zooms="0", overwrite=True)
    assert pack.read_bytes().startswith(b"SQLite format 3")


def test_a_cancelled_export_leaves_nothing(sets, out):
    cancel, calls = threading.Event(), []

    def progress(done, total):
        calls.append((done, total))
        cancel.set()

    with pytest.raises(ExportError, match="cancelled"):
        export_tiles(
            sets,
            ["base"],
            out / "p.mbtiles",
            bbox="-180,-85,180,85",
            zooms="0-4",
            progress=progress,
            cancel=cancel,
        )
    assert calls == [(1, 341)]
    assert list(out.iterdir()) == []


def test_an_unknown_set_is_named(sets, out):
    with pytest.raises(UnknownTileSetError, match="'roads'"):
        export_tiles(sets, ["base", "roads"], out / "p.mbtiles", bbox="0,0,1,1", zooms="1")
