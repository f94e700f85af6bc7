"""The main window's way into the exercise desk: an Exercise menu and Ctrl+6.

The desk is a window of its own, built the first time it is asked for and kept; it
follows the main window's operation (an exercise's; a real operation shows none) and its
`records_changed`. Built with the window's later parts (start-up never pays for it).
*Start the sample exercise* writes the shipped scenario into a new exercise operation
and starts its clock (a job on the writes lane), then asks the window to show that
operation (`operation_requested`) and opens the desk on it. GUI thread only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QEvent, QObject, Qt, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMessageBox

from fieldapp.ui.kit.taskman import Lane, error_words

if TYPE_CHECKING:
    from fieldapp.core.changes import Changes
    from fieldapp.core.record_types import Operation
    from fieldapp.store import Store
    from fieldapp.ui.exercises.desk import ExerciseDesk
    from fieldapp.ui.kit.taskman import TaskManager


class ExerciseLauncher(QObject):
    """Owns the exercise desk of one main window."""

    operation_requested = Signal(str)  # show this operation (the sample exercise, made)
    sample_started = Signal(str)  # the sample exercise's operation id, its desk open

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
        self.menu.addSeparator()
        self.sample_action = QAction(window)
        self.sample_action.triggered.connect(self.start_sample)
        self.menu.addAction(self.sample_action)
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

    @Slot()
    def start_sample(self) -> None:
        """The sample scenario in a new exercise operation, its clock running: a job."""
        from fieldapp.ui.exercises.jobs import start_sample

        self.sample_action.setEnabled(False)  # one at a time: a double click makes one
        self.tasks.submit(
            start_sample,
            lane=Lane.WRITES,
            name=self.tr("Start the sample exercise"),
            on_done=self._on_sample_done,
            on_failed=self._on_sample_failed,
            on_cancelled=lambda: self.sample_action.setEnabled(True),
            owner=self,
        )

    def _on_sample_done(self, operation_id: str) -> None:
        self.sample_action.setEnabled(True)
        # The window switches to it, unless the editor's unsaved changes keep it where it
        # is (the new exercise is then in the operation chooser, its clock running).
        self.operation_requested.emit(operation_id)
        if self.operation is not None and self.operation["id"] == operation_id:
            self.open_desk()
            self.sample_started.emit(operation_id)

    def _on_sample_failed(self, error: Exception) -> None:
        self.sample_action.setEnabled(True)
        QMessageBox.warning(
            cast(QMainWindow, self.qt),
            self.tr("Start the sample exercise"),
            self.tr("The sample exercise could not be started.") + "\n\n" + error_words(error),
        )

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
        self.sample_action.setText(self.tr("Start the &sample exercise"))
        self.sample_action.setStatusTip(
            self.tr(
                "A new exercise operation with the shipped scenario (a flash flood in the "
                "Gard, 45 injects over three hours), its clock running from T+00:00"
            )
        )
