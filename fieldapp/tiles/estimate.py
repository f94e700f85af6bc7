"""How big an area download would be, from the box and the zooms alone: tile count per
zoom and an approximate size, before anything is asked of a server or read from disk.

Pure arithmetic (no file, no network), cheap enough to run on every keystroke of a form.
plan_seed() gives the exact plan (tiles already in the set included) when it is time to
start. Safe from any thread.
"""

from __future__ import annotations

from dataclasses import dataclass

from .fetch import SeedOptions
from .grid import BBox, ZoomRange, tile_counts
from .seeding import DEFAULT_TILE_BYTES

MAX_TILES = SeedOptions().max_tiles


@dataclass(frozen=True)
class AreaEstimate:
    """Tiles of an area per zoom, and about how many bytes they weigh."""

    per_zoom: dict[int, int]
    average_bytes: int
    max_tiles: int

    @property
    def total(self) -> int:
        return sum(self.per_zoom.values())

    @property
    def estimated_bytes(self) -> int:
        """An average tile size times the count: real tiles vary (sea is small, towns big)."""
        return self.total * self.average_bytes

    def bytes_per_zoom(self) -> dict[int, int]:
        return {z: n * self.average_bytes for z, n in self.per_zoom.items()}

    @property
    def too_large(self) -> bool:
        """More tiles than one download may fetch (seed() refuses it, and tile servers'
        usage policies forbid bulk downloads of that size)."""
        return self.total > self.max_tiles


def estimate_area(
    bbox: BBox,
    zooms: ZoomRange,
    *,
    average_bytes: int = DEFAULT_TILE_BYTES,
    max_tiles: int = MAX_TILES,
) -> AreaEstimate:
    """Count the tiles of `bbox` at each zoom of `zooms` (already parsed and checked)."""
    return AreaEstimate(tile_counts(bbox, zooms), max(1, int(average_bytes)), max_tiles)
