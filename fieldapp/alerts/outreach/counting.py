"""How long a text is on each channel, counted the way that channel counts.

- SMS: the GSM 03.38 default alphabet (the `gsm0338` codec's table: a character of the
  extension table, such as € [ ] { } ~ ^ | \\ or form feed, takes two septets, after an
  escape); 160 septets in one SMS, 153 per part once concatenated (the rest of each part
  is the user data header). One character outside that alphabet, such as "ê" or an emoji,
  switches the whole message to UCS-2: 70 UTF-16 code units in one SMS, 67 per part. A
  two-unit character (an escaped GSM character, a surrogate pair) is never split between
  two parts, as phones and gateways do, so the parts are packed greedily.
- Mastodon: 500 characters as its StatusLengthValidator counts them: every http(s) URL
  counts 23, a mention @user@domain counts as @user, and characters are extended
  grapheme clusters (the `regex` module's \\X, the same Unicode rule as Ruby's
  each_grapheme_cluster), so a flag or a family emoji counts 1.
- X: 280 "weighted" characters of twitter-text's v3 configuration, by the
  `twitter-text-parser` package (a port of twitter-text that passes its conformance
  suite): code points 0-4351, 8192-8205, 8208-8223 and 8242-8247 weigh 1, others 2; every
  URL, with or without http, counts 23; an emoji sequence counts 2.
- long (a web page or an e-mail): no limit; `used` is its number of characters.

Pure functions of text, any thread.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import gsm0338
import regex
from twitter_text import extract_urls_with_indices, parse_tweet

CHANNELS = ("mastodon", "x", "sms", "long")  # long = web page or e-mail
MASTODON_LIMIT = 500
X_LIMIT = 280
URL_LENGTH = 23  # what a link counts on Mastodon and X, whatever its length
SMS_SINGLE = {"GSM-7": 160, "UCS-2": 70}
SMS_PART = {"GSM-7": 153, "UCS-2": 67}

_GSM = gsm0338.Codec()
_ESCAPE = "\x1b"  # in the table as the escape to the extension table, never a character
_GRAPHEME = regex.compile(r"\X")
# Mastodon's Account::MENTION_RE: @user or @user@domain, not inside a word or a URL.
_MENTION = regex.compile(
    r"(?<![=/\w])@(([a-z0-9_]+(?:[a-z0-9_.-]+[a-z0-9_]+)?)(?:@[\w.-]+\w+)?)",
    regex.IGNORECASE,
)


@dataclass(frozen=True)
class Count:
    """A text's length on one channel.

    `limit` is None for long; for SMS it is the capacity of the current number of parts
    (160 or 70 for one, then 153 or 67 per part). `fits`: within the limit, for SMS within
    ONE message. `remaining` is limit - used (negative when over); for SMS, the room left in
    the current parts. `segments` and `encoding` ("GSM-7" or "UCS-2") are for SMS only.
    """

    channel: str
    used: int
    limit: int | None
    fits: bool
    remaining: int | None
    segments: int | None = None
    encoding: str | None = None


def count(channel: str, text: str) -> Count:
    """The length of `text` on `channel` (one of CHANNELS), else ValueError."""
    if channel == "sms":
        return _sms(text)
    if channel == "mastodon":
        return _limited(channel, mastodon_length(text), MASTODON_LIMIT)
    if channel == "x":
        return _limited(channel, x_length(text), X_LIMIT)
    if channel == "long":
        return Count(channel, grapheme_length(text), None, True, None)
    raise ValueError(f"unknown channel {channel!r}: expected one of {', '.join(CHANNELS)}")


def grapheme_length(text: str) -> int:
    """The number of user-perceived characters (extended grapheme clusters)."""
    return sum(1 for _ in _GRAPHEME.finditer(text))


def mastodon_length(text: str) -> int:
    """Characters as Mastodon counts them: URLs as 23, @user@domain as @user."""
    return grapheme_length(_mastodon_countable(text))


def x_length(text: str) -> int:
    """twitter-text's v3 weighted length (URLs 23, emoji 2, CJK and others 2)."""
    return parse_tweet(text).weightedLength if text else 0


def non_gsm_characters(text: str) -> list[str]:
    """The distinct characters of `text` outside the GSM-7 alphabet, in order of first use:
    the ones that make an SMS UCS-2."""
    seen: list[str] = []
    for character in text:
        if _gsm_cost(character) is None and character not in seen:
            seen.append(character)
    return seen


def _limited(channel: str, used: int, limit: int) -> Count:
    return Count(channel, used, limit, used <= limit, limit - used)


def _sms(text: str) -> Count:
    costs = [_gsm_cost(character) for character in text]
    if all(cost is not None for cost in costs):
        encoding, units = "GSM-7", [cost or 0 for cost in costs]
    else:
        encoding, units = "UCS-2", [2 if ord(character) > 0xFFFF else 1 for character in text]
    used = sum(units)
    single = SMS_SINGLE[encoding]
    if used <= single:
        segments, limit = 1, single
    else:
        segments = _parts(units, SMS_PART[encoding])
        limit = segments * SMS_PART[encoding]
    return Count("sms", used, limit, used <= single, limit - used, segments, encoding)


def _parts(units: list[int], per_part: int) -> int:
    """How many parts hold these units, a two-unit character never split between two."""
    parts, room = 1, per_part
    for unit in units:
        if unit > room:
            parts, room = parts + 1, per_part
        room -= unit
    return parts


@lru_cache(maxsize=4096)
def _gsm_cost(character: str) -> int | None:
    """Septets of one character in GSM-7 (1, or 2 from the extension table), None if the
    character is outside the alphabet."""
    if character == _ESCAPE:
        return None
    try:
        encoded, _ = _GSM.encode(character)
    except UnicodeEncodeError:
        return None
    return len(encoded)


def _mastodon_countable(text: str) -> str:
    """The text as Mastodon measures it: each URL as 23 x's, each mention as @user
    (StatusLengthValidator#countable_text; entities that overlap keep the first)."""
    if not text:
        return ""
    entities: list[tuple[int, int, str]] = [
        (url["indices"][0], url["indices"][1], "x" * URL_LENGTH)
        for url in extract_urls_with_indices(text, False)
    ]
    if "@" in text:
        entities += [
            (match.start(), match.end(1), "@" + match.group(2)) for match in _MENTION.finditer(text)
        ]
    pieces: list[str] = []
    position = 0
    for start, end, replacement in sorted(entities):
        if start < position:
            continue  # overlaps the previous entity (a mention inside a URL)
        pieces += [text[position:start], replacement]
        position = end
    pieces.append(text[position:])
    return "".join(pieces)
