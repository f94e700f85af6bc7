"""The photos and files of one report, shown as thumbnails.

`AttachmentModel` is a small list model (a report has a handful of files); thumbnails
are the 256 px JPEGs that the store made, read from the blob store on the GUI thread.
Copying and hashing the files happens elsewhere, in a worker (see report_editor.py).
"""

from __future__ import annotations

from dataclasses import dataclass
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
from PySide6.QtGui import QIcon, QPixmap
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
    attachment_id: str | None = None


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
    """Thumbnails, an "Add files…" button and a hint that files can be dropped."""

    files_chosen = Signal(list)

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
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        self.busy_label = QLabel(self)
        self.busy_label.hide()
        self.errors = QLabel(self)
        self.errors.setStyleSheet("color: #b71c1c; font-weight: bold;")
        self.errors.setWordWrap(True)
        self.errors.hide()
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.busy_label, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.errors)
        self._retranslate()

    def set_busy(self, busy: bool) -> None:
        self.busy_label.setVisible(busy)
        if busy:
            self.errors.hide()

    def show_errors(self, lines: list[str]) -> None:
        """Say which files could not be attached, and why."""
        heading = self.tr("Some files could not be attached:")
        self.errors.setText("\n".join([heading, *lines]))
        self.errors.show()

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

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self.add_button.setText(self.tr("Add &files…"))
        self.hint.setText(self.tr("Drop photos or files anywhere on the report to attach them."))
        self.busy_label.setText(self.tr("Attaching…"))
