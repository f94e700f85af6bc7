"""Import and export of radio message files: flmsg forms and Winlink B2F messages.

`read_file` recognises a file by its content, not its name, and parses all of it before
anything is saved: a malformed file raises FormatError naming the line, and nothing is
imported. `import_file` saves every message of a file in one transaction (attachments
first, content-addressed, so that a failed import leaves at most unreferenced blobs).
`export_message` writes a message as an flmsg form, a B2F message or plain text.

Runs on the caller's thread with the caller's Store (a worker's own Store for big
files); the parsing and formatting functions it calls are pure.
"""

from __future__ import annotations

import mimetypes
import re
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from fieldapp.core.livefiles import refuse_live_file
from fieldapp.core.record_types import RadioMessage
from fieldapp.radio import b2f, convert, flmsg, forms
from fieldapp.radio.b2f import B2fError, B2fMessage
from fieldapp.radio.flmsg import FlmsgError

if TYPE_CHECKING:
    from fieldapp.radio.repository import RadioTraffic
    from fieldapp.reports.attachment_records import Attachments


class _Store(Protocol):
    """What these functions use of the caller's Store (radio is below the Store's layer)."""

    @property
    def data_dir(self) -> Path: ...
    @property
    def attachments(self) -> Attachments: ...
    @property
    def radio(self) -> RadioTraffic: ...


FORMATS = ("radiogram", "ics213", "flmsg", "b2f", "text")
FormatError = (FlmsgError, B2fError)
_B2F_START = re.compile(rb"^[A-Za-z][A-Za-z0-9-]{0,40}:")
_FLMSG_TEXT_VIEW = re.compile(rb"^ICS (\d{3}) [A-Z]")  # "ICS 213 GENERAL MESSAGE<br>"


def read_file(data: bytes) -> tuple[str, list[tuple[dict, dict]], list[tuple[str, bytes]]]:
    """(format, [(values, format_meta)], attachments) of a file; raises FlmsgError/B2fError."""
    if data.startswith(b"<flmsg>"):
        return "flmsg", convert.messages_from_flmsg(data), []
    if _B2F_START.match(data):
        message = b2f.parse(data)
        return "b2f", [_values_from_b2f(message)], message.files
    view = _FLMSG_TEXT_VIEW.match(data)
    if view:
        form = f"ics{view[1].decode()}"
        saved = flmsg.EXTENSIONS.get(form, "form")
        raise FlmsgError(
            f"this is flmsg's text view of an ICS-{view[1].decode()} form, not the form"
            f" file: save the form in flmsg (a {saved} file) and import that",
            1,
        )
    raise FlmsgError(
        "neither an flmsg form (it would start with <flmsg>) nor a Winlink B2F message"
        " (it would start with a header such as Mid:)",
        1,
    )


def import_file(
    store: _Store, operation_id: str, path: Path, *, station: str = ""
) -> list[RadioMessage]:
    """Save every message of a file; returns them as stored. All or nothing."""
    refuse_live_file(path, store.data_dir)
    data = path.read_bytes()
    _kind, items, attachments = read_file(data)
    if attachments:
        stored = []
        for name, content in attachments:
            mime = mimetypes.guess_type(name)[0] or "application/octet-stream"
            blob = store.attachments.blobs.put_bytes(content, mime)
            stored.append({"name": name, "sha256": blob.sha256, "size": blob.size, "mime": mime})
        items[0][1]["b2f"]["files"] = stored
    ids = store.radio.add_many(operation_id, items, station=station)
    return [store.radio.get(message_id) for message_id in ids]


def export_message(
    store: _Store, message: Mapping[str, Any], fmt: str, *, exercise: bool, station: str = ""
) -> bytes:
    """A message as a file of the given format (see FORMATS)."""
    if fmt == "text":
        return forms.message_text(message, exercise=exercise).encode("utf-8")
    if fmt == "b2f":
        return b2f.write(_b2f_from(store, message, exercise, station))
    if fmt in ("radiogram", "ics213") and message["kind"] != fmt:
        message = as_kind(message, fmt)
    elif fmt == "flmsg" and message["kind"] not in convert.TAGS:
        raise ValueError(
            f"a {message['kind']} message has no flmsg form: export it as radiogram, ics213,"
            " b2f or text"
        )
    return convert.message_to_flmsg(message, exercise=exercise)


def as_kind(message: Mapping[str, Any], kind: str) -> dict[str, Any]:
    """A message recast as another form (an ICS-213 sent as a radiogram...)."""
    out = {**message, "kind": kind, "format_meta": {}}
    if kind == "radiogram":
        out["signature"] = message["signature"] or message["from_name"]
        out["date_filed"] = message["date_filed"] or message["msg_date"]
        out["time_filed"] = message["time_filed"] or message["msg_time"]
        if message["subject"] and message["subject"] not in message["text"]:
            out["text"] = f"{message['subject']} X {message['text']}".strip(" X")
    else:
        out["from_name"] = message["from_name"] or message["signature"]
        out["msg_date"] = message["msg_date"] or message["date_filed"]
        out["msg_time"] = message["msg_time"] or message["time_filed"]
        number = f"RADIOGRAM NR {message['number']}" if message["number"] else ""
        out["subject"] = message["subject"] or number
    return out


def _values_from_b2f(message: B2fMessage) -> tuple[dict, dict]:
    date = message.date()
    text = message.text()
    values = {
        "kind": "plain",
        "direction": "received",
        "subject": message.get("Subject"),
        "text": text,
        "received_from": message.get("From"),
        "to_name": ", ".join(message.get_all("To") + message.get_all("Cc")),
        "msg_date": date.strftime("%Y-%m-%d") if date else "",
        "msg_time": date.strftime("%H:%MZ") if date else "",
        "received_at": date.isoformat() if date else None,
    }
    meta = {
        "headers": [list(item) for item in message.headers],
        "raw_body": text,
        "final_crlf": message.final_crlf,
        "files": [],
    }
    return values, {"b2f": meta}


def _b2f_from(
    store: _Store, message: Mapping[str, Any], exercise: bool, station: str
) -> B2fMessage:
    meta = message.get("format_meta", {}).get("b2f")
    subject = message["subject"] or _subject(message)
    if exercise and "EXERCISE" not in subject.upper():
        subject = f"EXERCISE {subject}"
    if meta is None:
        return _new_b2f(message, subject, exercise, station)
    out = B2fMessage([tuple(h) for h in meta["headers"]], b"", final_crlf=meta["final_crlf"])
    text = meta["raw_body"] if meta["raw_body"].strip() == message["text"] else message["text"]
    out.body = _encode(out, text.replace("\r\n", "\n").replace("\n", "\r\n"))
    b2f.set_header(out, "Body", str(len(out.body)))
    if out.get("Subject") != subject:
        b2f.set_header(out, "Subject", subject)
    out.files = [
        (f["name"], store.attachments.blobs.path(f["sha256"]).read_bytes()) for f in meta["files"]
    ]
    return out


def _new_b2f(message: Mapping[str, Any], subject: str, exercise: bool, station: str) -> B2fMessage:
    sender = station or message["origin_station"] or message["received_from"] or "NOCALL"
    when = (message["sent_at"] or message["logged_at"])[:16].replace("-", "/").replace("T", " ")
    body = forms.message_text(message, exercise=exercise).replace("\n", "\r\n")
    out = B2fMessage([], b"", final_crlf=False)
    out.body = body.encode("iso-8859-1", errors="replace")
    for name, value in (
        ("Mid", b2f.new_mid(message["id"])),
        ("Body", str(len(out.body))),
        ("Content-Transfer-Encoding", "8bit"),
        ("Content-Type", "text/plain; charset=ISO-8859-1"),
        ("Date", when),
        ("From", sender),
        ("Mbo", sender),
        ("Subject", _first_line(subject)[: b2f.SUBJECT_MAX]),
        ("To", _first_line(message["sent_to"] or message["to_name"]) or "SERVICE"),
        ("Type", "Private"),
    ):
        out.headers.append((name, " " + value))
    return out


def _encode(message: B2fMessage, text: str) -> bytes:
    try:
        return text.encode(message.charset)
    except (LookupError, UnicodeEncodeError):
        b2f.set_header(message, "Content-Type", "text/plain; charset=UTF-8")
        return text.encode("utf-8")


def _subject(message: Mapping[str, Any]) -> str:
    if message["kind"] == "radiogram":
        return f"RADIOGRAM NR {message['number']} {message['origin_station']}".strip()
    return " ".join(message["text"].split()[:8]) or "MESSAGE"


def _first_line(text: str) -> str:
    """A header holds one line: the first line of a multi-line field (name of an address)."""
    return text.strip().split("\n")[0].strip()
