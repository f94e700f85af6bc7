"""The main window: operation chooser, report list and map, report editor, status bar.

It is handed the objects it works with (Store, Settings, LanguageManager) and builds the
rest, first of all the application's one TaskManager (`self.tasks`), which runs every
background job (the list's queries, sync, downloads, files) and which it hands to the
screens; `shutdown()` stops it last, with a bound on the wait. Only cheap reads run
before the window is shown; the operation list and the outbox count are read just after.
The left side (ReportsPane) shows the list and the map as tabs under one filter bar;
MapController wires the map to the list, the editor and the status bar (the map itself
is built on first show). GUI thread only.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QMainWindow, QSplitter, QVBoxLayout, QWidget

from fieldapp.core.errors import NotFoundError
from fieldapp.core.record_types import Operation, Report
from fieldapp.core.replica import default_user
from fieldapp.core.settings import Settings
from fieldapp.store import Store
from fieldapp.ui.exports.package_launch import PackageLauncher
from fieldapp.ui.exports.sitrep_launch import SitrepLauncher
from fieldapp.ui.kit.banner import ExerciseBanner
from fieldapp.ui.kit.i18n import LanguageManager
from fieldapp.ui.kit.screen import fit_to_screen
from fieldapp.ui.kit.taskman import Lane, TaskManager
from fieldapp.ui.maps.controller import MapController
from fieldapp.ui.monitoring.launch import MonitoringLauncher
from fieldapp.ui.radio.launch import RadioLauncher
from fieldapp.ui.reports.list_view import ReportListPanel
from fieldapp.ui.reports.query_worker import ReportQueryRunner
from fieldapp.ui.shell.jobs import Overview, read_overview
from fieldapp.ui.shell.jobs_dock import JobsDock
from fieldapp.ui.shell.main_chrome import EmptyOperationPage, WindowChrome
from fieldapp.ui.shell.pane import ReportsPane
from fieldapp.ui.shell.status import FieldStatusBar
from fieldapp.ui.shell.store_changes import StoreChanges
from fieldapp.ui.sync.controller import SyncController
from fieldapp.ui.sync.public_launch import PublicFormLauncher
from fieldapp.ui.tiles.menu import TileActions

if TYPE_CHECKING:
    from fieldapp.core.changes import Changes
    from fieldapp.ui.alerts.launch import AlertsLauncher
    from fieldapp.ui.exercises.launch import ExerciseLauncher
    from fieldapp.ui.reports.editor import ReportEditor

log = logging.getLogger(__name__)
AFTER_FIRST_ROWS_MS = 50
# The rest is built then at the latest, even if no row was ever painted (the list hidden
# behind the map from the start, a screenshot script): the desks' menus must come.
REST_AT_THE_LATEST_MS = 3000


class MainWindow(QMainWindow):
    """One data directory's reports, one operation at a time."""

    operation_changed = Signal(object)  # the operation dict, or None
    records_changed = Signal(object)  # Changes: records written here, by a job or by sync
    start_up_finished = Signal()  # first rows painted, the rest of the window built

    def __init__(
        self,
        store: Store,
        settings: Settings,
        *,
        languages: LanguageManager | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.store = store
        self.settings = settings
        self.data_dir = Path(store.data_dir)
        self.languages = languages
        self.operation: Operation | None = None
        self.tasks = TaskManager(self.data_dir, self)
        self.tasks.user = store.user  # jobs write as the window's user
        # What changed, from the window's own writes and from every job's (sync rounds
        # included), goes out on records_changed: the views read again from there.
        self.tasks.records_changed.connect(self.records_changed)
        self.store_changes = StoreChanges(store, self)
        self.store_changes.changes_committed.connect(self.records_changed)
        self.runner = ReportQueryRunner(self.tasks, self)
        self._shut_down = False
        self._before_new: Report | None = None
        self._later_scheduled = False
        self._build()
        self.chrome = WindowChrome(self)
        view_menu = self.reports_pane.build_menu(self.menuBar())
        self.jobs = JobsDock(self, self.tasks, view_menu)  # what runs, with Cancel
        self.tile_actions = TileActions(self, self.data_dir, settings, self.tasks)
        pane = self.reports_pane
        self.map_controller = MapController(self, pane.map_panel, pane.show_map)
        self.radio = RadioLauncher(self)  # the radio desk: its own window, Ctrl+3
        menu = self.chrome.operation_menu  # Operation ▸ Situation report…
        self.sitrep = SitrepLauncher(self, menu, self.store, self.tasks)
        self.packages = PackageLauncher(  # File ▸ Import/Export operation package…
            self, self.chrome.file_menu, self.chrome.export_action, self.tasks, _type_labels
        )
        self.monitoring = MonitoringLauncher(self)  # the monitoring desk, Ctrl+4, and polling
        self.alerts: AlertsLauncher | None = None  # built once the first rows are painted
        self.exercises: ExerciseLauncher | None = None  # the same
        self.sync = SyncController(self)  # background sync starts after start-up, if joined
        self.public_form = PublicFormLauncher(self, menu, self.store, self.tasks)  # issue 19
        self._connect()
        self._switch_to(self._initial_operation())
        QTimer.singleShot(0, self._after_first_show)
        QTimer.singleShot(REST_AT_THE_LATEST_MS, self._rest_at_the_latest)

    def _build(self) -> None:
        self.banner = ExerciseBanner(self)
        self.report_list = ReportListPanel(self.store, self.runner, self)
        self.report_model = self.report_list.model
        self._editor: ReportEditor | None = None
        self.editor_placeholder = QWidget(self)
        self.empty_page = EmptyOperationPage(self)
        self.splitter = QSplitter(self)
        self.reports_pane = ReportsPane(self.report_list, self.store, self.tasks, self)
        self.splitter.addWidget(self.reports_pane)
        self.splitter.addWidget(self.editor_placeholder)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(4, 0, 4, 0)
        layout.addWidget(self.banner)
        layout.addWidget(self.empty_page)
        layout.addWidget(self.splitter, 1)
        self.setCentralWidget(central)
        self.status = FieldStatusBar(self)
        self.setStatusBar(self.status)
        fit_to_screen(self, 1280, 800)

    def _connect(self) -> None:
        # The screens know the window only through protocols: the shell wires them here.
        maps, radio, tiles = self.map_controller, self.radio, self.tile_actions
        self.operation_changed.connect(maps.set_operation)
        self.operation_changed.connect(radio.set_operation)
        self.operation_changed.connect(self.monitoring.set_operation)
        self.operation_changed.connect(self.sitrep.set_operation)
        self.operation_changed.connect(self.packages.set_operation)
        self.operation_changed.connect(self.public_form.set_operation)
        self.sync.runner.state_changed.connect(self.public_form.refresh)
        self.packages.operation_imported.connect(self.switch_operation)
        self.records_changed.connect(self.sitrep.show_changes)
        self.sitrep.radio_entry_requested.connect(self._on_radio_entry_requested)
        self.records_changed.connect(maps.show_changes)
        self.records_changed.connect(radio.show_changes)
        self.records_changed.connect(self.monitoring.show_changes)
        tiles.tile_sets_changed.connect(maps.tile_sets_changed)
        self.reports_pane.map_panel.tiles_requested.connect(tiles.download_area)
        self.status.sync_panel_requested.connect(self.sync.show_panel)
        self.report_list.current_changed.connect(self._on_report_list_current_changed)
        self.report_list.delete_requested.connect(self._on_delete_report_triggered)
        self.report_list.open_requested.connect(self._on_report_list_open_requested)
        self.empty_page.create_requested.connect(self.new_operation)
        chrome = self.chrome
        chrome.operation_combo.activated.connect(self._on_operation_combo_activated)
        self.records_changed.connect(self._on_records_changed)
        chrome.new_operation_action.triggered.connect(self.new_operation)
        chrome.settings_action.triggered.connect(self.open_settings)
        chrome.quit_action.triggered.connect(self.close)
        chrome.new_report_action.triggered.connect(self._on_new_report_triggered)
        chrome.save_report_action.triggered.connect(self._on_save_report_triggered)
        chrome.delete_report_action.triggered.connect(self._on_delete_report_triggered)
        chrome.find_action.triggered.connect(self._on_find_triggered)
        chrome.import_action.triggered.connect(self._on_import_triggered)
        chrome.export_action.triggered.connect(self._on_export_triggered)

    def _build_alerts(self) -> None:
        """The alerts and outreach desk's menu, Ctrl+5 and notices: built once the first
        rows are painted (its menu appears a moment after the list; start-up time)."""
        from fieldapp.ui.alerts.launch import AlertsLauncher

        alerts = self.alerts = AlertsLauncher(self)
        bar = self.menuBar()  # the desks' menus side by side, before Sync
        menus = bar.actions()
        after = menus.index(self.monitoring.menu.menuAction()) + 1
        before = menus[after] if after < len(menus) - 1 else None
        if before is not None:
            bar.insertMenu(before, alerts.menu)
        alerts.set_operation(self.operation)
        self.operation_changed.connect(alerts.set_operation)
        self.records_changed.connect(alerts.show_changes)
        alerts.radio_entry_requested.connect(self._on_radio_entry_requested)
        alerts.report_requested.connect(self.monitoring.show_report)
        self.map_controller.alert_clicked.connect(alerts.open_alert)  # an area on the map
        alerts.start()  # what came while the window was closed is announced now
        from fieldapp.ui.exercises.launch import ExerciseLauncher

        exercises = self.exercises = ExerciseLauncher(self, self.store, self.tasks)
        if before is not None:
            bar.insertMenu(before, exercises.menu)
        exercises.set_operation(self.operation)
        self.operation_changed.connect(exercises.set_operation)
        self.records_changed.connect(exercises.show_changes)
        exercises.operation_requested.connect(self.switch_operation)  # the sample exercise

    @Slot(str, object)
    def _on_radio_entry_requested(self, kind: str, values: dict) -> None:
        """An alert to relay by radio: the radio desk's entry form, prefilled."""
        self.radio.open_desk().entry.prefill(kind, values)

    @property
    def editor(self) -> ReportEditor:
        """The report editor, built on first use: its imports and widgets cost start-up."""
        if self._editor is None:
            from fieldapp.ui.reports.editor import ReportEditor

            editor = ReportEditor(self.store, self.tasks, self)
            editor.report_saved.connect(self._on_editor_report_saved)
            editor.report_deleted.connect(self._on_editor_report_deleted)
            editor.attachments_changed.connect(self._on_editor_attachments_changed)
            editor.editing_cancelled.connect(self._on_editor_editing_cancelled)
            editor.set_operation(self.operation)
            self.map_controller.attach_editor(editor)
            self.monitoring.attach_editor(editor)  # the sources line of promoted reports
            self.splitter.replaceWidget(1, editor)
            total = max(self.splitter.width(), 800)
            self.splitter.setSizes([total * 3 // 5, total - total * 3 // 5])
            self.editor_placeholder.deleteLater()
            self._editor = editor
        return self._editor

    def _confirm_leave(self) -> bool:
        return self._editor is None or self._editor.confirm_leave()

    def _initial_operation(self) -> Operation | None:
        """The operation used last time, else the newest; cheap before the first paint."""
        if self.settings.last_operation_id:
            try:
                return self.store.operations.get(self.settings.last_operation_id)
            except NotFoundError:
                pass
        operations = self.store.operations.list()
        return operations[0] if operations else None

    @Slot()
    def _after_first_show(self) -> None:
        """Once the first rows are on screen (or there are none): the rest of start-up."""
        if self._shut_down or self._later_scheduled:
            return
        model = self.report_model
        single = Qt.ConnectionType.SingleShotConnection
        if model.query is not None and model.rowCount() == 0 and not model.is_complete():
            model.results_loaded.connect(self._after_first_show, single)  # rows to come
            model.query_failed.connect(self._after_first_show, single)  # or none will
        elif model.rowCount() and not self.report_list.rows_on_screen():
            self.report_list.view.rows_painted.connect(self._after_first_show, single)
        else:
            self._later_scheduled = True
            # A little later still, so these do not compete with the first paint's flush.
            QTimer.singleShot(AFTER_FIRST_ROWS_MS, self._build_the_rest)

    @Slot()
    def _rest_at_the_latest(self) -> None:
        if not self._later_scheduled and not self._shut_down:
            self._later_scheduled = True
            self._build_the_rest()

    @Slot()
    def _build_the_rest(self) -> None:
        if self._shut_down:
            return
        self.tasks.submit(
            read_overview, lane=Lane.READS, on_done=self._on_overview_read, owner=self
        )
        self.editor  # noqa: B018 (built now: its imports and widgets cost start-up)
        self._build_alerts()
        self.sync.start()
        self.start_up_finished.emit()

    def _on_overview_read(self, overview: Overview) -> None:
        self.chrome.set_operations(overview.operations, self.operation)
        self.sync.refresh()  # the outbox count with the age of the oldest change

    # -- operations --------------------------------------------------------------------

    def _reload_operations(self) -> None:
        self.chrome.set_operations(self.store.operations.list(), self.operation)

    def switch_operation(self, operation_id: str) -> bool:
        """Show another operation (asks first if the editor has unsaved changes)."""
        if self.operation and self.operation["id"] == operation_id:
            return True
        if not self._confirm_leave():
            self.chrome.select_operation(self.operation)
            return False
        try:
            operation = self.store.operations.get(operation_id)
        except NotFoundError:
            self._reload_operations()
            return False
        self._switch_to(operation)
        return True

    def _switch_to(self, operation: Operation | None) -> None:
        self.operation = operation
        exercise = bool(operation and operation["exercise"])
        self.banner.setVisible(exercise)
        self.empty_page.setVisible(operation is None)
        self.splitter.setVisible(operation is not None)
        if self._editor is not None:
            self._editor.set_operation(operation)
        self.report_list.set_operation(operation["id"] if operation else None)
        self.chrome.select_operation(operation)
        self.chrome.set_report_actions_enabled(operation is not None)
        self._update_title()
        if operation and self.settings.last_operation_id != operation["id"]:
            self.settings.last_operation_id = operation["id"]
            self.save_settings()
        self.operation_changed.emit(operation)

    @Slot()
    def new_operation(self) -> Operation | None:
        """Ask for a name and create an operation; it becomes the current one."""
        from fieldapp.ui.kit.dialogs import NewOperationDialog

        if not self._confirm_leave():
            return None
        operation = NewOperationDialog(self).ask(self.store.operations.create)
        if operation is not None:
            self._switch_to(operation)
        return operation

    @Slot(object)
    def _on_records_changed(self, changes: Changes) -> None:
        """The list and the chooser read again; a change made here will be sent soon."""
        if changes.touches("report", "attachment"):
            self.report_list.refresh()
        if changes.touches("operation"):
            self._reload_operations()
        if changes.local:
            self.update_outbox()

    @Slot(int)
    def _on_operation_combo_activated(self, index: int) -> None:
        operation_id = self.chrome.operation_combo.itemData(index)
        if operation_id:
            self.switch_operation(operation_id)

    # -- reports -----------------------------------------------------------------------

    @Slot(object)
    def _on_report_list_current_changed(self, report_id: str | None) -> None:
        if report_id is None or report_id == self.editor.current_report_id():
            return
        if not self.editor.confirm_leave():
            current = self.editor.current_report()
            self.report_list.select_seq(current["seq"] if current else None)
            return
        self.editor.show_report(report_id)

    @Slot()
    def _on_report_list_open_requested(self) -> None:
        if self.editor.is_editing():
            self.editor.form.widget("title").setFocus()

    @Slot()
    def _on_new_report_triggered(self) -> None:
        if self.operation is None or not self._confirm_leave():
            return
        self._before_new = self.editor.current_report()
        self.report_list.clear_selection()
        self.editor.new_report()

    @Slot()
    def _on_save_report_triggered(self) -> None:
        self.editor.save()

    @Slot()
    def _on_delete_report_triggered(self) -> None:
        self.editor.delete()

    @Slot()
    def _on_find_triggered(self) -> None:
        search = self.report_list.filter_bar.search_edit
        search.setFocus()
        search.selectAll()

    @Slot()
    def _on_import_triggered(self) -> None:
        """File ▸ Import…: a file's items into the current operation, previewed first."""
        if self.operation is None:
            return
        from fieldapp.ui.exports.import_dialog import ImportDialog

        dialog = ImportDialog(self.tasks, self.operation, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    @Slot()
    def _on_export_triggered(self) -> None:
        """File ▸ Export…: the list's reports (or the operation's) to a file, as a job."""
        query = self.report_list.current_query()
        if query is None:
            return
        from fieldapp.ui.exports.export_dialog import ExportDialog

        dialog = ExportDialog(self.tasks, self.data_dir, query, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    @Slot(str, str)
    def _on_editor_report_saved(self, report_id: str, action: str) -> None:
        report = self.editor.current_report()
        self.report_list.keep_selected(report["seq"] if report else None)
        self.sync.report_shown(report_id)
        message = self.tr("Report created.") if action == "created" else self.tr("Report saved.")
        self.status.showMessage(message, 4000)

    @Slot(str)
    def _on_editor_report_deleted(self, _report_id: str) -> None:
        self.report_list.clear_selection()
        self.status.showMessage(self.tr("Report deleted."), 4000)

    @Slot(str)
    def _on_editor_attachments_changed(self, _report_id: str) -> None:
        self.status.showMessage(self.tr("Files attached."), 4000)

    @Slot()
    def _on_editor_editing_cancelled(self) -> None:
        """A new report was dropped: go back to the report shown before it."""
        previous, self._before_new = self._before_new, None
        if previous is not None and self.report_list.select_seq(previous["seq"]):
            self.editor.show_report(previous["id"])
        self.report_list.view.setFocus()

    def shown_report(self) -> Report | None:
        """The report open in the editor (None before the editor is built, or none)."""
        return self._editor.current_report() if self._editor is not None else None

    def reload_open_report(self) -> str:
        """The store changed under the editor (a pull, a settled conflict): the editor
        reloads the open report, or says so over it if it has unsaved edits."""
        return self._editor.take_outside_change() if self._editor is not None else "unchanged"

    def update_outbox(self) -> None:
        """After a local write: the status bar and the sync panel, and send it soon."""
        self.sync.local_change_saved()

    # -- settings and language ---------------------------------------------------------

    @Slot()
    def open_settings(self) -> None:
        from fieldapp.ui.kit.banner import mark_exercise
        from fieldapp.ui.kit.dialogs import SettingsDialog

        dialog = SettingsDialog(self.settings, self)
        mark_exercise(dialog, bool(self.operation and self.operation["exercise"]))
        self.settings_dialog = dialog  # for tests: the one opened last
        if dialog.exec():
            for name, value in dialog.accounts().items():
                setattr(self.settings, name, value)
            self.radio.set_station(dialog.station())
            self.apply_settings(dialog.language(), dialog.user_name())

    def apply_settings(self, language: str, user_name: str) -> None:
        """Save the settings and apply them now (language live, the new name to new edits)."""
        self.settings.language = language
        self.settings.user_name = user_name
        self.store.db.user = user_name or default_user()
        self.tasks.user = self.store.user
        self.save_settings()
        if self.languages is not None:
            self.languages.apply(language)

    def save_settings(self) -> None:
        try:
            self.settings.save(self.data_dir)
        except OSError as exc:
            log.warning("settings not saved: %s", exc)
            self.status.showMessage(
                self.tr("Settings could not be saved: %1").replace("%1", str(exc))
            )

    def _update_title(self) -> None:
        self.setWindowTitle(self.chrome.window_title(self.operation))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange and hasattr(self, "chrome"):
            self._update_title()
            self.chrome.retranslate()
        super().changeEvent(event)

    # -- closing -----------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._confirm_leave() or not self.tile_actions.confirm_close():
            event.ignore()
            return
        self.shutdown()
        event.accept()

    def shutdown(self) -> None:
        """Stop the screens, then every background job (a bounded wait); safe twice."""
        if self._shut_down:
            return
        self._shut_down = True
        self.tile_actions.shutdown()
        self.runner.stop()
        self.radio.shutdown()
        self.monitoring.shutdown()
        self.sitrep.close()
        self.public_form.close()
        if self.alerts is not None:
            self.alerts.shutdown()
        if self.exercises is not None:
            self.exercises.shutdown()
        self.sync.shutdown()
        self.reports_pane.map_panel.shutdown()
        self.tasks.shutdown()
        self.store_changes.stop()


def _type_labels() -> dict[str, str]:
    """Record types in words (the conflict view's), for the package import's preview."""
    from fieldapp.ui.sync.record_display import type_labels

    return type_labels()
