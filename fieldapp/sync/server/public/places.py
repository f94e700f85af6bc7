"""Where a citizen's report is: place names from the gazetteer, tiles for the tap-map.

The gazetteer is the desktop's (places/gazetteer.py: one read-only connection per
thread); a server without it completes nothing and locates no typed name, and the form
still works (the name is kept as typed). The tap-map's tiles come from the MBTiles file
a coordinator named; each thread opens its own read-only reader. Any thread.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from fieldapp.places.gazetteer import Gazetteer, GazetteerUnavailable
from fieldapp.tiles.errors import InvalidTileSetError
from fieldapp.tiles.formats import sniff_format
from fieldapp.tiles.mbtiles import MBTilesReader, parse_bounds

_LOCAL = threading.local()
MIME = {"png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg", "webp": "image/webp"}


def complete(prefix: str, limit: int = 8) -> list[dict[str, Any]]:
    """Completions of a typed place name, as the form's script wants them."""
    try:
        found = Gazetteer.default().complete(prefix[:100], limit)
    except GazetteerUnavailable:
        return []
    return [{"label": p.label(), "lat": round(p.lat, 6), "lon": round(p.lon, 6)} for p in found]


def locate(name: str) -> tuple[float, float] | None:
    """The position of a place named as typed (the gazetteer's best), or None."""
    try:
        found = Gazetteer.default().find(name.split(",")[0][:100], 1)
    except GazetteerUnavailable:
        return None
    return (found[0].lat, found[0].lon) if found else None


def _reader(path: str) -> MBTilesReader | None:
    readers: dict[str, MBTilesReader] = _LOCAL.__dict__.setdefault("readers", {})
    if path not in readers:
        try:
            readers[path] = MBTilesReader(Path(path), foreign=True)
        except (OSError, InvalidTileSetError, ValueError):
            return None
    return readers[path]


def tile(path: str, z: int, x: int, y: int) -> tuple[bytes, str] | None:
    """A tile's bytes and media type, None when the set lacks it."""
    reader = _reader(path) if path else None
    data = reader.get(z, x, y) if reader else None
    if not data:
        return None
    return data, MIME.get(sniff_format(data) or "", "application/octet-stream")


def map_view(path: str) -> dict[str, Any] | None:
    """Where the tap-map opens: the set's center (or the middle of its bounds) and zooms."""
    reader = _reader(path) if path else None
    if reader is None:
        return None
    meta = reader.metadata()
    low, high = reader.zoom_range()
    if low is None or high is None:
        return None
    try:
        center = [float(v) for v in meta.get("center", "").split(",") if v.strip()][:3]
    except ValueError:
        center = []
    if len(center) >= 2:
        lon, lat = center[0], center[1]
    else:
        bounds = parse_bounds(meta.get("bounds"))
        if bounds is None:
            return None
        lon, lat = (bounds[0] + bounds[2]) / 2, (bounds[1] + bounds[3]) / 2
    zoom = int(center[2]) if len(center) == 3 else low
    return {"lat": lat, "lon": lon, "z": min(max(zoom, low), high), "zmin": low, "zmax": high}
