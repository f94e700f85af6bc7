"""Observers' notes on the exercise desk: the note box (the text, the player it is about,
the inject it is linked to or none: "general") and the notes written so far (exercise
time, inject number, player, note, observer).

The pane only collects and shows: the desk writes a note (`note_asked` carries text,
player and inject id) with the exercise time of its clock. The player list is an
editable combo filled with the users seen in the exercise (jobs.DeskData.players); the
inject list follows the timeline's choice. On a player's laptop the scenario is not
there: every note is general. GUI thread only.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from fieldapp.exercises.clocktext import format_clock
from fieldapp.ui.kit.rows_model import RowsModel


class NotesModel(RowsModel):
    """Observers' notes, oldest first; the inject shown by its number."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.numbers: dict[str, str] = {}  # inject id -> number

    def headers(self) -> list[str]:
        return [
            self.tr("Time"),
            self.tr("Inject"),
            self.tr("Player"),
            self.tr("Note"),
            self.tr("Observer"),
        ]

    def cell(self, row: Any, column: int) -> str:
        if column == 0:
            return format_clock(row["exercise_s"] or 0)
        if column == 1:
            inject = row["inject_id"]
            return self.numbers.get(inject, "?") if inject else self.tr("general")
        if column == 2:
            return str(row["player"])
        if column == 3:
            return " ".join(str(row["text"]).split())
        return str(row["author"])

    def row_id(self, row: Any) -> str:
        return str(row["id"])


class NotesPane(QWidget):
    """The note box and the notes list."""

    note_asked = Signal(str, str, object)  # text, player, inject id (None: general)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.text_edit = QLineEdit(self)
        self.player_combo = QComboBox(self)
        self.player_combo.setEditable(True)
        self.player_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.about_combo = QComboBox(self)
        self.add_button = QPushButton(self)
        self.player_label, self.about_label = QLabel(self), QLabel(self)
        self.player_label.setBuddy(self.player_combo)
        self.about_label.setBuddy(self.about_combo)
        self.model = NotesModel(self)
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(22)
        self.view.setWordWrap(False)
        for column, width in enumerate((70, 60, 90)):
            self.view.setColumnWidth(column, width)
        self.view.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self._injects: list[tuple[str, str]] = []  # (id, number) of the scenario
        self._chosen: str | None = None
        box = QGridLayout()
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.player_label, 0, 0)
        box.addWidget(self.player_combo, 0, 1)
        box.addWidget(self.about_label, 0, 2)
        box.addWidget(self.about_combo, 0, 3)
        box.addWidget(self.text_edit, 1, 0, 1, 3)
        box.addWidget(self.add_button, 1, 3)
        box.setColumnStretch(1, 1)
        box.setColumnStretch(3, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(box)
        layout.addWidget(self.view, 1)
        self.add_button.clicked.connect(self._on_add_clicked)
        self.text_edit.returnPressed.connect(self._on_add_clicked)
        self.retranslate()

    # -- what the desk read ------------------------------------------------------------------

    def show_notes(self, notes: list[Any], injects: list[Any], players: list[str]) -> None:
        self.model.numbers = {i["id"]: str(i["number"]) for i in injects}
        self.model.set_rows(notes)
        self.view.scrollToBottom()
        self._set_players(players)
        self._injects = [(str(i["id"]), str(i["number"])) for i in injects]
        self._fill_about()

    def _set_players(self, players: list[str]) -> None:
        typed = self.player_combo.currentText()
        self.player_combo.blockSignals(True)
        self.player_combo.clear()
        self.player_combo.addItems(players)
        self.player_combo.setEditText(typed)
        self.player_combo.blockSignals(False)

    def choose_inject(self, inject_id: str | None) -> None:
        """The timeline's choice: new notes are linked to it (the user may pick another)."""
        if inject_id == self._chosen:
            return  # the same inject, read again: the user's pick stays
        self._chosen = inject_id
        self.about_combo.setCurrentIndex(max(0, self.about_combo.findData(inject_id or "")))

    def _fill_about(self) -> None:
        current = self.about_combo.currentData()
        self.about_combo.blockSignals(True)
        self.about_combo.clear()
        self.about_combo.addItem(self.tr("General (no inject)"), "")
        for inject_id, number in self._injects:
            self.about_combo.addItem(self.tr("Inject %1").replace("%1", number), inject_id)
        index = self.about_combo.findData(current if current is not None else self._chosen or "")
        self.about_combo.setCurrentIndex(max(0, index))
        self.about_combo.blockSignals(False)

    # -- the user's note ---------------------------------------------------------------------

    @Slot()
    def _on_add_clicked(self) -> None:
        text = self.text_edit.text().strip()
        if not text:
            return
        inject_id = self.about_combo.currentData() or None
        self.note_asked.emit(text, self.player_combo.currentText().strip(), inject_id)

    def written(self) -> None:
        """The desk stored the note: the box is ready for the next one."""
        self.text_edit.clear()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.player_label.setText(self.tr("Pla&yer:"))
        self.about_label.setText(self.tr("A&bout:"))
        self.add_button.setText(self.tr("Add &note"))
        self.text_edit.setPlaceholderText(self.tr("What you saw: an observer's note"))
        line = self.player_combo.lineEdit()
        if line is not None:
            line.setPlaceholderText(self.tr("(no player)"))
        self._fill_about()
        self.view.horizontalHeader().viewport().update()
        self.view.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignLeft)
