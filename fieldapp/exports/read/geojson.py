"""GeoJSON files (RFC 7946 and the older forms uMap and Leaflet write): a
FeatureCollection, one Feature or a bare geometry, to candidates.

Titles come from the usual property names (name, title, nom...), descriptions from
description, popupContent...; `kind` and `severity` properties are kept (FieldApp's own
exports write them). Features without a geometry are skipped and said. A file is read
streamed (`stream_geojson`: one feature at a time, jsonstream.py), so 200,000 features
never sit in memory at once; `read_geojson` reads bytes already in memory. Pure but for
reading the file; any thread.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from fieldapp.exports.read.jsonstream import stream_members
from fieldapp.exports.read.model import (
    DESCRIPTION_NAMES,
    MAX_ITEMS,
    TIME_NAMES,
    TITLE_NAMES,
    Candidate,
    ReadError,
    Reading,
    fallback_title,
    first_text,
    item_key,
    split,
)
from fieldapp.exports.words import counted

_GEOMETRIES = (
    "Point",
    "MultiPoint",
    "LineString",
    "MultiLineString",
    "Polygon",
    "MultiPolygon",
    "GeometryCollection",
)


def load_json(data: bytes, what: str) -> Any:
    """JSON text (UTF-8, with or without a BOM) or a ReadError naming the line."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ReadError(f"this {what} is not UTF-8 text", f"line {line}") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ReadError(
            f"not valid {what} ({exc.msg}); is the file cut short or of another format?",
            f"line {exc.lineno}, column {exc.colno}",
        ) from None
    except RecursionError:
        raise ReadError(f"this {what} is nested too deeply") from None


def read_geojson(data: bytes, name: str) -> Reading:
    document = load_json(data, "GeoJSON")
    if not isinstance(document, dict) or "type" not in document:
        raise ReadError('not GeoJSON: the file must be an object with a "type"')
    reading = Reading("geojson", str(document.get("name") or name))
    reading.candidates = feature_candidates(collection_features(document), reading.notes)
    return reading


def stream_geojson(path: Path, name: str) -> Reading:
    """The file's candidates, read as they are iterated (errors raised then)."""
    reading = Reading("geojson", name)
    reading.candidates = _streamed(path, reading)
    return reading


def _streamed(path: Path, reading: Reading) -> Iterator[Candidate]:
    members: dict[str, Any] = {}
    streamed = False
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            for key, value in stream_members(handle):
                if key == "features" and isinstance(value, Iterator):
                    streamed = True
                    yield from iter_feature_candidates(value, reading.notes)
                else:
                    members[key] = value
    except UnicodeDecodeError:
        load_json(path.read_bytes(), "GeoJSON")  # raises, naming the line
        raise
    if "type" not in members:
        raise ReadError('not GeoJSON: the file must be an object with a "type"')
    if not streamed:  # a Feature, a bare geometry, or no features list: small, read whole
        yield from iter_feature_candidates(collection_features(members), reading.notes)
    elif members["type"] != "FeatureCollection":
        raise ReadError(f"{members['type']!r} is not a GeoJSON type that holds features")
    reading.name = str(members.get("name") or reading.name)


def collection_features(document: dict[str, Any]) -> list[Any]:
    """The features of a FeatureCollection, a Feature or a bare geometry."""
    kind = document.get("type")
    if kind == "FeatureCollection":
        features = document.get("features")
        if not isinstance(features, list):
            raise ReadError('the FeatureCollection has no "features" list')
        return features
    if kind == "Feature":
        return [document]
    if kind in _GEOMETRIES:
        return [{"type": "Feature", "geometry": document, "properties": {}}]
    raise ReadError(f"{kind!r} is not a GeoJSON type (FeatureCollection, Feature, a geometry)")


def feature_candidates(
    features: list[Any], notes: list[str], folder: str = "", first: int = 1
) -> list[Candidate]:
    """Candidates of GeoJSON features (`first`: the number of the first, for messages)."""
    return list(iter_feature_candidates(features, notes, folder, first))


def iter_feature_candidates(
    features: Iterable[Any], notes: list[str], folder: str = "", first: int = 1
) -> Iterator[Candidate]:
    """The same, one feature at a time (a streamed file's features)."""
    skipped = 0
    for index, feature in enumerate(features, start=first):
        if index - first >= MAX_ITEMS:
            raise ReadError(f"more than {MAX_ITEMS:,} features; at most {MAX_ITEMS:,} in one file")
        where = f"feature {index}" + (f" of layer {folder!r}" if folder else "")
        if not isinstance(feature, dict) or feature.get("type") != "Feature":
            raise ReadError("not a GeoJSON Feature", where)
        geometry = feature.get("geometry")
        if geometry is None:
            skipped += 1
            continue
        yield from split(feature_candidate(feature, index, where, folder), geometry)
    if skipped:
        notes.append(f"{counted(skipped, 'feature')} without a geometry skipped")


def feature_candidate(feature: dict[str, Any], index: int, where: str, folder: str) -> Candidate:
    properties = feature.get("properties") or {}
    if not isinstance(properties, dict):
        raise ReadError('"properties" must be an object', where)
    title = first_text(properties, TITLE_NAMES)
    if title:
        where = f"{where} {title!r}"
    own_id = feature.get("id", properties.get("id"))
    description = first_text(properties, DESCRIPTION_NAMES)
    return Candidate(
        key=item_key(own_id, index, properties, feature.get("geometry")),
        where=where,
        title=title or fallback_title(description, f"{folder or 'Feature'} {index}"),
        description=description,
        time=first_text(properties, TIME_NAMES) or None,
        kind=first_text(properties, ("kind",)) or None,
        severity=first_text(properties, ("severity",)) or None,
        place=first_text(properties, ("place",)),
        folder=folder,
        category=first_text(properties, ("category",)) or None,
    )
