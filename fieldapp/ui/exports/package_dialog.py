"""File ▸ Export operation package… and File ▸ Import operation package…: a whole
operation in one file, carried to another team's FieldApp (fieldapp/sync/client/package_*).

Two menu items rather than a choice inside File ▸ Export…/Import…: those dialogs pick a
format and a scope (the list's filters) for reports and map features; a package has
neither — it is always the whole operation with every record type, its files and its
sync stamps — and its import previews something else (records created, updated or
already here, per type), into whichever operation the package holds, even when this
device has none yet.

Export: the file chooser, then the package written as a job of the files lane (listed in
the Jobs panel) with a progress dialog and Cancel; a Cancel or a failure leaves no file.
Import: the chosen package is checked whole and previewed as a job of the reads lane
(per type: to create, to update, already here; the files; the EXERCISE banner for an
exercise's package), then imported as a job of the writes lane, one transaction, with
progress and Cancel: a Cancel or a failure stores nothing. GUI thread only; the job
functions are Qt-free.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressDialog,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fieldapp.core.livefiles import refuse_live_file
from fieldapp.core.record_types import Operation
from fieldapp.core.tasks import Job
from fieldapp.store import Store
from fieldapp.sync.client.package_export import export_operation
from fieldapp.sync.client.package_format import SUFFIX
from fieldapp.sync.client.package_import import (
    PackagePreview,
    entity_counts,
    import_package,
    preview_package,
)
from fieldapp.ui.kit.banner import ExerciseBanner
from fieldapp.ui.kit.file_jobs import FileJob, PdfProgress, job_progress, show_job_progress
from fieldapp.ui.kit.screen import fit_to_screen
from fieldapp.ui.kit.taskman import JobContext, Lane, TaskManager, error_words


def package_records(operation_id: str, store: Store, path: Path, ctx: JobContext) -> int:
    """The package of one operation written to `path`; the records it holds."""
    return export_operation(store, operation_id, path, ctx).records


def write_package_job(
    build: Callable[[Store, Path, JobContext], int], path: Path, data_dir: Path, ctx: JobContext
) -> int:
    """The export (files lane): the records written; Cancel stops it between pages."""
    refuse_live_file(path, data_dir, writing=True)
    return build(ctx.store, path, ctx)


def preview_package_job(path: Path, ctx: JobContext) -> PackagePreview:
    """The whole package checked, and what importing it would do (reads lane)."""
    return preview_package(ctx.store, path, ctx)


def import_package_job(path: Path, ctx: JobContext) -> PackagePreview:
    """The import itself, one transaction (writes lane)."""
    return import_package(ctx.store, path, ctx)


class PackageJob(FileJob):
    """A package file, written as a job with progress."""

    write = staticmethod(write_package_job)


class ExportPackageDialog(QDialog):
    """What the package of the operation carries, then the file chooser and the job."""

    def __init__(
        self, tasks: TaskManager, data_dir: Path, operation: Operation, parent: QWidget | None
    ):
        super().__init__(parent)
        self.tasks, self.data_dir, self.operation = tasks, Path(data_dir), operation
        self.job: PackageJob | None = None
        self.progress: PdfProgress | None = None
        self.banner = ExerciseBanner(self)
        self.banner.setVisible(bool(operation["exercise"]))
        self.about = QLabel(self)
        self.about.setWordWrap(True)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.export_button = buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.export_button.clicked.connect(self._on_export_clicked)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self.about)
        layout.addWidget(self.status, 1)
        layout.addWidget(buttons)
        self.retranslate()

    def retranslate(self) -> None:
        exercise = self.tr("EXERCISE") + " — " if self.operation["exercise"] else ""
        self.setWindowTitle(exercise + self.tr("Export operation package"))
        self.about.setText(
            self.tr(
                "One file with everything of %1: reports, map features, attachments and "
                "their files, the radio log, posts, alerts and the exercise's records, with "
                "their ids. Another team's FieldApp imports it (File ▸ Import operation "
                "package…); a later sync or a second import never makes duplicates."
            ).replace("%1", self.operation["name"])
        )
        self.export_button.setText(self.tr("&Export…"))

    @Slot()
    def _on_export_clicked(self) -> None:
        suggested = str(Path.home() / f"{self.operation['name']}{SUFFIX}")
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Export operation package"),
            suggested,
            self.tr("Operation packages (*%1)").replace("%1", SUFFIX),
        )
        if path:
            self.start(Path(path if path.endswith(SUFFIX) else path + SUFFIX))

    def start(self, path: Path) -> PackageJob:
        """Write the package to `path` as a job; the status line says how it ended."""
        build = partial(package_records, self.operation["id"])
        job = PackageJob(self.data_dir, build, path, self)
        job.written.connect(self._on_written)
        job.failed.connect(self._on_failed)
        job.cancelled.connect(self._on_cancelled)
        self.job = job
        self.export_button.setEnabled(False)
        label = self.tr("Writing the operation package…")
        self.progress = PdfProgress(job, label, self, self.windowTitle())
        job.start(self.tasks, self.tr("Package of %1").replace("%1", self.operation["name"]))
        return job

    @Slot(str, int)
    def _on_written(self, path: str, count: int) -> None:
        self._ended(self.tr("Written: %1 (%n record(s)).", "", count).replace("%1", path))

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        self._ended(self.tr("Not written: %1").replace("%1", message))

    @Slot()
    def _on_cancelled(self) -> None:
        self._ended(self.tr("Cancelled: no file written."))

    def _ended(self, text: str) -> None:
        self.status.setText(text)
        self.export_button.setEnabled(True)


class ImportPackageDialog(QDialog):
    """Choose a package, see what it would do here, import it."""

    imported = Signal(object)  # PackagePreview: what the import did

    def __init__(
        self,
        tasks: TaskManager,
        parent: QWidget | None = None,
        labels: Callable[[], dict[str, str]] | None = None,
    ):
        super().__init__(parent)
        self.tasks = tasks
        self.labels = labels or dict  # record types in words, by entity (the shell's)
        self.path: Path | None = None
        self.plan: PackagePreview | None = None
        self.job: Job | None = None
        self.progress: QProgressDialog | None = None
        self._build()
        self.retranslate()
        self._refresh_buttons()

    def _build(self) -> None:
        self.banner = ExerciseBanner(self)
        self.banner.hide()
        row = QHBoxLayout()
        self.file_label = QLabel(self)
        self.file_edit = QLineEdit(self)
        self.file_edit.setReadOnly(True)
        self.file_label.setBuddy(self.file_edit)
        self.choose_button = QPushButton(self)
        self.choose_button.clicked.connect(self._on_choose_clicked)
        row.addWidget(self.file_label)
        row.addWidget(self.file_edit, 1)
        row.addWidget(self.choose_button)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.table = QTableWidget(0, 4, self)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.setMinimumHeight(90)
        self.buttons = QDialogButtonBox(self)
        self.import_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.import_button.clicked.connect(self._on_import_clicked)
        self.close_button.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addLayout(row)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.buttons)
        fit_to_screen(self, 640, 440)  # room for every column's heading

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Import operation package"))
        self.file_label.setText(self.tr("&File:"))
        self.choose_button.setText(self.tr("&Choose…"))
        self.import_button.setText(self.tr("&Import"))
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Records"),
                self.tr("To create"),
                self.tr("To update"),
                self.tr("Already here"),
            ]
        )
        if self.path is None:
            self.summary.setText(
                self.tr("Choose an operation package (*%1).").replace("%1", SUFFIX)
            )

    # -- choosing and previewing ---------------------------------------------------------

    @Slot()
    def _on_choose_clicked(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Import operation package"),
            "",
            self.tr("Operation packages (*%1)").replace("%1", SUFFIX),
        )
        if chosen:
            self.set_path(Path(chosen))

    def set_path(self, path: Path) -> None:
        """Check and preview `path` (a job); the summary says what it would do."""
        self.path, self.plan = path, None
        self.file_edit.setText(str(path))
        self.banner.hide()
        self.table.setRowCount(0)
        self.summary.setText(self.tr("Checking %1…").replace("%1", path.name))
        self._refresh_buttons()
        self.tasks.submit(
            partial(preview_package_job, path),
            key=f"package-preview-{id(self)}",
            on_done=self._on_preview_done,
            on_failed=self._on_preview_failed,
            owner=self,
        )

    def _on_preview_done(self, plan: PackagePreview) -> None:
        self.plan = plan
        self._show_plan(plan, imported=False)
        self._refresh_buttons()

    def _show_plan(self, plan: PackagePreview, imported: bool) -> None:
        self.banner.setVisible(plan.exercise)
        self.setWindowTitle(
            (self.tr("EXERCISE") + " — " if plan.exercise else "")
            + self.tr("Import operation package")
        )
        labels = self.labels()
        rows = list(entity_counts(plan))
        self.table.setRowCount(len(rows))
        for n, (entity, counts) in enumerate(rows):
            values = (labels.get(entity, entity), counts["new"], counts["updated"],
                      counts["present"])  # fmt: skip
            for column, value in enumerate(values):
                item = QTableWidgetItem(str(value))
                if column:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.table.setItem(n, column, item)
        self.summary.setText(self._summary_text(plan, imported))

    def _summary_text(self, plan: PackagePreview, imported: bool) -> str:
        new = plan.total("new")
        if imported:
            text = self.tr(
                "Imported %1: %n record(s) created, %2 updated, %3 already here.", "", new
            )
        else:
            text = self.tr(
                "%1 (made by %4): %n record(s) to create, %2 to update, %3 already here.", "", new
            )
        where = (self.tr("Its operation is already here") if plan.operation_here
                 else self.tr("Its operation is new here"))  # fmt: skip
        values = (plan.operation["name"], plan.total("updated"), plan.total("present"),
                  plan.made_by or "?")  # fmt: skip
        for n, value in enumerate(values, start=1):
            text = text.replace(f"%{n}", str(value))
        files = self.tr("Attachment files: %1 new, %2 already here.")
        files = files.replace("%1", str(plan.blobs_new)).replace("%2", str(plan.blobs_present))
        lines = [text, f"{where}. {files}"]
        if plan.blobs_missing:
            lines.append(
                self.tr(
                    "%n file(s) not in the package: a later sync fetches them.",
                    "",
                    plan.blobs_missing,
                )
            )
        left = sum(plan.left_out.values())
        if left:
            lines.append(
                self.tr(
                    "%1 controllers' records left out: this device plays the exercise."
                ).replace("%1", str(left))
            )
        lines.extend(plan.warnings)
        return "\n".join(lines)

    def _on_preview_failed(self, error: Exception) -> None:
        self.plan = None
        self.summary.setText(
            self.tr("This package cannot be imported; nothing will be stored: %1").replace(
                "%1", error_words(error)
            )
        )
        self._refresh_buttons()

    def _refresh_buttons(self) -> None:
        ready = self.plan is not None and self.job is None
        self.import_button.setEnabled(
            ready
            and self.plan is not None
            and (self.plan.total("new") + self.plan.total("updated")) > 0
        )
        self.choose_button.setEnabled(self.job is None)

    # -- importing -----------------------------------------------------------------------

    @Slot()
    def _on_import_clicked(self) -> None:
        if self.plan is None or self.path is None:
            return
        self.progress = job_progress(
            self, self.tr("Importing %1…").replace("%1", self.path.name), self.plan.records
        )
        self.job = self.tasks.submit(
            partial(import_package_job, self.path),
            lane=Lane.WRITES,
            name=self.tr("Import of %1").replace("%1", self.path.name),
            on_done=self._on_import_done,
            on_failed=self._on_import_failed,
            on_cancelled=self._on_import_cancelled,
            on_progress=self._on_import_progressed,
            owner=self,
        )
        if self.job is not None and not self.job.ended:
            self.progress.canceled.connect(self.job.cancel)
            self.progress.show()
        self._refresh_buttons()

    def _on_import_progressed(self, job: Job, _data: object) -> None:
        show_job_progress(self.progress, job)

    def _on_import_done(self, done: PackagePreview) -> None:
        self._end_job()
        self.plan = None
        self._show_plan(done, imported=True)
        self._refresh_buttons()
        self.imported.emit(done)

    def _on_import_failed(self, error: Exception) -> None:
        self._end_job()
        self.summary.setText(
            self.tr("The import failed; nothing was stored: %1").replace("%1", error_words(error))
        )

    def _on_import_cancelled(self) -> None:
        self._end_job()
        self.summary.setText(self.tr("Import cancelled: nothing was stored."))

    def _end_job(self) -> None:
        if self.progress is not None:
            self.progress.close()
            self.progress.deleteLater()
            self.progress = None
        self.job = None
        self._refresh_buttons()
