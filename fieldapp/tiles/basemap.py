"""The offline world basemap: TopoJSON country shapes rendered to a raster MBTiles file.

Build step, not run by the app: `python -m fieldapp.tiles.basemap SOURCE.json OUT.mbtiles`
reads a world-atlas TopoJSON (Natural Earth, public domain) and writes PNG tiles for zooms
0..6 in the deduplicated map/images schema (`tiles` is a view, as MBTilesReader expects).
Land is filled from the topology's `land` object; borders are the arcs two different
countries share, coastlines the arcs of `land`. Drawing happens at SUPERSAMPLE times the
tile size and is box-filtered down, which antialiases edges and lines.

Threading: pure functions and one SQLite connection owned by build(); use from one thread.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import itertools
import json
import math
import os
import sqlite3
import sys
import time
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PIL import Image, ImageDraw

TILE_SIZE = 256
SUPERSAMPLE = 4
WINDOW_TILES = 4  # tiles per side drawn in one go: 4096 px square at 4x
MIN_ZOOM, MAX_ZOOM = 0, 6
# Antarctica reaches -90, where Mercator is infinite; clamping just past the map edge
# (85.05) keeps every edge that crosses into view where it was.
_LAT_CLAMP = 89.5
_ANTIMERIDIAN = 179.99

Point = tuple[float, float]
Ring = list[Point]
Polygon = list[Ring]  # exterior first, then holes


@dataclass(frozen=True)
class Palette:
    """Calm colours that leave room for brightly coloured report markers on top."""

    sea: tuple[int, int, int] = (200, 223, 238)
    land: tuple[int, int, int] = (246, 243, 236)
    border: tuple[int, int, int] = (160, 160, 160)
    coast: tuple[int, int, int] = (128, 164, 190)


@dataclass
class WorldShapes:
    """Lon/lat geometry of the map: land polygons and the two kinds of lines."""

    land: list[Polygon]
    borders: list[Ring]
    coasts: list[Ring]


# --- TopoJSON -------------------------------------------------------------------------


def decode_arcs(topology: dict[str, Any]) -> list[Ring]:
    """Every arc as absolute coordinates, undoing delta encoding and quantization."""
    transform = topology.get("transform")
    if not transform:
        return [[(float(p[0]), float(p[1])) for p in arc] for arc in topology["arcs"]]
    (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy, *_ in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def _arc(arcs: Sequence[Ring], index: int) -> Ring:
    """Arc `index`; a negative index ~i is arc i walked backwards (TopoJSON spec)."""
    return list(arcs[index]) if index >= 0 else arcs[~index][::-1]


def stitch_ring(arcs: Sequence[Ring], indices: Sequence[int]) -> Ring:
    """One ring from its arcs; each arc starts where the previous one ended."""
    ring: Ring = []
    for index in indices:
        points = _arc(arcs, index)
        ring.extend(points[1:] if ring else points)
    return ring


def _geometries(topology: dict[str, Any], name: str) -> list[dict[str, Any]]:
    obj = topology["objects"][name]
    return obj["geometries"] if obj["type"] == "GeometryCollection" else [obj]


def _polygon_arcs(geometry: dict[str, Any]) -> list[list[list[int]]]:
    if geometry.get("type") == "Polygon":
        return [geometry["arcs"]]
    if geometry.get("type") == "MultiPolygon":
        return geometry["arcs"]
    return []


def decode_polygons(topology: dict[str, Any], name: str, arcs: Sequence[Ring]) -> list[Polygon]:
    """The polygons of object `name` (Polygon and MultiPolygon members), in lon/lat."""
    return [
        [stitch_ring(arcs, ring) for ring in polygon]
        for geometry in _geometries(topology, name)
        for polygon in _polygon_arcs(geometry)
    ]


def arc_users(topology: dict[str, Any], name: str) -> dict[int, set[int]]:
    """Arc number -> the geometries of object `name` that use it (by position)."""
    users: dict[int, set[int]] = {}
    for position, geometry in enumerate(_geometries(topology, name)):
        for polygon in _polygon_arcs(geometry):
            for ring in polygon:
                for index in ring:
                    users.setdefault(index if index >= 0 else ~index, set()).add(position)
    return users


def load_world(topology: dict[str, Any]) -> WorldShapes:
    """Land, borders (arcs shared by two countries) and coasts from a world-atlas topology."""
    arcs = decode_arcs(topology)
    shared = sorted(i for i, users in arc_users(topology, "countries").items() if len(users) > 1)
    coast = sorted(arc_users(topology, "land"))
    return WorldShapes(
        land=decode_polygons(topology, "land", arcs),
        borders=[arcs[i] for i in shared],
        coasts=[run for i in coast for run in split_at_antimeridian(arcs[i])],
    )


def split_at_antimeridian(line: Ring) -> list[Ring]:
    """Drop the stretches that run along ±180°: Natural Earth cuts shapes there, and those
    cuts are the edge of the map, not a coast."""
    runs: list[Ring] = [[line[0]]] if line else []
    for a, b in itertools.pairwise(line):
        on_cut = abs(a[0]) > _ANTIMERIDIAN and abs(b[0]) > _ANTIMERIDIAN and a[0] * b[0] > 0
        if on_cut:
            runs.append([b])
        else:
            runs[-1].append(b)
    return [run for run in runs if len(run) > 1]


# --- projection and drawing -----------------------------------------------------------


def to_world_fraction(lon: float, lat: float) -> Point:
    """Web Mercator position as a fraction of the world square, (0, 0) at the north-west."""
    lat = max(-_LAT_CLAMP, min(_LAT_CLAMP, lat))
    y = math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))
    return (lon + 180.0) / 360.0, 0.5 - y / (2 * math.pi)


def unwrap(ring: Ring, *, closed: bool) -> Ring:
    """Longitudes made continuous (179 then -179 becomes 179 then 181), as the shapes are
    spherical: Russia, Fiji and Antarctica cross ±180°. A closed ring that goes once round
    the globe (Antarctica) is closed through its pole."""
    out = [ring[0]]
    for lon, lat in ring[1:]:
        prev = out[-1][0]
        lon += 360.0 * round((prev - lon) / 360.0)
        out.append((lon, lat))
    if closed and abs(out[-1][0] - out[0][0]) > 180:
        pole = -90.0 if sum(lat for _, lat in ring) < 0 else 90.0
        out += [(out[-1][0], pole), (out[0][0], pole), out[0]]
    return out


@dataclass
class _Shape:
    """Projected points (flat x0, y0, x1, ...) with their bounding box, in world fractions.

    After unwrapping, x may run past 0 or 1: such a shape is drawn again one world over."""

    rings: list[list[float]]
    box: tuple[float, float, float, float]


def _project(rings: Iterable[Ring], *, closed: bool) -> _Shape:
    flat = []
    for ring in rings:
        unwrapped = unwrap(ring, closed=closed)
        flat.append([c for lon, lat in unwrapped for c in to_world_fraction(lon, lat)])
    xs = [v for points in flat for v in points[0::2]]
    ys = [v for points in flat for v in points[1::2]]
    return _Shape(flat, (min(xs), min(ys), max(xs), max(ys)))


@dataclass
class ProjectedWorld:
    land: list[_Shape]
    borders: list[_Shape]
    coasts: list[_Shape]


def project_world(world: WorldShapes) -> ProjectedWorld:
    land = [_project(polygon, closed=True) for polygon in world.land if polygon and polygon[0]]
    # Largest first, so an island in a lake is drawn after the lake is cut out.
    land.sort(key=lambda s: -(s.box[2] - s.box[0]) * (s.box[3] - s.box[1]))
    return ProjectedWorld(
        land=land,
        borders=[_project([line], closed=False) for line in world.borders if len(line) > 1],
        coasts=[_project([line], closed=False) for line in world.coasts if len(line) > 1],
    )


def _line_width(z: int, base: float) -> int:
    """Line width in supersampled pixels: hairlines at world scale, a bit bolder closer in."""
    scale = 0.7 if z <= 1 else 0.85 if z <= 3 else 1.0
    return max(1, round(base * scale * SUPERSAMPLE))


def render_window(
    world: ProjectedWorld, z: int, x0: int, y0: int, size: int, palette: Palette = Palette()
) -> Image.Image:
    """The square of `size` x `size` tiles whose north-west tile is (x0, y0), at 1x."""
    scale = TILE_SIZE * SUPERSAMPLE * (1 << z)
    side = TILE_SIZE * SUPERSAMPLE * size
    ox, oy = x0 * TILE_SIZE * SUPERSAMPLE, y0 * TILE_SIZE * SUPERSAMPLE
    view = (ox / scale, oy / scale, (ox + side) / scale, (oy + side) / scale)
    image = Image.new("RGB", (side, side), palette.sea)
    draw = ImageDraw.Draw(image)

    def pixels(points: list[float], shift: int) -> list[float]:
        dx, dy = (shift - view[0]) * scale, view[1] * scale
        return [v * scale + dx if i % 2 == 0 else v * scale - dy for i, v in enumerate(points)]

    for shape, shift in _visible(world.land, view):
        exterior, *holes = shape.rings
        draw.polygon(pixels(exterior, shift), fill=palette.land)
        for hole in holes:
            draw.polygon(pixels(hole, shift), fill=palette.sea)
    for shapes, colour, base in (
        (world.borders, palette.border, 0.8),
        (world.coasts, palette.coast, 0.8),
    ):
        width = _line_width(z, base)
        for shape, shift in _visible(shapes, view):
            draw.line(pixels(shape.rings[0], shift), fill=colour, width=width, joint="curve")
    return image.reduce(SUPERSAMPLE)


def _visible(
    shapes: list[_Shape], view: tuple[float, float, float, float]
) -> Iterator[tuple[_Shape, int]]:
    """Shapes that reach into the view, each with the whole-world shift to draw it at."""
    margin = 0.01 * (view[2] - view[0])  # lines are drawn with a width
    for shape in shapes:
        x0, y0, x1, y1 = shape.box
        if y1 < view[1] - margin or y0 > view[3] + margin:
            continue
        for shift in (-1, 0, 1):
            if x1 + shift >= view[0] - margin and x0 + shift <= view[2] + margin:
                yield shape, shift


def encode_png(tile: Image.Image) -> bytes:
    """A small paletted PNG: the map has a handful of colours plus their antialiased blends."""
    paletted = tile.quantize(colors=64, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    out = io.BytesIO()
    paletted.save(out, format="PNG", optimize=True)
    return out.getvalue()


def render_tiles(
    world: ProjectedWorld, min_zoom: int = MIN_ZOOM, max_zoom: int = MAX_ZOOM
) -> Iterator[tuple[int, int, int, bytes]]:
    """(z, x, y, png) in XYZ numbering for every tile of the zoom range."""
    for z in range(min_zoom, max_zoom + 1):
        n = 1 << z
        size = min(n, WINDOW_TILES)
        for wy in range(0, n, size):
            for wx in range(0, n, size):
                image = render_window(world, z, wx, wy, size)
                for dy in range(size):
                    for dx in range(size):
                        box = (dx * TILE_SIZE, dy * TILE_SIZE)
                        box += (box[0] + TILE_SIZE, box[1] + TILE_SIZE)
                        yield z, wx + dx, wy + dy, encode_png(image.crop(box))


# --- MBTiles --------------------------------------------------------------------------

_DEDUP_SCHEMA = """
CREATE TABLE metadata (name text, value text);
CREATE UNIQUE INDEX name ON metadata (name);
CREATE TABLE map (zoom_level integer, tile_column integer, tile_row integer, tile_id text);
CREATE UNIQUE INDEX map_index ON map (zoom_level, tile_column, tile_row);
CREATE TABLE images (tile_id text, tile_data blob);
CREATE UNIQUE INDEX images_id ON images (tile_id);
CREATE VIEW tiles AS
    SELECT map.zoom_level AS zoom_level, map.tile_column AS tile_column,
           map.tile_row AS tile_row, images.tile_data AS tile_data
    FROM map JOIN images ON images.tile_id = map.tile_id;
"""


def basemap_metadata(source: Path, min_zoom: int, max_zoom: int) -> dict[str, str]:
    digest = hashlib.sha256(source.read_bytes()).hexdigest()
    return {
        "name": "FieldApp world basemap",
        "format": "png",
        "type": "baselayer",
        "version": "1",
        "minzoom": str(min_zoom),
        "maxzoom": str(max_zoom),
        "bounds": "-180,-85.051129,180,85.051129",
        "center": "0,20,2",
        "attribution": "Natural Earth (public domain)",
        "description": (
            f"Offline world map for zooms {min_zoom}-{max_zoom}: land, sea, country borders "
            "and coastlines from Natural Earth 1:50m (public domain), packaged as TopoJSON "
            "by world-atlas. Built by fieldapp.tiles.basemap."
        ),
        "source": f"{source.name} sha256:{digest}",
    }


def write_mbtiles(
    out: Path, tiles: Iterable[tuple[int, int, int, bytes]], metadata: dict[str, str]
) -> Counter[str]:
    """Write a new deduplicated MBTiles file at `out` (replaced atomically when done).

    Returns counts: 'tiles' (map rows) and 'images' (distinct PNGs).
    """
    temp = out.with_name(out.name + ".part")
    temp.unlink(missing_ok=True)
    counts: Counter[str] = Counter()
    conn = sqlite3.connect(temp, isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode = DELETE")
        conn.executescript(_DEDUP_SCHEMA)
        conn.execute("BEGIN")
        for z, x, y, data in tiles:
            tile_id = hashlib.sha1(data).hexdigest()
            added = conn.execute("INSERT OR IGNORE INTO images VALUES (?, ?)", (tile_id, data))
            counts["images"] += added.rowcount
            row = (1 << z) - 1 - y  # MBTiles rows are TMS: row 0 is the south
            conn.execute("INSERT INTO map VALUES (?, ?, ?, ?)", (z, x, row, tile_id))
            counts["tiles"] += 1
        conn.executemany("INSERT INTO metadata VALUES (?, ?)", sorted(metadata.items()))
        conn.execute("COMMIT")
        conn.execute("VACUUM")
    finally:
        conn.close()
    os.replace(temp, out)
    return counts


def build(
    source: Path, out: Path, min_zoom: int = MIN_ZOOM, max_zoom: int = MAX_ZOOM
) -> Counter[str]:
    """Read a world-atlas TopoJSON file and write the basemap MBTiles file."""
    topology = json.loads(source.read_text(encoding="utf-8"))
    world = project_world(load_world(topology))
    metadata = basemap_metadata(source, min_zoom, max_zoom)
    return write_mbtiles(out, render_tiles(world, min_zoom, max_zoom), metadata)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m fieldapp.tiles.basemap", description=(__doc__ or "").split("\n")[0]
    )
    parser.add_argument("source", type=Path, help="world-atlas TopoJSON, e.g. countries-50m.json")
    parser.add_argument("out", type=Path, help="the MBTiles file to write")
    parser.add_argument("--min-zoom", type=int, default=MIN_ZOOM)
    parser.add_argument("--max-zoom", type=int, default=MAX_ZOOM)
    args = parser.parse_args(argv)
    started = time.monotonic()
    counts = build(args.source, args.out, args.min_zoom, args.max_zoom)
    print(
        f"{args.out}: {counts['tiles']} tiles, {counts['images']} distinct images, "
        f"{args.out.stat().st_size / 1e6:.1f} MB in {time.monotonic() - started:.0f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
