"""The trainer's lines of the after-action report, in the after-action dialog: one table
per section (strengths, areas for improvement, the improvement plan's actions), and the
small form that writes one line (text, capability; owner and due date for an action).

The form checks what it can (a text, a due date written 2027-01-31) and hands the values
to a save function; a refusal (the store's ValidationError) is shown in the form, which
stays open: nothing is saved. GUI thread only.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from fieldapp.core.errors import NotFoundError, ValidationError
from fieldapp.ui.exercises import words
from fieldapp.ui.kit.rows_model import IdRole, RowsModel

Save = Callable[[dict[str, str]], Any]  # raises ValidationError when the store refuses


class EntriesModel(RowsModel):
    """The trainer's lines of one section."""

    def __init__(self, section: str, parent: Any = None) -> None:
        super().__init__(parent)
        self.section = section

    def headers(self) -> list[str]:
        labels = words.entry_field_labels()
        if self.section == "action":
            return [self.tr("Action"), labels["capability"], labels["owner"], labels["due"]]
        return [labels["text"], labels["capability"]]

    def cell(self, row: Any, column: int) -> str:
        names = ("text", "capability", "owner", "due")
        return " ".join(str(row[names[column]] or "").split())

    def row_id(self, row: Any) -> str:
        return str(row["id"])


class EntryEditor(QDialog):
    """One line of a section: written, checked, then given to `save`."""

    saved = Signal()

    def __init__(self, section: str, save: Save, parent: QWidget, values: dict | None = None):
        super().__init__(parent)
        self.section, self.save = section, save
        self.text_edit = QPlainTextEdit(self)
        self.text_edit.setTabChangesFocus(True)
        self.capability_edit = QLineEdit(self)
        self.owner_edit = QLineEdit(self)
        self.due_edit = QLineEdit(self)
        self.due_edit.setPlaceholderText("2027-01-31")
        self.problem = QLabel(self)
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #5f2120")
        self.problem.hide()
        self._build()
        for name, value in (values or {}).items():
            self._set(name, str(value or ""))

    def _build(self) -> None:
        form = QFormLayout()
        action = self.section == "action"
        form.addRow(self.tr("&Action:") if action else self.tr("&Text:"), self.text_edit)
        form.addRow(self.tr("&Capability:"), self.capability_edit)
        if action:
            form.addRow(self.tr("&Owner:"), self.owner_edit)
            form.addRow(self.tr("&Due date:"), self.due_edit)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.setWindowTitle(words.section_labels().get(self.section, ""))
        self.resize(520, 300)

    def _set(self, name: str, value: str) -> None:
        if name == "text":
            self.text_edit.setPlainText(value)
        elif name in ("capability", "owner", "due"):
            getattr(self, f"{name}_edit").setText(value)

    def values(self) -> dict[str, str]:
        values = {
            "text": self.text_edit.toPlainText().strip(),
            "capability": self.capability_edit.text().strip(),
        }
        if self.section == "action":
            values["owner"] = self.owner_edit.text().strip()
            values["due"] = self.due_edit.text().strip()
        return values

    def problem_with(self, values: dict[str, str]) -> str:
        """What is wrong with the values, in words; "" when nothing is."""
        if not values["text"]:
            if self.section == "action":
                return self.tr("Write the action.")
            return self.tr("Write the text.")
        due = values.get("due", "")
        if due and not _is_date(due):
            return self.tr("Due date: write it as 2027-01-31 (year, month, day), or leave it out.")
        return ""

    def accept(self) -> None:
        values = self.values()
        problem = self.problem_with(values)
        if not problem:
            try:
                self.save(values)
            except (ValidationError, NotFoundError) as error:
                problem = str(error)
        if problem:
            self.problem.setText(problem)
            self.problem.show()
            return
        self.saved.emit()
        super().accept()


def _is_date(text: str) -> bool:
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return len(text) == 10


class SectionTable(QTableView):
    """One section's lines; a double click asks to edit the line."""

    edit_asked = Signal()

    def __init__(self, section: str, parent: QWidget):
        super().__init__(parent)
        self.section = section
        self.rows_model = EntriesModel(section, self)
        self.setModel(self.rows_model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setWordWrap(False)
        self.verticalHeader().hide()
        for column in range(1, self.rows_model.columnCount()):
            self.setColumnWidth(column, 170 if column == 1 else 130)
        self.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.doubleClicked.connect(self.edit_asked)

    def set_rows(self, rows: list[dict]) -> None:
        """This section's lines of `rows`, the chosen one kept chosen."""
        chosen = self.chosen()
        self.rows_model.set_rows([r for r in rows if r["section"] == self.section])
        if chosen and (row := self.rows_model.row_of(chosen["id"])) >= 0:
            self.selectRow(row)

    def chosen(self) -> dict | None:
        current = self.currentIndex()
        if not current.isValid():
            return None
        chosen_id = current.data(IdRole)
        return next((r for r in self.rows_model.rows if r["id"] == chosen_id), None)
