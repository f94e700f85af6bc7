"""The main window's way into the monitoring desk: a Monitoring menu, Ctrl+4, the poller,
and the sources line in the report editor.

The desk is a window of its own, built the first time it is asked for (start-up never
imports it) and kept: closing it only hides it. It follows the main window's operation
and its `records_changed`. The poller belongs to the launcher, not to the desk, so the
sources of the operation are polled while the main window is open, desk shown or not.
A card promoted to a report opens that report in the main window's editor, for the
volunteer to complete. The report editor (a layer below) cannot import the desk: the
launcher puts a ReportSourcesLine into the editor's page and tells it which report is
open, so the editor shows how many independent authors corroborate the report, the
earliest, and a link to each. It knows the main window only through `MainWindowLike`.
GUI thread only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, cast

from PySide6.QtCore import QEvent, QObject, Qt, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QStatusBar

from fieldapp.ui.monitoring.poller import Poller
from fieldapp.ui.monitoring.words import counted

if TYPE_CHECKING:
    from fieldapp.core.changes import Changes
    from fieldapp.core.record_types import Operation
    from fieldapp.store import Store
    from fieldapp.ui.kit.taskman import TaskManager
    from fieldapp.ui.monitoring import jobs
    from fieldapp.ui.monitoring.desk import MonitoringDesk
    from fieldapp.ui.monitoring.report_sources import ReportSourcesLine
    from fieldapp.ui.reports.editor import ReportEditor
    from fieldapp.ui.reports.list_view import ReportListPanel


if TYPE_CHECKING:  # a Protocol class costs start-up time; annotations only

    class MainWindowLike(Protocol):
        """What the launcher uses of the main window (a QMainWindow as well)."""

        @property
        def store(self) -> Store: ...
        @property
        def tasks(self) -> TaskManager: ...
        @property
        def status(self) -> QStatusBar: ...
        @property
        def report_list(self) -> ReportListPanel: ...
        @property
        def operation(self) -> Operation | None: ...
        @property
        def editor(self) -> ReportEditor: ...


class MonitoringLauncher(QObject):
    """Owns the monitoring desk and the poller of one main window."""

    def __init__(self, window: MainWindowLike):
        qt = cast(QMainWindow, window)
        super().__init__(qt)
        self.window = window
        self.qt = qt
        self._desk: MonitoringDesk | None = None
        self.sources_line: ReportSourcesLine | None = None
        self._editor: ReportEditor | None = None
        self.poller = Poller(window.tasks, self)
        self.poller.round_finished.connect(self._on_poller_round_finished)
        self.open_action = QAction(qt)
        self.open_action.setShortcut(QKeySequence("Ctrl+4"))
        self.open_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.open_action.triggered.connect(self.open_desk)
        qt.addAction(self.open_action)
        self.menu = qt.menuBar().addMenu("")
        self.menu.addAction(self.open_action)
        qt.installEventFilter(self)
        self.retranslate()
        self.poller.set_operation(window.operation["id"] if window.operation else "")
        self.poller.start()

    @property
    def desk(self) -> MonitoringDesk:
        if self._desk is None:
            from fieldapp.ui.monitoring.desk import MonitoringDesk

            desk = MonitoringDesk(self.window.store, self.window.tasks, self.qt)
            desk.sources.sources_changed.connect(self.poller.sources_changed)
            desk.sources.poll_requested.connect(self.poller.poll_now)
            desk.triage.report_promoted.connect(self.show_report)
            desk.set_operation(self.window.operation)
            self._desk = desk
        return self._desk

    @Slot()
    def open_desk(self) -> MonitoringDesk:
        desk = self.desk
        desk.show()
        desk.raise_()
        desk.activateWindow()
        desk.focus_queue()
        return desk

    @Slot(object)
    def show_changes(self, changes: Changes) -> None:
        """Records were written (here, by a job or by sync): the open desk reads again."""
        if self._desk is not None:
            self._desk.show_changes(changes)
        if self.sources_line is not None and changes.touches("item"):
            self.sources_line.refresh()

    @Slot(object)
    def set_operation(self, operation: Operation | None) -> None:
        self.poller.set_operation(operation["id"] if operation else "")
        if self._desk is not None:
            self._desk.set_operation(operation)

    @Slot(object)
    def _on_poller_round_finished(self, round_: jobs.PollRound) -> None:
        if self._desk is None:
            return
        self._desk.sources.refresh()  # last fetch, errors, posts today
        failed = [p for p in round_.polled if p.error]
        if failed:
            text = counted(
                len(failed),
                self.tr("1 source could not be polled: see the sources panel."),
                self.tr("%1 sources could not be polled: see the sources panel."),
            )
            self._desk.statusBar().showMessage(text, 8000)

    # -- reports --------------------------------------------------------------------------

    @Slot(str)
    def show_report(self, report_id: str) -> bool:
        """Open a report (a card just promoted) in the main window's editor."""
        editor = self.window.editor
        if not editor.confirm_leave() or not editor.show_report(report_id):
            self.window.status.showMessage(
                self.tr("The new report is in the list: open it there to complete it."), 6000
            )
            return False
        report = editor.current_report()
        if report is not None:
            self.window.report_list.keep_selected(report["seq"])
            self.window.report_list.select_seq(report["seq"])
        self.qt.raise_()
        self.qt.activateWindow()
        editor.form.widget("title").setFocus()
        return True

    def attach_editor(self, editor: ReportEditor) -> None:
        """Called once the (lazy) editor exists: its page gets the report's sources line."""
        from fieldapp.ui.monitoring.report_sources import ReportSourcesLine

        line = ReportSourcesLine(self.window.tasks, editor.page)
        layout = editor.page.layout()
        layout.insertWidget(layout.indexOf(editor.id_label) + 1, line)  # type: ignore[attr-defined]
        self.sources_line, self._editor = line, editor
        # The editor says nothing when it opens a report; its history is read every time
        # it does, and its page gives way to the placeholder when none is open.
        editor.history.history_model.modelReset.connect(self._on_editor_report_opened)
        editor.stack.currentChanged.connect(self._on_editor_report_opened)

    @Slot()
    def _on_editor_report_opened(self, *_args: object) -> None:
        if self._editor is None or self.sources_line is None:
            return
        report_id = self._editor.current_report_id() if self._editor.is_editing() else None
        if report_id != self.sources_line.report_id:
            self.sources_line.show_report(report_id)

    # -- lifetime and language ------------------------------------------------------------------

    def shutdown(self) -> None:
        self.poller.stop()
        if self._desk is not None:
            self._desk.close()
            self._desk.shutdown()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.qt and event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        return super().eventFilter(watched, event)

    def retranslate(self) -> None:
        # No Alt letter: every letter of "Monitoring" is taken in the main window already
        # (test_mnemonics); Ctrl+4 opens the desk from anywhere in the window.
        self.menu.setTitle(self.tr("Monitoring"))
        self.open_action.setText(self.tr("&Monitoring desk"))
        if self.sources_line is not None:
            self.sources_line.retranslate()
