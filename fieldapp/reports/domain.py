"""Report vocabulary and validation, shared by the store, the CLI and the UI.

Pure functions and constants, no I/O, no Qt: safe from any thread. Validation
errors carry a machine code per field (the UI translates it) and an English
message (the CLI prints it).
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from typing import Any

from fieldapp.core.errors import ValidationError
from fieldapp.core.times import parse_time

KINDS = (
    "observation",
    "request_for_help",
    "missing_person",
    "damage",
    "hazard",
    "rumour",
    "information",
)
SOURCES = ("field", "radio", "social_media", "phone", "sms", "authority", "other")
STATUSES = ("new", "triaged", "in_progress", "closed", "duplicate")
VERIFICATIONS = ("unverified", "confirmed", "debunked")
CONFIDENCES = ("low", "medium", "high")
SEVERITY_MIN, SEVERITY_MAX = 1, 5
# One palette for severity 1 to 5 wherever a report is drawn: the list, the map and its
# legend (resources/web/fieldapp/map.css repeats it; a test keeps them equal), KML and
# uMap exports. The sitrep's printed map keeps its own greyscale-safe palette.
SEVERITY_COLOURS = {1: "#2e7d32", 2: "#7cb342", 3: "#f9a825", 4: "#ef6c00", 5: "#c62828"}
TITLE_MAX = 200

# Fields a user may set on a report; the store owns the others (id, stamps...).
REPORT_FIELDS = (
    "title",
    "body",
    "kind",
    "tags",
    "severity",
    "lat",
    "lon",
    "accuracy_m",
    "place",
    "observed_at",
    "author",
    "source",
    "source_ref",
    "status",
    "duplicate_of",
    "verification",
    "verified_by",
    "verified_at",
    "verification_method",
    "verification_confidence",
)

REPORT_DEFAULTS: dict[str, Any] = {
    "body": "",
    "kind": "observation",
    "tags": [],
    "severity": 3,
    "lat": None,
    "lon": None,
    "accuracy_m": None,
    "place": "",
    "observed_at": None,
    "author": "",
    "source": "field",
    "source_ref": "",
    "status": "new",
    "duplicate_of": None,
    "verification": "unverified",
    "verified_by": "",
    "verified_at": None,
    "verification_method": "",
    "verification_confidence": None,
}


def normalise_tags(value: Any) -> list[str]:
    """Tags from a list or a comma-separated string: trimmed, unique, in order."""
    if value is None:
        return []
    items = value.split(",") if isinstance(value, str) else list(value)
    seen: dict[str, None] = {}
    for item in items:
        tag = str(item).strip()
        if tag:
            seen.setdefault(tag, None)
    return list(seen)


class _Checker:
    """Collects field errors while coercing values to their stored types."""

    def __init__(self) -> None:
        self.errors: dict[str, tuple[str, str]] = {}

    def fail(self, name: str, code: str, message: str) -> None:
        self.errors.setdefault(name, (code, message))

    def number(self, name: str, value: Any, low: float, high: float) -> float | None:
        if value is None or value == "":
            return None
        try:
            number = float(value)
        except (TypeError, ValueError):
            self.fail(name, "not_a_number", f"{value!r} is not a number")
            return None
        if not math.isfinite(number) or not low <= number <= high:
            self.fail(name, "out_of_range", f"must be between {low:g} and {high:g}")
            return None
        return number

    def choice(self, name: str, value: Any, allowed: tuple[str, ...]) -> Any:
        if value not in allowed:
            self.fail(name, "unknown_value", f"{value!r} is not one of {', '.join(allowed)}")
        return value

    def time(self, name: str, value: Any) -> str | None:
        if value is None or value == "":
            return None
        try:
            return parse_time(str(value))
        except ValueError as exc:
            self.fail(name, "bad_time", str(exc))
            return None


def _check_severity(check: _Checker, value: Any) -> int | None:
    try:
        severity = int(str(value).strip())
    except ValueError:
        check.fail("severity", "not_a_number", f"{value!r} is not a whole number")
        return None
    if not SEVERITY_MIN <= severity <= SEVERITY_MAX:
        check.fail("severity", "out_of_range", f"must be between {SEVERITY_MIN} and {SEVERITY_MAX}")
    return severity


def validate_report(values: Mapping[str, Any]) -> dict[str, Any]:
    """Check a full set of report fields and return them in stored form.

    Raises ValidationError naming every bad field. Unknown field names are errors too,
    so a typo in a script never silently drops data.
    """
    check = _Checker()
    for name in values:
        if name not in REPORT_FIELDS:
            check.fail(name, "unknown_field", "is not a report field")
    out = {**REPORT_DEFAULTS, **values}
    out["title"] = str(out.get("title") or "").strip()
    if not out["title"]:
        check.fail("title", "required", "a title is required")
    elif len(out["title"]) > TITLE_MAX:
        check.fail("title", "too_long", f"at most {TITLE_MAX} characters")
    out["body"] = str(out["body"] or "")
    out["tags"] = normalise_tags(out["tags"])
    out["severity"] = _check_severity(check, out["severity"])
    for name, allowed in (
        ("kind", KINDS),
        ("source", SOURCES),
        ("status", STATUSES),
        ("verification", VERIFICATIONS),
    ):
        check.choice(name, out[name], allowed)
    if out["verification_confidence"] not in (None, ""):
        check.choice("verification_confidence", out["verification_confidence"], CONFIDENCES)
    else:
        out["verification_confidence"] = None
    _check_location(check, out)
    out["observed_at"] = check.time("observed_at", out["observed_at"])
    out["verified_at"] = check.time("verified_at", out["verified_at"])
    if out["status"] == "duplicate" and not out["duplicate_of"]:
        check.fail("duplicate_of", "required", "say which report this one duplicates")
    if out["status"] != "duplicate":
        out["duplicate_of"] = None
    for name in ("place", "author", "source_ref", "verified_by", "verification_method"):
        out[name] = str(out[name] or "").strip()
    if check.errors:
        raise ValidationError(check.errors)
    return out


def _check_location(check: _Checker, out: dict[str, Any]) -> None:
    out["lat"] = check.number("lat", out["lat"], -90, 90)
    out["lon"] = check.number("lon", out["lon"], -180, 180)
    out["accuracy_m"] = check.number("accuracy_m", out["accuracy_m"], 0, 1e7)
    has_lat = out["lat"] is not None or "lat" in check.errors
    has_lon = out["lon"] is not None or "lon" in check.errors
    if has_lat != has_lon:
        missing = "lon" if has_lat else "lat"
        check.fail(missing, "required", "latitude and longitude go together")


def encode_tags(tags: list[str]) -> str:
    """Tags as stored in SQLite (a JSON list)."""
    return json.dumps(tags, ensure_ascii=False)


def to_db(clean: Mapping[str, Any]) -> dict[str, Any]:
    """Validated user fields as stored columns (tags as JSON text)."""
    return {**clean, "tags": encode_tags(clean["tags"])}
