"""The radio desk's tables: the message log (lazy, paged) and the queue to pass on.

`RadioLogModel` follows ReportTableModel: it holds only the ordered row numbers of the
log (newest first, or of the messages matching a search) and reads the rows a page at
a time with `Store.radio.by_seq`, keeping a bounded number of pages. `RadioQueueModel`
shows the first rows of `Store.radio.queue` (EMERGENCY first, then PRIORITY, WELFARE,
ROUTINE, oldest first within each): the queue is what an operator can still act on, so
it is bounded and read whole. Labels of the radio vocabulary live here too.

GUI thread only. The long reads (the log's row numbers, its first page, the queue) are
made by RadioQueryRunner's thread and handed to `apply`; the models themselves only read
a page of the log when the view scrolls to it (one indexed lookup of 100 rows). If that
read fails the rows stay blank and `page_read_failed` says why (once per `apply`), after
the paint: the desk then empties the tables and says so.
"""

from __future__ import annotations

import sqlite3
from collections import OrderedDict
from functools import partial
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont

from fieldapp.core.record_types import RadioMessage
from fieldapp.store import Store
from fieldapp.ui.kit import dates
from fieldapp.ui.kit.i18n import translate
from fieldapp.ui.radio.query import PAGE_SIZE

MAX_PAGES = 30
MessageIdRole = Qt.ItemDataRole.UserRole + 1
_DISPLAY = int(Qt.ItemDataRole.DisplayRole.value)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole.value)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole.value)
_FONT = int(Qt.ItemDataRole.FontRole.value)
_ID = int(MessageIdRole)
_Index = QModelIndex | QPersistentModelIndex
_Shown = tuple[RadioMessage, tuple[str, ...]]  # a message and its cells
_ROW_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
URGENT = ("EMERGENCY", "TRES URGENT")
COLUMNS = ("logged_at", "direction", "status", "precedence", "number", "station", "check", "text")


def status_labels() -> dict[str, str]:
    return {
        "received": translate("RadioStatus", "Received"),
        "waiting_relay": translate("RadioStatus", "Waiting for relay"),
        "relayed": translate("RadioStatus", "Relayed"),
        "delivered": translate("RadioStatus", "Delivered"),
        "serviced": translate("RadioStatus", "Serviced"),
    }


def direction_labels() -> dict[str, str]:
    return {
        "received": translate("RadioDirection", "Received"),
        "sent": translate("RadioDirection", "Sent"),
        "relayed": translate("RadioDirection", "Relayed"),
    }


def kind_labels() -> dict[str, str]:
    return {
        "radiogram": translate("RadioKind", "Radiogram"),
        "ics213": translate("RadioKind", "ICS-213"),
        "adrasec": translate("RadioKind", "ADRASEC message"),
        "plain": translate("RadioKind", "Plain message"),
    }


def headers() -> list[str]:
    return [
        translate("RadioColumns", "Logged (UTC)"),
        translate("RadioColumns", "Direction"),
        translate("RadioColumns", "Status"),
        translate("RadioColumns", "Precedence"),
        translate("RadioColumns", "NR"),
        translate("RadioColumns", "Station"),
        translate("RadioColumns", "Check"),
        translate("RadioColumns", "Text"),
    ]


def cells(
    message: RadioMessage, labels: tuple[dict[str, str], dict[str, str]] | None = None
) -> tuple[str, ...]:
    """The display texts of one message, in COLUMNS order.

    `labels` (direction_labels(), status_labels()) saves making them again for each row.
    """
    directions, statuses = labels or (direction_labels(), status_labels())
    station = message["received_from"] or message["origin_station"]
    text = (message["subject"] or message["text"]).replace("\n", " ")
    precedence = ("TEST " if message["test"] else "") + message["precedence"]
    stamp = message["logged_at"] or ""
    direction: str = message["direction"]
    status: str = message["status"]
    return (
        dates.list_time(stamp, utc=True, seconds=True),
        directions.get(direction, direction),
        statuses.get(status, status),
        precedence,
        message["number"],
        station,
        message["check"],
        text[:120],
    )


class _MessageTable(QAbstractTableModel):
    """What both tables share: columns, headers, the look of a row."""

    def __init__(self, store: Store, parent: Any = None):
        super().__init__(parent)
        self._store = store
        self._headers = headers()
        self._labels = (direction_labels(), status_labels())
        self._urgent = QBrush(QColor("#b71c1c"))
        self._warned = QBrush(QColor("#8d5a00"))
        self._bold = QFont()
        self._bold.setBold(True)

    def _shown(self, row: int) -> _Shown | None:
        raise NotImplementedError

    def message_at(self, row: int) -> RadioMessage | None:
        shown = self._shown(row)
        return shown[0] if shown else None

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        return _ROW_FLAGS if index.isValid() else Qt.ItemFlag.NoItemFlags

    def data(self, index: _Index, role: int = _DISPLAY) -> Any:
        role = int(role)
        if role not in (_DISPLAY, _TOOLTIP, _FOREGROUND, _FONT, _ID):
            return None
        shown = self._shown(index.row()) if index.isValid() else None
        if shown is None:
            return None
        message, texts = shown
        if role == _DISPLAY:
            return texts[index.column()]
        if role == _ID:
            return message["id"]
        urgent = message["precedence"] in URGENT
        if role == _FONT:
            return self._bold if urgent else None
        if role == _FOREGROUND:
            return self._urgent if urgent else (self._warned if message["warnings"] else None)
        if message["warnings"]:
            return "\n".join(w["message"] for w in message["warnings"].values())
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        return self._headers[section] if role == Qt.ItemDataRole.DisplayRole else None

    def retranslate(self) -> None:
        self._headers = headers()
        self._labels = (direction_labels(), status_labels())
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)


class RadioLogModel(_MessageTable):
    """Every message of an operation, newest first, or the matches of a search.

    `apply` takes the row numbers and first page that RadioQueryRunner read; a list that
    only gained messages at the top becomes inserted rows, so a selection stays on its
    message. Other pages are read when the view asks for them (a page of indexed rows).
    """

    page_read_failed = Signal(str)

    def __init__(self, store: Store, parent: Any = None):
        super().__init__(store, parent)
        self._seqs: list[int] = []
        self._pages: OrderedDict[int, dict[int, _Shown]] = OrderedDict()
        self._failure_said = False

    def apply(self, seqs: list[int], first_page: dict[int, RadioMessage]) -> None:
        """Show these rows (newest first); `first_page` holds the messages of seqs[:PAGE_SIZE]."""
        old, labels = self._seqs, self._labels
        self._failure_said = False
        page = {seq: (m, cells(m, labels)) for seq, m in first_page.items()}
        added = len(seqs) - len(old)
        if added > 0 and seqs[added:] == old:
            self.beginInsertRows(QModelIndex(), 0, added - 1)
            self._seqs = seqs
            self._set_first_page(page)
            self.endInsertRows()
            self._changed(added)  # statuses of older messages may have moved on too
        elif seqs == old:
            self._set_first_page(page)
            self._changed(0)
        else:
            self.beginResetModel()
            self._seqs = seqs
            self._set_first_page(page)
            self.endResetModel()

    def _set_first_page(self, page: dict[int, _Shown]) -> None:
        self._pages.clear()
        if self._seqs:
            self._pages[0] = page

    def _changed(self, first: int) -> None:
        if first < len(self._seqs):
            last = self.index(len(self._seqs) - 1, len(COLUMNS) - 1)
            self.dataChanged.emit(self.index(first, 0), last)

    def row_of_seq(self, seq: int) -> int:
        try:
            return self._seqs.index(seq)
        except ValueError:
            return -1

    def row_of(self, message_id: str) -> int:
        for row in range(min(len(self._seqs), PAGE_SIZE)):
            message = self.message_at(row)
            if message and message["id"] == message_id:
                return row
        return -1

    def _shown(self, row: int) -> _Shown | None:
        if not 0 <= row < len(self._seqs):
            return None
        number = row // PAGE_SIZE
        page = self._pages.get(number)
        if page is None:
            first = number * PAGE_SIZE
            try:
                found = self._store.radio.by_seq(self._seqs[first : first + PAGE_SIZE])
            except sqlite3.Error as exc:
                self._say_failure(str(exc) or type(exc).__name__)
                return None
            page = {seq: (m, cells(m, self._labels)) for seq, m in found.items()}
            self._pages[number] = page
            while len(self._pages) > MAX_PAGES:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(number)
        return page.get(self._seqs[row])

    def _say_failure(self, message: str) -> None:
        """Once per answer, after the paint that asked (no reset in the middle of one)."""
        if not self._failure_said:
            self._failure_said = True
            QTimer.singleShot(0, partial(self.page_read_failed.emit, message))

    def cached_pages(self) -> int:
        return len(self._pages)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._seqs)

    def retranslate(self) -> None:
        super().retranslate()
        self._pages.clear()  # the cached cell texts hold the old language's labels
        self._changed(0)


class RadioQueueModel(_MessageTable):
    """What must still be passed on or delivered, in handling order (read whole)."""

    def __init__(self, store: Store, parent: Any = None):
        super().__init__(store, parent)
        self._rows: list[_Shown] = []

    def apply(self, messages: list[RadioMessage]) -> None:
        """Show these messages (Store.radio.queue's order), read by RadioQueryRunner."""
        self.beginResetModel()
        self._rows = [(m, cells(m, self._labels)) for m in messages]
        self.endResetModel()

    def row_of(self, message_id: str) -> int:
        return next((i for i, (m, _) in enumerate(self._rows) if m["id"] == message_id), -1)

    def _shown(self, row: int) -> _Shown | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def retranslate(self) -> None:
        super().retranslate()
        self.apply([m for m, _ in self._rows])
