"""Go to a place by name: the gazetteer looked up in a worker, a choice when ambiguous.

`look_up(text)` is the job (Qt-free): the places named exactly so, else those whose name
starts so. `PlaceChoice` is the pop-up list a GoToBar shows when several places answer
("Valence": Drôme, Tarn-et-Garonne, Spain's Valencia...): one line per place with its
area, country and population, the most populous first and already selected, so Enter
takes it, arrows move, Esc closes. GUI thread only (but look_up, in a worker).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, QPoint, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QWidget

if TYPE_CHECKING:
    from fieldapp.places.gazetteer import Place

CHOICES = 12


@dataclass(frozen=True)
class Found:
    places: list[Place]
    exact: bool  # named so exactly (else: names that start so)


def look_up(text: str) -> Found:
    """Worker: the places a Go to text names; GazetteerUnavailable if there is no file."""
    from fieldapp.places.gazetteer import Gazetteer

    gazetteer = Gazetteer.default()
    named = gazetteer.named(text)[:CHOICES]
    if named:
        return Found(named, True)
    return Found(gazetteer.find(text, CHOICES), False)


def zoom_for_place(place: Place) -> int:
    """A city is shown whole, a village up close."""
    people = place.population or 0
    return 10 if people >= 1_000_000 else 11 if people >= 100_000 else 13


class PlaceChoice(QMenu):
    """The places that answer a name; `place_picked(place)` when one is taken."""

    place_picked = Signal(object)

    def __init__(self, places: list[Place], parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("go_to_choices")
        self.places = places
        for place in places:
            action = QAction(self.line(place), self)
            action.triggered.connect(lambda _checked=False, p=place: self.place_picked.emit(p))
            self.addAction(action)

    def line(self, place: Place) -> str:
        """'Valence — Drôme (26), FR · 64,458 inhabitants'."""
        where = ", ".join(part for part in (place.admin, place.country) if part)
        text = f"{place.name} — {where}"
        if place.population:
            people = QLocale().toString(place.population)
            text += " · " + self.tr("%1 inhabitants").replace("%1", people)
        return text

    def show_under(self, widget: QWidget) -> None:
        self.popup(widget.mapToGlobal(QPoint(0, widget.height())))
        actions = self.actions()
        if actions:
            self.setActiveAction(actions[0])
