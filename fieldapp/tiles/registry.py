"""The tile sets of a data directory: list them, read their tiles, import and remove them.

Each set is one MBTiles file in <data dir>/tiles/, named <set id>.mbtiles; the set id is
the layer's key everywhere (URL scheme, CLI, settings). TileRegistry.get_tile is the hot
path of the map: it keeps one read-only SQLite connection per thread and per set, so any
number of threads may call it at once. Imports copy whole files: run them in a worker.
"""

from __future__ import annotations

import json
import re
import sqlite3
import threading
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from fieldapp.core.durable import commit_temp, copy_bytes, free_bytes, temp_beside
from fieldapp.core.livefiles import TILE_SUFFIX, TILES_DIR, LiveDatabaseError, refuse_live_file

from .errors import (
    InvalidRequestError,
    InvalidTileSetError,
    TileSetBusyError,
    TileSetExistsError,
    UnknownTileSetError,
)
from .formats import mime_type, sniff_format
from .grid import valid_tile
from .mbtiles import (
    MBTilesReader,
    check_mbtiles,
    may_be_in_use,
    open_readonly,
    parse_bounds,
    parse_int,
)

SEED_KEY = "fieldapp:seed"
_SET_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")


@dataclass(frozen=True)
class Tile:
    """One tile's bytes with its format ('png', 'jpg', 'webp') and MIME type."""

    data: bytes
    mime: str
    format: str | None


@dataclass
class TileSetInfo:
    """What the user needs to know about a tile set; `error` is set for a broken file."""

    id: str
    path: str
    name: str
    format: str | None = None
    tile_count: int = 0
    min_zoom: int | None = None
    max_zoom: int | None = None
    bounds: tuple[float, float, float, float] | None = None
    attribution: str = ""
    description: str = ""
    schema: str = ""
    size_bytes: int = 0
    seed: dict[str, Any] | None = None
    error: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """JSON-friendly: lists instead of tuples, nothing but str, int, float, None."""
        out = asdict(self)
        out["bounds"] = list(self.bounds) if self.bounds else None
        out["mime"] = mime_type(self.format) if self.format else None
        return out


def tiles_dir(data_dir: Path | str) -> Path:
    return Path(data_dir) / TILES_DIR


def make_set_id(text: str) -> str:
    """A safe set id from any text (a file name, a host name)."""
    text = text[: -len(TILE_SUFFIX)] if text.lower().endswith(TILE_SUFFIX) else text
    slug = re.sub(r"[^A-Za-z0-9._-]+", "-", text).strip("-._")[:64]
    return slug or "tiles"


def check_set_id(set_id: str) -> str:
    if not isinstance(set_id, str) or not _SET_ID.match(set_id):
        raise InvalidRequestError(
            f"{set_id!r} is not a valid tile set name: use letters, digits, '.', '_' or '-' "
            "(at most 64, starting with a letter or digit)"
        )
    return set_id


def set_path(data_dir: Path | str, set_id: str) -> Path:
    return tiles_dir(data_dir) / f"{check_set_id(set_id)}{TILE_SUFFIX}"


def _file_size(path: Path) -> int:
    return sum(p.stat().st_size for p in (path, Path(f"{path}-wal")) if p.exists())


def read_info(path: Path) -> TileSetInfo:
    """Metadata and counts of one MBTiles file; a broken file gives an info with `error`."""
    info = TileSetInfo(id=path.stem, path=str(path), name=path.stem, size_bytes=_file_size(path))
    try:
        with MBTilesReader(path) as reader:
            meta = reader.metadata()
            info.schema = reader.schema
            info.format = reader.tile_format(meta)
            info.tile_count = reader.tile_count()
            low, high = reader.zoom_range()
    except (InvalidTileSetError, sqlite3.DatabaseError) as exc:
        info.error = f"{path.name} cannot be read: {exc}"
        return info
    info.name = meta.get("name") or path.stem
    info.min_zoom = parse_int(meta.get("minzoom")) if "minzoom" in meta else low
    info.max_zoom = parse_int(meta.get("maxzoom")) if "maxzoom" in meta else high
    info.bounds = parse_bounds(meta.get("bounds"))
    info.attribution = meta.get("attribution", "")
    info.description = meta.get("description", "")
    info.seed = seed_state(meta.get(SEED_KEY))
    return info


def seed_state(raw: str | None) -> dict[str, Any] | None:
    if not raw:
        return None
    try:
        value = json.loads(raw)
    except ValueError:
        return None
    return value if isinstance(value, dict) else None


class TileRegistry:
    """The tile sets of one data directory; thread-safe, one connection per thread and set."""

    def __init__(self, data_dir: Path | str):
        self.data_dir = Path(data_dir)
        self.tiles_dir = tiles_dir(data_dir)
        self._local = threading.local()
        self._lock = threading.Lock()
        self._generation = 0
        self._readers: list[MBTilesReader] = []

    def list_sets(self) -> list[TileSetInfo]:
        """Every *.mbtiles in tiles/, sorted by id, broken ones included with their error."""
        if not self.tiles_dir.is_dir():
            return []
        paths = sorted(self.tiles_dir.glob(f"*{TILE_SUFFIX}"))
        return [read_info(p) for p in paths if _SET_ID.match(p.stem)]

    def path(self, set_id: str) -> Path:
        path = set_path(self.data_dir, set_id)
        if not path.is_file():
            raise UnknownTileSetError(f"there is no tile set named {set_id!r}")
        return path

    def info(self, set_id: str) -> TileSetInfo:
        return read_info(self.path(set_id))

    def get_tile(self, set_id: str, z: int, x: int, y: int) -> Tile | None:
        """The tile at XYZ z/x/y, or None when the set does not have it."""
        if not valid_tile(z, x, y):
            return None
        try:
            data = self._read(set_id, z, x, y)
        except sqlite3.DatabaseError as exc:
            raise InvalidTileSetError(f"tile set {set_id!r} cannot be read: {exc}") from exc
        if data is None:
            return None
        fmt = sniff_format(data)
        return Tile(data, mime_type(fmt), fmt)

    def _read(self, set_id: str, z: int, x: int, y: int) -> bytes | None:
        try:
            return self._reader(set_id).get(z, x, y)
        except sqlite3.ProgrammingError:
            # refresh() in another thread closed this connection mid-call: reopen once.
            self._drop_thread_readers()
            return self._reader(set_id).get(z, x, y)

    def _reader(self, set_id: str) -> MBTilesReader:
        local = self._local
        if getattr(local, "generation", None) != self._generation:
            self._drop_thread_readers()
        reader = local.readers.get(set_id)
        if reader is None:
            reader = MBTilesReader(self.path(set_id))
            with self._lock:
                self._readers.append(reader)
            local.readers[set_id] = reader
        return reader

    def _drop_thread_readers(self) -> None:
        local = self._local
        for reader in getattr(local, "readers", {}).values():
            with self._lock:
                if reader in self._readers:
                    self._readers.remove(reader)
            reader.close()
        local.readers = {}
        local.generation = self._generation

    def refresh(self) -> None:
        """Close every open file, in all threads; the next read reopens it. Call it after
        a set was replaced or removed elsewhere (Windows cannot replace an open file)."""
        with self._lock:
            readers, self._readers = self._readers, []
            self._generation += 1
        for reader in readers:
            reader.close()

    def import_file(
        self, source: Path | str, *, name: str | None = None, replace: bool = False
    ) -> TileSetInfo:
        """import_mbtiles() into this registry's data directory, closing the old file first."""
        self.refresh()
        return import_mbtiles(self.data_dir, source, name=name, replace=replace)

    def remove(self, set_id: str) -> None:
        self.refresh()
        remove_tile_set(self.data_dir, set_id)

    def close(self) -> None:
        """Close every connection, whichever thread opened it."""
        self.refresh()

    def __enter__(self) -> TileRegistry:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def import_mbtiles(
    data_dir: Path | str, source: Path | str, *, name: str | None = None, replace: bool = False
) -> TileSetInfo:
    """Check a raster MBTiles file, then copy it durably into tiles/ as set `name`.

    The set id defaults to the file name. Raises InvalidTileSetError (not MBTiles,
    truncated, damaged, vector, empty) or TileSetExistsError; either way nothing is added.
    """
    source = Path(source)
    try:
        refuse_live_file(source, data_dir)  # before check_mbtiles opens it
    except LiveDatabaseError as exc:
        raise InvalidTileSetError(str(exc)) from None
    check_mbtiles(source)
    set_id = check_set_id(name) if name else make_set_id(source.name)
    target = set_path(data_dir, set_id)
    if target.exists() and not replace:
        raise TileSetExistsError(
            f"a tile set named {set_id!r} is already there; choose another name or replace it"
        )
    target.parent.mkdir(parents=True, exist_ok=True)
    need = source.stat().st_size
    if free_bytes(target.parent) < need + (16 << 20):
        raise InvalidTileSetError(
            f"not enough free disk space to import {source.name} ({need >> 20} MB needed)"
        )
    with temp_beside(target) as tmp:
        _copy_database(source, tmp)
        _take_over(target, set_id)  # no WAL of the old file may be replayed onto the new one
        commit_temp(tmp, target)
    return read_info(target)


def _take_over(path: Path, set_id: str) -> None:
    """Fold a set's WAL into it and leave WAL mode, through SQLite, before it is replaced
    or removed: SQLite itself then deletes the -wal and -shm. A program that has the set
    open in WAL mode (a download; a reader of a set whose download was cut short) holds
    them: the change is refused in words rather than pulling the files from under it."""
    if not path.exists():
        return
    try:
        mode = _leave_wal_mode(path, timeout=1.0)
    except sqlite3.DatabaseError as exc:  # locked by the program that has it open
        mode = str(exc)
    if mode != "delete" or any(Path(f"{path}{s}").exists() for s in ("-wal", "-shm")):
        raise TileSetBusyError(
            f"tile set {set_id!r} is in use by another program (a download writing into it): "
            "let it finish or cancel it, then try again. Nothing was changed."
        )


def _copy_database(source: Path, target: Path) -> None:
    """Bytes copy; through SQLite's backup (a consistent snapshot, under its locks) when
    another program may be using the source."""
    if not may_be_in_use(source):
        copy_bytes(source, target)
        _leave_wal_mode(target)
        return
    src = open_readonly(source, foreign=True)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)
        dst.execute("PRAGMA journal_mode = DELETE")
    finally:
        dst.close()
        src.close()


def _leave_wal_mode(path: Path, timeout: float = 5.0) -> str:
    """Switch a set to a rollback journal through SQLite; returns the mode it is in after.

    A set at rest out of WAL mode: its idle readers hold no lock (see _take_over)."""
    conn = sqlite3.connect(path, timeout=timeout)
    try:
        return conn.execute("PRAGMA journal_mode = DELETE").fetchone()[0]
    finally:
        conn.close()


def remove_tile_set(data_dir: Path | str, set_id: str) -> None:
    """Delete a set's file (and its WAL); raises UnknownTileSetError if there is none."""
    path = set_path(data_dir, set_id)
    if not path.exists():
        raise UnknownTileSetError(f"there is no tile set named {set_id!r}")
    _take_over(path, set_id)
    path.unlink()


def list_tile_sets(data_dir: Path | str) -> list[dict[str, Any]]:
    """JSON-friendly info of every set (for `fieldapp tiles info --json`)."""
    with TileRegistry(data_dir) as registry:
        return [info.to_dict() for info in registry.list_sets()]


def tile_set_info(data_dir: Path | str, set_id: str) -> dict[str, Any]:
    """JSON-friendly info of one set; raises UnknownTileSetError."""
    with TileRegistry(data_dir) as registry:
        return registry.info(set_id).to_dict()


def get_tile(data_dir: Path | str, set_id: str, z: int, x: int, y: int) -> Tile | None:
    """One tile in XYZ numbering, for scripts; the map should keep a TileRegistry open."""
    with TileRegistry(data_dir) as registry:
        return registry.get_tile(set_id, z, x, y)
