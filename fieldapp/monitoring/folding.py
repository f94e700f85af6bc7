"""Case and accent folding, and the words of a text, as the whole monitoring desk sees them.

Watch rules (rules.py) and near-duplicate clustering (similarity.py) both compare words
this way, and it follows the full-text index of posts (SQLite FTS5, `unicode61
remove_diacritics 2`): a word splits on anything that is not a letter or a digit (so
`l'inondation` is `l` + `inondation`, `Brives-Charensac` two words), capitals are lowered
and the accents FTS5 removes are dropped: one accent on a letter (`é`, `ç`, `ñ`, a
decomposed `e` + U+0301 alike), not two stacked ones (`ầ` stays, as in FTS5), and a
combining mark FTS5 does not remove splits words, as in FTS5. It is deliberately no wider
than FTS5 (no NFKD, no `casefold`: `ß`, `œ`, `ﬁ` stay as they are), so that a word the
rules find in a text is also a word the index finds: rules.fts_query narrows a preview
through the index and relies on it. Known difference: characters newer than SQLite's
Unicode tables (recent emoji, U+20BD...) are letters to FTS5 and separators here, so such a
character glued to the front of a word hides that word from the index, not from the rules.

Pure functions, any thread.
"""

from __future__ import annotations

import re
import unicodedata

_WORD = re.compile(r"[^\W_]+")

# The combining marks FTS5's unicode61 tokenizer removes (sqlite3Fts5UnicodeIsdiacritic:
# U+0300..U+0331 under these two bit masks); any other combining mark is a separator there.
_MASK_LOW, _MASK_HIGH = 0x08029FDF, 0x000361F8


def _is_removed_mark(code: int) -> bool:
    if code < 0x300 or code > 0x331:
        return False
    if code < 0x320:
        return bool(_MASK_LOW >> (code - 0x300) & 1)
    return bool(_MASK_HIGH >> (code - 0x320) & 1)


class _FoldTable(dict[int, str]):
    """str.translate's table, filled one character at a time as texts bring them."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        parts = unicodedata.normalize("NFD", char)
        if len(parts) == 1:
            folded = "" if _is_removed_mark(code) else char
        elif len(parts) == 2 and _is_removed_mark(ord(parts[1])):
            folded = parts[0]
        else:
            folded = char  # two stacked accents: FTS5 keeps the letter whole
        self[code] = folded
        return folded


_TABLE = _FoldTable()


def fold(text: str) -> str:
    """`Crues à QUILLAN` -> `crues a quillan`: lower case, accents dropped."""
    lowered = text.lower()
    if lowered.isascii():
        return lowered
    return lowered.translate(_TABLE)


def words(text: str) -> list[str]:
    """The folded words of a text, in order: `L'Aude déborde !` -> ['l', 'aude', 'deborde']."""
    return _WORD.findall(fold(text))
