"""One page of the radio entry form: the fields of one kind, label | field | note.

Fields are laid out in on-air order (radio_fields.ORDER), so Tab follows the message as
it is read; text boxes pass Tab on to the next field. GUI thread only.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QLabel, QLineEdit, QPlainTextEdit, QWidget

from fieldapp.ui.radio import fields as radio_fields

NOTE_STYLE = "color: #8d5a00;"


class FieldPage(QWidget):
    """The fields of one kind, label | field | note, in on-air order."""

    def __init__(self, kind: str, parent: QWidget):
        super().__init__(parent)
        self.kind = kind
        self.widgets: dict[str, QLineEdit | QPlainTextEdit] = {}
        self.labels: dict[str, QLabel] = {}
        self.notes: dict[str, QLabel] = {}
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setVerticalSpacing(3)
        for row, name in enumerate(radio_fields.ORDER[kind]):
            widget = self._make_widget(name)
            label = QLabel(self)
            label.setBuddy(widget)
            note = QLabel(self)
            note.setWordWrap(True)
            note.setMinimumWidth(200)
            note.setStyleSheet(NOTE_STYLE)
            grid.addWidget(label, row, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(widget, row, 1)
            grid.addWidget(note, row, 2, Qt.AlignmentFlag.AlignTop)
            self.widgets[name], self.labels[name], self.notes[name] = widget, label, note
        grid.setColumnStretch(1, 3)
        grid.setColumnStretch(2, 2)
        grid.setRowStretch(len(radio_fields.ORDER[kind]), 1)

    def _make_widget(self, name: str) -> QLineEdit | QPlainTextEdit:
        if name in radio_fields.MULTILINE:
            edit = QPlainTextEdit(self)
            edit.setTabChangesFocus(True)
            edit.setFixedHeight(110 if name == "text" else 56)
            edit.setObjectName(name)
            return edit
        line = QLineEdit(self)
        line.setObjectName(name)
        return line

    def first(self) -> QWidget:
        return self.widgets[radio_fields.ORDER[self.kind][0]]

    def last(self) -> QWidget:
        return self.widgets[radio_fields.ORDER[self.kind][-1]]

    def value(self, name: str) -> str:
        widget = self.widgets[name]
        text = widget.toPlainText() if isinstance(widget, QPlainTextEdit) else widget.text()
        return text.upper() if name in radio_fields.UPPER else text

    def set_value(self, name: str, value: str) -> None:
        widget = self.widgets[name]
        if isinstance(widget, QPlainTextEdit):
            widget.setPlainText(value)
        else:
            widget.setText(value)

    def values(self) -> dict[str, str]:
        return {name: self.value(name) for name in self.widgets}

    def retranslate(self) -> None:
        hints = radio_fields.hints(self.kind)
        for name, text in radio_fields.labels(self.kind).items():
            if name in self.labels:
                self.labels[name].setText(text)
                widget = self.widgets[name]
                widget.setPlaceholderText(hints.get(name, ""))
