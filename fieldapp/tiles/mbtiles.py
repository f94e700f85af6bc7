"""Reading, checking and writing one MBTiles file (SQLite), with XYZ numbering at the edges.

Reads go through the name `tiles`, which is a table in the plain schema and a view over
`map` and `images` in the deduplicated one; rows are converted from TMS (row 0 south) to
XYZ. Writes always use the plain schema. A NULL or empty tile_data is a missing tile.

Threading: a reader or writer owns one SQLite connection; use each from one thread at a
time (TileRegistry keeps one reader per thread and per set). Several readers and one
writer may work on the same file at once: written files are in WAL mode.
"""

from __future__ import annotations

import json
import sqlite3
import struct
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from .errors import InvalidTileSetError
from .formats import RASTER_FORMATS, VECTOR_FORMAT, normalise_format, sniff_format
from .grid import tms_row

SQLITE_MAGIC = b"SQLite format 3\x00"
_GET_SQL = "SELECT tile_data FROM tiles WHERE zoom_level=? AND tile_column=? AND tile_row=?"
_LENGTH_SQL = _GET_SQL.replace("SELECT tile_data", "SELECT length(tile_data)")
_HAS_DATA = "length(tile_data) > 0"  # false for NULL and for empty blobs
_REQUIRED_COLUMNS = {"zoom_level", "tile_column", "tile_row", "tile_data"}
_PLAIN_SCHEMA = """
CREATE TABLE IF NOT EXISTS metadata (name text, value text);
CREATE UNIQUE INDEX IF NOT EXISTS name ON metadata (name);
CREATE TABLE IF NOT EXISTS tiles (
    zoom_level integer, tile_column integer, tile_row integer, tile_data blob);
CREATE UNIQUE INDEX IF NOT EXISTS tile_index ON tiles (zoom_level, tile_column, tile_row);
CREATE TABLE IF NOT EXISTS fieldapp_missing (
    zoom_level integer, tile_column integer, tile_row integer, status text,
    PRIMARY KEY (zoom_level, tile_column, tile_row)) WITHOUT ROWID;
"""


def open_readonly(path: Path | str, *, foreign: bool = False) -> sqlite3.Connection:
    """A read-only connection that never changes the file.

    foreign=True is for files that are not ours (an import source on a USB stick): even
    read-only, SQLite creates -wal and -shm files beside a WAL-mode database, so such a
    file is opened as immutable, which takes no lock, but only when no other program shows
    signs of using it (may_be_in_use): immutable is never claimed for a file being written.
    """
    path = Path(path)
    options = "mode=ro"
    if foreign and not may_be_in_use(path):
        options += "&immutable=1"
    return sqlite3.connect(
        f"{path.resolve().as_uri()}?{options}", uri=True, check_same_thread=False
    )


def may_be_in_use(path: Path) -> bool:
    """True when a program may have the file open to write: a WAL-mode connection keeps
    -wal and -shm beside it while open, a rollback write has its -journal."""
    return any(Path(f"{path}{suffix}").exists() for suffix in ("-wal", "-shm", "-journal"))


@dataclass
class MBTilesFacts:
    """What a check of a file found; `format` is one of RASTER_FORMATS."""

    schema: str
    format: str
    tile_count: int
    min_zoom: int | None
    max_zoom: int | None
    metadata: dict[str, str] = field(default_factory=dict)


def detect_schema(conn: sqlite3.Connection) -> str:
    """'tiles' (plain table) or 'map/images' (view over two tables), else an error."""
    objects = dict(conn.execute("SELECT name, type FROM sqlite_master"))
    kind = objects.get("tiles")
    if kind not in ("table", "view"):
        raise InvalidTileSetError("it has no `tiles` table, so it is not an MBTiles file")
    columns = {row[1] for row in conn.execute("PRAGMA table_info(tiles)")}
    if not columns >= _REQUIRED_COLUMNS:
        missing = ", ".join(sorted(_REQUIRED_COLUMNS - columns))
        raise InvalidTileSetError(f"its `tiles` table lacks the column(s) {missing}")
    if kind == "view":
        return "map/images" if {"map", "images"} <= objects.keys() else "view"
    return "tiles"


def read_metadata(conn: sqlite3.Connection) -> dict[str, str]:
    """The metadata table as text; NULL values are left out, a missing table gives {}."""
    try:
        rows = conn.execute("SELECT name, value FROM metadata").fetchall()
    except sqlite3.OperationalError:
        return {}
    return {str(k): str(v) for k, v in rows if k is not None and v is not None}


def parse_bounds(value: str | None) -> tuple[float, float, float, float] | None:
    """'W,S,E,N' from metadata, or None when absent or malformed."""
    try:
        west, south, east, north = (float(v) for v in str(value).split(","))
    except ValueError:
        return None
    return west, south, east, north


def parse_int(value: str | None) -> int | None:
    try:
        return int(float(str(value)))
    except ValueError:
        return None


class MBTilesReader:
    """One MBTiles file open read-only; `get` takes XYZ numbering."""

    def __init__(self, path: Path | str, *, foreign: bool = False):
        self.path = Path(path)
        self._conn = open_readonly(self.path, foreign=foreign)
        try:
            self.schema = detect_schema(self._conn)
        except sqlite3.DatabaseError as exc:
            self._conn.close()
            raise InvalidTileSetError(f"{self.path.name}: {exc}") from exc
        except InvalidTileSetError:
            self._conn.close()
            raise

    def get(self, z: int, x: int, y: int) -> bytes | None:
        row = self._conn.execute(_GET_SQL, (z, x, tms_row(z, y))).fetchone()
        return bytes(row[0]) if row and row[0] else None

    def has(self, z: int, x: int, y: int) -> bool:
        """Whether the tile is there, without reading its bytes."""
        row = self._conn.execute(_LENGTH_SQL, (z, x, tms_row(z, y))).fetchone()
        return bool(row and row[0])

    def known_missing(self, z: int, x: int, y: int) -> bool:
        """True if a download noted that the server has no such tile (FieldApp's own table)."""
        sql = "SELECT 1 FROM fieldapp_missing WHERE zoom_level=? AND tile_column=? AND tile_row=?"
        try:
            return self._conn.execute(sql, (z, x, tms_row(z, y))).fetchone() is not None
        except sqlite3.OperationalError:
            return False

    def metadata(self) -> dict[str, str]:
        return read_metadata(self._conn)

    def tile_count(self) -> int:
        return self._conn.execute(f"SELECT COUNT(*) FROM tiles WHERE {_HAS_DATA}").fetchone()[0]

    def zoom_range(self) -> tuple[int | None, int | None]:
        sql = "SELECT MIN(zoom_level), MAX(zoom_level) FROM tiles"
        low, high = self._conn.execute(sql).fetchone()
        return low, high

    def sample_tile(self) -> bytes | None:
        """Any one non-empty tile, to recognise the format when metadata does not say."""
        sql = f"SELECT tile_data FROM tiles WHERE {_HAS_DATA} LIMIT 1"
        row = self._conn.execute(sql).fetchone()
        return bytes(row[0]) if row else None

    def tile_format(self, metadata: Mapping[str, str] | None = None) -> str | None:
        meta = self.metadata() if metadata is None else metadata
        sniffed = sniff_format(self.sample_tile())
        # Bytes win over metadata: a vector set labelled png must still be refused.
        return sniffed or normalise_format(meta.get("format"))

    def stored_bytes(self) -> int:
        row = self._conn.execute(f"SELECT SUM(length(tile_data)) FROM tiles WHERE {_HAS_DATA}")
        return row.fetchone()[0] or 0

    def count_in(self, z: int, x0: int, x1: int, y0: int, y1: int) -> int:
        """Tiles present in an XYZ block (inclusive bounds) at zoom z."""
        sql = (
            "SELECT COUNT(*) FROM tiles WHERE zoom_level=? AND tile_column BETWEEN ? AND ?"
            f" AND tile_row BETWEEN ? AND ? AND {_HAS_DATA}"
        )
        return self._conn.execute(sql, (z, x0, x1, tms_row(z, y1), tms_row(z, y0))).fetchone()[0]

    def iter_block(
        self, z: int, x0: int, x1: int, y0: int, y1: int
    ) -> Iterator[tuple[int, int, bytes]]:
        """(x, y, data) in XYZ for every non-empty tile of a block, in index order."""
        sql = (
            "SELECT tile_column, tile_row, tile_data FROM tiles WHERE zoom_level=?"
            " AND tile_column BETWEEN ? AND ? AND tile_row BETWEEN ? AND ?"
            f" AND {_HAS_DATA}"
        )
        for x, row, data in self._conn.execute(sql, (z, x0, x1, tms_row(z, y1), tms_row(z, y0))):
            yield x, tms_row(z, row), bytes(data)

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> MBTilesReader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _check_header(path: Path) -> None:
    """Cheap checks before SQLite sees the file: it exists, is SQLite, is whole."""
    if not path.is_file():
        raise InvalidTileSetError(f"{path} is not a file")
    size = path.stat().st_size
    if size == 0:
        raise InvalidTileSetError(f"{path.name} is empty")
    # A plain read is safe: this is an import source, which no connection of this process
    # has open (import_mbtiles refuses the folder's own sets, fieldapp/core/livefiles.py).
    with path.open("rb") as handle:
        header = handle.read(100)
    if not header.startswith(SQLITE_MAGIC):
        raise InvalidTileSetError(
            f"{path.name} is not an MBTiles file: it is not an SQLite database"
        )
    if len(header) < 100:
        raise InvalidTileSetError(f"{path.name} is truncated: it ends inside the SQLite header")
    page_size = struct.unpack(">H", header[16:18])[0]
    page_size = 65536 if page_size == 1 else page_size
    change_counter, page_count = struct.unpack(">II", header[24:32])
    valid_for = struct.unpack(">I", header[92:96])[0]
    if page_count and change_counter == valid_for and size < page_count * page_size:
        raise InvalidTileSetError(
            f"{path.name} is truncated: it has {size} bytes, its header says "
            f"{page_count * page_size} (was the copy or download cut short?)"
        )
    if size % page_size:
        raise InvalidTileSetError(f"{path.name} is truncated: it ends in the middle of a page")


def check_mbtiles(path: Path | str) -> MBTilesFacts:
    """Check that a file is a whole, readable, raster MBTiles; raise InvalidTileSetError."""
    path = Path(path)
    _check_header(path)
    try:
        with MBTilesReader(path, foreign=True) as reader:
            return _check_contents(path, reader)
    except InvalidTileSetError as exc:
        message = str(exc)
        if not message.startswith(path.name) and not message.startswith(str(path)):
            message = f"{path.name} cannot be used: {message}"
        raise InvalidTileSetError(message) from exc
    except sqlite3.DatabaseError as exc:
        raise InvalidTileSetError(f"{path.name} is damaged or not MBTiles: {exc}") from exc


def _check_contents(path: Path, reader: MBTilesReader) -> MBTilesFacts:
    problems = [row[0] for row in reader._conn.execute("PRAGMA quick_check(5)")]
    if problems != ["ok"]:
        raise InvalidTileSetError(f"{path.name} is damaged: {'; '.join(problems)}")
    metadata = reader.metadata()
    count = reader.tile_count()
    if count == 0:
        raise InvalidTileSetError(f"{path.name} holds no tiles")
    fmt = reader.tile_format(metadata)
    if fmt == VECTOR_FORMAT:
        raise InvalidTileSetError(
            f"{path.name} holds vector tiles (pbf), which FieldApp cannot show; "
            "use a raster tile set (PNG, JPEG or WebP)"
        )
    if fmt not in RASTER_FORMATS:
        label = fmt or "not recognised"
        raise InvalidTileSetError(
            f"{path.name} holds tiles in a format FieldApp cannot show ({label}); "
            "use a raster tile set (PNG, JPEG or WebP)"
        )
    low, high = reader.zoom_range()
    return MBTilesFacts(reader.schema, fmt, count, low, high, metadata)


class MBTilesWriter:
    """An MBTiles file in the plain schema, created if missing, written in transactions."""

    def __init__(self, path: Path | str, *, wal: bool = True, durable: bool = True):
        """wal=False gives one self-contained file; durable=False (for a temporary file that
        is fsynced as a whole before it is renamed) skips the fsync of each transaction."""
        self.path = Path(path)
        self._conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        try:
            self._prepare(wal, durable)
        except sqlite3.DatabaseError as exc:
            self._conn.close()
            raise InvalidTileSetError(f"{self.path.name} cannot be written: {exc}") from exc
        except InvalidTileSetError:
            self._conn.close()
            raise

    def _prepare(self, wal: bool, durable: bool) -> None:
        self._conn.execute("PRAGMA busy_timeout = 10000")
        self._conn.execute(f"PRAGMA journal_mode = {'WAL' if wal else 'DELETE'}")
        self._conn.execute(f"PRAGMA synchronous = {'FULL' if durable else 'OFF'}")
        kind = self._conn.execute("SELECT type FROM sqlite_master WHERE name='tiles'").fetchone()
        if kind and kind[0] != "table":
            raise InvalidTileSetError(
                f"{self.path.name} stores its tiles in a view ({kind[0]}); it can be read, "
                "but tiles cannot be added to it"
            )
        self._conn.executescript(_PLAIN_SCHEMA)

    def metadata(self) -> dict[str, str]:
        return read_metadata(self._conn)

    def has(self, z: int, x: int, y: int) -> bool:
        row = self._conn.execute(_GET_SQL, (z, x, tms_row(z, y))).fetchone()
        return bool(row and row[0])

    def write(
        self,
        tiles: Iterable[tuple[int, int, int, bytes]] = (),
        missing: Iterable[tuple[int, int, int, str]] = (),
        metadata: Mapping[str, object] | None = None,
        *,
        replace: bool = True,
    ) -> int:
        """Tiles (XYZ), missing-tile notes and metadata, all in one transaction.

        With replace=False a tile already in the file is kept. Returns the tiles written.
        """
        conn = self._conn
        verb = "INSERT OR REPLACE" if replace else "INSERT OR IGNORE"
        conn.execute("BEGIN IMMEDIATE")
        try:
            written = conn.executemany(
                f"{verb} INTO tiles VALUES (?, ?, ?, ?)",
                ((z, x, tms_row(z, y), data) for z, x, y, data in tiles),
            ).rowcount
            conn.executemany(
                "INSERT OR REPLACE INTO fieldapp_missing VALUES (?, ?, ?, ?)",
                ((z, x, tms_row(z, y), status) for z, x, y, status in missing),
            )
            for key, value in (metadata or {}).items():
                text = value if isinstance(value, str) else json.dumps(value)
                conn.execute("INSERT OR REPLACE INTO metadata VALUES (?, ?)", (key, text))
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        return max(written, 0)

    def close(self, *, checkpoint: bool = True) -> None:
        """Close; by default fold the WAL back into the file so it stands alone, and leave
        WAL mode: idle readers of a set at rest then hold no lock, so the set can be
        replaced or removed (registry._take_over) while a map has it open."""
        try:
            if checkpoint:
                self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                self._conn.execute("PRAGMA journal_mode = DELETE")
        except sqlite3.DatabaseError:
            pass  # a reader holds the WAL; SQLite checkpoints later, nothing is lost
        finally:
            self._conn.close()

    def __enter__(self) -> MBTilesWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
