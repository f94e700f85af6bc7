"""The files of the report open in the editor: saved, pending, and being attached.

Attaching copies, hashes and thumbnails a file (`Store.attachments.add`), which can take a
while for big photos, so it runs as a job of the task manager (writes lane, on that
thread's own Store; listed in the Jobs panel); the outcome comes back on the GUI thread.
Files chosen for a report that is not saved yet are kept as pending and attached right
after its first save. A stored file is opened from a copy bearing its own name (the blob
store names files by hash), made in a worker in a temporary folder that goes with the
editor. If the saved files cannot be read, the panel shows none (never those of the
report shown before) and says why. GUI thread only.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Callable
from functools import partial
from pathlib import Path

from PySide6.QtCore import QObject, QTemporaryDir, QUrl, Signal, Slot
from PySide6.QtGui import QDesktopServices

from fieldapp.core.errors import NotFoundError
from fieldapp.store import Store
from fieldapp.ui.kit.questions import confirm
from fieldapp.ui.kit.taskman import Lane, TaskManager
from fieldapp.ui.reports.attachments_view import AttachmentItem, AttachmentsPanel
from fieldapp.ui.reports.jobs import AttachOutcome, attach_files, copy_attachment, safe_filename


class ReportFiles(QObject):
    """Feeds the AttachmentsPanel of one editor and runs the attach tasks."""

    attachments_changed = Signal(str)  # the report whose saved files changed

    def __init__(self, store: Store, tasks: TaskManager, panel: AttachmentsPanel):
        super().__init__(panel)
        self._store = store
        self._tasks = tasks
        self.panel = panel
        self.report_id: str | None = None
        self.pending: list[Path] = []
        self._running = 0
        self._open_dir: QTemporaryDir | None = None
        panel.open_requested.connect(self._on_panel_open_requested)
        panel.save_requested.connect(self._on_panel_save_requested)
        panel.remove_requested.connect(self._on_panel_remove_requested)

    def show(self, report_id: str | None) -> None:
        """Show a saved report's files (None: a new report, no files yet)."""
        self.report_id = report_id
        self.pending = []
        self.panel.errors.hide()
        self.refresh()

    def add(self, files: list[Path]) -> None:
        if self.report_id is None:
            self.pending.extend(files)
            self.refresh()
        else:
            self.attach(self.report_id, files)

    def take_pending(self) -> list[Path]:
        pending, self.pending = self.pending, []
        return pending

    def is_attaching(self) -> bool:
        return self._running > 0

    def attach(self, report_id: str, files: list[Path]) -> None:
        self._running += 1
        self.panel.set_busy(True)
        self._tasks.submit(
            partial(attach_files, report_id, list(files)),
            lane=Lane.WRITES,
            name=self.tr("Attaching files"),
            on_done=self._on_task_done,
            on_failed=partial(self._on_task_failed, report_id),
            on_cancelled=partial(self._finished, report_id),
            owner=self,
        )

    def _on_task_done(self, outcome: AttachOutcome) -> None:
        self._finished(outcome.report_id)
        if outcome.failed:
            self.panel.show_errors([f"{name}: {reason}" for name, reason in outcome.failed])
        if outcome.attached:
            self.attachments_changed.emit(outcome.report_id)

    def _on_task_failed(self, report_id: str, error: Exception) -> None:
        self._finished(report_id)
        self.panel.show_errors([str(error) or type(error).__name__])

    def _finished(self, report_id: str) -> None:
        self._running -= 1
        self.panel.set_busy(self._running > 0)
        if report_id == self.report_id:
            self.refresh()

    def refresh(self) -> None:
        try:
            items = self._saved_items()
        except sqlite3.Error as exc:
            items = []
            text = self.tr("The files of this report could not be read from the database: %1")
            self.panel.show_problem(text.replace("%1", str(exc) or type(exc).__name__))
        for path in self.pending:
            size = path.stat().st_size
            items.append(AttachmentItem(path.name, size, "", None, pending=True, source=path))
        self.panel.model.set_items(items)

    def _saved_items(self) -> list[AttachmentItem]:
        if self.report_id is None:
            return []
        return [
            AttachmentItem(
                row["filename"],
                row["size"],
                row["mime"],
                self._store.attachments.blobs.path(row["thumb_sha256"])
                if row["thumb_sha256"]
                else None,
                attachment_id=row["id"],
                source=self._store.attachments.blobs.path(row["sha256"]),
            )
            for row in self._store.attachments.list(self.report_id)
        ]

    # -- open, save a copy, remove ----------------------------------------------------

    @Slot(object)
    def _on_panel_open_requested(self, item: AttachmentItem) -> None:
        """Open with the system's viewer, from a copy that has the file's own name."""
        if item.pending:
            self._open(item.source)
            return
        assert item.attachment_id is not None  # a saved item
        if self._open_dir is None:
            self._open_dir = QTemporaryDir()  # removed when the editor goes
        folder = Path(self._open_dir.path()) / item.attachment_id
        self._copy(item, folder / safe_filename(item.filename), then=self._open)

    @Slot(object, Path)
    def _on_panel_save_requested(self, item: AttachmentItem, target: Path) -> None:
        saved = self.tr("Copy saved: %1").replace("%1", target.name)
        self._copy(item, target, then=lambda _path: self.panel.show_message(saved))

    def _copy(self, item: AttachmentItem, target: Path, then: Callable[[Path], None]) -> None:
        """Copy a stored file in a worker (a video can be big), then `then(target)`."""
        self._tasks.submit(
            partial(copy_attachment, item.source, target, self._store.data_dir),
            lane=Lane.FILES,
            on_done=then,
            on_failed=lambda error: self.panel.show_problem(str(error) or type(error).__name__),
            owner=self,
        )

    def _open(self, path: Path) -> None:
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
            text = self.tr("No program on this computer opens %1.").replace("%1", path.name)
            self.panel.show_problem(text)

    @Slot(object)
    def _on_panel_remove_requested(self, item: AttachmentItem) -> None:
        if item.pending:
            self.pending = [p for p in self.pending if p != item.source]
            self.refresh()
            return
        question = self.tr("Remove %1 from this report?").replace("%1", item.filename)
        if not confirm(self.panel, self.tr("Remove file"), question) or self.report_id is None:
            return
        assert item.attachment_id is not None  # a saved item
        # Removed meanwhile (another window, a sync)? The refresh shows it either way.
        with contextlib.suppress(NotFoundError):
            self._store.attachments.remove(item.attachment_id)
        self.refresh()
        self.attachments_changed.emit(self.report_id)
