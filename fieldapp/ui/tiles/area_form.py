"""The inputs of an area download: tile server, tile set name, box and zooms, each checked
with its own message, and a live estimate of the tile count and size.

`TileAreaForm.request()` returns a checked SeedRequest, or None after showing what is
wrong beside each field. The estimate is pure arithmetic (fieldapp.tiles.estimate_area),
so it is redone on every change. GUI thread only.
"""

from __future__ import annotations

import math
import re
from pathlib import Path
from urllib.parse import urlsplit

from PySide6.QtCore import QEvent, Signal, Slot
from PySide6.QtWidgets import (
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from fieldapp.tiles import BBox, InvalidRequestError, ZoomRange, estimate_area
from fieldapp.tiles.fetch import UrlTemplate
from fieldapp.tiles.registry import check_set_id
from fieldapp.ui.kit.forms import ERROR_STYLE
from fieldapp.ui.tiles import texts as tile_texts
from fieldapp.ui.tiles.jobs import SeedRequest

MAX_UI_ZOOM = 22
SIDES = ("west", "south", "east", "north")
_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
NOTE_STYLE = "color: #37474f;"


class TileAreaForm(QWidget):
    """URL, name, W/S/E/N and zooms; `changed` after every edit."""

    changed = Signal()

    def __init__(self, data_dir: Path, parent: QWidget | None = None):
        super().__init__(parent)
        self.data_dir = Path(data_dir)
        self.url_edit = QLineEdit(self)
        self.name_edit = QLineEdit(self)
        self.edges = {side: QLineEdit(self) for side in SIDES}
        self.edge_labels = {side: QLabel(self) for side in SIDES}
        self.min_zoom = self._zoom_box(10)
        self.max_zoom = self._zoom_box(14)
        self.labels = {key: QLabel(self) for key in ("url", "name", "area", "zoom", "size")}
        self.errors = {key: self._error_label() for key in ("url", "name", "area", "zoom")}
        self.url_hint = QLabel(self)
        self.url_hint.setWordWrap(True)
        self.url_hint.setStyleSheet(NOTE_STYLE)
        self.estimate_label = QLabel(self)
        self.estimate_label.setWordWrap(True)
        self._layout()
        for edit in (self.url_edit, self.name_edit, *self.edges.values()):
            edit.textChanged.connect(self._on_input_changed)
        for box in (self.min_zoom, self.max_zoom):
            box.valueChanged.connect(self._on_input_changed)
        self._retranslate()
        self._update_estimate()

    def _zoom_box(self, value: int) -> QSpinBox:
        box = QSpinBox(self)
        box.setRange(0, MAX_UI_ZOOM)
        box.setValue(value)
        return box

    def _error_label(self) -> QLabel:
        label = QLabel(self)
        label.setStyleSheet(ERROR_STYLE)
        label.setWordWrap(True)
        label.hide()
        return label

    def _layout(self) -> None:
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.labels["url"], self.url_edit)
        form.addRow("", self.url_hint)
        form.addRow("", self.errors["url"])
        form.addRow(self.labels["name"], self.name_edit)
        form.addRow("", self.errors["name"])
        grid = QGridLayout()
        for column, side in enumerate(SIDES):
            self.edge_labels[side].setBuddy(self.edges[side])
            grid.addWidget(self.edge_labels[side], 0, column)
            grid.addWidget(self.edges[side], 1, column)
        form.addRow(self.labels["area"], grid)
        form.addRow("", self.errors["area"])
        zooms = QGridLayout()
        zooms.addWidget(self.min_zoom, 0, 0)
        zooms.addWidget(self.max_zoom, 0, 1)
        form.addRow(self.labels["zoom"], zooms)
        form.addRow("", self.errors["zoom"])
        form.addRow(self.labels["size"], self.estimate_label)
        self.labels["url"].setBuddy(self.url_edit)
        self.labels["name"].setBuddy(self.name_edit)
        self.labels["area"].setBuddy(self.edges["west"])
        self.labels["zoom"].setBuddy(self.min_zoom)

    # -- values ------------------------------------------------------------------------

    def set_values(
        self,
        *,
        url: str | None = None,
        name: str | None = None,
        bbox: tuple[float, float, float, float] | None = None,
        zooms: tuple[int, int] | None = None,
    ) -> None:
        """Fill the fields given (the map passes a drawn box; a tile set its last download)."""
        if url is not None:
            self.url_edit.setText(url)
        if name is not None:
            self.name_edit.setText(name)
        for side, value in zip(SIDES, bbox or (), strict=False):
            self.edges[side].setText(f"{value:.6f}".rstrip("0").rstrip("."))
        if zooms is not None:
            self.min_zoom.setValue(zooms[0])
            self.max_zoom.setValue(zooms[1])

    def request(self) -> SeedRequest | None:
        """The checked inputs, or None with every problem shown beside its field."""
        problems = self.problems(show_empty=True)
        self._show(problems)
        estimate = self._estimate()
        if problems or estimate is None or estimate.too_large:
            return None
        return SeedRequest(
            self.data_dir,
            self.url_edit.text().strip(),
            self.name_edit.text().strip(),
            self._bbox(),
            ZoomRange(self.min_zoom.value(), self.max_zoom.value()),
        )

    def problems(self, *, show_empty: bool) -> dict[str, str]:
        """Field key -> message; an empty field counts only when `show_empty`."""
        found = {
            "url": self._url_problem(show_empty),
            "name": self._name_problem(show_empty),
            "area": self._area_problem(show_empty),
            "zoom": self._zoom_problem(),
        }
        return {key: text for key, text in found.items() if text}

    def _url_problem(self, show_empty: bool) -> str:
        url = self.url_edit.text().strip()
        if not url:
            return self.tr("Type the address of a tile server.") if show_empty else ""
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            return self.tr("The address must start with http:// or https://.")
        names = set(_PLACEHOLDER.findall(url))
        if not {"z", "x"} <= names or not names & {"y", "-y"}:
            return self.tr("The address must contain {z}, {x} and {y} (or {-y}).")
        try:
            UrlTemplate(url)
        except InvalidRequestError as exc:
            return str(exc)
        return ""

    def _name_problem(self, show_empty: bool) -> str:
        name = self.name_edit.text().strip()
        if not name:
            return self.tr("Give the tile set a name.") if show_empty else ""
        try:
            check_set_id(name)
        except InvalidRequestError:
            return self.tr(
                "Use letters, digits, “.”, “_” or “-” (at most 64), starting with a letter "
                "or a digit."
            )
        return ""

    def _area_problem(self, show_empty: bool) -> str:
        values = {side: self._number(side) for side in SIDES}
        w, s, e, n = (values[side] for side in SIDES)
        if w is None or s is None or e is None or n is None:
            empty = all(not self.edges[d].text().strip() for d in SIDES if values[d] is None)
            return (
                self.tr("West, south, east and north must be numbers in degrees.")
                if (show_empty or not empty)
                else ""
            )
        if not (-180 <= w <= 180 and -180 <= e <= 180):
            return self.tr("Longitudes (west, east) must be between -180 and 180.")
        if not (-90 <= s <= 90 and -90 <= n <= 90):
            return self.tr("Latitudes (south, north) must be between -90 and 90.")
        if s >= n:
            return self.tr("South must be below north.")
        if w >= e:
            return self.tr("West must be left of east (an area across the 180° line: two parts).")
        return ""

    def _zoom_problem(self) -> str:
        if self.min_zoom.value() > self.max_zoom.value():
            return self.tr("The first zoom level must not be above the last.")
        return ""

    def _number(self, side: str) -> float | None:
        text = self.edges[side].text().strip().replace(",", ".")  # "43,2" as typed in French
        try:
            value = float(text)
        except ValueError:
            return None
        return value if math.isfinite(value) else None

    def _bbox(self) -> BBox:
        """The area; only once _area_problem() found none, so every side is a number."""
        w, s, e, n = (self._number(side) for side in SIDES)
        assert w is not None and s is not None and e is not None and n is not None
        return BBox(w, s, e, n)

    def _estimate(self):
        if self._area_problem(True) or self._zoom_problem():
            return None
        return estimate_area(self._bbox(), ZoomRange(self.min_zoom.value(), self.max_zoom.value()))

    # -- display -----------------------------------------------------------------------

    @Slot()
    def _on_input_changed(self) -> None:
        self._show(self.problems(show_empty=False))
        self._update_estimate()
        self.changed.emit()

    def _show(self, problems: dict[str, str]) -> None:
        for key, label in self.errors.items():
            label.setText(problems.get(key, ""))
            label.setVisible(key in problems)

    def _update_estimate(self) -> None:
        estimate = self._estimate()
        if estimate is None:
            self.estimate_label.setStyleSheet(NOTE_STYLE)
            self.estimate_label.setText(self.tr("Give the area and the zoom levels to see it."))
        elif estimate.too_large:
            self.estimate_label.setStyleSheet(ERROR_STYLE)
            self.estimate_label.setText(tile_texts.too_large_text(estimate))
        else:
            self.estimate_label.setStyleSheet("")
            self.estimate_label.setText(tile_texts.estimate_text(estimate))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self.labels["url"].setText(self.tr("Tile &server"))
        self.url_edit.setPlaceholderText("https://tiles.example.org/{z}/{x}/{y}.png")
        self.url_hint.setText(
            self.tr(
                "Only use a server whose usage policy allows downloading areas, and give "
                "credit as it asks (tile.openstreetmap.org does not allow it). FieldApp asks "
                "politely: two requests at a time, with its name, and it slows down or stops "
                "when the server says so."
            )
        )
        self.labels["name"].setText(self.tr("Tile set &name"))
        self.name_edit.setPlaceholderText(self.tr("e.g. aude-streets"))
        self.labels["area"].setText(self.tr("&Area (degrees)"))
        names = {
            "west": self.tr("West"),
            "south": self.tr("South"),
            "east": self.tr("East"),
            "north": self.tr("North"),
        }
        for side, label in self.edge_labels.items():
            label.setText(names[side])
        self.labels["zoom"].setText(self.tr("&Zoom levels"))
        self.min_zoom.setPrefix(self.tr("from "))
        self.max_zoom.setPrefix(self.tr("to "))
        self.labels["size"].setText(self.tr("Estimate"))
        self._show(self.problems(show_empty=False))
        self._update_estimate()
