"""The "Map" tab of the main window: the go-to box, the location-mode bar and the map.

The MapView (QtWebEngine, folium) is built the first time the tab is shown, never at
start-up: `ensure_map()` imports fieldapp.ui.maps.view then. Until then, and while the tab
is hidden, the panel only remembers the operation and the list's query; a hidden map is
marked stale instead of re-reading its reports at every keystroke in the search box, and
catches up when it is shown again. Report data, features and the official alerts' areas
are read by the map's workers (alerts whenever records of type "alert" change, even
hidden: one small read); this panel only routes signals, an alert's area clicked going
up as `alert_clicked(id)`. When a read fails the map shows nothing of it,
and a bar over the map (ReadProblemBar) says why until a read succeeds; its "Try again"
reads again. GUI thread only.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, Signal, Slot
from PySide6.QtGui import QKeySequence, QShowEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from fieldapp.core.record_types import Operation
from fieldapp.reports.query import ReportQuery
from fieldapp.store import Store
from fieldapp.ui.kit.read_problem import (
    MAP_ALERTS,
    MAP_AREAS,
    MAP_PAGE,
    MAP_REPORTS,
    ReadProblemBar,
)
from fieldapp.ui.kit.taskman import TaskManager
from fieldapp.ui.maps.legend import MapLegend
from fieldapp.ui.maps.position import GoToBar

if TYPE_CHECKING:
    from fieldapp.core.changes import Changes
    from fieldapp.ui.maps.features import MapFeatures
    from fieldapp.ui.maps.view import MapView

log = logging.getLogger(__name__)
NEW_REPORT = "new"  # the location-mode id of a report not saved yet


class LocationBar(QFrame):
    """Says that map clicks now place a report, and how to stop."""

    done_clicked = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("location_bar")
        self.setStyleSheet("#location_bar { background: #e3f2fd; border: 1px solid #1565c0; }")
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.done_button = QPushButton(self)
        self.done_button.clicked.connect(self.done_clicked)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.done_button)
        self._title = ""
        self.hide()
        self._retranslate()

    def show_for(self, title: str) -> None:
        self._title = title
        self._retranslate()
        self.show()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        title = self._title or self.tr("the new report")
        self.label.setText(
            self.tr(
                "Placing “%1”: click the map or drag the marker. The position goes into the "
                "editor; save the report to keep it. Esc: done."
            ).replace("%1", title)
        )
        self.done_button.setText(self.tr("Done"))


class MapPanel(QWidget):
    """The map of the list's reports, built on first show."""

    map_created = Signal(object)  # the MapView
    report_clicked = Signal(str)
    alert_clicked = Signal(str)  # an official alert's area: its id (the shell opens it)
    location_picked = Signal(float, float)  # in location mode: a click or a dragged marker
    location_mode_ended = Signal()
    cursor_moved = Signal(float, float)
    cursor_left = Signal()
    features_changed = Signal(str)
    tiles_requested = Signal(object)  # (west, south, east, north): download this area

    def __init__(self, store: Store, tasks: TaskManager, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.tasks = tasks
        self.view: MapView | None = None
        self.features: MapFeatures | None = None
        self.operation: Operation | None = None
        self.query: ReportQuery | None = None
        self._stale = False
        self._location: tuple[str, tuple[float, float] | None] | None = None
        self.go_to = GoToBar(self, tasks)
        self.go_to.place_chosen.connect(self._on_go_to_place_chosen)
        self.legend = MapLegend(self)
        self.legend_button = QPushButton(self)
        self.legend_button.setCheckable(True)
        self.legend_button.toggled.connect(self.legend.setVisible)
        self.location_bar = LocationBar(self)
        self.location_bar.done_clicked.connect(self.end_location_mode)
        self.problem = ReadProblemBar(self)
        self.problem.retry_clicked.connect(self._on_problem_retry_clicked)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 4, 0, 0)
        top = QHBoxLayout()
        top.addWidget(self.go_to, 1)
        top.addWidget(self.legend_button)
        self._layout.addLayout(top)
        self._layout.addWidget(self.legend)
        self._layout.addWidget(self.location_bar)
        self._layout.addWidget(self.problem)
        self._layout.addStretch(1)  # replaced by the map when it is built
        self._add_escape_shortcut()
        self._retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self.legend_button.setText(self.tr("&Legend"))
        self.legend_button.setToolTip(
            self.tr("What the shapes, colours and marks of the map and the list mean")
        )

    def _add_escape_shortcut(self) -> None:
        from PySide6.QtGui import QShortcut

        escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        escape.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        escape.activated.connect(self.end_location_mode)

    # -- the map, lazily ---------------------------------------------------------------

    def ensure_map(self) -> MapView:
        """The map view, built now if it does not exist (imports QtWebEngine)."""
        if self.view is None:
            self._build_map()
        assert self.view is not None
        return self.view

    def _build_map(self) -> None:
        from fieldapp.ui.maps.features import MapFeatures
        from fieldapp.ui.maps.view import MapView

        view = MapView(self.store, self.tasks, parent=self)
        self._layout.takeAt(self._layout.count() - 1)  # the stretch
        self._layout.addWidget(view, 1)
        self.view = view
        view.report_clicked.connect(self._on_view_report_clicked)
        view.alert_clicked.connect(self._on_view_alert_clicked)
        view.map_clicked.connect(self._on_view_map_clicked)
        view.marker_moved.connect(self._on_view_marker_moved)
        view.cursor_moved.connect(self.cursor_moved)
        view.cursor_left.connect(self.cursor_left)
        self.features = MapFeatures(self.store, self.tasks, view, self.window())
        self.features.features_changed.connect(self.features_changed)
        self.features.tiles_requested.connect(self.tiles_requested)
        self._connect_problems(view, self.features)
        view.set_operation(self.operation, self.query)
        self.features.set_operation(self.operation)
        if self._location is not None:
            view.set_location_mode(*self._location)
        self._stale = False
        self.map_created.emit(view)

    def _connect_problems(self, view: MapView, features: MapFeatures) -> None:
        view.reports_read.connect(self._on_view_reports_read)
        view.reports_read_failed.connect(self._on_view_reports_read_failed)
        view.reports_shown.connect(self._on_view_reports_shown)
        view.load_failed.connect(self._on_view_load_failed)
        view.alerts.read.connect(self._on_alerts_read)
        view.alerts.read_failed.connect(self._on_alerts_read_failed)
        features.features_read.connect(self._on_features_features_read)
        features.read_failed.connect(self._on_features_read_failed)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.view is None:
            self._build_map()
        elif self._stale:
            self._stale = False
            self.view.set_query(self.query)

    def hideEvent(self, event) -> None:
        self.cursor_left.emit()
        super().hideEvent(event)

    # -- what the window tells it ------------------------------------------------------

    def set_operation(self, operation: Operation | None, query: ReportQuery | None) -> None:
        """Another operation: its reports (matching `query`) and its features."""
        self.operation = operation
        self.query = query
        self.end_location_mode()
        if self.view is not None:
            self.view.set_operation(operation, query)
            assert self.features is not None
            self.features.set_operation(operation)
            self._stale = False

    def set_query(self, query: ReportQuery | None) -> None:
        """The list's filters changed: the map follows (now if shown, else when shown)."""
        self.query = query
        self.refresh()

    def refresh(self) -> None:
        """Reports were saved or deleted: read them again (now if shown, else when shown)."""
        if self.view is None:
            return
        if self.isVisible():
            self.view.set_query(self.query)
        else:
            self._stale = True

    def show_changes(self, changes: Changes) -> None:
        """Records were written (here, by a job or by sync): read again what the map shows."""
        if changes.touches("report"):
            self.refresh()
        if changes.touches("feature") and self.features is not None:
            self.features.reload()
        if changes.touches("alert") and self.view is not None:
            self.view.alerts.refresh()

    def fly_to(self, lat: float, lon: float, zoom: int = 13) -> None:
        self.ensure_map().fly_to(lat, lon, zoom)

    # -- location mode -----------------------------------------------------------------

    def is_locating(self) -> bool:
        return self._location is not None

    def location_target(self) -> str | None:
        return self._location[0] if self._location else None

    def start_location_mode(
        self, report_id: str | None, at: tuple[float, float] | None, title: str
    ) -> None:
        """Map clicks and the dragged marker now place this report (None: a new one)."""
        self._location = (report_id or NEW_REPORT, at)
        self.location_bar.show_for(title)
        self.ensure_map().set_location_mode(*self._location)
        self.ensure_map().setFocus()

    @Slot()
    def end_location_mode(self) -> None:
        if self._location is None:
            return
        self._location = None
        self.location_bar.hide()
        if self.view is not None:
            self.view.set_location_mode(None)
        self.location_mode_ended.emit()

    # -- slots -------------------------------------------------------------------------

    @Slot(str)
    def _on_view_report_clicked(self, report_id: str) -> None:
        if self._location is None:
            self.report_clicked.emit(report_id)

    @Slot(str)
    def _on_view_alert_clicked(self, alert_id: str) -> None:
        if self._location is None:
            self.alert_clicked.emit(alert_id)

    @Slot(float, float)
    def _on_view_map_clicked(self, lat: float, lon: float) -> None:
        if self._location is not None:
            self._location = (self._location[0], (lat, lon))
            self.location_picked.emit(lat, lon)

    @Slot(str, float, float)
    def _on_view_marker_moved(self, report_id: str, lat: float, lon: float) -> None:
        if self._location is not None and report_id == self._location[0]:
            self._location = (report_id, (lat, lon))
            self.location_picked.emit(lat, lon)

    @Slot(float, float, int, str)
    def _on_go_to_place_chosen(self, lat: float, lon: float, zoom: int, label: str) -> None:
        self.ensure_map().show_place(lat, lon, zoom, label)

    @Slot()
    def _on_view_reports_read(self) -> None:
        self.problem.set_problem(MAP_REPORTS, None)

    @Slot(str)
    def _on_view_reports_read_failed(self, message: str) -> None:
        log.warning("the map's reports could not be read: %s", message)
        self.problem.set_problem(MAP_REPORTS, message)

    @Slot(int)
    def _on_view_reports_shown(self, _count: int) -> None:
        self.problem.set_problem(MAP_PAGE, None)  # the page works (again)

    @Slot(str)
    def _on_view_load_failed(self, message: str) -> None:
        log.warning("the map could not be loaded: %s", message)
        self.problem.set_problem(MAP_PAGE, message)

    @Slot()
    def _on_alerts_read(self) -> None:
        self.problem.set_problem(MAP_ALERTS, None)

    @Slot(str)
    def _on_alerts_read_failed(self, message: str) -> None:
        log.warning("the official alerts could not be read: %s", message)
        self.problem.set_problem(MAP_ALERTS, message)

    @Slot()
    def _on_features_features_read(self) -> None:
        self.problem.set_problem(MAP_AREAS, None)

    @Slot(str)
    def _on_features_read_failed(self, message: str) -> None:
        log.warning("the map areas could not be read: %s", message)
        self.problem.set_problem(MAP_AREAS, message)

    @Slot()
    def _on_problem_retry_clicked(self) -> None:
        """Read again what failed: the page (which re-sends the data), reports, areas."""
        if self.view is None or self.features is None:
            return
        if self.problem.problem(MAP_PAGE) is not None:
            self.view.reload()
        self.view.refresh()
        self.view.alerts.refresh()
        self.features.reload()

    def shutdown(self) -> None:
        """Stop the map's workers and release its page (before the window goes)."""
        if self.features is not None:
            self.features.shutdown()
        if self.view is not None:
            self.view.shutdown()
