"""The small dialog that names a map feature: name, category, notes (and Delete, later).

It is opened for a shape just drawn (nothing is stored until OK succeeds) and for a saved
feature clicked on the map (rename, re-categorise, delete). It does not know the store:
it hands its values to a `save` callable and shows a ValidationError's messages beside
the fields, staying open; Cancel stores nothing. Non-modal to the map (window-modal,
opened with open()), so the page keeps running. GUI thread only.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fieldapp.core.errors import ValidationError
from fieldapp.maps.features import CATEGORIES
from fieldapp.ui.kit import i18n
from fieldapp.ui.kit.forms import ERROR_STYLE

FIELDS = ("name", "category", "notes")


class FeatureDialog(QDialog):
    """Name, category and notes of one map feature."""

    delete_requested = Signal()
    tiles_requested = Signal(object)  # (west, south, east, north) of the area

    def __init__(
        self,
        save: Callable[[dict[str, Any]], object],
        feature: dict | None = None,
        parent: QWidget | None = None,
        *,
        area: tuple[float, float, float, float] | None = None,
    ):
        """`area`: the bounding box of an area shape, to offer downloading its tiles."""
        super().__init__(parent)
        self._save = save
        self.feature = feature
        self.area = area
        self.name_edit = QLineEdit(self)
        self.category_combo = QComboBox(self)
        for code in CATEGORIES:
            self.category_combo.addItem(code, code)
        self.notes_edit = QPlainTextEdit(self)
        self.notes_edit.setTabChangesFocus(True)
        self.notes_edit.setMaximumHeight(90)
        self.labels = {name: QLabel(self) for name in FIELDS}
        self.errors = {name: self._error_label() for name in (*FIELDS, "geometry")}
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.delete_button: QPushButton | None = None
        if feature is not None:
            self.delete_button = self.buttons.addButton(
                "", QDialogButtonBox.ButtonRole.DestructiveRole
            )
            self.delete_button.clicked.connect(self.delete_requested)
        self.tiles_button: QPushButton | None = None
        if area is not None:
            self.tiles_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.ActionRole)
            self.tiles_button.clicked.connect(lambda: self.tiles_requested.emit(self.area))
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)
        self._layout()
        self._fill(feature)
        self._retranslate()

    def _error_label(self) -> QLabel:
        label = QLabel(self)
        label.setStyleSheet(ERROR_STYLE)
        label.setWordWrap(True)
        label.hide()
        return label

    def _layout(self) -> None:
        form = QFormLayout()
        widgets = {
            "name": self.name_edit,
            "category": self.category_combo,
            "notes": self.notes_edit,
        }
        for name in FIELDS:
            self.labels[name].setBuddy(widgets[name])
            form.addRow(self.labels[name], widgets[name])
            form.addRow("", self.errors[name])
        form.addRow("", self.errors["geometry"])
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

    def _fill(self, feature: dict | None) -> None:
        if feature is None:
            self.category_combo.setCurrentIndex(self.category_combo.findData("other"))
            return
        self.name_edit.setText(feature["name"])
        self.category_combo.setCurrentIndex(
            max(0, self.category_combo.findData(feature["category"]))
        )
        self.notes_edit.setPlainText(feature["notes"])

    def values(self) -> dict[str, Any]:
        return {
            "name": self.name_edit.text().strip(),
            "category": self.category_combo.currentData(),
            "notes": self.notes_edit.toPlainText().strip(),
        }

    def error_text(self, field: str) -> str | None:
        label = self.errors[field]
        return None if label.isHidden() else label.text()

    def show_errors(self, errors: dict[str, tuple[str, str]]) -> None:
        """Say beside each field what is wrong with it (in the UI's language)."""
        for label in self.errors.values():
            label.hide()
        for field, (code, english) in errors.items():
            label = self.errors.get(field, self.errors["geometry"])
            label.setText(self._message(field, code, english))
            label.show()
        if "name" in errors:
            self.name_edit.setFocus()

    def _message(self, field: str, code: str, english: str) -> str:
        if field == "name" and code == "required":
            return self.tr("Give it a name, e.g. Lower town flooded.")
        if field == "name" and code == "too_long":
            return self.tr("Too long: at most 200 characters.")
        if field == "geometry":
            return self.tr("This shape cannot be saved: %1").replace("%1", english)
        return i18n.error_message(field, code, english)

    @Slot()
    def _on_buttons_accepted(self) -> None:
        try:
            self._save(self.values())
        except ValidationError as exc:
            self.show_errors(exc.errors)
            return
        self.accept()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        new = self.feature is None
        self.setWindowTitle(self.tr("New map feature") if new else self.tr("Map feature"))
        self.labels["name"].setText(self.tr("&Name"))
        self.labels["category"].setText(self.tr("&Category"))
        self.labels["notes"].setText(self.tr("N&otes"))
        self.name_edit.setPlaceholderText(self.tr("e.g. Lower town flooded"))
        labels = i18n.category_labels()
        for i in range(self.category_combo.count()):
            code: str = self.category_combo.itemData(i)
            self.category_combo.setItemText(i, labels.get(code, code))
        if self.delete_button is not None:
            self.delete_button.setText(self.tr("&Delete…"))
        if self.tiles_button is not None:
            self.tiles_button.setText(self.tr("Download map &tiles of this area…"))
            self.tiles_button.setToolTip(
                self.tr("Keep the map of this area on this computer, for use with no network")
            )
