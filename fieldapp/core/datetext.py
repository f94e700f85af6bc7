"""Moments as lists and tables show them: ISO 8601, "2026-12-06 14:05", whatever the locale.

One format for every column of the window (fieldapp/ui/kit/dates.py words the same
moments for sentences in the locale's own format). Local time by default; a desk whose
convention is UTC (the radio log, the report list, alerts) asks for it and says so in its
header. Accepts what the store keeps: ISO text (Z, an offset, or naive meaning UTC),
epoch seconds, or an aware datetime. Pure functions, any thread; no Qt.
"""

from __future__ import annotations

from datetime import UTC, datetime

Stamp = str | int | float | datetime | None


def moment(value: Stamp, *, epoch_ms: bool = False) -> datetime | None:
    """The aware datetime of a stored moment; None for none or for text that is no time.

    Numbers are seconds since the epoch (milliseconds with `epoch_ms`)."""
    if value is None or value == "" or isinstance(value, bool):
        return None
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    if isinstance(value, int | float):
        seconds = value / 1000 if epoch_ms else value
        try:
            return datetime.fromtimestamp(seconds, UTC)
        except (OverflowError, OSError, ValueError):
            return None
    try:
        parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _zoned(value: Stamp, utc: bool, epoch_ms: bool) -> datetime | None:
    found = moment(value, epoch_ms=epoch_ms)
    if found is None:
        return None
    return found.astimezone(UTC) if utc else found.astimezone()


def iso_text(
    value: Stamp, *, utc: bool = False, seconds: bool = False, epoch_ms: bool = False
) -> str:
    """ "2026-12-06 14:05" (local time unless `utc`; "14:05:07" with `seconds`).

    "" for no moment; text that is no time comes back as it was (never lost)."""
    found = _zoned(value, utc, epoch_ms)
    if found is None:
        return "" if value is None or value == "" else str(value)
    return f"{found:%Y-%m-%d} {iso_clock(found, utc=utc, seconds=seconds)}"


def iso_clock(value: Stamp, *, utc: bool = False, seconds: bool = False) -> str:
    """The time of day alone, "14:05" or "14:05:07" (a column whose header gives the day)."""
    found = _zoned(value, utc, False)
    if found is None:
        return "" if value is None or value == "" else str(value)
    return f"{found:%H:%M:%S}" if seconds else f"{found:%H:%M}"


def iso_day(value: Stamp, *, utc: bool = False) -> str:
    """The day alone, "2026-12-06"."""
    found = _zoned(value, utc, False)
    if found is None:
        return "" if value is None or value == "" else str(value)
    return f"{found:%Y-%m-%d}"
