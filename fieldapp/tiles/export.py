"""Exporting an area of one or more tile sets into a new MBTiles file: a tile pack that
fits on a USB stick and imports anywhere (plain schema, one self-contained file).

The pack is built in a temporary file beside the destination, fsynced and renamed into
place: a full disk, a pulled stick or a cancel leaves nothing under the final name. When
several sets have the same tile, the first set listed wins. Blocking I/O: call it from a
worker thread; `progress` is called from that thread, `cancel` may be set from any.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from fieldapp.core.durable import commit_temp, temp_beside
from fieldapp.core.livefiles import LiveDatabaseError, refuse_live_file

from .errors import ExportError, InvalidRequestError
from .grid import MAX_LAT, BBox, ZoomRange, parse_bbox, parse_zooms, tile_counts, tile_ranges
from .mbtiles import MBTilesReader, MBTilesWriter
from .registry import TileRegistry, TileSetInfo

_BATCH = 1000


@dataclass
class ExportSummary:
    path: str
    tiles: int
    bytes: int  # size of the pack file
    format: str
    min_zoom: int
    max_zoom: int
    per_set: dict[str, int] = field(default_factory=dict)  # tiles taken from each set

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def export_tiles(
    data_dir: Path | str,
    set_ids: Sequence[str],
    destination: Path | str,
    *,
    bbox: str | BBox | tuple[float, float, float, float],
    zooms: str | int | ZoomRange | tuple[int, int],
    name: str | None = None,
    overwrite: bool = False,
    progress: Callable[[int, int], None] | None = None,
    cancel: threading.Event | None = None,
) -> ExportSummary:
    """Copy the tiles of an area from the given sets into a new MBTiles file.

    progress(done, total) counts tile positions of the area. Raises ExportError (or
    InvalidRequestError / UnknownTileSetError for bad arguments); nothing is left behind.
    """
    box, levels = parse_bbox(bbox), parse_zooms(zooms)
    destination = Path(destination)
    sources = _sources(data_dir, set_ids)
    if destination.exists() and not overwrite:
        raise ExportError(f"{destination} already exists; choose another file or overwrite it")
    try:
        refuse_live_file(destination, data_dir, writing=True)
    except LiveDatabaseError as exc:
        raise ExportError(str(exc)) from None
    job = _Export(sources, box, levels, progress, cancel or threading.Event())
    try:
        with temp_beside(destination) as tmp:
            job.run(tmp, name)
            commit_temp(tmp, destination)
    except (sqlite3.Error, OSError) as exc:
        raise ExportError(f"the tile pack {destination.name} could not be written: {exc}") from exc
    return job.summary(destination)


def _sources(data_dir: Path | str, set_ids: Sequence[str]) -> list[TileSetInfo]:
    if not set_ids:
        raise InvalidRequestError("choose at least one tile set to export")
    with TileRegistry(data_dir) as registry:
        infos = [registry.info(set_id) for set_id in dict.fromkeys(set_ids)]
    for info in infos:
        if info.error:
            raise ExportError(info.error)
    formats = sorted({info.format or "?" for info in infos})
    if len(formats) > 1:
        raise ExportError(
            f"the tile sets have different formats ({', '.join(formats)}); "
            "export them one at a time"
        )
    return infos


class _Export:
    """Copies block by block, zoom by zoom, so memory stays flat whatever the area."""

    def __init__(self, sources, box: BBox, levels: ZoomRange, progress, cancel):
        self.sources, self.box, self.levels = sources, box, levels
        self.progress, self.cancel = progress, cancel
        self.total = sum(tile_counts(box, levels).values())
        self.done = 0
        self.per_set = {info.id: 0 for info in sources}
        self.zooms: set[int] = set()

    def run(self, tmp: Path, name: str | None) -> None:
        readers = [MBTilesReader(info.path) for info in self.sources]
        writer = MBTilesWriter(tmp, wal=False, durable=False)
        try:
            for z in self.levels.levels():
                for block in tile_ranges(self.box, z):
                    self._copy_block(block, readers, writer)
            if not self.zooms:
                raise ExportError("the chosen tile sets have no tiles in that area and zoom range")
            writer.write(metadata=self._metadata(name))
        finally:
            writer.close(checkpoint=False)
            for reader in readers:
                reader.close()

    def _copy_block(self, block, readers, writer: MBTilesWriter) -> None:
        for info, reader in zip(self.sources, readers, strict=True):
            batch: list[tuple[int, int, int, bytes]] = []
            for x, y, data in reader.iter_block(*block):
                batch.append((block.z, x, y, data))
                if len(batch) >= _BATCH:
                    self._flush(info.id, batch, writer)
            self._flush(info.id, batch, writer)
        self.done += block.count()
        if self.progress:
            self.progress(self.done, self.total)

    def _flush(self, set_id: str, batch: list, writer: MBTilesWriter) -> None:
        if self.cancel.is_set():
            raise ExportError("the export was cancelled; nothing was written")
        if not batch:
            return
        written = writer.write(batch, replace=False)  # an earlier set keeps its tile
        if written:
            self.per_set[set_id] += written
            self.zooms.add(batch[0][0])
        batch.clear()

    def _metadata(self, name: str | None) -> dict[str, object]:
        w, s, e, n = self.box
        if w > e:
            w, e = -180.0, 180.0
        attributions = dict.fromkeys(i.attribution for i in self.sources if i.attribution)
        names = ", ".join(info.name for info in self.sources)
        return {
            "name": name or names,
            "format": self.sources[0].format,
            "type": "baselayer",
            "version": "1.0",
            "description": f"Tile pack exported by FieldApp from: {names}",
            "attribution": "; ".join(attributions),
            "bounds": f"{w:.6f},{max(s, -MAX_LAT):.6f},{e:.6f},{min(n, MAX_LAT):.6f}",
            "minzoom": str(min(self.zooms)),
            "maxzoom": str(max(self.zooms)),
        }

    def summary(self, destination: Path) -> ExportSummary:
        return ExportSummary(
            str(destination),
            sum(self.per_set.values()),
            destination.stat().st_size,
            self.sources[0].format or "",
            min(self.zooms),
            max(self.zooms),
            self.per_set,
        )
