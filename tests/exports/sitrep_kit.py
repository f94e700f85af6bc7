"""Helpers of the sitrep tests: an MBTiles file of plain coloured tiles over an area, put
in a data folder's tiles/ as a downloaded set would be."""

from __future__ import annotations

import io
from pathlib import Path

import mercantile
from PIL import Image

from fieldapp.tiles.mbtiles import MBTilesWriter

TILE_COLOUR = (40, 160, 90)  # a green no marker uses


def coloured_tiles(data_dir: Path, box: tuple[float, float, float, float], zooms: range) -> Path:
    """tiles/area.mbtiles: every tile of `box` (padded by a degree) at `zooms`, plain green."""
    buffer = io.BytesIO()
    Image.new("RGB", (256, 256), TILE_COLOUR).save(buffer, "PNG")
    png = buffer.getvalue()
    west, south, east, north = box
    tiles = [
        (t.z, t.x, t.y, png)
        for t in mercantile.tiles(west - 1, south - 1, east + 1, north + 1, list(zooms))
    ]
    path = Path(data_dir) / "tiles" / "area.mbtiles"
    path.parent.mkdir(parents=True, exist_ok=True)
    writer = MBTilesWriter(path, wal=False)
    metadata = {"name": "Area", "format": "png", "attribution": "Test tiles"}
    writer.write(tiles, metadata=metadata)
    writer.close()
    return path


def prepare_qt() -> None:
    """Offscreen, and the attribute the map (Qt WebEngine) needs before the application
    exists: these tests may make the test run's QApplication before tests/ui does."""
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if hasattr(os, "geteuid") and os.geteuid() == 0:  # Chromium refuses its sandbox as root
        os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--no-sandbox")
    from PySide6.QtCore import QCoreApplication, Qt

    if QCoreApplication.instance() is None:
        QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)


prepare_qt()
