"""The app's own addresses for the map page, and the tile layers it shows.

Every byte of the map page comes from the `fieldapp:` scheme (ui/maps/scheme.py serves
it): the page, its vendored scripts, the basemap and the registered tile sets. Pure
constants and value types, any thread.
"""

from __future__ import annotations

from dataclasses import dataclass

SCHEME = "fieldapp"
APP_ORIGIN = f"{SCHEME}://app"
PAGE_URL = f"{APP_ORIGIN}/map.html"
QWEBCHANNEL_URL = f"{APP_ORIGIN}/qwebchannel.js"
BASEMAP_URL = f"{SCHEME}://basemap/{{z}}/{{x}}/{{y}}"
# Leaflet scales the deepest tiles of a set up beyond its last zoom, to street level.
MAX_ZOOM = 18


def asset_url(path: str) -> str:
    """The scheme URL of a file under resources/web."""
    return f"{APP_ORIGIN}/web/{path}"


def tile_url(set_id: str) -> str:
    """Leaflet's URL template for a tile set of the registry (XYZ numbering)."""
    return f"{SCHEME}://tiles/{set_id}/{{z}}/{{x}}/{{y}}"


@dataclass(frozen=True)
class MapLayer:
    """One tile layer of the page: the basemap or a registered tile set."""

    key: str
    name: str
    url: str
    attribution: str = ""
    min_zoom: int = 0
    max_zoom: int = 6
    bounds: tuple[float, float, float, float] | None = None  # W, S, E, N
    base: bool = False


# The gazetteer's place names of a view, as JSON (fieldapp.maps.place_labels): same origin
# as the page, so its script may fetch them.
PLACE_LABELS_PATH = "places/labels"
PLACE_LABELS_URL = f"{APP_ORIGIN}/{PLACE_LABELS_PATH}"
