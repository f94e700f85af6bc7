"""Files written as jobs of the task manager, shared by the desks: PDFs (laid out and
painted page by page by kit/pdf.py) and CSV files.

A long PDF (an ICS-309 of thousands of rows, the after-action report of a three-hour
exercise) takes seconds to read, lay out and paint: too long for the GUI thread. A
`FileJob` (a GUI-side handle with signals) submits one job to the application's task
manager (files lane, listed in the Jobs panel): the job function gets the worker thread's
own `Store` from its context (a SQLite connection never crosses threads), the build
function reads what it needs and returns the content; `write_pdf_job` then lays it out
and paints it there with kit/pdf.write_pdf, `write_csv_job` writes the text. Qt allows
this off the GUI thread: QPdfWriter is a paint device for any thread, and QTextDocument,
QPainter and fonts work in a non-GUI thread once the QGuiApplication exists; labels come
from QCoreApplication.translate, which is thread-safe. Nothing in the worker touches a
widget.

Progress and the outcome come back to the GUI thread through the manager and go out as
the handle's signals. `cancel()` (or Cancel in the Jobs panel) stops the job (a PDF
between two pages); no partial file is left. `PdfProgress` is the non-modal progress
dialog with its Cancel button: the desk stays usable while a long file is written.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from fieldapp.core.livefiles import refuse_live_file
from fieldapp.core.tasks import Cancelled, Job
from fieldapp.store import Store
from fieldapp.ui.kit import pdf as pdf_pages
from fieldapp.ui.kit.taskman import JobContext, Lane, TaskManager, error_words

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PdfContent:
    """What a build function returns: the HTML body, the PDF's title, the line of the
    exercise bands ("": a real operation, no bands) and CSS added to the kit's."""

    body: str
    title: str
    exercise_line: str = ""
    style: str = ""


Build = Callable[[Store], PdfContent]  # runs in the worker, on the worker's Store
# The CSV (text, or bytes already encoded) and its number of lines.
CsvBuild = Callable[[Store], tuple[str | bytes, int]]


def write_pdf_job(build: Build, path: Path, data_dir: Path, ctx: JobContext) -> int:
    """The job: read, lay out and paint a PDF page by page; returns the page count."""
    refuse_live_file(path, data_dir, writing=True)
    content = build(ctx.store)

    def on_page(done: int, pages: int) -> bool:
        ctx.progress(done, pages)
        return not ctx.cancelled()

    try:
        return pdf_pages.write_pdf(
            content.body,
            path,
            title=content.title,
            exercise_line=content.exercise_line,
            style=content.style,
            progress=on_page,
        )
    except pdf_pages.PrintCancelled:
        raise Cancelled from None


def write_csv_job(build: CsvBuild, path: Path, data_dir: Path, ctx: JobContext) -> int:
    """The job: a CSV file (text as UTF-8, as the command line writes it); returns its
    line count. Written beside the target and renamed over it: a cancel or a full disk
    never leaves half a file where the user expects the whole one."""
    refuse_live_file(path, data_dir, writing=True)
    text, lines = build(ctx.store)
    ctx.check()
    partial_file = path.with_name(path.name + ".part")
    try:
        partial_file.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
        os.replace(partial_file, path)
    finally:
        partial_file.unlink(missing_ok=True)
    return lines


class FileJob(QObject):
    """One file to write; `start(tasks)` submits it. Subclasses name their job function."""

    progressed = Signal(int, int)  # pages drawn, pages (0, 0 while reading and laying out)
    written = Signal(str, int)  # path, pages of a PDF or lines of a CSV file
    failed = Signal(str)
    cancelled = Signal()
    write: Callable[..., int] = staticmethod(write_pdf_job)

    def __init__(self, data_dir: Path | str, build: Callable, path: Path | str, parent=None):
        super().__init__(parent)
        self.data_dir, self.build, self.path = Path(data_dir), build, Path(path)
        self.job: Job | None = None
        self._cancel_asked = False

    def start(self, tasks: TaskManager, name: str = "") -> None:
        self.job = tasks.submit(
            partial(self.write, self.build, self.path, self.data_dir),
            lane=Lane.FILES,
            name=name or self.path.name,
            on_progress=self._on_job_progressed,
            on_done=self._on_job_done,
            on_failed=self._on_job_failed,
            on_cancelled=self.cancelled.emit,
            owner=self,
        )
        if self._cancel_asked:
            tasks.cancel(self.job)

    def cancel(self) -> None:
        """Stop as soon as possible; `cancelled` follows (or `written`, if it was done)."""
        self._cancel_asked = True
        if self.job is not None:
            self.job.cancel()

    def finished(self) -> bool:
        """The job has ended (written, failed or cancelled)."""
        return self.job is not None and self.job.ended

    def _on_job_progressed(self, job: Job, _data: Any) -> None:
        self.progressed.emit(job.done, job.total)

    def _on_job_done(self, count: int) -> None:
        self.written.emit(str(self.path), count)

    def _on_job_failed(self, error: Exception) -> None:
        log.warning("writing %s failed: %s", self.path, error)
        self.failed.emit(error_words(error))


class PdfJob(FileJob):
    """A PDF: laid out and painted in the worker, page by page."""

    write = staticmethod(write_pdf_job)


class CsvJob(FileJob):
    """A CSV file, written beside the target and renamed over it."""

    write = staticmethod(write_csv_job)


def job_progress(parent: QWidget, label: str, total: int) -> QProgressDialog:
    """A modal progress of one job, shown at once, kept open until the job's end says so;
    its Cancel is wired to the job by the caller (`canceled.connect(job.cancel)`)."""
    progress = QProgressDialog(parent)
    progress.setWindowTitle(parent.windowTitle())
    progress.setLabelText(label)
    progress.setAutoClose(False)
    progress.setAutoReset(False)
    progress.setRange(0, max(1, total))
    progress.setMinimumDuration(0)
    return progress


def show_job_progress(progress: QProgressDialog | None, job: Job) -> None:
    """A job's on_progress: its count on the dialog, once it knows its total."""
    if progress is not None and job.total:
        progress.setRange(0, job.total)
        progress.setValue(job.done)


class PdfProgress(QProgressDialog):
    """Non-modal progress of a FileJob: busy while reading and laying out, then pages;
    Cancel stops it. Titled "Writing the PDF" unless told otherwise (a CSV file)."""

    def __init__(self, job: FileJob, label: str, parent: QWidget, title: str = ""):
        super().__init__(label, self.tr("Cancel"), 0, 0, parent)
        self.job = job
        self.setWindowTitle(title or self.tr("Writing the PDF"))
        self.setAutoClose(False)
        self.setAutoReset(False)
        self.setMinimumDuration(1_000_000)  # shown by our timer, not by the first value
        self._show_timer = QTimer(self)
        self._show_timer.setSingleShot(True)
        self._show_timer.setInterval(300)  # a one-page form comes and goes without a flash
        self._show_timer.timeout.connect(self.show)
        self._show_timer.start()
        self.canceled.connect(self._on_dialog_canceled)
        job.progressed.connect(self._on_job_progressed)
        for signal in (job.written, job.failed, job.cancelled):
            signal.connect(self._on_job_finished)

    @Slot(int, int)
    def _on_job_progressed(self, done: int, pages: int) -> None:
        if pages:
            self.setMaximum(pages)
            self.setValue(done)
            text = self.tr("Page %1 of %2").replace("%1", str(done))
            self.setLabelText(text.replace("%2", str(pages)))

    @Slot()
    def _on_dialog_canceled(self) -> None:
        self.job.cancel()

    def _on_job_finished(self, *_args: object) -> None:
        self._show_timer.stop()
        self.close()
        self.deleteLater()
