"""Areas and zoom ranges as the user types them, and the tile counts shown before a download."""

from __future__ import annotations

import subprocess
import sys

import mercantile
import pytest

from fieldapp.tiles import InvalidRequestError, parse_bbox, parse_zooms, tile_counts
from fieldapp.tiles.grid import iter_tiles


@pytest.mark.parametrize(
    "bbox",
    [
        "2.0,42.8,2.5,43.2",  # the Aude valley
        "-180,-90,180,90",  # the world, clamped to Web Mercator
        "170,-20,-170,-10",  # across the antimeridian
        "-0.0001,51.4,0.0001,51.5",  # a box on the meridian
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
