"""File ▸ Export…: the current operation's reports (and map features, where the format
holds them) to a file in a format crisis mappers use (fieldapp/exports/formats.py).

The user picks the format, the scope (the report list's current filters and search, or
the whole operation) and, for CSV, the HXL row, then the file. The export runs as a job of
the files lane (kit/file_jobs.FileJob: listed in the Jobs panel) with a progress dialog
and Cancel; the file is written beside its final name and renamed when whole, so a
Cancel or a failure leaves no file. GUI thread only; `write_export_job` is Qt-free and
runs in the worker on the worker's own Store.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from fieldapp.core.livefiles import refuse_live_file
from fieldapp.exports.formats import FORMATS, Progress, export
from fieldapp.reports.query import ReportQuery
from fieldapp.store import Store
from fieldapp.ui.kit.file_jobs import FileJob, PdfProgress
from fieldapp.ui.kit.taskman import JobContext, TaskManager


@dataclass(frozen=True)
class ExportRequest:
    """What to write: the format, the reports' query, the CSV's HXL row."""

    format: str
    query: ReportQuery
    hxl: bool = False

    def write(self, store: Store, path: Path, progress: Progress) -> int:
        """The export itself (in the worker, on its Store); the items written."""
        return export(store, self.format, self.query, path, hxl=self.hxl, progress=progress)


def write_export_job(
    build: Callable[[Store, Path, Progress], int], path: Path, data_dir: Path, ctx: JobContext
) -> int:
    """The job (files lane): the export, with progress; Cancel stops it between reports."""
    refuse_live_file(path, data_dir, writing=True)

    def progress(done: int, total: int) -> None:
        ctx.progress(done, total)
        ctx.check()

    return build(ctx.store, path, progress)


class ExportJob(FileJob):
    """An export file, written as a job with progress."""

    write = staticmethod(write_export_job)


class ExportDialog(QDialog):
    """Format, scope and HXL option, then the file chooser and the job."""

    def __init__(
        self,
        tasks: TaskManager,
        data_dir: Path,
        list_query: ReportQuery,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.tasks, self.data_dir, self.list_query = tasks, Path(data_dir), list_query
        self.job: ExportJob | None = None
        self.setWindowTitle(self.tr("Export"))
        self._build()
        self._on_format_changed()

    def _build(self) -> None:
        self.format_combo = QComboBox(self)
        for name, label in self._format_labels().items():
            self.format_combo.addItem(label, name)
        self.format_combo.currentIndexChanged.connect(self._on_format_changed)
        self.filtered_radio = QRadioButton(self.tr("The reports the list shows (its filters)"))
        self.whole_radio = QRadioButton(self.tr("The whole operation"))
        self.filtered_radio.setChecked(True)
        self.scope = QButtonGroup(self)
        self.scope.addButton(self.filtered_radio)
        self.scope.addButton(self.whole_radio)
        self.hxl_check = QCheckBox(self.tr("Add the HXL hashtag row"), self)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Format:"), self.format_combo)
        form.addRow(self.tr("Reports:"), self.filtered_radio)
        form.addRow("", self.whole_radio)
        form.addRow("", self.hxl_check)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.export_button = buttons.addButton(
            self.tr("Export…"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.export_button.clicked.connect(self._on_export_clicked)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addWidget(buttons)

    def _format_labels(self) -> dict[str, str]:
        return {
            "geojson": self.tr("GeoJSON (reports and map features)"),
            "csv": self.tr("CSV (spreadsheets)"),
            "kml": self.tr("KML (Google Earth)"),
            "gpx": self.tr("GPX (GPS receivers)"),
            "umap": self.tr("uMap"),
            "ushahidi": self.tr("Ushahidi CSV"),
            "pfif": self.tr("PFIF (missing persons only)"),
        }

    def chosen_format(self) -> str:
        return str(self.format_combo.currentData())

    def request(self) -> ExportRequest:
        """The export the dialog's choices describe."""
        query = self.list_query
        if self.whole_radio.isChecked():
            query = ReportQuery(query.operation_id)
        query = replace(query, limit=None, offset=0)
        hxl = self.hxl_check.isChecked() and self.chosen_format() == "csv"
        return ExportRequest(self.chosen_format(), query, hxl)

    @Slot()
    def _on_format_changed(self) -> None:
        self.hxl_check.setEnabled(self.chosen_format() == "csv")

    @Slot()
    def _on_export_clicked(self) -> None:
        suffix = FORMATS[self.chosen_format()].suffix
        suggested = str(Path.home() / f"{self.tr('export')}{suffix}")
        kinds = self.tr("%1 files (*%2)").replace("%1", self.format_combo.currentText())
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export to"), suggested, kinds.replace("%2", suffix)
        )
        if path:
            self.start(Path(path))

    def start(self, path: Path) -> ExportJob:
        """Write the export to `path` as a job; the status line says how it ended."""
        job = ExportJob(self.data_dir, self.request().write, path, self)
        job.written.connect(self._on_written)
        job.failed.connect(self._on_failed)
        job.cancelled.connect(self._on_cancelled)
        self.job = job
        self.export_button.setEnabled(False)
        label = self.tr("Exporting…")
        self.progress = PdfProgress(job, label, self, self.tr("Exporting"))
        job.progressed.connect(self._on_progressed)
        job.start(self.tasks, label.rstrip("…"))
        return job

    @Slot(int, int)
    def _on_progressed(self, done: int, total: int) -> None:
        if total:
            text = self.tr("%1 of %n report(s)", "", total).replace("%1", str(done))
            self.progress.setLabelText(text)

    @Slot(str, int)
    def _on_written(self, path: str, count: int) -> None:
        self._ended(self.tr("Written: %1 (%n item(s))", "", count).replace("%1", path))

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        self._ended(self.tr("Not written: %1").replace("%1", message))

    @Slot()
    def _on_cancelled(self) -> None:
        self._ended(self.tr("Cancelled: no file written."))

    def _ended(self, text: str) -> None:
        self.status.setText(text)
        self.export_button.setEnabled(True)
