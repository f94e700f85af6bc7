"""The conflict view: the open conflicts, and one conflict's versions side by side.

`ConflictModel` (a QAbstractTableModel) lists the unresolved conflicts read with
`conflicts(store.conn)`; for the selected one, `ConflictView` shows the version the
record kept and the other one next to each other (value, who, on which device, when).
The user keeps one or edits the value; "Resolve" calls `resolve_conflict`, an ordinary
edit that goes into the outbox and syncs like any other. A few rows of plain queries on
the GUI thread's Store. GUI thread only.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from fieldapp.domain import ValidationError
from fieldapp.store import NotFoundError, Store
from fieldapp.sync.local import conflicts
from fieldapp.sync.resolve import resolve_conflict
from fieldapp.ui.i18n import field_labels
from fieldapp.ui.status import ERROR_STYLE
from fieldapp.ui.sync_texts import time_text

COL_REPORT, COL_FIELD, COL_KEPT, COL_OTHER = range(4)
Index = QModelIndex | QPersistentModelIndex


def value_text(value: Any) -> str:
    return "" if value is None else str(value)


class ConflictModel(QAbstractTableModel):
    """Unresolved conflicts, oldest first."""

    def __init__(self, store: Store, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self._rows: list[dict] = []
        self._titles: dict[str, str] = {}

    def reload(self) -> None:
        self.beginResetModel()
        self._rows = conflicts(self.store.conn)
        ids = [c["row_id"] for c in self._rows if c["entity"] == "report"]
        marks = ", ".join("?" * len(ids))
        self._titles = dict(
            self.store.conn.execute(f"SELECT id, title FROM reports WHERE id IN ({marks})", ids)
        ) if ids else {}  # fmt: skip
        self.endResetModel()

    def conflict_at(self, row: int) -> dict | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 4

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        conflict = self._rows[index.row()]
        column = index.column()
        if column == COL_REPORT:
            return self._titles.get(conflict["row_id"], conflict["row_id"][:8])
        if column == COL_FIELD:
            return field_labels().get(conflict["field"], conflict["field"])
        write = conflict["newer" if column == COL_KEPT else "older"]
        return value_text(write.get("v"))

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (self.tr("Report"), self.tr("Field"), self.tr("Kept value"),
                self.tr("Other value"))[section]  # fmt: skip


class ConflictView(QDialog):
    """The list of open conflicts and the versions of the selected one."""

    conflict_resolved = Signal(str)  # conflict id

    def __init__(self, store: Store, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.setWindowTitle(self.tr("Conflicts"))
        self.model = ConflictModel(store, self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.empty_label = QLabel(self.tr("No conflict to settle."), self)
        self._conflict: dict | None = None
        self._build_detail()
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.detail)
        self.table.selectionModel().currentRowChanged.connect(self._on_table_current_changed)
        self.resize(760, 520)

    def _build_detail(self) -> None:
        self.detail = QWidget(self)
        grid = QGridLayout()
        self.field_label = QLabel(self.detail)
        self.kept_caption = QLabel(self.tr("Kept version"), self.detail)
        self.other_caption = QLabel(self.tr("Other version"), self.detail)
        self.kept_value, self.other_value = QLabel(self.detail), QLabel(self.detail)
        self.kept_who, self.other_who = QLabel(self.detail), QLabel(self.detail)
        for label in (self.kept_value, self.other_value):
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.keep_kept_button = QPushButton(self.tr("Keep this"), self.detail)
        self.keep_other_button = QPushButton(self.tr("Keep this one"), self.detail)
        grid.addWidget(self.field_label, 0, 0, 1, 2)
        for column, widgets in enumerate(
            [(self.kept_caption, self.kept_value, self.kept_who, self.keep_kept_button),
             (self.other_caption, self.other_value, self.other_who, self.keep_other_button)]
        ):  # fmt: skip
            for row, widget in enumerate(widgets, start=1):
                grid.addWidget(widget, row, column)
        self.result_edit = QLineEdit(self.detail)
        self.resolve_button = QPushButton(self.tr("&Resolve with this value"), self.detail)
        self.error_label = QLabel(self.detail)
        self.error_label.setStyleSheet(ERROR_STYLE)
        result_row = QHBoxLayout()
        result_row.addWidget(QLabel(self.tr("Result:"), self.detail))
        result_row.addWidget(self.result_edit, 1)
        result_row.addWidget(self.resolve_button)
        layout = QVBoxLayout(self.detail)
        layout.addLayout(grid)
        layout.addLayout(result_row)
        layout.addWidget(self.error_label)
        self.keep_kept_button.clicked.connect(lambda: self._pick("newer"))
        self.keep_other_button.clicked.connect(lambda: self._pick("older"))
        self.resolve_button.clicked.connect(self._on_resolve_button_clicked)

    def reload(self) -> None:
        current = self._conflict["id"] if self._conflict else None
        self.model.reload()
        rows = [self.model.conflict_at(r)["id"] for r in range(self.model.rowCount())]  # type: ignore[index]
        self.empty_label.setVisible(not rows)
        self.table.selectRow(rows.index(current) if current in rows else 0)
        if not rows:
            self._show(None)

    @Slot(QModelIndex, QModelIndex)
    def _on_table_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._show(self.model.conflict_at(current.row()) if current.isValid() else None)

    def _show(self, conflict: dict | None) -> None:
        self._conflict = conflict
        self.detail.setVisible(conflict is not None)
        self.error_label.setText("")
        if conflict is None:
            return
        name = field_labels().get(conflict["field"], conflict["field"])
        self.field_label.setText(self.tr("Field: %1").replace("%1", name))
        for key, value_label, who_label in (
            ("newer", self.kept_value, self.kept_who),
            ("older", self.other_value, self.other_who),
        ):
            write = conflict[key]
            value_label.setText(value_text(write.get("v")) or self.tr("(empty)"))
            who_label.setText(self._who(write))
        self.result_edit.setText(value_text(conflict["newer"].get("v")))

    def _who(self, write: dict) -> str:
        stamp = str(write.get("s") or "")
        when = time_text(int(stamp[:13])) if stamp[:13].isdigit() else ""
        text = self.tr("by %1 on %2, %3")
        return (
            text.replace("%1", str(write.get("user") or "?"))
            .replace("%2", str(write.get("device") or "?"))
            .replace("%3", when)
        )

    def _pick(self, key: str) -> None:
        if self._conflict is not None:
            self.result_edit.setText(value_text(self._conflict[key].get("v")))

    def _value(self) -> Any:
        """The result as stored: a version's own value, else the text as the field's type."""
        assert self._conflict is not None
        text = self.result_edit.text()
        for key in ("newer", "older"):
            if value_text(self._conflict[key].get("v")) == text:
                return self._conflict[key].get("v")
        kept = self._conflict["newer"].get("v")
        if isinstance(kept, bool | int) and not isinstance(kept, bool):
            return int(text)
        if isinstance(kept, float):
            return float(text)
        return text

    @Slot()
    def _on_resolve_button_clicked(self) -> None:
        if self._conflict is None:
            return
        conflict_id = self._conflict["id"]
        try:
            resolve_conflict(self.store, conflict_id, self._value())
        except (ValueError, ValidationError, NotFoundError) as exc:
            self.error_label.setText(self.tr("Not resolved: %1").replace("%1", str(exc)))
            return
        self._conflict = None
        self.conflict_resolved.emit(conflict_id)
        self.reload()
