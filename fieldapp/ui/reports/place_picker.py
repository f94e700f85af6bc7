"""The report editor's Place field: commune and town names from the offline gazetteer.

Typing a few letters pops up the places whose name starts so (most populous first, with
their area and country); picking one writes its name and suggests its position: it fills
latitude and longitude when both are empty (undoable, unsaved, like typing), and
otherwise only offers it under the field ("Use this position"): a position the user typed
is never replaced silently. The lookups run as jobs of the task manager (newest wins), so
typing never waits for the file to open or for a short prefix to be sorted. GUI thread.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QCompleter, QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from fieldapp.ui.kit.taskman import Lane, TaskManager

if TYPE_CHECKING:
    from fieldapp.places.gazetteer import Place
    from fieldapp.ui.reports.form import ReportForm

SUGGESTIONS = 10
TYPING_PAUSE_MS = 120
SAME_PLACE_KM = 0.5  # a typed position this close to the place needs no offer
_NAME_ROLE = Qt.ItemDataRole.UserRole + 1
_PLACE_ROLE = Qt.ItemDataRole.UserRole + 2


def complete(prefix: str) -> list[Place]:
    """Worker: the places a typed prefix may mean (GazetteerUnavailable without a file)."""
    from fieldapp.places.gazetteer import Gazetteer

    return Gazetteer.default().complete(prefix, SUGGESTIONS)


class PlaceOffer(QFrame):
    """Under the Place field: what the gazetteer did or offers with the picked place."""

    use_clicked = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("place_offer")
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.button = QPushButton(self)
        self.button.setObjectName("use_place_position")
        self.button.clicked.connect(self.use_clicked)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.button)
        self.button.setText(self.tr("Use this position"))
        self.hide()

    def say(self, text: str, offer: bool) -> None:
        self.label.setText(text)
        self.button.setVisible(offer)
        self.show()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.button.setText(self.tr("Use this position"))
        super().changeEvent(event)


class PlacePicker(QObject):
    """Gazetteer suggestions for the form's Place field, and the position they carry."""

    def __init__(self, form: ReportForm, tasks: TaskManager):
        super().__init__(form)
        self._form = form
        self._tasks = tasks
        self._edit = form.line_edit("place")
        self._picked: Place | None = None
        self.offer = PlaceOffer(form)
        form.add_below("place", self.offer)
        self.offer.use_clicked.connect(self._on_offer_use_clicked)
        self._model = QStandardItemModel(self)
        self._completer = QCompleter(self._model, self)
        self._completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self._completer.setCompletionRole(_NAME_ROLE)
        self._completer.setWidget(self._edit)
        activated = self._completer.activated[QModelIndex]  # pyright: ignore[reportIndexIssue]
        activated.connect(self._on_completer_activated)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(TYPING_PAUSE_MS)
        self._timer.timeout.connect(self._suggest)
        self._edit.textEdited.connect(self._on_edit_text_edited)
        self._edit.textChanged.connect(self._on_edit_text_changed)

    def suggestions(self) -> list[str]:
        """The lines the pop-up offers now (tests, accessibility)."""
        return [self._model.item(row).text() for row in range(self._model.rowCount())]

    def pick(self, row: int) -> None:
        """Take the suggestion of that row, as a click or Enter in the pop-up does."""
        self._on_completer_activated(self._model.index(row, 0))

    @Slot(str)
    def _on_edit_text_edited(self, _text: str) -> None:
        self._timer.start()

    @Slot(str)
    def _on_edit_text_changed(self, text: str) -> None:
        if self._picked is None or text != self._picked.name:
            self._picked = None
            self.offer.hide()  # another report, or the name typed over

    @Slot()
    def _suggest(self) -> None:
        typed = self._edit.text().strip()
        if len(typed) < 2:
            self._model.clear()
            return
        self._tasks.submit(
            lambda _ctx: complete(typed),
            lane=Lane.READS,
            key=f"place-complete-{id(self)}",
            on_done=lambda places: self._on_tasks_completed(typed, places),
            on_failed=self._on_tasks_failed,
            owner=self._edit,
        )

    def _on_tasks_completed(self, typed: str, places: list[Place]) -> None:
        if typed != self._edit.text().strip():
            return  # typed on since: a newer lookup is coming
        self._model.clear()
        for place in places:
            item = QStandardItem(self._line(place))
            item.setData(place.name, _NAME_ROLE)
            item.setData(place, _PLACE_ROLE)
            item.setEditable(False)
            self._model.appendRow(item)
        if places and self._edit.hasFocus():
            self._completer.complete()

    def _on_tasks_failed(self, error: Exception) -> None:
        from fieldapp.places.gazetteer import GazetteerUnavailable

        if isinstance(error, GazetteerUnavailable):
            words = self.tr("Place suggestions are not available: the gazetteer is not installed.")
            self.offer.say(words, offer=False)

    def _line(self, place: Place) -> str:
        where = ", ".join(part for part in (place.admin, place.country) if part)
        return f"{place.name} — {where}"

    @Slot(QModelIndex)
    def _on_completer_activated(self, index: QModelIndex) -> None:
        place = index.data(_PLACE_ROLE)
        if place is None:
            return
        self._picked = place
        if self._edit.text() != place.name:
            self._edit.selectAll()
            self._edit.insert(place.name)  # as typed: undoable, and the form is edited
        self._suggest_position(place)

    def _suggest_position(self, place: Place) -> None:
        from fieldapp.places.labels import km

        form = self._form
        at = f"{place.lat:.5f}, {place.lon:.5f}"
        if not form.value("lat").strip() and not form.value("lon").strip():
            form.set_position(place.lat, place.lon)
            text = self.tr("Position filled from the gazetteer: %1 (%2). Ctrl+Z undoes it.")
            self.offer.say(text.replace("%1", place.label()).replace("%2", at), offer=False)
            return
        typed = form.position()
        if typed is not None and km(typed[0], typed[1], place.lat, place.lon) < SAME_PLACE_KM:
            self.offer.hide()
            return
        text = self.tr("%1 is at %2; the position typed above is kept.")
        self.offer.say(text.replace("%1", place.label()).replace("%2", at), offer=True)

    @Slot()
    def _on_offer_use_clicked(self) -> None:
        if self._picked is None:
            return
        self._form.set_position(self._picked.lat, self._picked.lon)
        text = self.tr("Position set from the gazetteer: %1.").replace("%1", self._picked.label())
        self.offer.say(text, offer=False)
