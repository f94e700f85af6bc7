"""File ▸ Import…: a GeoJSON, KML/KMZ, GPX, uMap or CSV file into the current operation.

The user chooses a file; its preview (fieldapp/exports/intake.py: what will be created,
what is already here, what was skipped, the first rows) is read as a job of the reads
lane, again whenever an option changes: "as reports / as map features", the CSV column
of each field (a combo per field), the CSV's encoding. A refused file shows its error,
naming the line or element, and Import stays disabled. Import runs `commit` as a named
job of the writes lane (listed in the Jobs panel) with a progress dialog and Cancel: it
is one transaction, so a Cancel or a failure stores nothing. GUI thread only; the job
functions below are Qt-free.
"""

from __future__ import annotations

import re
from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressDialog,
    QPushButton,
    QRadioButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from fieldapp.core.tasks import Job
from fieldapp.exports.intake import SHOWN as KEPT_EACH
from fieldapp.exports.intake import (
    ImportOptions,
    Outcome,
    Planned,
    Preview,
    commit,
    preview,
)
from fieldapp.ui.kit.file_jobs import job_progress, show_job_progress
from fieldapp.ui.kit.taskman import JobContext, Lane, TaskManager, error_words

SHOWN = 200  # first rows in the preview table
FILTER = "*.geojson *.json *.kml *.kmz *.gpx *.umap *.csv *.tsv *.txt"
ENCODINGS = ("UTF-8", "latin-1", "cp1252", "utf-16")
MAPPED = ("title", "description", "lat", "lon", "time", "kind", "severity", "place")


def preview_job(operation_id: str, path: Path, options: ImportOptions, ctx: JobContext) -> Preview:
    """What importing the file would do (reads lane)."""
    return preview(ctx.store, operation_id, path, options)


def commit_job(plan: Preview, ctx: JobContext) -> Outcome:
    """The import itself, one transaction (writes lane); ctx gives progress and Cancel."""
    return commit(ctx.store, plan, ctx)


class PreviewModel(QAbstractTableModel):
    """The first records the import will create: what, title, where."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._items: list[Planned] = []

    def set_items(self, items: list[Planned]) -> None:
        self.beginResetModel()
        self._items = items[:SHOWN]
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 3

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        return (self.tr("Becomes"), self.tr("Title"), self.tr("Where"))[section]

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        item = self._items[index.row()]
        values = item.values
        if index.column() == 0:
            return self.tr("Report") if item.entity == "report" else self.tr("Map feature")
        if index.column() == 1:
            return values.get("title") or values.get("name")
        if item.entity == "report" and values.get("lat") is not None:
            return f"{values['lat']:.5f}, {values['lon']:.5f}"
        return item.where


class ImportDialog(QDialog):
    """Choose a file, see what it will create, import it."""

    imported = Signal(object)  # Outcome

    def __init__(self, tasks: TaskManager, operation: Any, parent: QWidget | None = None):
        super().__init__(parent)
        self.tasks, self.operation = tasks, operation
        self.path: Path | None = None
        self.plan: Preview | None = None
        self.progress: QProgressDialog | None = None
        self.job: Job | None = None
        self._filling = False
        self._guessed: dict[str, str] = {}
        self._build()
        self.retranslate()
        self._refresh_buttons()

    # -- building ------------------------------------------------------------------------

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.addLayout(self._file_row())
        layout.addLayout(self._as_row())
        self.mapping_box = QGroupBox(self)
        self.mapping_box.setLayout(self._mapping_grid())
        self.mapping_box.hide()
        layout.addWidget(self.mapping_box)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.summary)
        self.model = PreviewModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.setMinimumHeight(90)
        layout.addWidget(self.table, 3)
        self.problems = QPlainTextEdit(self)
        self.problems.setReadOnly(True)
        self.problems.setMaximumHeight(80)
        layout.addWidget(self.problems, 1)
        self.buttons = QDialogButtonBox(self)
        self.import_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.import_button.clicked.connect(self._on_import_clicked)
        self.close_button.clicked.connect(self.reject)
        layout.addWidget(self.buttons)

    def _file_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.file_label = QLabel(self)
        self.file_edit = QLineEdit(self)
        self.file_edit.setReadOnly(True)
        self.file_label.setBuddy(self.file_edit)
        self.choose_button = QPushButton(self)
        self.choose_button.clicked.connect(self._on_choose_clicked)
        self.encoding_label = QLabel(self)
        self.encoding_combo = QComboBox(self)
        self.encoding_combo.setEditable(True)
        self.encoding_combo.addItems(ENCODINGS)
        self.encoding_label.setBuddy(self.encoding_combo)
        self.encoding_combo.currentTextChanged.connect(self._on_option_changed)
        for widget in (self.file_label, self.file_edit, self.choose_button):
            row.addWidget(widget, 1 if widget is self.file_edit else 0)
        row.addWidget(self.encoding_label)
        row.addWidget(self.encoding_combo)
        return row

    def _as_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.as_label = QLabel(self)
        self.by_shape = QRadioButton(self)
        self.as_reports = QRadioButton(self)
        self.as_features = QRadioButton(self)
        self.as_group = QButtonGroup(self)
        for button in (self.by_shape, self.as_reports, self.as_features):
            self.as_group.addButton(button)
            row.addWidget(button)
        row.insertWidget(0, self.as_label)
        row.addStretch(1)
        self.by_shape.setChecked(True)
        self.as_group.buttonClicked.connect(self._on_option_changed)
        return row

    def _mapping_grid(self) -> QGridLayout:
        grid = QGridLayout()
        self.field_labels: dict[str, QLabel] = {}
        self.field_combos: dict[str, QComboBox] = {}
        for n, name in enumerate(MAPPED):
            label, combo = QLabel(self), QComboBox(self)
            label.setBuddy(combo)
            combo.currentIndexChanged.connect(self._on_option_changed)
            self.field_labels[name], self.field_combos[name] = label, combo
            grid.addWidget(label, n // 4, (n % 4) * 2)
            grid.addWidget(combo, n // 4, (n % 4) * 2 + 1)
        return grid

    def retranslate(self) -> None:
        exercise = self.operation["exercise"]
        title = self.tr("Import into %1").replace("%1", self.operation["name"])
        self.setWindowTitle((self.tr("EXERCISE") + " — " if exercise else "") + title)
        self.file_label.setText(self.tr("&File:"))
        self.choose_button.setText(self.tr("&Choose…"))
        self.encoding_label.setText(self.tr("&Encoding:"))
        self.encoding_combo.setToolTip(self.tr("For a CSV file that is not UTF-8"))
        self.as_label.setText(self.tr("Create:"))
        self.by_shape.setText(
            self.tr("By &shape (points as reports, lines and areas as map features)")
        )
        self.as_reports.setText(self.tr("All as &reports"))
        self.as_features.setText(self.tr("All as &map features"))
        self.mapping_box.setTitle(self.tr("CSV columns"))
        names = {
            "title": self.tr("Title"),
            "description": self.tr("Description"),
            "lat": self.tr("Latitude"),
            "lon": self.tr("Longitude"),
            "time": self.tr("Time"),
            "kind": self.tr("Kind"),
            "severity": self.tr("Severity"),
            "place": self.tr("Place"),
        }
        for name, label in self.field_labels.items():
            label.setText(names[name] + ":")
        self.import_button.setText(self.tr("&Import"))
        if self.path is None:
            self.summary.setText(self.tr("Choose a GeoJSON, KML, KMZ, GPX, uMap or CSV file."))

    # -- choosing and previewing ---------------------------------------------------------

    def _on_choose_clicked(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Import a file"),
            "",
            self.tr("Map and table files (%1)").replace("%1", FILTER),
        )
        if chosen:
            self.set_path(Path(chosen))

    def set_path(self, path: Path) -> None:
        """Preview `path` with the guessed column mapping."""
        self.path = path
        self.file_edit.setText(str(path))
        self._fill_mapping([], {})
        self.mapping_box.hide()
        self._start_preview(reset_mapping=True)

    def _on_option_changed(self, *_args: object) -> None:
        if self.path is not None and not self._filling:
            self._start_preview(reset_mapping=False)

    def options(self, reset_mapping: bool = False) -> ImportOptions:
        as_ = None
        if self.as_reports.isChecked():
            as_ = "reports"
        elif self.as_features.isChecked():
            as_ = "features"
        encoding = self.encoding_combo.currentText().strip()
        return ImportOptions(
            as_=as_,
            overrides={} if reset_mapping else self._overrides(),
            encoding=None if encoding.lower() in ("", "utf-8", "utf8") else encoding,
        )

    def _overrides(self) -> dict[str, str]:
        """The combos as COLUMN=FIELD choices; a field left empty frees its guessed column."""
        chosen = {name: combo.currentData() for name, combo in self.field_combos.items()}
        overrides = {column: name for name, column in chosen.items() if column}
        for name, column in self._guessed.items():
            if name in chosen and not chosen[name] and column not in overrides:
                overrides[column] = "-"
        return overrides

    def _start_preview(self, reset_mapping: bool) -> None:
        assert self.path is not None
        self.plan = None
        self.summary.setText(self.tr("Reading %1…").replace("%1", self.path.name))
        self._refresh_buttons()
        self.tasks.submit(
            partial(preview_job, self.operation["id"], self.path, self.options(reset_mapping)),
            key=f"import-preview-{id(self)}",
            on_done=self._on_preview_done,
            on_failed=self._on_preview_failed,
            owner=self,
        )

    def _on_preview_done(self, plan: Preview) -> None:
        self.plan = plan
        if plan.columns:
            self._fill_mapping(plan.columns, plan.mapping)
        self.mapping_box.setVisible(bool(plan.columns))
        self.model.set_items(plan.new)
        self.summary.setText(self._summary_text(plan))
        self.problems.setPlainText("\n".join(plan.notes))
        self._refresh_buttons()

    def _summary_text(self, plan: Preview) -> str:
        text = _filled(
            self.tr("%1 (%2): %3, %4; %5."),
            plan.name,
            plan.format,
            self.tr("%n new report(s)", "", plan.report_count),
            self.tr("%n new map feature(s)", "", plan.feature_count),
            self.tr("%n already imported", "", plan.known),
        )
        if plan.total > len(plan.new):  # a preview keeps the first records of each kind
            text += " " + self.tr("The list shows the first %1 of each kind.").replace(
                "%1", str(KEPT_EACH)
            )
        return (self.tr("EXERCISE") + " — " if plan.exercise else "") + text

    def _on_preview_failed(self, error: Exception) -> None:
        self.plan = None
        columns = getattr(error, "columns", [])
        if columns:  # a CSV with a field no column was found for: let the user choose
            self._fill_mapping(columns, getattr(error, "mapping", {}))
            self.mapping_box.show()
        self.model.set_items([])
        self.summary.setText(self.tr("This file cannot be imported; nothing will be stored."))
        self.problems.setPlainText(error_words(error))
        self._refresh_buttons()

    def _fill_mapping(self, columns: list[str], mapping: dict[str, str]) -> None:
        self._guessed = dict(mapping)
        self._filling = True
        try:
            for name, combo in self.field_combos.items():
                combo.clear()
                combo.addItem(self.tr("(none)"), "")
                for column in columns:
                    combo.addItem(column, column)
                combo.setCurrentIndex(max(0, combo.findData(mapping.get(name, ""))))
        finally:
            self._filling = False

    def _refresh_buttons(self) -> None:
        ready = self.plan is not None and bool(self.plan.new) and self.job is None
        self.import_button.setEnabled(ready)
        self.choose_button.setEnabled(self.job is None)

    # -- importing -----------------------------------------------------------------------

    def _on_import_clicked(self) -> None:
        if self.plan is None or not self.plan.new:
            return
        self.progress = job_progress(
            self,
            self.tr("Importing %1…").replace("%1", self.plan.file),
            self.plan.total + self.plan.known,
        )
        self.job = self.tasks.submit(
            partial(commit_job, self.plan),
            lane=Lane.WRITES,
            name=self.tr("Import of %1").replace("%1", self.plan.file),
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

    def _on_import_done(self, outcome: Outcome) -> None:
        self._end_job()
        text = _filled(
            self.tr("Imported: %1 and %2 (%3)."),
            self.tr("%n report(s)", "", outcome.reports),
            self.tr("%n map feature(s)", "", outcome.features),
            self.tr("%n already here", "", outcome.known),
        )
        self.imported.emit(outcome)
        self._start_preview(reset_mapping=False)
        self.summary.setText(text)

    def _on_import_failed(self, error: Exception) -> None:
        self._end_job()
        self.problems.setPlainText(
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


def _filled(text: str, *values: object) -> str:
    """`text` with %1, %2... replaced at once (a value holding "%2" stays as it is)."""
    return re.sub(r"%(\d)", lambda m: str(values[int(m.group(1)) - 1]), text)
