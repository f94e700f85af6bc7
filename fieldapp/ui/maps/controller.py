"""How the map works with the rest of the main window.

- the list's filters and the current operation drive the map (ReportQuery via set_query);
- a marker clicked opens its report in the editor (after the unsaved-changes prompt) and
  selects it in the list when the list holds it;
- "Set on map" in the editor switches to the Map tab in location mode: a map click or a
  dragged marker fills the editor's latitude and longitude, unsaved (validation, undo and
  the unsaved-changes prompt work as for typing); Esc or Done ends it, and so does opening
  another report, saving or cancelling;
- saves and deletes refresh the markers; the cursor position goes to the status bar;
- tile sets imported, downloaded or removed reload the map's layers;
- a failed read is said over the map itself (MapPanel), not in the status bar;
- an official alert's area clicked is announced with `alert_clicked(id)`, for the shell
  to open it in the alerts desk.

It holds no state of its own beyond the wiring; the store is only read for the report a
click opens (one row). It knows the main window only through the `MainWindowLike`
protocol below; the shell, which sits above the screens, connects the window's and the
tile menu's signals to `set_operation`, `show_changes` and `tile_sets_changed`, and the
panel's `tiles_requested` to the tile menu. GUI thread only.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol, cast

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import QStatusBar

from fieldapp.core.record_types import Operation
from fieldapp.ui.maps.position import PositionReadout

if TYPE_CHECKING:
    from fieldapp.core.changes import Changes
    from fieldapp.ui.maps.panel import MapPanel
    from fieldapp.ui.reports.editor import ReportEditor
    from fieldapp.ui.reports.list_view import ReportListPanel


if TYPE_CHECKING:  # a Protocol class costs start-up time; annotations only

    class MainWindowLike(Protocol):
        """What the map's wiring uses of the main window."""

        @property
        def status(self) -> QStatusBar: ...
        @property
        def operation(self) -> Operation | None: ...
        @property
        def report_list(self) -> ReportListPanel: ...
        @property
        def editor(self) -> ReportEditor: ...
        def update_outbox(self) -> None: ...


class MapController(QObject):
    """Connects the Map tab to the list, the editor and the status bar of a window."""

    alert_clicked = Signal(str)  # an official alert's area was clicked: the alert's id

    def __init__(self, window: MainWindowLike, panel: MapPanel, show_map: Callable[[], None]):
        super().__init__(cast(QObject, window))  # the main window is a QObject too
        self.window = window
        self.panel = panel
        self.show_map = show_map  # the Map tab to the front
        self.readout = PositionReadout(window.status)
        window.status.addPermanentWidget(self.readout)
        panel = self.panel
        panel.report_clicked.connect(self._on_panel_report_clicked)
        panel.alert_clicked.connect(self.alert_clicked)
        panel.location_picked.connect(self._on_panel_location_picked)
        panel.cursor_moved.connect(self.readout.show_position)
        panel.cursor_left.connect(self.readout.clear_position)
        panel.features_changed.connect(self._on_panel_features_changed)
        window.report_list.filter_bar.filters_changed.connect(self._on_filter_bar_changed)
        window.report_list.current_changed.connect(self._on_report_list_current_changed)
        panel.set_operation(window.operation, window.report_list.current_query())

    @Slot()
    def tile_sets_changed(self) -> None:
        """A set was imported, downloaded or removed: the map's layers follow."""
        if self.panel.view is not None:
            self.panel.view.reload()

    def attach_editor(self, editor: ReportEditor) -> None:
        """Called once the (lazy) editor exists."""
        editor.location_requested.connect(self._on_editor_location_requested)
        editor.report_saved.connect(self._on_editor_report_saved)
        editor.report_deleted.connect(self._on_editor_report_deleted)
        editor.editing_cancelled.connect(self.panel.end_location_mode)

    # -- list and operation ------------------------------------------------------------

    @Slot(object)
    def show_changes(self, changes: Changes) -> None:
        """Records were written (here, by a job or by sync): the map decides what to read."""
        self.panel.show_changes(changes)

    @Slot(object)
    def set_operation(self, operation: Operation | None) -> None:
        self.panel.set_operation(operation, self.window.report_list.current_query())

    @Slot()
    def _on_filter_bar_changed(self) -> None:
        self.panel.set_query(self.window.report_list.current_query())

    @Slot(object)
    def _on_report_list_current_changed(self, _report_id: str | None) -> None:
        self._end_if_elsewhere()

    # -- markers -> editor -------------------------------------------------------------

    @Slot(str)
    def _on_panel_report_clicked(self, report_id: str) -> None:
        editor = self.window.editor
        if report_id == editor.current_report_id() or not editor.confirm_leave():
            return
        if not editor.show_report(report_id):
            self.panel.refresh()  # gone since the map was drawn
            return
        report = editor.current_report()
        assert report is not None
        self.window.report_list.select_seq(report["seq"])

    # -- location mode -----------------------------------------------------------------

    @Slot()
    def _on_editor_location_requested(self) -> None:
        editor = self.window.editor
        if not editor.is_editing():
            return
        report = editor.current_report()
        title = editor.form.value("title").strip() or (report["title"] if report else "")
        self.show_map()
        self.panel.start_location_mode(
            report["id"] if report else None, editor.form.position(), title
        )

    @Slot(float, float)
    def _on_panel_location_picked(self, lat: float, lon: float) -> None:
        if self._end_if_elsewhere():
            return
        self.window.editor.form.set_position(lat, lon)
        self.window.status.showMessage(
            self.tr("Position set in the editor: save the report to keep it."), 4000
        )

    def _end_if_elsewhere(self) -> bool:
        """End location mode if the editor no longer shows the report being placed."""
        target = self.panel.location_target()
        if target is None:
            return False
        editor = self.window.editor
        current = editor.current_report_id()
        same = editor.is_editing() and (current == target or (current is None and target == "new"))
        if not same:
            self.panel.end_location_mode()
        return not same

    # -- saves, deletes, features ------------------------------------------------------

    @Slot(str, str)
    def _on_editor_report_saved(self, _report_id: str, _action: str) -> None:
        self.panel.end_location_mode()  # the markers read again on records_changed

    @Slot(str)
    def _on_editor_report_deleted(self, _report_id: str) -> None:
        self.panel.end_location_mode()

    @Slot(str)
    def _on_panel_features_changed(self, message: str) -> None:
        self.window.status.showMessage(message, 4000)
