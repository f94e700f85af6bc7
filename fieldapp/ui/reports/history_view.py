"""Who changed what and when on one report, newest first.

The entries come from `store.db.history` (a few per report, read on the GUI thread when a
report is opened or saved). Field names and coded values are shown in words. If the read
fails, the table holds one line saying why, never the entries of the report shown
before. GUI thread only.
"""

from __future__ import annotations

import json
import sqlite3
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from fieldapp.core.record_types import HistoryEntry
from fieldapp.ui.kit import i18n
from fieldapp.ui.reports.form import to_text

if TYPE_CHECKING:
    from fieldapp.store import Store

MAX_VALUE_CHARS = 60
_Index = QModelIndex | QPersistentModelIndex
translate = QCoreApplication.translate


def _vocabulary() -> dict[str, dict]:
    return {
        "kind": i18n.kind_labels(),
        "status": i18n.status_labels(),
        "verification": i18n.verification_labels(),
        "source": i18n.source_labels(),
        "verification_confidence": i18n.confidence_labels(),
    }


def value_words(field: str, value: Any, limit: int | None = None) -> str:
    """A stored report value in words (vocabulary labels, tags listed), cut at `limit`."""
    if value is None or value == "":
        return translate("HistoryModel", "(empty)")
    if field == "tags" and isinstance(value, str):
        value = json.loads(value)
    if field == "severity":
        text = i18n.severity_labels().get(value, str(value))
    elif field in (words := _vocabulary()):
        text = words[field].get(value, str(value))
    else:
        text = str(to_text(field, value))
    if limit is not None and len(text) > limit:
        text = text[: limit - 1] + "…"
    return text


class HistoryModel(QAbstractTableModel):
    """History entries of one record: when (UTC), who, what changed."""

    def __init__(self, parent: Any = None):
        super().__init__(parent)
        self._entries: list[HistoryEntry] = []
        self._problem: str | None = None  # why the history could not be read

    def set_entries(self, entries: list[HistoryEntry]) -> None:
        self.beginResetModel()
        self._entries = list(reversed(entries))
        self._problem = None
        self.endResetModel()

    def set_problem(self, reason: str) -> None:
        """No entries, and one line saying that they could not be read, and why."""
        self.beginResetModel()
        self._entries, self._problem = [], reason
        self.endResetModel()

    def problem_text(self) -> str:
        if self._problem is None:
            return ""
        text = self.tr("The history could not be read from the database: %1")
        return text.replace("%1", self._problem)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid():
            return 0
        return len(self._entries) if self._problem is None else 1

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 3

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
        ):
            return None
        if self._problem is not None:
            return self.problem_text() if index.column() == 2 else ""
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

    def describe(self, entry: HistoryEntry, full: bool = False) -> str:
        """One entry in words, e.g. "Severity: 3 – moderate → 5 – critical"."""
        action = entry["action"]
        if action == "created":
            return self.tr("Created the report")
        if action == "deleted":
            return self.tr("Deleted the report")
        names = i18n.field_labels()
        limit = None if full else MAX_VALUE_CHARS
        parts = []
        for field, (old, new) in entry["changes"].items():
            before, after = value_words(field, old, limit), value_words(field, new, limit)
            parts.append(f"{names.get(field, field)}: {before} → {after}")
        return "\n".join(parts) if full else "; ".join(parts)

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

    def set_entries(self, entries: list[HistoryEntry]) -> None:
        self.history_model.set_entries(entries)
        self.resizeRowsToContents()

    def read(self, store: Store, report_id: str | None) -> None:
        """Show a report's history as `store` has it now (None: no history)."""
        try:
            entries = store.db.history(report_id) if report_id else []
        except sqlite3.Error as exc:
            self.history_model.set_problem(str(exc) or type(exc).__name__)
            self.resizeRowsToContents()
            return
        self.set_entries(entries)
