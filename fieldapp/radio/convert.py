"""Messages to and from flmsg forms (.m2s radiogram, .213 ICS-213, .309 ICS-309).

Import keeps what the message fields cannot hold (flmsg's header history, the tag order,
fields FieldApp has no column for, each value exactly as written) in the message's
`format_meta`, so that exporting an unchanged message gives back the same bytes. A field
edited since the import is written from the message. A message of an exercise operation
is marked on export: a TEST precedence for a radiogram, EXERCISE in an ICS-213 subject.

Pure functions: any thread.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from fieldapp.radio import flmsg, model
from fieldapp.radio.flmsg import FlmsgError, FlmsgFile

# flmsg's own order of the radiogram fields; None: kept in format_meta only.
RADIOGRAM_TAGS: list[tuple[str, str | None]] = [
    ("nbr", "number"), ("prec", "precedence"), ("hx", "handling"), ("d1", "date_filed"),
    ("t1", "time_filed"), ("dt2", None), ("dt3", None), ("to", "to_name"), ("tel", "phone"),
    ("opn", "op_note"), ("msg", "text"), ("sig", "signature"), ("op2", "op_note2"),
    ("ck", "check_received"), ("sta", "origin_station"), ("org", "place_of_origin"),
    ("ori", None), ("dlv", "delivered_to"), ("sto", "sent_to"), ("snt", "sent_net"),
    ("dt4", None), ("rfm", "received_from"), ("rnt", "received_net"), ("dt5", None),
    ("svc", None), ("std", None),
]  # fmt: skip
# RADIO.md's order of the ICS-213 fields.
ICS213_TAGS: list[tuple[str, str | None]] = [
    ("inc", "incident"), ("to", "to_name"), ("p1", "to_position"), ("fm", "from_name"),
    ("p2", "from_position"), ("sb", "subject"), ("d1", "msg_date"), ("t1", "msg_time"),
    ("mg", "text"), ("s1", "approved_by"), ("p3", "approved_position"), ("rp", "reply"),
    ("s2", "replied_by"), ("p4", "replied_position"), ("d2", "reply_date"), ("t2", "reply_time"),
]  # fmt: skip
TAGS = {"radiogram": RADIOGRAM_TAGS, "ics213": ICS213_TAGS}
# What flmsg writes for a new radiogram: service not done, standard format on.
_NEW_DEFAULTS = {"radiogram": {"svc": "F", "std": "T"}, "ics213": {}}
ICS309_HEADER = ("inc", "dfm", "tfm", "dto", "tto", "pre", "dtm", "net", "opr")
ICS309_ROWS = 34  # the rows of flmsg's form


def messages_from_flmsg(data: bytes) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """(values, format_meta) of each message in an flmsg file; FlmsgError if malformed."""
    doc = flmsg.parse(data)
    if doc.form in TAGS:
        return [_message_from(doc)]
    if doc.form == "ics309":
        return _messages_from_309(doc)
    raise FlmsgError(
        f"<{doc.form}> forms cannot be imported (radiogram, ics213 and ics309 can)",
        2 + sum(value.count("\n") + 1 for _tag, value in doc.header),
    )


def message_to_flmsg(message: Mapping[str, Any], *, exercise: bool = False) -> bytes:
    """The .m2s or .213 file of a radiogram or ICS-213 message."""
    kind = message["kind"]
    if kind not in TAGS:
        raise ValueError(f"a {kind} message has no flmsg form (radiogram and ics213 have)")
    meta = message.get("format_meta", {}).get("flmsg", {})
    if meta.get("form") != kind:
        meta = {}
    values = _flmsg_values(message, exercise)
    raw: dict[str, str] = meta.get("raw", {})
    order = meta.get("order") or [tag for tag, _ in TAGS[kind]]
    fields = []
    for tag in order:
        name = dict(TAGS[kind]).get(tag)
        if name is None:
            fields.append((tag, raw.get(tag, _NEW_DEFAULTS[kind].get(tag, ""))))
        elif tag in raw and _same(name, raw[tag], values[name], kind):
            fields.append((tag, raw[tag]))
        else:
            fields.append((tag, values[name]))
    header = [tuple(item) for item in meta.get("header", [])]
    doc = FlmsgFile(kind, fields, header, meta.get("version", "4.0.20"))  # type: ignore[arg-type]
    doc.crlf = meta.get("crlf", True)
    doc.cr_counted = meta.get("cr_counted", False)
    return flmsg.write(doc)


def log_to_ics309(header: Mapping[str, str], rows: Sequence[Mapping[str, str]]) -> bytes:
    """A .309 file: header fields by tag (inc, dfm... opr), rows of tm, fm, to, msg."""
    fields = [(tag, header.get(tag, "")) for tag in ICS309_HEADER]
    for index, row in enumerate(rows):
        for tag in ("tm", "to", "fm", "msg"):  # flmsg's order within a row
            fields.append((f"{tag}[{index}]", row.get(tag, "")))
    return flmsg.write(FlmsgFile("ics309", fields))


def _message_from(doc: FlmsgFile) -> tuple[dict[str, Any], dict[str, Any]]:
    values: dict[str, Any] = {"kind": doc.form, "direction": "received"}
    names = dict(TAGS[doc.form])
    for tag, value in doc.fields:
        name = names.get(tag)
        if name == "precedence" and doc.form == "radiogram":
            values["precedence"], values["test"] = _precedence_from_index(value)
        elif name:
            values[name] = value
    meta = {
        "form": doc.form,
        "version": doc.version,
        "header": [list(item) for item in doc.header],
        "order": [tag for tag, _ in doc.fields],
        "raw": dict(doc.fields),
        "crlf": doc.crlf,
        "cr_counted": doc.cr_counted,
    }
    return values, {"flmsg": meta}


def _messages_from_309(doc: FlmsgFile) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """Each line of another station's ICS-309 as a plain message it passed."""
    rows: dict[str, dict[str, str]] = {}
    for tag, value in doc.fields:
        if "[" in tag:
            name, index = tag.rstrip("]").split("[")
            rows.setdefault(index, {})[name] = value
    header = {tag: doc.get(tag) for tag in ICS309_HEADER}
    out = []
    for index, row in sorted(rows.items(), key=lambda item: int(item[0])):
        if not any(row.values()):
            continue
        values = {
            "kind": "plain",
            "direction": "relayed",
            "msg_time": row.get("tm", ""),
            "received_from": row.get("fm", ""),
            "sent_to": row.get("to", ""),
            "subject": row.get("msg", "") or "(no subject)",
            "incident": header["inc"],
            "received_net": header["net"],
        }
        out.append((values, {"ics309": {"row": int(index), "header": header}}))
    if not out:
        raise FlmsgError("this ICS-309 has no filled-in line: nothing to import", 1)
    return out


def _precedence_from_index(value: str) -> tuple[str, bool]:
    if value.isdigit() and int(value) < 2 * len(model.FLMSG_PRECEDENCE):
        index = int(value)
        return model.FLMSG_PRECEDENCE[index % 4], index >= 4
    return value, False  # kept as written; the message warns about it


def _flmsg_values(message: Mapping[str, Any], exercise: bool) -> dict[str, str]:
    values = {name: str(message.get(name) or "") for _tag, name in TAGS[message["kind"]] if name}
    if message["kind"] == "radiogram":
        # flmsg has one "to" box: name, street, city and state on their lines
        values["to_name"] = "\n".join(v for v in (values["to_name"], message.get("address")) if v)
        test = bool(message.get("test")) or exercise
        precedence = message["precedence"]
        if precedence in model.FLMSG_PRECEDENCE:
            values["precedence"] = str(model.FLMSG_PRECEDENCE.index(precedence) + 4 * test)
    elif exercise and "EXERCISE" not in values["subject"].upper():
        values["subject"] = f"EXERCISE {values['subject']}".strip()
    return values


def _same(name: str, raw: str, current: str, kind: str) -> bool:
    """Whether a value read from the file is still the message's value (as stored)."""
    if name == "precedence" and kind == "radiogram":
        return raw == current
    try:
        clean = model.validate_message({"kind": kind, "text": "x", name: raw})[name]
    except model.ValidationError:
        return False
    return str(clean) == current
