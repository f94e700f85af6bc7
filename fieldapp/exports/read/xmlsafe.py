"""Untrusted XML (KML, GPX) to an ElementTree root, or a ReadError.

defusedxml parses with no DTD at all: a DOCTYPE, an entity declaration (a billion
laughs) or an external entity (XXE: `<!ENTITY x SYSTEM "file:///etc/passwd">`) is
refused before anything is expanded, read or fetched. A file cut short or of another
format is told with the line where the parser stopped. Pure, any thread.
"""

from __future__ import annotations

from xml.etree.ElementTree import Element, ParseError

import defusedxml.ElementTree as safe_xml
from defusedxml import DefusedXmlException

from fieldapp.exports.read.model import ReadError

MAX_XML_BYTES = 50 * 1024 * 1024


def read_root(data: bytes, what: str) -> Element:
    """The root element of `data` (`what`: "KML", "GPX"), parsed with no DTD."""
    if len(data) > MAX_XML_BYTES:
        raise ReadError(f"too large: {len(data):,} bytes, at most {MAX_XML_BYTES:,} for {what}")
    if not data.strip():
        raise ReadError(f"the file is empty, not {what}")
    try:
        return safe_xml.fromstring(data.lstrip(), forbid_dtd=True)
    except DefusedXmlException:
        raise ReadError(
            "the file declares a DTD or entities (an XML bomb or an external entity reading "
            "local files): refused, nothing was expanded or read",
            "<!DOCTYPE>",
        ) from None
    except ParseError as exc:
        line, column = exc.position
        raise ReadError(
            f"not well-formed {what} ({_reason(exc)}); is the file cut short or of another format?",
            f"line {line}, column {column + 1}",
        ) from None


def _reason(exc: ParseError) -> str:
    return str(exc).split(":", 1)[0]


def local_name(element: Element) -> str:
    """An element's name without its namespace (KML 2.0 to 2.2, GPX 1.0 and 1.1 alike)."""
    tag = element.tag if isinstance(element.tag, str) else ""
    return tag.rsplit("}", 1)[-1]


def child(element: Element, name: str) -> Element | None:
    """The first child named `name` (any namespace)."""
    for item in element:
        if local_name(item) == name:
            return item
    return None


def child_text(element: Element, name: str) -> str:
    found = child(element, name)
    return (found.text or "").strip() if found is not None else ""
