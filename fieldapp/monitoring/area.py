"""Whether a position falls inside a drawn map feature: a watch rule's area.

Ray casting on the feature's GeoJSON geometry in degrees (areas of a crisis are small
enough that the plane is right), holes honoured; a point or a line feature stands for its
bounding box. Written here rather than taken from shapely, which brings numpy into the
bundle for one function. Pure functions: safe from any thread.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

Ring = Sequence[Sequence[float]]


def contains(geometry: Mapping[str, Any], lat: float, lon: float) -> bool:
    """Whether (lat, lon) lies inside the geometry (on an edge counts as inside or not)."""
    kind, coordinates = geometry.get("type"), geometry.get("coordinates")
    if kind == "Polygon":
        return _in_polygon(coordinates or [], lon, lat)
    if kind == "MultiPolygon":
        return any(_in_polygon(polygon, lon, lat) for polygon in coordinates or [])
    points = list(_points(coordinates))
    if not points:
        return False
    west, east = min(p[0] for p in points), max(p[0] for p in points)
    south, north = min(p[1] for p in points), max(p[1] for p in points)
    return west <= lon <= east and south <= lat <= north


def bounding_box(geometry: Mapping[str, Any]) -> tuple[float, float, float, float] | None:
    """(west, south, east, north) of a geometry's positions; None if it has none."""
    points = _points(geometry.get("coordinates"))
    if not points:
        return None
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    return min(xs), min(ys), max(xs), max(ys)


def _in_polygon(rings: Sequence[Ring], x: float, y: float) -> bool:
    if not rings or not _in_ring(rings[0], x, y):
        return False
    return not any(_in_ring(hole, x, y) for hole in rings[1:])


def _in_ring(ring: Ring, x: float, y: float) -> bool:
    inside = False
    for (x1, y1, *_), (x2, y2, *_) in zip(ring, [*ring[1:], ring[0]], strict=True):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside


def _points(value: Any) -> list[Sequence[float]]:
    if isinstance(value, Sequence) and value and isinstance(value[0], int | float):
        return [value]
    if isinstance(value, Sequence):
        return [p for part in value for p in _points(part)]
    return []
