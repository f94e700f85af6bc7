"""Positions on the map's side of the window: the cursor readout and the "Go to" box.

`PositionReadout` is a status-bar label showing where the cursor is over the map, in
decimal degrees, degrees-minutes-seconds and the Maidenhead locator (fieldapp.core.geo), and
nothing once the cursor has left the map. `GoToBar` takes a position typed in any form
that fieldapp.core.geo.parse_position reads and says `position_chosen(lat, lon, zoom)`; what it
cannot read is explained in words beside the box and moves nothing. Pure formatting and
parsing, no I/O. GUI thread only.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Signal, Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

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
    """A box where a position is typed (Ctrl+G); Enter flies the map there."""

    position_chosen = Signal(float, float, int)  # lat, lon, zoom

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
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
            message = position_error_text(exc) if typed else self.tr("Type a position first.")
            self.error_label.setText(self.tr("Cannot go there: %1").replace("%1", message))
            self.error_label.show()
            self.focus()
            return False
        self.error_label.hide()
        self.position_chosen.emit(lat, lon, zoom_for(text))
        return True

    @Slot(str)
    def _on_edit_text_edited(self, _text: str) -> None:
        self.error_label.hide()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self.label.setText(self.tr("Go to:"))
        self.edit.setPlaceholderText(self.tr("43.8367, 4.3601 · 43°50'12\"N 4°21'36\"E · JN23eu"))
        self.edit.setToolTip(
            self.tr(
                "A position in decimal degrees, degrees-minutes-seconds or a Maidenhead "
                "locator (Ctrl+G)"
            )
        )
        self.button.setText(self.tr("Go"))
