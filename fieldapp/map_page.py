"""The map page: a folium (Leaflet) page whose every byte comes from the app's own scheme.

`build_map_page(layers, texts)` returns the HTML that the map view loads from
`fieldapp://app/map.html`. folium's defaults point at CDNs (Leaflet, jQuery, Bootstrap,
awesome-markers, Font Awesome); `OfflineMap` replaces them with the vendored copies under
resources/web, served as `fieldapp://app/web/...`, and drops what the page does not use.
The page holds no report: FieldApp's map script (resources/web/fieldapp/map.js) fetches
them from the scheme and talks to Qt through QWebChannel.

Text that reaches the page as HTML (layer names and attributions, which Leaflet inserts as
markup and which come from imported MBTiles files) is escaped here; every other text is
handed to the script as JSON data and shown with textContent.

build_map_page is pure, no I/O: any thread. prepare_map_page reads the tile sets' files:
call it from a worker thread.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

import folium
from branca.element import Element
from folium.elements import JSCSSMixin
from jinja2 import Template

if TYPE_CHECKING:
    from fieldapp.tiles import TileRegistry

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


class OfflineMap(folium.Map):
    """folium.Map loading Leaflet from the app's scheme, and nothing from anywhere else."""

    default_js: ClassVar = [("leaflet", asset_url("leaflet/leaflet.js"))]
    default_css: ClassVar = [("leaflet_css", asset_url("leaflet/leaflet.css"))]


class FieldAppLayer(JSCSSMixin):
    """The reports, drawing and the Qt bridge: FieldApp's script started on the map."""

    default_js: ClassVar = [
        ("markercluster", asset_url("markercluster/leaflet.markercluster.js")),
        ("geoman", asset_url("geoman/leaflet-geoman.min.js")),
        ("qwebchannel", QWEBCHANNEL_URL),
        ("fieldapp_map", asset_url("fieldapp/map.js")),
    ]
    default_css: ClassVar = [
        ("markercluster_css", asset_url("markercluster/MarkerCluster.css")),
        ("markercluster_default_css", asset_url("markercluster/MarkerCluster.Default.css")),
        ("geoman_css", asset_url("geoman/leaflet-geoman.css")),
        ("fieldapp_css", asset_url("fieldapp/map.css")),
    ]
    _template = Template(
        """{% macro script(this, kwargs) %}
        FieldAppMap.start(
            {{ this._parent.get_name() }}, {{ this.control }}, {{ this.config|tojson }});
        {% endmacro %}"""
    )

    def __init__(self, control: folium.LayerControl, config: Mapping[str, object]):
        super().__init__()
        self._name = "FieldAppLayer"
        self.control = control.get_name()
        self.config = dict(config)


def _tile_layer(layer: MapLayer) -> folium.TileLayer:
    options: dict[str, object] = {
        "max_native_zoom": layer.max_zoom,
        "min_native_zoom": layer.min_zoom,
    }
    if layer.bounds is not None:
        west, south, east, north = layer.bounds
        options["bounds"] = [[south, west], [north, east]]
    return folium.TileLayer(
        tiles=layer.url,
        name=html.escape(layer.name),
        attr=html.escape(layer.attribution) or " ",
        overlay=not layer.base,
        control=True,
        show=True,
        min_zoom=0,
        max_zoom=MAX_ZOOM,
        **options,
    )


def build_map_page(
    layers: Sequence[MapLayer],
    texts: Mapping[str, object],
    *,
    center: tuple[float, float] = (46.5, 2.5),
    zoom: int = 5,
) -> str:
    """The whole page as HTML. `texts` holds the translated words the script shows."""
    page = OfflineMap(
        location=list(center),
        zoom_start=zoom,
        tiles=None,
        control_scale=True,
        prefer_canvas=False,
        max_zoom=MAX_ZOOM,
        world_copy_jump=True,
    )
    root = page.get_root()
    root.header.add_child(Element('<meta name="referrer" content="no-referrer">'), name="ref")
    for layer in layers:
        _tile_layer(layer).add_to(page)
    control = folium.LayerControl(position="topright", collapsed=True)
    control.add_to(page)
    FieldAppLayer(control, {"texts": dict(texts)}).add_to(page)
    return root.render()


def basemap_layer(name: str) -> MapLayer:
    """The world basemap shipped in resources/basemap, with its own attribution."""
    from fieldapp.resources import basemap_path
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


def prepare_map_page(registry: TileRegistry, texts: Mapping[str, object]) -> str:
    """The page with the basemap and every tile set of `registry` (disk reads: a worker)."""
    layers = [basemap_layer(str(texts.get("basemap", "World"))), *registry_layers(registry)]
    return build_map_page(layers, texts)
