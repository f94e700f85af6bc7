"""The left side of the window: filter bar, report table and its selection.

It turns the filter bar and the header's sort indicator into a ReportQuery for the
lazy `ReportTableModel`, and keeps the chosen report selected across re-queries (the
rows arrive asynchronously from the query thread). When a read fails the model is empty
and a bar above the table says why until a read succeeds; its "Try again" reads again.
GUI thread only.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import (
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import QAction, QKeySequence, QPaintEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QVBoxLayout, QWidget

from fieldapp.reports.query import ReportQuery
from fieldapp.store import Store
from fieldapp.ui.kit.read_problem import REPORTS, ReadProblemBar
from fieldapp.ui.reports.filter_bar import FilterBar
from fieldapp.ui.reports.model import COLUMNS, ReportTableModel, column_of
from fieldapp.ui.reports.query_worker import ReportQueryRunner

DEFAULT_SORT = "created_at"
_COLUMN_WIDTHS = {"title": 280, "kind": 130, "severity": 110, "status": 100, "place": 120}


class ReportTableView(QTableView):
    """The report table; says when it has painted rows.

    A paint override, not an event filter on the viewport: the first Python access to
    `viewport()` makes PySide build dozens of wrapper types (~30 ms of start-up).
    """

    rows_painted = Signal()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        model = self.model()
        if model is not None and model.rowCount():
            self.rows_painted.emit()


class ReportListPanel(QWidget):
    """Search, filters and the report table of the current operation."""

    current_changed = Signal(object)  # the report id now selected, or None
    delete_requested = Signal()
    open_requested = Signal()

    def __init__(self, store: Store, runner: ReportQueryRunner, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = ReportTableModel(store, runner, self)
        self.filter_bar = FilterBar(self)
        self.view = ReportTableView(self)
        self.problem = ReadProblemBar(self)
        self._operation_id: str | None = None
        self._wanted_seq: int | None = None
        self._quiet = False  # True while the panel itself moves the selection
        self._sort_column = column_of(DEFAULT_SORT)
        self._setup_view()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.filter_bar)
        layout.addWidget(self.problem)
        layout.addWidget(self.view, 1)
        self.filter_bar.filters_changed.connect(self._on_filter_bar_filters_changed)
        self.model.results_loaded.connect(self._on_model_results_loaded)
        self.model.query_failed.connect(self._on_model_query_failed)
        self.problem.retry_clicked.connect(self._on_problem_retry_clicked)
        self._rows_painted = True
        self.model.paint_pending = lambda: self.view.isVisible() and not self._rows_painted
        self.view.rows_painted.connect(self._on_view_rows_painted)
        self.model.rowsInserted.connect(self._on_model_rows_inserted)
        self.model.modelReset.connect(self._on_model_reset)
        selection = self.view.selectionModel()
        selection.currentRowChanged.connect(self._on_selection_current_row_changed)

    def _setup_view(self) -> None:
        view = self.view
        view.setModel(self.model)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setAlternatingRowColors(True)
        view.setWordWrap(False)
        view.verticalHeader().hide()
        view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
        header = view.horizontalHeader()
        header.setSortIndicator(self._sort_column, Qt.SortOrder.DescendingOrder)
        header.setSortIndicatorShown(True)
        header.setStretchLastSection(True)
        for field, width in _COLUMN_WIDTHS.items():
            header.resizeSection(column_of(field), width)
        view.setSortingEnabled(True)
        header.sortIndicatorChanged.connect(self._on_header_sort_indicator_changed)
        self.delete_action = QAction(view)
        self.delete_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.delete_action.triggered.connect(self.delete_requested)
        view.addAction(self.delete_action)
        view.activated.connect(self._on_view_activated)

    def take_filter_bar(self) -> FilterBar:
        """Hand the filter bar to a parent that shows it above the list and the map."""
        layout = self.layout()
        assert layout is not None  # set in __init__
        layout.removeWidget(self.filter_bar)
        return self.filter_bar

    # -- queries -----------------------------------------------------------------------

    def set_operation(self, operation_id: str | None) -> None:
        """Show an operation's reports, unfiltered (None: an empty list).

        The rows of another operation go at once, not when this one's arrive: a slow
        read must not leave them passing for this operation's.
        """
        changed = operation_id != self._operation_id
        self._operation_id = operation_id
        self._wanted_seq = None
        self.filter_bar.reset()
        query = self.current_query()  # before clear(): the sort order stays
        if changed or query is None:
            self.model.clear()
        if query is None:
            self.problem.set_problem(REPORTS, None)  # nothing to read, nothing missing
        else:
            self.model.set_query(query)

    def current_query(self) -> ReportQuery | None:
        if self._operation_id is None:
            return None
        bar = self.filter_bar
        base = self.model.query or ReportQuery(self._operation_id, sort=DEFAULT_SORT)
        return replace(
            base,
            operation_id=self._operation_id,
            statuses=bar.statuses.selected(),
            kinds=bar.kinds.selected(),
            severities=bar.severities.selected(),
            verifications=bar.verifications.selected(),
            search=bar.search_text(),
        )

    def requery(self) -> None:
        query = self.current_query()
        if query is not None:
            self.model.set_query(query)

    def refresh(self) -> None:
        """Re-read after a change (the selection stays on its report)."""
        self.model.refresh()

    def keep_selected(self, seq: int | None) -> None:
        """The report to keep (or put) selected when the rows are read again."""
        if seq is not None:
            self._wanted_seq = seq

    # -- selection ---------------------------------------------------------------------

    def current_report_id(self) -> str | None:
        index = self.view.currentIndex()
        return self.model.report_id_at(index.row()) if index.isValid() else None

    def select_seq(self, seq: int | None, notify: bool = False) -> bool:
        """Select the report with this row number if it is listed."""
        row = self.model.row_of_seq(seq) if seq is not None else -1
        selection = self.view.selectionModel()
        self._quiet = not notify
        try:
            if row < 0:
                selection.clearCurrentIndex()
                selection.clearSelection()
                return False
            flags = (
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows
            )
            selection.setCurrentIndex(self.model.index(row, 0), flags)
            self.view.scrollTo(self.model.index(row, 0))
            return True
        finally:
            self._quiet = False
            self._wanted_seq = seq

    def clear_selection(self) -> None:
        self.select_seq(None)

    @Slot(QModelIndex, QModelIndex)
    def _on_selection_current_row_changed(self, current: QModelIndex, _prev: QModelIndex) -> None:
        report = self.model.report_at(current.row()) if current.isValid() else None
        self._wanted_seq = report["seq"] if report else None
        if not self._quiet:
            self.current_changed.emit(report["id"] if report else None)

    @Slot(QModelIndex)
    def _on_view_activated(self, _index: QModelIndex) -> None:
        self.open_requested.emit()

    @Slot()
    def _on_model_reset(self) -> None:
        self._rows_painted = False
        if self._wanted_seq is not None:
            self.select_seq(self._wanted_seq)

    @Slot(int)
    def _on_model_results_loaded(self, rows: int) -> None:
        self.problem.set_problem(REPORTS, None)
        self.filter_bar.show_count(rows, self.model.is_complete())
        wanted = self._wanted_seq
        if wanted is not None and self.current_report_id() is None:
            self.select_seq(wanted)

    @Slot(str)
    def _on_model_query_failed(self, message: str) -> None:
        self.problem.set_problem(REPORTS, message)
        self.filter_bar.show_count(None, True)

    @Slot()
    def _on_problem_retry_clicked(self) -> None:
        self.refresh()

    @Slot()
    def _on_filter_bar_filters_changed(self) -> None:
        self.requery()

    @Slot(int, Qt.SortOrder)
    def _on_header_sort_indicator_changed(self, column: int, order: Qt.SortOrder) -> None:
        if COLUMNS[column].sort_key is None:
            # Not sortable (no index for it): put the indicator back where the list is.
            header = self.view.horizontalHeader()
            query = self.model.query
            descending = query.descending if query else True
            header.blockSignals(True)
            header.setSortIndicator(
                self._sort_column,
                Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder,
            )
            header.blockSignals(False)
            return
        self._sort_column = column

    def rows_on_screen(self) -> bool:
        """True once the table has painted the rows of the latest results."""
        return self._rows_painted

    @Slot()
    def _on_model_rows_inserted(self) -> None:
        self._rows_painted = False

    @Slot()
    def _on_view_rows_painted(self) -> None:
        """New rows are on screen: tell the model (it then reads the full list)."""
        if not self._rows_painted:
            self._rows_painted = True
            QTimer.singleShot(0, self.model.rows_painted)  # once this paint is flushed

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.model.retranslate()
        super().changeEvent(event)
