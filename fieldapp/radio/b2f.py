"""Winlink B2F messages: read and write them byte for byte, attachments included.

The layout (RADIO.md, and la5nta/wl2k-go's fbb package): CRLF header lines (Mid, Date
`YYYY/MM/DD HH:MM` UTC, Type, From, To/Cc, Subject, Mbo, `Body: <bytes>`, one `File:
<size> <name>` per attachment), a blank line, the body (ISO-8859-1 unless Content-Type
says otherwise), then, when there are attachments, CRLF and each attachment followed by
CRLF, in the order of the File headers.

Headers are read by hand, not with the email parser: B2F is not MIME, and the order and
exact spelling of every header line must survive a round trip. `parse` refuses,
naming the line, a header that is not `Name: value`, a Body or File length that the data
does not hold, binary junk. Pure functions: any thread.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime

MAX_BYTES = 64 << 20
MID_MAX, SUBJECT_MAX = 12, 128
_HEADER = re.compile(rb"^([A-Za-z][A-Za-z0-9-]{0,40}):( ?[\x20-\x7e\xa0-\xff]*)$")
_FILE = re.compile(r"^ ?(\d{1,10}) (.+)$")


class B2fError(ValueError):
    """A file that is not a well-formed B2F message; `line` is where it goes wrong."""

    def __init__(self, message: str, line: int):
        super().__init__(f"line {line}: {message}")
        self.line = line


@dataclass
class B2fMessage:
    """Headers in file order, each (name, raw value after the colon); body and files as bytes."""

    headers: list[tuple[str, str]]
    body: bytes
    files: list[tuple[str, bytes]] = field(default_factory=list)
    final_crlf: bool = True  # a CRLF after the last section (wl2k-go writes it with files)

    def get(self, name: str) -> str:
        for key, value in self.headers:
            if key.lower() == name.lower():
                return value.strip()
        return ""

    def get_all(self, name: str) -> list[str]:
        return [v.strip() for k, v in self.headers if k.lower() == name.lower()]

    @property
    def charset(self) -> str:
        match = re.search(r"charset=\"?([\w.-]+)", self.get("Content-Type"), re.IGNORECASE)
        return match[1] if match else "ISO-8859-1"

    def text(self) -> str:
        try:
            return self.body.decode(self.charset)
        except (LookupError, UnicodeDecodeError):
            return self.body.decode("iso-8859-1")

    def date(self) -> datetime | None:
        try:
            return datetime.strptime(self.get("Date"), "%Y/%m/%d %H:%M").replace(tzinfo=UTC)
        except ValueError:
            return None


def parse(data: bytes) -> B2fMessage:
    """Read one B2F message; raises B2fError naming the line of the first problem."""
    if len(data) > MAX_BYTES:
        raise B2fError(f"the file is {len(data)} bytes: too large for a Winlink message", 1)
    end = data.find(b"\r\n\r\n")
    if end < 0:
        raise B2fError("no blank line after the headers: not a B2F message, or truncated", 1)
    headers = _headers(data[:end])
    message = B2fMessage(headers, b"")
    position = end + 4
    # Errors in the data name the header that gave the size: binary data has no lines.
    body_line = _header_line(headers, "Body")
    body_size = _size(message.get("Body"), "Body", body_line)
    parts = [
        (*_file_header(value, _header_line(headers, "File", i)), _header_line(headers, "File", i))
        for i, value in enumerate(message.get_all("File"))
    ]
    message.body, position = _section(data, position, body_size, "the body", body_line)
    previous = ("Body", body_line)
    for size, name, line in parts:
        if data[position : position + 2] != b"\r\n":
            raise B2fError(
                f"the part does not end where {previous[0]} says (no CRLF after it)", previous[1]
            )
        part, position = _section(data, position + 2, size, f"attachment {name}", line)
        message.files.append((name, part))
        previous = ("this File header", line)
    tail = data[position:]
    if tail not in (b"", b"\r\n"):
        raise B2fError(
            f"{len(tail)} bytes after the end of the message: {previous[0]} gives a wrong size",
            previous[1],
        )
    message.final_crlf = tail == b"\r\n"
    return message


def write(message: B2fMessage) -> bytes:
    """The bytes of a message: `write(parse(data)) == data` for every file parse accepts."""
    out = [f"{name}:{value}".encode("iso-8859-1") + b"\r\n" for name, value in message.headers]
    out.append(b"\r\n")
    out.append(message.body)
    for _name, data in message.files:
        out += [b"\r\n", data]
    if message.final_crlf:
        out.append(b"\r\n")
    return b"".join(out)


def set_header(message: B2fMessage, name: str, value: str) -> None:
    """Replace the first header `name` (keeping its place), or add it at the end."""
    for index, (key, _old) in enumerate(message.headers):
        if key.lower() == name.lower():
            message.headers[index] = (key, " " + value)
            return
    message.headers.append((name, " " + value))


def new_mid(seed: str) -> str:
    """A 12-character message id, as Winlink clients make them (letters and digits)."""
    import hashlib

    digest = hashlib.sha256(seed.encode()).digest()
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
    return "".join(alphabet[b % 36] for b in digest[:MID_MAX])


def _headers(block: bytes) -> list[tuple[str, str]]:
    headers = []
    for number, raw in enumerate(block.split(b"\r\n"), start=1):
        match = _HEADER.match(raw)
        if match is None:
            shown = raw[:30].decode("iso-8859-1")
            raise B2fError(f"not a header line (Name: value): {shown!r}", number)
        name, value = match[1].decode("ascii"), match[2].decode("iso-8859-1")
        if name.lower() == "mid" and len(value.strip()) > MID_MAX:
            raise B2fError(f"Mid has {len(value.strip())} characters (at most {MID_MAX})", number)
        if name.lower() == "date" and not _is_date(value.strip()):
            raise B2fError(f"Date {value.strip()!r} is not YYYY/MM/DD HH:MM", number)
        headers.append((name, value))
    if not any(name.lower() == "body" for name, _ in headers):
        raise B2fError("no Body header: not a B2F message", 1)
    return headers


def _is_date(text: str) -> bool:
    try:
        datetime.strptime(text, "%Y/%m/%d %H:%M")
    except ValueError:
        return False
    return True


def _header_line(headers: list[tuple[str, str]], name: str, nth: int = 0) -> int:
    lines = [i for i, (key, _) in enumerate(headers, start=1) if key.lower() == name.lower()]
    return lines[nth] if nth < len(lines) else 1


def _size(text: str, name: str, line: int) -> int:
    if not text.isdigit():
        raise B2fError(f"{name}: {text!r} is not a number of bytes", line)
    return int(text)


def _file_header(value: str, line: int) -> tuple[int, str]:
    match = _FILE.match(value.strip())
    if match is None:
        raise B2fError(f"File: {value.strip()!r} is not <size> <name>", line)
    return int(match[1]), match[2]


def _section(data: bytes, start: int, size: int, what: str, line: int) -> tuple[bytes, int]:
    if start + size > len(data):
        left = max(0, len(data) - start)
        raise B2fError(f"{what} should be {size} bytes, only {left} are left: truncated", line)
    return data[start : start + size], start + size
