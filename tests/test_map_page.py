"""The map page loads everything from the app's scheme: no CDN, no network, no markup
smuggled in through a tile set's name or attribution."""

from __future__ import annotations

import re
from pathlib import Path

from fieldapp.core.resources import web_dir
from fieldapp.maps.page import build_map_page, prepare_map_page
from fieldapp.maps.urls import MapLayer, tile_url
from fieldapp.tiles import TileRegistry

SAMPLES = Path(__file__).resolve().parent / "samples" / "geo" / "mbtiles"
TEXTS = {"reports": "Reports", "exercise": "EXERCISE", "kinds": {"hazard": "Hazard"}}
# Anything the browser would fetch: src=, href=, url(...), @import.
_LINKS = re.compile(
    r"""(?:src|href)\s*=\s*["']?([^"'\s>]+)|url\(\s*["']?([^"')]+)|@import\s+["']([^"']+)"""
)


def _links(html: str) -> list[str]:
    return [next(g for g in match.groups() if g) for match in _LINKS.finditer(html)]


def _world(**kw) -> MapLayer:
    return MapLayer(
        "basemap", "World", "fieldapp://basemap/{z}/{x}/{y}", "Natural Earth", base=True, **kw
    )


def test_every_link_of_the_page_points_to_the_app_scheme():
    html = build_map_page([_world(), MapLayer("aude", "Aude", tile_url("aude"))], TEXTS)
    links = _links(html)
    assert links, "the page should load Leaflet and its plugins"
    assert all(link.startswith("fieldapp://") for link in links), links
    assert not re.search(r"https?://", html)
    assert not re.search(r"""["'(=]\s*//""", html), "protocol-relative URL in the page"


def test_every_asset_the_page_names_is_shipped_with_its_licence():
    html = build_map_page([_world()], TEXTS)
    assets = [link for link in _links(html) if link.startswith("fieldapp://app/web/")]
    assert len(assets) >= 7
    for link in assets:
        path = web_dir() / link.removeprefix("fieldapp://app/web/")
        assert path.is_file(), link
    for package in ("leaflet", "markercluster", "geoman"):
        assert (web_dir() / package / "LICENSE").is_file(), package


def test_vendored_stylesheets_load_nothing_from_the_network():
    for css in web_dir().rglob("*.css"):
        for target in re.findall(r"""url\(\s*['"]?([^'")]+)""", css.read_text()):
            assert not target.startswith(("http:", "https:", "//")), (css.name, target)


def test_a_tile_set_name_or_attribution_cannot_inject_markup():
    hostile = '<img src=x onerror="alert(1)"></script><script>alert(2)</script>'
    html = build_map_page([MapLayer("evil", hostile, tile_url("evil"), hostile)], TEXTS)
    assert "<img" not in html and "alert(2)</script>" not in html
    assert "&lt;img" in html.replace("\\u0026", "&")


def test_the_page_offers_the_basemap_and_every_registered_set(tmp_path):
    from fieldapp.tiles import import_mbtiles

    import_mbtiles(tmp_path, SAMPLES / "plain_1.mbtiles", name="aerial")
    with TileRegistry(tmp_path) as registry:
        html = prepare_map_page(registry, {**TEXTS, "basemap": "World map"})
    assert "fieldapp://basemap/{z}/{x}/{y}" in html
    assert tile_url("aerial") in html
    assert '"World map"' in html
