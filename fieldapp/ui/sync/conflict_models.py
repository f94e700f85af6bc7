"""The models of the conflict view: the records in conflict, and one record side by side.

`ConflictListModel` lists the records with open conflicts (one row per record, read with
`conflict_records` from the store): what it is, how many fields clash, when, who.
`ConflictRecordModel` shows one of them field by field: a row per field of the record,
a column per competing version (one per device) and the result. Fields in conflict come
first, highlighted; the others follow for context and cannot be changed. For a field in
conflict the user checks the version to keep (mouse, or Space on the cell) or types the
result (`set_result_text`); `result_values` gives what `resolve_record` writes. Names
and words of types, fields and values come from record_display.py (the declarations). A few
rows of plain reads on the GUI thread's Store. GUI thread only.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont

from fieldapp.core import records
from fieldapp.core.records import RECORD_TYPES
from fieldapp.store import Store
from fieldapp.sync.client.conflict_records import (
    ConflictRecord,
    Version,
    conflict_records,
    shown_fields,
)
from fieldapp.sync.client.conflict_records import stored_tags as _stored_tags
from fieldapp.sync.protocol.merge import DELETED, canonical
from fieldapp.ui.sync.record_display import (
    field_label,
    kind_text,
    pick_only,
    record_title,
    value_text,
)
from fieldapp.ui.sync.texts import list_time_text

Index = QModelIndex | QPersistentModelIndex
translate = QCoreApplication.translate
CELL_CHARS = 160  # the table shows a line of each value; the comparison below, the whole
CLASH = QBrush(QColor("#fff3cd"))  # a field in conflict
CHOSEN = QBrush(QColor("#d4edda"))  # the version that is the result


def when_text(stamp: str) -> str:
    return list_time_text(int(stamp[:13])) if stamp[:13].isdigit() else ""


def who_text(version: Version, own_device: str) -> str:
    """ "olga, this device", "olga, Olga's tablet" (the name the server gave), or "olga,
    device 1a2b3c4d" when the server has not named it (an older server)."""
    user = version.user or translate("Conflicts", "someone")
    if version.device in (own_device, "this device") and version.device:
        return translate("Conflicts", "%1, this device").replace("%1", user)
    if not version.device:
        return translate("Conflicts", "%1, another device").replace("%1", user)
    if version.device_name:
        return f"{user}, {version.device_name}"
    device = version.device[:8]
    return translate("Conflicts", "%1, device %2").replace("%1", user).replace("%2", device)


class ConflictListModel(QAbstractTableModel):
    """Records with open conflicts, the one whose conflict came first, first."""

    COLUMNS = 5  # what, kind, fields in conflict, when, who

    def __init__(self, store: Store, parent: Any = None):
        super().__init__(parent)
        self.store = store
        self.own_device = ""
        self._rows: list[ConflictRecord] = []

    def reload(self) -> None:
        self.beginResetModel()
        self._rows = conflict_records(self.store.conn)
        self.endResetModel()

    def record_at(self, row: int) -> ConflictRecord | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, entity: str, row_id: str) -> int:
        keys = [(r.entity, r.row_id) for r in self._rows]
        return keys.index((entity, row_id)) if (entity, row_id) in keys else -1

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.COLUMNS

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
        ):
            return None
        record = self._rows[index.row()]
        column = index.column()
        if column == 0:
            return record_title(record)
        if column == 1:
            return kind_text(record)
        if column == 2:
            kind = str(record.current.get("kind") or "")
            names = [field_label(name, record.entity, kind) for name in record.fields]
            return f"{len(names)}: {', '.join(names)}"
        if column == 3:
            return when_text(record.newest)
        return "; ".join(who_text(v, self.own_device) for v in record.versions)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (self.tr("Record"), self.tr("Kind"), self.tr("In conflict"), self.tr("When"),
                self.tr("Versions from"))[section]  # fmt: skip


class ConflictRecordModel(QAbstractTableModel):
    """One record field by field: a column per version, then the result."""

    result_changed = Signal(int)  # the row whose result changed

    def __init__(self, parent: Any = None):
        super().__init__(parent)
        self.own_device = ""
        self.record: ConflictRecord | None = None
        self._fields: list[str] = []
        self._clashing: set[str] = set()
        self._results: dict[str, Any] = {}  # field -> stored value, or typed text
        self._typed: set[str] = set()

    def set_record(self, record: ConflictRecord | None) -> bool:
        """Show a record. The same record with the same conflicts (read again after a sync
        round) keeps the user's choices: then True."""
        same = _key(record) is not None and _key(record) == _key(self.record)
        results, typed = (self._results, self._typed) if same else ({}, set())
        self.beginResetModel()
        self.record = record
        self._clashing = set(record.fields) if record else set()
        names = shown_fields(record.entity, record.current) if record else []
        clashing = record.fields if record else []  # on top: what needs a choice
        self._fields = clashing + [n for n in names if n not in self._clashing and n != DELETED]
        self._results = {n: record.current.get(n) for n in self._clashing} if record else {}
        self._results.update(results)
        self._typed = typed
        self.endResetModel()
        return same

    # -- what the view asks ------------------------------------------------------------

    @property
    def versions(self) -> list[Version]:
        return self.record.versions if self.record else []

    @property
    def result_column(self) -> int:
        return 1 + len(self.versions)

    def field_at(self, row: int) -> str:
        return self._fields[row]

    def row_of(self, name: str) -> int:
        return self._fields.index(name)

    def is_clashing(self, row: int) -> bool:
        return 0 <= row < len(self._fields) and self._fields[row] in self._clashing

    def clashing_rows(self) -> list[int]:
        return [row for row, name in enumerate(self._fields) if name in self._clashing]

    def version_value(self, row: int, version: int) -> tuple[bool, Any]:
        """(written, value): what a version holds for a field; not written means unchanged."""
        name = self._fields[row]
        values = self.versions[version].values
        if name in self._clashing and name in values:
            return True, values[name]
        return False, self.record.current.get(name) if self.record else None

    def result_text(self, row: int) -> str:
        name = self._fields[row]
        if name in self._typed:
            return str(self._results[name])
        value = self._results.get(name) if name in self._clashing else self._current(name)
        return "" if value is None or value == "" else self.words(name, value)

    def chosen_version(self, row: int) -> int | None:
        """The version the result equals (the first such), or None when edited by hand."""
        name = self._fields[row]
        if name not in self._clashing or name in self._typed:
            return None
        for i in range(len(self.versions)):
            written, value = self.version_value(row, i)
            if written and canonical(value) == canonical(self._results[name]):
                return i
        return None

    # -- what the user does ------------------------------------------------------------

    def pick(self, row: int, version: int) -> bool:
        """Keep a version's value as the result of a field in conflict."""
        if not self.is_clashing(row) or not 0 <= version < len(self.versions):
            return False
        written, value = self.version_value(row, version)
        if not written:
            return False
        name = self._fields[row]
        self._results[name] = value
        self._typed.discard(name)
        self._row_changed(row)
        return True

    def set_result_text(self, row: int, text: str) -> bool:
        """The user typed the result of a free-text field in conflict."""
        name = self._fields[row]
        if not self.is_clashing(row) or self._pick_only(name):
            return False
        if text == self.result_text(row):
            return True  # no change: a picked version stays picked
        self._results[name] = text
        self._typed.add(name)
        self._row_changed(row)
        return True

    def is_editable(self, row: int) -> bool:
        return self.is_clashing(row) and not self._pick_only(self._fields[row])

    def label(self, name: str) -> str:
        """A field of the record shown, as people name it."""
        if self.record is None:
            return field_label(name)
        kind = str(self.record.current.get("kind") or "")
        return field_label(name, self.record.entity, kind)

    def words(self, name: str, value: Any, limit: int | None = None) -> str:
        """A value of a field of the record shown, in words."""
        return value_text(name, value, limit, self.record.entity if self.record else "report")

    def _pick_only(self, name: str) -> bool:
        return pick_only(self.record.entity if self.record else "report", name)

    def result_values(self) -> dict[str, Any]:
        """Each field's result as `resolve_record` takes it (typed text as typed)."""
        declared = RECORD_TYPES.get(self.record.entity) if self.record else None
        out = {}
        for name in self._clashing:
            value, kind = self._results[name], declared.kind_of(name) if declared else ""
            if kind == records.JSON and name not in self._typed:
                value = _stored_tags(value)
            elif name in self._typed:
                value = _typed(value, kind)
            out[name] = value
        return out

    def _current(self, name: str) -> Any:
        return self.record.current.get(name) if self.record else None

    def _row_changed(self, row: int) -> None:
        last = self.columnCount() - 1
        self.dataChanged.emit(self.index(row, 0), self.index(row, last))
        self.result_changed.emit(row)

    # -- the Qt model --------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._fields)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self.record is None else 2 + len(self.versions)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self._checkable(index):
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def _checkable(self, index: Index) -> bool:
        column = index.column()
        return (
            0 < column < self.result_column
            and self.is_clashing(index.row())
            and self.version_value(index.row(), column - 1)[0]
        )

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        clashing = self.is_clashing(row)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            full = role == Qt.ItemDataRole.ToolTipRole
            return self._text(row, column, full)
        if role == Qt.ItemDataRole.CheckStateRole and self._checkable(index):
            chosen = self.chosen_version(row) == column - 1
            return Qt.CheckState.Checked if chosen else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.BackgroundRole and clashing:
            chosen = column == self.result_column or self.chosen_version(row) == column - 1
            return CHOSEN if chosen and column > 0 else CLASH
        if role == Qt.ItemDataRole.FontRole and clashing and column == 0:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and not clashing:
            return QBrush(QColor("#6c757d"))
        return None

    def _text(self, row: int, column: int, full: bool) -> str:
        name = self._fields[row]
        if column == 0:
            return self.label(name)
        if column == self.result_column:
            text = self.result_text(row) or self.words(name, None)
        else:
            written, value = self.version_value(row, column - 1)
            if self.is_clashing(row) and not written:
                return self.tr("(not changed)")
            text = self.words(name, value)
        if full:
            return text
        line = text.split("\n", 1)[0][: CELL_CHARS - 1]
        return line if line == text else line + "…"

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role == Qt.ItemDataRole.CheckStateRole and self._checkable(index):
            return self.pick(index.row(), index.column() - 1)
        return False

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation != Qt.Orientation.Horizontal or self.record is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            if section == 0:
                return self.tr("Field")
            if section == self.result_column:
                return self.tr("Result")
            version = self.versions[section - 1]
            caption = self.tr("Version %1").replace("%1", str(section))
            return f"{caption}\n{who_text(version, self.own_device)}"
        if role == Qt.ItemDataRole.ToolTipRole and 0 < section < self.result_column:
            return self.tr("Changed %1").replace("%1", when_text(self.versions[section - 1].stamp))
        return None


def _key(record: ConflictRecord | None) -> tuple | None:
    if record is None:
        return None
    return (record.entity, record.row_id, sorted(c["id"] for c in record.conflicts))


def _typed(text: str, kind: str) -> Any:
    """Typed text as a value of its field's declared kind (numbers stay numbers)."""
    try:
        if kind == records.INT:
            return int(text)
        if kind == records.REAL:
            return float(text)
    except ValueError:
        return text
    return text
