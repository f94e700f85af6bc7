"""The main window's way to operation packages: File ▸ Import operation package… and
File ▸ Export operation package… (the dialogs: package_dialog.py, imported when first
opened, so that start-up pays nothing for them). After an import, `operation_imported`
names the operation so that the shell shows it. GUI thread only.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QMenu

if TYPE_CHECKING:
    from fieldapp.core.record_types import Operation
    from fieldapp.ui.exports.package_dialog import ExportPackageDialog, ImportPackageDialog
    from fieldapp.ui.kit.taskman import TaskManager


class PackageLauncher(QObject):
    """The two File menu items of a main window; `operation_imported(id)` after an import
    so that the window shows the operation."""

    operation_imported = Signal(str)

    def __init__(
        self,
        window: QMainWindow,
        menu: QMenu,
        after: QAction,
        tasks: TaskManager,
        labels: Callable[[], dict[str, str]],
    ):
        super().__init__(window)
        self.qt, self.tasks, self.labels = window, tasks, labels
        self.data_dir = tasks.data_dir
        self.operation: Operation | None = None
        self.export_action, self.import_action = QAction(window), QAction(window)
        self.export_action.triggered.connect(self.open_export)
        self.import_action.triggered.connect(self.open_import)
        self.export_action.setEnabled(False)
        actions = menu.actions()
        following = actions[actions.index(after) + 1] if after in actions[:-1] else None
        menu.insertActions(following, [self.import_action, self.export_action])  # type: ignore[arg-type]
        window.installEventFilter(self)
        self.retranslate()

    def set_operation(self, operation: Operation | None) -> None:
        self.operation = operation
        self.export_action.setEnabled(operation is not None)

    @Slot()
    def open_export(self) -> ExportPackageDialog | None:
        if self.operation is None:
            return None
        from fieldapp.ui.exports.package_dialog import ExportPackageDialog

        dialog = ExportPackageDialog(self.tasks, self.data_dir, self.operation, self.qt)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    @Slot()
    def open_import(self) -> ImportPackageDialog:
        from fieldapp.ui.exports.package_dialog import ImportPackageDialog

        dialog = ImportPackageDialog(self.tasks, self.qt, self.labels)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.imported.connect(self._on_imported)
        dialog.open()
        return dialog

    def _on_imported(self, done: Any) -> None:
        self.operation_imported.emit(done.operation["id"])

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.qt and event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        return False

    def retranslate(self) -> None:
        self.export_action.setText(self.tr("Export operation &package…"))
        self.import_action.setText(self.tr("Import operation pac&kage…"))
