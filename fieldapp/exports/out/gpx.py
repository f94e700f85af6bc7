"""GPX 1.1 (Topografix): a waypoint for each located report and each point feature, a
route for each line feature, a track for each area's outline (GPX has no areas). Streamed
with the standard library's XML writer: gpxpy builds the whole document in memory, which
200,000 waypoints cannot afford. Valid against the GPX 1.1 XSD (tests/exports/
test_export_schemas.py): its longitudes are -180 <= lon < 180, so the antimeridian is
written -180. An exercise's file and every name say EXERCISE. Pure.
"""

from __future__ import annotations

from typing import IO, Any

from fieldapp.exports.out.common import Export, item_name, rings
from fieldapp.exports.out.xmlwrite import Xml

NS = "http://www.topografix.com/GPX/1/1"
SCHEMA = f"{NS} http://www.topografix.com/GPX/1/1/gpx.xsd"


def write(export: Export, out: IO[str]) -> int:
    """Write the file; the number of waypoints, routes and tracks."""
    xml = Xml(out)
    count = 0
    attrs = {"version": "1.1", "creator": "FieldApp", "xmlns": NS,
             "xmlns:xsi": "http://www.w3.org/2001/XMLSchema-instance",
             "xsi:schemaLocation": SCHEMA}  # fmt: skip
    lines: list[tuple[str, str, Any]] = []  # routes and tracks come after every waypoint
    with xml.element("gpx", attrs):
        with xml.element("metadata"):
            xml.text("name", export.heading)
        for report in export.reports:
            if report.get("lat") is None or report.get("lon") is None:
                continue
            _waypoint(xml, report["lat"], report["lon"], item_name(export, report["title"]),
                      report.get("body") or "", report.get("kind") or "")  # fmt: skip
            count += 1
        for feature in export.features:
            name = item_name(export, feature["name"])
            for kind, coordinates in rings(feature["geometry"]):
                if kind == "Point":
                    lon, lat = coordinates[:2]
                    _waypoint(xml, lat, lon, name, feature["notes"], feature["category"])
                    count += 1
                else:
                    lines.append((kind, name, coordinates))
        for kind, name, coordinates in lines:
            _line(xml, kind, name, coordinates)
            count += 1
    xml.end()
    return count


def _waypoint(xml: Xml, lat: float, lon: float, name: str, desc: str, kind: str) -> None:
    with xml.element("wpt", _position(lat, lon)):
        xml.text("name", name)
        if desc:
            xml.text("desc", desc)
        if kind:
            xml.text("type", kind)


def _line(xml: Xml, kind: str, name: str, coordinates: Any) -> None:
    if kind == "LineString":
        with xml.element("rte"):
            xml.text("name", name)
            for lon, lat, *_ in coordinates:
                xml.empty("rtept", _position(lat, lon))
        return
    with xml.element("trk"):  # an area: its outline (and holes) as segments
        xml.text("name", name)
        for ring in coordinates:
            with xml.element("trkseg"):
                for lon, lat, *_ in ring:
                    xml.empty("trkpt", _position(lat, lon))


def _position(lat: float, lon: float) -> dict[str, str]:
    """A point's attributes; 180 (or what rounds to it) is GPX's -180, the same meridian."""
    lon_text = f"{float(lon):.6f}"
    if lon_text == "180.000000":
        lon_text = "-180.000000"
    return {"lat": f"{float(lat):.6f}", "lon": lon_text}
