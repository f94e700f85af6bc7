"""The main window's own background jobs: the overview after start-up, and the daily
backup with an integrity check.

Plain Qt-free job functions of a task context (fieldapp/core/tasks.py), run by the
application's task manager in a worker thread: the overview on the reads lane with that
thread's own Store, the maintenance on the files lane (the backup and the check open the
database through SQLite themselves). They return plain data and never touch widgets. The
modules they need (backup) are imported when they run, not with the window: start-up is
benchmarked.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fieldapp.core.record_types import Operation
from fieldapp.core.tasks import TaskContext


@dataclass
class Overview:
    operations: list[Operation]
    outbox_count: int


def read_overview(ctx: TaskContext[Any]) -> Overview:
    """The operations (with their report counts) and the unsent count: slow on big data."""
    return Overview(ctx.store.operations.list(), ctx.store.db.outbox_count())


BACKUP_EVERY_S = 24 * 3600


@dataclass
class MaintenanceOutcome:
    backup_path: Path | None = None
    backup_error: str = ""
    problems: list[str] = field(default_factory=list)


def backup_is_due(data_dir: Path, now: float | None = None) -> bool:
    """True when the newest rotating backup is older than a day (or there is none)."""
    from fieldapp.core import backup

    folder = Path(data_dir) / backup.BACKUP_DIR
    newest = max((p.stat().st_mtime for p in folder.glob("fieldapp-*.db")), default=None)
    return newest is None or (now or time.time()) - newest > BACKUP_EVERY_S


def start_up_maintenance(data_dir: Path, ctx: TaskContext[Any]) -> MaintenanceOutcome:
    """A daily rotating backup, then an integrity check of the database (not of blobs).

    A backup copies the whole database, so it is made once a day rather than at every
    start: restarting the app ten times must not push a good day-old backup out.
    """
    from fieldapp.core import backup

    outcome = MaintenanceOutcome()
    try:
        if backup_is_due(data_dir):
            ctx.progress(0, 2)
            outcome.backup_path = backup.rotate(data_dir)
    except Exception as exc:  # a failed backup must not stop the check
        outcome.backup_error = str(exc)
    ctx.check()
    ctx.progress(1, 2)
    outcome.problems = backup.check(data_dir, blobs=False, quick=True)
    return outcome
