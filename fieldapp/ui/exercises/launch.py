"""The main window's way into the exercise desk: an Exercise menu and Ctrl+6.

The desk is a window of its own, built the first time it is asked for and kept; it
follows the main window's operation (an exercise's; a real operation shows none) and its
`records_changed`. Built with the window's later parts (start-up never pays for it).
GUI thread only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QEvent, QObject, Qt, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow

if TYPE_CHECKING:
    from fieldapp.core.changes import Changes
    from fieldapp.core.record_types import Operation
    from fieldapp.store import Store
    from fieldapp.ui.exercises.desk import ExerciseDesk
    from fieldapp.ui.kit.taskman import TaskManager


class ExerciseLauncher(QObject):
    """Owns the exercise desk of one main window."""

    def __init__(self, window: QMainWindow, store: Store, tasks: TaskManager):
        super().__init__(window)
        self.qt, self.store, self.tasks = window, store, tasks
        self.operation: Operation | None = None
        self._desk: ExerciseDesk | None = None
        self.open_action = QAction(window)
        self.open_action.setShortcut(QKeySequence("Ctrl+6"))
        self.open_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.open_action.triggered.connect(self.open_desk)
        window.addAction(self.open_action)
        self.menu = window.menuBar().addMenu("")
        self.menu.addAction(self.open_action)
        window.installEventFilter(self)
        self.retranslate()

    @property
    def desk(self) -> ExerciseDesk:
        if self._desk is None:
            from fieldapp.ui.exercises.desk import ExerciseDesk

            self._desk = ExerciseDesk(self.store, self.tasks, cast(QMainWindow, self.qt))
            self._desk.set_operation(self.operation)
        return self._desk

    @Slot()
    def open_desk(self) -> ExerciseDesk:
        desk = self.desk
        desk.show()
        desk.raise_()
        desk.activateWindow()
        return desk

    @Slot(object)
    def set_operation(self, operation: Operation | None) -> None:
        self.operation = operation
        self.open_action.setEnabled(bool(operation and operation["exercise"]))
        if self._desk is not None:
            self._desk.set_operation(operation)

    @Slot(object)
    def show_changes(self, changes: Changes) -> None:
        if self._desk is not None:
            self._desk.show_changes(changes)

    def shutdown(self) -> None:
        if self._desk is not None:
            self._desk.close()
            self._desk.shutdown()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.qt and event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        return super().eventFilter(watched, event)

    def retranslate(self) -> None:
        self.menu.setTitle(self.tr("Exercise"))  # no Alt letter: taken in the window
        self.open_action.setText(self.tr("Exercise &desk (controllers)"))
