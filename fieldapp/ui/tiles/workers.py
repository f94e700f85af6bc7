"""Background work for the tile dialogs: an area download, and the small tile-set tasks.

`SeedWorker` is a QThread that runs fieldapp.tiles.seed() (which starts its own fetch
and writer threads). seed()'s progress callback runs in those threads; it only emits a
signal, which Qt queues to the GUI thread. pause(), resume() and cancel() go straight to
the thread-safe SeedControl, so they may be called from the GUI thread at any time.
Whoever owns a SeedWorker must cancel() and wait() before dropping it.

The plain functions below run in a TaskRunner pool thread (see workers.py): each opens
its own TileRegistry and returns plain data.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QThread, Signal

from fieldapp.tiles import (
    BBox,
    SeedControl,
    SeedOptions,
    SeedProgress,
    TileError,
    TileRegistry,
    TileSetInfo,
    ZoomRange,
    import_mbtiles,
    plan_seed,
    seed,
)


@dataclass(frozen=True)
class SeedRequest:
    """What to download: checked by the dialog before it builds a SeedWorker."""

    data_dir: Path
    url: str
    name: str
    bbox: BBox
    zooms: ZoomRange


class SeedWorker(QThread):
    """One area download; emits planned, then progressed (many), then seeded or failed."""

    planned = Signal(object)  # SeedPlan: tiles in the area, already there, to fetch
    progressed = Signal(object)  # SeedProgress
    seeded = Signal(object)  # SeedSummary
    failed = Signal(str)  # the download could not start (a set that cannot be resumed…)

    def __init__(
        self,
        request: SeedRequest,
        options: SeedOptions | None = None,
        parent: QObject | None = None,
    ):
        super().__init__(parent)
        self.request = request
        self.options = options or SeedOptions()
        self.control = SeedControl()

    def run(self) -> None:
        r = self.request
        area = {"bbox": r.bbox, "zooms": r.zooms, "url": r.url, "name": r.name}
        try:
            plan = plan_seed(r.data_dir, options=self.options, **area)
            self.planned.emit(plan)
            summary = seed(
                r.data_dir,
                options=self.options,
                progress=self._on_seed_progress,
                control=self.control,
                **area,
            )
        except TileError as exc:
            self.failed.emit(str(exc))
        except Exception as exc:  # disk full, a damaged set: said in words, never lost
            self.failed.emit(f"{type(exc).__name__}: {exc}")
        else:
            self.seeded.emit(summary)

    def _on_seed_progress(self, progress: SeedProgress) -> None:
        self.progressed.emit(progress)

    def pause(self) -> None:
        self.control.pause()

    def resume(self) -> None:
        self.control.resume()

    def cancel(self) -> None:
        self.control.cancel()

    @property
    def pausing(self) -> bool:
        """Paused, but some requests are still in hand."""
        return self.control.paused and self.control.busy > 0


def list_sets(data_dir: Path) -> list[TileSetInfo]:
    """Every tile set with its counts (opens each file: run it in a worker)."""
    with TileRegistry(data_dir) as registry:
        return registry.list_sets()


def import_set(data_dir: Path, source: Path) -> TileSetInfo:
    """Check and copy an MBTiles file; raises TileError in words, having added nothing."""
    return import_mbtiles(data_dir, source)


def remove_set(data_dir: Path, set_id: str) -> str:
    with TileRegistry(data_dir) as registry:
        registry.remove(set_id)
    return set_id
