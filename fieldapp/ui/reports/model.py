"""The report list as a lazy Qt table model over the store.

The model holds only the ordered row numbers (`seq`) of the matching reports; the query
that finds them runs in `ReportQueryRunner`'s thread. Rows are read on demand in
`data()`, a page at a time with `Store.reports.by_seq`, and a bounded number of pages
is kept (least recently used first out). GUI thread only: the page reads are small
indexed lookups on the GUI thread's own Store.

A read that fails (the query in the thread, or a page or first page here: a disk I/O
error, a lock held too long, a damaged file) empties the list and emits `query_failed`:
rows of an earlier query must never pass for the answer to the current one. The next
successful read shows the rows again.
"""

from __future__ import annotations

import logging
import sqlite3
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import partial
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import QBrush, QColor, QFont, QIcon, QPainter, QPixmap

from fieldapp.core.record_types import ReportRow
from fieldapp.reports.domain import SEVERITY_COLOURS
from fieldapp.reports.query import INDEXED_SORTS, SORTABLE, ReportQuery
from fieldapp.store import Store
from fieldapp.ui.kit import dates, i18n
from fieldapp.ui.reports.query_worker import ReportQueryRunner

log = logging.getLogger(__name__)
PAGE_SIZE = 100
REST_DELAY_MS = 150
REST_PAINT_TIMEOUT_MS = 1000
MAX_PAGES = 30
ReportIdRole = Qt.ItemDataRole.UserRole + 1
SeverityRole = Qt.ItemDataRole.UserRole + 2
# data() runs for every visible cell and role; plain ints keep the role tests cheap.
_DISPLAY = int(Qt.ItemDataRole.DisplayRole.value)
_DECORATION = int(Qt.ItemDataRole.DecorationRole.value)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole.value)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole.value)
_FONT = int(Qt.ItemDataRole.FontRole.value)
_ID = int(ReportIdRole)
_SEVERITY = int(SeverityRole)
_ROLES = frozenset((_DISPLAY, _DECORATION, _TOOLTIP, _FOREGROUND, _FONT, _ID, _SEVERITY))
_Index = QModelIndex | QPersistentModelIndex
_ROW_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_NO_FLAGS = Qt.ItemFlag.NoItemFlags


@dataclass(frozen=True)
class Column:
    field: str
    sort_key: str | None  # a key of report_query.SORTABLE, or None when not sortable


COLUMNS = (
    Column("title", "title"),
    Column("kind", "kind"),
    Column("severity", "severity"),
    Column("status", "status"),
    Column("verification", "verification"),
    Column("place", "place"),
    Column("observed_at", "observed_at"),
    Column("created_at", "created_at"),
    Column("author", None),
)
assert all(c.sort_key in SORTABLE for c in COLUMNS if c.sort_key)


def column_of(field: str) -> int:
    return next(i for i, column in enumerate(COLUMNS) if column.field == field)


def short_time(stored: str | None) -> str:
    """A stored UTC time as "2026-11-28 14:05" (the list says UTC in its header)."""
    return dates.list_time(stored, utc=True)


def severity_icon(severity: int) -> QIcon:
    pixmap = QPixmap(12, 12)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(QColor(SEVERITY_COLOURS[severity]))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawEllipse(1, 1, 10, 10)
    painter.end()
    return QIcon(pixmap)


def _first_page_is_cheap(query: ReportQuery) -> bool:
    filtered = query.search or query.statuses or query.kinds or query.verifications
    return query.sort in INDEXED_SORTS and not filtered and not query.severities


class ReportTableModel(QAbstractTableModel):
    """Reports of one query; `set_query` reloads, `refresh` re-reads after a change."""

    results_loaded = Signal(int)  # rows now shown; is_complete() says if more will come
    query_failed = Signal(str)  # why the newest read failed; the list is now empty

    def __init__(self, store: Store, runner: ReportQueryRunner, parent: Any = None):
        super().__init__(parent)
        self._store = store
        self._runner = runner
        self._query: ReportQuery | None = None
        self._generation = 0
        self._seqs: list[int] = []
        self._complete = False
        # Pages of rows by page number: seq -> (report, display texts by column).
        self._pages: OrderedDict[int, dict[int, tuple[ReportRow, tuple[str, ...]]]] = OrderedDict()
        self._icons: dict[int, QIcon] = {}
        self._labels: dict[str, dict] = {}
        self._headers: list[str] = []
        self._rest_after_paint: int | None = None
        self._page_failed = 0  # the generation whose page read failed (said once)
        # Set by the view: True while it is on screen but has not painted the new rows.
        self.paint_pending: Callable[[], bool] = lambda: False
        self._load_labels()
        runner.results_arrived.connect(self._on_runner_results_arrived)
        runner.query_failed.connect(self._on_runner_query_failed)

    # -- queries ---------------------------------------------------------------------

    @property
    def query(self) -> ReportQuery | None:
        return self._query

    def set_query(self, query: ReportQuery) -> None:
        """Show the reports of `query`; rows arrive asynchronously (results_loaded).

        An unfiltered list in an index-served order reads its first page here (one short
        index walk, ~1 ms), so the window shows rows without waiting for the worker.
        """
        self._query = query
        self._complete = False
        if not _first_page_is_cheap(query):
            self._generation = self._runner.submit(query)
            return
        self._generation = self._runner.submit(query, first_page=False)
        size = self._runner.first_page
        try:
            first = self._store.reports.seqs(replace(query, limit=size))
        except sqlite3.Error as exc:
            log.warning("the first page of the report list could not be read: %s", exc)
            self._on_runner_query_failed(self._generation, str(exc) or type(exc).__name__)
            return
        self._on_runner_results_arrived(self._generation, (first, len(first) < size))

    def refresh(self) -> None:
        """Re-read the rows and re-run the query after the data changed."""
        self.drop_cache()
        if self._query is not None:
            self.set_query(self._query)

    def clear(self) -> None:
        """No operation: an empty list; answers still in flight are ignored."""
        self._query = None
        self._generation = -1
        self.beginResetModel()
        self._seqs, self._complete = [], True
        self._pages.clear()
        self.endResetModel()

    def is_complete(self) -> bool:
        return self._complete

    def drop_cache(self) -> None:
        self._pages.clear()
        if self._seqs:
            last = self.index(len(self._seqs) - 1, len(COLUMNS) - 1)
            self.dataChanged.emit(self.index(0, 0), last)

    @Slot(int, object)
    def _on_runner_results_arrived(self, generation: int, answer: tuple[list[int], bool]) -> None:
        if generation != self._generation:
            return
        seqs, complete = answer
        old = self._seqs
        if seqs == old:
            pass
        elif len(seqs) > len(old) and seqs[: len(old)] == old:
            self.beginInsertRows(QModelIndex(), len(old), len(seqs) - 1)
            self._seqs = seqs
            self.endInsertRows()
        else:
            self.beginResetModel()
            self._seqs = seqs
            self._pages.clear()
            self.endResetModel()
        self._complete = complete
        if not complete:
            # The full list is a long read that holds the GIL in the worker: ask for it once
            # typing has paused and the first page is painted, so neither waits for it.
            QTimer.singleShot(REST_DELAY_MS, partial(self._on_rest_timer, generation))
        self.results_loaded.emit(len(seqs))

    def _on_rest_timer(self, generation: int) -> None:
        if generation != self._generation:
            return
        if self.paint_pending():
            self._rest_after_paint = generation  # e.g. a slow first paint at start-up
            QTimer.singleShot(REST_PAINT_TIMEOUT_MS, self.rows_painted)  # in case none comes
        else:
            self._fetch_rest(generation)

    def rows_painted(self) -> None:
        """The view has painted the current rows: a full-list read waiting for it may go."""
        generation, self._rest_after_paint = self._rest_after_paint, None
        if generation is not None:
            self._fetch_rest(generation)

    def _fetch_rest(self, generation: int) -> None:
        if generation == self._generation and self._query is not None:
            self._runner.fetch_rest(generation, self._query)

    @Slot(int, str)
    def _on_runner_query_failed(self, generation: int, message: str) -> None:
        if generation != self._generation:
            return
        self.beginResetModel()
        self._seqs, self._complete = [], True
        self._pages.clear()
        self.endResetModel()
        self.query_failed.emit(message)

    # -- rows ------------------------------------------------------------------------

    def report_at(self, row: int) -> ReportRow | None:
        """The list columns (Store.list_rows) of the report at `row`, or None."""
        shown = self._shown(row)
        return shown[0] if shown else None

    def _shown(self, row: int) -> tuple[ReportRow, tuple[str, ...]] | None:
        """A row as (report, display texts by column), from the page cache."""
        if not 0 <= row < len(self._seqs):
            return None
        number = row // PAGE_SIZE
        page = self._pages.get(number)
        if page is None:
            page = self._load_page(number)
        else:
            self._pages.move_to_end(number)
        return page.get(self._seqs[row])

    def _load_page(self, number: int) -> dict[int, tuple[ReportRow, tuple[str, ...]]]:
        """Read a page of reports and format their cells once (paint asks for each often)."""
        first = number * PAGE_SIZE
        try:
            found = self._store.reports.list_rows(self._seqs[first : first + PAGE_SIZE])
        except sqlite3.Error as exc:
            self._on_page_read_failed(str(exc) or type(exc).__name__)
            return {}  # not kept: blank rows now, an empty list once the paint is over
        cells = self._cell_texts
        page = {
            seq: (report, tuple([text(report) for text in cells])) for seq, report in found.items()
        }
        self._pages[number] = page
        while len(self._pages) > MAX_PAGES:
            self._pages.popitem(last=False)
        return page

    def _on_page_read_failed(self, message: str) -> None:
        """A page read failed inside data(): empty the list after this paint (a reset in
        the middle of one is not allowed), once per query, not once per cell."""
        if self._page_failed == self._generation:
            return
        self._page_failed = self._generation
        log.warning("a page of the report list could not be read: %s", message)
        QTimer.singleShot(0, partial(self._on_runner_query_failed, self._generation, message))

    def report_id_at(self, row: int) -> str | None:
        report = self.report_at(row)
        return report["id"] if report else None

    def row_of_seq(self, seq: int) -> int:
        try:
            return self._seqs.index(seq)
        except ValueError:
            return -1

    def cached_pages(self) -> int:
        return len(self._pages)

    # -- Qt model interface -------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._seqs)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        return _ROW_FLAGS if index.isValid() else _NO_FLAGS

    def data(self, index: _Index, role: int = _DISPLAY) -> Any:
        # Called for every visible cell and role at each paint: the common case goes first.
        role = int(role)
        if role not in _ROLES:
            return None
        shown = self._shown(index.row())  # an invalid index has row -1: None
        if shown is None:
            return None
        report, texts = shown
        if role == _DISPLAY:
            return texts[index.column()]
        field = COLUMNS[index.column()].field
        if role == _ID:
            return report["id"]
        if role == _SEVERITY:
            return report["severity"]
        return self._decoration(report, field, role)

    def _text_of(self, field: str) -> Callable[[ReportRow], str]:
        """How a column's cell text is made from a list row (one function per column)."""
        if field in ("observed_at", "created_at"):
            return lambda report: short_time(report[field])
        labels = self._labels.get(field)
        if labels is not None:
            return lambda report: labels.get(report[field], str(report[field]))
        return lambda report: "" if report[field] is None else str(report[field])

    def _decoration(self, report: ReportRow, field: str, role: int) -> Any:
        if role == _DECORATION:
            return self._icons.get(report["severity"]) if field == "severity" else None
        if role == _TOOLTIP and field == "title":
            body = report["body"].strip()
            return f"{report['title']}\n\n{body[:300]}" if body else report["title"]
        if role == _FOREGROUND and report["status"] in ("closed", "duplicate"):
            return self._muted
        if role == _FONT and report["verification"] == "debunked":
            return self._struck
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        if role == Qt.ItemDataRole.ToolTipRole and COLUMNS[section].sort_key:
            return self.tr("Click to sort by this column")
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = COLUMNS[column].sort_key if 0 <= column < len(COLUMNS) else None
        if key is None or self._query is None:
            return
        descending = order == Qt.SortOrder.DescendingOrder
        if (self._query.sort, self._query.descending) != (key, descending):
            self.set_query(replace(self._query, sort=key, descending=descending))

    # -- language ----------------------------------------------------------------------

    def retranslate(self) -> None:
        self._load_labels()
        self._pages.clear()  # the cached cell texts hold the old language's labels
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)
        if self._seqs:
            last = self.index(len(self._seqs) - 1, len(COLUMNS) - 1)
            self.dataChanged.emit(self.index(0, 0), last)

    def _load_labels(self) -> None:
        self._labels = {
            "kind": i18n.kind_labels(),
            "status": i18n.status_labels(),
            "verification": i18n.verification_labels(),
            "severity": i18n.severity_labels(),
        }
        self._cell_texts = [self._text_of(column.field) for column in COLUMNS]
        if not self._icons and QCoreApplication.instance() is not None:
            self._icons = {level: severity_icon(level) for level in SEVERITY_COLOURS}
            self._muted = QBrush(QColor("#757575"))
            self._struck = QFont()
            self._struck.setStrikeOut(True)
        self._headers = [
            self.tr("Title"),
            self.tr("Kind"),
            self.tr("Severity"),
            self.tr("Status"),
            self.tr("Verification"),
            self.tr("Place"),
            self.tr("Observed (UTC)"),
            self.tr("Created (UTC)"),
            self.tr("Author"),
        ]
