"""The situation report in one radiogram, for stations without a data link: 25 words of
text at most, as the ARRL counts them (every space-separated group is a word), in
radiogram text (capitals, digits, no punctuation: RADIO.md, fieldapp/radio/check.py).

    SITREP 1800Z 412 REPORTS 37 HELP OPEN 3 ALERTS ACTIVE 120 CONFIRMED 44 SEVERE
    210 MSGS HANDLED 2 RUMOURS DEBUNKED NEEDS ALES NEXT 2100Z

The parts come in order of importance; when they do not all fit, the last ones are left
out, never cut in the middle (a number without its noun means nothing). SITREP and its
time, EXERCISE (EXERCICE) for an exercise and the next report time are always there.
English or French words (accents dropped, as radio text has none). The word ARL never
appears: it would change the check.

Pure functions of a `Sitrep`: any thread, no Qt.
"""

from __future__ import annotations

import re
from typing import Any

from fieldapp.exports.sitrep import Sitrep
from fieldapp.radio.check import compute_check, normalise

MAX_WORDS = 25
PLACE_WORDS = 2
_PLAIN = re.compile(r"^[A-Z0-9]+$")

# Radiogram words, not UI strings: radio text is fixed vocabulary in capitals.
WORDS = {
    "en": {
        "exercise": ["EXERCISE"],
        "reports": (["REPORT"], ["REPORTS"]),
        "help": (["HELP", "OPEN"], ["HELP", "OPEN"]),
        "alerts": (["ALERT", "ACTIVE"], ["ALERTS", "ACTIVE"]),
        "confirmed": (["CONFIRMED"], ["CONFIRMED"]),
        "severe": (["SEVERE"], ["SEVERE"]),
        "radio": (["MSG", "HANDLED"], ["MSGS", "HANDLED"]),
        "rumours": (["RUMOUR", "DEBUNKED"], ["RUMOURS", "DEBUNKED"]),
        "needs": ["NEEDS"],
        "next": ["NEXT"],
    },
    "fr": {
        "exercise": ["EXERCICE"],
        "reports": (["RAPPORT"], ["RAPPORTS"]),
        "help": (["DEMANDE", "AIDE"], ["DEMANDES", "AIDE"]),
        "alerts": (["ALERTE", "ACTIVE"], ["ALERTES", "ACTIVES"]),
        "confirmed": (["CONFIRME"], ["CONFIRMES"]),
        "severe": (["GRAVE"], ["GRAVES"]),
        "radio": (["MSG", "TRAITE"], ["MSG", "TRAITES"]),
        "rumours": (["RUMEUR", "DEMENTIE"], ["RUMEURS", "DEMENTIES"]),
        "needs": ["BESOINS"],
        "next": ["PROCHAIN"],
    },
}


def short_text(sitrep: Sitrep, lang: str = "en") -> str:
    """The sitrep as the text of one radiogram (MAX_WORDS words at most)."""
    words = WORDS[lang if lang in WORDS else "en"]
    head = ["SITREP", radio_time(sitrep.written_at)]
    if sitrep.exercise:
        head += words["exercise"]
    tail = [*words["next"], radio_time(sitrep.next_report)] if sitrep.next_report else []
    room = MAX_WORDS - len(head) - len(tail)
    body: list[str] = []
    for part in _parts(sitrep, words):
        if len(body) + len(part) <= room:
            body += part
    return " ".join(word for word in head + body + tail if word)


def _parts(sitrep: Sitrep, words: dict[str, Any]) -> list[list[str]]:
    """The figures in order of importance, each a number and its words."""
    figures = sitrep.figures
    severe = sum(count for severity, count in figures.by_severity.items() if severity >= 4)
    counted = (
        ("reports", figures.reports, True),
        ("help", figures.help_open, True),
        ("alerts", figures.alerts_active, True),
        ("confirmed", figures.by_verification.get("confirmed", 0), False),
        ("severe", severe, False),
        ("radio", figures.radio_handled, False),
        ("rumours", figures.rumours_debunked, False),
    )
    parts = [
        [str(number), *words[name][number != 1]]
        for name, number, always in counted
        if always or number
    ]
    place = radio_words(sitrep.needs[0].place)[:PLACE_WORDS] if sitrep.needs else []
    if place:
        parts.insert(3, [*words["needs"], *place])
    return parts


_RESERVED = ("X", "QUERY", "ARL", "EXERCISE", "EXERCICE")


def radio_words(text: str) -> list[str]:
    """A place or a name as radiogram words: capitals and digits only, hyphens as spaces,
    no X, QUERY or ARL (they would read as punctuation or change the check), and no
    EXERCISE or EXERCICE: those words mark an exercise's traffic, never a real one's."""
    plain = normalise(str(text or "").replace("-", " ").replace("'", "")).text
    return [w for w in plain.split() if _PLAIN.match(w) and w not in _RESERVED]


def radio_time(iso: str | None) -> str:
    """'2026-11-28T18:05:00.000Z' -> '1805Z'."""
    if not iso or len(iso) < 16:
        return ""
    return f"{iso[11:13]}{iso[14:16]}Z"


def radiogram_values(sitrep: Sitrep, lang: str = "en", station: str = "") -> dict[str, Any]:
    """The radio desk's entry form, prefilled to send the short sitrep (a message we send;
    TEST precedence in an exercise, as every exercise message)."""
    text = short_text(sitrep, lang)
    return {
        "kind": "radiogram",
        "direction": "sent",
        "test": sitrep.exercise,
        "precedence": "PRIORITY",
        "check_received": compute_check(text),
        "place_of_origin": "",
        "text": text,
        "signature": radio_words(station)[0] if radio_words(station) else "",
        "op_note": f"SITREP {sitrep.written_at[:16]}Z",
    }
