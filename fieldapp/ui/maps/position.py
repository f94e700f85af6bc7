"""Positions on the map's side of the window: the cursor readout and the "Go to" box.

`PositionReadout` is a status-bar label showing where the cursor is over the map, in
decimal degrees, degrees-minutes-seconds and the Maidenhead locator (fieldapp.core.geo), and
nothing once the cursor has left the map. `GoToBar` takes a position typed in any form
that fieldapp.core.geo.parse_position reads, or a place name of the gazetteer (looked up by
a job of the task manager; a choice list when several places have that name), and says
`position_chosen(lat, lon, zoom)` and `place_chosen(lat, lon, zoom, label)`; what it cannot
read or find is explained in words beside the box and moves nothing. GUI thread only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Signal, Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

if TYPE_CHECKING:
    from fieldapp.places.gazetteer import Place
    from fieldapp.ui.kit.taskman import TaskManager
    from fieldapp.ui.maps.place_choice import Found, PlaceChoice

# The report form's error style, not imported: the form loads with the editor, after
# start-up, and this module is part of start-up.
ERROR_STYLE = "color: #b71c1c; font-weight: bold;"
GO_TO_ZOOM = 13
LOCATOR_ZOOM = {4: 9, 6: 12, 8: 15}  # a 4-character square is ~100 km across


def position_text(lat: float, lon: float) -> str:
    """'43.83670, 4.36010 · 43°50'12.1"N 4°21'36.4"E · JN23eu'."""
    from fieldapp.core import geo  # on first use: its patterns cost start-up, the readout not

    return " · ".join(
        (geo.format_decimal(lat, lon), geo.format_dms(lat, lon), geo.maidenhead(lat, lon))
    )


def _looks_like_a_name(text: str) -> bool:
    """Letters, and not a position: "Quillan", "st etienne" (a locator was tried first)."""
    return sum(ch.isalpha() for ch in text) >= 2 and not any(ch.isdigit() for ch in text)


def zoom_for(text: str) -> int:
    """How close to fly: a Maidenhead square is shown whole, other positions up close."""
    compact = text.strip()
    if compact.isalnum() and len(compact) in LOCATOR_ZOOM and compact[:2].isalpha():
        return LOCATOR_ZOOM[len(compact)]
    return GO_TO_ZOOM


class PositionReadout(QLabel):
    """The cursor position over the map, in three forms; empty when off the map."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("cursor_position")
        self.setContentsMargins(8, 0, 8, 0)
        self._retranslate()

    @Slot(float, float)
    def show_position(self, lat: float, lon: float) -> None:
        self.setText(position_text(lat, lon))

    @Slot()
    def clear_position(self) -> None:
        self.clear()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self.setToolTip(
            self.tr("Cursor position: decimal degrees · degrees, minutes, seconds · locator")
        )


class GoToBar(QWidget):
    """A box where a position or a place name is typed (Ctrl+G); Enter flies the map there.

    A place name is looked up in the gazetteer by a job of `tasks` (inline without one);
    several places of that name open a choice list (PlaceChoice)."""

    position_chosen = Signal(float, float, int)  # lat, lon, zoom
    place_chosen = Signal(float, float, int, str)  # lat, lon, zoom, what to call it

    def __init__(self, parent: QWidget | None = None, tasks: TaskManager | None = None):
        super().__init__(parent)
        self.tasks = tasks
        self.choice: PlaceChoice | None = None
        self.label = QLabel(self)
        self.edit = QLineEdit(self)
        self.edit.setObjectName("go_to_position")
        self.edit.setClearButtonEnabled(True)
        self.edit.setMinimumWidth(260)
        self.label.setBuddy(self.edit)
        self.button = QPushButton(self)
        self.error_label = QLabel(self)
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.edit, 2)
        layout.addWidget(self.button)
        layout.addWidget(self.error_label, 3)
        layout.addStretch(1)
        self.edit.returnPressed.connect(self.go)
        self.edit.textEdited.connect(self._on_edit_text_edited)
        self.button.clicked.connect(self.go)
        self._retranslate()

    def focus(self) -> None:
        self.edit.setFocus()
        self.edit.selectAll()

    def error_text(self) -> str | None:
        return None if self.error_label.isHidden() else self.error_label.text()

    @Slot()
    def go(self) -> bool:
        """Read the box; fly there, or say in words what is wrong (and move nothing)."""
        from fieldapp.core import geo
        from fieldapp.ui.maps.position_words import position_error_text

        text = self.edit.text()
        try:
            lat, lon = geo.parse_position(text)
        except geo.PositionError as exc:
            typed = text.strip()
            if _looks_like_a_name(typed):
                self._look_up(typed, position_error_text(exc))
                return True
            message = position_error_text(exc) if typed else self.tr("Type a position first.")
            self._say(message)
            return False
        self.error_label.hide()
        self.position_chosen.emit(lat, lon, zoom_for(text))
        self.place_chosen.emit(lat, lon, zoom_for(text), text.strip())
        return True

    def _say(self, message: str) -> None:
        self.error_label.setText(self.tr("Cannot go there: %1").replace("%1", message))
        self.error_label.show()
        self.focus()

    def _look_up(self, typed: str, not_a_position: str) -> None:
        """A place name: looked up in a worker (the first lookup opens the file)."""
        from fieldapp.ui.maps.place_choice import look_up

        if self.tasks is None:
            self._on_found(typed, not_a_position, look_up(typed))
            return
        self.tasks.submit(
            lambda _ctx: look_up(typed),
            key=f"go-to-{id(self)}",
            on_done=lambda found: self._on_found(typed, not_a_position, found),
            on_failed=self._on_look_up_failed,
            owner=self,
        )

    def _on_found(self, typed: str, not_a_position: str, found: Found) -> None:
        if not found.places:
            message = self.tr("no place is named “%1”, and %2")
            self._say(message.replace("%1", typed).replace("%2", not_a_position))
        elif len(found.places) == 1 and found.exact:
            self._land(found.places[0])
        else:
            self._choose(found.places)

    def _on_look_up_failed(self, error: Exception) -> None:
        from fieldapp.places.gazetteer import GazetteerUnavailable

        if isinstance(error, GazetteerUnavailable):
            self._say(self.tr("the place gazetteer is not installed; type a position."))
        else:
            self._say(str(error))

    def _choose(self, places: list[Place]) -> None:
        from fieldapp.ui.maps.place_choice import PlaceChoice

        if self.choice is not None:
            self.choice.deleteLater()
        self.choice = PlaceChoice(places, self)
        self.choice.place_picked.connect(self._land)
        self.choice.show_under(self.edit)

    @Slot(object)
    def _land(self, place: Place) -> None:
        from fieldapp.ui.maps.place_choice import zoom_for_place

        self.error_label.hide()
        zoom = zoom_for_place(place)
        self.position_chosen.emit(place.lat, place.lon, zoom)
        self.place_chosen.emit(place.lat, place.lon, zoom, place.label())

    @Slot(str)
    def _on_edit_text_edited(self, _text: str) -> None:
        self.error_label.hide()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self.label.setText(self.tr("Go to:"))
        self.edit.setPlaceholderText(
            self.tr("Quillan · 43.8367, 4.3601 · 43°50'12\"N 4°21'36\"E · JN23eu")
        )
        self.edit.setToolTip(
            self.tr(
                "A place name, or a position in decimal degrees, degrees-minutes-seconds "
                "or a Maidenhead locator (Ctrl+G)"
            )
        )
        self.button.setText(self.tr("Go"))
