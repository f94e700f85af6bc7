"""Reading an RSS (0.9x, 1.0, 2.0) or Atom feed into posts, safely, all or nothing.

The bytes are checked by a strict parser that refuses entity declarations
(defusedxml) before feedparser sees them: feedparser's own handling of DTDs is not
something to rely on against a billion-laughs bomb or an external entity. Then each
broken feed gets a decision (samples/feeds/README.md has the table):

- repaired and kept: blank lines before the XML declaration; Latin-1/cp1252 bytes with
  no declaration (or one that says UTF-8); XML errors that feedparser reads around (an
  undefined `&nbsp;`); a date that cannot be read (kept as None, never "now");
- refused with one line: a feed cut short (its root element never closes), an HTML
  page or anything else that is not a feed, XML entity or DTD declarations.

Pure functions of bytes, any thread; nothing here touches the network or a file.
"""

from __future__ import annotations

import io
import re
from pyexpat import errors as expat_errors
from typing import Any
from urllib.parse import urlsplit
from xml.etree.ElementTree import ParseError

import defusedxml.ElementTree as safe_xml
import feedparser
from defusedxml import DefusedXmlException

from fieldapp.monitoring.postmodel import FeedResult, Post, PostError, hashed_key, unique_links
from fieldapp.monitoring.text import (
    clean_text,
    html_to_text,
    language_tag,
    one_line,
    struct_time_iso,
    web_url,
)

FEED_ROOTS = frozenset({"rss", "feed", "RDF", "channel"})  # RSS 2.0/0.9x, Atom, RSS 1.0
_HTML_ROOTS = frozenset({"html", "head", "body", "title", "meta", "div", "p", "a", "h1"})
# Expat errors that mean the document stops before its end: cut short, not mistyped.
_CUT_SHORT = frozenset(
    expat_errors.codes[getattr(expat_errors, name)]
    for name in ("XML_ERROR_NO_ELEMENTS", "XML_ERROR_UNCLOSED_TOKEN", "XML_ERROR_PARTIAL_CHAR",
                 "XML_ERROR_UNCLOSED_CDATA_SECTION")
)  # fmt: skip
_DECLARATION = re.compile(rb"^<\?xml[^>]*?encoding\s*=\s*[\"']([A-Za-z0-9._-]+)[\"']")
_ENTITY_DECL = re.compile(rb"<!\s*ENTITY", re.IGNORECASE)
_FIRST_TAG = re.compile(r"<\s*([A-Za-z][\w.:-]*)")
_TAGS = re.compile(r"</?[A-Za-z][\w:-]*(?:\s[^<>]*)?/?>")
_HTML_TYPES = ("text/html", "application/xhtml+xml", "html", "xhtml")


def parse_feed(data: bytes, *, source: str, content_type: str = "") -> FeedResult:
    """The posts of an RSS or Atom feed, or PostError naming `source` and the problem."""
    data = _repaired(data)
    root = _checked_root(data, source, content_type)
    parsed = feedparser.parse(io.BytesIO(data), sanitize_html=True, resolve_relative_uris=False)
    if not parsed.get("version"):
        raise _not_a_feed(source, data, content_type)
    feed = parsed.get("feed", {})
    language = language_tag(feed.get("language"))
    host = _host(feed.get("link")) or _host(source)
    posts = [_post(entry, language, host) for entry in parsed.get("entries", [])]
    if root is None and not posts and _looks_cut(data):
        raise PostError(source, "malformed", "the feed is cut short: it ends before its items")
    return FeedResult(one_line(feed.get("title", "")), posts, language)


def _repaired(data: bytes) -> bytes:
    """The bytes with what is safe to repair repaired: whitespace before the XML
    declaration dropped; cp1252/Latin-1 text that does not say so turned into UTF-8."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        data = data.lstrip(b" \t\r\n")
    else:
        return data  # UTF-16 with its byte order mark: the parsers read it as it is
    declared = _DECLARATION.match(data)
    if declared and declared.group(1).lower().replace(b"_", b"-") not in (b"utf-8", b"utf8"):
        return data  # the feed names its encoding: the parsers follow it
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        try:
            return data.decode("cp1252").encode("utf-8")
        except UnicodeDecodeError:  # the 5 bytes cp1252 leaves undefined
            return data.decode("latin-1").encode("utf-8")
    return data


def _checked_root(data: bytes, source: str, content_type: str) -> str | None:
    """The local name of the root element when the strict parse reads the whole
    document (None when it does not, but what it could read is not refused)."""
    if not data.strip():
        raise PostError(source, "not_a_feed", "the answer is empty, not a feed")
    if not data.lstrip(b"\xef\xbb\xbf\xff\xfe").startswith((b"<", b"\x00<", b"<\x00")):
        raise _not_a_feed(source, data, content_type)
    try:
        root = safe_xml.fromstring(data, forbid_dtd=False, forbid_entities=True)
    except DefusedXmlException:
        raise _unsafe(source) from None
    except ParseError as error:
        _refuse_unreadable(data, source, content_type, error)
        return None
    name = root.tag.rsplit("}", 1)[-1]
    if name not in FEED_ROOTS:
        raise _not_a_feed(source, data, content_type, root=name)
    return name


def _refuse_unreadable(data: bytes, source: str, content_type: str, error: ParseError) -> None:
    """Refuse what strict XML could not read when it is unsafe, HTML, or cut short; what
    is left (a stray `&`, an undefined entity) goes on to feedparser's lenient reading."""
    if _declares_entities(data):
        raise _unsafe(source)
    first = _first_tag(data)
    if first.lower() in _HTML_ROOTS or _is_html_type(content_type):
        raise _not_a_feed(source, data, content_type)
    if getattr(error, "code", None) in _CUT_SHORT or _looks_cut(data):
        raise PostError(source, "malformed", "the feed is cut short: it ends before its end tag")


def _declares_entities(data: bytes) -> bool:
    """Whether the bytes declare an entity, also in UTF-16 where a byte search misses."""
    if _ENTITY_DECL.search(data):
        return True
    for encoding in ("utf-16-le", "utf-16-be"):
        text = data.decode(encoding, errors="ignore")
        if "<!ENTITY" in text.upper().replace(" ", ""):
            return True
    return False


def _first_tag(data: bytes) -> str:
    """The first element's name (after the declaration, comments and the doctype)."""
    text = data[:4096].decode("utf-8", errors="replace")
    text = re.sub(r"<\?.*?\?>|<!--.*?-->|<!\[CDATA\[.*?\]\]>|<![^>]*>", "", text, flags=re.S)
    found = _FIRST_TAG.search(text)
    return found.group(1).split(":")[-1] if found else ""


def _looks_cut(data: bytes) -> bool:
    """Whether the root element is never closed: the end of a document that stopped."""
    root = _first_tag(data)
    if not root:
        return True
    tail = data[-4096:].decode("utf-8", errors="replace")
    return re.search(rf"</\s*(?:[\w.-]+:)?{re.escape(root)}\s*>", tail) is None


def _is_html_type(content_type: str) -> bool:
    return content_type.split(";")[0].strip().lower() in _HTML_TYPES


def _not_a_feed(source: str, data: bytes, content_type: str, root: str = "") -> PostError:
    start = data.lstrip()[:1]
    first = root or _first_tag(data)
    if start in (b"{", b"["):
        what = "JSON"
    elif first.lower() in _HTML_ROOTS or _is_html_type(content_type):
        what = "an HTML page"
    elif first:
        what = f"XML whose root is <{first}>"
    else:
        what = "not XML"
    return PostError(source, "not_a_feed", f"this is {what}, not a feed (RSS or Atom)")


def _unsafe(source: str) -> PostError:
    return PostError(
        source, "unsafe", "the feed declares XML entities (a possible XML bomb): refused"
    )


def _host(link: object) -> str:
    url = web_url(link)
    return (urlsplit(url).hostname or "") if url else ""


def _post(entry: Any, feed_language: str, feed_host: str) -> Post:
    title = one_line(_detail_text(entry.get("title_detail"), entry.get("title", "")))
    body = _body(entry)
    text = _joined(title, body)
    # dict.get: feedparser's own get maps a missing updated_parsed to published_parsed.
    posted_at = (
        struct_time_iso(dict.get(entry, "published_parsed"))
        or struct_time_iso(dict.get(entry, "updated_parsed"))
        or struct_time_iso(dict.get(entry, "created_parsed"))
    )
    url = web_url(entry.get("link"))
    key = (entry.get("id") or "").strip() or url or hashed_key(title, text, posted_at)
    author_detail = entry.get("author_detail") or {}
    author = one_line(author_detail.get("name") or entry.get("author") or "")
    handle = web_url(author_detail.get("href")) or one_line(author_detail.get("email") or "")
    return Post(
        key=key[:2000],
        author=author,
        handle=handle or feed_host,
        posted_at=posted_at,
        text=text,
        url=url,
        language=_entry_language(entry) or feed_language,
        media=_media(entry),
    )


def _detail_text(detail: Any, value: str) -> str:
    """A feedparser text construct as plain text: HTML reduced when it is HTML, or when
    "plain" text carries tags (a title in CDATA with <b> or <script> in it)."""
    kind = (detail or {}).get("type", "text/plain")
    if kind in _HTML_TYPES or _TAGS.search(value or ""):
        return html_to_text(value or "")
    return value or ""


def _body(entry: Any) -> str:
    """The entry's content (its longest text or HTML one), else its summary, as text."""
    contents = [c for c in entry.get("content", []) if c.get("value")]
    if contents:
        best = max(contents, key=lambda c: len(c["value"]))
        return html_to_text(best["value"]) if best.get("type") != "text/plain" else best["value"]
    return _detail_text(entry.get("summary_detail"), entry.get("summary", ""))


def _joined(title: str, body: str) -> str:
    """Title and body on their own lines, once: no title twice when the body repeats it."""
    body = clean_text(body)
    squeeze_title, squeeze_body = _squeezed(title), _squeezed(body)
    if not squeeze_title or squeeze_body.startswith(squeeze_title):
        return body
    if not squeeze_body or squeeze_title.startswith(squeeze_body):
        return clean_text(title)
    return clean_text(f"{title}\n{body}")


def _squeezed(text: str) -> str:
    """Words only, for comparing a title and a body ("X - RTBF" and "X RTBF" are one)."""
    return " ".join(re.sub(r"[\W_]+", " ", text.casefold()).split())


def _entry_language(entry: Any) -> str:
    for detail in (entry.get("title_detail"), entry.get("summary_detail")):
        if detail and detail.get("language"):
            return language_tag(detail["language"])
    return ""


def _media(entry: Any) -> tuple[str, ...]:
    links = [web_url(e.get("href")) for e in entry.get("enclosures", [])]
    links += [web_url(m.get("url")) for m in entry.get("media_content", [])]
    return unique_links(links)
