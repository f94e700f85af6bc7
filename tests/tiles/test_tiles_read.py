"""Reading tiles: XYZ numbering over TMS rows, both MBTiles schemas, several sets at once."""

from __future__ import annotations

import sqlite3
import threading

import pytest

from fieldapp.tiles import (
    MBTilesReader,
    MBTilesWriter,
    TileRegistry,
    UnknownTileSetError,
    get_tile,
    import_mbtiles,
)


def _raw(path, z, column, tms_row):
    with sqlite3.connect(path) as conn:
        row = conn.execute(
            "SELECT tile_data FROM tiles WHERE zoom_level=? AND tile_column=? AND tile_row=?",
            (z, column, tms_row),
        ).fetchone()
    return row[0] if row else None


def test_the_northern_tile_is_row_0_in_xyz(sample, data_dir):
    """one_tile covers Canada: its z1 tile is stored at TMS row 1, which is XYZ row 0."""
    source = sample("one_tile.mbtiles")
    import_mbtiles(data_dir, source)
    with TileRegistry(data_dir) as registry:
        north = registry.get_tile("one_tile", 1, 0, 0)
        assert north.data == _raw(source, 1, 0, 1)
        assert north.mime == "image/png"
        assert registry.get_tile("one_tile", 1, 0, 1) is None


def test_every_tile_of_a_set_is_found_at_its_flipped_row(sample, data_dir):
    source = sample("plain_1.mbtiles")
    import_mbtiles(data_dir, source)
    with sqlite3.connect(source) as conn:
        rows = conn.execute("SELECT zoom_level, tile_column, tile_row, tile_data FROM tiles")
        raw = list(rows)
    with TileRegistry(data_dir) as registry:
        for z, x, tms, data in raw:
            y = (1 << z) - 1 - tms
            assert registry.get_tile("plain_1", z, x, y).data == data, (z, x, y)
    # z4 has TMS rows 3..15 (the set stops at 70°S): XYZ rows 13..15 are empty.
    with TileRegistry(data_dir) as registry:
        assert registry.get_tile("plain_1", 4, 5, 15) is None
        tms_row = dict(((z, x, tms), data) for z, x, tms, data in raw)[(4, 5, 15)]
        assert registry.get_tile("plain_1", 4, 5, 0).data == tms_row  # XYZ row 0 = TMS 15


def test_the_plain_tiles_table_schema_is_read_too(sample, tmp_path, data_dir):
    """Rebuild a raster set in the plain `tiles` table schema and read it through the registry."""
    source = sample("geography-class-jpg.mbtiles")
    plain = tmp_path / "plain.mbtiles"
    with sqlite3.connect(source) as conn:
        raw = list(conn.execute("SELECT zoom_level, tile_column, tile_row, tile_data FROM tiles"))
    with MBTilesWriter(plain) as writer:
        tiles = [(z, x, (1 << z) - 1 - tms, data) for z, x, tms, data in raw]
        writer.write(tiles, metadata={"name": "Plain", "format": "jpg", "minzoom": "0"})
    info = import_mbtiles(data_dir, plain)
    assert (info.schema, info.name, info.tile_count, info.format) == ("tiles", "Plain", 5, "jpg")
    with TileRegistry(data_dir) as registry:
        tile = registry.get_tile("plain", 1, 1, 0)
    assert tile.data == _raw(source, 1, 1, 1)
    assert tile.mime == "image/jpeg"


def test_vector_sets_are_readable_at_the_file_level(sample):
    """world_cities is the only plain-table sample; the reader handles it, import refuses it."""
    with MBTilesReader(sample("world_cities.mbtiles")) as reader:
        assert reader.schema == "tiles"
        assert reader.metadata()["format"] == "pbf"
        assert reader.tile_count() == 196
        assert reader.zoom_range() == (0, 6)
        # z6 rows 24..45 in TMS are XYZ rows 18..39.
        assert reader.count_in(6, 0, 63, 18, 39) == 72
        assert reader.count_in(6, 0, 63, 40, 63) == 0


def test_two_sets_are_separate_layers(sample, data_dir):
    import_mbtiles(data_dir, sample("plain_1.mbtiles"), name="basemap")
    import_mbtiles(data_dir, sample("geography-class-jpg.mbtiles"), name="aerial")
    with TileRegistry(data_dir) as registry:
        assert [info.id for info in registry.list_sets()] == ["aerial", "basemap"]
        base = registry.get_tile("basemap", 0, 0, 0)
        aerial = registry.get_tile("aerial", 0, 0, 0)
        assert (base.mime, aerial.mime) == ("image/png", "image/jpeg")
        assert base.data != aerial.data
        with pytest.raises(UnknownTileSetError, match="no tile set named 'roads'"):
            registry.get_tile("roads", 0, 0, 0)


def test_out_of_range_tiles_are_missing_not_errors(sample, data_dir):
    import_mbtiles(data_dir, sample("one_tile.mbtiles"))
    assert get_tile(data_dir, "one_tile", 1, 2, 0) is None
    assert get_tile(data_dir, "one_tile", -1, 0, 0) is None
    assert get_tile(data_dir, "one_tile", 0, 0, 0).mime == "image/png"


def test_many_threads_read_at_once(sample, data_dir):
    source = sample("plain_1.mbtiles")
    import_mbtiles(data_dir, source)
    expected = _raw(source, 2, 1, 2)
    results, errors = [], []
    with TileRegistry(data_dir) as registry:

        def read():
            try:
                for _ in range(200):
                    results.append(registry.get_tile("plain_1", 2, 1, 1).data == expected)
            except Exception as exc:  # pragma: no cover - reported below
                errors.append(exc)

        threads = [threading.Thread(target=read) for _ in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert errors == []
    assert len(results) == 1600 and all(results)


def test_a_replaced_set_is_read_afresh(sample, data_dir):
    import_mbtiles(data_dir, sample("one_tile.mbtiles"), name="base")
    with TileRegistry(data_dir) as registry:
        first = registry.get_tile("base", 0, 0, 0).data
        registry.import_file(sample("plain_1.mbtiles"), name="base", replace=True)
        assert registry.get_tile("base", 0, 0, 0).data != first
        registry.remove("base")
        with pytest.raises(UnknownTileSetError):
            registry.get_tile("base", 0, 0, 0)


def test_webp_tiles_are_served_as_webp(tmp_path, data_dir):
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (256, 256), (30, 120, 60)).save(out, "WEBP")
    source = tmp_path / "aerial.mbtiles"
    with MBTilesWriter(source) as writer:
        writer.write([(0, 0, 0, out.getvalue())], metadata={"name": "Aerial"})  # no format key
    info = import_mbtiles(data_dir, source)
    assert (info.format, info.to_dict()["mime"]) == ("webp", "image/webp")
    tile = get_tile(data_dir, "aerial", 0, 0, 0)
    assert (tile.mime, tile.data) == ("image/webp", out.getvalue())
