"""A CAP index feed (Atom, RSS 2.0 or 1.0) to the CAP documents it lists, or CapError.

Alerting services publish an index whose entries point to CAP documents: MeteoAlarm's
Atom (`cap:*` children and a `<link type="application/cap+xml">`), the NWS Atom (the
entry's `<id>` and `<link>` are the CAP URL, `cap:expires` in the CAP 1.1 namespace).
The poller reads the index, skips the expired entries (`CapIndexEntry.is_expired`) and
downloads the rest with `parse_cap`.

The CAP document of an entry is, in order: a link typed `application/cap+xml`; the only
link, when it is typed `application/xml` or `text/xml`; else the entry's web link
(Atom `rel="alternate"`, RSS `<link>`), else its id or guid, if http(s). Relative
addresses are resolved against `base_url`. Skipped: an entry with no http(s) address,
and one that points back to the feed itself (the NWS "There are no active watches,
warnings or advisories" entry). Entries are kept one per entry, in order, even when two
name the same document (MeteoAlarm has one entry per area of a document).

The index is read with ElementTree by namespace URI, not with feedparser: feedparser
names `cap:*` children by the prefix a feed happens to use and flattens nested ones.
The same XML rules as for CAP (`capxml`): no DTD, no entities, 5 MB at most. Times in
the index are read as in CAP, but one that cannot be read (no zone) is None: such an
entry is downloaded rather than skipped, and the CAP document decides.

Pure functions of bytes, any thread; nothing here touches the network or a file.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urljoin, urlsplit
from xml.etree.ElementTree import Element

from fieldapp.alerts import capvalues as values
from fieldapp.alerts.cap import CAP_NAMESPACES
from fieldapp.alerts.capmodel import CapError
from fieldapp.alerts.capxml import is_html, local_name, namespace, read_root

ATOM = "http://www.w3.org/2005/Atom"
RSS1 = "http://purl.org/rss/1.0/"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_CAP_TYPE = "application/cap+xml"
_XML_TYPES = ("application/xml", "text/xml")


@dataclass(frozen=True)
class CapIndexEntry:
    """One entry of an index: where its CAP document is, and what the index says of it."""

    url: str  # the CAP document's URL (absolute, http or https)
    identifier: str | None  # cap:identifier, when the index says it
    sent: str | None  # ISO 8601 UTC, when the index says it
    expires: str | None
    severity: str | None
    event: str | None
    title: str

    def is_expired(self, now_iso: str) -> bool:
        """Whether the index says the alert expired at or before `now_iso` (ISO 8601
        with a zone). An entry without a readable expiry never is."""
        return self.expires is not None and _moment(self.expires) <= _moment(now_iso)


@dataclass(frozen=True)
class _Link:
    href: str
    type: str
    rel: str


def parse_cap_index(data: bytes, *, source: str, base_url: str = "") -> list[CapIndexEntry]:
    """The entries of a CAP index feed that point to a CAP document, in order; CapError
    naming `source` when the file is not a feed (HTML, a CAP alert, unsafe XML...)."""
    root = read_root(data, source, "a feed")
    name, space = local_name(root), namespace(root)
    if name == "feed" and space == ATOM:
        items = root.findall(f"{{{ATOM}}}entry")
    elif name == "rss" and not space:
        items = root.findall("channel/item")
    elif name == "RDF" and space == RDF:
        items = root.findall(f"{{{RSS1}}}item")
    else:
        raise CapError(source, name, _not_a_feed(name, space))
    itself = _feed_addresses(root, base_url)
    found = (_entry(item, base_url) for item in items)
    return [entry for entry in found if entry is not None and entry.url not in itself]


def _not_a_feed(name: str, space: str) -> str:
    if is_html(name):
        return "this is an HTML page, not a feed (Atom or RSS)"
    if name == "alert" and space in CAP_NAMESPACES:
        return "this is a CAP alert, not an index feed (read it as an alert)"
    return f"this is XML whose root is <{name}>, not a feed (Atom or RSS)"


def _entry(item: Element, base_url: str) -> CapIndexEntry | None:
    url = _cap_url(item, base_url)
    if url is None:
        return None
    return CapIndexEntry(
        url=url,
        identifier=_cap_text(item, "identifier"),
        sent=_cap_time(item, "sent"),
        expires=_cap_time(item, "expires"),
        severity=_cap_text(item, "severity"),
        event=_cap_text(item, "event"),
        title=values.plain(_child_text(item, "title")),
    )


def _cap_url(item: Element, base_url: str) -> str | None:
    links = _links(item)
    typed = [link for link in links if link.type == _CAP_TYPE]
    if not typed and len(links) == 1 and links[0].type in _XML_TYPES:
        typed = links
    web = [link for link in links if link.rel == "alternate"]
    ids = [_child_text(item, "id"), _child_text(item, "guid")]
    for href in [link.href for link in typed + web] + ids:
        url = _absolute(href, base_url)
        if url:
            return url
    return None


def _links(item: Element) -> list[_Link]:
    """Atom links, RSS `<link>` text and enclosures, atom:link inside RSS items."""
    links = []
    for child in item:
        name, space = local_name(child), namespace(child)
        if name == "link" and space == ATOM:
            kind = child.get("type", "").split(";")[0].strip().lower()
            links.append(_Link(child.get("href", ""), kind, child.get("rel", "alternate")))
        elif name == "link" and space in ("", RSS1):
            links.append(_Link("".join(child.itertext()).strip(), "", "alternate"))
        elif name == "enclosure" and not space:
            kind = child.get("type", "").split(";")[0].strip().lower()
            links.append(_Link(child.get("url", ""), kind, "enclosure"))
    return [link for link in links if link.href]


def _absolute(href: str, base_url: str) -> str | None:
    href = href.strip()
    if not href:
        return None
    try:
        url = urljoin(base_url, href) if base_url else href
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return url


def _feed_addresses(root: Element, base_url: str) -> set[str]:
    """The feed's own id and self link: an entry pointing there is not an alert."""
    own = [_child_text(root, "id")]
    own += [link.get("href", "") for link in root.findall(f"{{{ATOM}}}link")
            if link.get("rel") == "self"]  # fmt: skip
    return {url for url in (_absolute(href, base_url) for href in own) if url}


def _child_text(item: Element, name: str) -> str:
    for child in item:
        if local_name(child) == name and namespace(child) in ("", ATOM, RSS1):
            return "".join(child.itertext()).strip()
    return ""


def _cap_text(item: Element, name: str) -> str | None:
    for child in item:
        if local_name(child) == name and namespace(child) in CAP_NAMESPACES:
            return values.plain("".join(child.itertext())) or None
    return None


def _cap_time(item: Element, name: str) -> str | None:
    text = _cap_text(item, name)
    if text is None:
        return None
    try:
        return values.cap_time(name, text, [])
    except CapError:
        return None


def _moment(text: str) -> datetime:
    moment = datetime.fromisoformat(text.strip())
    if moment.tzinfo is None:
        raise ValueError(f"{text!r} has no time zone: now is compared in UTC")
    return moment
