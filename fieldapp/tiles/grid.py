"""Tile math for Web Mercator XYZ tiles, on top of mercantile: boxes, zoom ranges, counts.

MBTiles stores rows in TMS order (row 0 in the south); everything outside the MBTiles
modules speaks XYZ (row 0 in the north), like Leaflet and tile servers. Pure functions,
safe from any thread.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import NamedTuple

import mercantile

from .errors import InvalidRequestError

MAX_ZOOM = 24
# Web Mercator stops short of the poles; mercantile clamps to the same value.
MAX_LAT = 85.051129


class BBox(NamedTuple):
    """A geographic box in degrees; west > east means it crosses the antimeridian."""

    west: float
    south: float
    east: float
    north: float

    def __str__(self) -> str:
        return ",".join(f"{v:g}" for v in self)


class ZoomRange(NamedTuple):
    min: int
    max: int

    def levels(self) -> range:
        return range(self.min, self.max + 1)

    def __str__(self) -> str:
        return f"{self.min}-{self.max}"


class TileRange(NamedTuple):
    """Inclusive XYZ column and row bounds of a block of tiles at one zoom."""

    z: int
    x0: int
    x1: int
    y0: int
    y1: int

    def count(self) -> int:
        return (self.x1 - self.x0 + 1) * (self.y1 - self.y0 + 1)


def parse_bbox(text: str | tuple[float, float, float, float] | BBox) -> BBox:
    """'W,S,E,N' (degrees) to a BBox, with errors in words."""
    if isinstance(text, str):
        parts = [p.strip() for p in text.split(",")]
        if len(parts) != 4:
            raise InvalidRequestError(
                f"the bounding box {text!r} must be four numbers: west,south,east,north"
            )
        try:
            values = [float(p) for p in parts]
        except ValueError:
            raise InvalidRequestError(
                f"the bounding box {text!r} has a value that is not a number"
            ) from None
    else:
        values = [float(v) for v in text]
    if not all(math.isfinite(v) for v in values):
        raise InvalidRequestError(f"the bounding box {values} has a value that is not finite")
    west, south, east, north = values
    for name, lon in (("west", west), ("east", east)):
        if not -180 <= lon <= 180:
            raise InvalidRequestError(f"the {name} longitude {lon:g} is outside -180..180")
    for name, lat in (("south", south), ("north", north)):
        if not -90 <= lat <= 90:
            raise InvalidRequestError(f"the {name} latitude {lat:g} is outside -90..90")
    if south >= north:
        raise InvalidRequestError(f"the south edge {south:g} must be below the north {north:g}")
    if west == east:
        raise InvalidRequestError("the west and east edges are the same: the box has no width")
    return BBox(west, south, east, north)


def parse_zooms(text: str | int | tuple[int, int] | ZoomRange) -> ZoomRange:
    """'Z1-Z2' or 'Z' (or an int, or a pair) to a ZoomRange within 0..MAX_ZOOM."""
    if isinstance(text, int):
        low = high = text
    elif isinstance(text, str):
        problem = InvalidRequestError(f"the zoom range {text!r} must look like 10-15 or 12")
        try:
            numbers = [int(p) for p in text.strip().split("-")]
        except ValueError:
            raise problem from None
        if len(numbers) not in (1, 2):
            raise problem
        low, high = numbers[0], numbers[-1]
    else:
        low, high = (int(v) for v in text)
    if not (0 <= low <= MAX_ZOOM and 0 <= high <= MAX_ZOOM):
        raise InvalidRequestError(f"zoom levels must be between 0 and {MAX_ZOOM}")
    if low > high:
        raise InvalidRequestError(f"the zoom range {low}-{high} goes backwards")
    return ZoomRange(low, high)


def _parts(bbox: BBox) -> list[tuple[float, float, float, float]]:
    """The box split at the antimeridian and clamped, as mercantile.tiles does it."""
    w, s, e, n = bbox
    boxes = [(-180.0, s, e, n), (w, s, 180.0, n)] if w > e else [(w, s, e, n)]
    return [
        (max(-180.0, w), max(-MAX_LAT, s), min(180.0, e), min(MAX_LAT, n)) for w, s, e, n in boxes
    ]


def tile_ranges(bbox: BBox, z: int) -> list[TileRange]:
    """The blocks of XYZ tiles that cover the box at zoom z, without overlap.

    A box across the antimeridian gives two blocks, or one when at low zoom both halves
    fall in the same columns (mercantile.tiles would list those tiles twice).
    """
    ranges: list[TileRange] = []
    for w, s, e, n in _parts(bbox):
        upper_left = mercantile.tile(w, n, z)
        lower_right = mercantile.tile(e - mercantile.LL_EPSILON, s + mercantile.LL_EPSILON, z)
        block = TileRange(z, upper_left.x, lower_right.x, upper_left.y, lower_right.y)
        if ranges and block.x0 <= ranges[0].x1 + 1:
            first = ranges[0]
            block = TileRange(z, first.x0, max(first.x1, block.x1), block.y0, block.y1)
            ranges = []
        ranges.append(block)
    return ranges


def tile_counts(bbox: BBox, zooms: ZoomRange) -> dict[int, int]:
    """Number of tiles per zoom level, without listing them."""
    return {z: sum(r.count() for r in tile_ranges(bbox, z)) for z in zooms.levels()}


def iter_tiles(bbox: BBox, zooms: ZoomRange) -> Iterator[tuple[int, int, int]]:
    """Every (z, x, y) XYZ tile over the box once, zoom by zoom, column by column."""
    for z in zooms.levels():
        for block in tile_ranges(bbox, z):
            for x in range(block.x0, block.x1 + 1):
                for y in range(block.y0, block.y1 + 1):
                    yield z, x, y


def tms_row(z: int, y: int) -> int:
    """XYZ row to MBTiles (TMS) row, and back: the flip is its own inverse."""
    return (1 << z) - 1 - y


def valid_tile(z: int, x: int, y: int) -> bool:
    return 0 <= z <= MAX_ZOOM and 0 <= x < (1 << z) and 0 <= y < (1 << z)


def tile_bbox(z: int, x: int, y: int) -> BBox:
    b = mercantile.bounds(x, y, z)
    return BBox(b.west, b.south, b.east, b.north)
