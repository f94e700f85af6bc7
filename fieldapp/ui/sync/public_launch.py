"""The main window's way to the public form: Operation ▸ Open to the public….

The action is enabled when an operation is chosen, this device has joined a server and
its role leads that operation (core/rights.leads: coordinators and admins, trainers in
an exercise); otherwise it stays in the menu, disabled, and its text says why. It is
looked at again when the operation changes and when the sync link changes (a join).
The dialog (public_dialog.py, imported when first opened) is kept while the operation
stays. GUI thread only: it reads this device's sync settings, a cheap read.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QMenu

from fieldapp.core.rights import leads
from fieldapp.sync.client.config import load_config

if TYPE_CHECKING:
    from fieldapp.core.record_types import Operation
    from fieldapp.store import Store
    from fieldapp.ui.kit.taskman import TaskManager
    from fieldapp.ui.sync.public_dialog import PublicFormDialog


class PublicFormLauncher(QObject):
    """Owns the Open to the public… item of one main window, and its dialog."""

    def __init__(self, window: QMainWindow, menu: QMenu, store: Store, tasks: TaskManager):
        super().__init__(window)
        self.qt, self.store, self.tasks = window, store, tasks
        self.operation: Operation | None = None
        self.dialog: PublicFormDialog | None = None
        self.joined, self.role = False, ""  # this device's, read by refresh()
        self.action = QAction(window)
        self.action.triggered.connect(self.open_dialog)
        menu.addAction(self.action)
        menu.setToolTipsVisible(True)
        window.installEventFilter(self)
        self.retranslate()

    def refusal(self) -> str:
        """Why this device may not open the operation to the public now ("" if it may)."""
        if self.operation is None:
            return self.tr("choose an operation first")
        if not self.joined:
            return self.tr("join a sync server first")
        if not leads(self.role, bool(self.operation["exercise"])):
            if self.operation["exercise"]:
                return self.tr("only a trainer or a coordinator may")
            return self.tr("only a coordinator may")
        return ""

    @Slot()
    def refresh(self, *_args: object) -> None:
        """Read this device's server and role again (a join, a new operation)."""
        config = load_config(self.store.conn)
        self.joined, self.role = config.joined, config.role
        self._show()

    def _show(self) -> None:
        why = self.refusal()
        self.action.setEnabled(not why)
        text = self.tr("Open to the &public…")
        self.action.setText(f"{text} ({why})" if why else text)
        tip = self.tr("Citizens report from their phone's browser; reports arrive in the"
                      " monitoring desk")  # fmt: skip
        self.action.setToolTip(why or tip)
        self.action.setStatusTip(why or tip)

    def set_operation(self, operation: Operation | None) -> None:
        if (operation or {}).get("id") != (self.operation or {}).get("id"):
            self.close()
        self.operation = operation
        self.refresh()

    @Slot()
    def open_dialog(self) -> PublicFormDialog | None:
        if self.operation is None or self.refusal():
            return None
        if self.dialog is None:
            from fieldapp.ui.sync.public_dialog import PublicFormDialog

            self.dialog = PublicFormDialog(self.tasks, self.operation, self.qt)
            self.dialog.refresh()
        self.dialog.show()
        self.dialog.raise_()
        self.dialog.activateWindow()
        return self.dialog

    def close(self) -> None:
        if self.dialog is not None:
            self.dialog.close()
            self.dialog.deleteLater()
            self.dialog = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.qt and event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        return False

    def retranslate(self) -> None:
        self._show()
