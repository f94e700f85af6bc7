"""Times as stored: ISO 8601 UTC text with milliseconds, e.g. 2026-11-28T20:35:27.123Z.

Pure functions, any thread.
"""

from __future__ import annotations

from datetime import UTC, datetime


def utc_now() -> str:
    """The current time as ISO 8601 UTC with milliseconds, e.g. 2026-11-28T20:35:27.123Z."""
    return format_time(datetime.now(UTC))


def format_time(moment: datetime) -> str:
    """A timezone-aware datetime as ISO 8601 UTC text."""
    m = moment.astimezone(UTC)  # an f-string, not strftime: 4x faster, bulk loads call it
    return (
        f"{m.year:04d}-{m.month:02d}-{m.day:02d}T{m.hour:02d}:{m.minute:02d}:{m.second:02d}"
        f".{m.microsecond // 1000:03d}Z"
    )


def parse_time(text: str) -> str:
    """Normalise user time text (ISO 8601; naive means UTC) to the stored form.

    Raises ValueError with a readable message.
    """
    raw = text.strip()
    try:
        moment = datetime.fromisoformat(raw.replace("Z", "+00:00"))
    except ValueError:
        raise ValueError(f"{raw!r} is not a date and time like 2026-11-28T14:05Z") from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return format_time(moment)
