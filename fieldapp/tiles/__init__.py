"""Offline map tiles, without Qt: MBTiles tile sets in <data dir>/tiles/, their import,
download of an area from a tile server (seeding), and export of a tile pack.

Public API (what the CLI and the UI call):

- TileRegistry(data_dir): list_sets(), info(id), get_tile(id, z, x, y) -> Tile | None
- import_mbtiles(data_dir, file, name=None, replace=False) -> TileSetInfo
- list_tile_sets(data_dir) -> list[dict]; tile_set_info(data_dir, id) -> dict
- get_tile(data_dir, id, z, x, y) -> Tile | None
- remove_tile_set(data_dir, id)
- estimate_area(bbox, zooms) -> AreaEstimate (count and size, no I/O: for live forms)
- plan_seed(data_dir, bbox=, zooms=, url=, name=None, options=None) -> SeedPlan
- seed(data_dir, bbox=, zooms=, url=, name=None, options=None, progress=None,
  control=None) -> SeedSummary; SeedControl: pause(), resume(), cancel()
- export_tiles(data_dir, [ids], dest, bbox=, zooms=, name=None, overwrite=False,
  progress=None, cancel=None) -> ExportSummary

Tiles are numbered XYZ (row 0 north) everywhere outside fieldapp.tiles.mbtiles.
TileRegistry.get_tile is one indexed read (about 40 µs) and is safe from any thread,
including the map's URL-scheme handler; everything else blocks on disk or network: call
it from a worker thread, never the UI thread. Each module states its threading rules.
"""

from __future__ import annotations

from .errors import (
    ExportError,
    InvalidRequestError,
    InvalidTileSetError,
    TileError,
    TileSetBusyError,
    TileSetExistsError,
    UnknownTileSetError,
)
from .estimate import MAX_TILES, AreaEstimate, estimate_area
from .export import ExportSummary, export_tiles
from .fetch import USER_AGENT, SeedOptions
from .grid import BBox, ZoomRange, parse_bbox, parse_zooms, tile_counts
from .mbtiles import MBTilesReader, MBTilesWriter, check_mbtiles
from .progress import SeedControl, SeedPlan, SeedProgress, SeedSummary
from .registry import (
    Tile,
    TileRegistry,
    TileSetInfo,
    get_tile,
    import_mbtiles,
    list_tile_sets,
    remove_tile_set,
    tile_set_info,
)
from .seeding import plan_seed, seed

__all__ = [
    "MAX_TILES",
    "USER_AGENT",
    "AreaEstimate",
    "BBox",
    "ExportError",
    "ExportSummary",
    "InvalidRequestError",
    "InvalidTileSetError",
    "MBTilesReader",
    "MBTilesWriter",
    "SeedControl",
    "SeedOptions",
    "SeedPlan",
    "SeedProgress",
    "SeedSummary",
    "Tile",
    "TileError",
    "TileRegistry",
    "TileSetBusyError",
    "TileSetExistsError",
    "TileSetInfo",
    "UnknownTileSetError",
    "ZoomRange",
    "check_mbtiles",
    "estimate_area",
    "export_tiles",
    "get_tile",
    "import_mbtiles",
    "list_tile_sets",
    "parse_bbox",
    "parse_zooms",
    "plan_seed",
    "remove_tile_set",
    "seed",
    "tile_counts",
    "tile_set_info",
]
