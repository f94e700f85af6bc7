"""One CAP 1.2 document (or 1.1, read with the 1.2 model) to a CapAlert, or CapError.

The entry point of the alerts desk's parsing layer: `parse_cap`, with the value types
and the JSON form re-exported from `capmodel`. The rules (the OASIS CAP 1.2 spec):

- XML without DTD or entities (`capxml`); the namespace must be CAP 1.2 or 1.1, or an
  EDXL-DE 1.0 distribution holding exactly one CAP alert (read as that alert).
- Required elements and coded values as the spec lists them; a missing one, an empty
  one, a word not in the list, or one given twice where CAP allows one: CapError naming
  the element as a path, `info[2]/area[1]/circle` (info and area always numbered from 1,
  other repeated elements only when there are several).
- Times, references, polygons and circles: `capvalues`. Text is plain text.
- Limits: 5 MB, 100 info blocks, 1,000 areas and 100,000 polygon points in all.

Elements of other namespaces (an XML signature, a profile's extension) are skipped;
unknown elements of the CAP namespace are skipped with a warning. Pure functions of
bytes, any thread; nothing here touches the network, a file or the store.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from xml.etree.ElementTree import Element

from fieldapp.alerts import capvalues as values
from fieldapp.alerts.capmodel import (
    CapAlert,
    CapArea,
    CapError,
    CapInfo,
    CapResource,
    alert_from_json,
    alert_to_json,
)
from fieldapp.alerts.capxml import DOCUMENT, is_html, local_name, namespace, read_root

__all__ = [
    "CapAlert", "CapArea", "CapError", "CapInfo", "CapResource", "alert_from_json",
    "alert_to_json", "parse_cap",
]  # fmt: skip

CAP_1_2 = "urn:oasis:names:tc:emergency:cap:1.2"
CAP_1_0 = "http://www.incident.com/cap/1.0"
CAP_NAMESPACES = {
    CAP_1_2: "1.2",
    "urn:oasis:names:tc:emergency:cap:1.1": "1.1",
}
EDXL_DE = "urn:oasis:names:tc:emergency:EDXL:DE:1.0"
MAX_INFOS = 100
MAX_AREAS = 1_000
MAX_POINTS = 100_000
_KNOWN = {
    "alert": {"identifier", "sender", "sent", "status", "msgType", "source", "scope",
              "restriction", "addresses", "code", "note", "references", "incidents", "info"},
    "info": {"language", "category", "event", "responseType", "urgency", "severity",
             "certainty", "audience", "eventCode", "effective", "onset", "expires",
             "senderName", "headline", "description", "instruction", "web", "contact",
             "parameter", "resource", "area"},
    "area": {"areaDesc", "polygon", "circle", "geocode", "altitude", "ceiling"},
    "resource": {"resourceDesc", "mimeType", "size", "uri", "derefUri", "digest"},
    "pair": {"valueName", "value"},
}  # fmt: skip


def parse_cap(data: bytes, *, source: str) -> CapAlert:
    """The alert in `data`, or CapError naming `source`, the element and the problem."""
    root = read_root(data, source, "a CAP alert")
    try:
        alert, version = _alert_element(root)
        reading = _Reading(version)
        if alert is not root:
            reading.warnings.append(f"{DOCUMENT}: an EDXL-DE distribution; its CAP alert read")
        return _alert(reading, _Node(alert, reading, "", "alert"))
    except CapError as error:  # the value readers do not know the source: named here
        raise CapError(source, error.element, error.problem) from None


@dataclass
class _Reading:
    """What one parse carries along: the version, warnings so far, running totals."""

    version: str
    warnings: list[str] = field(default_factory=list)
    areas: int = 0
    points: int = 0


class _Node:
    """One element's CAP children by name, with the path that names them in errors."""

    def __init__(self, element: Element, reading: _Reading, path: str, kind: str) -> None:
        self.path = path
        self.children: dict[str, list[Element]] = {}
        cap = namespace(element)
        for child in element:
            if namespace(child) != cap:
                continue  # a signature, an extension: not CAP's to read
            name = local_name(child)
            if name not in _KNOWN[kind]:
                reading.warnings.append(f"{self.at(name)}: not a CAP element (skipped)")
            self.children.setdefault(name, []).append(child)

    def at(self, name: str, number: int = 0, count: int = 1) -> str:
        named = f"{name}[{number}]" if number and count > 1 else name
        return f"{self.path}/{named}" if self.path else named

    def text(self, name: str, *, required: bool = False, lines: bool = False) -> str:
        found = self.children.get(name, [])
        if len(found) > 1:
            raise CapError("", self.at(name), f"given {len(found)} times; CAP allows one")
        if not found and required:
            raise CapError("", self.at(name), f"missing: CAP requires <{name}> here")
        text = values.plain("".join(found[0].itertext()) if found else "", lines=lines)
        if required and not text:
            raise CapError("", self.at(name), "empty: CAP requires a value here")
        return text

    def each(self, name: str) -> list[tuple[str, Element]]:
        """The children called `name` with their paths (numbered when there are several)."""
        found = self.children.get(name, [])
        return [(self.at(name, n, len(found)), e) for n, e in enumerate(found, 1)]


def _alert_element(root: Element) -> tuple[Element, str]:
    name, space = local_name(root), namespace(root)
    if name == "EDXLDistribution" and space == EDXL_DE:
        return _from_distribution(root)
    if name != "alert":
        if is_html(name):
            raise CapError("", DOCUMENT, "this is an HTML page, not a CAP alert")
        hint = " (a feed: read it as a CAP index)" if name in ("feed", "rss", "RDF") else ""
        raise CapError("", name, f"this is XML whose root is <{name}>, not a CAP alert{hint}")
    if not space:
        raise CapError("", "alert", f'no namespace: a CAP 1.2 alert says xmlns="{CAP_1_2}"')
    if space not in CAP_NAMESPACES:
        older = "; CAP 1.0 is not read" if space == CAP_1_0 else ""
        problem = f'the namespace "{space}" is not CAP 1.2 or 1.1 ({CAP_1_2}){older}'
        raise CapError("", "alert", problem)
    return root, CAP_NAMESPACES[space]


def _from_distribution(root: Element) -> tuple[Element, str]:
    alerts = [e for e in root.iter() if local_name(e) == "alert" and namespace(e) in CAP_NAMESPACES]
    if len(alerts) != 1:
        raise CapError(
            "", "EDXLDistribution/contentObject",
            f"an EDXL-DE distribution holding {len(alerts)} CAP alerts: one is read per file",
        )  # fmt: skip
    return alerts[0], CAP_NAMESPACES[namespace(alerts[0])]


def _alert(reading: _Reading, node: _Node) -> CapAlert:
    warnings = reading.warnings
    identifier = node.text("identifier", required=True)
    sender = node.text("sender", required=True)
    for name, value in (("identifier", identifier), ("sender", sender)):
        if any(c.isspace() or c in ",<&" for c in value):
            warnings.append(f"{name}: has spaces, commas, < or & (CAP forbids them)")
    sent = values.cap_time("sent", node.text("sent", required=True), warnings)
    status = values.coded("status", "status", node.text("status", required=True), warnings)
    msg_type = values.coded("msgType", "msgType", node.text("msgType", required=True), warnings)
    scope = values.coded("scope", "scope", node.text("scope", required=True), warnings)
    references = values.references("references", node.text("references"), warnings)
    if msg_type in ("Update", "Cancel", "Ack", "Error") and not references:
        warnings.append(f"references: none, though this is an {msg_type}")
    infos = node.each("info")
    if len(infos) > MAX_INFOS:
        raise CapError("", "info", f"{len(infos)} info blocks: at most {MAX_INFOS} are read")
    read = tuple(_info(reading, _Node(e, reading, f"info[{n}]", "info")) for n, (_, e) in
                 enumerate(infos, 1))  # fmt: skip
    return CapAlert(
        version=reading.version, identifier=identifier, sender=sender, sent=sent,
        status=status, msg_type=msg_type, source=node.text("source"), scope=scope,
        restriction=node.text("restriction"), addresses=node.text("addresses"),
        codes=tuple(values.plain(e.text) for _, e in node.each("code")),
        note=node.text("note", lines=True), references=references,
        incidents=node.text("incidents"), infos=read, warnings=tuple(warnings),
    )  # fmt: skip


def _info(reading: _Reading, node: _Node) -> CapInfo:
    warnings = reading.warnings
    categories = _codes(node, "category", warnings)
    if not categories:
        raise CapError("", node.at("category"), "missing: CAP requires at least one <category>")
    areas = node.each("area")
    reading.areas += len(areas)
    if reading.areas > MAX_AREAS:
        raise CapError("", node.at("area"), f"over {MAX_AREAS} areas in all: not read")
    return CapInfo(
        language=node.text("language") or "en-US", categories=categories,
        event=node.text("event", required=True),
        response_types=_codes(node, "responseType", warnings),
        urgency=_coded(node, "urgency", warnings), severity=_coded(node, "severity", warnings),
        certainty=_coded(node, "certainty", warnings), audience=node.text("audience"),
        event_codes=_pairs(reading, node, "eventCode"),
        effective=_time(node, "effective", warnings), onset=_time(node, "onset", warnings),
        expires=_time(node, "expires", warnings), sender_name=node.text("senderName"),
        headline=node.text("headline"), description=node.text("description", lines=True),
        instruction=node.text("instruction", lines=True), web=node.text("web"),
        contact=node.text("contact"), parameters=_pairs(reading, node, "parameter"),
        resources=tuple(_resource(reading, path, e) for path, e in node.each("resource")),
        areas=tuple(_area(reading, _Node(e, reading, f"{node.path}/area[{n}]", "area"))
                    for n, (_, e) in enumerate(areas, 1)),
    )  # fmt: skip


def _coded(node: _Node, name: str, warnings: list[str]) -> str:
    return values.coded(node.at(name), name, node.text(name, required=True), warnings)


def _codes(node: _Node, name: str, warnings: list[str]) -> tuple[str, ...]:
    return tuple(
        values.coded(path, name, "".join(e.itertext()), warnings) for path, e in node.each(name)
    )


def _time(node: _Node, name: str, warnings: list[str]) -> str | None:
    text = node.text(name)
    return values.cap_time(node.at(name), text, warnings) if text else None


def _pairs(reading: _Reading, node: _Node, name: str) -> tuple[tuple[str, str], ...]:
    """eventCode, parameter, geocode: (valueName, value), valueName required."""
    pairs = []
    for path, element in node.each(name):
        pair = _Node(element, reading, path, "pair")
        pairs.append((pair.text("valueName", required=True), pair.text("value")))
    return tuple(pairs)


def _resource(reading: _Reading, path: str, element: Element) -> CapResource:
    node = _Node(element, reading, path, "resource")
    for name in ("resourceDesc", "mimeType"):
        if not node.text(name):
            reading.warnings.append(f"{node.at(name)}: missing (CAP 1.2 requires it)")
    if node.children.get("derefUri"):
        reading.warnings.append(f"{node.at('derefUri')}: embedded content not kept")
    size = node.text("size")
    return CapResource(
        description=node.text("resourceDesc"), mime_type=node.text("mimeType"),
        size=values.whole_number(node.at("size"), size) if size else None,
        uri=node.text("uri"), digest=node.text("digest"),
    )  # fmt: skip


def _area(reading: _Reading, node: _Node) -> CapArea:
    description = node.text("areaDesc", required=True)
    polygons = []
    for path, element in node.each("polygon"):
        polygons.append(values.polygon(path, "".join(element.itertext())))
        reading.points += len(polygons[-1])
        if reading.points > MAX_POINTS:
            raise CapError("", path, f"over {MAX_POINTS:,} polygon points in all: not read")
    circles = tuple(values.circle(path, "".join(e.itertext())) for path, e in node.each("circle"))
    altitude, ceiling = node.text("altitude"), node.text("ceiling")
    if ceiling and not altitude:
        reading.warnings.append(f"{node.at('ceiling')}: given without an altitude")
    return CapArea(
        description=description, polygons=tuple(polygons), circles=circles,
        geocodes=_pairs(reading, node, "geocode"),
        altitude=values.number(node.at("altitude"), altitude) if altitude else None,
        ceiling=values.number(node.at("ceiling"), ceiling) if ceiling else None,
    )  # fmt: skip
