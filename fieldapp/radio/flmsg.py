"""flmsg files (fldigi's message forms): read and write them byte for byte.

The layout (RADIO.md): a `<flmsg>VERSION` line, the `:hdr_fm:` and `:hdr_ed:` header
fields, a form line (`<radiogram>`, `<ics213>`, `<ics309>`...), then one line per
non-empty field, `:tag:` + decimal length + space + value. Files are written with CRLF.
A value may span lines (the message text). flmsg counts a length over the value as it
holds it in memory, with LF line breaks, and strips every CR when it reads: the header
lengths of the flmsg sample (tests/samples/radio/flmsg_W1HKJ-14.c2s, `:hdr_ed:21` for
"\\nCALL YYYYMMDDHHMMSS") show that the CR of CRLF is not counted. A file whose lengths
count the CR too is read as well, and written back the same way.

`parse` refuses, naming the line, anything that does not follow the layout exactly: a
wrong length, a truncated file, binary junk. `write` turns a parsed file back into the
same bytes. Pure functions: any thread.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

EXTENSIONS = {"radiogram": ".m2s", "ics213": ".213", "ics309": ".309", "ics214": ".214"}
MAX_BYTES = 4 << 20  # a form of several MB is not a form: refuse before reading it all
_FIRST = re.compile(rb"<flmsg>([^\s<>]{1,40})\n")
_FIELD = re.compile(rb":([A-Za-z0-9_]{1,20}(?:\[\d{1,3}\])?):(\d{1,9}) ")
_FORM = re.compile(rb"<([a-z0-9_]{1,30})>\n")


class FlmsgError(ValueError):
    """A file that is not a well-formed flmsg file; `line` is where it goes wrong."""

    def __init__(self, message: str, line: int):
        super().__init__(f"line {line}: {message}")
        self.line = line


@dataclass
class FlmsgFile:
    """An flmsg file as read: header and form fields in file order, values as text."""

    form: str
    fields: list[tuple[str, str]]
    header: list[tuple[str, str]] = field(default_factory=list)
    version: str = "4.0.20"
    crlf: bool = True
    cr_counted: bool = False  # lengths that count the CR of each CRLF (not flmsg's way)

    def get(self, tag: str) -> str:
        for name, value in self.fields:
            if name == tag:
                return value
        return ""


def parse(data: bytes) -> FlmsgFile:
    """Read an flmsg file; raises FlmsgError naming the line of the first problem."""
    if len(data) > MAX_BYTES:
        raise FlmsgError(f"the file is {len(data)} bytes: too large for an flmsg form", 1)
    if b"\0" in data:
        raise FlmsgError(
            "binary data (a NUL byte): not an flmsg text file", _line(data, data.index(b"\0"))
        )
    crlf = b"\r\n" in data
    if crlf and data.count(b"\n") != data.count(b"\r\n"):
        lone = re.search(rb"(?<!\r)\n", data)
        where = _line(data, lone.start()) if lone else 1
        raise FlmsgError(
            "mixed line endings (CRLF, and LF alone here): not written by flmsg", where
        )
    try:
        return _parse(data.replace(b"\r\n", b"\n"), crlf, cr_counted=False)
    except FlmsgError as first:
        if not crlf:
            raise
        try:  # a writer that counted CR bytes: accept it, and write it back the same way
            return _parse(data, crlf, cr_counted=True)
        except FlmsgError:
            raise first from None


def write(doc: FlmsgFile) -> bytes:
    """The bytes of a file: `write(parse(data)) == data` for every file parse accepts."""
    newline = b"\r\n" if doc.crlf else b"\n"
    out = [b"<flmsg>" + doc.version.encode() + newline]
    for tag, value in doc.header:
        out.append(_line_out(tag, value, doc, newline))
    out.append(f"<{doc.form}>".encode() + newline)
    for tag, value in doc.fields:
        if value:
            out.append(_line_out(tag, value, doc, newline))
    return b"".join(out)


def _line_out(tag: str, value: str, doc: FlmsgFile, newline: bytes) -> bytes:
    raw = value.replace("\r\n", "\n").encode("utf-8")
    if doc.crlf:
        raw = raw.replace(b"\n", b"\r\n")
    length = len(raw) if doc.cr_counted else len(raw) - raw.count(b"\r\n")
    return f":{tag}:{length} ".encode() + raw + newline


def _parse(data: bytes, crlf: bool, *, cr_counted: bool) -> FlmsgFile:
    if cr_counted:
        data = data.replace(b"\r\n", b"\n")  # positions in LF form; LF weighs 2 bytes below
    first = _FIRST.match(data)
    if first is None:
        raise FlmsgError("not an flmsg file: it must start with <flmsg>VERSION", 1)
    doc = FlmsgFile(form="", fields=[], version=first[1].decode("ascii"), crlf=crlf)
    doc.cr_counted = cr_counted
    position = first.end()
    while position < len(data):
        form = _FORM.match(data, position)
        if form is not None:
            if doc.form:
                raise FlmsgError(f"a second form line <{form[1].decode()}>", _line(data, position))
            doc.form = form[1].decode("ascii")
            position = form.end()
            continue
        tag, value, position = _field_at(data, position, cr_counted)
        (doc.fields if doc.form else doc.header).append((tag, value))
    if not doc.form:
        raise FlmsgError("no form line such as <radiogram> or <ics213>", _line(data, len(data)))
    return doc


def _field_at(data: bytes, position: int, cr_counted: bool) -> tuple[str, str, int]:
    line = _line(data, position)
    match = _FIELD.match(data, position)
    if match is None and b"\n" not in data[position:]:
        raise FlmsgError("the file ends in the middle of a line: truncated", line)
    if match is None:
        shown = data[position : position + 30].split(b"\n")[0].decode("utf-8", "replace")
        raise FlmsgError(f"expected a field such as :msg:12 TEXT, found {shown!r}", line)
    tag, length = match[1].decode("ascii"), int(match[2])
    start = match.end()
    end = _value_end(data, start, length, cr_counted)
    if end > len(data):
        left = len(data) - start
        raise FlmsgError(
            f"the file ends inside :{tag}: (it says {length} bytes, {left} are left): truncated",
            line,
        )
    if end < len(data) and data[end : end + 1] != b"\n":
        raise FlmsgError(
            f"the length of :{tag}: ({length}) does not match its value"
            f" (the line does not end after {length} bytes)",
            line,
        )
    try:
        value = data[start:end].decode("utf-8")
    except UnicodeDecodeError as exc:
        raise FlmsgError(
            f"the value of :{tag}: is not UTF-8 text", _line(data, start + exc.start)
        ) from None
    return tag, value, end + 1


def _value_end(data: bytes, start: int, length: int, cr_counted: bool) -> int:
    """Where a value of `length` counted bytes ends; with CR counted, each LF weighs 2."""
    if not cr_counted:
        return start + length
    end, weight = start, 0
    while weight < length and end < len(data):
        weight += 2 if data[end : end + 1] == b"\n" else 1
        end += 1
    return end if weight == length else len(data) + 1


def _line(data: bytes, position: int) -> int:
    return data.count(b"\n", 0, position) + 1
