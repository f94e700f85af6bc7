"""A report sent on the air: the radiogram or ICS-213 that *Send the report as…* prefills.

A request for help must go out with where it is and how urgent it is, not only its text:
the report's place becomes the radiogram's place of origin, its position is added to the
text as a Maidenhead locator and decimal degrees (what a radio operator reads and types
back), and its severity gives the precedence. The values are the form's, not saved: the
operator checks them, normalises the text (Ctrl+T) and saves.

Pure functions of a report (and its operation): any thread.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from fieldapp.core.geo import maidenhead

URGENT_KINDS = ("request_for_help", "missing_person")


def precedence_for(report: Mapping[str, Any]) -> str:
    """The NTS precedence of a report: EMERGENCY for a life-threatening one (severity 5),
    PRIORITY for a severe one (4), or a request for help or a missing person of severity
    3; ROUTINE otherwise (RADIO.md: EMERGENCY, P, W, R)."""
    severity = int(report.get("severity") or 0)
    if severity >= 5:
        return "EMERGENCY"
    if severity == 4 or (severity == 3 and report.get("kind") in URGENT_KINDS):
        return "PRIORITY"
    return "ROUTINE"


def position_words(report: Mapping[str, Any]) -> str:
    """ "LOCATOR JN13XF POSITION 43.21000 N 2.35000 E", "" for a report with no position."""
    lat, lon = report.get("lat"), report.get("lon")
    if lat is None or lon is None:
        return ""
    locator = maidenhead(float(lat), float(lon)).upper()
    north = f"{abs(float(lat)):.5f} {'N' if float(lat) >= 0 else 'S'}"
    east = f"{abs(float(lon)):.5f} {'E' if float(lon) >= 0 else 'W'}"
    return f"LOCATOR {locator} POSITION {north} {east}"


def radiogram_values(report: Mapping[str, Any]) -> dict[str, str]:
    """The radiogram fields a report fills: precedence, place of origin, the text with
    the place and the position."""
    body = str(report.get("body") or "").strip() or str(report.get("title") or "")
    place = str(report.get("place") or "").strip()
    extra = " ".join(part for part in (place.upper(), position_words(report)) if part)
    return {
        "precedence": precedence_for(report),
        "place_of_origin": place.upper(),
        "text": f"{body} {extra}".strip() if extra else body,
    }


def ics213_values(report: Mapping[str, Any], incident: str, sender: str) -> dict[str, str]:
    """The ICS-213 fields a report fills: the incident, the subject (the precedence word
    first when it is not routine), the message with the place and the position."""
    body = str(report.get("body") or "").strip() or str(report.get("title") or "")
    precedence = precedence_for(report)
    subject = str(report.get("title") or "")
    if precedence != "ROUTINE":
        subject = f"{precedence}: {subject}"
    lines = [body]
    if report.get("place"):
        lines.append(f"Place: {report['place']}")
    if report.get("lat") is not None and report.get("lon") is not None:
        lat, lon = float(report["lat"]), float(report["lon"])
        lines.append(f"Position: {lat:.5f}, {lon:.5f} ({maidenhead(lat, lon).upper()})")
    return {
        "incident": incident,
        "subject": subject,
        "text": "\n".join(lines),
        "from_name": sender,
    }
