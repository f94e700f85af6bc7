"""What every writer shares: the fields of a report as exported, and the mark of an
exercise (EXERCISE in the file's name or title and on every item). Pure: any thread.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
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
    kind = geometry.get("type")
    if kind in ("Point", "LineString", "Polygon"):
        yield kind, geometry["coordinates"]
    elif kind in ("MultiPoint", "MultiLineString", "MultiPolygon"):
        for part in geometry["coordinates"]:
            yield kind[5:], part
    elif kind == "GeometryCollection":
        for part in geometry.get("geometries", []):
            yield from rings(part)
