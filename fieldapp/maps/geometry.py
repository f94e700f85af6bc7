"""GeoJSON geometries of map features: reading, checking and the stored form.

A feature's shape is one GeoJSON geometry (RFC 7946): Point, LineString, Polygon or
MultiPolygon, in WGS 84 longitude-latitude order. `read_geometry` takes what a user or
the map hands over (JSON text or a parsed object; a bare geometry, a Feature, or a
FeatureCollection of one feature) and returns the geometry alone, or raises
GeometryError naming what is wrong. Pure functions, no I/O, no Qt: safe from any thread.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from typing import Any

GEOMETRY_TYPES = ("Point", "LineString", "Polygon", "MultiPolygon")
MAX_VERTICES = 10_000  # a hand-drawn area has tens; a pasted county outline thousands
_DEPTH = {"Point": 0, "LineString": 1, "Polygon": 2, "MultiPolygon": 3}


class GeometryError(ValueError):
    """Not a usable geometry; `code` is a machine code, the message is in words."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code


def read_geometry(value: Any, *, pick: int | None = None) -> dict[str, Any]:
    """The checked geometry {"type", "coordinates"} of `value`.

    `pick` (1-based) chooses one feature of a FeatureCollection; without it the
    collection must hold exactly one, so nothing is dropped unseen.
    """
    if isinstance(value, str | bytes):
        if value.lstrip()[:1] in ("<", b"<"):
            raise GeometryError("not_json", "this is XML (KML or GPX?), not GeoJSON")
        try:
            value = json.loads(value)
        except (ValueError, RecursionError) as exc:
            raise GeometryError("not_json", f"not valid GeoJSON text ({exc})") from None
    geometry = _unwrap(value, pick)
    kind = geometry.get("type")
    if kind not in GEOMETRY_TYPES:
        raise GeometryError(
            "unknown_type",
            f"{kind!r} is not a shape FieldApp draws; use one of {', '.join(GEOMETRY_TYPES)}",
        )
    coordinates = geometry.get("coordinates")
    clean = _positions(coordinates, _DEPTH[kind], kind)
    _check_shape(kind, clean)
    return {"type": kind, "coordinates": clean}


def _unwrap(value: Any, pick: int | None) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise GeometryError("not_geojson", 'GeoJSON must be an object with a "type"')
    if value.get("type") == "FeatureCollection":
        features = value.get("features")
        if not isinstance(features, list) or not features:
            raise GeometryError("empty", "the FeatureCollection holds no feature")
        if pick is None and len(features) > 1:
            raise GeometryError(
                "several_features",
                f"the FeatureCollection holds {len(features)} features; choose one "
                f"(1 to {len(features)})",
            )
        index = pick or 1
        if not 1 <= index <= len(features):
            raise GeometryError(
                "no_such_feature", f"there is no feature {index} of {len(features)}"
            )
        value = features[index - 1]
    elif pick not in (None, 1):
        raise GeometryError("no_such_feature", f"there is no feature {pick}: only one was given")
    if isinstance(value, Mapping) and value.get("type") == "Feature":
        value = value.get("geometry")
        if value is None:
            raise GeometryError("empty", "the Feature has no geometry")
    if not isinstance(value, Mapping):
        raise GeometryError("not_geojson", 'GeoJSON must be an object with a "type"')
    return value


def _positions(value: Any, depth: int, kind: str) -> Any:
    """Coordinates nested `depth` lists deep, every position checked, as floats."""
    if depth == 0:
        return _position(value)
    if not isinstance(value, list):
        raise GeometryError("bad_coordinates", f"the coordinates of a {kind} must be lists")
    if not value:
        raise GeometryError("empty", f"the {kind} has no coordinates")
    return [_positions(item, depth - 1, kind) for item in value]


def _position(value: Any) -> list[float]:
    if not isinstance(value, list) or not 2 <= len(value) <= 3:
        raise GeometryError(
            "bad_coordinates", f"{_short(value)} is not a position [longitude, latitude]"
        )
    if any(isinstance(n, bool) or not isinstance(n, int | float) for n in value):
        raise GeometryError("bad_coordinates", f"{_short(value)}: coordinates must be numbers")
    try:
        numbers = [float(n) for n in value]
    except OverflowError:  # an integer of hundreds of digits
        numbers = [math.inf]
    if not all(math.isfinite(n) for n in numbers):
        raise GeometryError("bad_coordinates", f"{_short(value)}: coordinates must be finite")
    lon, lat = numbers[0], numbers[1]
    if not -180 <= lon <= 180:
        raise GeometryError("out_of_range", f"longitude {lon:g} is out of range (-180 to 180)")
    if not -90 <= lat <= 90:
        raise GeometryError(
            "out_of_range",
            f"latitude {lat:g} is out of range (-90 to 90); GeoJSON puts longitude first",
        )
    return numbers


def _check_shape(kind: str, coordinates: Any) -> None:
    polygons = {"Polygon": [coordinates], "MultiPolygon": coordinates}.get(kind, [])
    if kind == "LineString" and len(coordinates) < 2:
        raise GeometryError("too_few_positions", "a LineString needs at least 2 positions")
    for number, polygon in enumerate(polygons, start=1):
        for ring_number, ring in enumerate(polygon, start=1):
            where = f"ring {ring_number}" + (f" of polygon {number}" if len(polygons) > 1 else "")
            if len(ring) < 4:
                raise GeometryError(
                    "too_few_positions", f"{where} needs at least 4 positions (3 corners, closed)"
                )
            if ring[0] != ring[-1]:
                raise GeometryError(
                    "not_closed", f"{where} is not closed: its last position must repeat the first"
                )
    count = vertex_count({"type": kind, "coordinates": coordinates})
    if count > MAX_VERTICES:
        raise GeometryError(
            "too_many_vertices",
            f"{count:,} positions; at most {MAX_VERTICES:,} (simplify the shape first)",
        )


def vertex_count(geometry: Mapping[str, Any]) -> int:
    """How many positions a checked geometry holds."""
    depth = _DEPTH[geometry["type"]]
    items = [geometry["coordinates"]]
    for _ in range(depth - 1):
        items = [inner for outer in items for inner in outer]
    return len(items) if depth == 0 else sum(len(item) for item in items)


def positions(geometry: Mapping[str, Any]) -> list[list[float]]:
    """Every [lon, lat] of a checked geometry, flattened."""
    items = [geometry["coordinates"]]
    for _ in range(_DEPTH[geometry["type"]]):
        items = [inner for outer in items for inner in outer]
    return items


def bounding_box(geometry: Mapping[str, Any]) -> tuple[float, float, float, float]:
    """(west, south, east, north) of a checked geometry, e.g. to download its map tiles."""
    points = positions(geometry)
    lons = [point[0] for point in points]
    lats = [point[1] for point in points]
    return (min(lons), min(lats), max(lons), max(lats))


def encode_geometry(geometry: Mapping[str, Any]) -> str:
    """A checked geometry as stored in SQLite: compact JSON text."""
    return json.dumps(geometry, separators=(",", ":"))


def _short(value: Any) -> str:
    text = json.dumps(value) if not isinstance(value, float) else repr(value)
    return text if len(text) <= 40 else text[:39] + "…"
