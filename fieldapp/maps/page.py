"""The map page: a folium (Leaflet) page whose every byte comes from the app's own scheme.

`build_map_page(layers, texts)` returns the HTML that the map view loads from
`fieldapp://app/map.html`. folium's defaults point at CDNs (Leaflet, jQuery, Bootstrap,
awesome-markers, Font Awesome); `OfflineMap` (fieldapp.maps.folium_page, imported only when a
page is rendered: folium is slow to import) replaces them with the vendored copies under
resources/web, served as `fieldapp://app/web/...`, and drops what the page does not use.
`prepare_map_page` keeps the last pages it built, in memory and in a cache folder: a
second map, a reload or a new start with the same tile sets and language renders nothing.
The page holds no report: FieldApp's map script (resources/web/fieldapp/map.js) fetches
them from the scheme and talks to Qt through QWebChannel.

Text that reaches the page as HTML (layer names and attributions, which Leaflet inserts as
markup and which come from imported MBTiles files) is escaped here; every other text is
handed to the script as JSON data and shown with textContent.

build_map_page is pure, no I/O: any thread. prepare_map_page reads the tile sets' files:
call it from a worker thread (its cache is guarded by a lock).
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import importlib.util
import json
import threading
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from fieldapp import __version__
from fieldapp.maps.urls import (
    BASEMAP_URL,
    MapLayer,
    tile_url,
)

if TYPE_CHECKING:
    from fieldapp.tiles import TileRegistry

_PAGES_KEPT = 4
_pages: dict[str, str] = {}  # (layers, texts) as JSON -> page, oldest first
_pages_lock = threading.Lock()


def build_map_page(
    layers: Sequence[MapLayer],
    texts: Mapping[str, object],
    *,
    center: tuple[float, float] = (46.5, 2.5),
    zoom: int = 5,
) -> str:
    """The whole page as HTML. `texts` holds the translated words the script shows."""
    from fieldapp.maps.folium_page import render_map_page

    return render_map_page(layers, texts, center=center, zoom=zoom)


def basemap_layer(name: str) -> MapLayer:
    """The world basemap shipped in resources/basemap, with its own attribution."""
    from fieldapp.core.resources import basemap_path
    from fieldapp.tiles.registry import read_info

    info = read_info(basemap_path())
    return MapLayer(
        key="basemap",
        name=name,
        url=BASEMAP_URL,
        attribution=info.attribution,
        min_zoom=info.min_zoom or 0,
        max_zoom=info.max_zoom if info.max_zoom is not None else 6,
        base=True,
    )


def registry_layers(registry: TileRegistry) -> list[MapLayer]:
    """One overlay per readable tile set of the data directory (reads every set's file)."""
    layers = []
    for info in registry.list_sets():
        if info.error or info.max_zoom is None:
            continue
        layers.append(
            MapLayer(
                key=info.id,
                name=info.name,
                url=tile_url(info.id),
                attribution=info.attribution,
                min_zoom=info.min_zoom or 0,
                max_zoom=info.max_zoom,
                bounds=info.bounds,
            )
        )
    return layers


def _page_key(layers: Sequence[MapLayer], texts: Mapping[str, object]) -> str:
    """What a rendered page depends on: its layers, its texts and the code that renders."""
    spec = importlib.util.find_spec("fieldapp.maps.folium_page")
    origin = Path(spec.origin) if spec and spec.origin else None
    # A source checkout renders with whatever map_folium.py says now; a bundle with its
    # release: either way an edited renderer never meets a page cached by the old one.
    code = origin.read_bytes() if origin and origin.is_file() else __version__.encode()
    try:
        folium_version = importlib.metadata.version("folium")
    except importlib.metadata.PackageNotFoundError:  # a bundle without its metadata
        folium_version = ""
    payload = json.dumps(
        [[repr(layer) for layer in layers], texts, folium_version], sort_keys=True, default=str
    )
    return hashlib.sha256(code + payload.encode()).hexdigest()[:32]


def _cached_page(key: str, cache_dir: Path | None) -> str | None:
    with _pages_lock:
        page = _pages.get(key)
    if page is None and cache_dir is not None:
        try:
            page = (cache_dir / f"map-{key}.html").read_text(encoding="utf-8")
        except OSError:
            return None
    return page


def _keep_page(key: str, page: str, cache_dir: Path | None) -> None:
    with _pages_lock:
        _pages[key] = page
        for old in list(_pages)[:-_PAGES_KEPT]:
            del _pages[old]
    if cache_dir is None:
        return
    try:  # a cache that cannot be written only costs the next start a rendering
        cache_dir.mkdir(parents=True, exist_ok=True)
        for stale in sorted(cache_dir.glob("map-*.html"), key=lambda p: p.stat().st_mtime)[
            : -_PAGES_KEPT + 1
        ]:
            stale.unlink(missing_ok=True)
        temp = cache_dir / f"map-{key}.tmp"
        temp.write_text(page, encoding="utf-8")
        temp.replace(cache_dir / f"map-{key}.html")
    except OSError:
        pass


def prepare_map_page(
    registry: TileRegistry, texts: Mapping[str, object], cache_dir: Path | None = None
) -> str:
    """The page with the basemap and every tile set of `registry` (disk reads: a worker).

    A page rendered before for the same layers and texts comes from memory or from
    `cache_dir`, so a fresh process does not import folium (half a second or more).
    """
    layers = [basemap_layer(str(texts.get("basemap", "World"))), *registry_layers(registry)]
    key = _page_key(layers, texts)
    page = _cached_page(key, cache_dir)
    if page is None:
        page = build_map_page(layers, texts)
        _keep_page(key, page, cache_dir)
    return page
