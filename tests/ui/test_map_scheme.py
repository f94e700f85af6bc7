"""The fieldapp: scheme: tiles by XYZ with their MIME type, a grey tile where there is
none, the vendored files, and nothing outside resources/web."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from fieldapp.tiles import TileRegistry, import_mbtiles

SAMPLES = Path(__file__).resolve().parents[1] / "samples" / "geo" / "mbtiles"


@pytest.fixture
def handler(qapp, tmp_path):
    from fieldapp.ui.maps.scheme import MapSchemeHandler

    import_mbtiles(tmp_path, SAMPLES / "plain_1.mbtiles", name="plain")
    import_mbtiles(tmp_path, SAMPLES / "geography-class-jpg.mbtiles", name="geo")
    registry = TileRegistry(tmp_path)
    made = MapSchemeHandler(registry)
    yield made
    made.close()
    registry.close()


def _raw_tms(path: Path, z: int, x: int, tms_row: int) -> bytes:
    with sqlite3.connect(path) as conn:
        return conn.execute(
            "SELECT tile_data FROM tiles WHERE zoom_level=? AND tile_column=? AND tile_row=?",
            (z, x, tms_row),
        ).fetchone()[0]


def _is_grey_placeholder(data: bytes) -> bool:
    image = QImage.fromData(data, "PNG")
    return (
        image.width() == 256
        and len({image.pixel(x, y) for x in (0, 128, 255) for y in (0, 255)}) == 1
    )


def test_a_tile_comes_back_byte_for_byte_at_its_xyz_address(handler):
    # XYZ row 0 at z1 is the northern row: TMS row 1 in the file.
    reply = handler.respond("fieldapp://tiles/plain/1/1/0")
    assert reply.error is None and reply.mime == b"image/png"
    assert reply.data == _raw_tms(SAMPLES / "plain_1.mbtiles", 1, 1, 1)
    jpg = handler.respond("fieldapp://tiles/geo/1/0/1")
    assert jpg.mime == b"image/jpeg"
    assert jpg.data == _raw_tms(SAMPLES / "geography-class-jpg.mbtiles", 1, 0, 0)


@pytest.mark.parametrize(
    "url",
    [
        "fieldapp://tiles/plain/4/5/15",  # not in the set (south of 70°S)
        "fieldapp://tiles/plain/20/1/1",  # deeper than the set
        "fieldapp://tiles/nosuchset/1/0/0",
        "fieldapp://tiles/../../etc/1/0/0",
        "fieldapp://tiles/plain/a/b/c",
    ],
)
def test_a_missing_tile_is_a_neutral_grey_tile(handler, url):
    reply = handler.respond(url)
    assert reply.error is None and reply.mime == b"image/png"
    assert _is_grey_placeholder(reply.data)


def test_the_world_basemap_is_served_without_any_import(handler):
    reply = handler.respond("fieldapp://basemap/0/0/0")
    assert reply.mime == b"image/png" and not _is_grey_placeholder(reply.data)


def test_vendored_files_are_served_with_their_type(handler):
    js = handler.respond("fieldapp://app/web/leaflet/leaflet.js")
    assert js.mime == b"text/javascript" and b"Leaflet" in js.data[:500]
    css = handler.respond("fieldapp://app/web/leaflet/leaflet.css")
    assert css.mime == b"text/css"
    channel = handler.respond("fieldapp://app/qwebchannel.js")
    assert b"QWebChannel" in channel.data


@pytest.mark.parametrize(
    "path",
    [
        "../../pyproject.toml",
        "leaflet/../../../pyproject.toml",
        "%2e%2e/%2e%2e/pyproject.toml",
        "leaflet/%2E%2E%2F%2E%2E%2F..%2Fpyproject.toml",
        "/etc/passwd",
        "..\\..\\pyproject.toml",
    ],
)
def test_no_path_leaves_the_web_folder(handler, path):
    from fieldapp.ui.maps.scheme import DENIED

    assert handler.respond(f"fieldapp://app/web/{path}") == DENIED


def test_unknown_documents_are_not_found_and_only_the_newest_data_stays(handler):
    from fieldapp.ui.maps.scheme import NOT_FOUND

    assert handler.respond("fieldapp://app/data/reports-1.json") == NOT_FOUND
    for generation in (1, 2, 3):
        handler.put_document(f"reports-{generation}.json", b"[]")
    assert handler.respond("fieldapp://app/data/reports-1.json") == NOT_FOUND
    assert handler.respond("fieldapp://app/data/reports-3.json").data == b"[]"
    assert handler.respond("fieldapp://elsewhere/x") == NOT_FOUND
    for generation in (4, 5, 6):  # the alerts' layers never push the reports out
        handler.put_document(f"alerts-{generation}.json", b"{}")
    assert handler.respond("fieldapp://app/data/reports-3.json").data == b"[]"
    assert handler.respond("fieldapp://app/data/alerts-4.json") == NOT_FOUND
    assert handler.respond("fieldapp://app/data/alerts-6.json").data == b"{}"
