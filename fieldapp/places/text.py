"""How names are compared: folded for case, accents, apostrophes and dashes.

The same `fold` builds the gazetteer's keys and reads the user's words, so "saint étienne",
"SAINT-ÉTIENNE" and "Saint-Etienne" meet on one key. Pure functions; any thread.
"""

from __future__ import annotations

import re
import unicodedata

# Letters that NFKD does not split into a base letter and an accent.
_SPECIAL = str.maketrans(
    {"ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "đ": "d", "ı": "i", "þ": "th"}
)
# Hyphens, apostrophes and dots join or split words the same way whatever their glyph.
_SEPARATORS = re.compile(r"[\s\-‐‑‒–—'’ʼ`´.,/()]+")


def fold(text: str) -> str:
    """The lookup key of a name: lower case, no accents, one space between words.

    >>> fold("  Saint-Étienne-de-Tinée ")
    'saint etienne de tinee'
    """
    lowered = text.casefold().translate(_SPECIAL)
    decomposed = unicodedata.normalize("NFKD", lowered)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SEPARATORS.sub(" ", bare).strip()


def is_latin(text: str) -> bool:
    """Whether a name is written in Latin letters (the alternate names worth keeping)."""
    for ch in fold(text):
        if ch == " ":
            continue
        if not ("a" <= ch <= "z"):
            return False
    return bool(text.strip())
