"""Guess the places a post names ("crue à Quillan", "Brives-Charensac inondé").

A guess is never a fact: the desk shows it as guessed. The rule, in order:

1. Links, e-mail addresses and @handles are blanked first: "paris" in a URL names nothing.
2. Words are read with their offsets; a word may hold hyphens and apostrophes
   ("Saint-Paul-de-Fenouillet", "l'Isle-sur-la-Sorgue"); an elided "d'"/"l'" in front of
   a capital is also tried without it ("d'Aurillac" -> "Aurillac").
3. A candidate is 1-6 words that start with a capital, whose inner words are capitals or
   name particles (de, la, sur, en...), with only spaces or hyphens between them; the
   longest candidate that the gazetteer knows wins ("Le Puy-en-Velay", "Saint Paul de
   Fenouillet"). After "au"/"du" ("aux"/"des") "Le" ("Les") is put back: "au Puy-en-Velay".
4. Another place's alternate name ("White House" for Casablanca) counts only for a city
   of 200,000 or more after a place cue ("à Londres"). A lone word of two letters or an
   acronym ("US", "EDF") never counts; a river, département, state or country name ("la
   Loire", "dans le Gard", "Virginia") only for a French town after a cue ("à Vienne").
   Common words that are also place names ("Mer", "Vila", "Nice", "Orange", months,
   first names...) count only after a place cue ("à", "près de", "sur", "in", "near"...).
   Any other lone word (no cue, no hyphen) counts when the context backs it: a place of that name in
   `country_hint` or within 150 km of `near`, else a city of 100,000 or more; opening a
   sentence, only as a headline ("Quillan : route coupée", with that backing) or for a
   city of 100,000 or more. Capitalised names of people ("Smith", "Wilson") are what this
   keeps out of English news.
5. Among places of one name: those of `country_hint` first; with `near`, the nearest;
   otherwise the most populous. Each place is given once. Guesses come best first: those
   after a cue or of several words ("Saint-Paul-de-Fenouillet") before lone words, then in
   the order of the text.

Limits: a place written in lower case, misspelt or abbreviated ("Carca" for Carcassonne)
is missed; a capitalised common word after a cue ("à Bar" meaning a bar) is taken. Pure
logic over a Gazetteer; runs on the caller's thread (a lookup is a few SQLite index reads).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass

from fieldapp.places.gazetteer import Gazetteer, Place
from fieldapp.places.labels import km
from fieldapp.places.text import fold

MAX_WORDS = 6
BIG_CITY = 100_000
LONE_WORD_TOWN = 100_000
NEAR_KM = 150.0
ALTERNATE_CITY = 200_000

_MASK = re.compile(r"(?:https?://|www\.)\S+|\S+@\S+\.\S+|(?<!\w)@\w+", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")
_ELIDED = re.compile(r"^(?:[dDlL]|[qQ]u)['’](?=[^\W\d_])")
_SENTENCE_END = re.compile(r"[.!?…\n]\s*$|^\s*$")
_HEADLINE = re.compile(r"^\s*[:,(–—-]")


def _folded(words: str) -> frozenset[str]:
    return frozenset(fold(word) for word in words.split())


_PARTICLES = _folded(
    "de du des d la le les l sur sous en et lès lez aux au of on upon the"
    " do da dos das del di van von am an im y"
)
_CUES = _folded(
    "à au aux en sur sous vers dans depuis de du des d entre et près proche côté secteur"
    " commune ville village quartier hameau in at near from around outside towards to of"
)
_ARTICLES = {"au": "Le", "du": "Le", "aux": "Les", "des": "Les"}  # folded word -> article
# Capitalised at a sentence start or as ordinary words, and also the name of a place.
_COMMON = _folded(
    "Mer Vila Nice Orange Mars Avril Mai Juin Juillet Août Lundi Mardi Mercredi Jeudi"
    " Vendredi Samedi Dimanche Bar Eu Or Plan Port Pont Vue Val Mont Bourg Grand Bon"
    " Belle Beau Marie Jean Pierre Paul Martin Louis Michel Anne Sainte Saint Eau Lot"
    " Lens Condom Sale Mine Bus Police Alerte Vigilance Info Urgent Flash Live Update"
    " Breaking Storm Flood Fire Rain Wind Power May March Center Centre Nord Sud Est"
    " Ouest North South East West Victoria Florence"
)

_RIVERS = _folded(
    "Seine Garonne Dordogne Rhône Loire Allier Lot Tarn Aude Hérault Durance Isère Meuse"
    " Moselle Somme Marne Oise Orb Agly Têt Var Vidourle Gardon Paillon Ouvèze Rhin"
    " Saône Vienne Charente Adour Gave Ariège Aveyron Cère Lez"
)


@dataclass(frozen=True)
class Guess:
    place: Place
    text: str  # the words as written in the post
    start: int
    end: int


@dataclass(frozen=True)
class _Word:
    text: str
    start: int
    end: int


def guess_places(
    gazetteer: Gazetteer,
    text: str,
    *,
    country_hint: str = "",
    near: tuple[float, float] | None = None,
) -> list[Guess]:
    """The places `text` names, best first (see the module's rule); [] when none."""
    masked = _MASK.sub(lambda m: " " * len(m.group()), text)

    def hint(places: list[Place]) -> bool:
        """Whether the post's context backs one of these places: its country, its area."""
        return any(
            (country_hint and p.country == country_hint.upper())
            or (near is not None and km(p.lat, p.lon, near[0], near[1]) <= NEAR_KM)
            for p in places
        )

    words = _words(masked)
    scored: list[tuple[int, int, Guess]] = []
    i = 0
    while i < len(words):
        found = _longest_at(gazetteer, masked, words, i, hint)
        if found is None:
            i += 1
            continue
        n, places, cue = found
        span = text[words[i].start : words[i + n - 1].end]
        place = _choose(places, span, country_hint, near)
        guess = Guess(place, span, words[i].start, words[i + n - 1].end)
        strong = cue or n > 1 or "-" in span
        scored.append((0 if strong else 1, guess.start, guess))
        i += n
    scored.sort(key=lambda item: (item[0], item[1]))
    seen: set[Place] = set()
    return [g for *_rank, g in scored if not (g.place in seen or seen.add(g.place))]


def _words(text: str) -> list[_Word]:
    words = []
    for match in _WORD.finditer(text):
        elided = _ELIDED.match(match.group())
        if elided:  # "d'Aurillac": the particle, then the name
            cut = match.start() + elided.end()
            words.append(_Word(match.group()[: elided.end() - 1], match.start(), cut - 1))
            words.append(_Word(match.group()[elided.end() :], cut, match.end()))
        else:
            words.append(_Word(match.group(), match.start(), match.end()))
    return words


def _longest_at(
    gazetteer: Gazetteer,
    text: str,
    words: list[_Word],
    i: int,
    hint: Callable[[list[Place]], bool],
) -> tuple[int, list[Place], bool] | None:
    first = words[i]
    if not first.text[0].isupper():
        return None
    before = fold(words[i - 1].text) if i > 0 and _joined(text, words[i - 1], first) else ""
    cue = before in _CUES
    for n in range(min(MAX_WORDS, len(words) - i), 0, -1):
        span = words[i : i + n]
        if not _well_formed(text, span):
            continue
        name = text[first.start : span[-1].end]
        places = gazetteer.named(name)
        if not places and before in _ARTICLES:
            name = f"{_ARTICLES[before]} {name}"
            places = gazetteer.named(name)
        if places and _acceptable(gazetteer, text, span, name, places, cue, hint(places)):
            return n, places, cue
    return None


def _joined(text: str, left: _Word, right: _Word) -> bool:
    """Whether only spaces or an apostrophe separate two words (a cue must touch its name)."""
    return text[left.end : right.start].strip(" '’") == ""


def _well_formed(text: str, span: list[_Word]) -> bool:
    if not span[-1].text[0].isupper():
        return False
    for left, right in itertools.pairwise(span):
        if text[left.end : right.start] not in (" ", "-"):
            return False
        if not (right.text[0].isupper() or fold(right.text) in _PARTICLES):
            return False
    return True


def _acceptable(
    gazetteer: Gazetteer,
    text: str,
    span: list[_Word],
    name: str,
    places: list[Place],
    cue: bool,
    hinted: bool,
) -> bool:
    key = fold(name)
    own = any(_bare(fold(p.name)) == _bare(key) for p in places)
    # Another place's alternate name ("White House" for Casablanca, "Crues" for Cruces)
    # counts only for a big city after a cue: "à Londres", "à Bruxelles".
    if not own and not (cue and max(p.population or 0 for p in places) >= ALTERNATE_CITY):
        return False
    if not (len(span) == 1 and "-" not in span[0].text):
        return True
    word = span[0].text
    if len(word) < 3 or (word.isupper() and len(word) <= 4):
        return False  # "Or", "US", "EU", "SDIS"
    key = fold(word)
    if key in _RIVERS or key in _areas(gazetteer):
        # "la Loire", "dans le Gard", "Virginia": a river, a département or a state; a
        # French town of that name only after a cue ("à Vienne").
        return cue and places[0].country == "FR"
    if cue:
        return True
    if key in _COMMON:
        return False
    biggest = max(p.population or 0 for p in places)
    if not _SENTENCE_END.search(text[: span[0].start]):
        return hinted or biggest >= LONE_WORD_TOWN
    after = text[span[0].end :]
    return (hinted and bool(_HEADLINE.match(after))) or biggest >= BIG_CITY


def _bare(key: str) -> str:
    """A folded name without its leading article: "le puy en velay" -> "puy en velay"."""
    first, _, rest = key.partition(" ")
    return rest if rest and first in ("le", "la", "les", "l") else key


def _choose(
    places: list[Place], span: str, country_hint: str, near: tuple[float, float] | None
) -> Place:
    hinted = [p for p in places if p.country == country_hint.upper()] if country_hint else []
    pool = hinted or places
    if near is not None:
        # The nearest place of that very name: a farther town that only has it as an
        # alternate name ("Valence" for Valence-d'Albigeois) is a worse guess.
        key = fold(span)
        own = [p for p in pool if fold(p.name) == key or fold(p.name).endswith(" " + key)]
        return min(own or pool, key=lambda p: km(p.lat, p.lon, near[0], near[1]))
    return pool[0]


def _areas(gazetteer: Gazetteer) -> frozenset[str]:
    """Folded names of the départements and first-level divisions the gazetteer knows."""
    return gazetteer.area_keys()
