"""Errors of the offline-tile core, each with a message in words for the user.

Plain exception classes, no state; safe to raise and catch from any thread.
"""

from __future__ import annotations


class TileError(Exception):
    """Base class: something about tiles went wrong; str(error) says what, in words."""


class InvalidTileSetError(TileError, ValueError):
    """A file that cannot be used as a tile set (not MBTiles, truncated, damaged, vector)."""


class UnknownTileSetError(TileError, LookupError):
    """No tile set of that name in the data directory."""


class TileSetExistsError(TileError):
    """A tile set of that name is already there and the caller did not ask to replace it."""


class InvalidRequestError(TileError, ValueError):
    """Bad input from the user: a bounding box, a zoom range, a URL template, a name."""


class ExportError(TileError):
    """An export that could not be written; nothing is left at the destination."""


class TileSetBusyError(TileError):
    """A tile set that another program has open cannot be replaced or removed now."""
