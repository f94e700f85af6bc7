"""Who changed what and when on one report, newest first.

The entries come from `Store.history` (a few per report, read on the GUI thread when a
report is opened or saved). Field names and coded values are shown in words. GUI thread
only.
"""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from fieldapp.ui import i18n
from fieldapp.ui.report_form import to_text

MAX_VALUE_CHARS = 60
_Index = QModelIndex | QPersistentModelIndex


def _vocabulary() -> dict[str, dict]:
    return {
        "kind": i18n.kind_labels(),
        "status": i18n.status_labels(),
        "verification": i18n.verification_labels(),
        "source": i18n.source_labels(),
        "verification_confidence": i18n.confidence_labels(),
    }


class HistoryModel(QAbstractTableModel):
    """History entries of one record: when (UTC), who, what changed."""

    def __init__(self, parent: Any = None):
        super().__init__(parent)
        self._entries: list[dict] = []

    def set_entries(self, entries: list[dict]) -> None:
        self.beginResetModel()
        self._entries = list(reversed(entries))
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._entries)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 3

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
        ):
            return None
        entry = self._entries[index.row()]
        if index.column() == 0:
            return to_text("observed_at", entry["at"])
        if index.column() == 1:
            return entry["author"]
        return self.describe(entry, full=role == Qt.ItemDataRole.ToolTipRole)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (self.tr("When (UTC)"), self.tr("Who"), self.tr("What"))[section]

    def describe(self, entry: dict, full: bool = False) -> str:
        """One entry in words, e.g. "Severity: 3 – moderate → 5 – critical"."""
        action = entry["action"]
        if action == "created":
            return self.tr("Created the report")
        if action == "deleted":
            return self.tr("Deleted the report")
        names = i18n.field_labels()
        words = _vocabulary()
        parts = []
        for field, (old, new) in entry["changes"].items():
            before = self._value(field, old, words, full)
            after = self._value(field, new, words, full)
            parts.append(f"{names.get(field, field)}: {before} → {after}")
        return "\n".join(parts) if full else "; ".join(parts)

    def _value(self, field: str, value: Any, words: dict[str, dict], full: bool) -> str:
        if value is None or value == "":
            return self.tr("(empty)")
        if field == "tags" and isinstance(value, str):
            value = json.loads(value)
        if field == "severity":
            text = i18n.severity_labels().get(value, str(value))
        elif field in words:
            text = words[field].get(value, str(value))
        else:
            text = str(to_text(field, value))
        if not full and len(text) > MAX_VALUE_CHARS:
            text = text[: MAX_VALUE_CHARS - 1] + "…"
        return text

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 2)
        if self._entries:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._entries) - 1, 2))


class HistoryView(QTableView):
    """A read-only table of a report's history."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.history_model = HistoryModel(self)
        self.setModel(self.history_model)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setWordWrap(True)
        self.verticalHeader().hide()
        header = self.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)

    def set_entries(self, entries: list[dict]) -> None:
        self.history_model.set_entries(entries)
        self.resizeRowsToContents()
