"""The triage queue as a lazy, paged Qt table model of cards (one card per cluster).

`set_query` asks the reads lane for how many cards match and the first page; the model
then shows that many rows. Any other page is read on the reads lane too, the first time
a view asks for one of its rows (the row shows "…" until it comes), so scrolling through
100,000 posts never makes the GUI thread wait on SQLite. A bounded number of pages is
kept, least recently used out. Each answer carries the generation of the query it
answered: once a newer query or a refresh is asked, older answers are dropped.

A refresh keeps the row count and the pages until the new first answer arrives, then
resets; the desk puts its selection back by cluster id (`row_of`). A failed read empties
the model and says why (`read_failed`), never showing rows of another query.
GUI thread only; the reads run in the task manager.
"""

from __future__ import annotations

from collections import OrderedDict
from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import QBrush, QColor, QFont

from fieldapp.ui.kit.taskman import Lane, TaskManager
from fieldapp.ui.monitoring import jobs
from fieldapp.ui.monitoring.errors import error_text
from fieldapp.ui.monitoring.words import card_headers, first_seen, status_labels, translate

if TYPE_CHECKING:
    from fieldapp.monitoring.queue import Card, QueueQuery

PAGE_SIZE = 100
MAX_PAGES = 40
COLUMNS = ("posts", "authors", "first_seen", "text", "status", "claimed_by", "flag")
TEXT_SHOWN = 200
ClusterIdRole = Qt.ItemDataRole.UserRole + 1
_DISPLAY = int(Qt.ItemDataRole.DisplayRole.value)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole.value)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole.value)
_FONT = int(Qt.ItemDataRole.FontRole.value)
_ALIGN = int(Qt.ItemDataRole.TextAlignmentRole.value)
_ID = int(ClusterIdRole)
_Index = QModelIndex | QPersistentModelIndex
_Shown = tuple["Card", tuple[str, ...]]
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


def one_line(text: str, limit: int = TEXT_SHOWN) -> str:
    """A post's text on one line, as plain text (never read as markup by the view)."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


class CardTableModel(QAbstractTableModel):
    """The cards of one QueueQuery, the most recently active first."""

    rows_loaded = Signal()  # the answer to the newest query (or refresh) is shown
    page_loaded = Signal(int)  # a page (by number) came and its rows are filled in
    read_failed = Signal(str)  # why the newest read failed, in words; the list is empty

    def __init__(self, tasks: TaskManager, parent: Any = None):
        super().__init__(parent)
        self._tasks = tasks
        self._key = f"monitoring-cards-{id(self)}"
        self._query: QueueQuery | None = None
        self._generation = 0
        self._count = 0
        self._pages: OrderedDict[int, list[_Shown]] = OrderedDict()
        self._asked: set[int] = set()  # pages asked for in this generation
        self._to_ask: set[int] = set()
        self._loaded = False
        self._ask_timer = QTimer(self)
        self._ask_timer.setSingleShot(True)
        self._ask_timer.setInterval(0)  # after the paint that needed them
        self._ask_timer.timeout.connect(self._on_ask_timer_timeout)
        self._headers = card_headers()
        self._statuses = status_labels()
        self._words = self._flag_words()
        self._flag_brush = QBrush(QColor("#b71c1c"))
        self._bold = QFont()
        self._bold.setBold(True)

    # -- queries --------------------------------------------------------------------------

    @property
    def query(self) -> QueueQuery | None:
        return self._query

    def set_query(self, query: QueueQuery | None) -> None:
        """Show the cards of this query (None: none); the rows come from the reads lane."""
        self._query = query
        if query is None:
            self._generation += 1
            self._tasks.drop(self._key)
            self._apply(self._generation, (0, []))
            return
        self.refresh()

    def refresh(self) -> None:
        """Read the count and the first page again (after a change); newer asks win."""
        if self._query is None:
            return
        self._generation += 1
        self._loaded = False
        generation = self._generation
        self._tasks.submit(
            partial(jobs.read_first, self._query, PAGE_SIZE),
            lane=Lane.READS,
            key=self._key,
            on_done=partial(self._apply, generation),
            on_failed=partial(self._fail, generation),
            owner=self,
        )

    def is_loaded(self) -> bool:
        """True once the answer to the newest query or refresh is shown."""
        return self._loaded

    def _apply(self, generation: int, answer: tuple[int, list[Card]]) -> None:
        if generation != self._generation:
            return
        count, first = answer
        self.beginResetModel()
        self._count = count
        self._pages.clear()
        self._asked = {0}
        self._to_ask.clear()
        if count:
            self._pages[0] = [self._shown(card) for card in first]
        self.endResetModel()
        self._loaded = True
        self.rows_loaded.emit()

    def _fail(self, generation: int, error: Exception) -> None:
        if generation != self._generation:
            return
        self._apply(generation, (0, []))
        self.read_failed.emit(error_text(error))

    # -- pages ----------------------------------------------------------------------------

    def _row(self, row: int) -> _Shown | None:
        if not 0 <= row < self._count:
            return None
        number, offset = divmod(row, PAGE_SIZE)
        page = self._pages.get(number)
        if page is None:
            if number not in self._asked:
                self._asked.add(number)
                self._to_ask.add(number)
                self._ask_timer.start()
            return None
        self._pages.move_to_end(number)
        return page[offset] if offset < len(page) else None

    @Slot()
    def _on_ask_timer_timeout(self) -> None:
        asked, self._to_ask = sorted(self._to_ask), set()
        if self._query is None:
            return
        for number in asked:
            self._tasks.submit(
                partial(jobs.read_page, self._query, number * PAGE_SIZE, PAGE_SIZE),
                lane=Lane.READS,
                key=f"{self._key}-page-{number}",
                on_done=partial(self._on_page_read, self._generation, number),
                on_failed=partial(self._fail, self._generation),
                owner=self,
            )

    def _on_page_read(self, generation: int, number: int, cards: list[Card]) -> None:
        if generation != self._generation:
            return
        self._pages[number] = [self._shown(card) for card in cards]
        while len(self._pages) > MAX_PAGES:
            dropped, _ = self._pages.popitem(last=False)
            self._asked.discard(dropped)
        first = number * PAGE_SIZE
        last = min(first + PAGE_SIZE, self._count) - 1
        if last >= first:
            self.dataChanged.emit(self.index(first, 0), self.index(last, len(COLUMNS) - 1))
        self.page_loaded.emit(number)

    def cached_pages(self) -> int:
        return len(self._pages)

    # -- cards ----------------------------------------------------------------------------

    def card_at(self, row: int) -> Card | None:
        shown = self._row(row)
        return shown[0] if shown else None

    def row_of(self, cluster_id: str) -> int:
        """The row of a card among the pages read (-1 if not there)."""
        for number, page in self._pages.items():
            for offset, (card, _texts) in enumerate(page):
                if card.cluster_id == cluster_id:
                    return number * PAGE_SIZE + offset
        return -1

    def _shown(self, card: Card) -> _Shown:
        flag = self._words["hidden"] if card.hidden else ""
        if card.flagged:
            flag = self._words["flagged"]
        texts = (
            str(card.posts),
            str(card.authors),
            first_seen(card.first_at, card.handle, card.author),
            one_line(card.text or card.url),
            self._statuses.get(card.status, card.status),
            card.claimed_by,
            flag,
        )
        return card, texts

    # -- Qt -------------------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        return _FLAGS if index.isValid() else Qt.ItemFlag.NoItemFlags

    def data(self, index: _Index, role: int = _DISPLAY) -> Any:
        role = int(role)
        if not index.isValid() or role not in (_DISPLAY, _TOOLTIP, _FOREGROUND, _FONT, _ID, _ALIGN):
            return None
        column = index.column()
        if role == _ALIGN:
            return _RIGHT if column < 2 else None
        shown = self._row(index.row())
        if shown is None:
            return "…" if role == _DISPLAY and column == 3 else None
        card, texts = shown
        if role == _DISPLAY:
            return texts[column]
        if role == _ID:
            return card.cluster_id
        if role == _TOOLTIP:
            return one_line(card.text, 600) if column == 3 else None
        if role == _FONT:
            return self._bold if card.flagged else None
        return self._flag_brush if card.flagged and column == 6 else None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        return self._headers[section] if int(role) == _DISPLAY else None

    @staticmethod
    def _flag_words() -> dict[str, str]:
        return {
            "flagged": translate("Monitoring", "Flagged"),
            "hidden": translate("Monitoring", "Hidden"),
        }

    def retranslate(self) -> None:
        self._headers = card_headers()
        self._statuses = status_labels()
        self._words = self._flag_words()
        for number, page in self._pages.items():
            self._pages[number] = [self._shown(card) for card, _ in page]
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)
        if self._count:
            self.dataChanged.emit(self.index(0, 0), self.index(self._count - 1, len(COLUMNS) - 1))
