"""What every writer shares: the fields of a report as exported, the mark of an
exercise (EXERCISE in the file's name or title and on every item), and areas wound as
RFC 7946 §3.1.6 requires (exterior rings counterclockwise, holes clockwise: the map lets
a user draw either way). Pure: any thread.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

EXERCISE = "EXERCISE"
REPORT_FIELDS = (
    "id", "title", "body", "kind", "severity", "status", "verification", "place", "lat",
    "lon", "observed_at", "created_at", "source", "author", "tags",
)  # fmt: skip


@dataclass(frozen=True)
class Export:
    """What a writer writes: the reports, the map features, and whose they are."""

    title: str  # the operation's name
    exercise: bool
    reports: Iterable[dict[str, Any]]
    features: Iterable[dict[str, Any]] = ()

    @property
    def heading(self) -> str:
        """The file's name or title: "EXERCISE — Crue" for an exercise's."""
        return f"{EXERCISE} — {self.title}" if self.exercise else self.title


def item_name(export: Export, name: str) -> str:
    """An item's name, marked in an exercise so that no copy of it passes for real."""
    return f"{EXERCISE}: {name}" if export.exercise else name


def report_values(report: dict[str, Any]) -> dict[str, Any]:
    """A report's exported fields, in order (tags a list)."""
    return {name: report.get(name) for name in REPORT_FIELDS}


def rings(geometry: dict[str, Any]) -> Iterator[tuple[str, list]]:
    """A GeoJSON geometry as its simple parts: ("Point", [lon, lat]), ("LineString",
    [[lon, lat], ...]) or ("Polygon", [ring, ...]), multi-parts and collections flattened."""
    geometry = right_hand(geometry)
    kind = geometry.get("type")
    if kind in ("Point", "LineString", "Polygon"):
        yield kind, geometry["coordinates"]
    elif kind in ("MultiPoint", "MultiLineString", "MultiPolygon"):
        for part in geometry["coordinates"]:
            yield kind[5:], part
    elif kind == "GeometryCollection":
        for part in geometry.get("geometries", []):
            yield from rings(part)


def right_hand(geometry: dict[str, Any]) -> dict[str, Any]:
    """`geometry` with its areas' rings wound by the right-hand rule; others as they are."""
    kind = geometry.get("type")
    if kind == "Polygon":
        return {**geometry, "coordinates": _wound(geometry["coordinates"])}
    if kind == "MultiPolygon":
        return {**geometry, "coordinates": [_wound(part) for part in geometry["coordinates"]]}
    if kind == "GeometryCollection":
        return {**geometry, "geometries": [right_hand(g) for g in geometry["geometries"]]}
    return geometry


def _wound(polygon: list[list[list[float]]]) -> list[list[list[float]]]:
    """The exterior ring counterclockwise, the holes clockwise."""
    return [
        ring if (_turn(ring) >= 0) == (index == 0) else ring[::-1]
        for index, ring in enumerate(polygon)
    ]


def _turn(ring: list[list[float]]) -> float:
    """Twice the ring's signed area (shoelace): positive when counterclockwise."""
    return sum(a[0] * b[1] - b[0] * a[1] for a, b in pairwise(ring))
