"""TopoJSON to GeoJSON: the features of one object of a topology (the us-atlas counties).

TopoJSON (https://github.com/topojson/topojson-specification) stores each border once, as
an arc; a polygon's ring is a list of arc indexes (~i, i.e. -i-1, is arc i reversed). A
quantised topology (one with a `transform`) writes each arc as integer steps from the
previous point (delta encoding) and each Point's position as absolute integers; a
position is then `translate + q * scale`. Joining arcs into a ring drops the first point
of every arc after the first (it repeats the last point of the one before).

`features(topology, name, source=...)` gives the features of `topology["objects"][name]`
(a GeometryCollection's members, or the one geometry) with their GeoJSON geometries in
[lon, lat] and the topology's own rings (no winding fixed, nothing merged). A ring
quantised to fewer than 4 positions is padded with its first, as topojson-client does; a
ring whose arcs do not meet at its end is closed (us-atlas' Illinois misses by one step).
Every geometry type is read; a `null` type gives a feature without geometry. Anything
else raises TopologyError naming the source and the element
(`objects/counties/geometries[12]/arcs[0][3]`), so a broken file stops the build and
changes nothing.

Written here (about 150 lines, tested) rather than taken from PyPI: `topojson` is made to
encode topologies (reading one came later, "not all functions working yet" said its pull
request) and would bring its own dependencies; `pytopojson`, a port of topojson-client,
has had no release since 2022.

Pure functions of already parsed JSON, any thread; no I/O.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

Position = list[float]
_LINES = {"LineString": 1, "MultiLineString": 2}  # arcs' nesting depth
_AREAS = {"Polygon": 2, "MultiPolygon": 3}


class TopologyError(ValueError):
    """A topology that cannot be decoded; the message names the source and the element."""


@dataclass(frozen=True)
class Feature:
    id: str | None
    properties: dict[str, Any] = field(default_factory=dict)
    geometry: dict[str, Any] | None = None  # GeoJSON, [lon, lat]


def features(topology: Mapping[str, Any], name: str, *, source: str) -> list[Feature]:
    """The features of object `name`, each with its decoded GeoJSON geometry."""
    if not isinstance(topology, Mapping) or topology.get("type") != "Topology":
        raise TopologyError(f"{source}: not a TopoJSON Topology")
    objects = topology.get("objects")
    if not isinstance(objects, Mapping) or name not in objects:
        raise TopologyError(f"{source}: objects/{name} is missing")
    decoder = _Decoder(topology, source)
    top = objects[name]
    where = f"objects/{name}"
    if isinstance(top, Mapping) and top.get("type") == "GeometryCollection":
        members = top.get("geometries")
        if not isinstance(members, list):
            raise TopologyError(f"{source}: {where}/geometries is not a list")
        return [decoder.feature(g, f"{where}/geometries[{i}]") for i, g in enumerate(members)]
    return [decoder.feature(top, where)]


class _Decoder:
    def __init__(self, topology: Mapping[str, Any], source: str) -> None:
        self.source = source
        self.quantised = topology.get("transform") is not None
        self.scale, self.translate = _transform(topology.get("transform"), source)
        self.arcs = [self._arc(arc, i) for i, arc in enumerate(_list(topology, "arcs", source))]

    def fail(self, where: str, what: str) -> TopologyError:
        return TopologyError(f"{self.source}: {where}: {what}")

    def feature(self, geometry: Any, where: str) -> Feature:
        if not isinstance(geometry, Mapping):
            raise self.fail(where, "not an object")
        raw_id = geometry.get("id")
        properties = geometry.get("properties") or {}
        if not isinstance(properties, Mapping):
            raise self.fail(f"{where}/properties", "not an object")
        identifier = None if raw_id is None else str(raw_id)
        return Feature(identifier, dict(properties), self.geometry(geometry, where))

    def geometry(self, geometry: Mapping[str, Any], where: str) -> dict[str, Any] | None:
        kind = geometry.get("type")
        if kind is None:
            return None
        if kind == "GeometryCollection":
            members = geometry.get("geometries")
            if not isinstance(members, list):
                raise self.fail(f"{where}/geometries", "not a list")
            parts = [self.geometry(g, f"{where}/geometries[{i}]") for i, g in enumerate(members)]
            return {"type": kind, "geometries": [p for p in parts if p is not None]}
        if kind in ("Point", "MultiPoint"):
            coordinates = geometry.get("coordinates")
            if kind == "Point":
                return {"type": kind, "coordinates": self.position(coordinates, f"{where}")}
            if not isinstance(coordinates, list):
                raise self.fail(f"{where}/coordinates", "not a list")
            places = enumerate(coordinates)
            points = [self.position(p, f"{where}/coordinates[{i}]") for i, p in places]
            return {"type": kind, "coordinates": points}
        depth = _LINES.get(kind) or _AREAS.get(kind)
        if depth is None:
            raise self.fail(f"{where}/type", f"unknown geometry type {kind!r}")
        arcs = geometry.get("arcs")
        coordinates = self.nested(arcs, depth, kind in _AREAS, f"{where}/arcs")
        return {"type": kind, "coordinates": coordinates}

    def nested(self, arcs: Any, depth: int, ring: bool, where: str) -> list[Any]:
        if not isinstance(arcs, list):
            raise self.fail(where, "not a list")
        if depth == 1:
            return self.line(arcs, ring, where)
        return [self.nested(a, depth - 1, ring, f"{where}[{i}]") for i, a in enumerate(arcs)]

    def line(self, indexes: list[Any], ring: bool, where: str) -> list[Position]:
        points: list[tuple[float, float]] = []
        for i, index in enumerate(indexes):
            if not isinstance(index, int) or isinstance(index, bool):
                raise self.fail(f"{where}[{i}]", f"{index!r} is not an arc index")
            number = index if index >= 0 else ~index
            if number >= len(self.arcs):
                raise self.fail(f"{where}[{i}]", f"arc {number} does not exist")
            arc = self.arcs[number] if index >= 0 else self.arcs[number][::-1]
            points.extend(arc if not points else arc[1:])
        if ring and not points:
            raise self.fail(where, "a ring of no arcs")
        if ring and points[0] != points[-1]:  # us-atlas' Illinois misses by one step
            points.append(points[0])
        while ring and len(points) < 4:  # a ring quantised to one arc of 2 or 3 points
            points.append(points[0])
        return [list(p) for p in points]

    def position(self, raw: Any, where: str) -> Position:
        x, y = _pair(raw, lambda: self.fail(where, f"{raw!r} is not a position"))
        return [x * self.scale[0] + self.translate[0], y * self.scale[1] + self.translate[1]]

    def _arc(self, raw: Any, number: int) -> list[tuple[float, float]]:
        where = f"arcs[{number}]"
        if not isinstance(raw, list) or len(raw) < 2:
            raise self.fail(where, "not a list of 2 positions or more")
        points: list[tuple[float, float]] = []
        x = y = 0.0
        for i, step in enumerate(raw):
            dx, dy = _pair(step, lambda i=i: self.fail(f"{where}[{i}]", "not a position"))
            if self.quantised:
                x, y = x + dx, y + dy
                points.append((x * self.scale[0] + self.translate[0],
                               y * self.scale[1] + self.translate[1]))  # fmt: skip
            else:
                points.append((dx, dy))
        return points


def _transform(raw: Any, source: str) -> tuple[tuple[float, float], tuple[float, float]]:
    if raw is None:
        return (1.0, 1.0), (0.0, 0.0)

    def fail() -> TopologyError:
        return TopologyError(f"{source}: transform: scale and translate must be number pairs")

    if not isinstance(raw, Mapping):
        raise fail()
    return _pair(raw.get("scale"), fail), _pair(raw.get("translate"), fail)


def _pair(raw: Any, fail: Any) -> tuple[float, float]:
    if (
        isinstance(raw, Sequence)
        and not isinstance(raw, str)
        and len(raw) >= 2
        and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in raw[:2])
    ):
        return float(raw[0]), float(raw[1])
    raise fail()


def _list(topology: Mapping[str, Any], key: str, source: str) -> list[Any]:
    value = topology.get(key)
    if not isinstance(value, list):
        raise TopologyError(f"{source}: {key} is not a list")
    return value
