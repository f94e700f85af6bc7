"""A streaming XML writer over the standard library's XMLGenerator: elements written as
they come (200,000 placemarks never held in memory), text always escaped and always
legal XML 1.0: the control characters a report may carry when pasted from a PDF, a
terminal or a word processor (form feed, escape, NUL...) are dropped, since XML cannot
hold them even escaped and one of them makes the whole file unreadable. Pure."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import IO, Any
from xml.sax.saxutils import XMLGenerator
from xml.sax.saxutils import escape as _escape
from xml.sax.xmlreader import AttributesImpl

# What XML 1.0 (§2.2 Char) cannot hold: C0 controls but tab and line ends, surrogates,
# U+FFFE and U+FFFF.
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_QUOTE = {'"': "&quot;"}


def legal(value: object) -> str:
    """`value` as text XML 1.0 can hold (its illegal characters dropped)."""
    return _ILLEGAL.sub("", str(value))


def escape(value: object) -> str:
    """`value` as element text or a double-quoted attribute's value: legal and escaped."""
    return _escape(legal(value), _QUOTE)


class Xml:
    def __init__(self, out: IO[str]):
        self.gen = XMLGenerator(_as_any(out), "utf-8", short_empty_elements=True)
        self.gen.startDocument()

    @contextmanager
    def element(self, name: str, attrs: Mapping[str, str] | None = None) -> Iterator[None]:
        self.gen.startElement(name, _attributes(attrs))
        yield
        self.gen.endElement(name)

    def empty(self, name: str, attrs: Mapping[str, str]) -> None:
        self.gen.startElement(name, _attributes(attrs))
        self.gen.endElement(name)

    def text(self, name: str, value: object, attrs: Mapping[str, str] | None = None) -> None:
        self.gen.startElement(name, _attributes(attrs))
        self.gen.characters(legal(value))
        self.gen.endElement(name)

    def raw(self, markup: str) -> None:
        """Markup already escaped (this module's `escape` on every text and attribute
        value in it)."""
        self.gen.ignorableWhitespace(markup)

    def end(self) -> None:
        self.gen.endDocument()


def _attributes(attrs: Mapping[str, str] | None) -> AttributesImpl:
    return AttributesImpl({name: legal(value) for name, value in (attrs or {}).items()})


def _as_any(out: IO[str]) -> Any:
    return out  # XMLGenerator writes to any text stream (its stubs say fewer)
