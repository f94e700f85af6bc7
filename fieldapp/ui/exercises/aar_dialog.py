"""The after-action report dialog of the exercise desk: the trainer writes the strengths,
the areas for improvement and the improvement plan (action, capability, owner, due date)
in three tables, chooses an earlier run to compare with (none by default), and writes
the report as a PDF or a CSV file.

Writes are single-row transactions on the window's Store, as the desk's own (the trainer's
lines through `store.aar`); the tables read again when `records_changed` says a line
changed (the desk forwards it to `show_changes`), never by hand after a write. Reads run
on the reads lane; the files are jobs of the files lane (kit/file_jobs.py) with a
non-modal progress dialog and Cancel: the dialog and the desk stay usable meanwhile.
GUI thread only.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from fieldapp.core.errors import NotFoundError, ValidationError
from fieldapp.ui.exercises import aar_pdf, jobs
from fieldapp.ui.exercises.aar_entries import EntryEditor, SectionTable
from fieldapp.ui.kit import dates
from fieldapp.ui.kit.banner import ExerciseBanner
from fieldapp.ui.kit.file_jobs import CsvJob, FileJob, PdfJob, PdfProgress
from fieldapp.ui.kit.questions import confirm

if TYPE_CHECKING:
    from fieldapp.core.changes import Changes
    from fieldapp.core.record_types import Operation
    from fieldapp.store import Store
    from fieldapp.ui.kit.taskman import TaskManager

WATCHED = ("aar_entry", "exercise_run")
SECTIONS = ("strength", "improvement", "action")


class AfterActionDialog(QDialog):
    """One exercise's after-action report: the trainer's sections and the files."""

    rows_loaded = Signal()
    file_written = Signal(str)  # the path

    def __init__(self, store: Store, tasks: TaskManager, operation: Operation, parent: QWidget):
        super().__init__(parent)
        self.store, self.tasks, self.operation = store, tasks, operation
        self._key = f"aar-dialog-{id(self)}"
        self.data = jobs.AarData()
        self.jobs: set[FileJob] = set()  # files being written (kept alive until done)
        self.progress: PdfProgress | None = None  # of the last file started
        self.editor: EntryEditor | None = None
        self.banner = ExerciseBanner(self)
        self.banner.show()
        self.tabs = QTabWidget(self)
        self.tables = {section: SectionTable(section, self) for section in SECTIONS}
        self.add_button, self.edit_button = QPushButton(self), QPushButton(self)
        self.delete_button = QPushButton(self)
        self.compare_label, self.compare_combo = QLabel(self), QComboBox(self)
        self.pdf_button, self.csv_button = QPushButton(self), QPushButton(self)
        self.close_button = QPushButton(self)
        self.status = QLabel(self)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        self._build()
        self._connect()
        self.retranslate()
        self.resize(900, 540)

    def _build(self) -> None:
        for table in self.tables.values():
            self.tabs.addTab(table, "")
        entries = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.delete_button):
            entries.addWidget(button)
        entries.addStretch(1)
        self.compare_label.setBuddy(self.compare_combo)
        self.compare_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        files = QHBoxLayout()
        files.addWidget(self.compare_label)
        files.addWidget(self.compare_combo)
        files.addStretch(1)
        for button in (self.pdf_button, self.csv_button, self.close_button):
            files.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(entries)
        layout.addWidget(self.status)
        layout.addLayout(files)

    def _connect(self) -> None:
        self.add_button.clicked.connect(self._on_add_clicked)
        self.edit_button.clicked.connect(self._on_edit_clicked)
        self.delete_button.clicked.connect(self._on_delete_clicked)
        for table in self.tables.values():
            table.edit_asked.connect(self._on_edit_clicked)
        self.pdf_button.clicked.connect(self._on_pdf_clicked)
        self.csv_button.clicked.connect(self._on_csv_clicked)
        self.close_button.clicked.connect(self.close)

    # -- reads ------------------------------------------------------------------------------

    def show_changes(self, changes: Changes) -> None:
        if changes.touches(*WATCHED):
            self.refresh()

    def refresh(self) -> None:
        self.tasks.submit(
            partial(jobs.read_aar, self.operation["id"]),
            key=self._key,
            on_done=self._on_read,
            on_failed=self._on_failed,
            owner=self,
        )

    def _on_read(self, data: jobs.AarData) -> None:
        self.data = data
        for table in self.tables.values():
            table.set_rows(data.entries)
        self._fill_runs()
        self.rows_loaded.emit()

    def _fill_runs(self) -> None:
        chosen = self.compare_combo.currentData()
        self.compare_combo.clear()
        self.compare_combo.addItem(self.tr("No comparison"), None)
        for run in sorted(self.data.runs, key=lambda r: r["number"]):
            text = self.tr("Run %1, ended %2").replace("%1", str(run["number"]))
            ended = dates.prose_time(run["ended_at"])
            self.compare_combo.addItem(text.replace("%2", ended), run["number"])
        found = self.compare_combo.findData(chosen) if chosen is not None else -1
        self.compare_combo.setCurrentIndex(max(0, found))

    def compare_with(self) -> int | None:
        """The number of the earlier run chosen, None for no comparison."""
        number = self.compare_combo.currentData()
        return int(number) if number is not None else None

    # -- the trainer's lines ----------------------------------------------------------------

    def current_table(self) -> SectionTable:
        return self.tables[SECTIONS[self.tabs.currentIndex()]]

    @Slot()
    def _on_add_clicked(self) -> None:
        section = self.current_table().section
        self._edit(section, partial(self._add, section))

    def _add(self, section: str, values: dict[str, str]) -> None:
        self.store.aar.add(self.operation["id"], section, **values)

    @Slot()
    def _on_edit_clicked(self, *_args: object) -> None:
        table = self.current_table()
        row = table.chosen()
        if row is not None:
            self._edit(table.section, partial(self.store.aar.edit, row["id"]), row)

    def _edit(self, section: str, save: Any, values: dict | None = None) -> None:
        self.editor = EntryEditor(section, save, self, values)
        self.editor.saved.connect(lambda: self.show_status(self.tr("Saved.")))
        self.editor.open()

    @Slot()
    def _on_delete_clicked(self) -> None:
        row = self.current_table().chosen()
        if row is None:
            return
        question = self.tr("Delete this line of the report?\n\n%1").replace("%1", row["text"])
        if not confirm(self, self.tr("Delete"), question):
            return
        try:
            self.store.aar.delete(row["id"])
        except (ValidationError, NotFoundError) as error:
            self.show_status(str(error))
            return
        self.show_status(self.tr("Deleted."))

    # -- the files --------------------------------------------------------------------------

    @Slot()
    def _on_pdf_clicked(self) -> None:
        path = self._ask_path("pdf")
        if path:
            self.write_pdf(path)

    @Slot()
    def _on_csv_clicked(self) -> None:
        path = self._ask_path("csv")
        if path:
            self.write_csv(path)

    def _ask_path(self, kind: str) -> str:
        if kind == "csv":
            title, kinds = self.tr("Save the report as CSV"), self.tr("CSV (*.csv)")
        else:
            title, kinds = self.tr("Save the report as PDF"), self.tr("PDF (*.pdf)")
        name = self.tr("after-action-report")  # a file name: no spaces
        suggested = str(Path.home() / f"{name}.{kind}")
        path, _ = QFileDialog.getSaveFileName(self, title, suggested, kinds)
        return path

    def write_pdf(self, path: Path | str) -> PdfJob:
        """Write the report as a PDF in the background; the job says when it is done."""
        build = aar_pdf.report_build(self.operation["id"], self.compare_with())
        job = PdfJob(self.store.data_dir, build, path, self)
        return self._start(job, self.tr("Writing the after-action report…"), "")

    def write_csv(self, path: Path | str) -> CsvJob:
        """Write the report as CSV in the background."""
        build = jobs.aar_csv_build(self.operation["id"], self.compare_with())
        job = CsvJob(self.store.data_dir, build, path, self)
        title = self.tr("Writing the CSV file")
        return self._start(job, self.tr("Writing the after-action report…"), title)

    def _start(self, job: Any, label: str, title: str) -> Any:
        job.written.connect(self._on_job_written)
        job.failed.connect(self._on_job_failed)
        job.cancelled.connect(self._on_job_cancelled)
        for signal in (job.written, job.failed, job.cancelled):
            signal.connect(partial(self._forget, job))
        self.jobs.add(job)
        self.progress = PdfProgress(job, label, self, title)
        job.start(self.tasks, label.rstrip("…"))
        return job

    def _forget(self, job: FileJob, *_outcome: object) -> None:
        self.jobs.discard(job)
        job.deleteLater()

    @Slot(str, int)
    def _on_job_written(self, path: str, count: int) -> None:
        if path.lower().endswith(".pdf"):
            text = self.tr("Written: %1 (%2 pages)")
        else:
            text = self.tr("Written: %1 (%2 injects)")
        self.show_status(text.replace("%1", path).replace("%2", str(count)))
        self.file_written.emit(path)

    @Slot(str)
    def _on_job_failed(self, message: str) -> None:
        self.show_status(self.tr("Not written: %1").replace("%1", message))

    @Slot()
    def _on_job_cancelled(self) -> None:
        self.show_status(self.tr("Cancelled: no file written."))

    def _on_failed(self, error: Exception) -> None:
        self.show_status(str(error))

    def show_status(self, text: str) -> None:
        self.status.setText(text)

    def shutdown(self) -> None:
        """Cancel the files being written and the reads (closing the desk)."""
        for job in list(self.jobs):
            job.cancel()
        self.tasks.drop(self._key)

    # -- words ------------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        title = self.tr("After-action report — %1").replace("%1", self.operation["name"])
        self.setWindowTitle(self.tr("EXERCISE") + " — " + title)
        for index, name in enumerate(
            (self.tr("Strengths"), self.tr("Areas for improvement"), self.tr("Improvement plan"))
        ):
            self.tabs.setTabText(index, name)
        for table in self.tables.values():
            count = table.rows_model.columnCount()
            table.rows_model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, count - 1)
        self.add_button.setText(self.tr("&Add…"))
        self.edit_button.setText(self.tr("&Edit…"))
        self.delete_button.setText(self.tr("De&lete"))
        self.compare_label.setText(self.tr("Compare &with:"))
        self.pdf_button.setText(self.tr("Write &PDF…"))
        self.csv_button.setText(self.tr("Write &CSV…"))
        self.close_button.setText(self.tr("Close"))
        if self.compare_combo.count():
            self._fill_runs()


class AfterActionHolder:
    """The desk's one after-action dialog: built when first opened, gone when the desk
    changes operation or closes."""

    def __init__(self, desk: QWidget):
        self.desk = desk
        self.dialog: AfterActionDialog | None = None

    def open(self, operation: Operation) -> AfterActionDialog:
        if self.dialog is None:
            desk: Any = self.desk
            self.dialog = AfterActionDialog(desk.store, desk.tasks, operation, self.desk)
            self.dialog.refresh()
        self.dialog.show()
        self.dialog.raise_()
        self.dialog.activateWindow()
        return self.dialog

    def show_changes(self, changes: Changes) -> None:
        if self.dialog is not None:
            self.dialog.show_changes(changes)

    def close(self) -> None:
        if self.dialog is not None:
            self.dialog.shutdown()
            self.dialog.close()
            self.dialog.deleteLater()
            self.dialog = None
