"""The alerts and outreach desk: official alerts, public messages, the rumour board.

A window of its own beside the main window (Ctrl+5 there), made to fit a 1024x600
screen: three tabs (F2 alerts, F3 messages, F4 rumours), each a list beside the chosen
record. The alerts list shows each chain's current message: cancelled and expired ones
leave it unless *Show ended and test messages* is ticked (then greyed), and a Test,
System or Draft message always says it is not an alert.

GUI thread only. Every read runs on the task manager (jobs.read_desk on the writes
lane, since it first settles what is local; one alert on the reads lane). When alerts,
messages, rumours or relays change (`show_changes`, from the main window's
`records_changed`: an import, a poll, a sync, a write here), the desk reads again; the
chosen rows stay chosen. The writes of messages and rumours are outreach_actions.py's.
In an exercise, an alert an inject became, shown to a player, asks for a read receipt
(ui/kit/receipts.py: a job on the writes lane, only when the alert shown changes).
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QItemSelectionModel, QLocale, Qt, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QMainWindow,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from fieldapp.ui.alerts import jobs
from fieldapp.ui.alerts.alert_panel import AlertPanel
from fieldapp.ui.alerts.message_editor import MessageEditor
from fieldapp.ui.alerts.models import BoardModel, ChainsModel, IdRole, MessagesModel, RowsModel
from fieldapp.ui.alerts.outreach_actions import OutreachActions
from fieldapp.ui.alerts.rumour_panel import RumourPanel
from fieldapp.ui.kit.banner import ExerciseBanner
from fieldapp.ui.kit.receipts import SeenRecords
from fieldapp.ui.kit.taskman import Lane, TaskManager

if TYPE_CHECKING:
    from fieldapp.core.changes import Changes
    from fieldapp.core.record_types import Operation
    from fieldapp.core.settings import Settings
    from fieldapp.store import Store

WATCHED = ("alert", "public_message", "rumour", "rumour_link", "relay", "radio_message")


class AlertsDesk(QMainWindow):
    """One operation's alerts and outreach desk; `set_operation` follows the main window."""

    rows_loaded = Signal()  # the lists show the answer to the newest read
    alert_shown = Signal(str)  # the chosen alert's detail is on screen
    problem_shown = Signal(str)  # a refusal or a failure, in words
    radiogram_requested = Signal(str, str)  # alert id, form kind: the shell opens the radio desk
    report_requested = Signal(str)  # a report inside an alert's area

    def __init__(
        self, store: Store, tasks: TaskManager, settings: Settings, parent: QWidget | None = None
    ):
        super().__init__(parent, Qt.WindowType.Window)
        self.store, self.tasks, self.settings = store, tasks, settings
        self.operation: Operation | None = None
        self.data = jobs.DeskData()
        self._read_key = f"alerts-desk-{id(self)}"
        self.seen = SeenRecords(tasks)  # read receipts of the alerts an inject became
        self.chains_model, self.messages_model = ChainsModel(self), MessagesModel(self)
        self.board_model = BoardModel(self)
        self.alert_panel = AlertPanel(self)
        self.editor = MessageEditor(self)
        self.rumour_panel = RumourPanel(self)
        self.banner = ExerciseBanner(self)
        self.banner.hide()
        self.problem = QLabel(self)
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #5f2120; background: #fdecea; padding: 4px")
        self.problem.hide()
        self.show_ended = QCheckBox(self)
        self.new_message_button, self.new_rumour_button = QPushButton(self), QPushButton(self)
        self.tabs = QTabWidget(self)
        self.alerts_view = self._table(self.chains_model, (120, 90, 330, 130, 60), 2)
        self.messages_view = self._table(self.messages_model, (90, 280, 60, 90), 1)
        self.board_view = self._table(self.board_model, (100, 50, 60, 300), 3)
        self._build()
        self.outreach = OutreachActions(self)
        self._build_menus()
        self._connect()
        self.retranslate()
        self.resize(1280, 800)

    def _table(self, model: RowsModel, widths: tuple[int, ...], stretch: int) -> QTableView:
        view = QTableView(self)
        view.setModel(model)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setTabKeyNavigation(False)
        view.setWordWrap(False)
        view.verticalHeader().hide()
        view.verticalHeader().setDefaultSectionSize(22)
        for column, width in enumerate(widths):
            view.setColumnWidth(column, width)
        view.horizontalHeader().setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
        return view

    def _page(self, top: QWidget, view: QTableView, detail: QWidget) -> QSplitter:
        left = QWidget(self)
        layout = QVBoxLayout(left)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(top)
        layout.addWidget(view, 1)
        split = QSplitter(self)
        split.addWidget(left)
        split.addWidget(detail)
        split.setSizes([470, 640])
        split.setChildrenCollapsible(False)
        left.setMinimumWidth(300)
        return split

    def _build(self) -> None:
        self.tabs.addTab(self._page(self.show_ended, self.alerts_view, self.alert_panel), "")
        self.tabs.addTab(self._page(self.new_message_button, self.messages_view, self.editor), "")
        self.tabs.addTab(self._page(self.new_rumour_button, self.board_view, self.rumour_panel), "")
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(4, 0, 4, 0)
        layout.addWidget(self.banner)
        layout.addWidget(self.problem)
        layout.addWidget(self.tabs, 1)
        self.setCentralWidget(central)
        self.statusBar()

    def _build_menus(self) -> None:
        self.import_action = QAction(self)
        self.import_action.setShortcut(QKeySequence.StandardKey.Open)
        self.import_action.triggered.connect(self.import_files)
        self.close_action = QAction(self)
        self.close_action.setShortcut(QKeySequence.StandardKey.Close)
        self.close_action.triggered.connect(self.close)
        self.file_menu = self.menuBar().addMenu("")
        self.file_menu.addAction(self.import_action)
        self.file_menu.addAction(self.close_action)
        self.tab_actions = []
        for index, key in enumerate(("F2", "F3", "F4")):
            action = QAction(self)
            action.setShortcut(QKeySequence(key))
            action.triggered.connect(partial(self.show_tab, index))
            self.addAction(action)
            self.tab_actions.append(action)

    def _connect(self) -> None:
        self.show_ended.toggled.connect(self._show_chains)
        self.alerts_view.selectionModel().currentRowChanged.connect(self._on_alert_chosen)
        self.messages_view.selectionModel().currentRowChanged.connect(self._on_message_chosen)
        self.board_view.selectionModel().currentRowChanged.connect(self._on_rumour_chosen)
        self.alert_panel.radiogram_requested.connect(self.radiogram_requested)
        self.alert_panel.report_requested.connect(self.report_requested)
        self.alert_panel.message_requested.connect(self.outreach.write_for_alert)
        self.alert_panel.relay_record_requested.connect(self.outreach.record_alert_relay)
        self.new_message_button.clicked.connect(self.outreach.new_message)
        self.new_rumour_button.clicked.connect(self.outreach.new_rumour)

    # -- operation and reads ----------------------------------------------------------------

    def set_operation(self, operation: Operation | None) -> None:
        self.operation = operation
        exercise = bool(operation and operation["exercise"])
        self.banner.setVisible(exercise)
        self.editor.exercise = exercise
        self.alert_panel.show_detail(None)
        self.refresh()
        self.retranslate()

    def show_changes(self, changes: Changes) -> None:
        if changes.touches(*WATCHED):
            self.refresh()

    def refresh(self) -> None:
        if self.operation is None:
            return
        self.tasks.submit(
            partial(jobs.read_desk, self.operation["id"]),
            lane=Lane.WRITES,
            key=self._read_key,
            on_done=self._on_desk_read,
            on_failed=self.show_failure,
            owner=self,
        )

    def _on_desk_read(self, data: jobs.DeskData) -> None:
        self.data = data
        self.chains_model.relays = data.relay_counts
        self._show_chains()
        self._keep(self.messages_view, self.messages_model, data.messages)
        self._keep(self.board_view, self.board_model, data.board)
        self.outreach.desk_read()
        self.rows_loaded.emit()

    @Slot()
    def _show_chains(self, *_args: object) -> None:
        chains = self.data.chains
        if not self.show_ended.isChecked():
            chains = [c for c in chains if c.active]
        self._keep(self.alerts_view, self.chains_model, chains)

    def _keep(self, view: QTableView, model: RowsModel, rows: list) -> None:
        """New rows, the chosen one chosen again (by id) if it is still listed."""
        current = view.currentIndex()
        chosen = current.data(IdRole) if current.isValid() else None
        view.selectionModel().blockSignals(True)
        model.set_rows(rows)
        view.selectionModel().blockSignals(False)
        row = model.row_of(chosen) if chosen else -1
        if row >= 0:
            flags = (
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows
            )
            view.selectionModel().setCurrentIndex(model.index(row, 0), flags)

    def _on_alert_chosen(self, current, _previous=None) -> None:
        alert_id = current.data(IdRole) if current.isValid() else None
        if alert_id:
            self.open_alert(alert_id)

    def open_alert(self, alert_id: str) -> None:
        """Show one alert (from the list, the map or a notice)."""
        self.show_tab(0)
        row = self.chains_model.row_of(alert_id)
        if row < 0 and not self.show_ended.isChecked():
            self.show_ended.setChecked(True)
            row = self.chains_model.row_of(alert_id)
        if row >= 0 and self.alerts_view.currentIndex().row() != row:
            self.alerts_view.selectRow(row)
            return  # selecting it reads it
        self.tasks.submit(
            partial(jobs.read_alert, alert_id),
            key=f"{self._read_key}-alert",
            on_done=self._on_alert_read,
            on_failed=self.show_failure,
            owner=self,
        )

    def _on_alert_read(self, detail: jobs.AlertDetail) -> None:
        language = self.settings.language if self.settings.language != "system" else ""
        self.alert_panel.show_detail(detail, language or _ui_language())
        self.seen.shown(
            bool(self.operation and self.operation["exercise"]), "alert", [detail.alert]
        )
        self.alert_shown.emit(detail.alert["id"])

    def _on_message_chosen(self, current, _previous=None) -> None:
        message_id = current.data(IdRole) if current.isValid() else None
        self.outreach.show_message(message_id)

    def _on_rumour_chosen(self, current, _previous=None) -> None:
        rumour_id = current.data(IdRole) if current.isValid() else None
        self.outreach.show_rumour(rumour_id)

    def show_tab(self, index: int) -> None:
        self.tabs.setCurrentIndex(index)
        view = (self.alerts_view, self.messages_view, self.board_view)[index]
        view.setFocus()

    # -- imports and problems ---------------------------------------------------------------

    @Slot()
    def import_files(self) -> None:
        if self.operation is None:
            return
        names, _ = QFileDialog.getOpenFileNames(
            self,
            self.tr("Import CAP alert files"),
            "",
            self.tr("CAP alerts (*.xml *.cap);;All files (*)"),
        )
        if names:
            self.import_paths([Path(n) for n in names])

    def import_paths(self, paths: list[Path]) -> None:
        if self.operation is None:
            return
        self.tasks.submit(
            partial(jobs.import_cap_files, self.operation["id"], paths),
            lane=Lane.FILES,
            name=self.tr("Import of CAP alerts"),
            on_done=self._on_imported,
            on_failed=self.show_failure,
            owner=self,
        )

    def _on_imported(self, done: object) -> None:
        taken = done.taken  # type: ignore[attr-defined]
        text = self.tr("%n new alert(s), %1 already here", "", len(taken.new))
        text = text.replace("%1", str(len(taken.known)))
        notes = [why for _identifier, why in taken.refused] + list(done.warnings)  # type: ignore[attr-defined]
        self.statusBar().showMessage(text, 8000)
        self.show_problem("\n".join(notes[:6]) if notes else "")

    def show_failure(self, error: Exception) -> None:
        self.show_problem(str(error))

    def show_problem(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.setVisible(bool(text))
        if text:
            self.problem_shown.emit(text)

    def shutdown(self) -> None:
        self.tasks.drop(self._read_key)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        name = self.operation["name"] if self.operation else ""
        title = self.tr("Alerts and outreach — %1").replace("%1", name)
        if self.operation and self.operation["exercise"]:
            title = self.tr("EXERCISE") + " — " + title
        self.setWindowTitle(title)
        self.tabs.setTabText(0, self.tr("Official alerts (F2)"))
        self.tabs.setTabText(1, self.tr("Public messages (F3)"))
        self.tabs.setTabText(2, self.tr("Rumours (F4)"))
        self.show_ended.setText(self.tr("Show &ended and test messages"))
        self.new_message_button.setText(self.tr("&New message"))
        self.new_rumour_button.setText(self.tr("New &rumour"))
        self.file_menu.setTitle(self.tr("&File"))
        self.import_action.setText(self.tr("&Import CAP alert files…"))
        self.close_action.setText(self.tr("&Close"))


def _ui_language() -> str:
    return QLocale().name().split("_")[0]
