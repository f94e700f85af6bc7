"""Positions as people write them: decimal degrees, DMS, Maidenhead locators.

Used by the map's cursor readout and its "go to position" box, and by the CLI. Pure
functions, no I/O, no Qt: safe from any thread.

`parse_position` accepts what a volunteer types or pastes (Google Maps, a GPS, a radio
message, a French form) and refuses, with a message in words, anything it cannot read
in exactly one way. Decisions:

- Without hemisphere letters the order is latitude then longitude (ISO 6709, what map
  sites copy). With letters, the letters decide, in either order.
- W and S are negative; so is O (French "ouest"): it is never ambiguous here.
- A comma is a decimal comma when it sits between digits and reading it so is the only
  reading that works ("48,8566 2,3522"); text that reads two ways ("48,5,2,5") is
  refused. A semicolon always separates latitude from longitude.
- Maidenhead locators of 4, 6 or 8 characters give the centre of their square.
  Maidenhead is written here (~25 lines) rather than taken from the `maidenhead`
  package: that one checks no letter ranges ("ZZ99" decodes to a place off the globe)
  and encodes latitude 90 or longitude 180 as letters outside A-R.
"""

from __future__ import annotations

import math
import re

_FINEST = (120, 240)  # 8-character cells per degree: 1/120 deg of longitude, 1/240 of latitude


class Why:
    """Why a text is not a position: English templates, %1... filled with PositionError's
    values. The window translates each template (ui/maps/position_words.py lists them all;
    a test holds the two lists together), so French never gets an English sentence."""

    LAT_RANGE = "latitude %1 is out of range (-90 to 90)"
    LON_RANGE = "longitude %1 is out of range (-180 to 180)"
    NOT_LOCATOR = "%1 is not a Maidenhead locator (like JN18 or JN18eu: 4, 6 or 8 characters)"
    LOCATOR_PAIR = "%1: the letters of pair %2 of a locator go from %3 to %4"
    EMPTY = "no position given"
    AMBIGUOUS = (
        "%1 can be read in more than one way; use a dot for decimals, or ';' between"
        " latitude and longitude"
    )
    DECIMAL_COMMAS = "%1; with decimal commas, put ';' between latitude and longitude"
    UNEXPECTED = "unexpected %1: not a position format FieldApp reads"
    TOO_MANY = "more than two values: give a latitude and a longitude only"
    NEED_BOTH = "give both a latitude and a longitude"
    HEMI_EACH = "give one hemisphere letter for each of latitude and longitude"
    HEMI_PLACE = "put the hemisphere letters all before or all after the numbers"
    DEGREE_EACH = "give one ° for each of latitude and longitude"
    DEGREE_PLACE = "a ° must follow the degrees of each coordinate"
    EXAMPLE = "give a latitude and a longitude, e.g. 48.8566, 2.3522"
    UNEXPECTED_IN = "unexpected %1 in %2"
    NOT_DMS = "%1 is not degrees, minutes and seconds"
    MARK_PLACE = "%1: %2 is in the wrong place"
    SIGN_DEGREES = "%1: only the degrees may have a sign"
    MINUTES_60 = "%1: minutes must be less than 60 (got %2)"
    SECONDS_60 = "%1: seconds must be less than 60 (got %2)"
    WHOLE_DEGREES = "%1: degrees followed by minutes must be a whole number"
    WHOLE_MINUTES = "%1: minutes followed by seconds must be a whole number"
    SIGN_AND_LETTER = "%1: give a minus sign or a hemisphere letter, not both"
    BOTH_LATITUDES = "both values are latitudes (N/S); give one latitude and one longitude"
    BOTH_LONGITUDES = "both values are longitudes (E/W); give one latitude and one longitude"


def fill(template: str, values: tuple[object, ...]) -> str:
    """A template with %1, %2... replaced by the values, in one pass."""
    return re.sub(r"%(\d)", lambda match: str(values[int(match[1]) - 1]), template)


class PositionError(ValueError):
    """Text that is not a position, or a position off the globe: `why` (a Why template)
    and its `values` (a value may itself be a PositionError); str() is the English."""

    def __init__(self, why: str, *values: object):
        super().__init__(fill(why, values))
        self.why, self.values = why, values


# -- formatting -------------------------------------------------------------------------


def _check(lat: float, lon: float) -> None:
    if not (math.isfinite(lat) and -90 <= lat <= 90):
        raise PositionError(Why.LAT_RANGE, f"{lat:g}")
    if not (math.isfinite(lon) and -180 <= lon <= 180):
        raise PositionError(Why.LON_RANGE, f"{lon:g}")


def format_decimal(lat: float, lon: float) -> str:
    """'48.85660, 2.35220': five decimals, about a metre."""
    _check(lat, lon)
    # round() first and + 0.0 so that -0.000001 prints 0.00000, not -0.00000
    return f"{round(lat, 5) + 0.0:.5f}, {round(lon, 5) + 0.0:.5f}"


def _dms(value: float, letters: str) -> str:
    tenths = round(abs(value) * 36000)  # tenths of an arc second: carries are exact
    degrees, rest = divmod(tenths, 36000)
    minutes, tenths = divmod(rest, 600)
    letter = letters[1] if value < 0 and (degrees or minutes or tenths) else letters[0]
    return f"{degrees}°{minutes:02d}'{tenths // 10:02d}.{tenths % 10}\"{letter}"


def format_dms(lat: float, lon: float) -> str:
    """48°51'23.8"N 2°21'07.9"E: a tenth of a second, about 3 metres."""
    _check(lat, lon)
    return f"{_dms(lat, 'NS')} {_dms(lon, 'EW')}"


def maidenhead(lat: float, lon: float, precision: int = 6) -> str:
    """The Maidenhead locator of a position, 4, 6 or 8 characters long ('JN18eu')."""
    if precision not in (4, 6, 8):
        raise ValueError("a Maidenhead locator has 4, 6 or 8 characters")
    _check(lat, lon)
    # Whole 8-character cells, in integers: no float error piles up from pair to pair.
    # The last cell is closed, so the north pole and longitude 180 stay on the grid.
    x = min(int((lon + 180) * _FINEST[0]), 360 * _FINEST[0] - 1)
    y = min(int((lat + 90) * _FINEST[1]), 180 * _FINEST[1] - 1)
    pairs = [
        chr(65 + x // 2400) + chr(65 + y // 2400),
        str(x // 240 % 10) + str(y // 240 % 10),
        chr(97 + x // 10 % 24) + chr(97 + y // 10 % 24),
        str(x % 10) + str(y % 10),
    ]
    return "".join(pairs[: precision // 2])


# -- Maidenhead decoding ------------------------------------------------------------------

_LOCATOR = re.compile(r"[A-Za-z]{2}\d{2}(?:[A-Za-z]{2}(?:\d{2})?)?")
# Per pair: (highest symbol, cells per degree of longitude, of latitude)
_PAIRS = (("R", 1 / 20, 1 / 10), ("9", 1 / 2, 1), ("X", 12, 24), ("9", 120, 240))


def parse_maidenhead(text: str) -> tuple[float, float]:
    """The centre (lat, lon) of a 4, 6 or 8-character Maidenhead locator."""
    locator = text.strip().upper()
    if not _LOCATOR.fullmatch(locator):
        raise PositionError(Why.NOT_LOCATOR, repr(text.strip()))
    lon, lat = -180.0, -90.0
    for index in range(0, len(locator), 2):
        top, per_lon, per_lat = _PAIRS[index // 2]
        first, second = locator[index], locator[index + 1]
        if first > top or second > top:
            low = "A" if top.isalpha() else "0"
            raise PositionError(Why.LOCATOR_PAIR, repr(text.strip()), index // 2 + 1, low, top)
        base = ord("A" if top.isalpha() else "0")
        lon += (ord(first) - base) / per_lon
        lat += (ord(second) - base) / per_lat
    _top, per_lon, per_lat = _PAIRS[len(locator) // 2 - 1]
    return lat + 0.5 / per_lat, lon + 0.5 / per_lon


# -- parsing ------------------------------------------------------------------------------

_SAME = str.maketrans(
    {
        "′": "'",
        "’": "'",
        "‘": "'",
        "´": "'",
        "`": "'",
        "″": '"',
        "“": '"',
        "”": '"',
        "º": "°",
        "˚": "°",
        "−": "-",
        "\u00a0": " ",
        "\u202f": " ",
    }
)
_TOKEN = re.compile(
    r"\s*(?:(?P<num>[-+]?\d+(?:\.\d+)?)|(?P<mark>[°'\"])|(?P<hemi>[NSEWOnsewo])"
    r"(?![A-Za-z]))"
)
_MARKS = "°'\""
_SIGNS = {"N": 1, "S": -1, "E": 1, "W": -1, "O": -1}


class _Shape(PositionError):
    """The text was read, but its values are wrong (kept over "unknown format")."""


def parse_position(text: str) -> tuple[float, float]:
    """(lat, lon) in decimal degrees from what a person typed; PositionError if unsure."""
    raw = text.strip().translate(_SAME).replace("''", '"')
    if not raw:
        raise PositionError(Why.EMPTY)
    if _LOCATOR.fullmatch(raw) or re.fullmatch(r"[A-Za-z]{2}\d{2}\w*", raw):
        return parse_maidenhead(raw)
    if raw.lower().startswith("geo:"):  # geo URI (RFC 5870), as phones share a place
        raw = raw[4:].split(";", 1)[0]
    results: dict[tuple[float, float], None] = {}
    errors: list[PositionError] = []
    for halves in _readings(raw):
        try:
            results.setdefault(_read(halves), None)
        except PositionError as exc:
            errors.append(exc)
    if len(results) == 1:
        return next(iter(results))
    if len(results) > 1:
        raise PositionError(Why.AMBIGUOUS, repr(text.strip()))
    shaped = [e for e in errors if isinstance(e, _Shape)]
    if shaped:
        raise shaped[0] from None
    if "," in raw:  # the commas are the likely trouble
        raise PositionError(Why.DECIMAL_COMMAS, errors[0]) from None
    raise errors[0] from None


def _readings(raw: str) -> list[list[str]]:
    """The ways the text splits into a latitude and a longitude (a list of one: no split)."""
    if ";" in raw:
        parts = raw.split(";")
        return [[part.replace(",", ".") for part in parts]]
    readings = []
    if raw.count(",") == 1:  # the comma separates latitude and longitude
        readings.append(raw.split(","))
    decimal = re.sub(r"(?<=\d),(?=\d)", ".", raw)  # or it is a decimal comma
    if decimal != raw or not readings:
        readings.append(decimal.split(",") if "," in decimal else [decimal])
    return readings


def _tokens(text: str) -> list[tuple[str, str]]:
    """(kind, text) pairs: 'num', 'mark' (° ' ") or 'hemi' (N S E W O)."""
    tokens, at = [], 0
    text = text.rstrip()
    while at < len(text):
        match = _TOKEN.match(text, at)
        if match is None:
            bad = text[at:].split()[0]
            raise PositionError(Why.UNEXPECTED, repr(bad))
        kind = match.lastgroup or ""
        tokens.append((kind, match.group(kind)))
        at = match.end()
    return tokens


def _read(halves: list[str]) -> tuple[float, float]:
    if len(halves) > 2:
        raise PositionError(Why.TOO_MANY)
    groups = [_tokens(half) for half in halves]
    if len(groups) == 1:
        groups = _split(groups[0])
    if any(not group for group in groups):
        raise PositionError(Why.NEED_BOTH)
    first, second = (_component(group) for group in groups)
    return _assign(first, second)


def _split(tokens: list[tuple[str, str]]) -> list[list[tuple[str, str]]]:
    """One run of tokens cut into latitude and longitude, by letters, ° marks or count."""
    hemis = [i for i, (kind, _) in enumerate(tokens) if kind == "hemi"]
    if hemis:
        if len(hemis) != 2:
            raise PositionError(Why.HEMI_EACH)
        if hemis[0] == 0 and hemis[1] != len(tokens) - 1:
            return [tokens[: hemis[1]], tokens[hemis[1] :]]  # N 48 51 E 2 21
        if hemis[1] == len(tokens) - 1 and hemis[0] != 0:
            return [tokens[: hemis[0] + 1], tokens[hemis[0] + 1 :]]  # 48 51 N 2 21 E
        raise PositionError(Why.HEMI_PLACE)
    degrees = [i for i, token in enumerate(tokens) if token == ("mark", "°")]
    if degrees:
        if len(degrees) != 2:
            raise PositionError(Why.DEGREE_EACH)
        cut = degrees[1] - 1  # the second group starts at the number before its °
        if tokens[cut][0] != "num" or cut <= degrees[0]:
            raise PositionError(Why.DEGREE_PLACE)
        return [tokens[:cut], tokens[cut:]]
    numbers = [token for token in tokens if token[0] == "num"]
    if len(numbers) != len(tokens) or len(numbers) not in (2, 4, 6):
        raise PositionError(Why.EXAMPLE)
    half = len(numbers) // 2
    return [numbers[:half], numbers[half:]]


def _component(tokens: list[tuple[str, str]]) -> tuple[float, str | None]:
    """One coordinate: (signed value without the hemisphere applied, hemisphere letter)."""
    letter = None
    if tokens and tokens[0][0] == "hemi":
        letter, tokens = tokens[0][1].upper(), tokens[1:]
    elif tokens and tokens[-1][0] == "hemi":
        letter, tokens = tokens[-1][1].upper(), tokens[:-1]
    parts: list[list[str]] = []  # [number, mark] pairs
    for kind, value in tokens:
        if kind == "num":
            parts.append([value, ""])
        elif kind == "mark" and parts and not parts[-1][1]:
            parts[-1][1] = value
        else:
            raise PositionError(Why.UNEXPECTED_IN, repr(value), repr(_text(tokens)))
    if not 1 <= len(parts) <= 3:
        raise PositionError(Why.NOT_DMS, repr(_text(tokens)))
    for index, (_number, mark) in enumerate(parts):
        if mark and mark != _MARKS[index]:
            raise PositionError(Why.MARK_PLACE, repr(_text(tokens)), mark)
    return _value(parts, letter, _text(tokens)), letter


def _value(parts: list[list[str]], letter: str | None, shown: str) -> float:
    numbers = [float(number) for number, _mark in parts]
    if any(number[0] in "+-" for number, _mark in parts[1:]):
        raise _Shape(Why.SIGN_DEGREES, repr(shown))
    for index, over_60, whole in ((1, Why.MINUTES_60, Why.WHOLE_DEGREES),
                                  (2, Why.SECONDS_60, Why.WHOLE_MINUTES)):  # fmt: skip
        if len(numbers) > index and numbers[index] >= 60:
            raise _Shape(over_60, repr(shown), parts[index][0])
        if len(numbers) > index and not numbers[index - 1].is_integer():
            raise _Shape(whole, repr(shown))
    negative = parts[0][0].startswith("-")
    if negative and letter:
        raise _Shape(Why.SIGN_AND_LETTER, repr(shown))
    size = abs(numbers[0]) + sum(n / 60**i for i, n in enumerate(numbers[1:], start=1))
    return -size if negative else size


def _text(tokens: list[tuple[str, str]]) -> str:
    return " ".join(value for _kind, value in tokens)


def _assign(
    first: tuple[float, str | None], second: tuple[float, str | None]
) -> tuple[float, float]:
    """(lat, lon) from two coordinates: by their letters, else latitude first."""
    axes = [
        "lat" if letter in ("N", "S") else "lon" if letter else None
        for _, letter in (first, second)
    ]
    if axes[0] is None and axes[1] is None:
        axes = ["lat", "lon"]
    elif axes[0] is None or axes[1] is None:
        known = axes[0] or axes[1]
        other = "lon" if known == "lat" else "lat"
        axes = [axes[0] or other, axes[1] or other]
    if axes[0] == axes[1]:
        raise _Shape(Why.BOTH_LATITUDES if axes[0] == "lat" else Why.BOTH_LONGITUDES)
    values = {
        axis: value * _SIGNS.get(letter or "N", 1)
        for axis, (value, letter) in zip(axes, (first, second), strict=True)
    }
    lat, lon = values["lat"], values["lon"]
    if not -90 <= lat <= 90:
        raise _Shape(Why.LAT_RANGE, f"{lat:g}")
    if not -180 <= lon <= 180:
        raise _Shape(Why.LON_RANGE, f"{lon:g}")
    return lat, lon
