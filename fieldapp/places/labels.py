"""Which place names a map view can show without two labels overlapping.

Places come most populous first; each label is a box of the name's estimated width around
its point, in web-mercator pixels at the view's zoom; a box that would touch one already
kept is dropped. A grid of cells finds the neighbours, so a view of thousands of places
stays in milliseconds. Also the distance between two places. Pure functions; any thread.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fieldapp.places.gazetteer import Place

CHAR_PX = 7.0  # the map script's label font (12 px sans-serif): mean glyph width
LINE_PX = 16.0
MARGIN_PX = 4.0
_CELL_PX = 128.0


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine), in km."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 12742.0 * math.asin(min(1.0, math.sqrt(a)))


def pixel(lat: float, lon: float, zoom: int) -> tuple[float, float]:
    """The web-mercator pixel of a position at `zoom` (256-pixel tiles)."""
    scale = 256.0 * (1 << zoom)
    lat = max(-85.0511, min(85.0511, lat))
    x = (lon + 180.0) / 360.0 * scale
    s = math.sin(math.radians(lat))
    y = (0.5 - math.log((1 + s) / (1 - s)) / (4 * math.pi)) * scale
    return x, y


def label_box(place: Place, zoom: int) -> tuple[float, float, float, float]:
    """(left, top, right, bottom) of the label: the name centred above its dot."""
    x, y = pixel(place.lat, place.lon, zoom)
    half = (CHAR_PX * len(place.name)) / 2 + MARGIN_PX
    return (x - half, y - LINE_PX - MARGIN_PX, x + half, y + MARGIN_PX)


def place_labels(places: Sequence[Place], zoom: int, limit: int) -> list[Place]:
    """The places to label, in the given (importance) order, none overlapping another."""
    kept: list[Place] = []
    grid: dict[tuple[int, int], list[tuple[float, float, float, float]]] = {}
    for place in places:
        if len(kept) >= limit:
            break
        box = label_box(place, zoom)
        cells = _cells(box)
        if any(_overlap(box, other) for cell in cells for other in grid.get(cell, ())):
            continue
        kept.append(place)
        for cell in cells:
            grid.setdefault(cell, []).append(box)
    return kept


def _cells(box: tuple[float, float, float, float]) -> list[tuple[int, int]]:
    left, top, right, bottom = (int(v // _CELL_PX) for v in box)
    return [(i, j) for i in range(left, right + 1) for j in range(top, bottom + 1)]


def _overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]
