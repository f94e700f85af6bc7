"""The exercise desk: the controllers' timeline of injects on the exercise clock, the
clock's controls, and the observers' notes.

A window of its own beside the main window (Ctrl+6 there), made to fit a 1024x600
screen. The timeline lists every inject (number, time, channel, status, content; its
controller's note and expected action beside the chosen one). While the clock runs, a
timer asks the writes lane every few seconds to release what it has reached; Release,
Skip and Delay act on the chosen inject at once. Observers write timestamped notes on
the chosen inject. "After-action report…" opens the trainer's report (aar_dialog.py).
Only controllers see the scenario (the server never sends it to a player): on a
player's laptop the timeline is empty and says why.

GUI thread only; reads and releases run on the task manager.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from fieldapp.core.errors import NotFoundError, ValidationError
from fieldapp.exercises.clock import SPEEDS
from fieldapp.exercises.clocktext import format_clock, parse_clock
from fieldapp.ui.exercises import jobs, words
from fieldapp.ui.exercises.aar_dialog import AfterActionDialog, AfterActionHolder
from fieldapp.ui.kit.banner import ExerciseBanner
from fieldapp.ui.kit.rows_model import IdRole, RowsModel
from fieldapp.ui.kit.taskman import Lane, TaskManager

if TYPE_CHECKING:
    from fieldapp.core.changes import Changes
    from fieldapp.core.record_types import ObserverNote, Operation
    from fieldapp.store import Store

WATCHED = ("inject", "exercise_clock", "observer_note")
TICK_MS = 2000


class InjectsModel(RowsModel):
    """The scenario on the exercise clock."""

    def headers(self) -> list[str]:
        return [
            self.tr("#"),
            self.tr("Time"),
            self.tr("Channel"),
            self.tr("Status"),
            self.tr("Content"),
        ]

    def cell(self, row: Any, column: int) -> str:
        if column == 0:
            return str(row["number"])
        if column == 1:
            return format_clock(int(row["at_s"]))
        if column == 2:
            return str(words.channel_labels().get(row["channel"], row["channel"]))
        if column == 3:
            return str(words.status_labels().get(row["status"], row["status"]))
        return " ".join(str(row["content"]).split())

    def row_id(self, row: Any) -> str:
        return str(row["id"])

    def greyed(self, row: Any) -> bool:
        return row["status"] != "pending"


class ExerciseDesk(QMainWindow):
    """One exercise's controllers' desk; `set_operation` follows the main window."""

    rows_loaded = Signal()
    problem_shown = Signal(str)

    def __init__(self, store: Store, tasks: TaskManager, parent: QWidget | None = None):
        super().__init__(parent, Qt.WindowType.Window)
        self.store, self.tasks = store, tasks
        self.operation: Operation | None = None
        self.data = jobs.DeskData()
        self._key = f"exercise-desk-{id(self)}"
        self.model = InjectsModel(self)
        self.view = QTableView(self)
        self.banner = ExerciseBanner(self)
        self.clock_label = QLabel(self)
        self.start_button, self.pause_button = QPushButton(self), QPushButton(self)
        self.speed_combo = QComboBox(self)
        self.jump_button = QPushButton(self)
        self.release_button, self.skip_button = QPushButton(self), QPushButton(self)
        self.delay_button = QPushButton(self)
        self.aar_action = QAction(self)
        self.aar_button = QPushButton(self)
        self.after_action = AfterActionHolder(self)
        self.detail = QPlainTextEdit(self)
        self.detail.setReadOnly(True)
        self.note_edit = QLineEdit(self)
        self.note_button = QPushButton(self)
        self.notes = QPlainTextEdit(self)
        self.notes.setReadOnly(True)
        self.problem = QLabel(self)
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #5f2120; background: #fdecea; padding: 4px")
        self.problem.hide()
        self.timer = QTimer(self)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self._on_tick)
        self._build()
        self._connect()
        self.retranslate()
        self.resize(1280, 800)

    def _build(self) -> None:
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(22)
        self.view.setWordWrap(False)
        for column, width in enumerate((50, 90, 140, 90)):
            self.view.setColumnWidth(column, width)
        self.view.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        for factor in SPEEDS:
            self.speed_combo.addItem(f"x{factor}", factor)
        clock = QHBoxLayout()
        for widget in (
            self.clock_label,
            self.start_button,
            self.pause_button,
            self.speed_combo,
            self.jump_button,
        ):
            clock.addWidget(widget)
        clock.addStretch(1)
        actions = QHBoxLayout()
        for widget in (self.release_button, self.skip_button, self.delay_button):
            actions.addWidget(widget)
        actions.addStretch(1)
        actions.addWidget(self.aar_button)
        self.addAction(self.aar_action)
        note = QHBoxLayout()
        note.addWidget(self.note_edit, 1)
        note.addWidget(self.note_button)
        right = QWidget(self)
        side = QVBoxLayout(right)
        side.setContentsMargins(0, 0, 0, 0)
        side.addWidget(self.detail, 2)
        side.addLayout(note)
        side.addWidget(self.notes, 1)
        split = QSplitter(self)
        split.addWidget(self.view)
        split.addWidget(right)
        split.setSizes([760, 500])
        split.setChildrenCollapsible(False)
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(4, 0, 4, 0)
        layout.addWidget(self.banner)
        layout.addLayout(clock)
        layout.addWidget(self.problem)
        layout.addWidget(split, 1)
        layout.addLayout(actions)
        self.setCentralWidget(central)
        self.statusBar()

    def _connect(self) -> None:
        self.start_button.clicked.connect(lambda: self._clock(self.store.clocks.start))
        self.pause_button.clicked.connect(lambda: self._clock(self.store.clocks.pause))
        self.speed_combo.activated.connect(self._on_speed_activated)
        self.jump_button.clicked.connect(self._on_jump_clicked)
        self.release_button.clicked.connect(self._on_release_clicked)
        self.skip_button.clicked.connect(self._on_skip_clicked)
        self.delay_button.clicked.connect(self._on_delay_clicked)
        self.note_button.clicked.connect(self._on_note_clicked)
        self.note_edit.returnPressed.connect(self._on_note_clicked)
        self.aar_action.triggered.connect(self.open_after_action)
        self.aar_button.clicked.connect(self.aar_action.trigger)
        self.view.selectionModel().currentRowChanged.connect(self._show_chosen)

    # -- reads ------------------------------------------------------------------------------

    def set_operation(self, operation: Operation | None) -> None:
        self.operation = operation if operation and operation["exercise"] else None
        self.banner.setVisible(self.operation is not None)
        self.aar_action.setEnabled(self.operation is not None)
        self.after_action.close()
        self.retranslate()
        self.refresh()

    def show_changes(self, changes: Changes) -> None:
        if changes.touches(*WATCHED):
            self.refresh()
        self.after_action.show_changes(changes)

    def refresh(self) -> None:
        if self.operation is None:
            self.model.set_rows([])
            return
        self.tasks.submit(
            partial(jobs.read_desk, self.operation["id"]),
            key=self._key,
            on_done=self._on_read,
            on_failed=self._failed,
            owner=self,
        )

    def _on_read(self, data: jobs.DeskData) -> None:
        self.data = data
        current = self.view.currentIndex()
        chosen = current.data(IdRole) if current.isValid() else None
        self.model.set_rows(data.injects)
        if chosen and (row := self.model.row_of(chosen)) >= 0:
            self.view.selectRow(row)
        self._show_clock()
        numbers = {i["id"]: i["number"] for i in data.injects}
        self.notes.setPlainText("\n".join(self._note_line(n, numbers) for n in data.notes))
        running = data.clock is not None and data.clock.state == "running"
        if running and not self.timer.isActive():
            self.timer.start()
        elif not running:
            self.timer.stop()
        self.rows_loaded.emit()

    def _show_clock(self) -> None:
        clock = self.data.clock
        if clock is None:
            return
        from fieldapp.core.times import utc_now

        state = words.clock_labels().get(clock.state, clock.state)
        self.clock_label.setText(
            f"{format_clock(clock.seconds(utc_now()))} · {state} · x{clock.speed}"
        )
        self.speed_combo.setCurrentIndex(max(0, self.speed_combo.findData(clock.speed)))

    def _show_chosen(self, *_args: object) -> None:
        current = self.view.currentIndex()
        row = self.model.rows[current.row()] if current.isValid() else None
        if row is None:
            self.detail.setPlainText("")
            return
        labels = words.field_labels()
        shown = {**row, "released_at": _utc(row["released_at"])}
        lines = [
            f"{labels[name]}: {shown[name]}"
            for name in (
                "number",
                "sender",
                "recipient",
                "content",
                "expected_action",
                "controller_note",
                "controller",
                "released_at",
            )
            if shown[name]
        ]
        self.detail.setPlainText("\n".join(lines))

    def _note_line(self, note: ObserverNote, numbers: dict[str, str]) -> str:
        """A note as listed: "T+00:39  camille · inject 10 · Mairie d'Anduze: its text"."""
        about = [note["author"]]
        if note["inject_id"] in numbers:
            about.append(self.tr("inject %1").replace("%1", numbers[note["inject_id"]]))
        if note["player"]:
            about.append(note["player"])
        clock = format_clock(note["exercise_s"] or 0)
        return f"{clock}  {' · '.join(about)}: {note['text']}"

    # -- the clock and the injects ---------------------------------------------------------

    def _clock(self, change: Any, *args: Any) -> None:
        if self.operation is None:
            return
        try:
            change(self.operation["id"], *args)
        except ValidationError as error:
            self.show_problem(str(error))
            return
        self.show_problem("")

    @Slot(int)
    def _on_speed_activated(self, _index: int) -> None:
        self._clock(self.store.clocks.speed, int(self.speed_combo.currentData()))

    @Slot()
    def _on_jump_clicked(self) -> None:
        text, ok = QInputDialog.getText(self, self.tr("Jump"), self.tr("Exercise time (T+01:30):"))
        if ok:
            try:
                seconds = parse_clock(text)
            except ValueError as error:
                self.show_problem(str(error))
                return
            self._clock(self.store.clocks.jump, seconds)

    @Slot()
    def _on_tick(self) -> None:
        if self.operation is None:
            return
        self._show_clock()
        self.tasks.submit(
            partial(jobs.release_due, self.operation["id"]),
            lane=Lane.WRITES,
            key=f"{self._key}-due",
            on_failed=self._failed,
            owner=self,
        )

    def _chosen_id(self) -> str | None:
        current = self.view.currentIndex()
        return current.data(IdRole) if current.isValid() else None

    @Slot()
    def _on_release_clicked(self) -> None:
        inject_id = self._chosen_id()
        if inject_id:
            self.tasks.submit(
                partial(jobs.release_one, inject_id),
                lane=Lane.WRITES,
                on_failed=self._failed,
                owner=self,
            )

    @Slot()
    def _on_skip_clicked(self) -> None:
        inject_id = self._chosen_id()
        if inject_id:
            self._write(self.store.injects.skip, inject_id)

    @Slot()
    def _on_delay_clicked(self) -> None:
        inject_id = self._chosen_id()
        if not inject_id:
            return
        text, ok = QInputDialog.getText(self, self.tr("Delay"), self.tr("New time (T+01:45):"))
        if ok:
            try:
                seconds = parse_clock(text)
            except ValueError as error:
                self.show_problem(str(error))
                return
            self._write(self.store.injects.delay, inject_id, seconds)

    @Slot()
    def _on_note_clicked(self) -> None:
        if self.operation is None or not self.note_edit.text().strip():
            return
        from fieldapp.core.times import utc_now

        seconds = self.data.clock.seconds(utc_now()) if self.data.clock else None
        self._write(
            partial(self.store.notes.add, inject_id=self._chosen_id(), exercise_s=seconds),
            self.operation["id"],
            self.note_edit.text(),
        )
        self.note_edit.clear()

    def _write(self, write: Any, *args: Any) -> None:
        try:
            write(*args)
        except (ValidationError, NotFoundError) as error:
            self.show_problem(str(error))
            return
        self.show_problem("")

    @Slot()
    def open_after_action(self) -> AfterActionDialog | None:
        """The after-action report dialog of this exercise, opened."""
        return self.after_action.open(self.operation) if self.operation else None

    def _failed(self, error: Exception) -> None:
        self.show_problem(str(error))

    def show_problem(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.setVisible(bool(text))
        if text:
            self.problem_shown.emit(text)

    def shutdown(self) -> None:
        self.timer.stop()
        self.tasks.drop(self._key)
        self.after_action.close()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        name = self.operation["name"] if self.operation else self.tr("(not an exercise)")
        self.setWindowTitle(
            self.tr("EXERCISE") + " — " + self.tr("Exercise desk — %1").replace("%1", name)
        )
        self.start_button.setText(self.tr("&Start / resume"))
        self.pause_button.setText(self.tr("&Pause"))
        self.jump_button.setText(self.tr("&Jump to…"))
        self.release_button.setText(self.tr("&Release now"))
        self.skip_button.setText(self.tr("S&kip"))
        self.delay_button.setText(self.tr("&Delay…"))
        self.note_button.setText(self.tr("Add &note"))
        self.aar_action.setText(self.tr("&After-action report…"))
        self.aar_button.setText(self.aar_action.text())
        self.note_edit.setPlaceholderText(self.tr("An observer's note on the chosen inject"))
        self._show_clock()


def _utc(iso: str | None) -> str:
    """A stored UTC time as "2026-12-05 16:23 UTC" ("" for none)."""
    return f"{iso[:10]} {iso[11:16]} UTC" if iso else ""
