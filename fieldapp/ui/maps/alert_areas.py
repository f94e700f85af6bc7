"""The official alerts' areas on one map view: read, handed to the page, kept current.

`MapAlerts` belongs to a MapView. For the view's operation it reads the layer of active
alerts (fieldapp.alerts.maplayer: shapes settled, chains built, JSON made) as a job of the
task manager (reads lane, newest wins, the job's own Store), serves it to the page as a
document of the `fieldapp:` scheme and tells the page's script (alerts.js) to fetch it.
It reads again when asked (alerts written here or received by sync: the panel calls
`refresh`), every minute, and when the soonest shown alert ends, so that an expired
alert leaves the map without anyone touching it. A read that fails empties the layer
(never the previous operation's areas) and says why with `read_failed`.

GUI thread only.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal, Slot

from fieldapp.alerts.maplayer import EMPTY_LAYER, AlertLayer, read_alert_layer
from fieldapp.core.times import parse_time, utc_now
from fieldapp.maps.urls import APP_ORIGIN
from fieldapp.ui.kit.taskman import Lane
from fieldapp.ui.kit.taskman import error_words as _words

if TYPE_CHECKING:
    from fieldapp.ui.maps.view import MapView

translate = QCoreApplication.translate
REFRESH_MS = 60_000  # at least every minute: alerts end by the clock
_LONGEST_WAIT_MS = REFRESH_MS


def alert_texts() -> dict[str, object]:
    """The words alerts.js shows: the layer's name, the severity line, CAP severities."""
    return {
        "alerts": translate("MapAlerts", "Official alerts"),
        "alertSeverity": translate("MapAlerts", "Severity: %1"),
        "alertSeverities": {
            "Extreme": translate("MapAlerts", "Extreme"),
            "Severe": translate("MapAlerts", "Severe"),
            "Moderate": translate("MapAlerts", "Moderate"),
            "Minor": translate("MapAlerts", "Minor"),
            "Unknown": translate("MapAlerts", "Unknown"),
        },
    }


def _ms_until(moment: str) -> int:
    """Milliseconds from now until an ISO UTC time (0 if it has passed)."""
    from datetime import datetime

    now = datetime.fromisoformat(utc_now().replace("Z", "+00:00"))
    then = datetime.fromisoformat(parse_time(moment).replace("Z", "+00:00"))
    return max(0, int((then - now).total_seconds() * 1000))


class MapAlerts(QObject):
    """The layer of active alerts of the view's operation."""

    shown = Signal(int)  # areas now on the page, for the newest read
    read = Signal()  # the newest read succeeded: its areas go to the page
    read_failed = Signal(str)  # why; the page now shows no alert

    def __init__(self, view: MapView):
        super().__init__(view)
        self.view = view
        self._key = f"map-alerts-{id(self)}"
        self.operation_id: str | None = None
        self._generation = 0  # of the newest layer asked for
        self._sent = 0  # generation handed to the page
        self._shown = -1  # generation the page said it drew since it was loaded
        self.count = 0  # areas the page drew, newest layer
        self._timer = QTimer(self)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self.refresh)
        self._next_end = QTimer(self)
        self._next_end.setSingleShot(True)
        self._next_end.timeout.connect(self.refresh)

    @property
    def ready(self) -> bool:
        """The page drew the newest layer asked for (since it was last loaded)."""
        return self._shown == self._generation

    def set_operation(self, operation_id: str | None) -> None:
        self.operation_id = operation_id
        self.refresh()

    @Slot()
    def refresh(self) -> None:
        """Read the layer again (alerts changed, or the clock moved on)."""
        self._generation += 1
        generation = self._generation
        self._next_end.stop()
        if self.operation_id is None:
            self._timer.stop()
            self._put(generation, EMPTY_LAYER)
            return
        if not self._timer.isActive():
            self._timer.start()
        operation_id = self.operation_id
        self.view.tasks.submit(
            lambda ctx: read_alert_layer(ctx.store, operation_id),
            lane=Lane.READS,
            key=self._key,
            on_done=lambda layer: self._on_tasks_layer_read(generation, layer),
            on_failed=lambda error: self._on_tasks_layer_failed(generation, _words(error)),
            owner=self,
        )

    def page_loaded(self) -> None:
        """A (re)loaded page has no area yet: hand it the newest layer."""
        self._shown = -1
        self._send()

    def page_shown(self, generation: int, count: int) -> None:
        """The page drew a layer (the bridge's alertsShown)."""
        if generation == self._generation:
            self._shown = generation
            self.count = count
            self.shown.emit(count)

    def shutdown(self) -> None:
        self._timer.stop()
        self._next_end.stop()
        self.view.tasks.drop(self._key)

    # -- slots -------------------------------------------------------------------------

    def _on_tasks_layer_read(self, generation: int, layer: AlertLayer) -> None:
        if generation != self._generation:
            return  # a newer read is on its way
        self._put(generation, layer.data)
        self.read.emit()
        if layer.next_end is not None:
            wait = _ms_until(layer.next_end) + 1000  # a second late: ended for sure
            if wait < _LONGEST_WAIT_MS:
                self._next_end.start(wait)

    def _on_tasks_layer_failed(self, generation: int, message: str) -> None:
        if generation != self._generation:
            return
        self._put(generation, EMPTY_LAYER)
        self.read_failed.emit(message)

    def _put(self, generation: int, data: bytes) -> None:
        self.view.handler.put_document(f"alerts-{generation}.json", data)
        self._sent = generation
        self._send()

    def _send(self) -> None:
        if self._sent:
            url = f"{APP_ORIGIN}/data/alerts-{self._sent}.json"
            self.view.run_page_js(f"FieldAppAlerts.load({json.dumps(url)}, {self._sent})")
