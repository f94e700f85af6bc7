"""MapView: the offline map of an operation's reports and alerts, in a QWebEngineView.

The page (a folium/Leaflet page, fieldapp.maps.page) and everything it loads come from
the app's `fieldapp:` scheme (scheme.py), in a private off-the-record profile whose
request guard (guard.py) blocks and records any other request. The page talks back
through QWebChannel (bridge.py); its scripts are under resources/web/fieldapp/. The
official alerts' areas are MapAlerts' (alert_areas.py); map_ready waits for them too.

Threading: GUI thread only. The page is built (tile sets read, folium imported) and the
reports' JSON is read (fieldapp.maps.data, its own SQLite connection) and the place names
of the view are read from the gazetteer (fieldapp.maps.place_labels) as jobs of the
task manager (reads lane, newest wins), the first while the UI thread creates the
browser profile and view; the UI thread only hands bytes to the page. A read that fails
empties the map (an empty document, never the markers of the previous read) and says so
with `reports_read_failed`. Importing this module imports QtWebEngine: import it when
the map is first needed, never at start-up.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QEvent, QLocale, QUrl, Signal
from PySide6.QtWebChannel import QWebChannel
from PySide6.QtWebEngineCore import QWebEnginePage, QWebEngineProfile, QWebEngineSettings
from PySide6.QtWebEngineWidgets import QWebEngineView
from PySide6.QtWidgets import QVBoxLayout, QWidget

from fieldapp.core.record_types import Operation
from fieldapp.maps.data import COLUMNS, read_map_json
from fieldapp.maps.page import prepare_map_page
from fieldapp.maps.place_labels import MIN_LABEL_ZOOM, labels_json, parse_labels_query
from fieldapp.maps.urls import APP_ORIGIN, PAGE_URL, PLACE_LABELS_PATH, PLACE_LABELS_URL
from fieldapp.places.gazetteer import Gazetteer
from fieldapp.reports.query import ReportQuery
from fieldapp.store import Store
from fieldapp.tiles import TileRegistry
from fieldapp.ui.kit.i18n import category_labels, kind_labels
from fieldapp.ui.kit.taskman import Lane, TaskManager
from fieldapp.ui.kit.taskman import error_words as _words
from fieldapp.ui.maps.alert_areas import MapAlerts, alert_texts
from fieldapp.ui.maps.bridge import MapBridge
from fieldapp.ui.maps.guard import MapRequestGuard
from fieldapp.ui.maps.scheme import (
    NOT_FOUND,
    SCHEME_BYTES,
    MapSchemeHandler,
    Reply,
    register_map_scheme,
)

PAGE_CACHE_DIR = "cache"


def empty_document(exercise: bool) -> bytes:
    """The reports' document with no report (read_map_json's form)."""
    document = {"columns": COLUMNS, "exercise": exercise, "count": 0, "rows": []}
    return json.dumps(document).encode()


def _id_of(operation: Operation | None) -> str | None:
    return operation["id"] if operation else None


def _build_page(data_dir: Path, texts: dict[str, Any]) -> str:
    """Worker: the page HTML with the basemap and the data directory's tile sets."""
    with TileRegistry(data_dir) as registry:
        return prepare_map_page(registry, texts, cache_dir=data_dir / PAGE_CACHE_DIR)


class MapView(QWidget):
    """The map of one operation's reports, filtered like the report list."""

    report_clicked = Signal(str)
    map_clicked = Signal(float, float)
    marker_moved = Signal(str, float, float)
    cursor_moved = Signal(float, float)
    cursor_left = Signal()
    area_drawn = Signal(str)
    feature_clicked = Signal(str)
    alert_clicked = Signal(str)  # an official alert's area: its id
    map_ready = Signal()  # the page, the reports and the alerts' areas drawn
    reports_shown = Signal(int)
    reports_read = Signal()  # the newest read succeeded: its markers go to the page
    reports_read_failed = Signal(str)  # why; the map now shows no report
    load_failed = Signal(str)  # the page itself could not be built or fetch its data

    def __init__(
        self, store: Store, tasks: TaskManager, tiles: TileRegistry | None = None, parent=None
    ):
        register_map_scheme()  # before the first WebEngine object
        super().__init__(parent)
        self.data_dir = Path(store.data_dir)
        self._own_tiles = tiles is None
        self.tiles = tiles or TileRegistry(self.data_dir)
        self.tasks = tasks
        self._key = f"map-{id(self)}"
        self.operation: Operation | None = None
        self.query: ReportQuery | None = None
        self._generation = 0  # of the newest data asked for
        self._sent = 0  # generation of the data handed to the page
        self._page_loaded = False
        self._ready_sent = False
        self._reports_drawn = False
        self._location_id: str | None = None
        self._location_at: tuple[float, float] | None = None
        self._features: dict | None = None
        self._landing: tuple[float, float, int, str] | None = None  # where Go to landed
        self._kept_view: tuple[float, float, int] | None = None  # across a rebuilt page
        self._closed = False
        # The page is built (folium imported, on a first map) while Chromium starts.
        self.reload()
        self._build_web()

    # -- construction ------------------------------------------------------------------

    def _build_web(self) -> None:
        self.profile = QWebEngineProfile()  # no storage name: off the record
        self.guard = MapRequestGuard(self.profile)
        self.profile.setUrlRequestInterceptor(self.guard)
        self.handler = MapSchemeHandler(self.tiles, self.profile)
        self.handler.defer(PLACE_LABELS_PATH, self._answer_place_labels)
        self.profile.installUrlSchemeHandler(SCHEME_BYTES, self.handler)
        self.view = QWebEngineView(self)
        self.page = QWebEnginePage(self.profile, self.view)
        self.profile.setParent(self)  # deleted after the page: see shutdown()
        self._harden(self.page.settings())
        self.bridge = MapBridge(self)
        self.channel = QWebChannel(self.page)
        self.channel.registerObject("bridge", self.bridge)
        self.page.setWebChannel(self.channel)
        self.view.setPage(self.page)
        self.view.setContextMenuPolicy(self.view.contextMenuPolicy().NoContextMenu)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        self._connect_bridge()
        self.alerts = MapAlerts(self)
        self.alerts.shown.connect(self._mark_ready)
        self.alerts.set_operation(None)

    @staticmethod
    def _harden(settings: QWebEngineSettings) -> None:
        attr = QWebEngineSettings.WebAttribute
        settings.setAttribute(attr.LocalContentCanAccessRemoteUrls, False)
        settings.setAttribute(attr.PluginsEnabled, False)
        settings.setAttribute(attr.JavascriptCanOpenWindows, False)
        settings.setAttribute(attr.ErrorPageEnabled, False)

    def _connect_bridge(self) -> None:
        bridge = self.bridge
        bridge.page_loaded.connect(self._on_bridge_page_loaded)
        bridge.reports_shown.connect(self._on_bridge_reports_shown)
        bridge.page_failed.connect(self.load_failed)
        bridge.report_clicked.connect(self.report_clicked)
        bridge.map_clicked.connect(self.map_clicked)
        bridge.marker_moved.connect(self.marker_moved)
        bridge.cursor_moved.connect(self.cursor_moved)
        bridge.area_drawn.connect(self.area_drawn)
        bridge.cursor_left.connect(self.cursor_left)
        bridge.feature_clicked.connect(self.feature_clicked)
        bridge.alert_clicked.connect(self.alert_clicked)
        bridge.alerts_shown.connect(lambda gen, count: self.alerts.page_shown(gen, count))

    def _texts(self) -> dict[str, Any]:
        return {
            "basemap": self.tr("World map"),
            "reports": self.tr("Reports"),
            "areas": self.tr("Areas"),
            **alert_texts(),
            "exercise": self.tr("EXERCISE"),
            "severity": self.tr("Severity %1"),
            "kinds": kind_labels(),
            "categories": category_labels(),
            "lang": QLocale().name().split("_")[0],
            "placeNames": self.tr("Place names"),
            "placesMissing": self.tr(
                "Place names are not available: the gazetteer is not installed."
            ),
            "placesCredit": self.tr("Place names: GeoNames (CC BY 4.0), INSEE COG (Etalab)"),
            "labelsUrl": PLACE_LABELS_URL,
            "labelsMinZoom": MIN_LABEL_ZOOM,
        }

    # -- public API --------------------------------------------------------------------

    @property
    def blocked_requests(self) -> list[str]:
        """Every request the page tried outside the app's scheme (should stay empty)."""
        return self.guard.blocked

    def set_operation(self, operation: Operation | None, query: ReportQuery | None = None) -> None:
        """Show the reports of `operation`: those matching `query`, else all of them.

        Another operation's markers go at once, not when this one's are read: a slow
        read (a lock held long) must not leave them passing for this operation's.
        """
        changed = _id_of(operation) != _id_of(self.operation)
        self.operation = operation
        self.run_page_js(
            f"FieldAppMap.setExercise({json.dumps(bool(operation and operation['exercise']))})"
        )
        if changed and self._sent:
            self._generation += 1
            self._send_empty(self._generation)
        if changed or operation is None:
            self.alerts.set_operation(_id_of(operation))
        if operation is not None and query is None:
            query = ReportQuery(operation["id"])
        self.set_query(query if operation else None)

    def set_query(self, query: ReportQuery | None) -> None:
        """Show the reports matching the list's filters; the page is not reloaded."""
        self.query = query
        self.refresh()

    def refresh(self) -> None:
        """Read the reports again (after edits); markers are replaced, the view stays."""
        self._generation += 1
        if self.query is None:
            return
        generation = self._generation
        data_dir, query = self.data_dir, self.query
        self.tasks.submit(
            lambda _ctx: read_map_json(data_dir, query),
            lane=Lane.READS,
            key=self._key + "-data",
            on_done=lambda data: self._on_tasks_data_read(generation, data),
            on_failed=lambda error: self._on_tasks_data_failed(generation, _words(error)),
            owner=self,
        )

    def reload(self) -> None:
        """Build the page again: new tile sets, another language. The data is kept, and so
        is the view (centre and zoom), read from the page before it goes."""
        if self._page_loaded:
            # JSON text: a page's array does not cross runJavaScript as a list
            script = "JSON.stringify(FieldAppMap.view())"
            self.page.runJavaScript(script, 0, self._rebuild_keeping)
        else:
            self._rebuild()

    def _rebuild_keeping(self, answer: object) -> None:
        try:
            lat, lon, zoom = json.loads(str(answer))
            self._kept_view = (float(lat), float(lon), int(zoom))
        except (TypeError, ValueError):
            self._kept_view = None  # a page that could not say: the default view then
        self._rebuild()

    def _rebuild(self) -> None:
        self._page_loaded = False
        self._ready_sent = False
        self._reports_drawn = False
        self.tiles.refresh()
        data_dir, texts = self.data_dir, self._texts()
        self.tasks.submit(
            lambda _ctx: _build_page(data_dir, texts),
            lane=Lane.READS,
            key=self._key + "-page",
            on_done=self._on_tasks_page_built,
            on_failed=lambda error: self.load_failed.emit(_words(error)),
            owner=self,
        )

    def fly_to(self, lat: float, lon: float, zoom: int = 12) -> None:
        self.run_page_js(f"FieldAppMap.flyTo({float(lat)!r}, {float(lon)!r}, {int(zoom)})")

    def show_place(self, lat: float, lon: float, zoom: int, label: str) -> None:
        """Fly to where Go to landed and mark it, named by `label` (shown as text)."""
        self._landing = (float(lat), float(lon), int(zoom), str(label))
        self.run_page_js(self._landing_script())

    def _landing_script(self) -> str:
        lat, lon, zoom, label = self._landing or (0.0, 0.0, 0, "")
        return f"FieldAppPlaces.goTo({lat!r}, {lon!r}, {zoom}, {json.dumps(label)})"

    def _answer_place_labels(self, url: str, reply: Callable[[Reply], None]) -> None:
        """A view's place names, read by a job (newest wins: panning asks again and again)."""
        query = parse_labels_query(url)
        if query is None:
            reply(NOT_FOUND)
            return
        self.tasks.submit(
            lambda _ctx: labels_json(Gazetteer.default(), query),
            lane=Lane.READS,
            key=self._key + "-labels",
            on_done=lambda data: reply(Reply(b"application/json", data)),
            on_failed=lambda _error: reply(Reply(error=Reply.ABORTED)),
            on_cancelled=lambda: reply(Reply(error=Reply.ABORTED)),
            owner=self,
        )

    def show_report(self, report_id: str) -> None:
        """Zoom to a report's marker and open its popup."""
        self.run_page_js(f"FieldAppMap.showReport({json.dumps(str(report_id))})")

    def set_location_mode(
        self, report_id: str | None, at: tuple[float, float] | None = None
    ) -> None:
        """Let the user place one report: its marker (at `at`, where the editor has it, or
        where it is saved) becomes draggable and a click moves it; None ends it."""
        self._location_id = report_id
        self._location_at = at if report_id is not None else None
        self.run_page_js(self._location_script())

    def _location_script(self) -> str:
        at = [float(v) for v in self._location_at] if self._location_at else None
        return f"FieldAppMap.setLocationMode({json.dumps(self._location_id)}, {json.dumps(at)})"

    def show_features(self, geojson: dict | str) -> None:
        """Show saved areas (a GeoJSON FeatureCollection); drawn, unsaved ones are cleared."""
        self._features = json.loads(geojson) if isinstance(geojson, str) else geojson
        self.run_page_js(f"FieldAppMap.showFeatures({json.dumps(self._features)})")

    def clear_drawn(self) -> None:
        """Drop shapes drawn but not saved; the saved features stay."""
        self.show_features(self._features or {"type": "FeatureCollection", "features": []})

    def run_js(self, script: str, callback=None) -> None:
        """Run a script in the page (tests, selftest); `callback` gets its result."""
        if self._closed:
            return
        if callback is None:
            self.page.runJavaScript(script, 0)
        else:
            self.page.runJavaScript(script, 0, callback)

    def shutdown(self) -> None:
        """Drop the pending reads and release the page before its profile (Qt requires it)."""
        for part in ("-data", "-page", "-labels"):
            self.tasks.drop(self._key + part)
        self.alerts.shutdown()
        self._closed = True
        self._page_loaded = False
        self.handler.close()
        # Qt wants every page of a profile gone before the profile: delete the view and
        # its page now (a view left without its page would make a default one).
        shiboken6.delete(self.view)
        if self._own_tiles:
            self.tiles.close()

    # -- slots ---------------------------------------------------------------------------

    def _on_tasks_page_built(self, html: str) -> None:
        if self._closed:
            return
        self.handler.set_page(html)
        self.page.load(QUrl(PAGE_URL))

    def _on_tasks_data_read(self, generation: int, data: bytes) -> None:
        if generation != self._generation:
            return  # a newer query is on its way
        self.handler.put_document(f"reports-{generation}.json", data)
        self._sent = generation
        self._send_data()
        self.reports_read.emit()

    def _on_tasks_data_failed(self, generation: int, message: str) -> None:
        """The read failed: the page drops every marker (the previous operation's or
        filter's would pass for this one's), then the panel says why."""
        if generation != self._generation:
            return
        self._send_empty(generation)
        self.reports_read_failed.emit(message)

    def _send_empty(self, generation: int) -> None:
        exercise = bool(self.operation and self.operation["exercise"])
        self.handler.put_document(f"reports-{generation}.json", empty_document(exercise))
        self._sent = generation
        self._send_data()

    def _send_data(self) -> None:
        if self._sent:
            url = f"{APP_ORIGIN}/data/reports-{self._sent}.json"
            self.run_page_js(f"FieldAppMap.loadReports({json.dumps(url)}, {self._sent})")

    def _on_bridge_page_loaded(self) -> None:
        self._page_loaded = True
        exercise = bool(self.operation and self.operation["exercise"])
        self.run_js(f"FieldAppMap.setExercise({json.dumps(exercise)})")
        if self._location_id is not None:
            self.run_js(self._location_script())
        if self._features is not None:
            self.run_js(f"FieldAppMap.showFeatures({json.dumps(self._features)})")
        if self._landing is not None:
            self.run_js(self._landing_script())
        if self._kept_view is not None:  # where the user was before the page was rebuilt
            lat, lon, zoom = self._kept_view
            self.run_js(f"FieldAppMap.setView({lat!r}, {lon!r}, {zoom})")
            self._kept_view = None
        self.alerts.page_loaded()
        if self._sent and self._sent == self._generation:
            self._send_data()
        elif self.query is None:
            self._reports_drawn = True
            self._mark_ready()

    def _on_bridge_reports_shown(self, generation: int, count: int) -> None:
        if generation != self._generation:
            return
        self.reports_shown.emit(count)
        self._reports_drawn = True
        self._mark_ready()

    def _mark_ready(self) -> None:
        if not self._ready_sent and self._reports_drawn and self.alerts.ready:
            self._ready_sent = True
            self.map_ready.emit()

    def run_page_js(self, script: str) -> None:
        """Run a script in the page if it is loaded (it asks for its data again when it is)."""
        if self._page_loaded:
            self.page.runJavaScript(script, 0)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.reload()
        super().changeEvent(event)
