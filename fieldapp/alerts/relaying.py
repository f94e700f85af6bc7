"""What relaying an official alert prefills: a radiogram for the radio desk, a public
message for the outreach editor. Pure functions of a stored alert (its CAP content),
any thread.

A radiogram is short (RADIO.md: aim for 25 words or fewer in the text), in capitals, with
X for a full stop and no other punctuation; its precedence follows the alert's severity
(Extreme: EMERGENCY, Severe: PRIORITY, else ROUTINE) and the CAP identifier travels in the
text (`REF ...`), so a station that receives it can say which alert it relays. In an
exercise the message is a TEST one (RADIO.md: precedence preceded by TEST).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

MAX_WORDS = 25
PRECEDENCE = {"Extreme": "EMERGENCY", "Severe": "PRIORITY"}
_NOT_RADIO = re.compile(r"[^A-Z0-9/ ]+")


def pick_info(alert: Mapping[str, Any], language: str = "") -> Mapping[str, Any] | None:
    """The alert's info block in `language` ("fr" matches "fr-FR"), else its first."""
    infos = alert["cap"].get("infos") or []
    wanted = language.lower().split("-")[0]
    for info in infos:
        if wanted and str(info.get("language", "")).lower().split("-")[0] == wanted:
            return info
    return infos[0] if infos else None


def radiogram_values(alert: Mapping[str, Any], *, exercise: bool, language: str = "") -> dict:
    """The radio desk's entry form, prefilled to relay the alert (a message we send)."""
    info = pick_info(alert, language) or {}
    areas = [a.get("description", "") for a in info.get("areas", [])][:3]
    until = _radio_time(alert.get("expires"))
    words = [
        *_radio_words(info.get("event") or alert["event"]),
        *_radio_words(" ".join(areas)),
        *(["UNTIL", until] if until else []),
    ]
    reference = ["X", "REF", *_radio_words(alert["identifier"])[-1:]]
    text = " ".join(words[: MAX_WORDS - len(reference)] + reference)
    return {
        "kind": "radiogram",
        "direction": "sent",
        "test": exercise,
        "precedence": PRECEDENCE.get(alert["severity"], "ROUTINE"),
        "place_of_origin": "",
        "to_name": "",
        "text": text,
        "signature": _radio_words(alert["sender"])[0] if alert["sender"] else "",
        "op_note": f"CAP {alert['identifier']}",
    }


def message_values(alert: Mapping[str, Any], language: str = "") -> dict:
    """A public message's form, prefilled to relay the alert (the author adapts it)."""
    info = pick_info(alert, language) or {}
    headline = info.get("headline") or info.get("event") or alert["headline"]
    instruction = " ".join(str(info.get("instruction") or "").split())
    sender = info.get("sender_name") or alert["sender"]
    short = f"{headline} ({sender})"
    long = "\n\n".join(t for t in (headline, info.get("description", ""), instruction) if t)
    return {
        "purpose": "alert",
        "title": headline[:120],
        "language": str(info.get("language") or language or "en").split("-")[0],
        "texts": {"mastodon": short, "x": short, "sms": short, "long": long},
        "link": info.get("web", ""),
        "alert_id": alert["id"],
    }


def _radio_words(text: str) -> list[str]:
    plain = _NOT_RADIO.sub(" ", _ascii(text).upper().replace(".", " X "))
    return plain.split()


def _ascii(text: str) -> str:
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _radio_time(iso: str | None) -> str:
    """2026-12-05T14:30:00.000Z -> 051430Z (day, hour, minute, UTC)."""
    if not iso or len(iso) < 16:
        return ""
    return f"{iso[8:10]}{iso[11:13]}{iso[14:16]}Z"
