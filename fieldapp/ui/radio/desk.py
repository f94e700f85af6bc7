"""The radio traffic desk: entry form, queue to pass on, message log and message view.

A window of its own beside the main window (Ctrl+3 there): an operator who is listening
keeps it open full size, often on a second screen, while the report list and the map
stay where they are. Left: the fast entry form. Right: the queue (what must still be
passed on, EMERGENCY first), the log (every message, newest first, searchable) and the
chosen message with its relay chain. Keys: F2 entry, F3 queue, F4 log, Ctrl+F search;
the actions on the chosen message are in radio_actions.

GUI thread only. The log's row numbers and the queue are read as jobs of the task
manager (RadioQueryRunner; the reads lane's own Store): after a save, a status change or
a keystroke in the search box the desk only asks for them, and the tables change when
the answer arrives, each keeping its selected message. The GUI thread reads single
messages (the chosen one, a page of the log as it scrolls into view) and writes one
message per user action. A read that fails empties the queue and the log (never the rows
of another operation or search) and a bar above them says why until a read succeeds; its
"Try again" reads again. In an exercise, a message an inject became, opened by a player
from the queue or the log, asks for a read receipt (ui/kit/receipts.py: a job on the
writes lane, only when the message shown changes).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QItemSelection, QModelIndex, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QSplitter,
    QTableView,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from fieldapp.core.errors import NotFoundError
from fieldapp.core.record_types import Operation, RadioMessage
from fieldapp.store import Store
from fieldapp.ui.kit.banner import ExerciseBanner
from fieldapp.ui.kit.read_problem import RADIO, ReadProblemBar
from fieldapp.ui.kit.receipts import SeenRecords
from fieldapp.ui.kit.taskman import TaskManager
from fieldapp.ui.radio.entry import RadioEntryForm
from fieldapp.ui.radio.models import COLUMNS, RadioLogModel, RadioQueueModel
from fieldapp.ui.radio.query import RadioQueryRunner, RadioRows
from fieldapp.ui.radio.view import RadioMessageView

if TYPE_CHECKING:
    from fieldapp.ui.radio.station_dialog import StationDialog


def _table(model, parent: QWidget) -> QTableView:
    view = QTableView(parent)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setTabKeyNavigation(False)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(22)
    view.setAlternatingRowColors(True)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(True)
    for column, width in enumerate((150, 76, 116, 96, 46, 76, 52)):  # 150: ISO with seconds
        view.setColumnWidth(column, width)
    assert len(COLUMNS) == 8
    return view


class RadioDesk(QMainWindow):
    """One operation's radio traffic; `set_operation` follows the main window."""

    message_changed = Signal(object)  # the chosen message (dict) or None
    station_changed = Signal(str)
    report_added = Signal(dict)
    rows_loaded = Signal()  # the log and the queue show the answer of the newest read

    def __init__(
        self,
        store: Store,
        tasks: TaskManager,
        parent: QWidget | None = None,
        station: str = "",
    ):
        super().__init__(parent, Qt.WindowType.Window)
        self.store = store
        self.tasks = tasks
        self.operation: Operation | None = None
        self.current: RadioMessage | None = None
        self.station_edit = QLineEdit(station.upper(), self)
        self.search_edit = QLineEdit(self)
        self.search_edit.setClearButtonEnabled(True)
        self.entry = RadioEntryForm(store, self)
        self.queue_model = RadioQueueModel(store, self)
        self.log_model = RadioLogModel(store, self)
        self.runner = RadioQueryRunner(tasks, self)
        self.seen = SeenRecords(tasks)  # read receipts of the messages an inject became
        self._keep: str | None = None  # the message to choose in the queue once rows arrive
        self.view = RadioMessageView(self)
        self.banner = ExerciseBanner(self)
        self.banner.hide()
        self.problem = ReadProblemBar(self)
        self._build()
        self.focus_actions = [
            self._action("F2", self.focus_entry),
            self._action("F3", self.focus_queue),
            self._action("F4", self.focus_log),
            self._action(QKeySequence.StandardKey.Find, self.focus_search),
        ]
        self.save_action = self._action(QKeySequence.StandardKey.Save, self.entry.save)
        self.new_action = self._action(QKeySequence.StandardKey.New, self.entry.clear)
        self.normalise_action = self._action("Ctrl+T", self.entry.normalise_text)
        self.arl_action = self._action("Ctrl+L", self.entry.expand_arl)
        from fieldapp.ui.radio.actions import RadioActions

        self.actions_ = RadioActions(self)
        self._connect()
        self._retranslate()
        self.resize(1400, 860)

    def _build(self) -> None:
        self.queue_view = _table(self.queue_model, self)
        self.log_view = _table(self.log_model, self)
        self.queue_label, self.log_label = QLabel(self), QLabel(self)
        self.queue_label.setBuddy(self.queue_view)
        self.log_label.setBuddy(self.log_view)
        right = QSplitter(Qt.Orientation.Vertical, self)
        for label, view in ((self.queue_label, self.queue_view), (self.log_label, self.log_view)):
            box = QWidget(right)
            layout = QVBoxLayout(box)
            layout.setContentsMargins(0, 0, 0, 0)
            layout.addWidget(label)
            layout.addWidget(view)
            right.addWidget(box)
        right.addWidget(self.view)
        right.setSizes([220, 300, 320])
        splitter = QSplitter(self)
        splitter.addWidget(self.entry)
        splitter.addWidget(right)
        splitter.setSizes([620, 780])
        splitter.setChildrenCollapsible(False)
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(4, 0, 4, 0)
        layout.addWidget(self.banner)
        layout.addWidget(self.problem)
        layout.addWidget(splitter, 1)
        self.setCentralWidget(central)
        self.toolbar = QToolBar(self)
        self.toolbar.setObjectName("radio_toolbar")
        self.toolbar.setMovable(False)
        self.station_label, self.search_label = QLabel(self), QLabel(self)
        self.station_label.setBuddy(self.station_edit)
        self.search_label.setBuddy(self.search_edit)
        self.station_edit.setMaximumWidth(110)
        self.search_edit.setMaximumWidth(320)
        for widget in (self.station_label, self.station_edit, self.search_label, self.search_edit):
            self.toolbar.addWidget(widget)
        self.addToolBar(self.toolbar)
        self.statusBar()

    def _action(self, keys: QKeySequence.StandardKey | str, slot) -> QAction:
        action = QAction(self)
        action.setShortcut(QKeySequence(keys))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _connect(self) -> None:
        self.entry.message_saved.connect(self._on_entry_message_saved)
        self.entry.save_failed.connect(self._on_entry_save_failed)
        self.search_edit.textChanged.connect(self._on_search_edit_changed)
        self.runner.rows_arrived.connect(self._on_runner_rows_arrived)
        self.runner.query_failed.connect(self._on_runner_query_failed)
        self.log_model.page_read_failed.connect(self._on_log_model_page_read_failed)
        self.problem.retry_clicked.connect(self.refresh)
        self.station_edit.editingFinished.connect(self._on_station_edit_finished)
        for view in (self.queue_view, self.log_view):
            view.selectionModel().selectionChanged.connect(self._on_selection_changed)

    # -- operation and station ------------------------------------------------------------

    def set_operation(self, operation: Operation | None) -> None:
        self.operation = operation
        self.entry.set_operation(operation, self.station())
        self.queue_model.apply([])  # never the former operation's rows while reading
        self.log_model.apply([], {})
        self._keep = None
        if operation is None:
            self.problem.set_problem(RADIO, None)  # nothing to read, nothing missing
        self.refresh()
        self.show_message(None)
        self.banner.setVisible(bool(operation and operation["exercise"]))
        self._update_title()

    def station(self) -> str:
        return self.station_edit.text().strip().upper()

    def set_station(self, call: str) -> None:
        """This station's call sign, as the operator gave it (kept in the settings)."""
        self.station_edit.setText(call.strip().upper())
        self._on_station_edit_finished()

    def ask_station(self, why: str, then: Callable[[], None] | None = None) -> StationDialog:
        """Ask for this station's call sign; `then` runs once it is set."""
        from fieldapp.ui.radio.station_dialog import StationDialog

        dialog = StationDialog(why, self)
        self.station_dialog = dialog

        def accepted() -> None:
            self.set_station(dialog.call())
            if then is not None:
                then()

        dialog.accepted.connect(accepted)
        dialog.open()
        return dialog

    @Slot()
    def _on_station_edit_finished(self) -> None:
        self.station_edit.setText(self.station())
        self.entry.set_station(self.station())
        self.station_changed.emit(self.station())

    # -- the chosen message -----------------------------------------------------------------

    def show_message(self, message_id: str | None) -> None:
        """Show a message (re-read with its hops), or nothing."""
        message = None
        if message_id is not None:
            try:
                message = self.store.radio.get(message_id)
            except NotFoundError:
                message = None
        self.current = message
        exercise = bool(self.operation and self.operation["exercise"])
        self.view.show_message(message, exercise=exercise)
        self.seen.shown(exercise, "radio_message", [message] if message else [])
        self.message_changed.emit(message)

    @Slot(QItemSelection, QItemSelection)
    def _on_selection_changed(self, *_args: object) -> None:
        view = self.queue_view if self.queue_view.hasFocus() else self.log_view
        if self.sender() is self.queue_view.selectionModel():
            view = self.queue_view
        elif self.sender() is self.log_view.selectionModel():
            view = self.log_view
        rows = view.selectionModel().selectedRows()
        if rows:
            self.show_message(rows[0].data(Qt.ItemDataRole.UserRole + 1))

    def refresh(self, keep: str | None = None) -> None:
        """Re-read queue and log (in the query thread); `keep` is chosen in the queue."""
        if keep is not None:
            self._keep = keep
            self.show_message(keep)
        if self.operation is not None:
            self.runner.submit(self.operation["id"], self.search_edit.text().strip())

    @Slot(str)
    def _on_search_edit_changed(self, _text: str) -> None:
        self.refresh()

    @Slot(object)
    def _on_runner_rows_arrived(self, rows: RadioRows) -> None:
        if self.operation is None or rows.operation_id != self.operation["id"]:
            return
        chosen = [
            (view, self._chosen_in(view, model))
            for view, model in (
                (self.queue_view, self.queue_model),
                (self.log_view, self.log_model),
            )
        ]
        self.queue_model.apply(rows.queue)
        self.log_model.apply(rows.seqs, rows.first_page)
        for view, message in chosen:
            if message is not None:
                self._choose_again(view, message)
        keep, self._keep = self._keep, None
        if keep is not None:
            self._select_quietly(self.queue_view, self.queue_model.row_of(keep))
        self.problem.set_problem(RADIO, None)
        self.rows_loaded.emit()

    @Slot(str)
    def _on_runner_query_failed(self, message: str) -> None:
        self._show_read_problem(message)

    @Slot(str)
    def _on_log_model_page_read_failed(self, message: str) -> None:
        self._show_read_problem(message)

    def _show_read_problem(self, message: str) -> None:
        self.queue_model.apply([])  # what they showed answered another request
        self.log_model.apply([], {})
        self.problem.set_problem(RADIO, message)

    @staticmethod
    def _chosen_in(view: QTableView, model: RadioQueueModel | RadioLogModel) -> RadioMessage | None:
        rows = view.selectionModel().selectedRows()
        return model.message_at(rows[0].row()) if rows else None

    def _choose_again(self, view: QTableView, message: RadioMessage) -> None:
        """After the rows changed, the view's chosen message is chosen again if still there."""
        if view is self.log_view:
            row = self.log_model.row_of_seq(message["seq"])
        else:
            row = self.queue_model.row_of(message["id"])
        selected = view.selectionModel().selectedRows()
        if not (selected and selected[0].row() == row):
            self._select_quietly(view, row)

    @staticmethod
    def _select_quietly(view: QTableView, row: int) -> None:
        """Select a row without choosing it anew (the message view stays as it is)."""
        if row < 0:
            return
        selection = view.selectionModel()
        selection.blockSignals(True)
        view.setCurrentIndex(view.model().index(row, 0))
        view.selectRow(row)
        selection.blockSignals(False)
        view.viewport().update()

    @Slot(dict)
    def _on_entry_message_saved(self, message: dict) -> None:
        # The blank form paints first; the log and queue are read in the query thread.
        QTimer.singleShot(0, partial(self._after_save, message["id"]))
        number = message["number"] or "—"
        warned = self.tr(" (with warnings: see the message)") if message["warnings"] else ""
        text = self.tr("Message NR %1 logged%2.").replace("%1", number).replace("%2", warned)
        self.statusBar().showMessage(text, 6000)

    def _after_save(self, message_id: str) -> None:
        self.refresh()  # asks the query thread: the GUI thread goes back to the form at once
        self.show_message(message_id)

    @Slot(str)
    def _on_entry_save_failed(self, _english: str) -> None:
        self.statusBar().showMessage(self.tr("Not saved: see the notes beside the fields."), 6000)

    # -- focus --------------------------------------------------------------------------------

    @Slot()
    def focus_entry(self) -> None:
        self.entry.page.first().setFocus()

    def _focus_table(self, view: QTableView) -> None:
        view.setFocus()
        if view.model().rowCount() and not view.selectionModel().hasSelection():
            view.setCurrentIndex(view.model().index(0, 0))
            view.selectRow(0)

    @Slot()
    def focus_queue(self) -> None:
        self._focus_table(self.queue_view)

    @Slot()
    def focus_log(self) -> None:
        self._focus_table(self.log_view)

    @Slot()
    def focus_search(self) -> None:
        self.search_edit.setFocus()
        self.search_edit.selectAll()

    def current_index(self) -> QModelIndex:
        return self.queue_view.currentIndex()

    # -- showing and closing ------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh()  # messages may have come in by sync or import while it was closed

    def closeEvent(self, event: QCloseEvent) -> None:
        self.runner.stop()  # closing only hides the desk: it reads again on show
        super().closeEvent(event)

    def shutdown(self) -> None:
        """Drop the reads still to come, cancel the PDFs (closing the app); idempotent."""
        self.runner.stop()
        self.actions_.shutdown()

    # -- language -------------------------------------------------------------------------------

    def _update_title(self) -> None:
        name = self.operation["name"] if self.operation else ""
        if self.operation and self.operation["exercise"]:
            self.setWindowTitle(self.tr("EXERCISE — Radio desk — %1").replace("%1", name))
        else:
            self.setWindowTitle(self.tr("Radio desk — %1").replace("%1", name))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self.station_label.setText(self.tr("This &station:") + " ")
        self.station_edit.setPlaceholderText(self.tr("call sign"))
        self.search_label.setText("  " + self.tr("Search the log (Ctrl+F):") + " ")
        self.search_edit.setPlaceholderText(self.tr("number, call, words…"))
        self.queue_label.setText(self.tr("To pass on, in handling order (F3)"))
        self.log_label.setText(self.tr("Message log, newest first (F4)"))
        for model in (self.queue_model, self.log_model):
            model.retranslate()
        if hasattr(self, "actions_"):
            self.actions_.retranslate()
        self._update_title()
