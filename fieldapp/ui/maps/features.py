"""Map features in the window: a drawn shape becomes a named feature; a saved one can be
renamed, re-categorised or deleted from the map.

`MapFeatures` listens to a MapView: `area_drawn` opens a FeatureDialog and, once it is
accepted and the store took it (Store.features.add validates: per-field errors keep the
dialog open), the map shows the operation's features again; Cancel drops the drawn shape
and stores nothing. `feature_clicked` opens the same dialog on the saved feature, with a
Delete button that asks first. Writes are one small transaction each on the GUI thread,
like the report editor's saves; the features shown are read in a worker with its own
connection (fieldapp.maps.data.read_feature_collection); if that read fails the map shows
no feature (never the previous operation's) and `read_failed` says why. GUI thread only.
"""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import QMessageBox, QWidget

from fieldapp.core.errors import NotFoundError
from fieldapp.core.record_types import Operation
from fieldapp.maps.data import read_feature_collection
from fieldapp.maps.geometry import GeometryError, bounding_box, read_geometry
from fieldapp.store import Store
from fieldapp.ui.kit.questions import confirm
from fieldapp.ui.kit.taskman import Lane, TaskManager
from fieldapp.ui.maps.feature_dialog import FeatureDialog

if TYPE_CHECKING:
    from fieldapp.ui.maps.view import MapView

NO_FEATURES = {"type": "FeatureCollection", "features": []}


class MapFeatures(QObject):
    """The saved features of the current operation on one map view, and their dialogs."""

    features_changed = Signal(str)  # what happened, in words (for the status bar)
    features_read = Signal()  # the newest read succeeded and is shown
    read_failed = Signal(str)  # why the newest read failed; the map now shows no feature
    tiles_requested = Signal(object)  # (west, south, east, north) of a drawn or saved area

    def __init__(self, store: Store, tasks: TaskManager, view: MapView, parent: QWidget):
        super().__init__(parent)
        self.store = store
        self.view = view
        self.window = parent
        self.tasks = tasks
        self._key = f"map-features-{id(self)}"
        self.operation: Operation | None = None
        self.dialog: FeatureDialog | None = None
        self._generation = 0
        view.area_drawn.connect(self._on_view_area_drawn)
        view.feature_clicked.connect(self._on_view_feature_clicked)

    def set_operation(self, operation: Operation | None) -> None:
        self.operation = operation
        self._close_dialog()
        self.reload()

    def reload(self) -> None:
        """Read the operation's features in a worker and show them (none without one)."""
        self._generation += 1
        generation = self._generation
        if self.operation is None:
            self.view.show_features(NO_FEATURES)
            return
        data_dir, operation_id = self.store.data_dir, self.operation["id"]
        self.tasks.submit(
            lambda _ctx: read_feature_collection(data_dir, operation_id),
            lane=Lane.READS,
            key=self._key,
            on_done=lambda collection: self._on_tasks_features_read(generation, collection),
            on_failed=lambda error: self._on_tasks_features_failed(generation, error),
            owner=self,
        )

    def shutdown(self) -> None:
        self._close_dialog()
        self.tasks.drop(self._key)

    # -- drawing a new feature ---------------------------------------------------------

    @Slot(str)
    def _on_view_area_drawn(self, geojson: str) -> None:
        if self.operation is None:
            self.view.clear_drawn()
            return
        operation_id = self.operation["id"]

        def save(values: dict[str, Any]) -> object:
            return self.store.features.add(operation_id, geometry=geojson, **values)

        area = _area_of(geojson)
        dialog = self._open_dialog(FeatureDialog(save, None, self.window, area=area))
        dialog.accepted.connect(lambda: self._saved(self.tr("Map feature saved.")))
        dialog.rejected.connect(self.view.clear_drawn)
        dialog.tiles_requested.connect(self.tiles_requested)

    # -- a saved feature ---------------------------------------------------------------

    @Slot(str)
    def _on_view_feature_clicked(self, feature_id: str) -> None:
        try:
            feature = self.store.features.get(feature_id)
        except NotFoundError:
            self.reload()
            return

        def save(values: dict[str, Any]) -> object:
            return self.store.features.edit(feature_id, **values)

        area = _area_of(feature["geometry"])
        dialog = self._open_dialog(FeatureDialog(save, dict(feature), self.window, area=area))
        dialog.accepted.connect(lambda: self._saved(self.tr("Map feature saved.")))
        dialog.delete_requested.connect(lambda: self._delete(dialog, feature_id))
        dialog.tiles_requested.connect(self.tiles_requested)

    def _delete(self, dialog: FeatureDialog, feature_id: str) -> None:
        name = dialog.feature["name"] if dialog.feature else ""
        question = self.tr("Delete the map feature “%1”? Its history is kept.").replace("%1", name)
        if not confirm(dialog, self.tr("Delete map feature"), question):
            return
        with contextlib.suppress(NotFoundError):  # already gone: what the user asked for
            self.store.features.delete(feature_id)
        dialog.done(QMessageBox.StandardButton.Discard.value)
        self._saved(self.tr("Map feature deleted."))

    # -- helpers -----------------------------------------------------------------------

    def _open_dialog(self, dialog: FeatureDialog) -> FeatureDialog:
        self._close_dialog()
        self.dialog = dialog
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        dialog.name_edit.setFocus()
        return dialog

    def _close_dialog(self) -> None:
        if self.dialog is not None:
            with contextlib.suppress(RuntimeError):  # deleted by Qt already
                if self.dialog.isVisible():
                    self.dialog.reject()
            self.dialog = None

    def _saved(self, message: str) -> None:
        self.dialog = None  # the features read again on the window's records_changed
        self.features_changed.emit(message)

    def _on_tasks_features_read(self, generation: int, collection: dict) -> None:
        if generation == self._generation:
            self.view.show_features(collection)
            self.features_read.emit()

    def _on_tasks_features_failed(self, generation: int, error: Exception) -> None:
        if generation == self._generation:
            self.view.show_features(NO_FEATURES)
            self.read_failed.emit(str(error) or type(error).__name__)


def _area_of(geometry: Any) -> tuple[float, float, float, float] | None:
    """The bounding box of an area (polygon) shape; None for a point, a line or bad data."""
    try:
        shape = read_geometry(geometry)
    except GeometryError:
        return None
    return bounding_box(shape) if shape["type"] in ("Polygon", "MultiPolygon") else None
