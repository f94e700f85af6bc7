"""The map snapshot of a situation report, without Qt: which offline tiles to paint, where,
and the report markers, for the UI to paint (ui/exports/sitrep_map.py).

The view is the box of the located reports (padded) at the highest Web Mercator zoom
where it fits the picture. The tiles come from the best MBTiles file for that view: the
data folder's tile sets (tiles/), then the world basemap shipped with the app; the best
is the one with the most detail that has at least half the tiles of the view, drawn
enlarged at most MAX_OVERZOOM levels. None fits: no tiles, and the PDF says so.

The markers are the located reports counted per cell of CELL pixels by SQL (GROUP BY on
the position, never a row per report in Python): 200,000 reports are a few thousand
cells. Cells are taken in degrees and placed at their centre in Mercator, so a marker is
at most one cell away from its reports.

No network, ever. Functions take a Store and run in the thread that opened it; the
MBTiles files are opened read-only for the call and closed.
"""

from __future__ import annotations

import math
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fieldapp.core.livefiles import TILE_SUFFIX
from fieldapp.core.resources import basemap_path
from fieldapp.tiles.errors import InvalidTileSetError
from fieldapp.tiles.grid import MAX_LAT
from fieldapp.tiles.mbtiles import MBTilesReader
from fieldapp.tiles.registry import tiles_dir

if TYPE_CHECKING:
    from fieldapp.store import Store

TILE = 256
WIDTH, HEIGHT = 1000, 560  # the picture, in pixels (the PDF's width at 150 dpi, about)
MAX_ZOOM = 17  # closer than this shows a street, not an operation
MAX_OVERZOOM = 3  # a tile drawn at most 8 times its size: beyond, no tiles
MIN_SPAN_DEG = 0.02  # about 2 km: one located report still shows its surroundings
PAD = 0.08  # of the box, on each side
CELL = 6  # pixels per marker cell
RASTER = ("png", "jpg", "jpeg", "webp")


@dataclass(frozen=True)
class PlacedTile:
    """A tile's bytes and where it goes in the picture (left, top, size in pixels)."""

    left: float
    top: float
    size: float
    data: bytes


@dataclass(frozen=True)
class Cell:
    """Located reports in one cell of the picture: its centre, count and worst severity."""

    x: float
    y: float
    count: int
    worst: int


@dataclass(frozen=True)
class Pin:
    """A numbered marker: one of the listed reports (its number in the sitrep's table)."""

    x: float
    y: float
    number: int
    severity: int


@dataclass
class Snapshot:
    """What the map picture shows."""

    width: int
    height: int
    zoom: int
    tiles: list[PlacedTile] = field(default_factory=list)
    tile_set: str = ""  # the name of the tile set painted ("" none)
    attribution: str = ""
    cells: list[Cell] = field(default_factory=list)
    pins: list[Pin] = field(default_factory=list)
    bbox: tuple[float, float, float, float] | None = None


# -- Web Mercator ---------------------------------------------------------------------------


def world_x(lon: float, zoom: int) -> float:
    return (lon + 180.0) / 360.0 * TILE * 2**zoom


def world_y(lat: float, zoom: int) -> float:
    lat = max(-MAX_LAT, min(MAX_LAT, lat))
    phi = math.radians(lat)
    return (1.0 - math.log(math.tan(phi) + 1.0 / math.cos(phi)) / math.pi) / 2.0 * TILE * 2**zoom


def padded(box: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
    """The box with a margin, at least MIN_SPAN_DEG wide and high."""
    west, south, east, north = box
    width = max(east - west, MIN_SPAN_DEG) * (1 + 2 * PAD)
    height = max(north - south, MIN_SPAN_DEG) * (1 + 2 * PAD)
    lon, lat = (west + east) / 2, (south + north) / 2
    return (
        max(-180.0, lon - width / 2),
        max(-MAX_LAT, lat - height / 2),
        min(180.0, lon + width / 2),
        min(MAX_LAT, lat + height / 2),
    )


def fit_zoom(box: tuple[float, float, float, float], width: int, height: int) -> int:
    """The highest zoom where the box fits the picture."""
    west, south, east, north = box
    for zoom in range(MAX_ZOOM, -1, -1):
        wide = world_x(east, zoom) - world_x(west, zoom)
        high = world_y(south, zoom) - world_y(north, zoom)
        if wide <= width and high <= height:
            return zoom
    return 0


@dataclass(frozen=True)
class View:
    """The picture's place in the world at `zoom`: its top-left corner in world pixels."""

    zoom: int
    left: float
    top: float
    width: int
    height: int

    def point(self, lon: float, lat: float) -> tuple[float, float]:
        return world_x(lon, self.zoom) - self.left, world_y(lat, self.zoom) - self.top


def make_view(box: tuple[float, float, float, float], width: int, height: int) -> View:
    wide = padded(box)
    zoom = fit_zoom(wide, width, height)
    centre_x = (world_x(wide[0], zoom) + world_x(wide[2], zoom)) / 2
    centre_y = (world_y(wide[1], zoom) + world_y(wide[3], zoom)) / 2
    return View(zoom, centre_x - width / 2, centre_y - height / 2, width, height)


# -- the snapshot ---------------------------------------------------------------------------


def snapshot(
    store: Store,
    operation_id: str,
    box: tuple[float, float, float, float] | None,
    pins: Sequence[tuple[int, float | None, float | None, int]] = (),
    *,
    width: int = WIDTH,
    height: int = HEIGHT,
    basemap: Path | None = None,
) -> Snapshot:
    """The picture of the located reports: tiles, cells of markers and numbered pins
    ((number, lat, lon, severity) of the listed reports). No box: an empty picture."""
    if box is None:
        return Snapshot(width, height, 0)
    view = make_view(box, width, height)
    shot = Snapshot(width, height, view.zoom, bbox=box)
    _add_tiles(shot, view, _candidates(store.data_dir, basemap))
    shot.cells = marker_cells(store.conn, operation_id, view)
    for number, lat, lon, severity in pins:
        if lat is not None and lon is not None:
            x, y = view.point(lon, lat)
            shot.pins.append(Pin(x, y, number, severity))
    return shot


def _candidates(data_dir: Path, basemap: Path | None) -> list[Path]:
    folder = tiles_dir(data_dir)  # globbed: reading every set's facts would count tiles
    sets = sorted(folder.glob(f"*{TILE_SUFFIX}")) if folder.is_dir() else []
    shipped = basemap if basemap is not None else basemap_path()
    return [*sets, shipped] if shipped.exists() else sets


def _add_tiles(shot: Snapshot, view: View, paths: list[Path]) -> None:
    best: tuple[tuple[bool, int, float], Path, int] | None = None
    for path in paths:
        found = _fit(path, view)
        if found is not None and (best is None or found[0] > best[0]):
            best = (found[0], path, found[1])
    if best is None:
        return
    _, path, tile_zoom = best
    with MBTilesReader(path) as reader:
        meta = reader.metadata()
        shot.tiles = _placed(reader, view, tile_zoom)
    shot.tile_set = meta.get("name") or path.stem
    shot.attribution = meta.get("attribution", "")


def _fit(path: Path, view: View) -> tuple[tuple[bool, int, float], int] | None:
    """(score, tile zoom) of one tile set for the view, None when it cannot serve it."""
    try:
        with MBTilesReader(path) as reader:
            if (reader.tile_format() or "") not in RASTER:
                return None
            low, high = reader.zoom_range()
            if high is None or low is None or view.zoom - high > MAX_OVERZOOM:
                return None
            tile_zoom = max(low, min(view.zoom, high))
            x0, x1, y0, y1 = _block(view, tile_zoom)
            present = reader.count_in(tile_zoom, x0, x1, y0, y1)
    except (InvalidTileSetError, sqlite3.DatabaseError, OSError):  # a broken file: not chosen
        return None
    needed = (x1 - x0 + 1) * (y1 - y0 + 1)
    if not present:
        return None
    share = present / needed
    return (share >= 0.5, tile_zoom, share), tile_zoom


def _block(view: View, tile_zoom: int) -> tuple[int, int, int, int]:
    """The XYZ tiles (inclusive) under the picture at `tile_zoom`."""
    scale = 2 ** (view.zoom - tile_zoom)
    side = TILE * scale
    last = 2**tile_zoom - 1
    x0 = max(0, math.floor(view.left / side))
    x1 = min(last, math.floor((view.left + view.width) / side))
    y0 = max(0, math.floor(view.top / side))
    y1 = min(last, math.floor((view.top + view.height) / side))
    return x0, x1, y0, y1


def _placed(reader: MBTilesReader, view: View, tile_zoom: int) -> list[PlacedTile]:
    side = TILE * 2 ** (view.zoom - tile_zoom)
    x0, x1, y0, y1 = _block(view, tile_zoom)
    return [
        PlacedTile(x * side - view.left, y * side - view.top, side, data)
        for x, y, data in reader.iter_block(tile_zoom, x0, x1, y0, y1)
    ]


def marker_cells(conn: Any, operation_id: str, view: View, cell: int = CELL) -> list[Cell]:
    """The located reports in the picture counted per cell, the least severe first (the
    worst are painted last, on top)."""
    zoom_px = TILE * 2**view.zoom
    west = view.left / zoom_px * 360.0 - 180.0
    east = (view.left + view.width) / zoom_px * 360.0 - 180.0
    north, south = _lat(view.top, zoom_px), _lat(view.top + view.height, zoom_px)
    step_lon = cell * 360.0 / zoom_px
    step_lat = step_lon * math.cos(math.radians((north + south) / 2))
    sql = (
        "SELECT CAST((lon - ?) / ? AS INTEGER) AS i, CAST((lat - ?) / ? AS INTEGER) AS j,"
        " count(*), max(severity) FROM reports"
        " WHERE operation_id = ? AND deleted = 0 AND lat BETWEEN ? AND ? AND lon BETWEEN ? AND ?"
        " GROUP BY i, j"
    )
    params = [west, step_lon, south, step_lat, operation_id, south, north, west, east]
    cells = []
    for i, j, count, worst in conn.execute(sql, params):
        x, y = view.point(west + (i + 0.5) * step_lon, south + (j + 0.5) * step_lat)
        cells.append(Cell(x, y, count, worst))
    cells.sort(key=lambda c: (c.worst, c.count))
    return cells


def _lat(world_px_y: float, zoom_px: float) -> float:
    n = math.pi - 2.0 * math.pi * world_px_y / zoom_px
    return math.degrees(math.atan(math.sinh(n)))
