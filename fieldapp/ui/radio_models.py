"""The radio desk's tables: the message log (lazy, paged) and the queue to pass on.

`RadioLogModel` follows ReportTableModel: it holds only the ordered row numbers of the
log (newest first, or of the messages matching a search) and reads the rows a page at
a time with `Store.messages_by_seq`, keeping a bounded number of pages. `RadioQueueModel`
shows the first rows of `Store.message_queue` (EMERGENCY first, then PRIORITY, WELFARE,
ROUTINE, oldest first within each): the queue is what an operator can still act on, so
it is bounded and read whole. Labels of the radio vocabulary live here too.
GUI thread only: reads are small indexed lookups on the GUI thread's own Store.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from fieldapp.store import Store
from fieldapp.ui.i18n import translate

PAGE_SIZE = 100
MAX_PAGES = 30
QUEUE_LIMIT = 200
MessageIdRole = Qt.ItemDataRole.UserRole + 1
_DISPLAY = int(Qt.ItemDataRole.DisplayRole.value)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole.value)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole.value)
_FONT = int(Qt.ItemDataRole.FontRole.value)
_ID = int(MessageIdRole)
_Index = QModelIndex | QPersistentModelIndex
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


def cells(message: dict) -> tuple[str, ...]:
    """The display texts of one message, in COLUMNS order."""
    station = message["received_from"] or message["origin_station"]
    text = (message["subject"] or message["text"]).replace("\n", " ")
    precedence = ("TEST " if message["test"] else "") + message["precedence"]
    stamp = message["logged_at"] or ""
    return (
        f"{stamp[:10]} {stamp[11:16]}",
        direction_labels().get(message["direction"], message["direction"]),
        status_labels().get(message["status"], message["status"]),
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
        self._urgent = QBrush(QColor("#b71c1c"))
        self._warned = QBrush(QColor("#8d5a00"))
        self._bold = QFont()
        self._bold.setBold(True)

    def _shown(self, row: int) -> tuple[dict, tuple[str, ...]] | None:
        raise NotImplementedError

    def message_at(self, row: int) -> dict | None:
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
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)


class RadioLogModel(_MessageTable):
    """Every message of an operation, newest first; `set_search` narrows it."""

    def __init__(self, store: Store, parent: Any = None):
        super().__init__(store, parent)
        self._operation_id: str | None = None
        self._search = ""
        self._seqs: list[int] = []
        self._pages: OrderedDict[int, dict[int, tuple[dict, tuple[str, ...]]]] = OrderedDict()

    def set_operation(self, operation_id: str | None) -> None:
        self._operation_id = operation_id
        self.refresh()

    def set_search(self, text: str) -> None:
        self._search = text.strip()
        self.refresh()

    def refresh(self) -> None:
        """Re-read the row numbers (one index walk) and forget the cached pages."""
        self.beginResetModel()
        op = self._operation_id
        self._seqs = self._store.message_seqs(op, self._search) if op else []
        self._pages.clear()
        self.endResetModel()

    def row_of(self, message_id: str) -> int:
        for row in range(min(len(self._seqs), PAGE_SIZE)):
            message = self.message_at(row)
            if message and message["id"] == message_id:
                return row
        return -1

    def _shown(self, row: int) -> tuple[dict, tuple[str, ...]] | None:
        if not 0 <= row < len(self._seqs):
            return None
        number = row // PAGE_SIZE
        page = self._pages.get(number)
        if page is None:
            first = number * PAGE_SIZE
            found = self._store.messages_by_seq(self._seqs[first : first + PAGE_SIZE])
            page = {seq: (m, cells(m)) for seq, m in found.items()}
            self._pages[number] = page
            while len(self._pages) > MAX_PAGES:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(number)
        return page.get(self._seqs[row])

    def cached_pages(self) -> int:
        return len(self._pages)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._seqs)


class RadioQueueModel(_MessageTable):
    """What must still be passed on or delivered, in handling order."""

    def __init__(self, store: Store, parent: Any = None):
        super().__init__(store, parent)
        self._operation_id: str | None = None
        self._rows: list[tuple[dict, tuple[str, ...]]] = []

    def set_operation(self, operation_id: str | None) -> None:
        self._operation_id = operation_id
        self.refresh()

    def refresh(self) -> None:
        self.beginResetModel()
        op = self._operation_id
        found = self._store.message_queue(op, QUEUE_LIMIT) if op else []
        self._rows = [(m, cells(m)) for m in found]
        self.endResetModel()

    def row_of(self, message_id: str) -> int:
        return next((i for i, (m, _) in enumerate(self._rows) if m["id"] == message_id), -1)

    def _shown(self, row: int) -> tuple[dict, tuple[str, ...]] | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)
