"""Plain text out of what posts carry: HTML reduced to text, control characters removed,
whitespace tidied, long texts capped; and the small normalisations every reader shares
(web links, language tags, dates as stored).

A post's text is shown as text everywhere (the queue, the map, a report), so nothing
here keeps markup: a `<script>` in a feed is dropped with its contents, `<img onerror>`
leaves nothing, entities become the characters they name. Pure functions, any thread.
"""

from __future__ import annotations

import re
import time
import unicodedata
from datetime import UTC, datetime
from html.parser import HTMLParser
from urllib.parse import urlsplit

from fieldapp.core.times import format_time

TEXT_MAX = 20_000
# Elements whose contents are never text a reader sees.
_HIDDEN = frozenset({"script", "style", "template", "noscript", "head", "title", "iframe",
                     "object", "svg", "math", "select", "textarea"})  # fmt: skip
# Elements that start a new line of their own (a paragraph, a list item, a cell row).
_BLOCKS = frozenset({
    "p", "div", "section", "article", "header", "footer", "aside", "nav", "main", "blockquote",
    "pre", "ul", "ol", "li", "dl", "dt", "dd", "table", "tr", "h1", "h2", "h3", "h4", "h5",
    "h6", "hr", "figure", "figcaption", "address", "details", "summary", "form", "fieldset",
})  # fmt: skip
_VOID = frozenset({"br", "hr", "img", "input", "meta", "link", "source", "wbr", "area", "col"})
# C0 and C1 controls but newline and tab; bidi overrides and isolates (they make a text
# read differently from what it says); lone surrogates (undecodable bytes); U+FFFE/U+FFFF.
_REMOVED = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]"
)
_SPACES = re.compile(r"[^\S\n]+")  # any whitespace but a newline (tabs included: HTML)
_TRAILING = re.compile(r"[ \t]+\n")
_BLANK_LINES = re.compile(r"\n{3,}")
_LANGUAGE = re.compile(r"[A-Za-z]{2,3}")


class _TextParser(HTMLParser):
    """Collects the visible text of an HTML fragment, one newline per block boundary."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._hidden: list[str] = []  # the open hidden elements, innermost last

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HIDDEN and tag not in _VOID:
            self._hidden.append(tag)
        elif tag == "br":
            self.parts.append("\n")
        elif tag in _BLOCKS:
            self._break(2 if tag == "p" else 1)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self.parts.append("\n")
        elif tag in _BLOCKS:  # <hr/>, and <p/> written by XHTML tools
            self._break(1)

    def handle_endtag(self, tag: str) -> None:
        if self._hidden:
            if tag in self._hidden:  # close through any unclosed children
                del self._hidden[self._hidden.index(tag) :]
            return
        if tag in _BLOCKS:
            self._break(2 if tag == "p" else 1)

    def _break(self, lines: int) -> None:
        """End the line (a paragraph: and leave a blank line), once for nested blocks."""
        have = 0
        for part in reversed(self.parts):
            stripped = part.rstrip(" ")
            have += len(stripped) - len(stripped.rstrip("\n"))
            if stripped.strip("\n"):
                break
        if have < lines:
            self.parts.append("\n" * (lines - have))

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.parts.append(_SPACES.sub(" ", data))


def html_to_text(html: str) -> str:
    """The visible text of an HTML fragment: paragraphs and line breaks as newlines,
    entities decoded, scripts and styles dropped, then cleaned like any text."""
    if "<" not in html and "&" not in html:
        return clean_text(_SPACES.sub(" ", html))
    parser = _TextParser()
    parser.feed(html)
    parser.close()
    return clean_text("".join(parser.parts))


def clean_text(text: str, limit: int = TEXT_MAX) -> str:
    """Text fit to store and show: line ends as \\n, control characters removed (newline
    and tab kept), bidi overrides removed, spaces at line ends and runs of blank lines
    tidied, at most `limit` characters."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _REMOVED.sub("", text)
    text = _TRAILING.sub("\n", text)
    text = "\n".join(line.strip(" ") for line in text.split("\n"))
    text = _BLANK_LINES.sub("\n\n", text).strip()
    if len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return text


def one_line(text: str, limit: int = 500) -> str:
    """A name, a title or an author: clean text on one line."""
    return " ".join(clean_text(text, limit).split())


def web_url(value: object) -> str:
    """The link if it is an http(s) address with a host, else "" (javascript:, data:,
    file: and relative links are never kept)."""
    if not isinstance(value, str):
        return ""
    link = value.strip()
    if any(c.isspace() or unicodedata.category(c) == "Cc" for c in link) or len(link) > 4000:
        return ""
    try:
        parts = urlsplit(link)
    except ValueError:
        return ""
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return ""
    return link


def language_tag(value: object) -> str:
    """The primary language subtag, lower case ("fr" from "fr-BE", "en" from "en_US"),
    or "" when the value is not a language tag."""
    if not isinstance(value, str):
        return ""
    primary = re.split(r"[-_\s]", value.strip(), maxsplit=1)[0]
    return primary.lower() if _LANGUAGE.fullmatch(primary) else ""


def struct_time_iso(value: object) -> str | None:
    """feedparser's parsed date (a UTC struct_time) as stored text, None if absent or
    out of range."""
    if not isinstance(value, time.struct_time):
        return None
    try:
        moment = datetime(*value[:6], tzinfo=UTC)
    except (ValueError, OverflowError):
        return None
    return format_time(moment)


def iso_time(value: object) -> str | None:
    """An ISO 8601 date and time (naive means UTC) as stored text, None if it is not one."""
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        moment = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    try:
        return format_time(moment)
    except (ValueError, OverflowError):
        return None
