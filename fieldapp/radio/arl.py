"""ARL numbered radiograms: the bundled table (ARRL FSD-3) and expansion to plain language.

A radiogram text may carry `ARL SIXTY FOUR NEWINGTON`: the addressee is not told "ARL
SIXTY FOUR" but "Arrived safely at NEWINGTON." The table is resources/radio/arl_fsd3.json
(its source is cited in the file). Fill-ins are the words after the number, up to the
next X or ARL; a text with two blanks takes two X-separated groups.

Pure functions over a table read once (immutable afterwards): safe from any thread.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from typing import Any

from fieldapp.core.resources import resources_dir

BLANK = "____"


@dataclass(frozen=True)
class ArlText:
    number: int
    words: str  # as written in a radiogram: "SIXTY FOUR"
    text: str  # with ____ for each fill-in
    fills: int


@dataclass(frozen=True)
class Expansion:
    """One ARL group found in a text: `ARL SIXTY FOUR NEWINGTON` and what it says."""

    code: str  # the words of the text, e.g. "ARL SIXTY FOUR NEWINGTON"
    number: int
    plain: str  # "Arrived safely at NEWINGTON."
    start: int  # index of the word "ARL" among the words of the text
    end: int  # index after its last word


@cache
def table() -> dict[str, ArlText]:
    """Every ARL text by its number in words ("SIXTY FOUR")."""
    path = resources_dir() / "radio" / "arl_fsd3.json"
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return {
        item["words"]: ArlText(item["number"], item["words"], item["text"], item["fills"])
        for item in data["texts"]
    }


def by_number(number: int) -> ArlText:
    for item in table().values():
        if item.number == number:
            return item
    raise KeyError(f"there is no ARL {number}")


def find(text: str) -> list[Expansion]:
    """Every ARL group of a radiogram text, in order; unknown numbers are skipped."""
    words = text.upper().split()
    found: list[Expansion] = []
    index = 0
    while index < len(words):
        if words[index] != "ARL":
            index += 1
            continue
        entry, after = _number_at(words, index + 1)
        if entry is None:
            index += 1
            continue
        fills, end = _fills_at(words, after, entry.fills)
        found.append(
            Expansion(" ".join(words[index:end]), entry.number, _fill(entry, fills), index, end)
        )
        index = end
    return found


def plain_language(text: str) -> str:
    """The text with each ARL group replaced by its meaning, for delivery."""
    words = text.split()
    out: list[str] = []
    position = 0
    for item in find(text):
        out += words[position : item.start]
        out.append(item.plain)
        position = item.end
    out += words[position:]
    return " ".join(out)


def _number_at(words: list[str], index: int) -> tuple[ArlText | None, int]:
    """The longest number in words starting at index ("SIXTY ONE" before "SIXTY")."""
    entries = table()
    for length in (2, 1):
        candidate = " ".join(words[index : index + length])
        if len(words[index : index + length]) == length and candidate in entries:
            return entries[candidate], index + length
    return None, index


def _fills_at(words: list[str], index: int, count: int) -> tuple[list[str], int]:
    fills: list[str] = []
    while len(fills) < count and index < len(words) and words[index] != "ARL":
        group: list[str] = []
        while index < len(words) and words[index] not in ("X", "ARL"):
            group.append(words[index])
            index += 1
        if index < len(words) and words[index] == "X" and len(fills) + 1 < count:
            index += 1  # the X between two fill-ins belongs to the group
        if not group:
            break
        fills.append(" ".join(group))
    return fills, index


def _fill(entry: ArlText, fills: list[str]) -> str:
    text = entry.text
    for value in fills:
        text = text.replace(BLANK, value, 1)
    return text
