"""The situation report (sitrep) of an operation, in the structure crisis cells know
(OCHA's): highlights and situation overview (the coordinator's words, passed in), key
figures computed from the data, the situation by area, needs and response, rumours
debunked, the most important verified reports and the next report time, with the box of
the located reports for the map snapshot.

Every figure is an SQL aggregate (GROUP BY, count, min/max): no report row is loaded
except the few the sitrep lists, so 200,000 reports cost a few table scans. The situation
by area groups reports by their `place` text (case and surrounding spaces ignored), not
by administrative boundaries: the place is what the teams wrote, it is free, and a point
in polygon test of every report would cost seconds (see README, "Situation report").

Requests for help are the reports of kind `request_for_help`: open while new, triaged or
in progress, closed when closed (duplicates are neither). Radio traffic handled is the
messages relayed, delivered or serviced. Verified reports are the `confirmed` ones.

No Qt: the PDF (ui/exports/sitrep_pdf.py) and the radiogram (sitrep_short.py) are made
from the `Sitrep` value. Functions take a Store and run in the thread that opened it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from fieldapp.core.errors import ValidationError
from fieldapp.core.times import format_time, parse_time, utc_now
from fieldapp.reports.domain import KINDS, SEVERITY_MAX, SEVERITY_MIN, VERIFICATIONS

if TYPE_CHECKING:
    from fieldapp.store import Store

TOP_REPORTS = 10  # the most important verified reports listed
TOP_AREAS = 12  # places listed in the situation by area; the rest are summed
TOP_NEEDS = 12
TOP_RUMOURS = 10
SEVERE = 4  # severity from which a report counts as severe in the area table
HELP = "request_for_help"
OPEN_STATUSES = ("new", "triaged", "in_progress")
HANDLED_RADIO = ("relayed", "delivered", "serviced")
TEXT_MAX = 4000  # highlights and overview: a page at most each
_CLOCK = re.compile(r"^(\d{1,2}):?(\d{2})\s*(Z|UTC)?$", re.IGNORECASE)


@dataclass(frozen=True)
class KeyFigures:
    """The operation in numbers."""

    reports: int
    by_kind: dict[str, int]
    by_severity: dict[int, int]
    by_verification: dict[str, int]  # unverified, confirmed, debunked
    help_open: int
    help_closed: int
    alerts_active: int
    radio_by_status: dict[str, int]
    rumours_debunked: int

    @property
    def radio_handled(self) -> int:
        """Messages passed on or delivered (relayed, delivered, serviced)."""
        return sum(self.radio_by_status.get(status, 0) for status in HANDLED_RADIO)

    @property
    def radio_total(self) -> int:
        return sum(self.radio_by_status.values())


@dataclass(frozen=True)
class Area:
    """One place of the situation by area ("" is the reports with no place)."""

    place: str
    reports: int
    severe: int  # severity >= SEVERE
    help_open: int
    confirmed: int
    worst: int  # the highest severity


@dataclass(frozen=True)
class Need:
    """Open requests for help at one place."""

    place: str
    open: int
    worst: int
    oldest: str  # when the oldest open request was made (ISO UTC)


@dataclass(frozen=True)
class Debunked:
    """A rumour of the board found false, with what showed it."""

    claim: str
    verification: str
    first_seen: str | None


@dataclass(frozen=True)
class TopReport:
    """One of the most important verified reports."""

    id: str
    title: str
    kind: str
    severity: int
    place: str
    at: str  # observed, else created (ISO UTC)
    lat: float | None
    lon: float | None


@dataclass(frozen=True)
class Sitrep:
    """Everything a situation report says; the PDF and the radiogram are made from it."""

    operation_id: str
    operation_name: str
    exercise: bool
    written_at: str
    highlights: str
    overview: str
    next_report: str | None
    figures: KeyFigures
    areas: list[Area]
    other_areas: Area | None  # the places beyond TOP_AREAS, summed (None: there are none)
    needs: list[Need]
    rumours: list[Debunked]
    top: list[TopReport]
    alerts: list[str] = field(default_factory=list)  # headlines of the active alerts
    bbox: tuple[float, float, float, float] | None = None  # west, south, east, north
    located: int = 0  # reports with a position


def build(
    store: Store,
    operation_id: str,
    *,
    highlights: str = "",
    overview: str = "",
    next_report: str | None = None,
    now: str | None = None,
) -> Sitrep:
    """The sitrep of an operation now (or at `now`, ISO UTC, for tests)."""
    operation = store.operations.get(operation_id)
    written = now or utc_now()
    conn = store.conn
    figures, alerts = key_figures(store, operation_id, written)
    areas, other, needs = by_place(conn, operation_id)
    box, located = bounding_box(conn, operation_id)
    return Sitrep(
        operation_id=operation_id,
        operation_name=operation["name"],
        exercise=bool(operation["exercise"]),
        written_at=written,
        highlights=checked_text(highlights, "highlights"),
        overview=checked_text(overview, "overview"),
        next_report=next_report,
        figures=figures,
        areas=areas,
        other_areas=other,
        needs=needs,
        rumours=debunked_rumours(conn, operation_id),
        top=top_verified(conn, operation_id),
        alerts=alerts,
        bbox=box,
        located=located,
    )


def checked_text(text: str, name: str) -> str:
    """The coordinator's text, trimmed; a ValidationError naming it when too long."""
    text = (text or "").strip()
    if len(text) > TEXT_MAX:
        message = f"the {name} are {len(text)} characters long: {TEXT_MAX} at most"
        raise ValidationError({name: ("too_long", message)})
    return text


def parse_next(text: str, now: str | None = None) -> str | None:
    """The next report time as given ("1800Z", "18:00", an ISO date and time) in ISO UTC;
    a time of day is the next one to come after `now`. Empty text: None."""
    raw = (text or "").strip()
    if not raw:
        return None
    match = _CLOCK.match(raw)
    if match is None:
        try:
            return parse_time(raw)
        except ValueError:
            message = f"{raw!r} is not a time like 1800Z, 18:00 or 2026-11-28T18:00Z"
            raise ValidationError({"next": ("bad_time", message)}) from None
    hours, minutes = int(match[1]), int(match[2])
    if hours > 23 or minutes > 59:
        message = f"{raw!r} is not a time of day (00:00 to 23:59)"
        raise ValidationError({"next": ("bad_time", message)})
    moment = datetime.fromisoformat((now or utc_now()).replace("Z", "+00:00")).astimezone(UTC)
    coming = moment.replace(hour=hours, minute=minutes, second=0, microsecond=0)
    if coming <= moment:
        coming += timedelta(days=1)
    return format_time(coming)


# -- key figures ----------------------------------------------------------------------------


def key_figures(store: Store, operation_id: str, now: str) -> tuple[KeyFigures, list[str]]:
    """The figures, and the headlines of the active alerts (their chains' current)."""
    conn = store.conn
    by_kind: dict[str, int] = dict.fromkeys(KINDS, 0)
    by_severity = dict.fromkeys(range(SEVERITY_MIN, SEVERITY_MAX + 1), 0)
    by_verification: dict[str, int] = dict.fromkeys(VERIFICATIONS, 0)
    help_open = help_closed = total = 0
    # One scan, a few hundred groups at most (kinds x severities x verifications x statuses).
    sql = (
        "SELECT kind, severity, verification, status, count(*) FROM reports"
        " WHERE operation_id = ? AND deleted = 0 GROUP BY kind, severity, verification, status"
    )
    for kind, severity, verification, status, count in conn.execute(sql, [operation_id]):
        total += count
        by_kind[kind] = by_kind.get(kind, 0) + count
        by_severity[severity] = by_severity.get(severity, 0) + count
        by_verification[verification] = by_verification.get(verification, 0) + count
        if kind == HELP and status in OPEN_STATUSES:
            help_open += count
        elif kind == HELP and status == "closed":
            help_closed += count
    chains = [chain for chain in store.alerts.chains(operation_id, now=now) if chain.active]
    headlines = [str(c.current["headline"] or c.current["event"] or "") for c in chains]
    figures = KeyFigures(
        reports=total,
        by_kind=by_kind,
        by_severity=by_severity,
        by_verification=by_verification,
        help_open=help_open,
        help_closed=help_closed,
        alerts_active=len(chains),
        radio_by_status=_radio_by_status(conn, operation_id),
        rumours_debunked=_count(
            conn,
            "SELECT count(*) FROM rumours WHERE operation_id = ? AND deleted = 0"
            " AND status = 'debunked'",
            operation_id,
        ),
    )
    return figures, headlines


def _radio_by_status(conn: Any, operation_id: str) -> dict[str, int]:
    sql = (
        "SELECT status, count(*) FROM radio_messages WHERE operation_id = ? AND deleted = 0"
        " GROUP BY status ORDER BY status"
    )
    return {status: count for status, count in conn.execute(sql, [operation_id])}


def _count(conn: Any, sql: str, *params: Any) -> int:
    return int(conn.execute(sql, params).fetchone()[0] or 0)


# -- by area, needs, rumours, top reports ---------------------------------------------------

_PLACE = "lower(trim(place))"
_OPEN_HELP = f"(kind = '{HELP}' AND status IN {OPEN_STATUSES})"
# One scan for both tables: per place, its reports and its open requests for help.
_PLACES_SQL = (
    f"SELECT min(trim(place)), count(*), sum(severity >= {SEVERE}), sum({_OPEN_HELP}),"
    " sum(verification = 'confirmed'), max(severity),"
    f" max(CASE WHEN {_OPEN_HELP} THEN severity END),"
    f" min(CASE WHEN {_OPEN_HELP} THEN created_at END)"
    f" FROM reports WHERE operation_id = ? AND deleted = 0 GROUP BY {_PLACE}"
)


def by_place(conn: Any, operation_id: str) -> tuple[list[Area], Area | None, list[Need]]:
    """The situation by area (the TOP_AREAS places with the most reports, then the
    others summed) and the needs (open requests for help by place, the most first)."""
    areas: list[Area] = []
    needs: list[Need] = []
    for place, count, severe, help_open, confirmed, worst, help_worst, oldest in conn.execute(
        _PLACES_SQL, [operation_id]
    ):
        areas.append(Area(place or "", count, severe, help_open, confirmed, worst))
        if help_open:
            needs.append(Need(place or "", help_open, help_worst, oldest))
    areas.sort(key=lambda a: (-a.reports, a.place))
    needs.sort(key=lambda n: (-n.open, -n.worst, n.place))
    return areas[:TOP_AREAS], _summed(areas[TOP_AREAS:]), needs[:TOP_NEEDS]


def _summed(areas: list[Area]) -> Area | None:
    """The places beyond the listed ones as one line; its `place` is how many they are."""
    if not areas:
        return None
    return Area(
        str(len(areas)),
        sum(a.reports for a in areas),
        sum(a.severe for a in areas),
        sum(a.help_open for a in areas),
        sum(a.confirmed for a in areas),
        max(a.worst for a in areas),
    )


def debunked_rumours(conn: Any, operation_id: str) -> list[Debunked]:
    """The rumours of the board found false, the most recently changed first."""
    sql = (
        "SELECT claim, verification, first_seen FROM rumours WHERE operation_id = ?"
        " AND deleted = 0 AND status = 'debunked' ORDER BY updated_hlc DESC LIMIT ?"
    )
    rows = conn.execute(sql, [operation_id, TOP_RUMOURS])
    return [
        Debunked(claim, verification or "", first_seen) for claim, verification, first_seen in rows
    ]


def top_verified(conn: Any, operation_id: str, limit: int = TOP_REPORTS) -> list[TopReport]:
    """The confirmed reports, the most severe first, then the newest."""
    sql = (
        "SELECT id, title, kind, severity, place, coalesce(observed_at, created_at) AS at,"
        " lat, lon FROM reports WHERE operation_id = ? AND deleted = 0"
        " AND verification = 'confirmed' ORDER BY severity DESC, at DESC, seq DESC LIMIT ?"
    )
    rows = conn.execute(sql, [operation_id, limit])
    return [TopReport(*row) for row in rows]


def bounding_box(
    conn: Any, operation_id: str
) -> tuple[tuple[float, float, float, float] | None, int]:
    """(west, south, east, north) of the located reports and how many there are."""
    sql = (
        "SELECT min(lon), min(lat), max(lon), max(lat), count(*) FROM reports"
        " WHERE operation_id = ? AND deleted = 0 AND lat IS NOT NULL AND lon IS NOT NULL"
    )
    west, south, east, north, count = conn.execute(sql, [operation_id]).fetchone()
    if not count:
        return None, 0
    return (float(west), float(south), float(east), float(north)), int(count)
