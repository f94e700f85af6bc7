"""The area of a CAP geocode: `resolve("NUTS3", "FR718")` is Haute-Savoie's outline.

Many CAP alerts give no polygon, only geocodes (MeteoAlarm: NUTS3 and EMMA_ID; US alerts:
SAME, FIPS, UGC). This module looks them up in the shipped boundary file
(resources/boundaries/boundaries.sqlite, built by `fieldapp.alerts.boundaries_build`,
`make boundaries`). Accepted value names, case-insensitive:

- NUTS3, NUTS, NUTS-3, NUTS_3: a NUTS3 code of any version (2010, 2013, 2016/2021):
  FR718 and FRK28 are both Haute-Savoie;
- EMMA_ID, EMMA: MeteoAlarm's area code (FR035);
- INSEE, FR-DEP, DEP, DEPARTEMENT, CODE_DEPARTEMENT: the département's INSEE code
  ("74", "2A", "971"; "1" is read "01");
- ISO3166-2, ISO 3166-2: "FR-74", and a US state: "US-CA";
- SAME, FIPS6: a US county as "0" + its 5-digit FIPS code ("006037": Los Angeles County,
  CA); a first digit other than 0 names a part of the county (1 its northwest, 2 north,
  3 northeast, 4 west, 5 centre... 9 southeast), and that part is drawn as the whole
  county (the file has no parts); county "000" is the whole state ("006000": California);
- FIPS: a county's 5-digit code ("06037"), a state's 2-digit one ("06"); 6 digits are
  read as SAME;
- UGC: an NWS county code, state + "C" + county FIPS ("CAC037"). NWS forecast zones
  ("CAZ072", a "Z") are another geography, not in the file: None.

Values are matched without case or surrounding spaces. Unknown names and codes give None.

Threading: the file is read-only; each thread gets its own SQLite connection, opened on
first use (threading.local), so the GUI thread and workers may call at once. Geometries
are cached per process (a small lock-guarded dict; a geometry is never mutated after it is
cached, callers get their own copy). A missing or foreign file raises
BoundariesUnavailable, one sentence naming the file and `make boundaries`.
"""

from __future__ import annotations

import copy
import json
import sqlite3
import threading
from pathlib import Path
from typing import Any

from fieldapp.core.resources import resources_dir

FORMAT = "1"  # the schema this reader knows (fieldapp.alerts.boundaries_build.FORMAT)
_SCHEMES = {
    "NUTS3": "NUTS3", "NUTS": "NUTS3", "NUTS-3": "NUTS3", "NUTS_3": "NUTS3",
    "EMMA_ID": "EMMA_ID", "EMMA": "EMMA_ID",
    "INSEE": "INSEE", "FR-DEP": "INSEE", "DEP": "INSEE", "DEPARTEMENT": "INSEE",
    "CODE_DEPARTEMENT": "INSEE", "ISO3166-2": "ISO", "ISO 3166-2": "ISO",
    "SAME": "SAME", "FIPS6": "SAME", "FIPS": "FIPS", "UGC": "UGC",
}  # fmt: skip

_local = threading.local()
_cache: dict[tuple[Path, int], dict[str, Any]] = {}
_cache_lock = threading.Lock()


class BoundariesUnavailable(RuntimeError):
    """The boundary file is missing or unreadable; the message says which and what to do."""


def default_path() -> Path:
    return resources_dir() / "boundaries" / "boundaries.sqlite"


def resolve(value_name: str, value: str, path: Path | None = None) -> dict[str, Any] | None:
    """The GeoJSON geometry (Polygon or MultiPolygon, [lon, lat]) of a CAP geocode, or None
    when the name or the code is not known. Raises BoundariesUnavailable without the file."""
    file = path or default_path()
    area = _area_id(file, value_name, value)
    if area is None:
        return None
    with _cache_lock:
        cached = _cache.get((file, area))
    if cached is None:
        (text,) = _db(file).execute("SELECT geometry FROM area WHERE id = ?", (area,)).fetchone()
        cached = json.loads(text)
        with _cache_lock:
            _cache[(file, area)] = cached
    return copy.deepcopy(cached)


def describe(value_name: str, value: str, path: Path | None = None) -> str | None:
    """The name of a CAP geocode's area ("Haute-Savoie", "Los Angeles County, CA",
    "California"), or None when not known."""
    file = path or default_path()
    area = _area_id(file, value_name, value)
    if area is None:
        return None
    (name,) = _db(file).execute("SELECT name FROM area WHERE id = ?", (area,)).fetchone()
    return str(name)


def departement_codes(path: Path | None = None) -> list[tuple[str, str]]:
    """(INSEE code, name) of every département the file holds, in code order."""
    rows = _db(path or default_path()).execute(
        "SELECT code, name FROM area WHERE kind = 'FR-DEP' ORDER BY code"
    )
    return [(str(code), str(name)) for code, name in rows]


def _area_id(file: Path, value_name: str, value: str) -> int | None:
    key = _lookup_key(value_name, value)
    if key is None:
        return None
    row = (
        _db(file).execute("SELECT area FROM geocode WHERE scheme = ? AND value = ?", key).fetchone()
    )
    return None if row is None else int(row[0])


def _lookup_key(value_name: str, value: str) -> tuple[str, str] | None:
    scheme = _SCHEMES.get(" ".join(value_name.split()).upper())
    code = value.strip().upper()
    if scheme is None or not code:
        return None
    if scheme == "ISO" and code.startswith("FR-"):
        scheme, code = "INSEE", code[3:]
    if scheme == "INSEE" and len(code) == 1 and code.isdigit():
        code = "0" + code
    if scheme == "FIPS" and len(code) == 6:
        scheme = "SAME"
    if scheme == "SAME":  # P SS CCC: part of the county (drawn whole), state, county
        if len(code) != 6 or not code.isdigit():
            return None
        scheme, code = "FIPS", code[1:3] if code[3:] == "000" else code[1:]
    return scheme, code


def _db(file: Path) -> sqlite3.Connection:
    connections: dict[Path, sqlite3.Connection] | None = getattr(_local, "connections", None)
    if connections is None:
        connections = _local.connections = {}
    db = connections.get(file)
    if db is None:
        db = connections[file] = _open(file)
    return db


def _open(path: Path) -> sqlite3.Connection:
    if not path.is_file():
        raise BoundariesUnavailable(
            f"The alert area boundaries are not installed ({path} is missing): "
            "run `make boundaries`."
        )
    try:
        # Read-only through SQLite only: a shipped resource that a rebuild replaces whole.
        db = sqlite3.connect(f"{path.as_uri()}?mode=ro&immutable=1", uri=True)
        row = db.execute("SELECT value FROM meta WHERE key = 'format'").fetchone()
    except sqlite3.DatabaseError as error:
        raise BoundariesUnavailable(f"The alert area boundaries {path} are unreadable: "
                                    f"{error}.") from None  # fmt: skip
    if row is None or row[0] != FORMAT:
        db.close()
        raise BoundariesUnavailable(
            f"The alert area boundaries {path} are of another FieldApp version: "
            "run `make boundaries`."
        )
    return db
