"""The radio message: its vocabulary, its status rules, and validation with warnings.

Three kinds of message share one record: an NTS radiogram, an ICS-213 general message,
a French ADRASEC message; `plain` holds what has no form of its own (a Winlink message,
a line of another station's ICS-309). Fields a kind does not use stay empty.

Validation separates errors from warnings. An error (unknown field, unknown kind, a time
stamp that is not a time) refuses the save. A warning (unknown precedence, check that
does not match the text, a time filed of 2561Z) never blocks the operator, who copies
what was sent: the value is kept as given, never rewritten, and the warning is shown with
the message. Warnings are computed from the stored fields on every read, so they are
never stale after an edit or a sync.

Pure functions and constants: safe from any thread.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from collections.abc import Mapping
from datetime import date
from typing import Any

from fieldapp.core.errors import ValidationError
from fieldapp.core.times import parse_time
from fieldapp.radio import check as checks

KINDS = ("radiogram", "ics213", "adrasec", "plain")
DIRECTIONS = ("received", "sent", "relayed")
STATUSES = ("received", "waiting_relay", "relayed", "delivered", "serviced")
# received -> waiting for relay -> relayed | delivered -> serviced. A relay that was not
# acknowledged goes back to the queue (relayed -> waiting_relay).
TRANSITIONS: dict[str, tuple[str, ...]] = {
    "received": ("waiting_relay", "relayed", "delivered"),
    "waiting_relay": ("relayed", "delivered"),
    "relayed": ("serviced", "waiting_relay"),
    "delivered": ("serviced",),
    "serviced": (),
}
QUEUED = ("received", "waiting_relay")  # what must still be passed on or delivered
INITIAL_STATUS = {"received": "received", "sent": "waiting_relay", "relayed": "relayed"}

PRECEDENCES = ("EMERGENCY", "PRIORITY", "WELFARE", "ROUTINE", "TRES URGENT", "URGENT")
# Handling order; the French levels sit with their NTS equivalents. An unknown precedence
# ranks with PRIORITY: looked at early rather than forgotten at the bottom of the queue.
RANK = {"EMERGENCY": 0, "TRES URGENT": 0, "PRIORITY": 1, "URGENT": 1, "WELFARE": 2, "ROUTINE": 3}
UNKNOWN_RANK = 1
_ALIASES = {"R": "ROUTINE", "W": "WELFARE", "P": "PRIORITY", "TRES-URGENT": "TRES URGENT"}
# flmsg's precedence index (RADIO.md): 0-3 plain, 4-7 the same preceded by TEST.
FLMSG_PRECEDENCE = ("ROUTINE", "WELFARE", "PRIORITY", "EMERGENCY")

TEXT_FIELDS = (
    # the preamble (radiogram), the French indicatif/numero, the ICS-213 header
    "number", "precedence", "handling", "origin_station", "check_received", "place_of_origin",
    "time_filed", "date_filed", "incident", "subject", "msg_date", "msg_time",
    # who it is for and from
    "to_name", "to_position", "address", "phone", "from_name", "from_position",
    "author_contact",
    # the message
    "text", "signature", "op_note", "op_note2",
    "approved_by", "approved_position", "reply", "replied_by", "replied_position",
    "reply_date", "reply_time",
    # how it travelled at this station
    "received_from", "received_net", "sent_to", "sent_net", "delivered_to",
    "frequency", "mode", "qsl_time",
)  # fmt: skip
TIME_FIELDS = ("received_at", "sent_at", "delivered_at")
MESSAGE_FIELDS = ("kind", "direction", "status", "test", *TEXT_FIELDS, *TIME_FIELDS)
DEFAULTS: dict[str, Any] = {
    "kind": "radiogram",
    "direction": "received",
    "status": None,
    "test": False,
    **dict.fromkeys(TEXT_FIELDS, ""),
    **dict.fromkeys(TIME_FIELDS, None),
}
_UPPER = ("precedence", "handling", "origin_station", "received_from", "sent_to", "mode")
_CLOCK = re.compile(r"^(\d{1,2}):?(\d{2})\s*(Z|UTC|L|LOCAL)?$", re.IGNORECASE)
_MONTHS = {name.upper(): n for n, name in enumerate(calendar.month_abbr) if name}
_DAY_MONTH = re.compile(r"^(?:([A-Z]{3})\w*\s+(\d{1,2})|(\d{1,2})\s+([A-Z]{3})\w*)(?:\s+(\d{4}))?$")


def precedence_of(raw: str) -> tuple[str, bool]:
    """(precedence, test) from what an operator or a file says: `r`, `TEST P`, `très urgent`."""
    text = _plain(raw).upper().strip()
    test = text.startswith("TEST ")
    if test:
        text = text[5:].strip()
    text = " ".join(text.split())
    return _ALIASES.get(text, text), test


def rank(precedence: str) -> int:
    return RANK.get(precedence, UNKNOWN_RANK)


def validate_message(values: Mapping[str, Any]) -> dict[str, Any]:
    """Check a full set of message fields and return them in stored form.

    Raises ValidationError naming every bad field (unknown names included). Values that
    only deserve a warning are kept as given (trimmed; calls and precedence in capitals).
    """
    errors: dict[str, tuple[str, str]] = {}
    for name in values:
        if name not in MESSAGE_FIELDS:
            errors[name] = ("unknown_field", "is not a radio message field")
    out = {**DEFAULTS, **{k: v for k, v in values.items() if k in MESSAGE_FIELDS}}
    for name, allowed in (("kind", KINDS), ("direction", DIRECTIONS)):
        if out[name] not in allowed:
            errors[name] = ("unknown_value", f"{out[name]!r} is not one of {', '.join(allowed)}")
    for name in TEXT_FIELDS:
        out[name] = _text(out[name])
        if name in _UPPER:
            out[name] = out[name].upper()
    if out["precedence"]:
        out["precedence"], test = precedence_of(out["precedence"])
        out["test"] = bool(out["test"]) or test
    else:
        out["precedence"] = "ROUTINE"
    out["test"] = bool(out["test"])
    if out["status"] in (None, ""):
        out["status"] = INITIAL_STATUS.get(out["direction"], "received")
    elif out["status"] not in STATUSES:
        errors["status"] = (
            "unknown_value",
            f"{out['status']!r} is not one of {', '.join(STATUSES)}",
        )
    for name in TIME_FIELDS:
        out[name] = _stamp(out[name], name, errors)
    if not out["text"] and not out["subject"] and not out["reply"]:
        errors["text"] = ("required", "a message needs a text (or a subject)")
    if errors:
        raise ValidationError(errors)
    return out


def check_transition(current: str, new: str) -> None:
    """Raise ValidationError unless a message may go from status `current` to `new`."""
    if new not in STATUSES:
        raise ValidationError(
            {"status": ("unknown_value", f"{new!r} is not one of {', '.join(STATUSES)}")}
        )
    if new != current and new not in TRANSITIONS[current]:
        allowed = ", ".join(TRANSITIONS[current]) or "nothing (it is finished)"
        raise ValidationError(
            {"status": ("bad_transition", f"a {current} message can go to {allowed}, not {new}")}
        )


def warnings(message: Mapping[str, Any]) -> dict[str, tuple[str, str]]:
    """Field -> (code, message) for what the operator should look at; never blocks a save."""
    found: dict[str, tuple[str, str]] = {}
    precedence = message["precedence"]
    if precedence not in PRECEDENCES:
        found["precedence"] = (
            "unknown_precedence",
            f"{precedence!r} is not a precedence (R, W, P, EMERGENCY; routine, urgent, "
            "très urgent): kept as received, queued as PRIORITY",
        )
    if message["kind"] == "radiogram":
        problem = checks.check_problem(message["check_received"], message["text"])
        if problem:
            found["check_received"] = problem
        if message["number"] and not message["number"].isdigit():
            found["number"] = (
                "not_a_number",
                f"{message['number']!r}: a radiogram number is digits",
            )
    for name in ("time_filed", "msg_time", "reply_time", "qsl_time"):
        problem = clock_problem(message[name])
        if problem:
            found[name] = problem
    for name in ("date_filed", "msg_date", "reply_date"):
        problem = date_problem(message[name])
        if problem:
            found[name] = problem
    return found


def clock_problem(text: str) -> tuple[str, str] | None:
    """A time of day as written on a form (1830Z, 18:30, 0003 UTC) that cannot be."""
    if not text:
        return None
    match = _CLOCK.match(text.strip())
    if match is None:
        return ("unreadable_time", f"{text!r} is not a time like 1830Z")
    hours, minutes = int(match[1]), int(match[2])
    if hours > 23 or minutes > 59 or (hours == 24 and minutes == 0):
        return ("impossible_time", f"{text!r} is not a time of day (00:00 to 23:59)")
    return None


def date_problem(text: str) -> tuple[str, str] | None:
    """A date as written on a form (DEC 25, 25 DEC, 2026-12-25) that cannot be."""
    if not text:
        return None
    raw = text.strip().upper()
    try:
        date.fromisoformat(raw)
        return None
    except ValueError:
        pass
    match = _DAY_MONTH.match(raw)
    if match is None:
        if re.match(r"^\d{4}-\d{2}-\d{2}$", raw):
            return ("impossible_date", f"{text!r} is not a date of the calendar")
        return ("unreadable_date", f"{text!r} is not a date like DEC 25 or 2026-12-25")
    month_name = match[1] or match[4]
    day = int(match[2] or match[3])
    month = _MONTHS.get(month_name)
    year = int(match[5]) if match[5] else 2024  # a leap year: FEB 29 is possible
    if month is None:
        return ("unreadable_date", f"{month_name!r} is not a month (JAN ... DEC)")
    if not 1 <= day <= calendar.monthrange(year, month)[1]:
        return ("impossible_date", f"{text!r}: {month_name} has no day {day}")
    return None


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _plain(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", str(text or ""))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _stamp(value: Any, name: str, errors: dict[str, tuple[str, str]]) -> str | None:
    if value in (None, ""):
        return None
    try:
        return parse_time(str(value))
    except ValueError as exc:
        errors[name] = ("bad_time", str(exc))
        return None


# An amateur call sign: an optional country prefix with a slash (F/ON4ABC), a prefix of
# letters and digits, one digit, a suffix of letters, an optional /P, /M, /4... after it.
_CALL = re.compile(r"^([A-Z0-9]{1,3}/)?[A-Z0-9]{1,3}[0-9][A-Z]{1,4}(/[A-Z0-9]{1,4})?$")


def call_sign_problem(call: str) -> str | None:
    """Why `call` is not a station's call sign ("F4ABC", "W1AW/4"), else None."""
    text = call.strip().upper()
    if not text:
        return "a call sign is needed"
    if not _CALL.match(text):
        return f"{call.strip()!r} is not a call sign (like F4ABC or W1AW/4)"
    return None
