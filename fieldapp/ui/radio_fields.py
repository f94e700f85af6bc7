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

from fieldapp.ui.i18n import translate

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
    t = translate
    common = {
        "received_from": t("RadioField", "&From station"),
        "received_net": t("RadioField", "N&et"),
        "text": t("RadioField", "Te&xt"),
        "signature": t("RadioField", "Signature"),
    }
    if kind == "radiogram":
        return common | {
            "number": t("RadioField", "Number"),
            "precedence": t("RadioField", "Precedence"),
            "handling": t("RadioField", "HX"),
            "origin_station": t("RadioField", "Station of origin"),
            "check_received": t("RadioField", "Check"),
            "place_of_origin": t("RadioField", "Place of origin"),
            "time_filed": t("RadioField", "Time filed"),
            "date_filed": t("RadioField", "Date"),
            "to_name": t("RadioField", "To"),
            "address": t("RadioField", "Address"),
            "phone": t("RadioField", "Telephone"),
        }
    if kind == "ics213":
        return common | {
            "incident": t("RadioField", "1 Incident name"),
            "to_name": t("RadioField", "2 To (name)"),
            "to_position": t("RadioField", "To (position)"),
            "from_name": t("RadioField", "3 From (name)"),
            "from_position": t("RadioField", "From (position)"),
            "subject": t("RadioField", "4 Subject"),
            "msg_date": t("RadioField", "5 Date"),
            "msg_time": t("RadioField", "6 Time"),
            "text": t("RadioField", "7 Me&ssage"),
            "approved_by": t("RadioField", "8 Approved by"),
            "approved_position": t("RadioField", "Approved (position)"),
            "reply": t("RadioField", "9 Reply"),
            "replied_by": t("RadioField", "10 Replied by"),
            "replied_position": t("RadioField", "Replied (position)"),
            "reply_date": t("RadioField", "Reply date"),
            "reply_time": t("RadioField", "Reply time"),
        }
    return common | {
        "origin_station": t("RadioField", "Indicatif"),
        "number": t("RadioField", "Numéro"),
        "precedence": t("RadioField", "Priorité"),
        "from_name": t("RadioField", "Origine"),
        "to_name": t("RadioField", "Destinataire"),
        "msg_date": t("RadioField", "Date"),
        "msg_time": t("RadioField", "Heure"),
        "author_contact": t("RadioField", "Joindre l’auteur"),
        "qsl_time": t("RadioField", "Heure QSL"),
    }


def hints(kind: str) -> dict[str, str]:
    """Placeholder texts: what an operator would write there."""
    t = translate
    if kind == "radiogram":
        return {
            "precedence": t("RadioField", "R, W, P or EMERGENCY (TEST R in an exercise)"),
            "handling": t("RadioField", "e.g. HXG"),
            "check_received": t("RadioField", "as received, e.g. 12 or ARL 5"),
            "time_filed": t("RadioField", "e.g. 1830Z"),
            "date_filed": t("RadioField", "e.g. NOV 28"),
        }
    if kind == "adrasec":
        return {"precedence": t("RadioField", "routine, urgent, très urgent")}
    return {"msg_time": t("RadioField", "24 h, e.g. 14:05")}


def warning_text(code: str, english: str, counted: str = "", to_send: str = "") -> str:
    """A warning of the core (its code) as a short translated sentence for the form."""
    t = translate
    texts = {
        "unknown_precedence": t(
            "RadioWarning", "Not a precedence: kept as copied, queued as PRIORITY."
        ),
        "check_mismatch": t("RadioWarning", "Counted %1 words: pass it on as %2.")
        .replace("%1", counted)
        .replace("%2", to_send),
        "arl_prefix": t("RadioWarning", "ARL texts: the check should be %1.").replace(
            "%1", counted
        ),
        "bad_check": t("RadioWarning", "Not a check (a number, e.g. 12 or ARL 5)."),
        "not_a_number": t("RadioWarning", "A radiogram number is digits."),
        "unreadable_time": t("RadioWarning", "Not a time like 1830Z."),
        "impossible_time": t("RadioWarning", "Not a time of day (00:00 to 23:59)."),
        "unreadable_date": t("RadioWarning", "Not a date like NOV 28 or 2026-11-28."),
        "impossible_date": t("RadioWarning", "This day does not exist."),
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
