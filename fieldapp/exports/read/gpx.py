"""GPX files (1.1, 1.0, and the version-less files some devices write) to candidates:
waypoints as points, each route as a line, each track segment as a line.

gpxpy reads the GPX (a well-kept library that knows both versions and their time
forms), but only after the XML has passed xmlsafe.py: gpxpy parses with the standard
library, which would expand internal entities, so a DTD is refused before gpxpy sees the
text. Pure, any thread.
"""

from __future__ import annotations

from typing import Any

import gpxpy
import gpxpy.gpx

from fieldapp.exports.read.model import Candidate, ReadError, Reading, item_key, plain_text
from fieldapp.exports.read.xmlsafe import local_name, read_root
from fieldapp.exports.words import counted


def read_gpx(data: bytes, name: str) -> Reading:
    root = read_root(data, "GPX")
    if local_name(root) != "gpx":
        raise ReadError(f"not GPX: the document is <{local_name(root)}>, not <gpx>")
    try:
        document = gpxpy.parse(data.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ReadError("the GPX is not UTF-8 text", f"line {line}") from None
    except gpxpy.gpx.GPXException as exc:
        raise ReadError(f"not a readable GPX file ({exc})") from None
    reading = Reading("gpx", document.name or name)
    reading.candidates = [
        *_waypoints(document),
        *_routes(document, reading.notes),
        *_tracks(document, reading.notes),
    ]
    return reading


def _waypoints(document: gpxpy.gpx.GPX) -> list[Candidate]:
    out = []
    for index, point in enumerate(document.waypoints, start=1):
        where = f"waypoint {index}" + (f" {point.name!r}" if point.name else "")
        position = [point.longitude, point.latitude]
        out.append(
            Candidate(
                key=item_key(None, index, "wpt", point.name, position, _time(point.time)),
                where=where,
                title=point.name or f"Waypoint {index}",
                description=_text(point.description, point.comment),
                geometry={"type": "Point", "coordinates": position},
                time=_time(point.time),
                kind=None,
                category=None,
                folder=point.type or "",
            )
        )
    return out


def _routes(document: gpxpy.gpx.GPX, notes: list[str]) -> list[Candidate]:
    out = []
    short = sum(1 for route in document.routes if len(route.points) < 2)
    if short:
        notes.append(f"{counted(short, 'route')} of fewer than 2 points skipped")
    for index, route in enumerate(document.routes, start=1):
        where = f"route {index}" + (f" {route.name!r}" if route.name else "")
        line = [[p.longitude, p.latitude] for p in route.points]
        if len(line) < 2:
            continue  # a route of one point draws no line
        out.append(
            Candidate(
                key=item_key(None, index, "rte", route.name, line),
                where=where,
                title=route.name or f"Route {index}",
                description=_text(route.description, route.comment),
                geometry={"type": "LineString", "coordinates": line},
                time=_time(route.points[0].time),
            )
        )
    return out


def _tracks(document: gpxpy.gpx.GPX, notes: list[str]) -> list[Candidate]:
    out = []
    short = sum(1 for t in document.tracks for s in t.segments if len(s.points) < 2)
    if short:
        notes.append(f"{counted(short, 'track segment')} of fewer than 2 points skipped")
    for index, track in enumerate(document.tracks, start=1):
        title = track.name or f"Track {index}"
        segments = [s for s in track.segments if len(s.points) >= 2]
        for number, segment in enumerate(segments, start=1):
            line = [[p.longitude, p.latitude] for p in segment.points]
            suffix = f" ({number})" if len(segments) > 1 else ""
            out.append(
                Candidate(
                    key=item_key(None, index, "trk", number, track.name, line),
                    where=f"track {index}" + (f" {track.name!r}" if track.name else "") + suffix,
                    title=title + suffix,
                    description=_text(track.description, track.comment),
                    geometry={"type": "LineString", "coordinates": line},
                    time=_time(segment.points[0].time),
                )
            )
    return out


def _text(*values: Any) -> str:
    return "\n".join(dict.fromkeys(plain_text(v) for v in values if v))


def _time(value: Any) -> str | None:
    return value.isoformat() if value is not None else None
