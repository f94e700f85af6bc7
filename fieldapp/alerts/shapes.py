"""An alert's areas as GeoJSON (RFC 7946: [lon, lat], WGS84) for the map to draw.

What an area is drawn with:
- its polygons, as given (rings turned counterclockwise, as RFC 7946 asks);
- its circles, as rings on the sphere (`circle_ring`, 64 segments by default);
- its geocodes, through `resolve(valueName, value)`, the boundary lookup written
  elsewhere, which gives a GeoJSON Polygon or MultiPolygon, or None when it does not know
  the code. An area with a polygon or a circle is drawn by those alone: its geocodes
  (the counties an NWS storm polygon touches, the region a MeteoAlarm polygon traces)
  name the same place more coarsely and would cover the precise shape. Pass
  `geocodes_with_shapes=True` to draw them as well.

The result is one MultiPolygon, parts not merged: overlapping parts are fine for drawing
(a union would need a geometry library for no visible gain). `alert_geometry` drops a
part repeated across infos (the English and French infos of one alert name the same
polygons). `unresolved_geocodes` says what could not be drawn, for the UI to say it.

Limits: a circle that crosses the antimeridian is cut in two parts at ±180 (RFC 7946
§3.1.9); one that holds a pole goes up to it along ±180. CAP polygons are taken as
given (CAP writes every longitude within ±180, so one that crosses the antimeridian
cannot be told from one that goes round the world the long way).

Pure functions, any thread; no I/O, no Qt, no store.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from itertools import pairwise

from fieldapp.alerts.capmodel import CapAlert, CapArea

Resolver = Callable[[str, str], dict | None]
Ring = list[list[float]]
EARTH_RADIUS_KM = 6371.0088  # the IUGG mean radius
POINT_RADIUS_KM = 0.01  # a circle of radius 0 (a point) is drawn 10 m wide
_DIGITS = 7  # ~1 cm: no noise from the trigonometry in what is stored or compared


def circle_ring(lon: float, lat: float, radius_km: float, segments: int = 64) -> Ring:
    """A closed counterclockwise ring of [lon, lat] approximating the circle on the
    sphere (the destination formula: every point is `radius_km` from the centre along a
    great circle). Radius 0 gives a 10 m ring. Longitudes stay continuous: near the
    antimeridian they may pass ±180 (`area_geometry` cuts such a ring in two). A circle
    holding a pole goes to the pole along ±180; one holding both is the whole globe."""
    if segments < 3 or not all(map(math.isfinite, (lon, lat, radius_km))) or radius_km < 0:
        raise ValueError(f"no circle at {lat},{lon} of radius {radius_km} km in {segments}")
    distance = max(radius_km, POINT_RADIUS_KM) / EARTH_RADIUS_KM
    phi = math.radians(lat)
    north = math.pi / 2 - phi < distance
    south = math.pi / 2 + phi < distance
    if north and south:
        return [[-180.0, -90.0], [180.0, -90.0], [180.0, 90.0], [-180.0, 90.0], [-180.0, -90.0]]
    points = [_destination(lon, phi, distance, 2 * math.pi * i / segments) for i in range(segments)]
    if north or south:
        return _around_pole(points, 90.0 if north else -90.0)
    return _closed_ccw([[round(x, _DIGITS), round(y, _DIGITS)] for x, y in points])


def area_geometry(
    area: CapArea, resolve: Resolver | None = None, *, geocodes_with_shapes: bool = False
) -> dict | None:
    """The area as a GeoJSON MultiPolygon, or None when nothing in it can be drawn."""
    parts, _unresolved = _area_parts(area, resolve, geocodes_with_shapes)
    return _multipolygon(parts)


def alert_geometry(
    alert: CapAlert, resolve: Resolver | None = None, *, geocodes_with_shapes: bool = False
) -> dict | None:
    """Every area of every info as one MultiPolygon (a repeated part once), or None."""
    parts: list[list[Ring]] = []
    for area in _areas(alert):
        parts += _area_parts(area, resolve, geocodes_with_shapes)[0]
    return _multipolygon(parts)


def unresolved_geocodes(
    alert: CapAlert, resolve: Resolver | None, *, geocodes_with_shapes: bool = False
) -> list[tuple[str, str]]:
    """The (valueName, value) of the geocodes an area was to be drawn with that
    `resolve` does not know, each once, in order: what the map could not show."""
    found: dict[tuple[str, str], None] = {}
    for area in _areas(alert):
        found.update(dict.fromkeys(_area_parts(area, resolve, geocodes_with_shapes)[1]))
    return list(found)


def _areas(alert: CapAlert) -> Iterable[CapArea]:
    return (area for info in alert.infos for area in info.areas)


def _area_parts(
    area: CapArea, resolve: Resolver | None, with_shapes: bool
) -> tuple[list[list[Ring]], list[tuple[str, str]]]:
    parts = [[_closed_ccw([[lon, lat] for lon, lat in ring])] for ring in area.polygons]
    for lon, lat, radius in area.circles:
        parts += [[ring] for ring in _cut_at_antimeridian(circle_ring(lon, lat, radius))]
    unresolved: list[tuple[str, str]] = []
    if parts and not with_shapes:
        return parts, unresolved
    for name, value in area.geocodes:
        shape = resolve(name, value) if resolve else None
        if shape is None:
            unresolved.append((name, value))
        else:
            parts += _polygons_of(shape, f"{name}={value}")
    return parts, unresolved


def _polygons_of(shape: dict, code: str) -> list[list[Ring]]:
    kind = shape.get("type") if isinstance(shape, dict) else None
    if kind == "Polygon":
        return [shape["coordinates"]]
    if kind == "MultiPolygon":
        return list(shape["coordinates"])
    raise ValueError(f"the resolver gave {kind!r} for {code}: a Polygon or MultiPolygon expected")


def _multipolygon(parts: list[list[Ring]]) -> dict | None:
    kept = list({repr(part): part for part in parts}.values())  # a repeated part once
    return {"type": "MultiPolygon", "coordinates": kept} if kept else None


def _destination(lon: float, phi: float, distance: float, bearing: float) -> tuple[float, float]:
    """Where a great circle from (lon, phi) at `bearing` ends after `distance` radians:
    the longitude continuous around `lon` (within ±180 of it), in degrees."""
    lat2 = math.asin(
        math.sin(phi) * math.cos(distance)
        + math.cos(phi) * math.sin(distance) * math.cos(bearing)
    )  # fmt: skip
    dlon = math.atan2(
        math.sin(bearing) * math.sin(distance) * math.cos(phi),
        math.cos(distance) - math.sin(phi) * math.sin(lat2),
    )
    return lon + math.degrees(dlon), math.degrees(lat2)


def _around_pole(points: list[tuple[float, float]], pole: float) -> Ring:
    """A ring round a pole: the circle's points by longitude from -180 to 180, then up
    (or down) to the pole along 180 and back along -180."""
    ordered = sorted(((x + 180) % 360 - 180, y) for x, y in points)
    (x0, y0), (x1, y1) = ordered[0], ordered[-1]
    seam = y1 + (y0 - y1) * (180 - x1) / (x0 + 360 - x1)  # the latitude where it meets ±180
    ring = [[-180.0, seam], *([x, y] for x, y in ordered), [180.0, seam]]
    ring += [[180.0, pole], [-180.0, pole]]
    return _closed_ccw([[round(x, _DIGITS), round(y, _DIGITS)] for x, y in ring])


def _closed_ccw(ring: Ring) -> Ring:
    """The ring closed (first = last) and counterclockwise (RFC 7946's right-hand rule)."""
    ring = [p for i, p in enumerate(ring) if i == 0 or p != ring[i - 1]]  # no point twice
    if ring[0] != ring[-1]:
        ring = [*ring, list(ring[0])]
    twice_area = sum(a[0] * b[1] - b[0] * a[1] for a, b in pairwise(ring))
    return ring if twice_area >= 0 else ring[::-1]


def _cut_at_antimeridian(ring: Ring) -> list[Ring]:
    """The ring as is when within ±180; else its two sides of the line, each shifted
    back within ±180."""
    for edge, sign in ((180.0, 1), (-180.0, -1)):
        if any(sign * x > sign * edge for x, _ in ring):
            inside = _clip(ring, lambda x, e=edge, s=sign: s * x <= s * e, edge)
            outside = _clip(ring, lambda x, e=edge, s=sign: s * x >= s * e, edge)
            shifted = [[x - sign * 360, y] for x, y in outside]
            return [r for r in (inside, shifted) if len(r) >= 4]
    return [ring]


def _clip(ring: Ring, keep: Callable[[float], bool], edge: float) -> Ring:
    """Sutherland-Hodgman against one meridian: the part of the ring `keep` keeps."""
    out: Ring = []
    for a, b in pairwise(ring):
        if keep(a[0]):
            out.append(a)
        if keep(a[0]) != keep(b[0]) and a[0] != b[0]:
            t = (edge - a[0]) / (b[0] - a[0])
            out.append([edge, round(a[1] + t * (b[1] - a[1]), _DIGITS)])
    return _closed_ccw(out) if out else out
