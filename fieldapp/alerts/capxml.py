"""Reading untrusted XML for the alerts desk: bytes to an ElementTree root, or CapError.

Shared by the CAP parser (`cap.py`) and the CAP index reader (`capfeed.py`). defusedxml
parses with no DTD at all (`forbid_dtd`): a DOCTYPE, an entity declaration (a billion
laughs), an external entity (XXE) are refused before anything is expanded or fetched.
Before the parse: an empty file and a file over `MAX_BYTES` are refused; after a failed
parse, an HTML page and a document cut short are told apart from other broken XML.

Pure functions of bytes, any thread; nothing here touches the network or a file.
"""

from __future__ import annotations

import re
from pyexpat import errors as expat_errors
from xml.etree.ElementTree import Element, ParseError

import defusedxml.ElementTree as safe_xml
from defusedxml import DefusedXmlException

from fieldapp.alerts.capmodel import CapError

MAX_BYTES = 5 * 1024 * 1024
DOCUMENT = "document"  # the element named when the whole file is at fault
_HTML_ROOTS = frozenset({"html", "head", "body", "title", "meta", "div", "p", "a", "h1"})
# Expat errors that mean the document stops before its end: cut short, not mistyped.
_CUT_SHORT = frozenset(
    expat_errors.codes[getattr(expat_errors, name)]
    for name in ("XML_ERROR_NO_ELEMENTS", "XML_ERROR_UNCLOSED_TOKEN", "XML_ERROR_PARTIAL_CHAR",
                 "XML_ERROR_UNCLOSED_CDATA_SECTION")
)  # fmt: skip
_FIRST_TAG = re.compile(r"<\s*([A-Za-z][\w.:-]*)")
_SKIPPED = re.compile(r"<\?.*?\?>|<!--.*?-->|<!\[CDATA\[.*?\]\]>|<![^>]*>", re.S)


def read_root(data: bytes, source: str, expected: str) -> Element:
    """The root element of `data`, parsed with no DTD, or CapError naming `source`.
    `expected` says what the file should have been ("a CAP alert", "a feed")."""
    if len(data) > MAX_BYTES:
        raise CapError(
            source, DOCUMENT, f"too large: {len(data):,} bytes, at most {MAX_BYTES:,} are read"
        )
    if not data.strip():
        raise CapError(source, DOCUMENT, f"the file is empty, not {expected}")
    data = _without_leading_blanks(data)
    try:
        return safe_xml.fromstring(data, forbid_dtd=True, forbid_entities=True)
    except DefusedXmlException:
        if is_html(first_tag(data)):
            raise CapError(source, DOCUMENT, f"this is an HTML page, not {expected}") from None
        raise CapError(
            source, "<!DOCTYPE>", "a DTD or entity declaration (a possible XML bomb or "
            "external entity): refused, nothing expanded or fetched"
        ) from None  # fmt: skip
    except ParseError as error:
        raise _unreadable(data, source, expected, error) from None


def local_name(element: Element) -> str:
    return element.tag.rsplit("}", 1)[-1]


def namespace(element: Element) -> str:
    return element.tag[1:].split("}", 1)[0] if element.tag.startswith("{") else ""


def first_tag(data: bytes) -> str:
    """The first element's local name (after the declaration, comments and doctype)."""
    text = _SKIPPED.sub("", data[:4096].decode("utf-8", errors="replace"))
    found = _FIRST_TAG.search(text)
    return found.group(1).split(":")[-1] if found else ""


def is_html(name: str) -> bool:
    return name.lower() in _HTML_ROOTS


def _without_leading_blanks(data: bytes) -> bytes:
    """Blank lines before the XML declaration (which XML forbids) dropped: a server's
    template habit, harmless. UTF-16 (with its byte order mark) is left as it is."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data
    return data.lstrip(b" \t\r\n")


def _unreadable(data: bytes, source: str, expected: str, error: ParseError) -> CapError:
    line = error.position[0] if getattr(error, "position", None) else 0
    first = first_tag(data)
    if is_html(first):
        return CapError(source, DOCUMENT, f"this is an HTML page, not {expected}")
    if not data.lstrip().startswith((b"<", b"\x00<", b"<\x00", b"\xff\xfe", b"\xfe\xff")):
        what = "JSON" if data.lstrip()[:1] in (b"{", b"[") else "not XML"
        return CapError(source, DOCUMENT, f"this is {what}, not {expected}")
    if getattr(error, "code", None) in _CUT_SHORT:
        return CapError(
            source, first or DOCUMENT, f"the file is cut short: it ends at line {line} "
            f"before <{first or 'the root'}> is closed"
        )  # fmt: skip
    return CapError(source, DOCUMENT, f"not well-formed XML: {error}")
