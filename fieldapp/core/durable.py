"""Durable file writes: a temporary file in the target folder, fsync, rename, fsync folder.

A crash at any point leaves either the old file or the whole new one, never half a file.
Plain blocking file I/O: call from a worker thread for big files.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

_CHUNK = 1 << 20


def fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_dir(folder: Path) -> None:
    """Make a rename in this folder durable; a no-op where folders cannot be opened."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # Windows and some network file systems refuse; the rename stands anyway
    finally:
        os.close(fd)


@contextlib.contextmanager
def temp_beside(final: Path) -> Iterator[Path]:
    """A temporary path in final's folder; removed on error, left for the caller on success."""
    final.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(dir=final.parent, prefix=".incoming-", suffix=".part")
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
    except BaseException:
        for leftover in (tmp, Path(f"{tmp}-journal"), Path(f"{tmp}-wal"), Path(f"{tmp}-shm")):
            leftover.unlink(missing_ok=True)
        raise


def copy_bytes(source: Path, target: Path) -> None:
    """Copy a file's bytes and fsync the copy."""
    with source.open("rb") as src, target.open("wb") as dst:
        shutil.copyfileobj(src, dst, _CHUNK)
        dst.flush()
        os.fsync(dst.fileno())


def commit_temp(tmp: Path, final: Path) -> None:
    """fsync tmp, rename it over final, fsync the folder."""
    fsync_file(tmp)
    os.replace(tmp, final)
    fsync_dir(final.parent)


def free_bytes(folder: Path) -> int:
    return shutil.disk_usage(folder).free
