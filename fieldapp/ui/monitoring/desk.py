"""The monitoring desk: sources, the triage queue of cards, and the chosen card.

A window of its own beside the main window (Ctrl+4 there), made to fit a 1024x600
screen: the sources panel folds away (F2 brings it back and goes to it), the queue and
the card share a splitter. Filters above the queue: triage status, words, flagged only,
claimed by me / unclaimed, hidden cards. Keys: F2 sources, F3 queue, F4 card, Ctrl+F
search, Ctrl+R watch rules; triage keys in triage.py.

GUI thread only. Every read runs on the task manager's reads lane (the cards a page at
a time, the card, the sources, the rules). When posts, rules or notes on authors change
(`show_changes`, from the main window's `records_changed`: a poll, an import, a triage,
a sync), the desk first settles the queue on the writes lane (new posts placed in their
cards), then reads again; the chosen cards stay chosen, or the next one is chosen when
the chosen one left the list (as in a mail client).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QItemSelectionModel, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
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

from fieldapp.monitoring.queue import QueueQuery
from fieldapp.ui.kit.banner import ExerciseBanner
from fieldapp.ui.kit.screen import fit_to_screen
from fieldapp.ui.kit.taskman import Lane, TaskManager
from fieldapp.ui.monitoring import jobs
from fieldapp.ui.monitoring.card_view import CardPanel
from fieldapp.ui.monitoring.cards_model import CardTableModel, ClusterIdRole
from fieldapp.ui.monitoring.errors import error_text
from fieldapp.ui.monitoring.public_post import may_reveal
from fieldapp.ui.monitoring.sources_panel import SourcesPanel
from fieldapp.ui.monitoring.triage import TriageActions
from fieldapp.ui.monitoring.words import status_labels

if TYPE_CHECKING:
    from fieldapp.core.changes import Changes
    from fieldapp.core.record_types import Operation
    from fieldapp.store import Store
    from fieldapp.ui.monitoring.rules_dialog import RulesDialog

WATCHED = ("item", "watch_rule", "author_note")
SEARCH_PAUSE_MS = 200
MIN_WIDTH, MIN_HEIGHT = 1024, 600


class MonitoringDesk(QMainWindow):
    """One operation's monitoring desk; `set_operation` follows the main window."""

    rows_loaded = Signal()  # the queue shows the answer to the newest read
    problem_shown = Signal(str)  # a refusal or a failure, in words

    def __init__(self, store: Store, tasks: TaskManager, parent: QWidget | None = None):
        super().__init__(parent, Qt.WindowType.Window)
        self.store, self.tasks = store, tasks
        self.operation: Operation | None = None
        self.rules_dialog: RulesDialog | None = None
        self._settle_key = f"monitoring-settle-{id(self)}"
        self._keep: list[str] = []  # cards to choose again once the rows come
        self._keep_row = -1
        self.model = CardTableModel(tasks, self)
        self.sources = SourcesPanel(tasks, self)
        self.card = CardPanel(tasks, self)
        self.banner = ExerciseBanner(self)
        self.banner.hide()
        self.problem = QLabel(self)
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #5f2120; background: #fdecea; padding: 4px")
        self.problem.hide()
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_PAUSE_MS)
        self._build()
        self._build_filters()
        self.triage = TriageActions(self, self.work_area)
        self._build_menus()
        self._connect()
        self.retranslate()
        fit_to_screen(self, 1280, 800)

    def _build(self) -> None:
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setTabKeyNavigation(False)
        self.view.setWordWrap(False)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(22)
        self.view.setAlternatingRowColors(True)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in enumerate((48, 56, 190, 330, 90, 80, 60)):  # 190: ISO day, time, who
            self.view.setColumnWidth(column, width)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.work_area = QSplitter(Qt.Orientation.Vertical, self)
        self.work_area.addWidget(self.view)
        self.work_area.addWidget(self.card)
        self.work_area.setSizes([300, 260])
        self.work_area.setChildrenCollapsible(False)
        self.splitter = QSplitter(self)
        self.splitter.addWidget(self.sources)
        self.splitter.addWidget(self.work_area)
        self.splitter.setCollapsible(0, True)
        self.splitter.setCollapsible(1, False)
        self.splitter.setSizes([300, 980])
        self.sources.setMinimumWidth(220)
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(4, 0, 4, 0)
        layout.addWidget(self.banner)
        layout.addWidget(self.problem)
        layout.addWidget(self.splitter, 1)
        self.setCentralWidget(central)
        self.statusBar()

    def _build_filters(self) -> None:
        self.toolbar = QToolBar(self)
        self.toolbar.setObjectName("monitoring_filters")
        self.toolbar.setMovable(False)
        self.status_combo = QComboBox(self)
        self.search_edit = QLineEdit(self)
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setMinimumWidth(120)
        self.search_edit.setMaximumWidth(260)
        self.flagged_check = QCheckBox(self)
        self.claimed_combo = QComboBox(self)
        self.hidden_check = QCheckBox(self)
        self.status_label, self.search_label = QLabel(self), QLabel(self)
        self.status_label.setBuddy(self.status_combo)
        self.search_label.setBuddy(self.search_edit)
        for widget in (self.status_label, self.status_combo, self.search_label, self.search_edit,
                       self.flagged_check, self.claimed_combo, self.hidden_check):  # fmt: skip
            self.toolbar.addWidget(widget)
        self.addToolBar(self.toolbar)
        self._fill_combos()

    def _fill_combos(self) -> None:
        status = self.status_combo.currentData() if self.status_combo.count() else "new"
        claimed = self.claimed_combo.currentData()
        self.status_combo.blockSignals(True)
        self.claimed_combo.blockSignals(True)
        self.status_combo.clear()
        for code, label in status_labels().items():
            self.status_combo.addItem(label, code)
        self.status_combo.addItem(self.tr("All"), None)
        self.status_combo.setCurrentIndex(max(0, self.status_combo.findData(status)))
        self.claimed_combo.clear()
        self.claimed_combo.addItem(self.tr("Claimed or not"), None)
        self.claimed_combo.addItem(self.tr("Claimed by me"), "mine")
        self.claimed_combo.addItem(self.tr("Unclaimed"), "free")
        self.claimed_combo.setCurrentIndex(max(0, self.claimed_combo.findData(claimed)))
        self.status_combo.blockSignals(False)
        self.claimed_combo.blockSignals(False)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.sources_menu = bar.addMenu("")
        self.triage_menu = bar.addMenu("")
        self.view_menu = bar.addMenu("")
        self.add_source_action = self._action(None, self.sources.ask_add, self.sources_menu)
        self.paste_action = self._action(None, self.sources.ask_paste, self.sources_menu)
        self.import_action = self._action(None, self.sources.ask_import, self.sources_menu)
        self.poll_action = self._action(None, self.sources.poll_requested.emit, self.sources_menu)
        for name, action in self.triage.actions.items():
            self.triage_menu.addAction(action)
            if name in ("force_claim", "attach", "restore"):
                self.triage_menu.addSeparator()
        self.rules_action = self._action("Ctrl+R", self.open_rules, self.view_menu)
        self.view_menu.addSeparator()
        self.show_sources_action = self._action("F2", self.focus_sources, self.view_menu)
        self.focus_queue_action = self._action("F3", self.focus_queue, self.view_menu)
        self.focus_card_action = self._action("F4", self.focus_card, self.view_menu)
        self.find_action = self._action(
            QKeySequence.StandardKey.Find, self.focus_search, self.view_menu
        )

    def _action(self, keys, slot, menu) -> QAction:
        action = QAction(self)
        if keys is not None:
            action.setShortcut(QKeySequence(keys))
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def _connect(self) -> None:
        self.model.rows_loaded.connect(self._on_model_rows_loaded)
        self.model.read_failed.connect(self.show_problem)
        self.view.selectionModel().selectionChanged.connect(self._on_view_selection_changed)
        self.card.message_posted.connect(self._on_panel_message_posted)
        self.sources.message_posted.connect(self._on_panel_message_posted)
        self._search_timer.timeout.connect(self.refresh)
        self.search_edit.textChanged.connect(self._on_search_edit_changed)
        self.status_combo.currentIndexChanged.connect(self._on_filter_changed)
        self.claimed_combo.currentIndexChanged.connect(self._on_filter_changed)
        self.flagged_check.toggled.connect(self._on_filter_changed)
        self.hidden_check.toggled.connect(self._on_filter_changed)

    # -- operation, query, changes -----------------------------------------------------------

    def set_operation(self, operation: Operation | None) -> None:
        self.operation = operation
        self._keep, self._keep_row = [], -1
        op_id = operation["id"] if operation else ""
        self.sources.set_operation(op_id)
        self.card.operation_id = op_id
        self.card.posts.exercise = bool(operation and operation["exercise"])
        self.card.public.set_operation(may_reveal(self.store, operation))
        self.card.show_card(None)
        self.banner.setVisible(bool(operation and operation["exercise"]))
        self.model.set_query(None)  # never the former operation's cards while reading
        self.settle_and_refresh()
        self._update_title()

    def query(self) -> QueueQuery | None:
        if self.operation is None:
            return None
        return QueueQuery(
            self.operation["id"],
            status=self.status_combo.currentData(),
            search=self.search_edit.text().strip(),
            flagged_only=self.flagged_check.isChecked(),
            show_hidden=self.hidden_check.isChecked(),
            claimed=self.claimed_combo.currentData(),
            user=self.store.user,
        )

    @Slot()
    def refresh(self) -> None:
        """Read the queue again (reads lane), keeping the chosen cards chosen."""
        chosen = self.chosen_cluster_ids()
        if chosen:
            self._keep = chosen
            rows = self.view.selectionModel().selectedRows()
            self._keep_row = min(i.row() for i in rows) if rows else -1
        query = self.query()
        if query != self.model.query:
            self.model.set_query(query)
        else:
            self.model.refresh()

    def settle_and_refresh(self) -> None:
        """Place new posts in their cards (writes lane), then read the queue again."""
        if self.operation is None:
            return
        self.tasks.submit(
            jobs.settle, lane=Lane.WRITES, key=self._settle_key,
            on_done=lambda _placed: self._after_settle(), on_failed=self.show_failure,
            owner=self,
        )  # fmt: skip

    def _after_settle(self) -> None:
        self.refresh()
        self.card.show_card(self.card.cluster_id)

    @Slot(object)
    def show_changes(self, changes: Changes) -> None:
        """Records were written (here, by a job or by sync): settle, then read again."""
        if changes.touches(*WATCHED):
            self.settle_and_refresh()

    @Slot()
    def _on_filter_changed(self, *_args: object) -> None:
        self._keep, self._keep_row = [], -1
        self.refresh()

    @Slot(str)
    def _on_search_edit_changed(self, _text: str) -> None:
        self._search_timer.start()

    # -- selection ------------------------------------------------------------------------

    def chosen_cluster_ids(self) -> list[str]:
        rows = sorted(i.row() for i in self.view.selectionModel().selectedRows())
        found = [self.model.index(r, 0).data(ClusterIdRole) for r in rows]
        return [c for c in found if c]

    def before_triage(self, action: str) -> None:
        """Where the selection goes once a triaged card leaves the list: the next one."""
        rows = self.view.selectionModel().selectedRows()
        self._keep_row = min(i.row() for i in rows) if rows else -1

    @Slot()
    def _on_model_rows_loaded(self) -> None:
        keep, self._keep = self._keep, []
        rows = [r for r in (self.model.row_of(c) for c in keep) if r >= 0]
        if not rows and self._keep_row >= 0 and self.model.rowCount():
            rows = [min(self._keep_row, self.model.rowCount() - 1)]
        self._keep_row = -1
        self._select_rows(rows)
        self.rows_loaded.emit()

    def _select_rows(self, rows: list[int]) -> None:
        selection = self.view.selectionModel()
        if not rows:
            self.card.show_card(None)
            return
        flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        selection.blockSignals(True)
        selection.clearSelection()
        selection.setCurrentIndex(
            self.model.index(rows[0], 0), QItemSelectionModel.SelectionFlag.NoUpdate
        )
        for row in rows:
            selection.select(self.model.index(row, 0), flags)
        selection.blockSignals(False)
        self.view.viewport().update()
        self._on_view_selection_changed()

    @Slot()
    def _on_view_selection_changed(self, *_args: object) -> None:
        chosen = self.chosen_cluster_ids()
        current = self.view.currentIndex().data(ClusterIdRole)
        target = current if current in chosen else (chosen[0] if chosen else None)
        if target != self.card.cluster_id:
            self.card.show_card(target)

    def select_row(self, row: int) -> None:
        """Choose one card by its row (keyboard users: the arrows do the same)."""
        self.view.setFocus()
        self.view.selectRow(row)

    # -- words for the user -------------------------------------------------------------------

    @Slot(str)
    def show_problem(self, words: str) -> None:
        self.problem.setText(words)
        self.problem.show()
        self.statusBar().showMessage(words, 8000)
        self.problem_shown.emit(words)

    def show_failure(self, error: Exception) -> None:
        self.show_problem(error_text(error))

    @Slot(str)
    def _on_panel_message_posted(self, words: str) -> None:
        self.statusBar().showMessage(words, 6000)

    def clear_problem(self) -> None:
        self.problem.hide()

    # -- focus and dialogs --------------------------------------------------------------------

    @Slot()
    def focus_sources(self) -> None:
        if self.splitter.sizes()[0] == 0:
            self.splitter.setSizes([260, max(600, self.width() - 260)])
        self.sources.view.setFocus()

    @Slot()
    def focus_queue(self) -> None:
        self.view.setFocus()
        if self.model.rowCount() and not self.view.selectionModel().hasSelection():
            self.view.selectRow(0)

    @Slot()
    def focus_card(self) -> None:
        self.card.posts_view.setFocus()

    @Slot()
    def focus_search(self) -> None:
        self.search_edit.setFocus()
        self.search_edit.selectAll()

    @Slot()
    def open_rules(self) -> RulesDialog | None:
        if self.operation is None:
            return None
        from fieldapp.ui.monitoring.rules_dialog import RulesDialog

        dialog = RulesDialog(self.tasks, self.operation["id"], self)
        dialog.message_posted.connect(self._on_panel_message_posted)
        self.rules_dialog = dialog
        dialog.open()
        return dialog

    # -- language and closing -------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange and hasattr(self, "triage"):
            self.retranslate()
        super().changeEvent(event)

    def _update_title(self) -> None:
        name = self.operation["name"] if self.operation else self.tr("no operation")
        self.setWindowTitle(self.tr("Monitoring desk — %1").replace("%1", name))

    def retranslate(self) -> None:
        self._fill_combos()
        self.status_label.setText(self.tr("Sho&w:"))
        self.search_label.setText(self.tr("Searc&h:"))
        self.search_edit.setPlaceholderText(self.tr("words in the posts (Ctrl+F)"))
        self.flagged_check.setText(self.tr("&Flagged only"))
        self.hidden_check.setText(self.tr("Show hi&dden"))
        self.sources_menu.setTitle(self.tr("&Sources"))
        self.triage_menu.setTitle(self.tr("&Triage"))
        self.view_menu.setTitle(self.tr("&View"))
        self.add_source_action.setText(self.tr("&Add source…"))
        self.paste_action.setText(self.tr("&Paste a post…"))
        self.import_action.setText(self.tr("&Import a file…"))
        self.poll_action.setText(self.tr("Poll &now"))
        self.rules_action.setText(self.tr("&Watch rules…"))
        self.show_sources_action.setText(self.tr("&Sources panel"))
        self.focus_queue_action.setText(self.tr("&Queue"))
        self.focus_card_action.setText(self.tr("&Card"))
        self.find_action.setText(self.tr("Searc&h"))
        self.triage.retranslate()
        self.model.retranslate()
        self.sources.retranslate()
        self.card.retranslate()
        self._update_title()

    def shutdown(self) -> None:
        """Drop the reads still to come (the window closes with the main window)."""
        for key in (self._settle_key,):
            self.tasks.drop(key)
        self.model.set_query(None)
        self.card.show_card(None)
