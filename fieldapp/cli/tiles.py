"""`fieldapp tiles import|seed|info|get|export`: offline map tiles from the command line.

Tile sets live in <data dir>/tiles/ (fieldapp.tiles); these commands never open the
report database, and import fieldapp.tiles only when they run, so that other commands
do not pay for requests and mercantile. `seed` runs the download in a worker thread so
that the main thread can turn Ctrl-C into a clean cancel; its progress callback prints
from the download's threads (one call at a time). Everything else is single-threaded.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from fieldapp.cli.common import PROG, CliError, json_flag, print_json
from fieldapp.cli.tiles_seed import seed, size_text
from fieldapp.core.livefiles import refuse_live_file

MAX_CONNECTIONS = 16  # fieldapp.tiles.fetch.MAX_CONNECTIONS, kept here to import nothing
# argparse takes `--bbox -5,42,3,51` for an option because of the leading minus; a box
# that starts with a negative number is a value, as `-5` alone already is.
_NEGATIVE_VALUE = re.compile(r"^-\d+$|^-\d*\.\d+$|^-[\d.]+(,-?[\d.]+)+$")


def add_parsers(subparsers: argparse._SubParsersAction, command: Callable) -> None:
    group = command(subparsers, "tiles", None, "offline map tiles: import, download, read, export")
    actions = group.add_subparsers(title="actions", metavar="ACTION", required=True)
    sub = command(actions, "import", import_, "add an MBTiles file as a tile set")
    sub.add_argument("file", type=Path, metavar="FILE.mbtiles", help="a raster MBTiles file")
    sub.add_argument("--name", metavar="NAME", help="name of the tile set (default: file name)")
    sub.add_argument("--replace", action="store_true", help="replace a tile set of that name")
    json_flag(sub)

    sub = command(actions, "seed", seed, "download an area from a tile server (resumable)")
    _area_options(sub)
    sub.add_argument(
        "--url",
        required=True,
        metavar="TEMPLATE",
        help="tile URL with {z}, {x} and {y} (or {-y} for TMS rows), {s} for a, b, c",
    )
    sub.add_argument("--name", metavar="NAME", help="tile set (default: the server's host name)")
    sub.add_argument(
        "--connections",
        type=_connections,
        default=2,
        metavar="N",
        help=f"requests at once, 1 to {MAX_CONNECTIONS} (default: 2; be polite)",
    )
    sub.add_argument("-y", "--yes", action="store_true", help="do not ask before downloading")
    json_flag(sub)

    json_flag(command(actions, "info", info, "list the tile sets with their metadata"))

    sub = command(actions, "get", get, "write one tile (XYZ numbering, row 0 north) to a file")
    for coordinate in ("z", "x", "y"):
        sub.add_argument(coordinate, type=int, metavar=coordinate.upper())
    sub.add_argument("-o", "--output", required=True, metavar="FILE", help="'-' for stdout")
    sub.add_argument("--set", metavar="NAME", help="default: the first tile set that has it")
    json_flag(sub)

    sub = command(actions, "export", export, "copy an area of tile sets into a new MBTiles file")
    _area_options(sub)
    sub.add_argument("-o", "--output", required=True, type=Path, metavar="FILE.mbtiles")
    sub.add_argument(
        "--set",
        dest="sets",
        action="append",
        metavar="NAME",
        help="a tile set to export; repeat for several, the first listed wins (default: all)",
    )
    sub.add_argument("--name", metavar="NAME", help="name written in the pack's metadata")
    sub.add_argument("--overwrite", action="store_true", help="replace FILE if it exists")
    json_flag(sub)


def _area_options(parser: argparse.ArgumentParser) -> None:
    parser._negative_number_matcher = _NEGATIVE_VALUE  # see _NEGATIVE_VALUE
    parser.add_argument(
        "--bbox",
        required=True,
        type=_bbox,
        metavar="W,S,E,N",
        help="area in degrees: west,south,east,north (e.g. 2.0,42.8,2.5,43.2)",
    )
    parser.add_argument(
        "--zoom", required=True, type=_zooms, metavar="Z1-Z2", help="zoom levels, e.g. 10-15 or 12"
    )


def _bbox(text: str) -> Any:
    from fieldapp.tiles import InvalidRequestError, parse_bbox

    try:
        return parse_bbox(text)
    except InvalidRequestError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _zooms(text: str) -> Any:
    from fieldapp.tiles import InvalidRequestError, parse_zooms

    try:
        return parse_zooms(text)
    except InvalidRequestError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _connections(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if not 1 <= value <= MAX_CONNECTIONS:
        raise argparse.ArgumentTypeError(f"must be between 1 and {MAX_CONNECTIONS}")
    return value


def import_(args: argparse.Namespace) -> int:
    from fieldapp.tiles import InvalidTileSetError, TileSetExistsError, import_mbtiles

    try:
        result = import_mbtiles(args.data_dir, args.file, name=args.name, replace=args.replace)
    except TileSetExistsError as exc:
        raise CliError(f"{exc} (--name NAME, or --replace)", code=1) from None
    except InvalidTileSetError as exc:
        raise CliError(f"{exc}; nothing was imported", code=1) from None
    if args.json:
        print_json(result.to_dict())
    else:
        print(f"imported tile set {result.id!r} from {args.file}")
        _print_set(result.to_dict())
    return 0


def info(args: argparse.Namespace) -> int:
    from fieldapp.tiles import list_tile_sets

    sets = list_tile_sets(args.data_dir)
    if args.json:
        print_json(sets)
    elif not sets:
        print(
            f"no tile sets yet; import one with: {PROG} tiles import FILE.mbtiles, "
            f"or download an area with: {PROG} tiles seed --bbox W,S,E,N --zoom Z1-Z2 --url URL"
        )
    for entry in [] if args.json else sets:
        print(entry["id"])
        _print_set(entry)
    return 0


def _print_set(entry: dict[str, Any]) -> None:
    if entry["error"]:
        print(f"  cannot be used: {entry['error']}")
        return
    zooms = f"{entry['min_zoom']}-{entry['max_zoom']}"
    print(f"  name: {entry['name']}")
    print(f"  {entry['format']}, {entry['tile_count']:,} tiles, zoom {zooms}, ", end="")
    print(f"{size_text(entry['size_bytes'])} on disk")
    if entry["bounds"]:
        print(f"  bounds: {','.join(f'{v:g}' for v in entry['bounds'])}")
    for key in ("attribution", "description"):
        if entry[key]:
            print(f"  {key}: {entry[key]}")
    state = entry["seed"]
    if state:
        print(f"  downloaded from {state.get('url')}: {state.get('status')}", end="")
        print(f" ({state.get('updated')})" if state.get("updated") else "")
    print(f"  file: {entry['path']}")


def get(args: argparse.Namespace) -> int:
    from fieldapp.tiles import TileRegistry
    from fieldapp.tiles.grid import MAX_ZOOM, valid_tile

    z, x, y = args.z, args.x, args.y
    if not 0 <= z <= MAX_ZOOM:
        raise CliError(f"zoom {z} does not exist: zoom levels go from 0 to {MAX_ZOOM}")
    if not valid_tile(z, x, y):
        last = (1 << z) - 1
        raise CliError(f"tile {z}/{x}/{y} does not exist: at zoom {z}, x and y go from 0 to {last}")
    if args.json and args.output == "-":
        raise CliError("--json cannot go with -o - (the tile itself goes to stdout)")
    with TileRegistry(args.data_dir) as registry:
        set_id, tile = _find_tile(registry, args.set, z, x, y)
    if args.output == "-":
        sys.stdout.buffer.write(tile.data)
        sys.stdout.flush()
        return 0
    refuse_live_file(args.output, args.data_dir, writing=True)
    Path(args.output).write_bytes(tile.data)
    if args.json:
        print_json(
            {"set": set_id, "z": z, "x": x, "y": y, "format": tile.format, "mime": tile.mime}
            | {"bytes": len(tile.data), "path": str(args.output)}
        )
    else:
        print(f"wrote tile {z}/{x}/{y} of tile set {set_id!r} ({tile.format}, ", end="")
        print(f"{len(tile.data):,} bytes) to {args.output}")
    return 0


def _find_tile(registry: Any, chosen: str | None, z: int, x: int, y: int) -> tuple[str, Any]:
    """The tile from the chosen set, else from the first usable set (by name) that has it."""
    if chosen:
        registry.path(chosen)  # UnknownTileSetError when there is no such set
        candidates = [chosen]
    else:
        sets = registry.list_sets()
        if not sets:
            raise CliError(f"no tile sets yet; import one with: {PROG} tiles import FILE", code=1)
        candidates = [s.id for s in sets if not s.error]
    for set_id in candidates:
        tile = registry.get_tile(set_id, z, x, y)
        if tile is not None:
            return set_id, tile
    where = f"tile set {chosen!r}" if chosen else f"any tile set ({', '.join(candidates)})"
    raise CliError(f"there is no tile {z}/{x}/{y} in {where}", code=1)


def export(args: argparse.Namespace) -> int:
    from fieldapp.tiles import export_tiles

    if args.output.exists() and not args.overwrite:
        raise CliError(f"{args.output} already exists; choose another file, or --overwrite", 1)
    sets = args.sets or _all_sets(args.data_dir)
    summary = export_tiles(
        args.data_dir,
        sets,
        args.output,
        bbox=args.bbox,
        zooms=args.zoom,
        name=args.name,
        overwrite=args.overwrite,
        progress=_export_progress(),
    )
    if args.json:
        print_json(summary.to_dict())
    else:
        sources = ", ".join(f"{n:,} from {set_id!r}" for set_id, n in summary.per_set.items())
        print(
            f"exported {summary.tiles:,} tiles ({summary.format}, zoom {summary.min_zoom}-"
            f"{summary.max_zoom}, {size_text(summary.bytes)}) to {summary.path}: {sources}"
        )
    return 0


def _all_sets(data_dir: Path) -> list[str]:
    from fieldapp.tiles import TileRegistry

    with TileRegistry(data_dir) as registry:
        sets = registry.list_sets()
    for broken in (s for s in sets if s.error):
        print(f"{PROG}: warning: skipping {broken.id!r}: {broken.error}", file=sys.stderr)
    usable = [s.id for s in sets if not s.error]
    if not usable:
        raise CliError(f"no tile sets to export (see: {PROG} tiles info)", code=1)
    return usable


def _export_progress() -> Callable[[int, int], None] | None:
    if not sys.stderr.isatty():
        return None

    def show(done: int, total: int) -> None:
        end = "\n" if done >= total else ""
        print(f"\r{done:,} of {total:,} tile positions", end=end, file=sys.stderr, flush=True)

    return show
