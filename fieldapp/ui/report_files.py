"""The files of the report open in the editor: saved, pending, and being attached.

Attaching copies, hashes and thumbnails a file (`Store.attach_file`), which can take a
while for big photos, so it runs in a TaskRunner worker that opens its own Store; the
outcome comes back on the GUI thread. Files chosen for a report that is not saved yet
are kept as pending and attached right after its first save. GUI thread only.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from fieldapp.store import Store
from fieldapp.ui.attachments_view import AttachmentItem, AttachmentsPanel
from fieldapp.ui.tasks import AttachOutcome, attach_files
from fieldapp.ui.workers import TaskRunner


class ReportFiles(QObject):
    """Feeds the AttachmentsPanel of one editor and runs the attach tasks."""

    attachments_changed = Signal(str)  # the report whose saved files changed

    def __init__(self, store: Store, tasks: TaskRunner, panel: AttachmentsPanel):
        super().__init__(panel)
        self._store = store
        self._tasks = tasks
        self.panel = panel
        self.report_id: str | None = None
        self.pending: list[Path] = []
        self._running = 0

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
        self._tasks.start(
            attach_files,
            self._store.data_dir,
            self._store.user,
            report_id,
            files,
            on_done=self._on_task_done,
            on_error=partial(self._on_task_failed, report_id),
        )

    def _on_task_done(self, outcome: AttachOutcome) -> None:
        self._finished(outcome.report_id)
        if outcome.failed:
            self.panel.show_errors([f"{name}: {reason}" for name, reason in outcome.failed])
        if outcome.attached:
            self.attachments_changed.emit(outcome.report_id)

    def _on_task_failed(self, report_id: str, message: str) -> None:
        self._finished(report_id)
        self.panel.show_errors([message])

    def _finished(self, report_id: str) -> None:
        self._running -= 1
        self.panel.set_busy(self._running > 0)
        if report_id == self.report_id:
            self.refresh()

    def refresh(self) -> None:
        items = []
        if self.report_id is not None:
            for row in self._store.attachments(self.report_id):
                thumb = row["thumb_sha256"]
                items.append(
                    AttachmentItem(
                        row["filename"],
                        row["size"],
                        row["mime"],
                        self._store.blobs.path(thumb) if thumb else None,
                        attachment_id=row["id"],
                    )
                )
        for path in self.pending:
            items.append(AttachmentItem(path.name, path.stat().st_size, "", None, pending=True))
        self.panel.model.set_items(items)
