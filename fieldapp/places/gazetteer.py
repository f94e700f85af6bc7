"""The offline gazetteer: find a place by name, complete a typed name, label a map view.

`Gazetteer.default()` names the shipped file (resources/gazetteer/places.sqlite, built by
`fieldapp.places.build`); nothing is opened until the first lookup, so start-up does not
change. The file is read-only: each thread that asks gets its own SQLite connection
(threading.local), so one Gazetteer may be shared by the GUI thread and the task
manager's workers. A missing or foreign file raises `GazetteerUnavailable`, one line in
words; nothing crashes.
"""

from __future__ import annotations

import sqlite3
import threading
from dataclasses import dataclass
from pathlib import Path

from fieldapp.core.resources import resources_dir
from fieldapp.places.labels import place_labels
from fieldapp.places.text import fold

FORMAT = "2"  # the schema this reader knows (fieldapp.places.build.FORMAT)
_ABBREVIATIONS = {"st": "saint", "ste": "sainte", "mt": "mont"}
_COLUMNS = "p.id, p.name, p.lat, p.lon, p.country, p.admin, p.population, p.kind"
_LABEL_CANDIDATES = 3000  # the most populous places of a view considered for labels
_ALTERNATE_WEIGHT = 0.005


class GazetteerUnavailable(RuntimeError):
    """The gazetteer file is missing or unreadable; the message says which and what to do."""


@dataclass(frozen=True)
class Place:
    name: str
    lat: float
    lon: float
    country: str  # ISO 3166 alpha-2
    admin: str  # "Aude (11)" for a French commune, else the first-level division
    population: int | None
    kind: str  # "commune", "former commune", "city"

    def label(self) -> str:
        """What a chooser shows: "Quillan, Aude (11), FR"."""
        return ", ".join(part for part in (self.name, self.admin, self.country) if part)


class Gazetteer:
    """Place names from one gazetteer file; safe to share between threads."""

    _shared: dict[Path, Gazetteer] = {}  # noqa: RUF012 - a memo of read-only files
    _shared_lock = threading.Lock()

    def __init__(self, path: Path) -> None:
        self.path = path
        self._local = threading.local()

    @classmethod
    def default(cls) -> Gazetteer:
        """The shipped gazetteer; opened lazily, on first use, once per thread."""
        return cls.at(resources_dir() / "gazetteer" / "places.sqlite")

    @classmethod
    def at(cls, path: Path) -> Gazetteer:
        """The gazetteer of the file at `path`, one object per file."""
        with cls._shared_lock:
            return cls._shared.setdefault(path, cls(path))

    def available(self) -> bool:
        try:
            self.check()
        except GazetteerUnavailable:
            return False
        return True

    def check(self) -> None:
        """Open the file now; raises GazetteerUnavailable, in words, if it cannot be read."""
        self._db()

    def find(self, name: str, limit: int = 10) -> list[Place]:
        """Places named `name` (folded: case, accents, dashes), most populous first, then
        places whose name starts with it. Several results for one name = ambiguous."""
        key = _query_key(name)
        if not key or limit <= 0:
            return []
        exact = self._exact(key)[:limit]
        if len(exact) >= limit:
            return exact
        return _unique(exact + self._prefix(key, limit))[:limit]

    def named(self, name: str) -> list[Place]:
        """Only the places named exactly `name` (folded), most likely first."""
        key = _query_key(name)
        return self._exact(key) if key else []

    def complete(self, prefix: str, limit: int = 10) -> list[Place]:
        """Completions of what the user typed so far: exact names first, then the most
        populous places whose name or alternate name starts with it."""
        return self.find(prefix, limit)

    def labels(
        self, west: float, south: float, east: float, north: float, zoom: int, limit: int = 300
    ) -> list[Place]:
        """The places to label in a view, most populous first, whose labels do not overlap
        at `zoom` (web-mercator pixels)."""
        boxes = [(west, east)] if west <= east else [(west, 180.0), (-180.0, east)]
        candidates: list[Place] = []
        for left, right in boxes:
            candidates += self._query(
                f"SELECT {_COLUMNS} FROM place_box b JOIN place p ON p.id = b.id"
                " WHERE b.max_lat >= ? AND b.min_lat <= ? AND b.max_lon >= ? AND b.min_lon <= ?"
                " ORDER BY p.rank LIMIT ?",
                (south, north, left, right, _LABEL_CANDIDATES),
            )
        return place_labels(candidates, zoom, limit)

    def area_keys(self) -> frozenset[str]:
        """Folded names of countries and of the areas places lie in ("aude", "virginia")."""
        keys = getattr(self, "_area_keys", None)
        if keys is None:
            keys = frozenset(key for (key,) in self._db().execute("SELECT key FROM area"))
            self._area_keys = keys
        return keys

    def count(self, kind: str, country: str) -> int:
        """How many places of one kind one country has (the build's checks, the tests)."""
        (number,) = (
            self._db()
            .execute("SELECT count(*) FROM place WHERE kind = ? AND country = ?", (kind, country))
            .fetchone()
        )
        return int(number)

    def _exact(self, key: str) -> list[Place]:
        """Places of that name: a place's own name weighs 200 times an alternate one, so
        "Valence" is the Drôme's before Spain's Valencia, "Londres" still London."""
        rows = self._db().execute(
            f"SELECT {_COLUMNS}, n.main FROM name n JOIN place p ON p.id = n.place"
            " WHERE n.key = ? ORDER BY n.rank LIMIT 500",
            (key,),
        )
        scored = sorted(rows, key=lambda r: -(r[6] or 0) * (1.0 if r[8] else _ALTERNATE_WEIGHT))
        return [Place(*row[1:8]) for row in scored]

    def _prefix(self, key: str, limit: int) -> list[Place]:
        if len(key) <= 2:
            sql = (
                f"SELECT {_COLUMNS} FROM top t JOIN place p ON p.id = t.place"
                " WHERE t.prefix = ? ORDER BY t.rank LIMIT ?"
            )
            return self._query(sql, (key, limit * 2))
        # Places' own names first ("Quill": Quillan before Barranquilla, alias "Quilla"),
        # each sorted by population inside the key range.
        sql = (
            f"SELECT {_COLUMNS} FROM (SELECT DISTINCT place, rank FROM name n"
            " WHERE n.key > ? AND n.key < ? AND n.main >= ? ORDER BY rank LIMIT ?) m"
            " JOIN place p ON p.id = m.place ORDER BY p.rank"
        )
        upper = key + "\U0010ffff"
        own = self._query(sql, (key, upper, 1, limit))
        if len(own) >= limit:
            return own
        return _unique(own + self._query(sql, (key, upper, 0, limit * 2)))

    def _query(self, sql: str, args: tuple[object, ...]) -> list[Place]:
        rows = self._db().execute(sql, args).fetchall()
        return [Place(*row[1:]) for row in rows]

    def _db(self) -> sqlite3.Connection:
        db = getattr(self._local, "db", None)
        if db is None:
            db = self._local.db = _open(self.path)
        return db


def _open(path: Path) -> sqlite3.Connection:
    if not path.is_file():
        raise GazetteerUnavailable(
            f"The place gazetteer is not installed ({path} is missing): run `make gazetteer`."
        )
    try:
        # Read-only: the file is a shipped resource no program writes in place (a rebuild
        # replaces it whole), so SQLite may skip locking it.
        db = sqlite3.connect(f"{path.as_uri()}?mode=ro&immutable=1", uri=True,
                             check_same_thread=True)  # fmt: skip
        row = db.execute("SELECT value FROM meta WHERE key = 'format'").fetchone()
    except sqlite3.DatabaseError as error:
        raise GazetteerUnavailable(f"The place gazetteer {path} is unreadable: {error}.") from None
    if row is None or row[0] != FORMAT:
        db.close()
        raise GazetteerUnavailable(
            f"The place gazetteer {path} is of another FieldApp version: run `make gazetteer`."
        )
    return db


def _query_key(name: str) -> str:
    words = fold(name).split(" ")
    return " ".join(_ABBREVIATIONS.get(word, word) for word in words if word)


def _unique(places: list[Place]) -> list[Place]:
    seen: set[Place] = set()
    return [p for p in places if not (p in seen or seen.add(p))]
