"""The photos and files of one report, shown as thumbnails.

`AttachmentModel` is a small list model (a report has a handful of files); thumbnails
are the 256 px JPEGs that the store made, read from the blob store on the GUI thread.
Copying and hashing the files happens elsewhere, in a worker (see report_editor.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QEvent,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    QSize,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtGui import QAction, QIcon, QKeySequence, QPixmap
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

THUMB_PX = 128


@dataclass(frozen=True)
class AttachmentItem:
    filename: str
    size: int
    mime: str
    thumb_path: Path | None = None
    pending: bool = False  # chosen for a report that is not saved yet
    attachment_id: str | None = None  # set on every saved (not pending) item
    source: Path = field(kw_only=True)  # the file itself: the blob, or the pending file


class AttachmentModel(QAbstractListModel):
    """Attachments of the report in the editor, saved ones first, then pending ones."""

    def __init__(self, parent: Any = None):
        super().__init__(parent)
        self._items: list[AttachmentItem] = []
        self._icons: dict[int, QIcon] = {}

    def set_items(self, items: list[AttachmentItem]) -> None:
        self.beginResetModel()
        self._items = list(items)
        self._icons = {}
        self.endResetModel()

    def items(self) -> list[AttachmentItem]:
        return list(self._items)

    def thumbnail_count(self) -> int:
        """How many items show a real thumbnail (a photo that was attached)."""
        return sum(1 for item in self._items if item.thumb_path is not None)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._items)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        item = self._items[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            if item.pending:
                return self.tr("%1 (attached when saved)").replace("%1", item.filename)
            return item.filename
        if role == Qt.ItemDataRole.DecorationRole:
            return self._icon(index.row(), item)
        if role == Qt.ItemDataRole.ToolTipRole:
            size = QLocale().formattedDataSize(item.size)
            return f"{item.filename}\n{item.mime}, {size}"
        return None

    def _icon(self, row: int, item: AttachmentItem) -> QIcon:
        icon = self._icons.get(row)
        if icon is None:
            pixmap = QPixmap(str(item.thumb_path)) if item.thumb_path else QPixmap()
            if pixmap.isNull():
                icon = QApplication.style().standardIcon(QStyle.StandardPixmap.SP_FileIcon)
            else:
                icon = QIcon(pixmap)
            self._icons[row] = icon
        return icon


class AttachmentsPanel(QWidget):
    """Thumbnails, buttons to add, open, save and remove files, and a drop hint.

    Double-click or Enter opens a file, Delete removes it (the owner asks first).
    """

    files_chosen = Signal(list)
    open_requested = Signal(object)  # AttachmentItem
    save_requested = Signal(object, Path)  # AttachmentItem, where to save a copy
    remove_requested = Signal(object)  # AttachmentItem

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = AttachmentModel(self)
        self.view = QListView(self)
        self.view.setViewMode(QListView.ViewMode.IconMode)
        self.view.setIconSize(QSize(THUMB_PX, THUMB_PX))
        self.view.setGridSize(QSize(THUMB_PX + 40, THUMB_PX + 44))
        self.view.setResizeMode(QListView.ResizeMode.Adjust)
        self.view.setWordWrap(True)
        self.view.setMovement(QListView.Movement.Static)
        self.view.setModel(self.model)
        self.add_button = QPushButton(self)
        self.add_button.clicked.connect(self._on_add_button_clicked)
        self.open_button = QPushButton(self)
        self.open_button.clicked.connect(self._on_open_button_clicked)
        self.save_button = QPushButton(self)
        self.save_button.clicked.connect(self._on_save_button_clicked)
        self.remove_button = QPushButton(self)
        self.remove_button.clicked.connect(self._on_remove_button_clicked)
        self._add_keys()
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        self.busy_label = QLabel(self)
        self.busy_label.hide()
        self.errors = QLabel(self)
        self.errors.setStyleSheet("color: #b71c1c; font-weight: bold;")
        self.errors.setWordWrap(True)
        self.errors.hide()
        buttons = QHBoxLayout()
        for button in (self.add_button, self.open_button, self.save_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addWidget(self.busy_label, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.errors)
        self.view.selectionModel().selectionChanged.connect(self._update_buttons)
        self.model.modelReset.connect(self._update_buttons)
        self._update_buttons()
        self._retranslate()

    def _add_keys(self) -> None:
        self.view.activated.connect(self._on_open_button_clicked)  # double-click, Enter
        remove = QAction(self.view)
        remove.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        remove.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        remove.triggered.connect(self._on_remove_button_clicked)
        self.view.addAction(remove)

    def selected_item(self) -> AttachmentItem | None:
        index = self.view.currentIndex()
        items = self.model.items()
        selected = self.view.selectionModel().isSelected(index) if index.isValid() else False
        return items[index.row()] if selected and index.row() < len(items) else None

    @Slot()
    def _update_buttons(self) -> None:
        item = self.selected_item()
        for button in (self.open_button, self.remove_button):
            button.setEnabled(item is not None)
        self.save_button.setEnabled(item is not None and not item.pending)

    def set_busy(self, busy: bool) -> None:
        self.busy_label.setText(self.tr("Attaching…"))
        self.busy_label.setVisible(busy)
        if busy:
            self.errors.hide()

    def show_errors(self, lines: list[str]) -> None:
        """Say which files could not be attached, and why."""
        heading = self.tr("Some files could not be attached:")
        self.show_problem("\n".join([heading, *lines]))

    def show_problem(self, text: str) -> None:
        self.errors.setText(text)
        self.errors.show()

    def show_message(self, text: str) -> None:
        """A short confirmation beside the buttons (e.g. a copy was saved)."""
        self.errors.hide()
        self.busy_label.setText(text)
        self.busy_label.show()

    @Slot()
    def _on_add_button_clicked(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(
            self,
            self.tr("Attach photos or files"),
            "",
            self.tr("Photos (*.jpg *.jpeg *.png *.gif *.webp *.heic);;All files (*)"),
        )
        if names:
            self.files_chosen.emit([Path(name) for name in names])

    @Slot()
    def _on_open_button_clicked(self) -> None:
        item = self.selected_item()
        if item is not None:
            self.open_requested.emit(item)

    @Slot()
    def _on_save_button_clicked(self) -> None:
        item = self.selected_item()
        if item is None or item.pending:
            return
        name, _ = QFileDialog.getSaveFileName(self, self.tr("Save a copy"), item.filename)
        if name:
            self.save_requested.emit(item, Path(name))

    @Slot()
    def _on_remove_button_clicked(self) -> None:
        item = self.selected_item()
        if item is not None:
            self.remove_requested.emit(item)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self.add_button.setText(self.tr("&Add files…"))
        self.open_button.setText(self.tr("&Open"))
        self.open_button.setToolTip(self.tr("Open the file with the system's viewer"))
        self.save_button.setText(self.tr("Save a cop&y…"))
        self.remove_button.setText(self.tr("Re&move"))
        self.remove_button.setToolTip(self.tr("Remove the file from this report (Delete)"))
        self.hint.setText(self.tr("Drop photos or files anywhere on the report to attach them."))
        self.busy_label.setText(self.tr("Attaching…"))
