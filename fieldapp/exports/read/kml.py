"""KML and KMZ files to candidates: every Placemark, in its Documents and Folders.

Point, LineString, Polygon (with holes), MultiGeometry (its parts) and a Model's
location are read; name, description (its HTML as text), TimeStamp/TimeSpan and
ExtendedData (`kind`, `severity`, `category` when present) too. Overlays and network
links hold no placemark of their own: they are counted and said, never fetched. Any KML
namespace (2.0 to 2.2, gx extensions) or none. XML through xmlsafe.py (no DTD, so no
entity is ever expanded); a KMZ's KML is read from the zip with a size bound. Pure, any
thread.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections import Counter
from xml.etree.ElementTree import Element

from fieldapp.exports.read.model import (
    MAX_ITEMS,
    Candidate,
    ReadError,
    Reading,
    fallback_title,
    item_key,
    plain_text,
    split,
)
from fieldapp.exports.read.xmlsafe import MAX_XML_BYTES, child, child_text, local_name, read_root
from fieldapp.exports.words import counted

_CONTAINERS = ("Document", "Folder")
_SKIPPED = ("GroundOverlay", "ScreenOverlay", "PhotoOverlay", "NetworkLink")
_GEOMETRIES = ("Point", "LineString", "LinearRing", "Polygon", "MultiGeometry", "Model")
_COMMAS = re.compile(r"\s*,\s*")


def read_kmz(data: bytes, name: str) -> Reading:
    """A KMZ: its main KML (doc.kml, else the first .kml at the top of the zip)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise ReadError("not a KMZ: the file is not a zip archive (or it is cut short)") from None
    with archive:
        kml = _main_kml(archive)
        if kml.file_size > MAX_XML_BYTES:
            raise ReadError(f"{kml.filename} is {kml.file_size:,} bytes unpacked: too large")
        try:
            text = archive.read(kml)
        except (zipfile.BadZipFile, OSError, RuntimeError) as exc:
            raise ReadError(f"cannot unpack {kml.filename} ({exc})") from None
    reading = read_kml(text, name)
    reading.format = "kmz"
    return reading


def _main_kml(archive: zipfile.ZipFile) -> zipfile.ZipInfo:
    entries = [e for e in archive.infolist() if e.filename.lower().endswith(".kml")]
    for entry in entries:
        if entry.filename.lower() == "doc.kml":
            return entry
    top = [e for e in entries if "/" not in e.filename]
    if not (top or entries):
        raise ReadError("the KMZ holds no .kml file")
    return (top or entries)[0]


def read_kml(data: bytes, name: str) -> Reading:
    root = read_root(data, "KML")
    if local_name(root) != "kml" and local_name(root) not in (*_CONTAINERS, "Placemark"):
        raise ReadError(f"not KML: the document is <{local_name(root)}>, not <kml>")
    document = child(root, "Document")
    reading = Reading("kml", child_text(document, "name") if document is not None else "")
    reading.name = reading.name or name
    walker = _Walker(document)
    walker.walk(root, [])
    reading.candidates = walker.candidates
    for kind, count in sorted(walker.skipped.items()):
        reading.notes.append(f"{counted(count, kind)} not imported (no placemark in it)")
    if walker.empty:
        reading.notes.append(f"{counted(walker.empty, 'Placemark')} without a geometry skipped")
    return reading


class _Walker:
    """Collects the Placemarks of a KML tree with the folder path they sit in."""

    def __init__(self, top: Element | None) -> None:
        self.top = top  # the main Document: its name is the reading's, not a folder's
        self.candidates: list[Candidate] = []
        self.skipped: Counter[str] = Counter()
        self.empty = 0
        self.index = 0

    def walk(self, element: Element, folders: list[str]) -> None:
        for item in element:
            name = local_name(item)
            if name in _CONTAINERS:
                label = child_text(item, "name") if item is not self.top else ""
                self.walk(item, [*folders, label] if label else folders)
            elif name == "Placemark":
                self._placemark(item, folders)
            elif name in _SKIPPED:
                self.skipped[name] += 1

    def _placemark(self, element: Element, folders: list[str]) -> None:
        self.index += 1
        if self.index > MAX_ITEMS:
            raise ReadError(f"more than {MAX_ITEMS:,} placemarks in one file")
        title = plain_text(child_text(element, "name"))
        where = f"Placemark {self.index}" + (f" {title!r}" if title else "")
        shape = next((g for g in element if local_name(g) in _GEOMETRIES), None)
        if shape is None:
            self.empty += 1
            return
        geometry = _geometry(shape, where)
        data = _extended_data(element)
        folder = " / ".join(folders)
        description = plain_text(child_text(element, "description"))
        default = f"{folders[-1] if folders else 'Placemark'} {self.index}"
        candidate = Candidate(
            key=item_key(element.get("id"), self.index, title, geometry),
            where=where,
            title=title or fallback_title(description, default),
            description=description,
            time=_time(element) or data.get("observed_at") or None,
            kind=data.get("kind") or None,
            severity=data.get("severity") or None,
            place=data.get("place", ""),
            folder=folder,
            category=data.get("category") or None,
        )
        self.candidates.extend(split(candidate, geometry))


def _geometry(element: Element, where: str) -> dict:
    name = local_name(element)
    if name == "Point":
        return {"type": "Point", "coordinates": _positions(element, where)[0]}
    if name in ("LineString", "LinearRing"):
        return {"type": "LineString", "coordinates": _positions(element, where)}
    if name == "Polygon":
        return {"type": "Polygon", "coordinates": _rings(element, where)}
    if name == "Model":
        location = child(element, "Location")
        if location is None:
            raise ReadError("a Model without a Location", where)
        lon, lat = child_text(location, "longitude"), child_text(location, "latitude")
        return {"type": "Point", "coordinates": _numbers(f"{lon},{lat}", where)}
    if name == "MultiGeometry":
        members = [_geometry(g, where) for g in element if local_name(g) in _GEOMETRIES]
        if not members:
            raise ReadError("an empty MultiGeometry", where)
        if all(m["type"] == "Polygon" for m in members):
            return {"type": "MultiPolygon", "coordinates": [m["coordinates"] for m in members]}
        return {"type": "GeometryCollection", "geometries": members}
    raise ReadError(f"<{name}> is not a KML geometry", where)


def _rings(polygon: Element, where: str) -> list[list[list[float]]]:
    rings = []
    for boundary in ("outerBoundaryIs", "innerBoundaryIs"):
        for item in polygon:
            if local_name(item) == boundary:
                ring = child(item, "LinearRing")
                if ring is None:
                    raise ReadError(f"<{boundary}> without a LinearRing", where)
                rings.append(_positions(ring, where))
    if not rings:
        raise ReadError("a Polygon without an outer boundary", where)
    return rings


def _positions(element: Element, where: str) -> list[list[float]]:
    text = child_text(element, "coordinates")
    if not text:
        raise ReadError(f"a {local_name(element)} without coordinates", where)
    return [_numbers(token, where) for token in _COMMAS.sub(",", text).split()]


def _numbers(token: str, where: str) -> list[float]:
    try:
        numbers = [float(n) for n in token.split(",")]
    except ValueError:
        raise ReadError(f"{token[:40]!r} is not a position 'longitude,latitude'", where) from None
    if not 2 <= len(numbers) <= 3:
        raise ReadError(f"{token[:40]!r} is not a position 'longitude,latitude'", where)
    return numbers


def _time(element: Element) -> str:
    stamp = child(element, "TimeStamp")
    if stamp is not None:
        return child_text(stamp, "when")
    span = child(element, "TimeSpan")
    return child_text(span, "begin") if span is not None else ""


def _extended_data(element: Element) -> dict[str, str]:
    """<Data name="kind"><value>hazard</value></Data> and SimpleData, by lowered name."""
    found: dict[str, str] = {}
    extended = child(element, "ExtendedData")
    if extended is None:
        return found
    for item in extended.iter():
        name = local_name(item)
        if name == "Data" and item.get("name"):
            found[str(item.get("name")).lower()] = child_text(item, "value")
        elif name == "SimpleData" and item.get("name"):
            found[str(item.get("name")).lower()] = (item.text or "").strip()
    return found
