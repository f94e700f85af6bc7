"""The conflict view: the records in conflict, and one record's versions side by side.

On top, one row per record with open conflicts (`ConflictListModel`). Selecting one shows
it field by field (`ConflictRecordModel`): a column per competing version, the result on
the right, the fields in conflict highlighted, the others for context. For each field in
conflict the user checks the version to keep (a click, Space on the cell, Enter, or
Ctrl+1…9 for version 1…9) or edits the result below the table, where the current field's
versions are shown whole with their differences marked (`FieldCompare`). "Resolve"
settles the whole record with one edit through `resolve_record`: it goes into the outbox
and syncs like any other. A few rows of plain reads on the GUI thread's Store. GUI
thread only.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from fieldapp.core.errors import NotFoundError, ValidationError
from fieldapp.store import Store
from fieldapp.sync.client.config import load_config
from fieldapp.sync.client.conflict_records import ConflictRecord
from fieldapp.sync.client.resolve import resolve_record
from fieldapp.ui.kit import i18n
from fieldapp.ui.kit.forms import STATUS_ERROR_STYLE as ERROR_STYLE
from fieldapp.ui.kit.screen import fit_to_screen
from fieldapp.ui.sync.conflict_compare import FieldCompare
from fieldapp.ui.sync.conflict_models import ConflictListModel, ConflictRecordModel
from fieldapp.ui.sync.record_display import record_title


class ConflictView(QDialog):
    """The records in conflict; the selected one side by side, settled as a whole."""

    record_resolved = Signal(str, str)  # entity, record id

    def __init__(self, store: Store, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.setWindowTitle(self.tr("Conflicts"))
        self.model = ConflictListModel(store, self)
        self.record_model = ConflictRecordModel(self)
        self._build()
        self._connect()
        fit_to_screen(self, 1100, 760)

    def _build(self) -> None:
        self.list_label = QLabel(self.tr("Records changed on two devices at once:"), self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.empty_label = QLabel(self.tr("No conflict to settle."), self)
        self.record_label = QLabel(self)
        self.record_label.setWordWrap(True)
        self.fields_view = QTableView(self)
        self.fields_view.setModel(self.record_model)
        self.fields_view.setWordWrap(False)  # one line a field; the whole text is below
        self.fields_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.fields_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.fields_view.verticalHeader().hide()
        self.compare = FieldCompare(self)
        self.detail = _splitter(_column(self.record_label, self.fields_view), self.compare)
        self.detail.setSizes([330, 270])
        self.splitter = _splitter(_column(self.list_label, self.table, self.empty_label),
                                  self.detail)  # fmt: skip
        self.splitter.setSizes([150, 600])
        self.error_label = QLabel(self)
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.resolve_button = QPushButton(self.tr("Re&solve this record"), self)
        self.buttons.addButton(self.resolve_button, QDialogButtonBox.ButtonRole.ApplyRole)
        for button in self.buttons.buttons():  # Enter in the table picks; it closes nothing
            assert isinstance(button, QPushButton)  # a QDialogButtonBox makes push buttons
            button.setAutoDefault(False)
            button.setDefault(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)

    def _connect(self) -> None:
        self.table.selectionModel().currentRowChanged.connect(self._on_table_current_changed)
        selection = self.fields_view.selectionModel()
        selection.currentChanged.connect(self._on_fields_view_current_changed)
        self.fields_view.activated.connect(self._on_fields_view_activated)
        self.record_model.result_changed.connect(self._on_record_model_result_changed)
        self.compare.version_picked.connect(self._on_compare_version_picked)
        self.compare.result_edited.connect(self._on_compare_result_edited)
        self.resolve_button.clicked.connect(self._on_resolve_button_clicked)
        self.buttons.rejected.connect(self.reject)
        for n in range(1, 10):
            shortcut = QShortcut(QKeySequence(f"Ctrl+{n}"), self)
            shortcut.activated.connect(lambda n=n: self._pick(self._current_row(), n - 1))

    # -- showing -------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the open conflicts again; the record shown stays, with the user's choices,
        if it is still in conflict (a sync round ended, say)."""
        shown = self.record_model.record
        own = load_config(self.store.conn).device_id
        self.model.own_device = self.record_model.own_device = own
        self.model.reload()
        self.table.resizeColumnsToContents()
        count = self.model.rowCount()
        self.empty_label.setVisible(count == 0)
        row = self.model.row_of(shown.entity, shown.row_id) if shown else -1
        if count:
            self.table.selectRow(max(row, 0))
        else:
            self._show(None)

    @Slot(QModelIndex, QModelIndex)
    def _on_table_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._show(self.model.record_at(current.row()) if current.isValid() else None)

    def _show(self, record: ConflictRecord | None) -> None:
        cell = self.fields_view.currentIndex()
        cell_at = (cell.row(), cell.column())
        kept = self.record_model.set_record(record)
        for widget in (self.record_label, self.detail, self.resolve_button):
            widget.setVisible(record is not None)
        if record is None:
            return
        self._size_fields_view()
        names = ", ".join(self.record_model.label(n) for n in record.fields)
        text = self.tr("“%1”: %2 in conflict. Check the version to keep for each, or edit the"
                       " result, then resolve.")  # fmt: skip
        self.record_label.setText(text.replace("%1", record_title(record)).replace("%2", names))
        if not kept:
            self.error_label.setText("")
            rows = self.record_model.clashing_rows()
            cell_at = (rows[0] if rows else 0, 1)
        self.fields_view.setCurrentIndex(self.record_model.index(*cell_at))

    def _size_fields_view(self) -> None:
        header = self.fields_view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        for column in range(1, self.record_model.columnCount()):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)

    def _current_row(self) -> int:
        return self.fields_view.currentIndex().row()

    @Slot(QModelIndex, QModelIndex)
    def _on_fields_view_current_changed(self, current: QModelIndex, _prev: QModelIndex) -> None:
        if current.isValid():
            self.compare.show_field(self.record_model, current.row())

    # -- the user's choices ----------------------------------------------------------------

    @Slot(QModelIndex)
    def _on_fields_view_activated(self, index: QModelIndex) -> None:
        self._pick(index.row(), index.column() - 1)

    @Slot(int)
    def _on_compare_version_picked(self, version: int) -> None:
        self._pick(self._current_row(), version)

    def _pick(self, row: int, version: int) -> None:
        if row >= 0 and 0 <= version < len(self.record_model.versions):
            self.record_model.pick(row, version)

    @Slot(str)
    def _on_compare_result_edited(self, text: str) -> None:
        self.record_model.set_result_text(self._current_row(), text)

    @Slot(int)
    def _on_record_model_result_changed(self, row: int) -> None:
        self.compare.show_result(self.record_model, row)

    @Slot()
    def _on_resolve_button_clicked(self) -> None:
        record = self.record_model.record
        if record is None:
            return
        try:
            values = self.record_model.result_values()
            resolve_record(self.store, record.entity, record.row_id, values)
        except ValidationError as exc:
            self.error_label.setText(self._errors_text(exc))
            return
        except NotFoundError as exc:
            self.error_label.setText(self.tr("Not resolved: %1").replace("%1", str(exc)))
            return
        self.record_model.set_record(None)
        self.record_resolved.emit(record.entity, record.row_id)
        self.reload()

    def _errors_text(self, exc: ValidationError) -> str:
        lines = [
            f"{self.record_model.label(name)}: {i18n.error_message(name, code, english)}"
            for name, (code, english) in exc.errors.items()
        ]
        return self.tr("Not resolved:") + " " + " ".join(lines)


def _column(*widgets: QWidget) -> QWidget:
    """Widgets one under the other, as one pane of a splitter."""
    pane = QWidget()
    layout = QVBoxLayout(pane)
    layout.setContentsMargins(0, 0, 0, 0)
    for widget in widgets:
        layout.addWidget(widget)
    return pane


def _splitter(*panes: QWidget) -> QSplitter:
    splitter = QSplitter(Qt.Orientation.Vertical)
    for pane in panes:
        splitter.addWidget(pane)
    splitter.setChildrenCollapsible(False)
    return splitter
