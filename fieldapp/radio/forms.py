"""What an operator reads on air or files: a message as plain text, the ICS-309 log.

`message_text` gives a message laid out as it is read on the air or pasted into a
digital mode (a radiogram's preamble, address, BT, text five words a line, BT,
signature). `build_ics309` gathers the communications log of an operational period as
an `Ics309Log`; `ics309_csv` and `ics309_flmsg` write it. `build_ics214` gives the
activity log's rows, `ics214_csv` writes them. Both logs come from `handling`: every
step of a message at this station, each relay hop a step of its own (a message relayed
twice shows both hops, from whom, to whom, when, on which net). The PDF of a form is
drawn by the UI layer (Qt) from these same objects: this module stays free of Qt.

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


def logged_precedence(message: Mapping[str, Any]) -> str:
    """The precedence as a log writes it out: "TEST ROUTINE" for an exercise's traffic."""
    precedence: str = message["precedence"]
    return f"TEST {precedence}" if message.get("test") else precedence


def _test_note(message: Mapping[str, Any]) -> str:
    """A TEST message's operator's note, for the logs: an exercise inject's names it."""
    note = message.get("op_note") if message.get("test") else ""
    return f" (OPNOTE {note})" if note else ""


def precedence_word(message: Mapping[str, Any]) -> str:
    """R, W, P or EMERGENCY as sent on air; TEST before it for an exercise message."""
    precedence: str = message["precedence"]
    word = _LETTER.get(precedence, precedence)
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
    """One row per communication of the period, oldest first (times are UTC).

    Each hop of a message is a communication of its own (F1PCT to us, us to F5XYZ, then
    to F6AAA): a message relayed twice gives three rows. A message without any hop (sent
    to nobody yet) still gets its row.
    """
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
    rows: list[tuple[str, dict[str, str]]] = []
    for message in messages:
        number = f" #{message['number']}" if message["number"] else ""
        summary = message["subject"] or " ".join(message["text"].split()[:10])
        text = f"{logged_precedence(message)} {summary}".strip() + _test_note(message)
        for event in _in_period(message, handling(message, station), period):
            if event.verb == "delivered" or (event.verb == "originated" and _hops_of(message)):
                continue  # a delivery and an origination are no radio contact
            row = {"from": f"{event.source}{number}".strip(), "to": event.target, "message": text}
            rows.append((event.at, row))
    rows.sort(key=lambda item: item[0])
    log.rows = [{"time": _minute(at), **row} for at, row in rows]
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


# -- what happened to a message at this station: both logs are made of it -------------


@dataclass(frozen=True)
class Event:
    """One step of a message's handling: originated, received, passed (a hop), delivered."""

    at: str  # UTC, ISO 8601
    verb: str
    source: str = ""
    target: str = ""
    net: str = ""
    frequency: str = ""
    mode: str = ""


def _hops_of(message: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    """The message's hops as stored (Store.radio.period); a message read without them
    has the one its own columns tell: the last station it was passed to."""
    if "hops" in message:
        return message["hops"]
    if message["sent_at"] and message["sent_to"]:
        return [{"from_station": "", "to_station": message["sent_to"],
                 "net": message["sent_net"], "at": message["sent_at"]}]  # fmt: skip
    return []


def handling(message: Mapping[str, Any], station: str = "") -> list[Event]:
    """Every step of a message at this station, in time order: each hop is one step.

    A hop with no station on one side was recorded by this station (`station`, or `?`
    when the station's call is not set). The arrival hop (from the station it was
    received from) is the reception itself.
    """
    me = station or "?"
    hops = _hops_of(message)
    sender = message["received_from"]
    arrived = message["direction"] != "sent" and any(
        sender and hop["from_station"] == sender for hop in hops
    )
    first = message["received_at"] or message["logged_at"]
    events = []
    if message["direction"] == "sent":
        origin = message["origin_station"] or me
        events.append(Event(first, "originated", origin, message["sent_to"]))
    elif not arrived:
        source = sender or message["origin_station"] or "?"
        events.append(Event(first, "received", source, me, message["received_net"]))
    for hop in hops:
        source, target = hop["from_station"] or me, hop["to_station"] or me
        verb = "received" if arrived and hop["from_station"] == sender else "passed"
        extra = (hop.get("frequency", ""), hop.get("mode", ""))
        events.append(Event(hop["at"], verb, source, target, hop["net"], *extra))
    if message["delivered_at"]:
        events.append(Event(message["delivered_at"], "delivered", me, message["delivered_to"]))
    return sorted(events, key=lambda event: event.at)


def _in_period(
    message: Mapping[str, Any], events: list[Event], period: tuple[str, str] | None
) -> list[Event]:
    """All the steps of a message logged in the period; of an older one, those in it."""
    if period is None or period[0] <= message["logged_at"] < period[1]:
        return events
    return [event for event in events if period[0] <= event.at < period[1]]


def _minute(at: str) -> str:
    return at[:16].replace("T", " ")


# -- ICS-214 activity log -------------------------------------------------------------------


def build_ics214(
    messages: Sequence[Mapping[str, Any]],
    station: str = "",
    *,
    period: tuple[str, str] | None = None,
) -> list[dict[str, str]]:
    """The notable activities of a radio position: each message logged, every hop, each
    delivery. Rows (`time`, `activity`) in time order; times are UTC as "2026-11-28 14:05".
    """
    rows: list[tuple[str, str]] = []
    for m in messages:
        ref = " ".join(
            part for part in (m["kind"].upper(), m["number"] and f"NR {m['number']}") if part
        )
        ref = f"{ref} {logged_precedence(m)}"
        for event in _in_period(m, handling(m, station), period):
            rows.append((event.at, f"{ref} {_activity(event)}{_test_note(m)}"))
    rows.sort(key=lambda row: row[0])
    return [{"time": _minute(when), "activity": what} for when, what in rows]


def _activity(event: Event) -> str:
    on = f" on {event.net}" if event.net else ""
    tuned = " ".join(part for part in (event.frequency, event.mode) if part)
    on += f" ({tuned})" if tuned else ""
    if event.verb == "originated":
        return f"originated by {event.source}"
    if event.verb == "delivered":
        return f"delivered to {event.target}" if event.target else "delivered"
    if event.verb == "received":
        return f"received from {event.source} by {event.target}{on}"
    return f"passed by {event.source} to {event.target}{on}"


def ics214_csv(
    incident: str,
    period: tuple[str, str],
    person: str,
    rows: Sequence[Mapping[str, str]],
    *,
    exercise: bool = False,
) -> str:
    """The activity log as CSV: the form's header lines, then one line per activity."""
    buffer = io.StringIO()
    out = csv.writer(buffer, lineterminator="\r\n")
    if exercise:
        out.writerow([EXERCISE_LINE])
    out.writerow(["ICS 214 ACTIVITY LOG"])
    out.writerow(["Incident name", incident])
    out.writerow(["Operational period from", period[0], "to", period[1]])
    out.writerow(["Name, ICS position, home agency", person])
    out.writerow([])
    out.writerow(["Date/time (UTC)", "Notable activities"])
    for row in rows:
        out.writerow([row["time"], row["activity"]])
    out.writerow([])
    out.writerow(["Prepared by", person])
    if exercise:
        out.writerow([EXERCISE_LINE])
    return buffer.getvalue()
