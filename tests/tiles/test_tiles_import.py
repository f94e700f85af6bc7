"""Importing MBTiles files into a data directory: what is accepted, what is refused and why."""

from __future__ import annotations

import contextlib
import hashlib
import json
import sqlite3

import pytest

from fieldapp.tiles import (
    InvalidTileSetError,
    MBTilesWriter,
    TileRegistry,
    TileSetExistsError,
    import_mbtiles,
    list_tile_sets,
    tile_set_info,
)

RASTER_SAMPLES = {
    # file: (name in metadata, format, tiles with data, min zoom, max zoom)
    "one_tile.mbtiles": ("shadowplay", "png", 2, 0, 1),
    "plain_1.mbtiles": ("plain_1", "png", 285, 0, 4),
    "some-empty-tiles.mbtiles": ("US Debt Held By Foreign Nations", "png", 11, 1, 2),
    "geography-class-jpg.mbtiles": ("Geography Class", "jpg", 5, 0, 1),
    "edge_cases/corrupt_null_tile.mbtiles": ("plain_1", "png", 284, 0, 4),
}


def _files_in(folder):
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


@pytest.mark.parametrize("relative", sorted(RASTER_SAMPLES))
def test_each_raster_sample_imports_with_its_metadata(sample, data_dir, relative):
    name, fmt, count, low, high = RASTER_SAMPLES[relative]
    source = sample(relative)
    before = hashlib.sha256(source.read_bytes()).hexdigest()

    info = import_mbtiles(data_dir, source)

    assert (info.name, info.format, info.tile_count) == (name, fmt, count)
    assert (info.min_zoom, info.max_zoom) == (low, high)
    assert info.error is None
    assert info.bounds is not None and len(info.bounds) == 4
    assert hashlib.sha256(source.read_bytes()).hexdigest() == before, "source was modified"
    listed = {entry["id"]: entry for entry in list_tile_sets(data_dir)}
    assert listed[info.id]["tile_count"] == count
    assert listed[info.id]["mime"] == ("image/jpeg" if fmt == "jpg" else "image/png")
    assert json.loads(json.dumps(tile_set_info(data_dir, info.id))) == listed[info.id]


def test_vector_tiles_are_refused_with_the_reason_and_nothing_is_added(sample, data_dir):
    with pytest.raises(InvalidTileSetError, match=r"world_cities.*vector tiles \(pbf\)"):
        import_mbtiles(data_dir, sample("world_cities.mbtiles"))
    assert _files_in(data_dir / "tiles") == []


def test_a_truncated_file_is_refused_and_nothing_is_added(sample, data_dir):
    source = sample("plain_1.mbtiles")
    data = source.read_bytes()
    source.write_bytes(data[: len(data) // 2])
    with pytest.raises(InvalidTileSetError, match=r"plain_1\.mbtiles is truncated"):
        import_mbtiles(data_dir, source)
    assert _files_in(data_dir / "tiles") == []


def test_a_file_cut_mid_page_is_refused(sample, data_dir):
    source = sample("one_tile.mbtiles")
    source.write_bytes(source.read_bytes()[:-100])
    with pytest.raises(InvalidTileSetError, match="truncated"):
        import_mbtiles(data_dir, source)


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "is empty"),
        (b"<html>not a tile set</html>" * 10, "not an SQLite database"),
    ],
)
def test_a_file_that_is_not_sqlite_is_refused(tmp_path, data_dir, content, reason):
    source = tmp_path / "download.mbtiles"
    source.write_bytes(content)
    with pytest.raises(InvalidTileSetError, match=reason):
        import_mbtiles(data_dir, source)
    assert _files_in(data_dir / "tiles") == []


def test_an_sqlite_file_without_tiles_is_refused(tmp_path, data_dir):
    source = tmp_path / "notes.mbtiles"
    with sqlite3.connect(source) as conn:
        conn.execute("CREATE TABLE notes (text)")
    with pytest.raises(InvalidTileSetError, match="no `tiles` table"):
        import_mbtiles(data_dir, source)


def test_an_mbtiles_without_any_tile_is_refused(tmp_path, data_dir):
    source = tmp_path / "empty.mbtiles"
    MBTilesWriter(source).close()
    with pytest.raises(InvalidTileSetError, match="holds no tiles"):
        import_mbtiles(data_dir, source)


def test_a_null_tile_is_imported_as_missing(sample, data_dir):
    info = import_mbtiles(data_dir, sample("edge_cases/corrupt_null_tile.mbtiles"))
    with TileRegistry(data_dir) as registry:
        # The NULL blob is at z1, column 0, TMS row 0: XYZ row 1.
        assert registry.get_tile(info.id, 1, 0, 1) is None
        assert registry.get_tile(info.id, 1, 0, 0).mime == "image/png"
        with sqlite3.connect(sample("edge_cases/corrupt_null_tile.mbtiles")) as conn:
            [(tms_row_0,)] = conn.execute(
                "SELECT tile_data FROM tiles WHERE zoom_level = 1 AND tile_column = 1"
                " AND tile_row = 0"
            )
        assert registry.get_tile(info.id, 1, 1, 1).data == tms_row_0  # XYZ row 1 = TMS 0


def test_an_existing_name_is_refused_unless_replaced(sample, data_dir):
    import_mbtiles(data_dir, sample("one_tile.mbtiles"), name="base")
    with pytest.raises(TileSetExistsError, match="'base' is already there"):
        import_mbtiles(data_dir, sample("plain_1.mbtiles"), name="base")
    with TileRegistry(data_dir) as registry:
        assert registry.info("base").name == "shadowplay"

    info = import_mbtiles(data_dir, sample("plain_1.mbtiles"), name="base", replace=True)
    assert info.name == "plain_1"
    assert [p.name for p in (data_dir / "tiles").iterdir()] == ["base.mbtiles"]


def test_a_bad_name_is_refused(sample, data_dir):
    from fieldapp.tiles import InvalidRequestError

    with pytest.raises(InvalidRequestError, match="not a valid tile set name"):
        import_mbtiles(data_dir, sample("one_tile.mbtiles"), name="../escape")


def test_changes_still_in_the_source_wal_are_imported(tmp_path, data_dir, sample):
    """A set copied while another program still has it open keeps its latest tiles."""
    png = sample("plain_1.mbtiles")
    source = tmp_path / "live.mbtiles"
    writer = MBTilesWriter(source)
    with sqlite3.connect(png) as conn:
        tile = conn.execute("SELECT tile_data FROM tiles WHERE zoom_level=0").fetchone()[0]
    writer.write([(0, 0, 0, tile)], metadata={"name": "live", "format": "png"})
    try:
        assert (tmp_path / "live.mbtiles-wal").stat().st_size > 0
        info = import_mbtiles(data_dir, source)
    finally:
        writer.close()
    assert info.tile_count == 1
    with TileRegistry(data_dir) as registry:
        assert registry.get_tile("live", 0, 0, 0).data == tile


def test_a_damaged_file_in_the_folder_is_listed_with_its_error(sample, data_dir):
    import_mbtiles(data_dir, sample("one_tile.mbtiles"))
    (data_dir / "tiles" / "broken.mbtiles").write_bytes(b"garbage" * 100)
    listed = {entry["id"]: entry for entry in list_tile_sets(data_dir)}
    assert listed["one_tile"]["error"] is None
    assert "broken.mbtiles cannot be read" in listed["broken"]["error"]


def test_importing_from_a_stick_leaves_no_files_beside_the_source(tmp_path, data_dir, sample):
    """A WAL-mode tile pack: even a read-only SQLite open would create -wal and -shm."""
    stick = tmp_path / "stick"
    stick.mkdir()
    source = stick / "pack.mbtiles"
    with sqlite3.connect(sample("one_tile.mbtiles")) as conn:
        tile = conn.execute("SELECT tile_data FROM tiles WHERE zoom_level=0").fetchone()[0]
    with MBTilesWriter(source) as writer:
        writer.write([(0, 0, 0, tile)], metadata={"name": "pack"})
    with contextlib.closing(sqlite3.connect(source)) as conn:  # WAL mode, closed cleanly:
        assert conn.execute("PRAGMA journal_mode = WAL").fetchone() == ("wal",)  # no -wal left
    assert sorted(p.name for p in stick.iterdir()) == ["pack.mbtiles"]
    before = source.read_bytes()

    info = import_mbtiles(data_dir, source)

    assert info.tile_count == 1
    assert sorted(p.name for p in stick.iterdir()) == ["pack.mbtiles"]
    assert source.read_bytes() == before
