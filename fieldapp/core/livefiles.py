"""The files of a data folder that only SQLite may open: its database and its tile sets.

Several programs may use one data folder at once (the window, a script, a scheduled
backup or sync). A plain open()/close() of a database file drops every POSIX lock the
process holds on it, those of its live SQLite connections included; another process then
believes it is the last user, checkpoints and deletes the WAL under them ("How To Corrupt
An SQLite Database File", 2.2). Writing over such a file loses it outright. So a file the
user names, to read (attach, import) or to write (save a copy, export), is checked here
before any byte moves, and refused in words if it is one of them. The check uses stat()
only, which opens nothing. Pure functions: any thread.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

DB_NAME = "fieldapp.db"
SERVER_DB_NAME = "server.db"  # `fieldapp serve` on SQLite, by default
TILES_DIR = "tiles"
TILE_SUFFIX = ".mbtiles"
_SIDECARS = ("", "-wal", "-shm", "-journal")


class LiveDatabaseError(ValueError):
    """A path that names a database file FieldApp keeps open; the message says what to do."""


def live_files(data_dir: Path | str) -> Iterator[tuple[Path, str]]:
    """(path, what it is) of every SQLite file of the folder that exists now."""
    data_dir = Path(data_dir)
    bases = [(data_dir / DB_NAME, "database"), (data_dir / SERVER_DB_NAME, "server database")]
    tiles = data_dir / TILES_DIR
    if tiles.is_dir():
        bases += [(path, "tile set") for path in sorted(tiles.glob(f"*{TILE_SUFFIX}"))]
    for base, what in bases:
        for suffix in _SIDECARS:
            path = Path(f"{base}{suffix}")
            if path.exists():
                yield path, what


def live_file_kind(path: Path | str, data_dir: Path | str) -> str | None:
    """What `path` is when it is (a link to) one of the folder's SQLite files or their
    -wal/-shm/-journal ("database", "server database", "tile set"); None otherwise, or
    when `path` does not exist."""
    try:
        target = os.stat(path)
    except OSError:
        return None
    for live, what in live_files(data_dir):
        try:
            found = os.stat(live)
        except OSError:
            continue  # removed since it was listed
        if (found.st_dev, found.st_ino) == (target.st_dev, target.st_ino):
            return what
    return None


def refuse_live_file(path: Path | str, data_dir: Path | str, *, writing: bool = False) -> None:
    """Raise LiveDatabaseError if `path` is one of the folder's SQLite files."""
    what = live_file_kind(path, data_dir)
    if what is None:
        return
    name = Path(path).name
    if writing:
        raise LiveDatabaseError(
            f"{name} is FieldApp's own {what}, in use: writing over it would destroy it; "
            "choose another file name"
        )
    raise LiveDatabaseError(
        f"{name} is FieldApp's own {what}, in use, which only SQLite may open: {_HINTS[what]}"
    )


_HINTS = {
    "database": "make a copy with `fieldapp backup -o FILE` and use the copy",
    "tile set": "make a copy with `fieldapp tiles export` and use the copy",
    "server database": "it is not a file to import or attach",
}
