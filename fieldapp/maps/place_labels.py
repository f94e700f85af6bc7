"""The map's place-name layer: which names a view shows, as the page's JSON.

The world basemap stops at zoom 6 and an imported tile set may have no names, so from
zoom 7 the page asks `fieldapp://app/places/labels?w=&s=&e=&n=&z=` for the gazetteer's
names of its view: most populous first, none overlapping (fieldapp.places.labels). This
module reads that query and writes the answer; the map view runs `labels_json` as a job of
the task manager, never on the UI thread. Pure functions of a Gazetteer; any thread.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

from fieldapp.places.gazetteer import Gazetteer, GazetteerUnavailable

MIN_LABEL_ZOOM = 7  # below it the world basemap has its own names and the view is too wide
MAX_LABELS = 300


@dataclass(frozen=True)
class LabelsQuery:
    west: float
    south: float
    east: float
    north: float
    zoom: int


def parse_labels_query(url: str) -> LabelsQuery | None:
    """The view a labels URL asks for, or None if it is not a sane one."""
    values = parse_qs(urlsplit(url).query)
    try:
        w, s, e, n = (float(values[key][0]) for key in ("w", "s", "e", "n"))
        zoom = int(values["z"][0])
    except (KeyError, ValueError, IndexError):
        return None
    if not all(math.isfinite(v) for v in (w, s, e, n)) or not 0 <= zoom <= 22:
        return None
    if not (-90 <= s <= n <= 90):
        return None
    w, e = _wrap(w), _wrap(e)
    return LabelsQuery(w, s, e, n, zoom)


def _wrap(lon: float) -> float:
    """Leaflet's view may run past ±180 after panning round the world."""
    return ((lon + 180.0) % 360.0) - 180.0 if not -180.0 <= lon <= 180.0 else lon


def labels_json(gazetteer: Gazetteer, query: LabelsQuery) -> bytes:
    """{"zoom": z, "labels": [[name, lat, lon, population], ...]}; "missing": true (and no
    labels) when the gazetteer file is not there."""
    document: dict[str, object] = {"zoom": query.zoom, "labels": []}
    if query.zoom >= MIN_LABEL_ZOOM:
        try:
            places = gazetteer.labels(
                query.west, query.south, query.east, query.north, query.zoom, MAX_LABELS
            )
        except GazetteerUnavailable:
            document["missing"] = True
        else:
            document["labels"] = [[p.name, p.lat, p.lon, p.population] for p in places]
    return json.dumps(document, ensure_ascii=False).encode()
