"""The fields of the radio entry form: their on-air order per kind, labels and warnings.

Each kind of message is copied in the order it is read on the air: a radiogram's
preamble (number, precedence, HX, station of origin, check, place of origin, time filed,
date), then address, text and signature; the ICS-213 and the French ADRASEC message in
the order of their forms. The station the message comes from and the net come first:
the operator knows them when the station calls, before the message starts.

The core's warnings (fieldapp.radio.model.warnings) are turned into translated sentences
here. Pure functions apart from translation: GUI thread (translators are per thread).
"""

from __future__ import annotations

from datetime import UTC, datetime

from fieldapp.ui.kit.i18n import translate

ORDER: dict[str, tuple[str, ...]] = {
    "radiogram": (
        "received_from",
        "received_net",
        "number",
        "precedence",
        "handling",
        "origin_station",
        "check_received",
        "place_of_origin",
        "time_filed",
        "date_filed",
        "to_name",
        "address",
        "phone",
        "text",
        "signature",
    ),
    "ics213": (
        "received_from",
        "received_net",
        "incident",
        "to_name",
        "to_position",
        "from_name",
        "from_position",
        "subject",
        "msg_date",
        "msg_time",
        "text",
        "approved_by",
        "approved_position",
        "reply",
        "replied_by",
        "replied_position",
        "reply_date",
        "reply_time",
    ),
    "adrasec": (
        "received_from",
        "received_net",
        "origin_station",
        "number",
        "precedence",
        "from_name",
        "to_name",
        "msg_date",
        "msg_time",
        "text",
        "signature",
        "author_contact",
        "qsl_time",
    ),
}
KINDS = tuple(ORDER)
MULTILINE = ("address", "text", "reply")
UPPER = ("received_from", "origin_station", "precedence", "handling")
_MONTHS = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")


def labels(kind: str) -> dict[str, str]:
    """Field labels as each form names them, with a mnemonic on the first fields."""
    common = {
        "received_from": translate("RadioField", "&From station"),
        "received_net": translate("RadioField", "N&et"),
        "text": translate("RadioField", "Te&xt"),
        "signature": translate("RadioField", "Signature"),
    }
    if kind == "radiogram":
        return common | {
            "number": translate("RadioField", "Number"),
            "precedence": translate("RadioField", "Precedence"),
            "handling": translate("RadioField", "HX"),
            "origin_station": translate("RadioField", "Station of origin"),
            "check_received": translate("RadioField", "Check"),
            "place_of_origin": translate("RadioField", "Place of origin"),
            "time_filed": translate("RadioField", "Time filed"),
            "date_filed": translate("RadioField", "Date"),
            "to_name": translate("RadioField", "To"),
            "address": translate("RadioField", "Address"),
            "phone": translate("RadioField", "Telephone"),
        }
    if kind == "ics213":
        return common | {
            "incident": translate("RadioField", "1 Incident name"),
            "to_name": translate("RadioField", "2 To (name)"),
            "to_position": translate("RadioField", "To (position)"),
            "from_name": translate("RadioField", "3 From (name)"),
            "from_position": translate("RadioField", "From (position)"),
            "subject": translate("RadioField", "4 Subject"),
            "msg_date": translate("RadioField", "5 Date"),
            "msg_time": translate("RadioField", "6 Time"),
            "text": translate("RadioField", "7 Me&ssage"),
            "approved_by": translate("RadioField", "8 Approved by"),
            "approved_position": translate("RadioField", "Approved (position)"),
            "reply": translate("RadioField", "9 Reply"),
            "replied_by": translate("RadioField", "10 Replied by"),
            "replied_position": translate("RadioField", "Replied (position)"),
            "reply_date": translate("RadioField", "Reply date"),
            "reply_time": translate("RadioField", "Reply time"),
        }
    return common | {
        "origin_station": translate("RadioField", "Indicatif"),
        "number": translate("RadioField", "Numéro"),
        "precedence": translate("RadioField", "Priorité"),
        "from_name": translate("RadioField", "Origine"),
        "to_name": translate("RadioField", "Destinataire"),
        "msg_date": translate("RadioField", "Date"),
        "msg_time": translate("RadioField", "Heure"),
        "author_contact": translate("RadioField", "Joindre l’auteur"),
        "qsl_time": translate("RadioField", "Heure QSL"),
    }


def hints(kind: str) -> dict[str, str]:
    """Placeholder texts: what an operator would write there."""
    if kind == "radiogram":
        return {
            "precedence": translate("RadioField", "R, W, P or EMERGENCY (TEST R in an exercise)"),
            "handling": translate("RadioField", "e.g. HXG"),
            "check_received": translate("RadioField", "as received, e.g. 12 or ARL 5"),
            "time_filed": translate("RadioField", "e.g. 1830Z"),
            "date_filed": translate("RadioField", "e.g. NOV 28"),
        }
    if kind == "adrasec":
        return {"precedence": translate("RadioField", "routine, urgent, très urgent")}
    return {"msg_time": translate("RadioField", "24 h, e.g. 14:05")}


def warning_text(code: str, english: str, counted: str = "", to_send: str = "") -> str:
    """A warning of the core (its code) as a short translated sentence for the form."""
    texts = {
        "unknown_precedence": translate(
            "RadioWarning", "Not a precedence: kept as copied, queued as PRIORITY."
        ),
        "check_mismatch": translate("RadioWarning", "Counted %1 words: pass it on as %2.")
        .replace("%1", counted)
        .replace("%2", to_send),
        "arl_prefix": translate("RadioWarning", "ARL texts: the check should be %1.").replace(
            "%1", counted
        ),
        "bad_check": translate("RadioWarning", "Not a check (a number, e.g. 12 or ARL 5)."),
        "not_a_number": translate("RadioWarning", "A radiogram number is digits."),
        "unreadable_time": translate("RadioWarning", "Not a time like 1830Z."),
        "impossible_time": translate("RadioWarning", "Not a time of day (00:00 to 23:59)."),
        "unreadable_date": translate("RadioWarning", "Not a date like NOV 28 or 2026-11-28."),
        "impossible_date": translate("RadioWarning", "This day does not exist."),
    }
    return texts.get(code, english)


def now_defaults(kind: str, now: datetime | None = None) -> dict[str, str]:
    """Date and time fields of a message this station writes now (UTC)."""
    now = now or datetime.now(UTC)
    if kind == "radiogram":
        return {
            "time_filed": now.strftime("%H%MZ"),
            "date_filed": f"{_MONTHS[now.month - 1]} {now.day}",
        }
    return {"msg_date": now.strftime("%Y-%m-%d"), "msg_time": now.strftime("%H:%M")}
