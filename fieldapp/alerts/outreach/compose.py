"""One outreach message written once, with a version per channel: what each channel
really publishes (the exercise mark, the hashtags, the link), its length there, and the
problems to fix before publishing, in English words with a stable kind for the UI.

What channel_text adds, deterministically:
- in an exercise, "EXERCICE " (French: a language starting with "fr") or "EXERCISE "
  before the text, unless the text already begins with that word;
- the draft's hashtags that the text does not already carry (not on SMS), then the link
  if the text does not already hold it: after a blank line on Mastodon and the long
  version, after a space on X and SMS, where every character counts;
- the whole text in Unicode NFC, so that an "é" typed as e + accent is sent as the one
  character GSM-7 knows (and counted as sent).
A channel whose text is empty publishes nothing: its channel_text is "".

Pure functions of a Draft, any thread.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import regex

from fieldapp.alerts.outreach.counting import CHANNELS, Count, count, non_gsm_characters
from fieldapp.alerts.outreach.templates import PLACEHOLDERS

CHANNEL_NAMES = {"mastodon": "Mastodon", "x": "X", "sms": "SMS", "long": "long"}
EXERCISE_WORDS = {"fr": "EXERCICE", "en": "EXERCISE"}
# Problem kinds, for the UI to say in its language.
PROBLEM_KINDS = ("no-text", "too-long", "sms-parts", "unfilled", "bad-link")

_NOT_WORD = regex.compile(r"[^\w]+")
_UNFILLED = regex.compile(r"\[(" + "|".join(PLACEHOLDERS) + r")\]")


@dataclass(frozen=True)
class Draft:
    """A message as written. `hashtags` are normalised to "#Word" on creation (several
    words become one CamelCase tag, duplicates go); `link` is "" or an http(s) URL."""

    language: str
    texts: dict[str, str]
    hashtags: tuple[str, ...] = ()
    link: str = ""
    exercise: bool = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "hashtags", normal_hashtags(self.hashtags))
        object.__setattr__(self, "link", self.link.strip())


@dataclass(frozen=True)
class Problem:
    """One thing to fix: `kind` (PROBLEM_KINDS), the channel ("" for the whole draft),
    and one line of English; str() is that line."""

    kind: str
    channel: str
    words: str = field(compare=False)

    def __str__(self) -> str:
        return self.words


def normal_hashtags(tags: tuple[str, ...] | list[str]) -> tuple[str, ...]:
    """Each tag as "#Word": the "#" added if missing, words joined in CamelCase
    ("haute savoie" -> "#HauteSavoie"), empty ones and repeats (any case) dropped."""
    result: list[str] = []
    seen: set[str] = set()
    for tag in tags:
        words = [word for word in _NOT_WORD.split(tag) if word]
        if len(words) > 1:
            words = [word[0].upper() + word[1:] for word in words]
        body = "".join(words)
        if body and body.casefold() not in seen:
            seen.add(body.casefold())
            result.append("#" + body)
    return tuple(result)


def channel_text(draft: Draft, channel: str) -> str:
    """What is really published on `channel` (module docstring), "" if nothing."""
    if channel not in CHANNELS:
        raise ValueError(f"unknown channel {channel!r}: expected one of {', '.join(CHANNELS)}")
    text = unicodedata.normalize("NFC", draft.texts.get(channel, "")).strip()
    if not text:
        return ""
    if draft.exercise:
        text = _with_exercise_word(text, _exercise_word(draft.language))
    additions = [tag for tag in draft.hashtags if channel != "sms" and not _has_tag(text, tag)]
    if draft.link and draft.link not in text:
        additions.append(draft.link)
    if additions:
        separator = "\n\n" if channel in ("mastodon", "long") else " "
        text = text + separator + " ".join(additions)
    return unicodedata.normalize("NFC", text)


def counts(draft: Draft) -> dict[str, Count]:
    """Each channel's published text, counted the way that channel counts."""
    return {channel: count(channel, channel_text(draft, channel)) for channel in CHANNELS}


def problems(draft: Draft) -> list[Problem]:
    """What stops the draft from going out as written, in channel order; [] if nothing."""
    found: list[Problem] = []
    if not any(text.strip() for text in draft.texts.values()):
        found.append(Problem("no-text", "", "There is no text for any channel"))
    if draft.link and not _is_web_link(draft.link):
        found.append(Problem("bad-link", "", f"The link is not an http(s) address: {draft.link}"))
    for channel, measured in counts(draft).items():
        text = channel_text(draft, channel)
        found += _length_problems(measured, text)
        blanks = sorted(set(_UNFILLED.findall(text)), key=PLACEHOLDERS.index)
        if blanks:
            marks = ", ".join(f"[{name}]" for name in blanks)
            found.append(Problem("unfilled", channel, f"The {_name(channel)} text still has "
                                 f"blanks to fill: {marks}"))  # fmt: skip
    return found


def _length_problems(measured: Count, text: str) -> list[Problem]:
    channel = measured.channel
    if measured.fits or measured.limit is None:
        return []
    if channel == "sms":
        if measured.encoding == "UCS-2":
            odd = non_gsm_characters(text)
            shown = " ".join(odd[:5]) + (" ..." if len(odd) > 5 else "")
            verb = "is" if len(odd) == 1 else "are"
            room = f"{shown} {verb} outside the SMS alphabet, so one message holds 70, not 160"
        else:
            room = "one message holds 160"
        words = (f"The SMS text is {measured.segments} messages long ({measured.used} "
                 f"characters; {room})")  # fmt: skip
        return [Problem("sms-parts", channel, words)]
    over = measured.used - measured.limit
    words = (f"The {_name(channel)} text is {over} character{'s' if over > 1 else ''} "
             f"too long ({measured.used} of {measured.limit})")  # fmt: skip
    return [Problem("too-long", channel, words)]


def _name(channel: str) -> str:
    return CHANNEL_NAMES.get(channel, channel)


def _exercise_word(language: str) -> str:
    return EXERCISE_WORDS["fr" if language.lower().startswith("fr") else "en"]


def _with_exercise_word(text: str, word: str) -> str:
    if regex.match(regex.escape(word) + r"(?!\w)", text, regex.IGNORECASE):
        return text
    return f"{word} {text}"


def _has_tag(text: str, tag: str) -> bool:
    pattern = r"(?<![\w#])#" + regex.escape(tag[1:]) + r"(?!\w)"
    return regex.search(pattern, text, regex.IGNORECASE) is not None


def _is_web_link(link: str) -> bool:
    parts = urlsplit(link)
    return parts.scheme in ("http", "https") and bool(parts.netloc) and " " not in link
