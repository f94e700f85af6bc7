"""The main window's way to the situation report: Operation ▸ Situation report….

The dialog is built when first asked for, for the window's operation, and kept while the
operation stays; it follows `records_changed`. "Send as radiogram" goes out as
`radio_entry_requested` (kind, values): the shell opens the radio desk's form, prefilled,
as it does for an alert relayed by radio. GUI thread only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Signal, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QMenu

if TYPE_CHECKING:
    from fieldapp.core.changes import Changes
    from fieldapp.core.record_types import Operation
    from fieldapp.store import Store
    from fieldapp.ui.exports.sitrep_dialog import SitrepDialog
    from fieldapp.ui.kit.taskman import TaskManager


class SitrepLauncher(QObject):
    """Owns the situation report dialog of one main window."""

    radio_entry_requested = Signal(str, object)  # kind, the radio form's values

    def __init__(self, window: QMainWindow, menu: QMenu, store: Store, tasks: TaskManager):
        super().__init__(window)
        self.qt, self.store, self.tasks = window, store, tasks
        self.operation: Operation | None = None
        self.dialog: SitrepDialog | None = None
        self.action = QAction(window)
        self.action.triggered.connect(self.open_dialog)
        self.action.setEnabled(False)
        menu.addAction(self.action)
        window.installEventFilter(self)
        self.retranslate()

    @Slot()
    def open_dialog(self) -> SitrepDialog | None:
        if self.operation is None:
            return None
        if self.dialog is None:
            from fieldapp.ui.exports.sitrep_dialog import SitrepDialog

            self.dialog = SitrepDialog(self.store, self.tasks, self.operation, self.qt)
            self.dialog.radiogram_requested.connect(self.radio_entry_requested)
            self.dialog.refresh()
        self.dialog.show()
        self.dialog.raise_()
        self.dialog.activateWindow()
        return self.dialog

    def set_operation(self, operation: Operation | None) -> None:
        if (operation or {}).get("id") != (self.operation or {}).get("id"):
            self.close()
        self.operation = operation
        self.action.setEnabled(operation is not None)

    def show_changes(self, changes: Changes) -> None:
        if self.dialog is not None:
            self.dialog.show_changes(changes)

    def close(self) -> None:
        if self.dialog is not None:
            self.dialog.shutdown()
            self.dialog.close()
            self.dialog.deleteLater()
            self.dialog = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.qt and event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        return False

    def retranslate(self) -> None:
        self.action.setText(self.tr("Situation &report…"))
