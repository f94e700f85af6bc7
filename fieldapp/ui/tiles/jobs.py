"""Background jobs of the tile dialogs: an area download, and the small tile-set jobs.

Plain Qt-free job functions of a task context (fieldapp/core/tasks.py), run by the
application's task manager: the download on the network lane, the others on the files
lane. `download_area` runs fieldapp.tiles.seed(), which starts its own fetch and writer
threads; seed()'s progress callback runs in those threads and only hands the progress to
`ctx.progress` (thread-safe), which the manager carries to the GUI thread. Cancel goes
through `ctx.on_cancel` to the thread-safe SeedControl, as do the dialog's pause and
resume (any thread, any time). Each job opens its own TileRegistry (SQLite files) and
returns plain data.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fieldapp.core.tasks import TaskContext
from fieldapp.tiles import (
    BBox,
    SeedControl,
    SeedOptions,
    SeedProgress,
    SeedSummary,
    TileRegistry,
    TileSetInfo,
    ZoomRange,
    import_mbtiles,
    plan_seed,
    seed,
)


@dataclass(frozen=True)
class SeedRequest:
    """What to download: checked by the dialog before it submits the job."""

    data_dir: Path
    url: str
    name: str
    bbox: BBox
    zooms: ZoomRange


def download_area(
    request: SeedRequest, options: SeedOptions, control: SeedControl, ctx: TaskContext[Any]
) -> SeedSummary:
    """Plan, then download an area; progress data: the SeedPlan, then SeedProgress (many).

    A cancelled download returns its summary (what was kept); a set that cannot be
    resumed, a full disk… raise (TileError says it in words).
    """
    ctx.on_cancel(control.cancel)
    r = request
    area = {"bbox": r.bbox, "zooms": r.zooms, "url": r.url, "name": r.name}
    plan = plan_seed(r.data_dir, options=options, **area)
    ctx.progress(plan.present, plan.total, data=plan)

    def on_progress(progress: SeedProgress) -> None:
        ctx.progress(progress.done, progress.total, data=progress)

    return seed(r.data_dir, options=options, progress=on_progress, control=control, **area)


def list_sets(data_dir: Path, _ctx: TaskContext[Any]) -> list[TileSetInfo]:
    """Every tile set with its counts (opens each file)."""
    with TileRegistry(data_dir) as registry:
        return registry.list_sets()


def import_set(data_dir: Path, source: Path, _ctx: TaskContext[Any]) -> TileSetInfo:
    """Check and copy an MBTiles file; raises TileError in words, having added nothing."""
    return import_mbtiles(data_dir, source)


def remove_set(data_dir: Path, set_id: str, _ctx: TaskContext[Any]) -> str:
    with TileRegistry(data_dir) as registry:
        registry.remove(set_id)
    return set_id
