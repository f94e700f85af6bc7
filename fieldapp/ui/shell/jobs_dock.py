"""Wires the Jobs panel into the main window: a dock, a View menu entry, the status bar.

`JobsDock(window, tasks, menu)` adds a dock at the bottom (hidden until asked for), an
entry "Background jobs" (Ctrl+J) in `menu`, and a "Jobs: n" button in the status bar;
the button and the entry show the dock. The panel itself (ui/kit/jobs_panel.py) is built
the first time the dock is shown: start-up is benchmarked. GUI thread only.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDockWidget, QMainWindow, QMenu

from fieldapp.ui.kit.jobs_panel import JobsButton, JobsPanel
from fieldapp.ui.kit.taskman import TaskManager


class JobsDock(QObject):
    """The Jobs panel of one main window, and its ways in."""

    def __init__(self, window: QMainWindow, tasks: TaskManager, menu: QMenu):
        super().__init__(window)
        self.window = window
        self.tasks = tasks
        self._panel: JobsPanel | None = None
        self._sized = False
        self.dock = QDockWidget(window)
        self.dock.setObjectName("jobs_dock")
        self.dock.setAllowedAreas(
            Qt.DockWidgetArea.BottomDockWidgetArea | Qt.DockWidgetArea.RightDockWidgetArea
        )
        window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.dock)
        self.dock.hide()
        self.dock.visibilityChanged.connect(self._on_dock_visibility_changed)
        self.action = QAction(window)
        self.action.setShortcut(QKeySequence("Ctrl+J"))
        self.action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.action.triggered.connect(self.show_panel)
        window.addAction(self.action)
        menu.addSeparator()
        menu.addAction(self.action)
        self.button = JobsButton(tasks, window.statusBar())
        self.button.clicked.connect(self.show_panel)
        window.statusBar().addPermanentWidget(self.button)
        window.installEventFilter(self)
        self.retranslate()

    @property
    def panel(self) -> JobsPanel:
        """The panel, built on first use."""
        if self._panel is None:
            self._panel = JobsPanel(self.tasks)
            self.dock.setWidget(self._panel)
        return self._panel

    @Slot(bool)
    def _on_dock_visibility_changed(self, visible: bool) -> None:
        if visible:
            self.panel  # noqa: B018 (built when first shown)

    @Slot()
    def show_panel(self) -> JobsPanel:
        panel = self.panel
        first = not self.dock.isVisible() and not self._sized
        self.dock.show()
        self.dock.raise_()
        if first:  # room for three jobs, still leaving most of a 600 px screen to the list
            self._sized = True
            self.window.resizeDocks([self.dock], [170], Qt.Orientation.Vertical)
        return panel

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        return False

    def retranslate(self) -> None:
        self.dock.setWindowTitle(self.tr("Background jobs"))
        self.action.setText(self.tr("Background &jobs"))
