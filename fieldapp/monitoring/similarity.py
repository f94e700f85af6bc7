"""Whether two posts tell the same story: the shape of a post, its LSH keys, the check.

Clustering (clusters.py) finds a new post's candidates through index lookups, then asks
`score` about each. The design, and why:

- **Shape.** A post is reduced to what copies keep: its words folded as everywhere in the
  desk (folding.py), without "RT @x:", "via @x", mentions, links, hashtag signs (a
  `#CrueAude` tag is the words `crue aude`), emoji, punctuation and common words. Links
  become keys (host + path, no scheme, `www.`, tracking parameters or fragment): the same
  article shared with other words is the same story; a bare home page is not a key.
- **What keeps stories apart.** Different events share words ("inondation à Quillan",
  "inondation à Limoux"; a flood and a fire in one town; the D117 and the D118). Three
  marks are kept beside the words: place-like names (capitalised words inside a sentence
  or heading it before a colon, "Quillan : ..."; in a text without capitals, or all in
  capitals, a word heading it so or following "à", "in", "near"...), hazard kinds (flood,
  fire, storm... from French and English words, so a translation has the same kind) and
  road numbers (`D118`, `RD 118`, `A61`). Two posts whose marks differ on *both* sides
  (each names something the other does not) are different stories, whatever else they
  share; a quote that adds a comment adds marks on one side only and still joins.
- **Candidates: MinHash + LSH.** 24 MinHash values of the post's set of words (own code:
  datasketch needs numpy and scipy), in 12 bands of 2; a band is an integer key in an
  indexed SQLite table, so a new post finds the posts that share a band by a few index
  lookups, whatever the number of posts. Two values a band favours recall: posts with
  half of their words in common share a band 97 % of the time, with 30 %, 68 %; the check
  below is what decides. The exact text and each link key are keys too.
- **The check.** rapidfuzz's `token_set_ratio` on the words (order-free, a quote
  contains its original, a typo costs a little) at 75 or more with at least 3 words in
  common, and no mark that differs on both sides; the same link joins without the words
  (a translation with the article's link joins; without a shared link it does not: no
  word in common). Texts of under 4 words join only on the same link, or on the same
  text unless both carry links, other ones (the same comment on two articles).

Pure functions, any thread.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from urllib.parse import parse_qsl, urlencode, urlsplit

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

from fieldapp.monitoring.folding import fold
from fieldapp.monitoring.vocabulary import BEFORE_PLACE, HAZARD_WORDS, HAZARDS, NOT_NAMES, STOPWORDS

THRESHOLD = 75.0  # token_set_ratio from which two texts tell the same story
MIN_COMMON = 3  # words in common, at least
SHORT = 4  # under this many words a text joins only on the same text or link
BANDS, ROWS = 12, 2

_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"]+", re.IGNORECASE)
_RETWEET = re.compile(r"\b(?:RT|MT)\s*:?\s*@[\w.]+(?:@[\w.-]+)?\s*:?")
_MENTION = re.compile(r"@[\w.]+(?:@[\w.-]+)?")  # @user or @user@instance
_HASHTAG = re.compile(r"#(\w+)")
_CAMEL = re.compile(r"(?<=[a-zà-ÿ])(?=[A-ZÀ-Þ])")
_ROAD = re.compile(r"\b(?:r?([dn])\s?(\d{1,4})|(a)(\d{1,3}))\b")
_WORD = re.compile(r"[^\W_]+")
_SENTENCE_END = frozenset(".!?…\n")
_TRACKING = re.compile(r"^(?:utm_\w+|fbclid|gclid|igshid|mc_\w+|ref|ref_src|s|t|si)$")


@dataclass(frozen=True)
class Shape:
    """What clustering compares of a post (see the module docstring)."""

    norm: str  # the words, folded, without common words, in order
    names: frozenset[str]
    hazards: frozenset[str]
    roads: frozenset[str]
    links: frozenset[str]

    @cached_property
    def words(self) -> frozenset[str]:
        return frozenset(self.norm.split())

    @property
    def short(self) -> bool:
        return len(self.norm.split()) < SHORT

    def dump(self) -> str:
        """One line to store (tab-separated fields); `Shape.load` reads it back."""
        fields = [self.norm, *(" ".join(sorted(s)) for s in self.marks())]
        return "\t".join(fields)

    def marks(self) -> tuple[frozenset[str], ...]:
        return (self.names, self.hazards, self.roads, self.links)

    @staticmethod
    def load(line: str) -> Shape:
        norm, names, hazards, roads, links = line.split("\t")
        sets = (frozenset(part.split()) for part in (names, hazards, roads, links))
        return Shape(norm, *sets)


def link_key(url: str) -> str:
    """`https://www.Example.fr/a/b/?utm_source=x#top` -> `example.fr/a/b`; "" for a link
    that names no page (a home page), which says nothing about the story."""
    url = url.strip().rstrip(".,;:!?)»]'’")
    if "://" not in url:
        url = "http://" + url
    try:
        parts = urlsplit(url)
    except ValueError:
        return ""
    host = (parts.hostname or "").lower()
    for prefix in ("www.", "m.", "mobile."):
        host = host.removeprefix(prefix)
    path = parts.path.rstrip("/")
    for index in ("/index.html", "/index.php", "/index.htm"):
        path = path.removesuffix(index)
    query = urlencode(sorted(
        (k, v) for k, v in parse_qsl(parts.query) if not _TRACKING.match(k.lower())
    ))  # fmt: skip
    if not host or (not path and not query):
        return ""
    # no space inside a key: a shape is stored with its keys separated by spaces
    return re.sub(r"\s", "%20", host + path + ("?" + query if query else ""))


def shape(text: str, url: str = "") -> Shape:
    """The shape of a post's text and link."""
    links = {key for key in map(link_key, [url, *_URL.findall(text)]) if key}
    clean = _URL.sub(" ", text)
    clean = _RETWEET.sub("\n", clean)  # what follows starts a sentence, as in the original
    clean = _MENTION.sub(" ", clean)
    clean = _HASHTAG.sub(lambda m: " " + _CAMEL.sub(" ", m.group(1)) + " ", clean)
    folded = fold(clean)
    roads = {f"{m[1] or m[3]}{m[2] or m[4]}" for m in _ROAD.finditer(folded)}
    kept = [_stem(w) for w in _WORD.findall(folded) if w not in STOPWORDS and len(w) > 1]
    hazards = {kind for w in kept if (kind := hazard(w))}
    return Shape(" ".join(kept), frozenset(_names(clean)), frozenset(hazards),
                 frozenset(roads), frozenset(links))  # fmt: skip


def _stem(word: str) -> str:
    """A plural's singular, roughly: `inondees` -> `inondee`, `travaux` -> `travau` (the
    same for both forms is all that counts); short words and numbers stay."""
    if len(word) > 3 and word[-1] in "sx" and not word[-2].isdigit():
        return word[:-1]
    return word


def _names(clean: str) -> set[str]:
    """Place-like names: capitalised inside a sentence or heading it ("Quillan :"),
    or after a word like "à"."""
    found = [(m.group(), m.start()) for m in _WORD.finditer(clean)]
    lettered = [w for w, _ in found if not w.isdigit()]
    capitals = sum(1 for w in lettered if w[0].isupper())
    shouting = len(lettered) > 3 and capitals > len(lettered) / 2
    # a text without capitals (or all in them) names its places after "à", "in"... too
    plain = capitals == 0 or shouting
    names: set[str] = set()
    previous = ""
    ending, end = "\n", 0  # the last character before the word that is not a space
    for word, start in found:
        folded = fold(word)
        gap = clean[end:start].rstrip()
        ending = gap[-1] if gap else ending
        end = start + len(word)
        initial = ending in _SENTENCE_END
        # a headline's first word is a place when a colon or comma follows ("Quillan : ...")
        header = initial and clean[end:].lstrip()[:1] in (":", ",")
        if plain:
            named = header or (previous.lower() in BEFORE_PLACE and not word[0].isdigit())
        else:
            named = word[0].isupper() and (not initial or header)
        if named and folded not in NOT_NAMES and len(folded) > 2 and not hazard(folded):
            names.add(_stem(folded))
        previous, ending = word, word[-1]
    return names


_HAZARD = re.compile("|".join(sorted((start for start, _ in HAZARDS), key=len, reverse=True)))
_HAZARD_OF = dict(HAZARDS)


def hazard(word: str) -> str:
    """The hazard kind a folded word names, or ""."""
    if word in HAZARD_WORDS:
        return HAZARD_WORDS[word]
    found = _HAZARD.match(word)
    return _HAZARD_OF[found.group()] if found else ""


def _hash(*parts: str) -> int:
    digest = hashlib.blake2b("\x1f".join(parts).encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


_PRIME = (1 << 61) - 1
_SEEDS = [
    (_hash("a", str(i)) % _PRIME | 1, _hash("b", str(i)) % _PRIME) for i in range(BANDS * ROWS)
]


def minhash(items: Iterable[str]) -> list[int]:
    """BANDS * ROWS MinHash values of a set of words (fixed seeds: the same on every run
    and every laptop), each the least of one hash permutation over the words."""
    bases = [_hash(item) % _PRIME for item in set(items)]
    if not bases:
        return []
    return [min((a * x + b) % _PRIME for x in bases) for a, b in _SEEDS]


def keys(operation_id: str, post: Shape) -> list[int]:
    """The index keys of a post: one per LSH band, its exact text, each link."""
    found = [_hash(operation_id, "link", link) for link in sorted(post.links)]
    if post.norm:
        found.append(_hash(operation_id, "text", post.norm))
    if not post.short:
        values = minhash(post.norm.split())
        for band in range(BANDS):
            row = values[band * ROWS : (band + 1) * ROWS]
            found.append(_hash(operation_id, "band", str(band), *map(str, row)))
    return found


def score(a: Shape, b: Shape) -> float:
    """How surely two posts tell the same story, 0 when they must not join, else from
    THRESHOLD to 100 (100: the same text or the same link)."""
    if a.links & b.links:
        found = 100.0
    elif a.norm and a.norm == b.norm and not (a.short and a.links and b.links):
        found = 100.0  # but "Incroyable 😱 <link>" twice with two links: two stories
    elif a.short or b.short or len(a.words & b.words) < MIN_COMMON:
        return 0.0
    else:
        found = fuzz.token_set_ratio(a.norm, b.norm, score_cutoff=THRESHOLD)
    # the marks last: most candidates fail on their words, which costs less to tell
    return 0.0 if not found or marks_differ(a, b) else float(found)


def marks_differ(a: Shape, b: Shape) -> bool:
    """Each post names a place, a hazard or a road that the other does not."""
    if _both_sides(a.hazards, b.hazards) or _both_sides(a.roads, b.roads):
        return True
    only_a, only_b = a.names - b.words, b.names - a.words
    if not only_a or not only_b:
        return False
    return any(not _mentions(b, n) for n in only_a) and any(not _mentions(a, n) for n in only_b)


def _both_sides(a: frozenset[str], b: frozenset[str]) -> bool:
    return bool(a - b) and bool(b - a)


def _mentions(post: Shape, name: str) -> bool:
    """The post has a word one typo away from the name (it lacks the name itself)."""
    typos = 1 if len(name) < 8 else 2
    near = process.extractOne(name, post.words, scorer=Levenshtein.distance, score_cutoff=typos)
    return near is not None
