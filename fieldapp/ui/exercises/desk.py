"""The exercise desk: the controllers' timeline of injects on the exercise clock, the
clock's controls, and the observers' notes.

A window of its own beside the main window (Ctrl+6 there), made to fit a 1024x600
screen. The timeline lists every inject (number, time, channel, status — pending,
released, seen by a player after how long, answered after how long, skipped — and
content; its controller's note and
expected action beside the chosen one, and what each player did after it). While the
clock runs, a timer asks the writes lane every few seconds to release what it has
reached; Release, Skip and Delay act on the chosen inject at once. The Scenario menu
(scenario_actions.py) writes injects on the fly, edits and deletes pending ones, imports
and exports scenario files, and resets the exercise to replay it; the header says which
run is played, the Runs tab lists the archived ones. Observers write timestamped notes
on an inject or none, about a player (notes_pane.py). Only controllers see the scenario
(the server never sends it to a player): on a player's laptop the timeline is empty and
says why, and notes can still be written. "After-action report…" opens the trainer's
report (aar_dialog.py).

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
    QMainWindow,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from fieldapp.core.errors import NotFoundError, ValidationError
from fieldapp.exercises.clock import SPEEDS
from fieldapp.exercises.clocktext import format_clock, parse_clock
from fieldapp.ui.exercises import jobs, words
from fieldapp.ui.exercises.aar_dialog import AfterActionDialog, AfterActionHolder
from fieldapp.ui.exercises.actions_pane import ActionsPane
from fieldapp.ui.exercises.notes_pane import NotesPane
from fieldapp.ui.exercises.replay import RunsModel
from fieldapp.ui.exercises.scenario_actions import ScenarioActions
from fieldapp.ui.kit import dates
from fieldapp.ui.kit.banner import ExerciseBanner
from fieldapp.ui.kit.rows_model import IdRole, RowsModel
from fieldapp.ui.kit.screen import fit_to_screen
from fieldapp.ui.kit.taskman import Lane, TaskManager

if TYPE_CHECKING:
    from fieldapp.core.changes import Changes
    from fieldapp.core.record_types import Inject, Operation
    from fieldapp.exercises.response import Response
    from fieldapp.store import Store

# The scenario, its clock and notes, its runs, and what players do (their answers).
WATCHED = (
    "inject", "exercise_clock", "observer_note", "exercise_run",
    "item", "report", "radio_message", "radio_hop", "relay", "public_message",
    "read_receipt",
)  # fmt: skip
TICK_MS = 2000


class InjectsModel(RowsModel):
    """The scenario on the exercise clock."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.responses: dict[str, Response] = {}  # by number: first seen, first answered

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
            if row["status"] == "released":
                return words.progress_text(self.responses.get(row["number"]))
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
        self.actions_pane = ActionsPane(tasks, self)
        self.notes_pane = NotesPane(self)
        self.note_edit, self.note_button = self.notes_pane.text_edit, self.notes_pane.add_button
        self.runs_model = RunsModel(self)
        self.runs_view = QTableView(self)
        self.tabs = QTabWidget(self)
        self.player_note = QLabel(self)  # on a player's laptop: whose the scenario is
        self.player_note.setWordWrap(True)
        self.player_note.hide()
        self.scenario = ScenarioActions(self)
        self.scenario_menu = self.menuBar().addMenu("")
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
        fit_to_screen(self, 1280, 800)

    def _build(self) -> None:
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(22)
        self.view.setWordWrap(False)
        for column, width in enumerate((36, 66, 118, 140)):
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
        for action in (self.scenario.new_action, self.scenario.edit_action):
            button = QToolButton(self)
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            actions.addWidget(button)
        actions.addWidget(self.aar_button)
        self.addAction(self.aar_action)
        for action in self.scenario.actions():
            if action is None:
                self.scenario_menu.addSeparator()
            else:
                self.scenario_menu.addAction(action)
        self.runs_view.setModel(self.runs_model)
        self.runs_view.verticalHeader().hide()
        self.runs_view.horizontalHeader().setStretchLastSection(True)
        inject_tab = QSplitter(Qt.Orientation.Vertical, self)
        inject_tab.addWidget(self.detail)
        inject_tab.addWidget(self.actions_pane)
        inject_tab.setChildrenCollapsible(False)
        self.tabs.addTab(inject_tab, "")
        self.tabs.addTab(self.runs_view, "")
        right = QSplitter(Qt.Orientation.Vertical, self)
        right.addWidget(self.tabs)
        right.addWidget(self.notes_pane)
        right.setSizes([300, 200])
        right.setChildrenCollapsible(False)
        split = QSplitter(self)
        split.addWidget(self.view)
        split.addWidget(right)
        split.setSizes([600, 424])
        split.setChildrenCollapsible(False)
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(4, 0, 4, 0)
        layout.addWidget(self.banner)
        layout.addLayout(clock)
        layout.addWidget(self.player_note)
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
        self.notes_pane.note_asked.connect(self._on_note_asked)
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
            self._show_role()
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
        chosen = self._chosen_id()
        self.notes_pane.show_notes(data.notes, data.injects, data.players)
        self.model.responses = data.responses
        selection = self.view.selectionModel()
        selection.blockSignals(True)  # the same inject stays chosen: no flicker
        self.model.set_rows(data.injects)
        if chosen and (row := self.model.row_of(chosen)) >= 0:
            self.view.selectRow(row)
        selection.blockSignals(False)
        self._show_chosen()
        self.runs_model.set_rows(data.runs)
        self._show_clock()
        self._show_role()
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
        run = self.tr("Run %1").replace("%1", str(self.data.run))
        self.clock_label.setText(
            f"{run} · {format_clock(clock.seconds(utc_now()))} · {state} · x{clock.speed}"
        )
        self.speed_combo.setCurrentIndex(max(0, self.speed_combo.findData(clock.speed)))

    def _show_role(self) -> None:
        """A player's laptop has no scenario: say so, and leave the notes."""
        leads = self.data.leads or self.operation is None
        self.player_note.setVisible(not leads)
        self.scenario.set_enabled(leads, self.operation is not None)
        for widget in (
            self.start_button,
            self.pause_button,
            self.speed_combo,
            self.jump_button,
            self.release_button,
            self.skip_button,
            self.delay_button,
            self.aar_button,  # the report is the controllers' too
        ):
            widget.setEnabled(leads)
        self.aar_action.setEnabled(leads)

    def chosen_inject(self) -> Inject | None:
        current = self.view.currentIndex()
        return self.model.rows[current.row()] if current.isValid() else None

    def _show_chosen(self, *_args: object) -> None:
        row = self.chosen_inject()
        self.actions_pane.show_inject(row)
        self.notes_pane.choose_inject(row["id"] if row else None)
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
        response = self.model.responses.get(row["number"])
        if response is not None and response.seen_at:
            seen = self.tr("First opened by %1 at %2").replace("%1", response.seen_by)
            lines.append(seen.replace("%2", _utc(response.seen_at)))
        self.detail.setPlainText("\n".join(lines))

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

    @Slot(str, str, object)
    def _on_note_asked(self, text: str, player: str, inject_id: str | None) -> None:
        if self.operation is None:
            return
        from fieldapp.core.times import utc_now

        seconds = self.data.clock.seconds(utc_now()) if self.data.clock else None
        note = partial(self.store.notes.add, inject_id=inject_id, player=player, exercise_s=seconds)
        if self._write(note, self.operation["id"], text):
            self.notes_pane.written()

    def _write(self, write: Any, *args: Any) -> bool:
        try:
            write(*args)
        except (ValidationError, NotFoundError) as error:
            self.show_problem(str(error))
            return False
        self.show_problem("")
        return True

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
        self.actions_pane.shutdown()
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
        self.scenario_menu.setTitle(self.tr("S&cenario"))
        self.tabs.setTabText(0, self.tr("Inject and players' actions"))
        self.tabs.setTabText(1, self.tr("Archived runs"))
        self.player_note.setText(
            self.tr(
                "This laptop plays the exercise: its scenario is the controllers' and never"
                " comes here. You can still write observers' notes below."
            )
        )
        self.aar_action.setText(self.tr("&After-action report…"))
        self.aar_button.setText(self.aar_action.text())
        self._show_clock()


def _utc(iso: str | None) -> str:
    """A stored UTC time as "2026-12-05 16:23 UTC" ("" for none)."""
    return dates.utc_time(iso)
