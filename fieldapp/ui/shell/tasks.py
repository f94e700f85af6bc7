"""Small core operations that the UI runs in a worker thread (see workers.TaskRunner).

Each function runs in a pool thread and opens its own Store or connection on the data
directory: a SQLite connection never crosses threads. They return plain data and never
touch widgets. The modules they need (backup, attachments) are imported when they run,
not with the window: start-up is benchmarked.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from fieldapp.core.errors import NotFoundError
from fieldapp.core.record_types import Attachment, Operation
from fieldapp.store import Store


@dataclass
class AttachOutcome:
    report_id: str
    attached: list[Attachment] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (file name, reason)


def attach_files(data_dir: Path, user: str, report_id: str, paths: list[Path]) -> AttachOutcome:
    """Copy files into the blob store and link them to a report (hashing, thumbnails)."""
    from fieldapp.reports.attachments import AttachmentError

    outcome = AttachOutcome(report_id)
    with Store(data_dir, user=user) as store:
        for path in paths:
            try:
                outcome.attached.append(store.attachments.add(report_id, path))
            except (AttachmentError, NotFoundError, OSError) as exc:
                outcome.failed.append((Path(path).name, str(exc)))
    return outcome


def safe_filename(name: str) -> str:
    """A file name that cannot leave its folder (names come from other devices too)."""
    cleaned = "".join("_" if c in '/\\:*?"<>|' or ord(c) < 32 else c for c in name).strip(" .")
    return cleaned[:180] or "attachment"


def copy_attachment(source: Path, target: Path, data_dir: Path) -> Path:
    """Copy a stored file to `target` (made with its folder); returns `target`.

    A target that is one of the data folder's databases is refused (LiveDatabaseError).
    """
    import shutil

    from fieldapp.core.livefiles import refuse_live_file

    refuse_live_file(target, data_dir, writing=True)
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)
    return target


@dataclass
class Overview:
    operations: list[Operation]
    outbox_count: int


def read_overview(data_dir: Path) -> Overview:
    """The operations (with their report counts) and the unsent count: slow on big data."""
    with Store(data_dir) as store:
        return Overview(store.operations.list(), store.db.outbox_count())


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


def start_up_maintenance(data_dir: Path) -> MaintenanceOutcome:
    """A daily rotating backup, then an integrity check of the database (not of blobs).

    A backup copies the whole database, so it is made once a day rather than at every
    start: restarting the app ten times must not push a good day-old backup out.
    """
    from fieldapp.core import backup

    outcome = MaintenanceOutcome()
    try:
        if backup_is_due(data_dir):
            outcome.backup_path = backup.rotate(data_dir)
    except Exception as exc:  # a failed backup must not stop the check
        outcome.backup_error = str(exc)
    outcome.problems = backup.check(data_dir, blobs=False, quick=True)
    return outcome
