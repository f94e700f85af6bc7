"""One field in conflict, its versions in full side by side, and the result to edit.

Below the record table of the conflict view: a long text reads badly in a table cell, so
each version of the current field is shown whole here, wrapped, with the words that
differ from the other version highlighted, and a button to keep it; under them, the
result, which the user may edit (free-text fields) or only pick (coded fields). The
widget shows what `ConflictRecordModel` holds and reports the user's picks and typing
as signals; it never writes. GUI thread only.
"""

from __future__ import annotations

import difflib
import re

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QGridLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from fieldapp.ui.sync.conflict_models import ConflictRecordModel, who_text

DIFF_COLOUR = QColor("#ffd8a8")
MAX_DIFF_TOKENS = 20_000  # above this, no highlight: the comparison is quadratic at worst
_TOKENS = re.compile(r"\w+|\s+|[^\w\s]")


def differing_spans(text: str, other: str) -> list[tuple[int, int]]:
    """Spans of `text` (Qt positions: UTF-16 units) not in `other`, by whole words."""
    tokens = [(m.start(), m.end(), m.group()) for m in _TOKENS.finditer(text)]
    others = _TOKENS.findall(other)
    if len(tokens) + len(others) > MAX_DIFF_TOKENS:
        return []
    matcher = difflib.SequenceMatcher(None, [t[2] for t in tokens], others, autojunk=False)
    spans = []
    for tag, i1, i2, _j1, _j2 in matcher.get_opcodes():
        if tag in ("replace", "delete") and i1 < i2:
            spans.append((_utf16(text, tokens[i1][0]), _utf16(text, tokens[i2 - 1][1])))
    return spans


def _utf16(text: str, index: int) -> int:
    """A Python string index as a Qt text position (characters beyond the BMP count two)."""
    return len(text[:index].encode("utf-16-le")) // 2


class FieldCompare(QWidget):
    """The versions of one field, whole and side by side, and its result."""

    version_picked = Signal(int)  # version index
    result_edited = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.caption = QLabel(self)
        self.caption.setWordWrap(True)
        self.grid = QGridLayout()
        self.texts: list[QPlainTextEdit] = []
        self.buttons: list[QPushButton] = []
        self.headers: list[QLabel] = []
        self.result_label = QLabel(self)
        self.result_edit = QPlainTextEdit(self)
        self.result_edit.setTabChangesFocus(True)
        self.result_label.setBuddy(self.result_edit)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.caption)
        layout.addLayout(self.grid, 2)
        layout.addWidget(self.result_label)
        layout.addWidget(self.result_edit, 1)
        self.result_edit.textChanged.connect(self._on_result_edit_text_changed)
        self._row = -1

    def show_field(self, model: ConflictRecordModel, row: int) -> None:
        """Show a field of the model's record (its versions only if it is in conflict)."""
        self._row = row
        self._make_columns(len(model.versions))
        name = model.field_at(row)
        clashing = model.is_clashing(row)
        words = [self._version_text(model, row, i) for i in range(len(model.versions))]
        for i, version in enumerate(model.versions):
            self.headers[i].setText(
                self.tr("Version %1 — %2").replace("%1", str(i + 1))
                .replace("%2", who_text(version, model.own_device))
            )  # fmt: skip
            self.texts[i].setPlainText(words[i])
            other = words[1] if i == 0 and len(words) > 1 else words[0]
            self._highlight(self.texts[i], differing_spans(words[i], other) if clashing else [])
            self.buttons[i].setEnabled(clashing and model.version_value(row, i)[0])
        if clashing:
            text = self.tr("%1 is in conflict: compare the versions, keep one or edit the result.")
        else:
            text = self.tr("%1 is not in conflict: shown for context.")
        label = model.label(name)
        self.caption.setText(text.replace("%1", label))
        self.result_label.setText(self.tr("&Result for %1:").replace("%1", label))
        self.show_result(model, row)

    def show_result(self, model: ConflictRecordModel, row: int) -> None:
        """The result of the field shown, after a pick (the cursor stays if unchanged)."""
        if row != self._row:
            return
        editable = model.is_editable(row)
        self.result_edit.setReadOnly(not editable)
        hint = "" if editable else self.tr("Keep one of the versions above.")
        self.result_edit.setPlaceholderText(hint if model.is_clashing(row) else "")
        text = model.result_text(row)
        if self.result_edit.toPlainText() != text:
            self.result_edit.blockSignals(True)
            self.result_edit.setPlainText(text)
            self.result_edit.blockSignals(False)

    def _version_text(self, model: ConflictRecordModel, row: int, version: int) -> str:
        written, value = model.version_value(row, version)
        if model.is_clashing(row) and not written:
            return self.tr("(not changed by this device)")
        return model.words(model.field_at(row), value)

    def _make_columns(self, count: int) -> None:
        while len(self.texts) < count:
            i = len(self.texts)
            header, text = QLabel(self), QPlainTextEdit(self)
            header.setWordWrap(True)
            text.setReadOnly(True)
            text.setTabChangesFocus(True)
            flags = Qt.TextInteractionFlag
            text.setTextInteractionFlags(
                flags.TextSelectableByKeyboard | flags.TextSelectableByMouse
            )
            button = QPushButton(self.tr("Keep version &%1").replace("%1", str(i + 1)), self)
            button.clicked.connect(lambda _checked=False, i=i: self.version_picked.emit(i))
            self.grid.addWidget(header, 0, i)
            self.grid.addWidget(text, 1, i)
            self.grid.addWidget(button, 2, i)
            self.headers.append(header)
            self.texts.append(text)
            self.buttons.append(button)
        for i, widgets in enumerate(zip(self.headers, self.texts, self.buttons, strict=True)):
            for widget in widgets:
                widget.setVisible(i < count)

    @staticmethod
    def _highlight(edit: QPlainTextEdit, spans: list[tuple[int, int]]) -> None:
        selections = []
        for start, end in spans:
            selection = QTextEdit.ExtraSelection()
            selection.cursor = QTextCursor(edit.document())  # type: ignore[attr-defined]
            selection.cursor.setPosition(start)  # type: ignore[attr-defined]
            selection.cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)  # type: ignore[attr-defined]
            fmt = QTextCharFormat()
            fmt.setBackground(DIFF_COLOUR)
            selection.format = fmt  # type: ignore[attr-defined]
            selections.append(selection)
        edit.setExtraSelections(selections)

    def highlighted(self, version: int) -> list[str]:
        """The highlighted pieces of a version's text (what differs from the other)."""
        edit = self.texts[version]
        return [s.cursor.selectedText() for s in edit.extraSelections()]  # type: ignore[attr-defined]

    @Slot()
    def _on_result_edit_text_changed(self) -> None:
        if not self.result_edit.isReadOnly():
            self.result_edited.emit(self.result_edit.toPlainText())
