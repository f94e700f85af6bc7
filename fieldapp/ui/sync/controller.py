"""Wires sync into the main window: the runner, the panel (a dock), the menu, the status bar.

`SyncController` builds a SyncRunner (its rounds are jobs of the application's task
manager) and starts background sync only if this device has joined a server (no request
otherwise: see worker.py). It
refreshes the status bar and the panel from one read (so they show the same count) after
each round and each local write, and every few seconds (another program's writes, the
age of the oldest unsent change), shows the
editor's report state, and opens the conflict view. After a round that pulled changes
(or a settled conflict) the editor reloads the open report, or, if the user has unsaved
edits in it, says over it that it changed (ReportEditor.take_outside_change). It knows
the main window only through the `MainWindowLike` protocol below; the shell connects the
status bar's request for the panel to `show_panel`. What a round changed goes out on the
task manager's `records_changed` (the round is one of its jobs). GUI thread only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, cast

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDockWidget, QMainWindow

from fieldapp.ui.sync.worker import SyncRunner

if TYPE_CHECKING:
    from fieldapp.core.record_types import Operation
    from fieldapp.store import Store
    from fieldapp.sync.client.session import SyncReport
    from fieldapp.sync.client.status import SyncStatus
    from fieldapp.ui.kit.taskman import TaskManager
    from fieldapp.ui.reports.list_view import ReportListPanel
    from fieldapp.ui.sync.panel import SyncPanel


class StatusBarLike(Protocol):
    def showMessage(self, text: str, timeout: int = 0, /) -> None: ...
    def show_sync(self, state: str, status: SyncStatus) -> None: ...


if TYPE_CHECKING:  # a Protocol class costs start-up time; annotations only

    class MainWindowLike(Protocol):
        """What sync uses of the main window (a QMainWindow as well)."""

        @property
        def store(self) -> Store: ...
        @property
        def tasks(self) -> TaskManager: ...
        @property
        def status(self) -> StatusBarLike: ...
        @property
        def report_list(self) -> ReportListPanel: ...
        @property
        def operation(self) -> Operation | None: ...
        def reload_open_report(self) -> str: ...


class SyncController(QObject):
    REFRESH_MS = 5000  # the count and the age of the oldest change read again this often

    def __init__(self, window: MainWindowLike):
        qt = cast(QMainWindow, window)  # the main window is a QMainWindow too
        super().__init__(qt)
        self.window = window
        self.qt = qt
        self.runner = SyncRunner(window.store, window.tasks, self)
        self._panel: SyncPanel | None = None  # built when first shown (start-up is timed)
        self._shut_down = False
        self._record: str | None = None
        self._last_report: SyncReport | None = None
        self.dock = QDockWidget(qt)
        self.dock.setObjectName("sync_dock")
        qt.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
        self.dock.hide()
        self.dock.visibilityChanged.connect(self._on_dock_visibility_changed)
        self._conflict_view = None
        self._build_menu()
        self.runner.state_changed.connect(self.refresh)
        self.runner.sync_finished.connect(self._on_runner_sync_finished)
        # Another program's writes (a script, a scheduled sync) and the age of the oldest
        # unsent change move without a save here: read them again on a clock.
        self.timer = QTimer(self)
        self.timer.setInterval(self.REFRESH_MS)
        self.timer.timeout.connect(self.refresh)
        window.report_list.current_changed.connect(self.report_shown)
        self.retranslate()
        qt.installEventFilter(self)

    def _is_exercise(self) -> bool:
        operation = self.window.operation
        return bool(operation and operation["exercise"])

    @property
    def panel(self) -> SyncPanel:
        """The sync panel, built on first use."""
        if self._panel is None:
            from fieldapp.ui.sync.panel import SyncPanel

            panel = SyncPanel(self.window.store, self.runner)
            panel.shut_down = self._shut_down
            panel.is_exercise = self._is_exercise
            panel.conflicts_requested.connect(self.show_conflicts)
            panel.show_record(self._record)
            if self._last_report is not None:  # say how the last round went
                panel.show_report(self._last_report)
            panel.refresh()
            self.dock.setWidget(panel)
            self._panel = panel
        return self._panel

    @Slot(bool)
    def _on_dock_visibility_changed(self, visible: bool) -> None:
        if visible:
            self.panel.refresh()

    def _build_menu(self) -> None:
        self.menu = self.qt.menuBar().addMenu("")
        self.panel_action = self.dock.toggleViewAction()
        self.sync_now_action = QAction(self.qt)
        self.sync_now_action.setShortcut(QKeySequence("F5"))
        self.sync_now_action.triggered.connect(self.runner.sync_now)
        self.conflicts_action = QAction(self.qt)
        self.conflicts_action.triggered.connect(self.show_conflicts)
        for action in (self.panel_action, self.sync_now_action, self.conflicts_action):
            self.menu.addAction(action)

    def start(self) -> None:
        """After start-up: background sync if joined (no network request otherwise)."""
        self.runner.start(_read_status(self.window.store).joined)
        self.refresh()
        self.timer.start()

    @Slot()
    def refresh(self) -> None:
        if self._shut_down:
            return
        status = _read_status(self.window.store)  # one read: the bar and the panel agree
        self.window.status.show_sync(self.runner.state, status)
        if self._panel is not None:
            self._panel.show_status(status)
        if self._conflict_view is not None:
            self._conflict_view.reload()

    def local_change_saved(self) -> None:
        self.refresh()
        self.runner.nudge()

    @Slot(object)
    def report_shown(self, report_id: str | None) -> None:
        self._record = report_id
        if self._panel is not None:
            self._panel.show_record(report_id)

    @Slot()
    def show_panel(self) -> None:
        panel = self.panel
        self._place_dock()
        self.dock.show()
        self.dock.raise_()
        panel.refresh()

    def _place_dock(self) -> None:
        """Docked beside the window's content when both fit in the window as it is;
        floating inside the screen otherwise, so that the window never grows past the
        screen (a 1024x600 laptop: the panel beside the list and the editor would not fit)."""
        if self.dock.isVisible():
            return
        central = self.qt.centralWidget()
        content = central.minimumSizeHint().width() if central is not None else 0
        needed = content + self.panel.minimumSizeHint().width() + 16
        if needed <= self.qt.width():
            self.dock.setFloating(False)
            return
        self.dock.setFloating(True)
        screen = self.qt.screen().availableGeometry()
        width = min(self.panel.sizeHint().width() + 24, screen.width() // 2)
        height = min(self.qt.height(), screen.height())
        frame = self.qt.frameGeometry()
        left = max(screen.left(), min(frame.right() - width, screen.right() - width))
        self.dock.setGeometry(left, max(screen.top(), frame.top()), width, height)

    @Slot()
    def show_conflicts(self) -> None:
        from fieldapp.ui.sync.conflict_view import ConflictView

        if self._conflict_view is None:
            self._conflict_view = ConflictView(self.window.store, self.qt)
            self._conflict_view.record_resolved.connect(self._on_conflict_view_record_resolved)
        self._conflict_view.reload()
        self._conflict_view.show()
        self._conflict_view.raise_()

    @Slot(str, str)
    def _on_conflict_view_record_resolved(self, _entity: str, _row_id: str) -> None:
        # The settling edit reaches the list, the map and the outbox on records_changed.
        self.window.reload_open_report()

    @Slot(object)
    def _on_runner_sync_finished(self, report: SyncReport) -> None:
        self._last_report = report
        self.refresh()  # the views read again on the task manager's records_changed
        if report.changes.touches("report", "attachment"):
            self._reload_open_report()

    def _reload_open_report(self) -> None:
        """A pull changed records: the report open in the editor must not stay stale."""
        outcome = self.window.reload_open_report()
        if outcome == "reloaded":
            text = self.tr("The open report was reloaded: it changed on the server.")
            self.window.status.showMessage(text, 8000)
        elif outcome == "deleted":
            text = self.tr("The report you had open was deleted on another device.")
            self.window.status.showMessage(text, 8000)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.qt and event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        return False

    def retranslate(self) -> None:
        self.menu.setTitle(self.tr("S&ync"))
        self.dock.setWindowTitle(self.tr("Sync"))
        self.panel_action.setText(self.tr("Sync &panel"))
        self.sync_now_action.setText(self.tr("Sync &now"))
        self.conflicts_action.setText(self.tr("&Conflicts…"))

    def shutdown(self) -> None:
        self._shut_down = True
        self.timer.stop()
        if self._panel is not None:
            self._panel.shut_down = True
        self.runner.stop()


def _read_status(store: Store) -> SyncStatus:
    # Imported at the first read, after the first rows are painted: the sync client's
    # modules cost start-up time, and a device that never joined needs only the answer.
    from fieldapp.sync.client.status import sync_status

    return sync_status(store)
