"""The folium half of the map page: Leaflet and FieldApp's script from the app's scheme.

Imported by fieldapp.maps.page only when a page is rendered, because importing folium
(with jinja2, branca, requests) takes about half a second, up to a second on a busy
machine: that must happen in a worker thread, never on the UI thread when the map
module is imported. Pure rendering, no I/O: any thread.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from typing import Any, ClassVar

import folium
from branca.element import Element, Figure
from folium.elements import JSCSSMixin
from jinja2 import Template

from fieldapp.maps.urls import MAX_ZOOM, QWEBCHANNEL_URL, MapLayer, asset_url


class OfflineMap(folium.Map):
    """folium.Map loading Leaflet from the app's scheme, and nothing from anywhere else."""

    default_js: ClassVar = [("leaflet", asset_url("leaflet/leaflet.js"))]
    default_css: ClassVar = [("leaflet_css", asset_url("leaflet/leaflet.css"))]


class FieldAppLayer(JSCSSMixin):
    """The reports, drawing and the Qt bridge (map.js), then the place names (places.js)
    and the official alerts (alerts.js)."""

    default_js: ClassVar = [
        ("markercluster", asset_url("markercluster/leaflet.markercluster.js")),
        ("geoman", asset_url("geoman/leaflet-geoman.min.js")),
        ("qwebchannel", QWEBCHANNEL_URL),
        ("fieldapp_map", asset_url("fieldapp/map.js")),
        ("fieldapp_places", asset_url("fieldapp/places.js")),
        ("fieldapp_alerts", asset_url("fieldapp/alerts.js")),
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
        FieldAppPlaces.start(
            {{ this._parent.get_name() }}, {{ this.control }}, {{ this.config|tojson }});
        FieldAppAlerts.start(
            {{ this._parent.get_name() }}, {{ this.control }}, {{ this.config|tojson }});
        {% endmacro %}"""
    )

    def __init__(self, control: folium.LayerControl, config: Mapping[str, object]):
        super().__init__()
        self._name = "FieldAppLayer"
        self.control = control.get_name()
        self.config = dict(config)


def _tile_layer(layer: MapLayer) -> folium.TileLayer:
    # Passed through folium's **kwargs to Leaflet's TileLayer options (hence Any).
    options: dict[str, Any] = {
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


def render_map_page(
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
    assert isinstance(root, Figure)  # folium.Map always hangs itself under a Figure
    root.header.add_child(Element('<meta name="referrer" content="no-referrer">'), name="ref")
    for layer in layers:
        _tile_layer(layer).add_to(page)
    control = folium.LayerControl(position="topright", collapsed=True)
    control.add_to(page)
    FieldAppLayer(control, {"texts": dict(texts)}).add_to(page)
    return root.render()
