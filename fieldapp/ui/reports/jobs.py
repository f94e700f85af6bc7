"""The report editor's background jobs: attaching files, copying a stored file out.

Plain Qt-free job functions of a task context (fieldapp/core/tasks.py), run by the
application's task manager: attaching on the writes lane (one write at a time, on that
thread's own Store), copying on the files lane. They return plain data and never touch
widgets; the modules they need are imported when they run, not with the window.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fieldapp.core.errors import NotFoundError
from fieldapp.core.tasks import TaskContext


@dataclass
class AttachOutcome:
    report_id: str
    attached: list[dict] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (file name, reason)


def attach_files(report_id: str, paths: list[Path], ctx: TaskContext[Any]) -> AttachOutcome:
    """Copy files into the blob store and link them to a report (hashing, thumbnails)."""
    from fieldapp.reports.attachments import AttachmentError

    outcome = AttachOutcome(report_id)
    for number, path in enumerate(paths):
        ctx.progress(number, len(paths), Path(path).name)
        try:
            outcome.attached.append(ctx.store.attachments.add(report_id, path))
        except (AttachmentError, NotFoundError, OSError) as exc:
            outcome.failed.append((Path(path).name, str(exc)))
        if ctx.cancelled():
            break
    return outcome


def safe_filename(name: str) -> str:
    """A file name that cannot leave its folder (names come from other devices too)."""
    cleaned = "".join("_" if c in '/\\:*?"<>|' or ord(c) < 32 else c for c in name).strip(" .")
    return cleaned[:180] or "attachment"


def copy_attachment(source: Path, target: Path, data_dir: Path, _ctx: TaskContext[Any]) -> Path:
    """Copy a stored file to `target` (made with its folder); returns `target`.

    A target that is one of the data folder's databases is refused (LiveDatabaseError).
    """
    import shutil

    from fieldapp.core.livefiles import refuse_live_file

    refuse_live_file(target, data_dir, writing=True)
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)
    return target
