"""The fields of one report, with an error message under each field that is wrong.

The form knows how each field is shown and typed, not what is valid: the store validates
and the form shows its per-field errors (translated from the domain's codes). It keeps
the values it was loaded with, so the editor saves only what the user changed (a time
shown without its milliseconds is not a change). GUI thread only.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QEvent, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from fieldapp.reports import domain
from fieldapp.ui.kit import i18n
from fieldapp.ui.kit.elided import ElidedLabel
from fieldapp.ui.kit.forms import ERROR_STYLE, INVALID_STYLE

SECTIONS = (
    ("report", ("title", "body", "kind", "severity", "tags")),
    ("where", ("lat", "lon", "accuracy_m", "place", "observed_at")),
    ("source", ("author", "source", "source_ref")),
    ("handling", ("status", "duplicate_of")),
    (
        "verification",
        (
            "verification",
            "verified_by",
            "verified_at",
            "verification_method",
            "verification_confidence",
        ),
    ),
)
_COMBOS: dict[str, tuple[tuple[str, ...], Callable[[], dict]]] = {
    "kind": (domain.KINDS, i18n.kind_labels),
    "source": (domain.SOURCES, i18n.source_labels),
    "status": (domain.STATUSES, i18n.status_labels),
    "verification": (domain.VERIFICATIONS, i18n.verification_labels),
    "verification_confidence": (("", *domain.CONFIDENCES), i18n.confidence_labels),
}


@dataclass
class FieldRow:
    name: str
    widget: QWidget
    label: QLabel
    error: ElidedLabel  # one line, there even when empty: nothing below moves


def to_text(name: str, value: Any) -> Any:
    """A stored value as the form shows it (combos keep their codes)."""
    if value is None:
        return ""
    if name == "tags":
        return ", ".join(value)
    if name in ("observed_at", "verified_at"):
        seconds = "" if value[16:23] == ":00.000" else value[16:19]
        return f"{value[:10]} {value[11:16]}{seconds}"
    if isinstance(value, float):
        text = repr(value)
        return text[:-2] if text.endswith(".0") else text
    if name in _COMBOS:
        return value
    return str(value)


def now_text() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%d %H:%M")


class ReportForm(QWidget):
    """Every user field of a report, grouped in sections."""

    edited = Signal()
    map_requested = Signal()  # "Set on map" was pressed

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setStyleSheet(INVALID_STYLE)
        self.rows: dict[str, FieldRow] = {}
        self._cells: dict[str, QVBoxLayout] = {}
        self.groups: dict[str, QGroupBox] = {}
        self._loaded: dict[str, Any] = {}
        self.now_button: QToolButton | None = None
        self.map_button: QToolButton | None = None
        layout = QVBoxLayout(self)
        for section, names in SECTIONS:
            layout.addWidget(self._make_group(section, names))
        layout.addStretch(1)
        status = self.combo("status")
        status.currentIndexChanged.connect(self._on_status_combo_changed)
        self._retranslate()
        self.load({**domain.REPORT_DEFAULTS, "title": ""})

    def _make_group(self, section: str, names: tuple[str, ...]) -> QGroupBox:
        group = QGroupBox(self)
        self.groups[section] = group
        form = QFormLayout(group)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for name in names:
            widget = self._make_widget(name)
            # The error line keeps its room when empty and never wraps (a long message
            # is elided, whole in its tooltip and the field's description): a message
            # that comes or goes while typing moves no field under the mouse.
            error = ElidedLabel(group)
            error.setStyleSheet(ERROR_STYLE)
            cell = QVBoxLayout()
            cell.setSpacing(2)
            button = self._make_side_button(name, group)
            if button is not None:
                line = QHBoxLayout()
                line.addWidget(widget, 1)
                line.addWidget(button)
                cell.addLayout(line)
            else:
                cell.addWidget(widget)
            cell.addWidget(error)
            self._cells[name] = cell
            label = QLabel(group)
            label.setBuddy(widget)
            form.addRow(label, cell)
            self.rows[name] = FieldRow(name, widget, label, error)
        return group

    def _make_side_button(self, name: str, group: QGroupBox) -> QToolButton | None:
        """The button beside a field, if it has one (made after the field: the tab order
        follows creation order)."""
        if name == "observed_at":
            self.now_button = QToolButton(group)
            self.now_button.clicked.connect(self._on_now_button_clicked)
            return self.now_button
        if name == "lat":
            self.map_button = QToolButton(group)
            self.map_button.setObjectName("set_on_map")
            self.map_button.clicked.connect(self.map_requested)
            return self.map_button
        return None

    def _make_widget(self, name: str) -> QWidget:
        if name == "body":
            widget = QPlainTextEdit(self)
            widget.setTabChangesFocus(True)
            widget.setMinimumHeight(80)
            widget.textChanged.connect(self.edited)
        elif name in _COMBOS:
            widget = QComboBox(self)
            for code in _COMBOS[name][0]:
                widget.addItem(code, code)
            widget.currentIndexChanged.connect(self.edited)
        else:
            widget = QLineEdit(self)
            widget.textEdited.connect(self.edited)
        widget.setObjectName(f"field_{name}")
        return widget

    # -- access ------------------------------------------------------------------------

    def add_below(self, name: str, widget: QWidget) -> None:
        """Put `widget` under a field, above its error line (the Place field's offer)."""
        cell = self._cells[name]
        cell.insertWidget(cell.count() - 1, widget)

    def widget(self, name: str) -> QWidget:
        return self.rows[name].widget

    def combo(self, name: str) -> QComboBox:
        widget = self.rows[name].widget
        assert isinstance(widget, QComboBox)
        return widget

    def line_edit(self, name: str) -> QLineEdit:
        widget = self.rows[name].widget
        assert isinstance(widget, QLineEdit)
        return widget

    def value(self, name: str) -> Any:
        widget = self.rows[name].widget
        if isinstance(widget, QComboBox):
            return widget.currentData()
        if isinstance(widget, QPlainTextEdit):
            return widget.toPlainText()
        assert isinstance(widget, QLineEdit)
        return widget.text()

    def set_value(self, name: str, value: Any) -> None:
        widget = self.rows[name].widget
        text = to_text(name, value)
        if isinstance(widget, QComboBox):
            widget.setCurrentIndex(max(0, widget.findData(text)))
        elif isinstance(widget, QPlainTextEdit):
            widget.setPlainText(text)
        elif isinstance(widget, QLineEdit):
            widget.setText(text)
            widget.setCursorPosition(0)  # show the start of a long value, not its end

    def set_position(self, lat: float, lon: float) -> None:
        """Fill latitude and longitude as if typed: undoable (Ctrl+Z), and unsaved."""
        for name, value in (("lat", round(lat, 6)), ("lon", round(lon, 6))):
            widget = self.rows[name].widget
            assert isinstance(widget, QLineEdit)
            widget.selectAll()
            widget.insert(to_text(name, float(value)))
            widget.setCursorPosition(0)
        self.edited.emit()

    def position(self) -> tuple[float, float] | None:
        """The latitude and longitude typed in the form, if both read as numbers."""
        try:
            lat, lon = float(self.value("lat")), float(self.value("lon"))
        except ValueError:
            return None
        return (lat, lon) if -90 <= lat <= 90 and -180 <= lon <= 180 else None

    def load(self, report: Mapping[str, Any]) -> None:
        """Show a report (or the defaults of a new one); it becomes the unchanged state."""
        self.clear_errors()
        for name in self.rows:
            self.set_value(name, report.get(name, domain.REPORT_DEFAULTS.get(name)))
        self._loaded = self.values()
        self._on_status_combo_changed()

    def values(self) -> dict[str, Any]:
        return {name: self.value(name) for name in self.rows}

    def changed_values(self) -> dict[str, Any]:
        return {k: v for k, v in self.values().items() if v != self._loaded.get(k)}

    def is_dirty(self) -> bool:
        return bool(self.changed_values())

    # -- errors ------------------------------------------------------------------------

    def show_errors(self, errors: dict[str, tuple[str, str]]) -> list[str]:
        """Mark each bad field and say why under it; returns the fields shown, in order."""
        self.clear_errors()
        shown = []
        for name, row in self.rows.items():
            if name in errors:
                code, english = errors[name]
                self._mark(row, i18n.error_message(name, code, english))
                shown.append(name)
        return shown

    def clear_errors(self) -> None:
        for row in self.rows.values():
            if row.error.full_text() or row.widget.property("invalid"):
                self._mark(row, None)

    def error_text(self, name: str) -> str | None:
        return self.rows[name].error.full_text() or None

    def _mark(self, row: FieldRow, message: str | None) -> None:
        row.error.set_full_text(message or "")
        row.widget.setProperty("invalid", message is not None)
        row.widget.setAccessibleDescription(message or "")
        row.widget.style().unpolish(row.widget)
        row.widget.style().polish(row.widget)

    # -- reactions ---------------------------------------------------------------------

    @Slot()
    def _on_status_combo_changed(self, *_args: object) -> None:
        is_duplicate = self.value("status") == "duplicate"
        self.rows["duplicate_of"].widget.setEnabled(is_duplicate)

    @Slot()
    def _on_now_button_clicked(self) -> None:
        widget = self.rows["observed_at"].widget
        assert isinstance(widget, QLineEdit)
        widget.setText(now_text())
        self.edited.emit()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        titles = {
            "report": self.tr("Report"),
            "where": self.tr("Where and when"),
            "source": self.tr("Source"),
            "handling": self.tr("Handling"),
            "verification": self.tr("Verification"),
        }
        for section, group in self.groups.items():
            group.setTitle(titles[section])
        for name, text in self._label_texts().items():
            self.rows[name].label.setText(text)
        self._align_labels()
        for name, (codes, labels) in _COMBOS.items():
            words = {"": self.tr("— not set —"), **labels()}
            combo = self.combo(name)
            for i, code in enumerate(codes):
                combo.setItemText(i, words.get(code, code))
        self._retranslate_hints()

    def _align_labels(self) -> None:
        """One label column width for every section, so the fields line up."""
        labels = [row.label for row in self.rows.values()]
        for label in labels:
            label.setMinimumWidth(0)
        width = max(label.sizeHint().width() for label in labels)
        for label in labels:
            label.setMinimumWidth(width)

    def _label_texts(self) -> dict[str, str]:
        return {
            "title": self.tr("&Title"),
            "body": self.tr("Te&xt"),
            "kind": self.tr("&Kind"),
            "severity": self.tr("Sever&ity"),
            "tags": self.tr("Ta&gs"),
            "lat": self.tr("&Latitude"),
            "lon": self.tr("L&ongitude"),
            "accuracy_m": self.tr("Accuracy (m)"),
            "place": self.tr("&Place"),
            "observed_at": self.tr("O&bserved at (UTC)"),
            "author": self.tr("Aut&hor"),
            "source": self.tr("Sour&ce"),
            "source_ref": self.tr("Source refere&nce"),
            "status": self.tr("Stat&us"),
            "duplicate_of": self.tr("&Duplicate of"),
            "verification": self.tr("V&erdict"),
            "verified_by": self.tr("Verified by"),
            "verified_at": self.tr("Verified at (UTC)"),
            "verification_method": self.tr("Method"),
            "verification_confidence": self.tr("Confidence"),
        }

    def _retranslate_hints(self) -> None:
        hints = {
            "title": self.tr("What happened, in a few words"),
            "tags": self.tr("Comma separated, e.g. bridge, road closed"),
            "severity": self.tr("1 (minor) to 5 (critical)"),
            "lat": self.tr("e.g. 43.8367"),
            "lon": self.tr("e.g. 4.3601"),
            "accuracy_m": self.tr("How far off the position may be, in metres"),
            "observed_at": self.tr("e.g. 2026-11-28 14:05"),
            "source_ref": self.tr("Link, handle, call sign or phone number"),
            "duplicate_of": self.tr("Words of the original report, or its id"),
            "verified_by": self.tr("Filled in when you give a verdict"),
            "verified_at": self.tr("Filled in when you give a verdict"),
            "verification_method": self.tr("e.g. called the town hall, photo geolocated"),
        }
        for name, hint in hints.items():
            widget = self.rows[name].widget
            if isinstance(widget, QLineEdit):
                widget.setPlaceholderText(hint)
        assert self.now_button is not None and self.map_button is not None
        self.map_button.setText(self.tr("Set on map"))
        self.map_button.setToolTip(
            self.tr("Set the position by clicking the map or dragging the marker (Ctrl+M)")
        )
        self.now_button.setText(self.tr("Now"))
        self.now_button.setToolTip(self.tr("Set the observation time to now (UTC)"))
