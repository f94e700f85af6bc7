"""The after-action report's figures as text, the same in every language: durations
("3 min 05 s"), differences between two runs ("−40 s"), times of day (UTC) and when a
run was played. Pure functions, any thread; no Qt.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fieldapp.exercises.aar import Line

NONE = "—"


def period(lines: Iterable[Line]) -> tuple[str | None, str | None]:
    """The first release and the last release or answer: when the run was played."""
    moments = [
        moment
        for line in lines
        for moment in (
            line.inject["released_at"],
            line.response.answered_at if line.response else None,
        )
        if moment
    ]
    return min(moments, default=None), max(moments, default=None)


def span(first: str, last: str) -> str:
    """ "2026-11-28 10:02 – 12:58 UTC" (the date again only when it changed)."""
    if first[:10] == last[:10]:
        return f"{when(first)} – {last[11:16]} UTC"
    return f"{when(first)} – {when(last)} UTC"


def when(iso: str) -> str:
    """An ISO moment as "2026-11-28 10:02"."""
    return f"{iso[:10]} {iso[11:16]}" if len(iso) >= 16 else iso


def clock_time(iso: str | None) -> str:
    """The time of day (UTC) of an ISO moment, "10:04:30"; the header says the date."""
    return iso[11:19] if iso and len(iso) >= 19 else NONE


def duration(seconds: float | None) -> str:
    """ "45 s", "3 min 05 s", "1 h 02 min"; "—" when there is none."""
    if seconds is None:
        return NONE
    whole = round(abs(seconds))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours} h {minutes:02d} min"
    if minutes:
        return f"{minutes} min {secs:02d} s"
    return f"{secs} s"


def difference(before: float | None, now: float | None) -> str:
    """This run against the earlier one: "−1 min 20 s" (faster), "+40 s" (slower)."""
    if before is None or now is None:
        return NONE
    change = now - before
    sign = "−" if change < 0 else "+" if change > 0 else "±"
    return sign + duration(change)
