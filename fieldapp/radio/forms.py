"""What an operator reads on air or files: a message as plain text, the ICS-309 log.

`message_text` gives a message laid out as it is read on the air or pasted into a
digital mode (a radiogram's preamble, address, BT, text five words a line, BT,
signature). `build_ics309` gathers the communications log of an operational period as
an `Ics309Log`; `ics309_csv` and `ics309_flmsg` write it. The PDF of a form is drawn by
the UI layer (Qt) from these same objects: this module stays free of Qt.

Everything produced for an exercise operation says EXERCISE. Pure functions: any thread.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from fieldapp.radio import convert

EXERCISE_LINE = "EXERCISE EXERCISE EXERCISE"
WORDS_PER_LINE = 5  # the radiogram blank's five words a line: easy to count on air
_LETTER = {"ROUTINE": "R", "WELFARE": "W", "PRIORITY": "P"}


def message_text(message: Mapping[str, Any], *, exercise: bool = False) -> str:
    """A message as plain text, lines ending with LF; EXERCISE before and after if so."""
    kind = message["kind"]
    if exercise:
        message = {**message, "test": True}  # TEST R: the exercise says so in the preamble
    body = {
        "radiogram": _radiogram,
        "ics213": _ics213,
        "adrasec": _adrasec,
        "plain": _plain,
    }[kind](message)
    lines = [line.rstrip() for line in body]
    if exercise:
        lines = [EXERCISE_LINE, *lines, EXERCISE_LINE]
    return "\n".join(lines) + "\n"


def precedence_word(message: Mapping[str, Any]) -> str:
    """R, W, P or EMERGENCY as sent on air; TEST before it for an exercise message."""
    word = _LETTER.get(message["precedence"], message["precedence"])
    return f"TEST {word}" if message.get("test") else word


def _radiogram(m: Mapping[str, Any]) -> list[str]:
    preamble = [
        "NR",
        m["number"],
        precedence_word(m),
        m["handling"],
        m["origin_station"],
        m.get("check") or m["check_received"],
        m["place_of_origin"],
        m["time_filed"],
        m["date_filed"],
    ]
    lines = [" ".join(part for part in preamble if part), *_lines(m["to_name"])]
    lines += _lines(m["address"]) + ([m["phone"]] if m["phone"] else [])
    if m["op_note"]:
        lines.append(f"OPNOTE {m['op_note']}")
    lines.append("BT")
    words = m["text"].split()
    for start in range(0, len(words), WORDS_PER_LINE):
        lines.append(" ".join(words[start : start + WORDS_PER_LINE]))
    lines += ["BT", *_lines(m["signature"])]
    if m["op_note2"]:
        lines.append(f"OPNOTE {m['op_note2']}")
    return [*lines, "AR"]


def _ics213(m: Mapping[str, Any]) -> list[str]:
    lines = ["ICS 213 GENERAL MESSAGE"]
    lines += _labelled(
        ("INCIDENT", m["incident"]),
        ("TO", _with_position(m["to_name"], m["to_position"])),
        ("FROM", _with_position(m["from_name"], m["from_position"])),
        ("SUBJECT", m["subject"]),
        ("DATE", m["msg_date"]),
        ("TIME", m["msg_time"]),
    )
    lines += ["MESSAGE:", *_lines(m["text"])]
    lines += _labelled(("APPROVED BY", _with_position(m["approved_by"], m["approved_position"])))
    if m["reply"] or m["replied_by"]:
        lines += ["REPLY:", *_lines(m["reply"])]
        lines += _labelled(
            ("REPLIED BY", _with_position(m["replied_by"], m["replied_position"])),
            ("DATE", m["reply_date"]),
            ("TIME", m["reply_time"]),
        )
    return lines


def _adrasec(m: Mapping[str, Any]) -> list[str]:
    reference = "/".join(part for part in (m["origin_station"], m["number"]) if part)
    lines = [f"MESSAGE {reference}".strip(), f"PRIORITE: {m['precedence']}"]
    lines += _labelled(
        ("ORIGINE", m["from_name"]),
        ("DESTINATAIRE", m["to_name"]),
        ("DATE", m["msg_date"]),
        ("HEURE", m["msg_time"]),
    )
    lines += ["TEXTE:", *_lines(m["text"].upper())]
    lines += _labelled(
        ("SIGNATURE", m["signature"]),
        ("JOINDRE L'AUTEUR", m["author_contact"]),
        ("RECU DE", m["received_from"]),
        ("TRANSMIS A", m["sent_to"]),
        ("HEURE QSL", m["qsl_time"]),
    )
    return lines


def _plain(m: Mapping[str, Any]) -> list[str]:
    lines = _labelled(
        ("FROM", m["from_name"] or m["received_from"]),
        ("TO", m["to_name"] or m["sent_to"]),
        ("SUBJECT", m["subject"]),
        ("TIME", m["msg_time"]),
    )
    return [*lines, "", *_lines(m["text"])]


def _lines(text: str) -> list[str]:
    return [line for line in text.replace("\r\n", "\n").split("\n") if line.strip()]


def _labelled(*pairs: tuple[str, str]) -> list[str]:
    return [f"{label}: {value}" for label, value in pairs if value]


def _with_position(name: str, position: str) -> str:
    return f"{name} ({position})" if name and position else name or position


# -- ICS-309 communications log -------------------------------------------------------------


@dataclass
class Ics309Log:
    """The communications log of one operational period, ready to be written or drawn."""

    incident: str
    period_from: str
    period_to: str
    net: str = ""
    operator: str = ""
    prepared_by: str = ""
    prepared_at: str = ""
    exercise: bool = False
    rows: list[dict[str, str]] = field(default_factory=list)  # time, from, to, message


def build_ics309(
    operation: Mapping[str, Any],
    messages: Sequence[Mapping[str, Any]],
    *,
    period: tuple[str, str],
    station: str = "",
    operator: str = "",
    net: str = "",
    prepared_at: str = "",
) -> Ics309Log:
    """One row per message logged in the period, oldest first (times are UTC)."""
    log = Ics309Log(
        incident=operation["name"],
        period_from=period[0],
        period_to=period[1],
        net=net,
        operator=" ".join(part for part in (operator, station) if part),
        prepared_by=" ".join(part for part in (operator, station) if part),
        prepared_at=prepared_at,
        exercise=bool(operation["exercise"]),
    )
    for message in messages:
        log.rows.append(_row(message, station))
    return log


def ics309_csv(log: Ics309Log) -> str:
    """The log as CSV: the form's header lines, then one line per message."""
    buffer = io.StringIO()
    out = csv.writer(buffer, lineterminator="\r\n")
    if log.exercise:
        out.writerow([EXERCISE_LINE])
    out.writerow(["ICS 309 COMMUNICATIONS LOG"])
    out.writerow(["Incident name", log.incident])
    out.writerow(["Operational period from", log.period_from, "to", log.period_to])
    out.writerow(["Radio net name", log.net])
    out.writerow(["Radio operator", log.operator])
    out.writerow([])
    out.writerow(["Time (UTC)", "From", "To", "Message"])
    for row in log.rows:
        out.writerow([row["time"], row["from"], row["to"], row["message"]])
    out.writerow([])
    out.writerow(["Prepared by", log.prepared_by])
    out.writerow(["Date and time prepared", log.prepared_at])
    if log.exercise:
        out.writerow([EXERCISE_LINE])
    return buffer.getvalue()


def ics309_flmsg(log: Ics309Log) -> bytes:
    """The log as flmsg's .309 form (its first 34 lines: the form has no more)."""
    incident = f"EXERCISE {log.incident}" if log.exercise else log.incident
    day_from, _, time_from = log.period_from.partition("T")
    day_to, _, time_to = log.period_to.partition("T")
    header = {
        "inc": incident, "dfm": day_from, "tfm": time_from[:5], "dto": day_to,
        "tto": time_to[:5], "pre": log.prepared_by, "dtm": log.prepared_at, "net": log.net,
        "opr": log.operator,
    }  # fmt: skip
    rows = [
        {"tm": r["time"], "fm": r["from"], "to": r["to"], "msg": r["message"]}
        for r in log.rows[: convert.ICS309_ROWS]
    ]
    return convert.log_to_ics309(header, rows)


def _row(message: Mapping[str, Any], station: str) -> dict[str, str]:
    when = message["received_at"] or message["sent_at"] or message["logged_at"]
    number = f" #{message['number']}" if message["number"] else ""
    if message["direction"] == "sent":
        source, target = (message["origin_station"] or station) + number, message["sent_to"]
    else:
        source = (message["received_from"] or message["origin_station"]) + number
        target = message["sent_to"] or station
    summary = message["subject"] or " ".join(message["text"].split()[:10])
    return {
        "time": when[:16].replace("T", " "),
        "from": source.strip(),
        "to": target,
        "message": f"{message['precedence']} {summary}".strip(),
    }


# -- ICS-214 activity log -------------------------------------------------------------------


def build_ics214(messages: Sequence[Mapping[str, Any]], station: str = "") -> list[dict[str, str]]:
    """The notable activities of a radio position: each message logged, relayed, delivered.

    Rows (`time`, `activity`) in time order; times are UTC as "2026-11-28 14:05".
    """
    rows: list[tuple[str, str]] = []
    for m in messages:
        ref = " ".join(
            part for part in (m["kind"].upper(), m["number"] and f"NR {m['number']}") if part
        )
        ref = f"{ref} {m['precedence']}"
        first = m["received_at"] or m["logged_at"]
        if m["direction"] == "sent":
            rows.append((first, f"{ref} originated by {m['origin_station'] or station}"))
        else:
            source = m["received_from"] or m["origin_station"] or "?"
            rows.append((first, f"{ref} received from {source}"))
        if m["sent_at"] and m["sent_to"]:
            net = f" on {m['sent_net']}" if m["sent_net"] else ""
            rows.append((m["sent_at"], f"{ref} passed to {m['sent_to']}{net}"))
        if m["delivered_at"]:
            to = f" to {m['delivered_to']}" if m["delivered_to"] else ""
            rows.append((m["delivered_at"], f"{ref} delivered{to}"))
    rows.sort()
    return [{"time": when[:16].replace("T", " "), "activity": what} for when, what in rows]
