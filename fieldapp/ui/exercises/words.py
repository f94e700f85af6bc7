"""The exercise desk's coded values and field names in words (English source, French
translation). Functions: the words are read in the language in force when called.
GUI thread (translations are Qt's).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

if TYPE_CHECKING:
    from fieldapp.exercises.response import Response

translate = QCoreApplication.translate


def channel_labels() -> dict[str, str]:
    """How an inject reaches the players (exercises/injects.CHANNELS)."""
    return {
        "social": translate("Exercises", "Social media post"),
        "alert": translate("Exercises", "Official alert"),
        "radio": translate("Exercises", "Radio message"),
        "phone": translate("Exercises", "Phone call"),
        "sms": translate("Exercises", "SMS"),
        "email": translate("Exercises", "E-mail"),
        "other": translate("Exercises", "Other"),
    }


def status_labels() -> dict[str, str]:
    return {
        "pending": translate("Exercises", "Pending"),
        "released": translate("Exercises", "Released"),
        "skipped": translate("Exercises", "Skipped"),
    }


def progress_text(response: Response | None) -> str:
    """A released inject's status: "Answered after 4 min 05 s" once a player acted on it,
    else "Seen after 40 s" once a player opened what it delivered, else "Released"."""
    if response is not None and response.seconds is not None:
        text = translate("Exercises", "Answered after %1")
        return text.replace("%1", duration_text(response.seconds))
    if response is not None and response.seen_seconds is not None:
        text = translate("Exercises", "Seen after %1")
        return text.replace("%1", duration_text(response.seen_seconds))
    return status_labels()["released"]


def duration_text(seconds: float) -> str:
    """A delay in words: "45 s", "4 min 05 s", "1 h 02 min"."""
    whole = max(0, round(seconds))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        text = translate("Exercises", "%1 h %2 min")
        return text.replace("%1", str(hours)).replace("%2", f"{minutes:02d}")
    if minutes:
        text = translate("Exercises", "%1 min %2 s")
        return text.replace("%1", str(minutes)).replace("%2", f"{secs:02d}")
    return translate("Exercises", "%1 s").replace("%1", str(secs))


def detail_hints() -> dict[str, str]:
    """The channel details a release uses (exercises/release.py), by channel."""
    report = translate("Exercises", "kind, severity (1 to 5), place, lat, lon")
    return {
        "social": translate("Exercises", "handle, language"),
        "alert": translate(
            "Exercises",
            "area (INSEE:30 NUTS3:FRJ12) or lat, lon, radius_km; event, severity, urgency,"
            " certainty, instruction, expires",
        ),
        "radio": translate("Exercises", "precedence (ROUTINE, PRIORITY…), station"),
        "phone": report,
        "sms": report,
        "email": report,
        "other": report,
    }


def clock_labels() -> dict[str, str]:
    return {
        "stopped": translate("Exercises", "Not started"),
        "running": translate("Exercises", "Running"),
        "paused": translate("Exercises", "Paused"),
    }


def section_labels() -> dict[str, str]:
    """The parts of the after-action report the trainer writes (exercises/aar.SECTIONS)."""
    return {
        "strength": translate("Exercises", "Strength"),
        "improvement": translate("Exercises", "Area for improvement"),
        "action": translate("Exercises", "Improvement plan action"),
    }


def receipt_field_labels(kind: str = "") -> dict[str, str]:
    """The names of a read receipt's fields."""
    return {
        "entity": translate("Exercises", "Opened"),
        "record_id": translate("Exercises", "Record"),
        "seen_at": translate("Exercises", "Seen at"),
        "author": translate("Exercises", "Player"),
    }


def field_labels(kind: str = "") -> dict[str, str]:
    """The names of the desk's record fields (injects, the clock, observer notes)."""
    return {
        "number": translate("Exercises", "Inject number"),
        "at_s": translate("Exercises", "Time on the exercise clock"),
        "channel": translate("Exercises", "Channel"),
        "sender": translate("Exercises", "From"),
        "recipient": translate("Exercises", "To"),
        "content": translate("Exercises", "Content"),
        "expected_action": translate("Exercises", "Expected player action"),
        "controller_note": translate("Exercises", "Controller's note"),
        "controller": translate("Exercises", "Responsible controller"),
        "follows": translate("Exercises", "Follows inject"),
        "details": translate("Exercises", "Channel details"),
        "translations": translate("Exercises", "Translations"),
        "status": translate("Exercises", "Status"),
        "released_at": translate("Exercises", "Released at"),
        "delivered": translate("Exercises", "Delivered as"),
        "author": translate("Exercises", "Author"),
        "state": translate("Exercises", "Clock"),
        "offset_s": translate("Exercises", "Exercise time when started"),
        "started_at": translate("Exercises", "Started at"),
        "speed": translate("Exercises", "Speed"),
        "inject_id": translate("Exercises", "Inject"),
        "player": translate("Exercises", "Player"),
        "at": translate("Exercises", "At"),
        "exercise_s": translate("Exercises", "Exercise time"),
        "text": translate("Exercises", "Note"),
    }


def entry_field_labels(kind: str = "") -> dict[str, str]:
    """The fields of a trainer's after-action entry."""
    return {
        "section": translate("Exercises", "Section"),
        "text": translate("Exercises", "Text"),
        "capability": translate("Exercises", "Capability"),
        "owner": translate("Exercises", "Owner"),
        "due": translate("Exercises", "Due date"),
        "author": translate("Exercises", "Author"),
    }


def run_field_labels(kind: str = "") -> dict[str, str]:
    """The fields of an archived run of an exercise."""
    return {
        "number": translate("Exercises", "Run"),
        "started_at": translate("Exercises", "Started at"),
        "ended_at": translate("Exercises", "Ended at"),
        "archive": translate("Exercises", "Archive file"),
        "summary": translate("Exercises", "Responses and notes"),
        "author": translate("Exercises", "Author"),
    }


_EDIT = re.compile(r"^(item|report|radio_message) (\w+): (.*)$")
_RELAY = re.compile(r"^relay (\w+) ?(.*)$")
_HOP = re.compile(r"^hop to (.*)$")


def action_text(what: str) -> str:
    """A player's action as exercises/response.py words it ("item status: rumour",
    "relay radio F4ABC", "hop to F5XYZ"), in the window's language; unknown words as
    they are (an archived run of an older release)."""
    if what == "public message drafted":
        return translate("Exercises", "Public message drafted")
    if match := _EDIT.match(what):
        entity, field, value = match.groups()
        return (
            translate("Exercises", "%1, %2: %3")
            .replace("%1", _records().get(entity, entity))
            .replace("%2", _fields().get(field, field))
            .replace("%3", _values().get(value, value))
        )
    if match := _RELAY.match(what):
        channel, via = match.groups()
        text = translate("Exercises", "Relayed (%1)").replace("%1", channel)
        return f"{text} {via}".strip()
    if match := _HOP.match(what):
        return translate("Exercises", "Passed on to %1").replace("%1", match.group(1))
    return what


def _records() -> dict[str, str]:
    return {
        "item": translate("Exercises", "Post"),
        "report": translate("Exercises", "Report"),
        "radio_message": translate("Exercises", "Radio message"),
    }


def _fields() -> dict[str, str]:
    return {
        "status": translate("Exercises", "status"),
        "claimed_by": translate("Exercises", "claimed by"),
        "report_id": translate("Exercises", "linked to a report"),
        "cluster_pin": translate("Exercises", "regrouped"),
        "verification": translate("Exercises", "verification"),
        "verified_by": translate("Exercises", "verified by"),
        "severity": translate("Exercises", "severity"),
        "place": translate("Exercises", "place"),
        "lat": translate("Exercises", "position"),
        "lon": translate("Exercises", "position"),
        "title": translate("Exercises", "title"),
        "body": translate("Exercises", "text"),
        "duplicate_of": translate("Exercises", "duplicate of"),
        "sent_to": translate("Exercises", "sent to"),
        "delivered_to": translate("Exercises", "delivered to"),
        "sent_at": translate("Exercises", "sent at"),
        "delivered_at": translate("Exercises", "delivered at"),
    }


def _values() -> dict[str, str]:
    """The coded values a player's action sets most often."""
    return {
        "rumour": translate("Exercises", "rumour"),
        "dismissed": translate("Exercises", "dismissed"),
        "promoted": translate("Exercises", "promoted to a report"),
        "attached": translate("Exercises", "attached to a report"),
        "new": translate("Exercises", "new"),
        "triaged": translate("Exercises", "triaged"),
        "in_progress": translate("Exercises", "in progress"),
        "closed": translate("Exercises", "closed"),
        "duplicate": translate("Exercises", "duplicate"),
        "confirmed": translate("Exercises", "confirmed"),
        "unverified": translate("Exercises", "unverified"),
        "debunked": translate("Exercises", "debunked"),
        "received": translate("Exercises", "received"),
        "waiting_relay": translate("Exercises", "waiting to be relayed"),
        "relayed": translate("Exercises", "relayed"),
        "delivered": translate("Exercises", "delivered"),
        "serviced": translate("Exercises", "serviced"),
    }
