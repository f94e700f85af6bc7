"""The exercise clock as trainers write it: "T+00:15", "00:15", "0:15:30", "+1:05", "15 min".

Times are whole seconds from T+0 (the start of the exercise, never a time of day):
`H:MM` or `H:MM:SS` with an optional `T+` or `+`, or amounts with units ("15 min",
"1 h 30", "1h30", "2 h 05 min 30 s", "90 s"; French `mn`, `heures` too); a bare "0" is
T+0. A bare number other than 0 is refused: minutes or hours, nobody can tell.

Pure functions, any thread.
"""

from __future__ import annotations

import re

MAX_HOURS = 999  # far past any exercise; keeps a typo from becoming a year
_COLON = re.compile(r"(\d{1,3}):([0-5]\d)(?::([0-5]\d))?")
_AMOUNT = re.compile(r"(\d{1,6})\s*([a-z]*)")
_UNITS = {
    **dict.fromkeys(("h", "hr", "hrs", "hour", "hours", "heure", "heures"), 3600),
    **dict.fromkeys(("m", "mn", "min", "mins", "minute", "minutes"), 60),
    **dict.fromkeys(("s", "sec", "secs", "second", "seconds", "seconde", "secondes"), 1),
}
EXAMPLES = "e.g. T+00:15, 0:15:30, +1:05 or 15 min"


def parse_clock(text: str) -> int:
    """Seconds from T+0 of an exercise time, or ValueError saying what is expected."""
    plain = text.strip().lower()
    body = re.sub(r"^t?\s*\+\s*", "", plain)
    if plain.startswith(("-", "t-", "t -")):
        raise ValueError(f"{text.strip()!r} is before T+0")
    colon = _COLON.fullmatch(body)
    if colon:
        hours, minutes, seconds = (int(part or 0) for part in colon.groups())
        return _checked(text, hours * 3600 + minutes * 60 + seconds)
    if body == "0":
        return 0
    total = _amounts(body)
    if total is None:
        raise ValueError(f"{text.strip()[:40]!r} is not a time on the exercise clock ({EXAMPLES})")
    return _checked(text, total)


def _amounts(body: str) -> int | None:
    """Seconds of "1 h 30", "15 min", "2h05m30s"; None when it is not that."""
    position, total, last_unit = 0, 0, 0
    body = body.replace(",", " ").strip()
    if not body:
        return None
    while position < len(body):
        match = _AMOUNT.match(body, position)
        if not match:
            return None
        amount, word = int(match.group(1)), match.group(2)
        if word:
            unit = _UNITS.get(word)
            if unit is None or (last_unit and unit >= last_unit):
                return None
        elif last_unit == 3600:  # "1 h 30": the minutes after hours
            unit = 60
        elif last_unit == 60:  # "1 min 30"
            unit = 1
        else:
            return None  # a bare number: minutes or hours?
        total += amount * unit
        last_unit = unit
        position = match.end()
        while position < len(body) and body[position] == " ":
            position += 1
    return total


def _checked(text: str, seconds: int) -> int:
    if seconds > MAX_HOURS * 3600:
        raise ValueError(f"{text.strip()[:40]!r} is more than {MAX_HOURS} hours after T+0")
    return seconds


def format_clock(seconds: int) -> str:
    """Seconds as "T+01:05" (with seconds only when there are some: "T+01:05:30")."""
    if seconds < 0:
        raise ValueError(f"{seconds} s is before T+0")
    hours, rest = divmod(int(seconds), 3600)
    minutes, secs = divmod(rest, 60)
    return f"T+{hours:02d}:{minutes:02d}" + (f":{secs:02d}" if secs else "")
