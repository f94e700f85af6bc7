"""A large GeoJSON FeatureCollection read one feature at a time, never whole.

`json.loads` of a 200,000-feature file builds every feature's dicts and lists at once
(hundreds of megabytes). `stream_members` instead reads the text in chunks and hands out
the top-level object's members one by one, and the elements of its `features` array
one by one, each decoded by the standard library's JSON decoder (`raw_decode`, as fast
as `json.loads`): only one feature and one chunk of text are held at a time. Errors
name the line and column, like `json.loads`'s. Pure: a text stream in, values out; any
thread.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import IO, Any

from fieldapp.exports.read.model import ReadError

CHUNK = 1 << 20  # characters read at a time
_SPACE = " \t\r\n"


class _Text:
    """The unread part of a stream, with the line its start is on."""

    def __init__(self, handle: IO[str], what: str):
        self.handle, self.what = handle, what
        self.buffer, self.at, self.line, self.ended = "", 0, 1, False
        self.decoder = json.JSONDecoder()

    def more(self) -> bool:
        """Read another chunk (dropping what was read); False at the end of the text."""
        if self.ended:
            return False
        chunk = self.handle.read(CHUNK)
        self.line += self.buffer.count("\n", 0, self.at)
        self.buffer, self.at = self.buffer[self.at :] + chunk, 0
        self.ended = not chunk
        return bool(chunk)

    def peek(self) -> str:
        """The next character that is not white space ("" at the end)."""
        while True:
            while self.at < len(self.buffer) and self.buffer[self.at] in _SPACE:
                self.at += 1
            if self.at < len(self.buffer) or not self.more():
                return self.buffer[self.at : self.at + 1]

    def take(self, expected: str) -> None:
        if self.peek() != expected:
            found = self.peek() or "the end of the file"
            raise self.error(f"{expected!r} expected, found {found!r}", self.at)
        self.at += 1

    def value(self) -> Any:
        """The next JSON value, read further until it is whole."""
        self.peek()
        while True:
            try:
                value, end = self.decoder.raw_decode(self.buffer, self.at)
            except json.JSONDecodeError as exc:
                if self.more():
                    continue
                raise self.error(exc.msg, exc.pos) from None
            except RecursionError:
                raise ReadError(f"this {self.what} is nested too deeply") from None
            if end < len(self.buffer) or not self.more():  # a number may go on
                self.at = end
                return value

    def error(self, message: str, position: int) -> ReadError:
        line = self.line + self.buffer.count("\n", 0, position)
        column = position - (self.buffer.rfind("\n", 0, position) + 1) + 1
        return ReadError(
            f"not valid {self.what} ({message}); is the file cut short or of another format?",
            f"line {line}, column {column}",
        )


def stream_members(handle: IO[str], what: str = "GeoJSON") -> Iterator[tuple[str, Any]]:
    """The members of the top-level object, as (key, value) — but for `features` when it
    is an array, (key, an iterator of its elements), to be read before the next member
    (what is left of it is skipped)."""
    text = _Text(handle, what)
    if text.peek() != "{":
        text.value()  # JSON that is not an object passes; anything else is named here
        raise ReadError(f'not {what}: the file must be an object with a "type"')
    text.take("{")
    if text.peek() == "}":
        return
    while True:
        key = text.value()
        if not isinstance(key, str):
            raise text.error("a member name must be a string", text.at)
        text.take(":")
        if key == "features" and text.peek() == "[":
            elements = _elements(text)
            yield key, elements
            for _skipped in elements:
                pass
        else:
            yield key, text.value()
        if text.peek() != ",":
            break
        text.take(",")
    text.take("}")
    if text.peek():
        raise text.error("more text after the end of the document", text.at)


def _elements(text: _Text) -> Iterator[Any]:
    text.take("[")
    if text.peek() == "]":
        text.take("]")
        return
    while True:
        yield text.value()
        if text.peek() != ",":
            break
        text.take(",")
    text.take("]")
