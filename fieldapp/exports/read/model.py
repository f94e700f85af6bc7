"""What every reader of fieldapp/exports/read/ hands over: neutral candidates.

A reader turns one file (GeoJSON, KML/KMZ, GPX, uMap, CSV) into a `Reading`: the items
it holds as `Candidate`s (a title, a description, a GeoJSON geometry, a time, a kind and
a severity when the format has them, and a key that names the item inside its file), and
the notes worth telling (what was skipped). A file that cannot be read raises
`ReadError` naming the line or the element. Pure values and functions, no I/O beyond
the bytes given, no Qt, no store: safe from any thread.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

MAX_FILE_BYTES = 100 * 1024 * 1024  # a 200,000-row CSV is ~30 MB; beyond, refuse early
MAX_ITEMS = 500_000


class ReadError(ValueError):
    """A file that cannot be imported: `where` names the line or the element."""

    def __init__(self, message: str, where: str = ""):
        super().__init__(f"{where}: {message}" if where else message)
        self.where = where
        self.reason = message


@dataclass(frozen=True)
class Candidate:
    """One item of a file, before it becomes a report or a map feature."""

    key: str  # stable inside the file: its id or guid, else its index and content
    where: str  # how an error names it: "line 12", "Placemark 3 'Pentagon'"
    title: str
    description: str = ""
    geometry: dict[str, Any] | None = None  # GeoJSON, longitude first
    time: str | None = None
    kind: str | None = None
    severity: str | None = None
    place: str = ""
    folder: str = ""  # the layer or folder it sat in
    category: str | None = None  # a map feature's category, when the file says it


@dataclass
class Table:
    """A CSV file: its columns and rows (each with its line number), not mapped yet.
    The rows of a streamed file are read (and checked) as they are iterated, once."""

    columns: list[str]
    rows: Iterable[tuple[int, list[str]]]
    flavour: str = "csv"  # "csv" or "ushahidi"


@dataclass
class Reading:
    """What a reader found in a file. A streamed file's candidates are read as they are
    iterated, once; its notes and name are complete only after that."""

    format: str  # geojson, kml, kmz, gpx, umap, csv, ushahidi
    name: str  # the document's own name, else the file's
    candidates: Iterable[Candidate] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # skipped things, in words
    table: Table | None = None  # CSV only: the intake maps its columns to candidates


def digest(*parts: Any) -> str:
    """A short fingerprint of an item's content (part of its key when it has no id)."""
    text = json.dumps(parts, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def item_key(own_id: Any, index: int, *content: Any) -> str:
    """An item's key in its file: its own id when it has one, else its index; with a
    fingerprint of its content always, so two files reusing id "1" do not collide."""
    label = f"id:{own_id}" if own_id not in (None, "") else f"#{index}"
    return f"{label}:{digest(*content)}"


_TAGS = re.compile(r"<[^>]*>")
_BREAKS = re.compile(r"<\s*(br|/p|/div|/li|/tr|/h\d)\b[^>]*>", re.IGNORECASE)


def plain_text(value: Any) -> str:
    """Description text without its HTML (KML and uMap descriptions often hold some)."""
    if value is None:
        return ""
    text = str(value)
    if "<" in text:
        text = _TAGS.sub("", _BREAKS.sub("\n", text))
    text = html.unescape(text)
    lines = [" ".join(line.split()) for line in text.splitlines()]
    return "\n".join(line for line in lines if line).strip()


def first_text(values: dict[str, Any], names: tuple[str, ...]) -> str:
    """The first non-empty value among `names` (case-insensitive), as plain text."""
    lowered = {str(k).strip().lower(): v for k, v in values.items()}
    for name in names:
        value = lowered.get(name)
        if value not in (None, "") and not isinstance(value, dict | list):
            return plain_text(value)
    return ""


def fallback_title(description: str, default: str) -> str:
    """A title for an unnamed item: the start of its description, else `default`."""
    if not description.strip():
        return default
    line = description.strip().splitlines()[0]
    return line if len(line) <= 80 else line[:79].rstrip() + "…"


TITLE_NAMES = ("name", "title", "titre", "nom", "label", "libelle", "libellé")
DESCRIPTION_NAMES = ("description", "body", "desc", "details", "popupcontent", "notes", "comment")
TIME_NAMES = ("observed_at", "time", "timestamp", "date", "datetime", "when", "post date")

STORABLE = ("Point", "LineString", "Polygon", "MultiPolygon")
_SINGLE = {"MultiPoint": "Point", "MultiLineString": "LineString"}


def geometry_parts(geometry: Any, where: str) -> list[dict[str, Any]]:
    """A geometry as shapes FieldApp stores: a MultiPoint, MultiLineString or
    GeometryCollection becomes its parts (checked later, by maps/geometry.py)."""
    if not isinstance(geometry, dict):
        raise ReadError("the geometry is not a GeoJSON object", where)
    kind = geometry.get("type")
    if kind in STORABLE:
        return [geometry]
    if kind in _SINGLE:
        coordinates = geometry.get("coordinates")
        if not isinstance(coordinates, list):
            raise ReadError(f"the coordinates of the {kind} are not a list", where)
        return [{"type": _SINGLE[kind], "coordinates": part} for part in coordinates]
    if kind == "GeometryCollection":
        members = geometry.get("geometries")
        if not isinstance(members, list):
            raise ReadError("the GeometryCollection has no list of geometries", where)
        return [part for member in members for part in geometry_parts(member, where)]
    raise ReadError(f"{kind!r} is not a GeoJSON geometry type", where)


def split(candidate: Candidate, geometry: Any) -> list[Candidate]:
    """One candidate per storable part of `geometry` (most have one part)."""
    from dataclasses import replace

    parts = geometry_parts(geometry, candidate.where)
    if len(parts) == 1:
        return [replace(candidate, geometry=parts[0])]
    return [
        replace(
            candidate,
            key=f"{candidate.key}/{n}",
            where=f"{candidate.where}, part {n}",
            title=f"{candidate.title} ({n})",
            geometry=part,
        )
        for n, part in enumerate(parts, start=1)
    ]
