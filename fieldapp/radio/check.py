"""The radiogram check and the plain-text rules of NTS traffic (RADIO.md), as pure functions.

The check is the number of words of the text only: every space-separated group is one
word, X and QUERY included, and a text that holds ARL numbered radiograms gets the prefix
`ARL` (`ARL 5`). The originator's check is never changed: a station that counts a
different number passes on both, received first (`10/9`).

`normalise` turns free text into radiogram text (capitals, X for a period, QUERY for a
question mark, R for a decimal point...). It is an explicit transformation: it returns
every piece of the original with what it became, so that a form can show what changed
and `denormalise` can undo it exactly. The rules follow the public test vectors of
ectlogger (tests/samples/radio/ectlogger_nts_text_vectors.json); flmsg differs (it spells
a comma COMMA): the choice is documented here and tested.

A question mark inside the text becomes QUERY (RADIO.md), and is never lost there: after
a period or dash (`Ok. ? Yes`) QUERY takes the place of the X. A final question mark is
dropped, not turned into QUERY: RADIO.md gives QUERY for a question mark, but the shared
vectors end texts without X or QUERY ("Is this a test?" -> `IS THIS A TEST`, "Ends with
question?" -> `ENDS WITH QUESTION`), and they are the rule set the app follows. Every
dropped or replaced mark is a change with a rule of its own (`final_query`,
`repeated_query`, `leading_query`, `replaced_by_query`) that the entry form explains.

No I/O, no state: safe from any thread, cheap enough for every keystroke.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_CHECK = re.compile(r"^\s*(ARL\s+)?(\d{1,4})(?:\s*/\s*(\d{1,4}))?\s*$", re.IGNORECASE)


def word_count(text: str) -> int:
    """Words of a radiogram text: space-separated groups (`860 594 0301` is 3)."""
    return len(text.split())


def has_arl(text: str) -> bool:
    return any(word.upper() == "ARL" for word in text.split())


def compute_check(text: str) -> str:
    """The check of a text as the originator writes it: `8`, or `ARL 5` with ARL texts."""
    return ("ARL " if has_arl(text) else "") + str(word_count(text))


@dataclass(frozen=True)
class Check:
    """A check as written on a form: `10`, `ARL 10`, or `10/9` after a relay recounted."""

    arl: bool
    count: int
    recount: int | None = None

    def __str__(self) -> str:
        tail = f"/{self.recount}" if self.recount is not None else ""
        return f"{'ARL ' if self.arl else ''}{self.count}{tail}"


def parse_check(text: str) -> Check | None:
    """The check written on a form, or None when it is not a check (`TEN`, `1O`)."""
    match = _CHECK.match(text or "")
    if match is None:
        return None
    recount = int(match[3]) if match[3] is not None else None
    return Check(bool(match[1]), int(match[2]), recount)


def check_to_send(received: str, text: str) -> str:
    """What this station passes on: the received check, plus its own count if it differs.

    `10` received over a 9-word text gives `10/9`; an unreadable received check is
    passed on unchanged (the form warns about it); no received check gives the count.
    """
    counted = word_count(text)
    if not (received or "").strip():
        return compute_check(text)
    check = parse_check(received)
    if check is None:
        return received.strip()
    arl = check.arl or has_arl(text)
    if check.count == counted and check.arl == has_arl(text):
        return str(Check(arl, check.count))
    return str(Check(arl, check.count, counted))


def check_problem(received: str, text: str) -> tuple[str, str] | None:
    """(code, message) when the received check does not fit the text, else None."""
    if not (received or "").strip():
        return None
    check = parse_check(received)
    if check is None:
        return ("bad_check", f"{received!r} is not a check (a number, e.g. 12 or ARL 5)")
    counted = word_count(text)
    if check.count != counted:
        return (
            "check_mismatch",
            f"received check {check.count}, the text has {counted} words: "
            f"pass it on as {check_to_send(received, text)}",
        )
    if check.arl != has_arl(text):
        expected = "has ARL texts" if has_arl(text) else "has no ARL text"
        return ("arl_prefix", f"the text {expected}: the check should be {compute_check(text)}")
    return None


# -- normalisation ------------------------------------------------------------------------

# One alternative per rule, tried in order at each position (see _piece).
_TOKEN = re.compile(
    r"(?P<space>\s+)"
    r"|(?P<decimal>(?<=\d)[.:/](?=\d))"
    r"|(?P<word>(?:[^\s./!,;:?&@()\[\]{}'\"`\-]|(?<!\d)/|/(?!\d))+)"
    r"|(?P<hyphen>-)"
    r"|(?P<period>[.!,;:])"
    r"|(?P<query>\?)"
    r"|(?P<amp>&)"
    r"|(?P<at>@)"
    r"|(?P<drop>.)",
    re.DOTALL,
)
_REPLACEMENT = {"period": " X ", "query": " QUERY ", "amp": " AND ", "at": " AT ", "drop": ""}
# Punctuation that separates sentences: never doubled, never at either end.
_SEPARATORS = {"period", "query", "hyphen"}


@dataclass
class Piece:
    """One piece of the original text and what it became; `rule` None means unchanged."""

    original: str
    text: str
    rule: str | None = None


@dataclass
class Normalised:
    """The result of `normalise`: the new text and the pieces it was made of."""

    pieces: list[Piece]

    @property
    def text(self) -> str:
        return "".join(piece.text for piece in self.pieces)

    @property
    def original(self) -> str:
        return "".join(piece.original for piece in self.pieces)

    def changes(self) -> list[dict[str, object]]:
        """What was changed, in order: rule, original text, new text, offset in the original."""
        out, offset = [], 0
        for piece in self.pieces:
            if piece.original != piece.text and piece.rule is not None:
                out.append(
                    {"rule": piece.rule, "from": piece.original, "to": piece.text, "at": offset}
                )
            offset += len(piece.original)
        return out


def normalise(text: str) -> Normalised:
    """Free text as radiogram text, e.g. `Is it 146.52?` -> `IS IT 146R52`."""
    pieces: list[Piece] = []
    last_hyphen_x = -10
    for match in _TOKEN.finditer(text):
        kind, raw = match.lastgroup or "drop", match.group()
        if kind == "hyphen":
            # Between two letters or digits a hyphen is a period (WELL X KNOWN), but not
            # right after another such hyphen (ROCK X N ROLL), as the ectlogger vectors say.
            start = match.start()
            inside = _is_word_char(text, start - 1) and _is_word_char(text, start + 1)
            spaced = _is_space(text, start - 1) and _is_space(text, start + 1)
            if (inside and start - last_hyphen_x > 2) or spaced:
                pieces.append(Piece(raw, " X ", "hyphen"))
                last_hyphen_x = start if inside else last_hyphen_x
            else:
                pieces.append(Piece(raw, " ", "hyphen"))
            continue
        pieces.append(_piece(kind, raw))
    _tidy_spaces(pieces)
    return Normalised(pieces)


def denormalise(result: Normalised) -> str:
    """Undo `normalise`: the original text, exactly."""
    return result.original


def _piece(kind: str, raw: str) -> Piece:
    if kind == "space":
        return Piece(raw, " ", "spaces" if raw != " " else None)
    if kind == "decimal":
        return Piece(raw, "R", "decimal")
    if kind == "word":
        upper = _plain_capitals(raw)
        return Piece(raw, upper, "capitals" if upper != raw else None)
    return Piece(raw, _REPLACEMENT[kind], kind)


def _plain_capitals(word: str) -> str:
    """Capitals without accents (Morse and most digital modes have no É)."""
    decomposed = unicodedata.normalize("NFKD", word.upper())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _is_word_char(text: str, index: int) -> bool:
    return 0 <= index < len(text) and text[index].isalnum()


def _is_space(text: str, index: int) -> bool:
    return 0 <= index < len(text) and text[index].isspace()


def _tidy_spaces(pieces: list[Piece]) -> None:
    """Single spaces between words, none at either end, no final X or QUERY, no X X.

    A question mark is never lost inside the text: after an X made from punctuation
    (`Ok. ? Yes`) the X gives way to QUERY (rule `replaced_by_query`); it is dropped only
    where the text already asks (`??`, `QUERY?`: `repeated_query`) or before any word
    (`leading_query`). Only the new text of pieces changes: the original is kept whole.
    """
    # What was written so far, kept as a state rather than joined again at each piece (a
    # long text stays linear): nothing yet, ends with a space, its last word.
    state = (True, False, "")
    last_x: tuple[int, tuple[bool, bool, str]] | None = None  # an X piece, state before it
    for index, piece in enumerate(pieces):
        empty, _space, last_word = state
        if piece.rule in _SEPARATORS and piece.text.strip():
            if empty:
                piece.text = ""  # nothing to separate yet
                piece.rule = "leading_query" if piece.rule == "query" else piece.rule
            elif last_word == "QUERY":
                piece.text = ""  # already separated, and already a question
                piece.rule = "repeated_query" if piece.rule == "query" else piece.rule
            elif last_word == "X" and piece.rule == "query" and last_x is not None:
                x_index, state = last_x
                pieces[x_index].text, pieces[x_index].rule = "", "replaced_by_query"
            elif last_word == "X" and piece.rule != "query":
                piece.text = ""  # X X: already separated
        before = state
        piece.text, state = _spaced(piece.text, state)
        if piece.text.strip():
            made_x = piece.rule in _SEPARATORS and piece.text.split()[-1] == "X"
            last_x = (index, before) if made_x else None
    _drop_trailing(pieces)
    for piece in pieces:
        if piece.rule is None and piece.text != piece.original:
            piece.rule = "spaces"


def _spaced(text: str, state: tuple[bool, bool, str]) -> tuple[str, tuple[bool, bool, str]]:
    """`text` with no space at the start of the whole text nor after another space, and
    the state (empty, ends with a space, last word) once it is written."""
    empty, space, last_word = state
    out = ""
    for ch in text:
        if ch.isspace():
            if (empty and not out) or (out[-1:] == " " if out else space):
                continue
            ch = " "
        out += ch
    if not out:
        return out, state
    words = (("" if space else last_word) + out).split()
    return out, (False, out[-1] == " ", words[-1] if words else last_word)


def _drop_trailing(pieces: list[Piece]) -> None:
    """No space at the end, and no final X or QUERY made from punctuation."""
    for piece in reversed(pieces):
        if not piece.text:
            continue
        piece.text = piece.text.rstrip()
        if piece.text:
            if piece.rule in _SEPARATORS and piece.text.split()[-1] in ("X", "QUERY"):
                piece.text = ""
                if piece.rule == "query":
                    piece.rule = "final_query"  # a question is lost: the form must say so
                continue
            return
