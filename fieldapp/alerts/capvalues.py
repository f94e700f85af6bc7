"""The values inside a CAP alert: coded words, times, plain text, polygons and circles.

Each reader takes the element's path (for the error) and its text, and returns the
value as kept, or raises CapError naming the element. What is accepted but worth saying
(a "Z" time zone, a coded word in the wrong case) is appended to a `warnings` list.

Decisions where the spec is strict and real alerts are not:
- A time must carry its zone (`+01:00`, `-00:00` meaning UTC); none is refused. "Z" and
  fractional seconds are accepted with a warning (CAP's pattern allows neither).
- A coded word in the wrong case ("actual") is read as the spec's word, with a warning;
  CAP 1.0/1.1's "Very Likely" is read as "Likely", with a warning.

Pure functions, any thread.
"""

from __future__ import annotations

import math
import re
from datetime import datetime

from fieldapp.alerts.capmodel import CapError
from fieldapp.core.times import format_time
from fieldapp.monitoring.text import clean_text

# The spec's lists (CAP 1.2 §3.2); 1.1 has the same words but for responseType.
CODES: dict[str, tuple[str, ...]] = {
    "status": ("Actual", "Exercise", "System", "Test", "Draft"),
    "msgType": ("Alert", "Update", "Cancel", "Ack", "Error"),
    "scope": ("Public", "Restricted", "Private"),
    "category": ("Geo", "Met", "Safety", "Security", "Rescue", "Fire", "Health", "Env",
                 "Transport", "Infra", "CBRNE", "Other"),
    "responseType": ("Shelter", "Evacuate", "Prepare", "Execute", "Avoid", "Monitor",
                     "Assess", "AllClear", "None"),
    "urgency": ("Immediate", "Expected", "Future", "Past", "Unknown"),
    "severity": ("Extreme", "Severe", "Moderate", "Minor", "Unknown"),
    "certainty": ("Observed", "Likely", "Possible", "Unlikely", "Unknown"),
}  # fmt: skip
_NO_LIMIT = 1 << 62
_TIME = re.compile(
    r"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(\.\d+)?(Z|[+-]\d\d:\d\d)?",
)
_NUMBER = r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?"
_POINT = re.compile(rf"({_NUMBER}),\s*({_NUMBER})")
_CIRCLE = re.compile(rf"({_NUMBER}),\s*({_NUMBER})\s+({_NUMBER})")


def coded(path: str, name: str, text: str, warnings: list[str]) -> str:
    """A word of the spec's list for element `name`; CapError for anything else."""
    words = CODES[name]
    value = " ".join(text.split())
    if value in words:
        return value
    if name == "certainty" and value.casefold() == "very likely":
        warnings.append(f'{path}: "{value}" (CAP 1.0) read as "Likely"')
        return "Likely"
    for word in words:
        if word.casefold() == value.casefold():
            warnings.append(f'{path}: "{value}" read as "{word}" (CAP words are case-sensitive)')
            return word
    shown = value if len(value) <= 40 else value[:40] + "…"
    raise CapError("", path, f'unknown value "{shown}": one of {", ".join(words)} expected')


def cap_time(path: str, text: str, warnings: list[str]) -> str:
    """A CAP date and time with its zone, as ISO 8601 UTC text."""
    value = text.strip()
    found = _TIME.fullmatch(value)
    if found is None:
        raise CapError(
            "", path, f'"{value[:40]}" is not a date and time like 2022-12-07T06:01:26+01:00'
        )
    main, fraction, zone = found.groups()
    if zone is None:
        raise CapError("", path, f'"{value}" has no time zone (CAP requires one, like +01:00)')
    if zone == "Z":
        warnings.append(f'{path}: "{value}" uses "Z"; CAP asks for +00:00 (read as UTC)')
    if fraction:
        warnings.append(f'{path}: "{value}" has fractions of a second (CAP has none)')
    try:
        moment = datetime.fromisoformat(main + (fraction or "") + zone.replace("Z", "+00:00"))
        return format_time(moment)
    except (ValueError, OverflowError):
        raise CapError("", path, f'"{value}" is not a real date and time') from None


def plain(text: str | None, *, lines: bool = False) -> str:
    """Text as shown: surrounding blanks stripped, control characters (but newline and
    tab) removed, markup never interpreted. One line unless `lines` (description and
    instruction keep their line breaks)."""
    cleaned = clean_text(text or "", _NO_LIMIT)
    return cleaned if lines else " ".join(cleaned.split())


def references(path: str, text: str, warnings: list[str]) -> tuple[tuple[str, str, str], ...]:
    """The space-separated "sender,identifier,sent" triples, in order."""
    found: list[tuple[str, str, str]] = []
    for number, triple in enumerate(text.split(), 1):
        parts = triple.split(",")
        if len(parts) != 3 or not parts[0] or not parts[1]:
            raise CapError(
                "", path, f'reference {number} "{triple[:80]}" is not "sender,identifier,sent"'
            )
        sent = cap_time(f"{path} (reference {number})", parts[2], warnings)
        found.append((parts[0], parts[1], sent))
    return tuple(found)


def polygon(path: str, text: str) -> tuple[tuple[float, float], ...]:
    """A closed ring of (lon, lat) from CAP's "lat,lon lat,lon ..." (WGS84)."""
    pairs = text.split()
    points = tuple(_point(path, number, pair) for number, pair in enumerate(pairs, 1))
    if len(points) < 4:
        raise CapError(
            "", path, f"a polygon has at least 4 points (first = last), not {len(points)}"
        )
    if points[0] != points[-1]:
        raise CapError("", path, f"polygon is not closed: first point {pairs[0]}, last {pairs[-1]}")
    return points


def circle(path: str, text: str) -> tuple[float, float, float]:
    """(lon, lat, radius_km) from CAP's "lat,lon radius" (radius in km, 0 is a point)."""
    value = " ".join(text.split())
    found = _CIRCLE.fullmatch(value)
    if found is None:
        raise CapError("", path, f'"{value[:80]}" is not a circle like "38.47,-120.14 25"')
    lat, lon, radius = (float(group) for group in found.groups())
    _check_position(path, lat, lon, value)
    if not math.isfinite(radius) or radius < 0:
        raise CapError("", path, f"the radius {found.group(3)} km is negative or not a number")
    return (lon, lat, radius)


def number(path: str, text: str) -> float:
    """A decimal number (altitude, ceiling)."""
    try:
        value = float(text.strip())
    except ValueError:
        value = math.nan
    if not math.isfinite(value):
        raise CapError("", path, f'"{text.strip()[:40]}" is not a number')
    return value


def whole_number(path: str, text: str) -> int:
    """A whole number of bytes (a resource's size)."""
    value = text.strip()
    if not value.isdigit():
        raise CapError("", path, f'"{value[:40]}" is not a whole number of bytes')
    return int(value)


def _point(path: str, number: int, pair: str) -> tuple[float, float]:
    found = _POINT.fullmatch(pair)
    if found is None:
        raise CapError("", path, f'point {number} "{pair[:40]}" is not "latitude,longitude"')
    lat, lon = float(found.group(1)), float(found.group(2))
    _check_position(path, lat, lon, pair)
    return (lon, lat)


def _check_position(path: str, lat: float, lon: float, shown: str) -> None:
    if not -90 <= lat <= 90:
        raise CapError("", path, f"latitude {lat:g} out of range (-90 to 90) in {shown[:40]}")
    if not -180 <= lon <= 180:
        raise CapError("", path, f"longitude {lon:g} out of range (-180 to 180) in {shown[:40]}")
