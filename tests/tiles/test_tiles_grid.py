"""Areas and zoom ranges as the user types them, and the tile counts shown before a download."""

from __future__ import annotations

import subprocess
import sys

import mercantile
import pytest

from fieldapp.tiles import InvalidRequestError, parse_bbox, parse_zooms, tile_counts
from fieldapp.tiles.grid import (
    MAX_LAT,
    BBox,
    TileRange,
    iter_tiles,
    tile_bbox,
    tile_ranges,
    tms_row,
    valid_tile,
)


@pytest.mark.parametrize(
    "bbox",
    [
        "2.0,42.8,2.5,43.2",  # the Aude valley
        "-180,-90,180,90",  # the world, clamped to Web Mercator
        "170,-20,-170,-10",  # across the antimeridian
        "-0.0001,51.4,0.0001,51.5",  # a box on the meridian
        "0,0,90,45",  # edges on tile edges: the tiles beyond them are not wanted
        "-90,-45,0,0",
        "80,0,-100,10",  # across the antimeridian, with a column between the halves at z2
    ],
)
def test_counts_match_the_tiles_listed(bbox):
    box, zooms = parse_bbox(bbox), parse_zooms("0-7")
    counts = tile_counts(box, zooms)
    listed = list(iter_tiles(box, zooms))
    by_mercantile = {(t.z, t.x, t.y) for t in mercantile.tiles(*box, list(zooms.levels()))}
    assert sum(counts.values()) == len(listed) == len(set(listed))
    assert set(listed) == by_mercantile
    for z, count in counts.items():
        assert count == sum(1 for t in listed if t[0] == z)


def test_a_city_at_zoom_15_to_16_is_a_few_hundred_tiles():
    counts = tile_counts(parse_bbox("2.33,48.84,2.37,48.87"), parse_zooms("15-16"))
    expected = len(list(mercantile.tiles(2.33, 48.84, 2.37, 48.87, [15, 16])))
    assert sum(counts.values()) == expected
    assert 50 < expected < 500


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("1,2,3", "four numbers"),
        ("a,1,2,3", "not a number"),
        ("0,50,1,40", "must be below"),
        ("0,-95,1,40", "outside -90..90"),
        ("-200,0,1,40", "outside -180..180"),
        ("1,0,1,40", "no width"),
        ("nan,0,1,40", "not finite"),
    ],
)
def test_bad_boxes_are_explained(text, message):
    with pytest.raises(InvalidRequestError, match=message):
        parse_bbox(text)


@pytest.mark.parametrize(
    ("text", "expected"), [("12", (12, 12)), ("10-15", (10, 15)), (" 0-3 ", (0, 3))]
)
def test_zoom_ranges(text, expected):
    assert tuple(parse_zooms(text)) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [("15-10", "backwards"), ("x", "look like"), ("3-30", "between 0 and"), ("1-2-3", "look like")],
)
def test_bad_zoom_ranges_are_explained(text, message):
    with pytest.raises(InvalidRequestError, match=message):
        parse_zooms(text)


def test_the_tiles_core_runs_without_qt():
    code = (
        "import sys, fieldapp.tiles, fieldapp.tiles.seeding, fieldapp.tiles.export\n"
        "assert not [m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))]\n"
        "assert not [m for m in sys.modules if m.startswith('fieldapp.ui')]"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("1,2,3", "the bounding box '1,2,3' must be four numbers: west,south,east,north"),
        ("a,1,2,3", "the bounding box 'a,1,2,3' has a value that is not a number"),
        ("0,50,1,40", "the south edge 50 must be below the north 40"),
        ("0,40,1,40", "the south edge 40 must be below the north 40"),
        ("0,-95,1,40", "the south latitude -95 is outside -90..90"),
        ("0,-10,1,95", "the north latitude 95 is outside -90..90"),
        ("-200,0,1,40", "the west longitude -200 is outside -180..180"),
        ("1,0,180.5,40", "the east longitude 180.5 is outside -180..180"),
        ("-180.5,0,1,40", "the west longitude -180.5 is outside -180..180"),
        ("0,-90.5,1,40", "the south latitude -90.5 is outside -90..90"),
        ("0,-10,1,90.5", "the north latitude 90.5 is outside -90..90"),
        ("1,0,1,40", "the west and east edges are the same: the box has no width"),
        ("nan,0,1,40", "the bounding box [nan, 0.0, 1.0, 40.0] has a value that is not finite"),
    ],
)
def test_each_bad_box_is_explained_in_full(text, message):
    with pytest.raises(InvalidRequestError) as caught:
        parse_bbox(text)
    assert str(caught.value) == message


def test_a_box_reads_back_as_written_and_may_touch_every_edge():
    assert str(parse_bbox(" 2, 42.8 ,2.5,43.2")) == "2,42.8,2.5,43.2"
    assert parse_bbox((-180, -90, 180, 90)) == BBox(-180, -90, 180, 90)


@pytest.mark.parametrize(
    ("value", "expected"), [(5, (5, 5)), ((3, 4), (3, 4)), ("0", (0, 0)), ("24", (24, 24))]
)
def test_zooms_from_numbers_pairs_and_the_ends_of_the_range(value, expected):
    assert tuple(parse_zooms(value)) == expected


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("15-10", "the zoom range 15-10 goes backwards"),
        ("x", "the zoom range 'x' must look like 10-15 or 12"),
        ("1-2-3", "the zoom range '1-2-3' must look like 10-15 or 12"),
        ("25", "zoom levels must be between 0 and 24"),
        (-1, "zoom levels must be between 0 and 24"),
        ((3, 25), "zoom levels must be between 0 and 24"),
        ((-1, 3), "zoom levels must be between 0 and 24"),
    ],
)
def test_each_bad_zoom_range_is_explained_in_full(value, message):
    with pytest.raises(InvalidRequestError) as caught:
        parse_zooms(value)
    assert str(caught.value) == message


def test_the_blocks_of_a_box_across_the_antimeridian_say_their_zoom():
    box = parse_bbox("80,0,-100,10")
    assert tile_ranges(box, 2) == [TileRange(2, 0, 0, 1, 1), TileRange(2, 2, 3, 1, 1)]
    assert tile_ranges(box, 1) == [TileRange(1, 0, 1, 0, 0)]  # the halves meet: one block


def test_the_tms_flip_and_its_inverse():
    assert [tms_row(2, y) for y in range(4)] == [3, 2, 1, 0]
    assert tms_row(0, 0) == 0 and tms_row(3, tms_row(3, 5)) == 5


@pytest.mark.parametrize(
    ("z", "x", "y", "valid"),
    [
        (0, 0, 0, True),
        (1, 1, 1, True),
        (24, 2**24 - 1, 2**24 - 1, True),
        (1, 2, 0, False),
        (1, 0, 2, False),
        (1, -1, 0, False),
        (1, 0, -1, False),
        (-1, 0, 0, False),
        (25, 0, 0, False),
    ],
)
def test_valid_tiles_are_those_of_the_grid(z, x, y, valid):
    assert valid_tile(z, x, y) is valid


def test_a_tile_covers_its_share_of_the_world():
    assert tile_bbox(0, 0, 0) == pytest.approx((-180, -MAX_LAT, 180, MAX_LAT))
    assert tile_bbox(1, 1, 0) == pytest.approx((0, 0, 180, MAX_LAT))
    assert tile_bbox(1, 0, 1) == pytest.approx((-180, -MAX_LAT, 0, 0), abs=1e-6)
