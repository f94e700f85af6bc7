"""KML 2.2 (OGC): a Document with a style per severity (the map's colours), a Folder per
kind of report, one for the map features; each Placemark with its name, description and
fields as ExtendedData. Streamed with the standard library's XML writer: simplekml and
fastkml build the whole document in memory first, which 200,000 placemarks cannot
afford. An exercise's document and every placemark name say EXERCISE. Pure: any thread.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import groupby
from typing import IO, Any

from fieldapp.exports.out.common import Export, item_name, report_values, rings
from fieldapp.exports.out.xmlwrite import Xml, escape
from fieldapp.reports.domain import SEVERITY_COLOURS as MAP_COLOURS

NS = "http://www.opengis.net/kml/2.2"
# The map's severity colours (reports/domain.py), as KML's aabbggrr.
SEVERITY_COLOURS = {
    level: f"ff{css[5:7]}{css[3:5]}{css[1:3]}" for level, css in MAP_COLOURS.items()
}


def write(export: Export, out: IO[str]) -> int:
    """Write the document; the number of placemarks."""
    xml = Xml(out)
    count = 0
    with xml.element("kml", {"xmlns": NS}), xml.element("Document"):
        xml.text("name", export.heading)
        for level, colour in SEVERITY_COLOURS.items():
            with xml.element("Style", {"id": f"severity-{level}"}):
                with xml.element("IconStyle"):
                    xml.text("color", colour)
                with xml.element("LineStyle"):
                    xml.text("color", colour)
                    xml.text("width", "3")
                with xml.element("PolyStyle"):
                    xml.text("color", "66" + colour[2:])
        # Reports come grouped by kind (selection.reports(by_kind=True)): a folder each.
        by_kind = groupby(_keyed(export.reports), lambda kr: kr[0])
        for kind, group in by_kind:
            with xml.element("Folder"):
                xml.text("name", kind)
                for _kind, report in group:
                    _report(xml, export, report)
                    count += 1
        features = list(export.features)
        if features:
            with xml.element("Folder"):
                xml.text("name", "map features")
                for feature in features:
                    _feature(xml, export, feature)
                    count += 1
    xml.end()
    return count


def _keyed(reports: Iterable[dict[str, Any]]) -> Iterable[tuple[str, dict[str, Any]]]:
    return ((str(r.get("kind") or "observation"), r) for r in reports)


def _report(xml: Xml, export: Export, report: dict[str, Any]) -> None:
    """One report's Placemark, written as one string: 200,000 of them through the XML
    generator's calls would take three times as long (bench/export_bench.py)."""
    values = report_values(report)
    parts = [
        f'<Placemark id="report-{escape(values["id"])}">',
        f"<name>{escape(item_name(export, str(values['title'] or '')))}</name>",
    ]
    if values["body"]:
        parts.append(f"<description>{escape(str(values['body']))}</description>")
    parts.append(f"<styleUrl>#severity-{values['severity'] or 3}</styleUrl><ExtendedData>")
    for name, value in values.items():
        if value is None or name in ("title", "body", "lat", "lon"):
            continue
        shown = "; ".join(map(str, value)) if isinstance(value, list) else str(value)
        parts.append(f'<Data name="{name}"><value>{escape(shown)}</value></Data>')
    if export.exercise:
        parts.append('<Data name="exercise"><value>EXERCISE</value></Data>')
    parts.append("</ExtendedData>")
    if values["lat"] is not None and values["lon"] is not None:
        parts.append(
            f"<Point><coordinates>{_pair([values['lon'], values['lat']])}</coordinates></Point>"
        )
    parts.append("</Placemark>")
    xml.raw("".join(parts))


def _feature(xml: Xml, export: Export, feature: dict[str, Any]) -> None:
    with xml.element("Placemark", {"id": f"feature-{feature['id']}"}):
        xml.text("name", item_name(export, str(feature["name"] or "")))
        if feature["notes"]:
            xml.text("description", feature["notes"])
        values = {"id": feature["id"], "category": feature["category"]}
        _extended(xml, values, export.exercise)
        parts = list(rings(feature["geometry"]))
        if len(parts) == 1:
            _geometry(xml, *parts[0])
        elif parts:
            with xml.element("MultiGeometry"):
                for part in parts:
                    _geometry(xml, *part)


def _extended(xml: Xml, values: dict[str, Any], exercise: bool) -> None:
    with xml.element("ExtendedData"):
        for name, value in values.items():
            if value is None or name in ("title", "body", "lat", "lon"):
                continue
            shown = "; ".join(map(str, value)) if isinstance(value, list) else value
            with xml.element("Data", {"name": name}):
                xml.text("value", shown)
        if exercise:
            with xml.element("Data", {"name": "exercise"}):
                xml.text("value", "EXERCISE")


def _geometry(xml: Xml, kind: str, coordinates: Any) -> None:
    if kind == "Point":
        with xml.element("Point"):
            xml.text("coordinates", _pair(coordinates))
    elif kind == "LineString":
        with xml.element("LineString"):
            xml.text("coordinates", " ".join(_pair(p) for p in coordinates))
    else:
        with xml.element("Polygon"):
            for index, ring in enumerate(coordinates):
                boundary = "outerBoundaryIs" if index == 0 else "innerBoundaryIs"
                with xml.element(boundary), xml.element("LinearRing"):
                    xml.text("coordinates", " ".join(_pair(p) for p in ring))


def _pair(point: list[float]) -> str:
    return f"{float(point[0]):.6f},{float(point[1]):.6f}"
