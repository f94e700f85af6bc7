"""The column mapping of a CSV import: which column is the latitude, the title...

Columns are found by name the way uMap and Ushahidi find them: exact names first (lat,
latitude, y, lon, lng, long, longitude, x, and French ones: titre, nom, lieu, gravité...),
then a word of the name (`geo_Longitude`, `Location.lat`, `Latitude (WGS84)`). The user's
`--map COLUMN=FIELD` choices win over the guesses. Numbers may use a decimal comma
("43,21"). Pure functions, any thread.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence

FIELDS = ("title", "description", "lat", "lon", "time", "kind", "severity", "place", "id")
NEEDED = ("title", "lat", "lon")  # without lat and lon a row becomes an unlocated report
IGNORE = "-"  # --map COLUMN=- : leave this column out of the description too

# Exact names, best first (after folding: lower case, no accents, words joined by "_").
_EXACT: dict[str, tuple[str, ...]] = {
    "lat": ("lat", "latitude", "y", "lati", "latitude_wgs84", "lat_wgs84", "coord_y"),
    "lon": ("lon", "lng", "long", "longitude", "x", "longi", "longitude_wgs84", "lon_wgs84",
            "coord_x"),
    "title": ("title", "titre", "name", "nom", "label", "libelle", "intitule", "subject",
              "objet", "post_title"),
    "description": ("description", "desc", "details", "detail", "body", "content", "contenu",
                    "texte", "text", "message", "comment", "commentaire", "notes"),
    "time": ("observed_at", "time", "date", "datetime", "timestamp", "post_date", "date_heure",
             "heure", "when", "created", "created_at"),
    "kind": ("kind", "type", "categorie", "category", "nature"),
    "severity": ("severity", "gravite", "priority", "priorite", "urgence", "urgency"),
    "place": ("place", "location", "lieu", "commune", "ville", "city", "town", "address",
              "adresse", "localisation"),
    "id": ("id", "post_id", "uuid", "guid", "identifiant", "ref", "reference"),
}  # fmt: skip
# Words that give a column away inside a longer name ("geo_Longitude", "Location.lat").
_WORDS = {
    "lat": ("lat", "latitude"),
    "lon": ("lon", "lng", "long", "longitude"),
}


def fold(name: str) -> str:
    """A column name compared loosely: "Gravité " -> "gravite", "Post date" -> "post_date"."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")


def guess_mapping(columns: Sequence[str]) -> dict[str, str]:
    """field -> column for the fields whose column the names give away."""
    folded = {column: fold(column) for column in columns}
    found: dict[str, str] = {}
    for field_name, names in _EXACT.items():
        for name in names:
            match = next((c for c, f in folded.items() if f == name), None)
            if match is not None and match not in found.values():
                found[field_name] = match
                break
    for field_name, words in _WORDS.items():
        if field_name in found:
            continue
        for column, name in folded.items():
            if column not in found.values() and set(name.split("_")) & set(words):
                found[field_name] = column
                break
    return found


def apply_overrides(
    guessed: Mapping[str, str], columns: Sequence[str], overrides: Mapping[str, str]
) -> dict[str, str]:
    """The guesses with the user's COLUMN=FIELD choices on top (FIELD "-": not used).

    Raises ValueError naming an unknown column or field."""
    mapping = dict(guessed)
    by_fold = {fold(c): c for c in columns}
    for column, field_name in overrides.items():
        real = column if column in columns else by_fold.get(fold(column))
        if real is None:
            raise ValueError(f"no column {column!r} in the file (columns: {', '.join(columns)})")
        if field_name != IGNORE and field_name not in FIELDS:
            raise ValueError(f"{field_name!r} is not a field; use one of {', '.join(FIELDS)} or -")
        mapping = {f: c for f, c in mapping.items() if c != real and f != field_name}
        if field_name != IGNORE:
            mapping[field_name] = real
    return mapping


def parse_overrides(pairs: Sequence[str]) -> dict[str, str]:
    """["Lat=lat", "Notes=description"] -> {"Lat": "lat", ...}; ValueError if malformed."""
    out: dict[str, str] = {}
    for pair in pairs:
        column, sep, field_name = pair.rpartition("=")
        if not sep or not column.strip() or not field_name.strip():
            raise ValueError(f"{pair!r}: write COLUMN=FIELD, e.g. Breite=lat")
        out[column.strip()] = field_name.strip().lower()
    return out


def number(text: str) -> float | None:
    """A coordinate as written in a cell: "43.21", "43,21" (decimal comma), " -1.5 "."""
    value = text.strip().replace("\u2212", "-")
    if not value:
        return None
    if "," in value and "." not in value:
        value = value.replace(",", ".")
    try:
        return float(value)
    except ValueError:
        raise ValueError(f"{text.strip()!r} is not a number") from None
