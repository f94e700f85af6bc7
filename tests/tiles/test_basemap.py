"""The shipped offline world basemap, and the TopoJSON decoding and rendering that build it."""

from __future__ import annotations

import io
import json
import sqlite3
from pathlib import Path

import pytest
from PIL import Image

from fieldapp.tiles import basemap
from fieldapp.tiles.mbtiles import MBTilesReader, check_mbtiles

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ROOT / "resources" / "basemap" / "world-z0-6.mbtiles"
PALETTE = basemap.Palette()

# Two 10° squares side by side, lon 10-20 and 20-30, lat 20-30, quantized on a 5° grid:
# arc 0 is the shared edge (lon 20) going north; arcs 1 and 2 are the outer edges.
TWO_SQUARES = {
    "type": "Topology",
    "transform": {"scale": [5, 5], "translate": [10, 20]},
    "arcs": [
        [[2, 0], [0, 2]],  # (20,20) -> (20,30)
        [[2, 2], [-2, 0], [0, -2], [2, 0]],  # (20,30) -> (10,30) -> (10,20) -> (20,20)
        [[2, 0], [2, 0], [0, 2], [-2, 0]],  # (20,20) -> (30,20) -> (30,30) -> (20,30)
    ],
    "objects": {
        "countries": {
            "type": "GeometryCollection",
            "geometries": [
                {"type": "Polygon", "arcs": [[0, 1]]},
                {"type": "MultiPolygon", "arcs": [[[2, -1]]]},
            ],
        },
        "land": {
            "type": "GeometryCollection",
            "geometries": [{"type": "Polygon", "arcs": [[1, 2]]}],
        },
    },
}


def test_two_squares_decode_to_closed_rings_in_degrees():
    arcs = basemap.decode_arcs(TWO_SQUARES)
    polygons = basemap.decode_polygons(TWO_SQUARES, "countries", arcs)
    west, east = polygons
    assert west == [[(20, 20), (20, 30), (10, 30), (10, 20), (20, 20)]]
    # The shared edge walked backwards (~0) closes the eastern square.
    assert east == [[(20, 20), (30, 20), (30, 30), (20, 30), (20, 20)]]


def test_only_the_shared_edge_is_a_border_and_the_outline_is_the_coast():
    world = basemap.load_world(TWO_SQUARES)
    assert world.borders == [[(20, 20), (20, 30)]]
    coast_points = {p for line in world.coasts for p in line}
    assert coast_points == {(10, 20), (10, 30), (20, 20), (20, 30), (30, 20), (30, 30)}
    assert world.land == [[[(20, 30), (10, 30), (10, 20), (20, 20), (30, 20), (30, 30), (20, 30)]]]


def test_a_ring_across_the_antimeridian_stays_one_small_island():
    fiji_like = [(179.5, -17), (-179.5, -17), (-179.5, -16), (179.5, -16), (179.5, -17)]
    unwrapped = basemap.unwrap(fiji_like, closed=True)
    assert max(lon for lon, _ in unwrapped) - min(lon for lon, _ in unwrapped) == 1


def _tile(data: bytes) -> Image.Image:
    return Image.open(io.BytesIO(data)).convert("RGB")


def _pixel_at(reader: MBTilesReader, z: int, lon: float, lat: float) -> tuple[int, int, int]:
    fx, fy = basemap.to_world_fraction(lon, lat)
    px, py = fx * 256 * (1 << z), fy * 256 * (1 << z)
    x, y = int(px // 256), int(py // 256)
    data = reader.get(z, x, y)
    assert data, f"no tile z{z}/{x}/{y}"
    return _tile(data).getpixel((int(px % 256), int(py % 256)))


def _pixel_in(image: Image.Image, z: int, x: int, y: int, lon: float, lat: float):
    fx, fy = basemap.to_world_fraction(lon, lat)
    n = 256 * (1 << z)
    return image.getpixel((int(fx * n - x * 256), int(fy * n - y * 256)))


def test_rendered_tile_shows_land_and_sea_where_they_are():
    world = basemap.project_world(basemap.load_world(TWO_SQUARES))
    tile = basemap.render_window(world, 2, 2, 1, 1)  # lon 0..90, lat 0..66.5
    assert tile.size == (256, 256)
    assert _pixel_in(tile, 2, 2, 1, 15, 25) == PALETTE.land
    assert _pixel_in(tile, 2, 2, 1, 25, 25) == PALETTE.land
    assert _pixel_in(tile, 2, 2, 1, 60, 25) == PALETTE.sea
    assert _pixel_in(tile, 2, 2, 1, 25, 45) == PALETTE.sea
    # The shared edge is a grey border line, not a coast.
    assert _pixel_in(tile, 2, 2, 1, 20, 25) != PALETTE.land
    assert _pixel_in(tile, 2, 2, 1, 20, 25)[0] < 230


@pytest.fixture(scope="module")
def shipped() -> MBTilesReader:
    assert SHIPPED.is_file(), f"{SHIPPED} is missing: run resources/basemap/build.sh"
    with MBTilesReader(SHIPPED) as reader:
        yield reader


def test_shipped_basemap_is_a_valid_raster_set_with_honest_metadata(shipped):
    facts = check_mbtiles(SHIPPED)
    assert (facts.format, facts.min_zoom, facts.max_zoom) == ("png", 0, 6)
    meta = shipped.metadata()
    assert meta["attribution"] == "Natural Earth (public domain)"
    assert meta["minzoom"] == "0" and meta["maxzoom"] == "6"
    assert meta["bounds"] == "-180,-85.051129,180,85.051129"
    assert meta["name"] and "Natural Earth" in meta["description"]


def test_shipped_basemap_has_every_tile_of_zooms_0_to_6(shipped):
    assert shipped.tile_count() == sum(4**z for z in range(7)) == 5461
    for z in range(7):
        n = 1 << z
        assert shipped.count_in(z, 0, n - 1, 0, n - 1) == n * n


def test_shipped_basemap_shows_land_on_continents_and_sea_on_oceans(shipped):
    for z in (2, 4, 6):
        assert _pixel_at(shipped, z, 22, 5) == PALETTE.land  # Central African Republic
        assert _pixel_at(shipped, z, -60, -12) == PALETTE.land  # Amazon basin
        assert _pixel_at(shipped, z, 100, 60) == PALETTE.land  # Siberia
        assert _pixel_at(shipped, z, -150, 0) == PALETTE.sea  # mid-Pacific
        assert _pixel_at(shipped, z, -30, 30) == PALETTE.sea  # North Atlantic
        assert _pixel_at(shipped, z, 80, -30) == PALETTE.sea  # Indian Ocean


# (lon, lat) where the map has land, whose mirror across the equator is sea.
LAND_WITH_SEA_OPPOSITE = [(100, 60), (78, 22), (135, -25), (-60, -12), (-100, 40)]


def test_north_is_up_and_rows_are_flipped_for_mbtiles(shipped):
    # Rows stored the wrong way round, or a map drawn upside down, would swap each pair.
    for z in (1, 3, 5):
        for lon, lat in LAND_WITH_SEA_OPPOSITE:
            assert _pixel_at(shipped, z, lon, lat) == PALETTE.land, (z, lon, lat)
            assert _pixel_at(shipped, z, lon, -lat) == PALETTE.sea, (z, lon, -lat)
    # The top of the world tile is the Arctic Ocean, its bottom Antarctica.
    world = _tile(shipped.get(0, 0, 0))
    assert world.getpixel((128, 250)) == PALETTE.land
    assert world.getpixel((128, 5)) == PALETTE.sea


def test_no_band_of_land_across_the_pacific_from_shapes_over_180_degrees(shipped):
    # Chukotka and Fiji cross ±180°; drawn naively they smear a stripe round the world.
    for lat in (66, 69, 71, -16.5):
        assert _pixel_at(shipped, 3, -100 if lat < 0 else 0, lat) == PALETTE.sea


def test_all_ocean_tiles_share_one_stored_image(shipped):
    conn = sqlite3.connect(f"{SHIPPED.as_uri()}?mode=ro", uri=True)
    try:
        tiles, images = conn.execute(
            "SELECT (SELECT COUNT(*) FROM map), (SELECT COUNT(*) FROM images)"
        ).fetchone()
    finally:
        conn.close()
    assert tiles == 5461 and images < tiles * 0.8


def test_build_command_writes_a_readable_set(tmp_path):
    source = tmp_path / "squares.json"
    source.write_text(json.dumps(TWO_SQUARES))
    out = tmp_path / "squares.mbtiles"
    assert basemap.main([str(source), str(out), "--max-zoom", "1"]) == 0
    with MBTilesReader(out) as reader:
        assert reader.tile_count() == 5
        assert reader.schema == "map/images"
    assert not (tmp_path / "squares.mbtiles.part").exists()


def test_build_command_runs_without_docstrings(monkeypatch, capsys):
    # `python -OO` strips docstrings; the command's description comes from the module's.
    monkeypatch.setattr(basemap, "__doc__", None)
    with pytest.raises(SystemExit) as stopped:
        basemap.main(["--help"])
    assert stopped.value.code == 0
    assert "usage: python -m fieldapp.tiles.basemap" in capsys.readouterr().out


def test_the_builder_stores_rows_flipped_so_north_stays_up(tmp_path):
    # The builder itself, on the two squares (lon 10-30, lat 20-30: north-east of 0,0):
    # rows written in XYZ order instead of TMS would put them south of the equator.
    source = tmp_path / "squares.json"
    source.write_text(json.dumps(TWO_SQUARES))
    out = tmp_path / "squares.mbtiles"
    counts = basemap.build(source, out, max_zoom=2)
    assert counts["tiles"] == 1 + 4 + 16
    with MBTilesReader(out) as reader:
        for z in (1, 2):
            assert _pixel_at(reader, z, 25, 25) == PALETTE.land, z
            assert _pixel_at(reader, z, 25, -25) == PALETTE.sea, z
    conn = sqlite3.connect(out)
    try:
        # XYZ z2/2/1 (the squares) is TMS row 4 - 1 - 1 = 2.
        rows = conn.execute(
            "SELECT tile_row FROM map WHERE zoom_level = 2 AND tile_column = 2"
            " AND tile_id != (SELECT tile_id FROM map WHERE zoom_level = 2 AND tile_row = 0"
            " AND tile_column = 0)"
        ).fetchall()
    finally:
        conn.close()
    assert rows == [(2,)]
