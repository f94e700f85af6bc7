"""The "Tile sets" dialog: every tile set of the data directory in a table (name, zooms,
bounds, tile count, size, format, where it came from), with Remove (asked first) and
Resume download for a download that did not finish.

`TileSetTableModel` is a plain QAbstractTableModel over a list of TileSetInfo. The list
is read, and sets are removed, as jobs of the application's task manager (files lane;
each opens its own TileRegistry): reading a set opens its file and counts its tiles.
GUI thread only.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from fieldapp.tiles import TileSetInfo
from fieldapp.ui.kit.forms import ERROR_STYLE
from fieldapp.ui.kit.taskman import Lane, TaskManager, error_words
from fieldapp.ui.tiles import texts as tile_texts
from fieldapp.ui.tiles.jobs import list_sets, remove_set

COLUMNS = ("name", "zooms", "bounds", "tiles", "size", "format", "source")
_Index = QModelIndex | QPersistentModelIndex
translate = QCoreApplication.translate


def _headers() -> dict[str, str]:
    return {
        "name": translate("TileSetTableModel", "Name"),
        "zooms": translate("TileSetTableModel", "Zooms"),
        "bounds": translate("TileSetTableModel", "Bounds (W, S, E, N)"),
        "tiles": translate("TileSetTableModel", "Tiles"),
        "size": translate("TileSetTableModel", "Size"),
        "format": translate("TileSetTableModel", "Format"),
        "source": translate("TileSetTableModel", "Source"),
    }


def _source(info: TileSetInfo) -> str:
    if info.error:
        return translate("TileSetTableModel", "cannot be read")
    if not info.seed:
        return translate("TileSetTableModel", "imported")
    if info.seed.get("status") == "complete":
        return translate("TileSetTableModel", "downloaded")
    return translate("TileSetTableModel", "download not finished")


def cell_text(info: TileSetInfo, column: str) -> str:
    if column == "name":
        return info.id if info.name == info.id else f"{info.name} ({info.id})"
    if info.error and column != "size":
        return info.error if column == "source" else ""
    values = {
        "zooms": f"{info.min_zoom}–{info.max_zoom}" if info.min_zoom is not None else "",
        "bounds": ", ".join(f"{v:.3f}" for v in info.bounds) if info.bounds else "",
        "tiles": tile_texts.number(info.tile_count),
        "size": tile_texts.size(info.size_bytes),
        "format": (info.format or "").upper(),
        "source": _source(info),
    }
    return values[column]


class TileSetTableModel(QAbstractTableModel):
    """One row per tile set; `set_sets` replaces them all."""

    def __init__(self, parent: Any = None):
        super().__init__(parent)
        self._sets: list[TileSetInfo] = []
        self._headers = _headers()

    def set_sets(self, sets: list[TileSetInfo]) -> None:
        self.beginResetModel()
        self._sets = list(sets)
        self.endResetModel()

    def info_at(self, row: int) -> TileSetInfo:
        return self._sets[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._sets)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._sets):
            return None
        info, column = self._sets[index.row()], COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return cell_text(info, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return info.error or info.description or info.path
        if role == Qt.ItemDataRole.TextAlignmentRole and column in ("tiles", "size"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal
        if horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(COLUMNS):
            return self._headers[COLUMNS[section]]
        return None

    def retranslate(self) -> None:
        self._headers = _headers()
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)
        if self._sets:
            last = self.index(len(self._sets) - 1, len(COLUMNS) - 1)
            self.dataChanged.emit(self.index(0, 0), last)


class TileSetsDialog(QDialog):
    """The tile sets, with Import…, Remove… and Resume download…"""

    tile_sets_changed = Signal()  # a set was removed: a map showing it must let go
    import_requested = Signal()
    resume_requested = Signal(object)  # the TileSetInfo of a download to go on with

    def __init__(self, data_dir: Path, tasks: TaskManager, parent: QWidget | None = None):
        super().__init__(parent)
        self.data_dir = Path(data_dir)
        self._message = ""
        self.tasks = tasks
        self._key = f"tile-sets-{id(self)}"
        self.model = TileSetTableModel(self)
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.status_label = QLabel(self)
        self.status_label.setWordWrap(True)
        self.import_button = QPushButton(self)
        self.remove_button = QPushButton(self)
        self.resume_button = QPushButton(self)
        self.close_button = QPushButton(self)
        self._layout()
        self.import_button.clicked.connect(self.import_requested)
        self.remove_button.clicked.connect(self._on_remove_button_clicked)
        self.resume_button.clicked.connect(self._on_resume_button_clicked)
        self.close_button.clicked.connect(self.accept)
        self.view.selectionModel().selectionChanged.connect(self._on_view_selection_changed)
        self._retranslate()
        self._on_view_selection_changed()
        self.resize(820, 360)
        self.reload()

    def _layout(self) -> None:
        buttons = QHBoxLayout()
        for button in (self.import_button, self.resume_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.status_label)
        layout.addLayout(buttons)

    def reload(self, message: str = "") -> None:
        """Read the sets again, in the background; then show `message`, if any."""
        self._message = message
        self._say(self.tr("Reading the tile sets…"))
        self.tasks.submit(
            partial(list_sets, self.data_dir),
            lane=Lane.FILES,
            key=self._key,
            on_done=self._on_sets_read,
            on_failed=self._on_task_failed,
            owner=self,
        )

    def is_busy(self) -> bool:
        """True while the newest read of the sets is still to come."""
        return self.tasks.is_busy(self._key)

    def _on_sets_read(self, sets: list[TileSetInfo]) -> None:
        self.model.set_sets(sets)
        self._on_view_selection_changed()
        if sets or self._message:
            self._say(self._message)
        else:
            self._say(self.tr("No tile sets yet: import an MBTiles file or download an area."))

    def _on_task_failed(self, error: Exception) -> None:
        self._say(error_words(error), True)

    def selected(self) -> TileSetInfo | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.info_at(rows[0].row()) if rows else None

    @Slot()
    def _on_view_selection_changed(self) -> None:
        info = self.selected()
        self.remove_button.setEnabled(info is not None)
        resumable = bool(info and info.seed and info.seed.get("status") != "complete")
        self.resume_button.setEnabled(resumable)

    @Slot()
    def _on_remove_button_clicked(self) -> None:
        info = self.selected()
        if info is None or not self._confirm_remove(info):
            return
        self.tasks.submit(
            partial(remove_set, self.data_dir, info.id),
            lane=Lane.FILES,
            on_done=self._on_set_removed,
            on_failed=self._on_task_failed,
            owner=self,
        )

    def _confirm_remove(self, info: TileSetInfo) -> bool:
        answer = QMessageBox.question(
            self,
            self.tr("Remove the tile set?"),
            self.tr("Remove the tile set “%1” (%2 tiles, %3) from this computer?")
            .replace("%1", info.id)
            .replace("%2", tile_texts.number(info.tile_count))
            .replace("%3", tile_texts.size(info.size_bytes)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def _on_set_removed(self, set_id: str) -> None:
        self.tile_sets_changed.emit()
        self.reload(self.tr("Tile set “%1” removed.").replace("%1", set_id))

    @Slot()
    def _on_resume_button_clicked(self) -> None:
        info = self.selected()
        if info is not None:
            self.resume_requested.emit(info)

    def _say(self, text: str, problem: bool = False) -> None:
        self.status_label.setStyleSheet(ERROR_STYLE if problem else "")
        self.status_label.setText(text)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self.setWindowTitle(self.tr("Tile sets"))
        self.model.retranslate()
        self.import_button.setText(self.tr("&Import tiles…"))
        self.resume_button.setText(self.tr("Resume &download…"))
        self.remove_button.setText(self.tr("&Remove…"))
        self.close_button.setText(self.tr("&Close"))
