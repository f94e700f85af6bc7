"""Which reports of an operation fall inside an alert's area (issue 15).

`reports_inside(conn, operation_id, geometry)` takes a GeoJSON Polygon or MultiPolygon
([lon, lat], holes as inner rings) and returns the ids of the operation's live reports
whose position is inside it. SQL keeps the reports within the bounding box of each part
of the area (so a MultiPolygon split at the antimeridian, 179°E and 179°W, reads two
narrow boxes rather than the whole globe); shapely's prepared geometry then tests the
remaining points at once (`intersects_xy`: a report exactly on the border is inside).
Longitudes beyond ±180 (rings written 170..190 rather than split) are understood: such a
part is also tested against positions moved by 360°.

Threading: a pure function of its arguments; it only reads through the connection it is
given, so it runs on whichever thread owns that connection.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from itertools import compress
from typing import Any

import shapely
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

_AREA_TYPES = ("Polygon", "MultiPolygon")
# Read from the index reports_by_position (operation_id, deleted, lat, lon, id; migration
# m006): the box is a range of it and the rows are never fetched. Without it, the
# reports_by_* indexes find the operation's rows but not their positions, and fetching
# each row cost about 3 times a plain scan (bench/alert_inside_bench.py).
_IN_BOX = (
    "SELECT id, lon, lat FROM reports INDEXED BY reports_by_position"
    " WHERE operation_id = ? AND deleted = 0"
    " AND lat BETWEEN ? AND ? AND lon BETWEEN ? AND ?"
)


class BadArea(ValueError):
    """The geometry given is not a usable GeoJSON Polygon or MultiPolygon."""


def reports_inside(
    conn: sqlite3.Connection, operation_id: str, geometry: dict[str, Any]
) -> list[str]:
    """Ids of the operation's reports (not deleted, with a position) inside `geometry`,
    in no particular order and each once. Raises BadArea naming what is wrong."""
    area = to_area(geometry)
    shapely.prepare(area)
    found: set[str] = set()
    for west, south, east, north, shift in _boxes(area):
        rows = conn.execute(_IN_BOX, (operation_id, south, north, west, east)).fetchall()
        if not rows:
            continue
        ids, lons, lats = zip(*rows, strict=True)
        x = [lon + shift for lon in lons] if shift else lons
        hits = shapely.intersects_xy(area, x, lats)
        found.update(compress(ids, hits))
    return list(found)


def to_area(geometry: dict[str, Any]) -> BaseGeometry:
    """The shapely geometry of a GeoJSON Polygon or MultiPolygon; BadArea otherwise."""
    if not isinstance(geometry, dict):
        raise BadArea(f"alert area: expected a GeoJSON object, got {type(geometry).__name__}")
    kind = geometry.get("type")
    if kind not in _AREA_TYPES:
        raise BadArea(f"alert area: type {kind!r} is not Polygon or MultiPolygon")
    try:
        area = shape(geometry)
    except (ValueError, TypeError, KeyError, IndexError, AttributeError) as error:
        raise BadArea(f"alert area: {kind} coordinates are malformed ({error})") from None
    if area.is_empty:
        raise BadArea(f"alert area: the {kind} has no coordinates")
    if not area.is_valid:
        area = shapely.make_valid(area)  # self-touching rings of hand-drawn areas
    return area


def _boxes(area: BaseGeometry) -> Iterator[tuple[float, float, float, float, float]]:
    """(west, south, east, north, shift) of each part: reports whose longitude is between
    west and east are tested at longitude + shift."""
    for part in getattr(area, "geoms", [area]):
        if part.is_empty:
            continue
        west, south, east, north = part.bounds
        for shift in (-360.0, 0.0, 360.0):
            low, high = max(west - shift, -180.0), min(east - shift, 180.0)
            if low <= high:
                yield low, south, high, north, shift
