"""The object the map page talks to through QWebChannel (registered as "bridge").

The page's script (resources/web/fieldapp/map.js) calls these slots; each one turns the
call into a Qt signal that the map view forwards. Values from the page are checked here
(types, ranges), since a page is not trusted to send what it should. GUI thread.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QObject, Signal, Slot


def _valid_position(lat: float, lon: float) -> bool:
    return math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90 and -180 <= lon <= 180


class MapBridge(QObject):
    """Slots for the page's script; signals for the map view."""

    page_loaded = Signal()
    page_failed = Signal(str)
    reports_shown = Signal(int, int)  # data generation, markers
    report_clicked = Signal(str)
    map_clicked = Signal(float, float)
    marker_moved = Signal(str, float, float)
    cursor_moved = Signal(float, float)
    cursor_left = Signal()
    area_drawn = Signal(str)
    feature_clicked = Signal(str)
    alerts_shown = Signal(int, int)  # layer generation, areas
    alert_clicked = Signal(str)

    @Slot()
    def pageLoaded(self) -> None:
        self.page_loaded.emit()

    @Slot(str)
    def pageFailed(self, message: str) -> None:
        self.page_failed.emit(str(message))

    @Slot(int, int)
    def reportsShown(self, generation: int, count: int) -> None:
        self.reports_shown.emit(int(generation), int(count))

    @Slot(str)
    def reportClicked(self, report_id: str) -> None:
        self.report_clicked.emit(str(report_id))

    @Slot(float, float)
    def mapClicked(self, lat: float, lon: float) -> None:
        if _valid_position(lat, lon):
            self.map_clicked.emit(float(lat), float(lon))

    @Slot(str, float, float)
    def markerMoved(self, report_id: str, lat: float, lon: float) -> None:
        if _valid_position(lat, lon):
            self.marker_moved.emit(str(report_id), float(lat), float(lon))

    @Slot(float, float)
    def cursorMoved(self, lat: float, lon: float) -> None:
        if _valid_position(lat, lon):
            self.cursor_moved.emit(float(lat), float(lon))

    @Slot(str)
    def areaDrawn(self, geojson: str) -> None:
        self.area_drawn.emit(str(geojson))

    @Slot()
    def cursorLeft(self) -> None:
        self.cursor_left.emit()

    @Slot(str)
    def featureClicked(self, feature_id: str) -> None:
        self.feature_clicked.emit(str(feature_id))

    @Slot(int, int)
    def alertsShown(self, generation: int, count: int) -> None:
        self.alerts_shown.emit(int(generation), int(count))

    @Slot(str)
    def alertClicked(self, alert_id: str) -> None:
        self.alert_clicked.emit(str(alert_id))
