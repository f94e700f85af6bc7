"""The CAP alert as FieldApp keeps it: immutable values, CapError, and the JSON form.

`fieldapp.alerts.cap` is the entry point others import (it re-exports all of this); the
value types live here, below the readers (`cap`, `capfeed`) and `shapes`, so that none
of them imports another's internals. Everything is text as the alert gave it, cleaned
(no markup interpreted), times as ISO 8601 UTC, coordinates as (lon, lat) like GeoJSON.

`alert_to_json` gives plain dicts, lists, strings and numbers for storage;
`alert_from_json` is its exact inverse. Immutable values and pure functions, any thread.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any


class CapError(ValueError):
    """One line: the file/source name, the element (e.g. `info[2]/area[1]/circle`) and
    what is wrong. Nothing of a refused document is kept."""

    source: str
    element: str
    problem: str

    def __init__(self, source: str, element: str, problem: str) -> None:
        self.source = source
        self.element = element
        self.problem = problem
        super().__init__(f"{source}: {element}: {problem}")

    def __reduce__(self) -> tuple[type[CapError], tuple[str, str, str]]:
        return (CapError, (self.source, self.element, self.problem))  # pickled whole


@dataclass(frozen=True)
class CapArea:
    """One `area`: rings of (lon, lat) closed (first == last), circles (lon, lat,
    radius_km), geocodes (valueName, value); altitude and ceiling in feet, as CAP says."""

    description: str
    polygons: tuple[tuple[tuple[float, float], ...], ...]
    circles: tuple[tuple[float, float, float], ...]
    geocodes: tuple[tuple[str, str], ...]
    altitude: float | None
    ceiling: float | None


@dataclass(frozen=True)
class CapResource:
    """One `resource`: a file the alert points to (never fetched here)."""

    description: str
    mime_type: str
    size: int | None
    uri: str
    digest: str


@dataclass(frozen=True)
class CapInfo:
    """One `info` block: the alert in one language. Times are ISO 8601 UTC or None."""

    language: str  # as given, "en-US" when absent (the spec's default)
    categories: tuple[str, ...]
    event: str
    response_types: tuple[str, ...]
    urgency: str
    severity: str
    certainty: str
    audience: str
    event_codes: tuple[tuple[str, str], ...]
    effective: str | None
    onset: str | None
    expires: str | None
    sender_name: str
    headline: str
    description: str
    instruction: str
    web: str
    contact: str
    parameters: tuple[tuple[str, str], ...]
    resources: tuple[CapResource, ...]
    areas: tuple[CapArea, ...]


@dataclass(frozen=True)
class CapAlert:
    """One CAP document. `warnings`: what was accepted but is worth saying, one line
    each naming the element (a "Z" time zone, a value in the wrong case...)."""

    version: str  # "1.2" or "1.1"
    identifier: str
    sender: str
    sent: str  # ISO 8601 UTC
    status: str
    msg_type: str
    source: str
    scope: str
    restriction: str
    addresses: str
    codes: tuple[str, ...]
    note: str
    references: tuple[tuple[str, str, str], ...]  # (sender, identifier, sent ISO UTC)
    incidents: str
    infos: tuple[CapInfo, ...]
    warnings: tuple[str, ...]


def alert_to_json(alert: CapAlert) -> dict:
    """The alert as plain JSON-able values: dicts with the field names, tuples as lists."""
    return _listed(asdict(alert))


def alert_from_json(data: dict) -> CapAlert:
    """The alert `alert_to_json` gave; CapError (source "stored alert") if it is not one."""
    try:
        fields = dict(data)
        fields["codes"] = tuple(fields["codes"])
        fields["references"] = tuple(_strings(r, 3) for r in fields["references"])
        fields["infos"] = tuple(_info(i) for i in fields["infos"])
        fields["warnings"] = tuple(fields["warnings"])
        return CapAlert(**fields)
    except (KeyError, TypeError, ValueError) as error:
        raise CapError("stored alert", "alert", f"not an alert as stored: {error}") from None


def _listed(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _listed(item) for key, item in value.items()}
    if isinstance(value, tuple | list):
        return [_listed(item) for item in value]
    return value


def _strings(values: Any, count: int) -> tuple[str, ...]:
    found = tuple(values)
    if len(found) != count or not all(isinstance(v, str) for v in found):
        raise ValueError(f"{values!r} is not {count} strings")
    return found


def _numbers(values: Any, count: int) -> tuple[float, ...]:
    found = tuple(values)
    if len(found) != count or not all(isinstance(v, int | float) for v in found):
        raise ValueError(f"{values!r} is not {count} numbers")
    return tuple(float(v) for v in found)


def _pairs(values: Any) -> tuple[tuple[str, str], ...]:
    return tuple(_strings(pair, 2) for pair in values)  # type: ignore[misc]


def _info(data: dict) -> CapInfo:
    fields = dict(data)
    for name in ("categories", "response_types"):
        fields[name] = tuple(fields[name])
    for name in ("event_codes", "parameters"):
        fields[name] = _pairs(fields[name])
    fields["resources"] = tuple(CapResource(**r) for r in fields["resources"])
    fields["areas"] = tuple(_area(a) for a in fields["areas"])
    return CapInfo(**fields)


def _area(data: dict) -> CapArea:
    fields = dict(data)
    fields["polygons"] = tuple(tuple(_numbers(p, 2) for p in ring) for ring in fields["polygons"])
    fields["circles"] = tuple(_numbers(c, 3) for c in fields["circles"])
    fields["geocodes"] = _pairs(fields["geocodes"])
    return CapArea(**fields)
