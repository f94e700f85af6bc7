"""Operation ▸ Situation report…: the coordinator edits the highlights and the situation
overview (prefilled with a draft from the figures), chooses the language and the next
report time, sees the one-radiogram version (Copy, Send as radiogram: the radio desk's
form, prefilled, through the shell) and writes the PDF.

The figures are read in a job of the reads lane when the dialog opens and when records
change; the short text is made again from them on the GUI thread as the language or the
next time change (a pure function of a few numbers). The PDF is a job of the files lane
(kit/file_jobs.py) that reads the figures again in its worker, with a non-modal progress
dialog and Cancel: a cancel or a failure leaves no file. GUI thread only.
"""

from __future__ import annotations

from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, Signal, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fieldapp.core.errors import ValidationError
from fieldapp.exports import sitrep as core
from fieldapp.exports.sitrep_short import MAX_WORDS, radiogram_values, short_text
from fieldapp.ui.exports import sitrep_draft
from fieldapp.ui.exports.sitrep_pdf import sitrep_build
from fieldapp.ui.kit.banner import ExerciseBanner
from fieldapp.ui.kit.file_jobs import FileJob, PdfJob, PdfProgress

if TYPE_CHECKING:
    from fieldapp.core.changes import Changes
    from fieldapp.core.record_types import Operation
    from fieldapp.store import Store
    from fieldapp.ui.kit.taskman import JobContext, TaskManager

WATCHED = ("report", "radio_message", "alert", "rumour", "operation")


def read_sitrep(operation_id: str, ctx: JobContext) -> core.Sitrep:
    """The job: the figures of the operation, from the worker's Store."""
    return core.build(ctx.store, operation_id)


class SitrepDialog(QDialog):
    """One operation's situation report: the coordinator's words, the radiogram, the PDF."""

    figures_loaded = Signal()
    file_written = Signal(str)  # the path
    radiogram_requested = Signal(str, object)  # kind, the radio form's values

    def __init__(self, store: Store, tasks: TaskManager, operation: Operation, parent: QWidget):
        super().__init__(parent)
        self.store, self.tasks, self.operation = store, tasks, operation
        self._key = f"sitrep-dialog-{id(self)}"
        self.report: core.Sitrep | None = None
        self.jobs: set[FileJob] = set()
        self.progress: PdfProgress | None = None
        self.banner = ExerciseBanner(self)
        self.banner.setVisible(bool(operation["exercise"]))
        self.highlights_label, self.highlights_edit = QLabel(self), QPlainTextEdit(self)
        self.overview_label, self.overview_edit = QLabel(self), QPlainTextEdit(self)
        self.lang_label, self.lang_combo = QLabel(self), QComboBox(self)
        self.next_label, self.next_edit = QLabel(self), QLineEdit(self)
        self.short_label, self.short_edit = QLabel(self), QPlainTextEdit(self)
        self.words_label = QLabel(self)
        self.copy_button, self.radio_button = QPushButton(self), QPushButton(self)
        self.draft_button = QPushButton(self)
        self.pdf_button, self.close_button = QPushButton(self), QPushButton(self)
        self.status = QLabel(self)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        self._build()
        self._connect()
        self.retranslate()
        self.resize(860, 560)

    def _build(self) -> None:
        for edit in (self.highlights_edit, self.overview_edit):
            edit.setTabChangesFocus(True)
            edit.setMinimumHeight(60)
        self.short_edit.setReadOnly(True)
        self.short_edit.setMaximumHeight(64)
        self.lang_combo.addItem("English", "en")
        self.lang_combo.addItem("Français", "fr")
        self.next_edit.setPlaceholderText("1800Z")
        self.next_edit.setMaximumWidth(200)
        form = QFormLayout()
        for label, field in (
            (self.highlights_label, self.highlights_edit),
            (self.overview_label, self.overview_edit),
            (self.lang_label, self.lang_combo),
            (self.next_label, self.next_edit),
            (self.short_label, self.short_edit),
        ):
            label.setBuddy(field)
            form.addRow(label, field)
        radio = QHBoxLayout()
        radio.addWidget(self.words_label, 1)
        radio.addWidget(self.copy_button)
        radio.addWidget(self.radio_button)
        form.addRow("", radio)
        buttons = QHBoxLayout()
        buttons.addWidget(self.draft_button)
        buttons.addStretch(1)
        buttons.addWidget(self.pdf_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addLayout(form, 1)
        layout.addWidget(self.status)
        layout.addLayout(buttons)

    def _connect(self) -> None:
        self.lang_combo.currentIndexChanged.connect(self._on_choice_changed)
        self.next_edit.textChanged.connect(self._on_choice_changed)
        self.copy_button.clicked.connect(self._on_copy_clicked)
        self.radio_button.clicked.connect(self._on_radio_clicked)
        self.draft_button.clicked.connect(self._on_draft_clicked)
        self.pdf_button.clicked.connect(self._on_pdf_clicked)
        self.close_button.clicked.connect(self.close)

    # -- the figures ------------------------------------------------------------------------

    def show_changes(self, changes: Changes) -> None:
        if changes.touches(*WATCHED):
            self.refresh()

    def refresh(self) -> None:
        self.tasks.submit(
            partial(read_sitrep, self.operation["id"]),
            key=self._key,
            on_done=self._on_read,
            on_failed=self._on_failed,
            owner=self,
        )

    def _on_read(self, report: core.Sitrep) -> None:
        first = self.report is None
        self.report = report
        if first:
            self._fill_draft(only_empty=True)
        self._show_short()
        self.figures_loaded.emit()

    def _fill_draft(self, *, only_empty: bool) -> None:
        if self.report is None:
            return
        for edit, text in (
            (self.highlights_edit, sitrep_draft.highlights(self.report)),
            (self.overview_edit, sitrep_draft.overview(self.report)),
        ):
            if not only_empty or not edit.toPlainText().strip():
                edit.setPlainText(text)

    @Slot()
    def _on_draft_clicked(self) -> None:
        self._fill_draft(only_empty=False)

    # -- the radiogram ----------------------------------------------------------------------

    def language(self) -> str:
        return str(self.lang_combo.currentData())

    def next_report(self) -> str | None:
        """The next report time typed, ISO UTC; ValidationError when it is not a time."""
        return core.parse_next(self.next_edit.text())

    @Slot()
    def _on_choice_changed(self, *_args: object) -> None:
        self._show_short()

    def short(self) -> str:
        """The radiogram text of the figures read and the choices made ("" before)."""
        if self.report is None:
            return ""
        try:
            next_report = self.next_report()
        except ValidationError:
            next_report = None
        return short_text(self._with(next_report), self.language())

    def _with(self, next_report: str | None) -> core.Sitrep:
        assert self.report is not None
        return replace(self.report, next_report=next_report)

    def _show_short(self) -> None:
        text = self.short()
        self.short_edit.setPlainText(text)
        count = len(text.split())
        words = self.tr("%n word(s) of %1 (one radiogram)", "", count)
        self.words_label.setText(words.replace("%1", str(MAX_WORDS)))
        self.copy_button.setEnabled(bool(text))
        self.radio_button.setEnabled(bool(text))
        try:
            self.next_report()
            self.show_status("")
        except ValidationError:
            self.show_status(self._bad_next())

    def _bad_next(self) -> str:
        text = self.tr("“%1” is not a time like 1800Z, 18:00 or 2026-11-28T18:00Z.")
        return text.replace("%1", self.next_edit.text().strip())

    @Slot()
    def _on_copy_clicked(self) -> None:
        QGuiApplication.clipboard().setText(self.short())
        self.show_status(self.tr("Radiogram text copied."))

    @Slot()
    def _on_radio_clicked(self) -> None:
        if self.report is None:
            return
        try:
            report = self._with(self.next_report())
        except ValidationError:
            self.show_status(self._bad_next())
            return
        values = radiogram_values(report, self.language())
        self.radiogram_requested.emit("radiogram", values)

    # -- the PDF ----------------------------------------------------------------------------

    @Slot()
    def _on_pdf_clicked(self) -> None:
        name = self.tr("situation-report")  # a file name: no spaces
        suggested = str(Path.home() / f"{name}.pdf")
        title, kinds = self.tr("Save the situation report as PDF"), self.tr("PDF (*.pdf)")
        path, _ = QFileDialog.getSaveFileName(self, title, suggested, kinds)
        if path:
            self.write_pdf(path)

    def write_pdf(self, path: Path | str) -> PdfJob | None:
        """Write the sitrep as a PDF in the background; None (and why, in the status) when
        the coordinator's text or the next time is not right: nothing is started."""
        try:
            next_report = self.next_report()
            highlights = core.checked_text(self.highlights_edit.toPlainText(), "highlights")
            overview = core.checked_text(self.overview_edit.toPlainText(), "overview")
        except ValidationError as error:
            self.show_status(self._problem(error))
            return None
        build = sitrep_build(
            self.operation["id"],
            self.language(),
            highlights=highlights,
            overview=overview,
            next_report=next_report,
        )
        job = PdfJob(self.store.data_dir, build, path, self)
        label = self.tr("Writing the situation report…")
        job.written.connect(self._on_job_written)
        job.failed.connect(self._on_job_failed)
        job.cancelled.connect(self._on_job_cancelled)
        for signal in (job.written, job.failed, job.cancelled):
            signal.connect(lambda *_a, j=job: self._forget(j))
        self.jobs.add(job)
        self.progress = PdfProgress(job, label, self)
        job.start(self.tasks, label.rstrip("…"))
        return job

    def _problem(self, error: ValidationError) -> str:
        if "next" in error.errors:
            return self._bad_next()
        name = next(iter(error.errors), "")
        if name == "highlights":
            text = self.tr("The highlights are too long: %1 characters at most.")
        else:
            text = self.tr("The situation overview is too long: %1 characters at most.")
        return text.replace("%1", str(core.TEXT_MAX))

    def _forget(self, job: FileJob) -> None:
        self.jobs.discard(job)
        job.deleteLater()

    @Slot(str, int)
    def _on_job_written(self, path: str, pages: int) -> None:
        self.show_status(self.tr("Written: %1 (%n page(s))", "", pages).replace("%1", path))
        self.file_written.emit(path)

    @Slot(str)
    def _on_job_failed(self, message: str) -> None:
        self.show_status(self.tr("Not written: %1").replace("%1", message))

    @Slot()
    def _on_job_cancelled(self) -> None:
        self.show_status(self.tr("Cancelled: no file written."))

    def _on_failed(self, error: Exception) -> None:
        self.show_status(self.tr("The figures could not be read: %1").replace("%1", str(error)))

    def show_status(self, text: str) -> None:
        self.status.setText(text)

    def shutdown(self) -> None:
        """Cancel the files being written and the reads (the window closing)."""
        for job in list(self.jobs):
            job.cancel()
        self.tasks.drop(self._key)

    # -- words ------------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        title = self.tr("Situation report — %1").replace("%1", self.operation["name"])
        if self.operation["exercise"]:
            title = self.tr("EXERCISE") + " — " + title
        self.setWindowTitle(title)
        self.highlights_label.setText(self.tr("&Highlights:"))
        self.overview_label.setText(self.tr("Situation &overview:"))
        self.lang_label.setText(self.tr("&Language of the report:"))
        self.next_label.setText(self.tr("&Next report (UTC):"))
        self.short_label.setText(self.tr("One radiogram:"))
        self.copy_button.setText(self.tr("&Copy"))
        self.radio_button.setText(self.tr("&Send as radiogram…"))
        self.draft_button.setText(self.tr("&Draft from the figures"))
        self.pdf_button.setText(self.tr("Write &PDF…"))
        self.close_button.setText(self.tr("Close"))
        if self.report is not None:
            self._show_short()
