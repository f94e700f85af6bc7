"""The fast entry form of the radio desk: copy a message as it is heard, keyboard only.

One page of fields per kind, in on-air order (radio_fields.ORDER); Tab goes to the next
field, Enter in the last one (or Ctrl+S anywhere) saves, and the next blank form is
ready at once with the cursor in its first field. The check is counted live from the
text; a received check that differs stays as copied and the note beside it says what to
pass on (`10/9`). Warnings (unknown precedence, impossible time...) show beside their
field and never block a save nor rewrite a value. Normalising the text (X, QUERY...) is
an explicit action, done as one edit of the text box so that Ctrl+Z undoes it, and the
form says what changed, every change with its reason in the note's tooltip (radio_text:
what became of each question mark is always said); ARL texts are expanded to plain
language on demand. GUI thread only; per keystroke the form runs only pure functions of
the core (no SQL), so it stays fast however long the log is.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal, Slot
from PySide6.QtGui import QKeyEvent, QTextCursor
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from fieldapp.core.errors import ValidationError
from fieldapp.core.record_types import Operation, RadioMessage
from fieldapp.radio import model
from fieldapp.radio.check import check_to_send, compute_check, normalise
from fieldapp.store import Store
from fieldapp.ui.kit import i18n
from fieldapp.ui.radio import fields as radio_fields
from fieldapp.ui.radio import text as radio_text
from fieldapp.ui.radio.models import direction_labels, kind_labels
from fieldapp.ui.radio.page import NOTE_STYLE, FieldPage

ERROR_STYLE = "color: #b71c1c; font-weight: bold;"
QUIET_STYLE = "color: #616161;"
_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class RadioEntryForm(QWidget):
    """Kind, direction, then the fields of the kind; saves through the store."""

    message_saved = Signal(dict)  # the message as stored
    save_failed = Signal(str)

    def __init__(self, store: Store, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.operation: Operation | None = None
        self.station = ""
        self._started_at: str | None = None
        self._normalised: str | None = None
        self._auto: dict[str, str] = {}  # values the form filled in itself
        self._filling = False
        self.kind_combo = QComboBox(self)
        self.direction_combo = QComboBox(self)
        self.kind_label, self.direction_label = QLabel(self), QLabel(self)
        self.kind_label.setBuddy(self.kind_combo)
        self.direction_label.setBuddy(self.direction_combo)
        self.pages = {kind: FieldPage(kind, self) for kind in radio_fields.KINDS}
        self.stack = QStackedWidget(self)
        for page in self.pages.values():
            self.stack.addWidget(page)
        self.normalise_button = QPushButton(self)
        self.arl_button = QPushButton(self)
        self.save_button = QPushButton(self)
        self.changes_label = QLabel(self)
        self.arl_label = QLabel(self)
        self.state_label = QLabel(self)
        self._layout()
        self._connect()
        self._retranslate()
        self.clear()

    def _layout(self) -> None:
        top = QHBoxLayout()
        for widget in (self.kind_label, self.kind_combo, self.direction_label):
            top.addWidget(widget)
        top.addWidget(self.direction_combo)
        top.addStretch(1)
        top.addWidget(self.state_label)
        for label, style in ((self.changes_label, QUIET_STYLE), (self.arl_label, "")):
            label.setWordWrap(True)
            label.setStyleSheet(style)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            label.hide()
        self.state_label.setStyleSheet(QUIET_STYLE)
        buttons = QHBoxLayout()
        for button in (self.normalise_button, self.arl_button):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab stays in the fields
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.save_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        buttons.addWidget(self.save_button)
        # The fields scroll; the notes and Save below stay in sight on a 600 px screen.
        self.fields_scroll = QScrollArea(self)
        self.fields_scroll.setWidgetResizable(True)
        self.fields_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.fields_scroll.setWidget(self.stack)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.fields_scroll, 1)
        layout.addWidget(self.changes_label)
        layout.addWidget(self.arl_label)
        layout.addLayout(buttons)

    def _connect(self) -> None:
        self.kind_combo.currentIndexChanged.connect(self._on_kind_combo_changed)
        self.direction_combo.currentIndexChanged.connect(self._on_direction_combo_changed)
        self.normalise_button.clicked.connect(self.normalise_text)
        self.arl_button.clicked.connect(self.expand_arl)
        self.save_button.clicked.connect(self.save)
        for page in self.pages.values():
            for widget in page.widgets.values():
                widget.textChanged.connect(self._on_field_edited)
            page.last().installEventFilter(self)

    # -- state -----------------------------------------------------------------------

    @property
    def page(self) -> FieldPage:
        return self.pages[self.kind()]

    def kind(self) -> str:
        return self.kind_combo.currentData() or "radiogram"

    def direction(self) -> str:
        return self.direction_combo.currentData() or "received"

    def field(self, name: str) -> QLineEdit | QPlainTextEdit:
        return self.page.widgets[name]

    def note_text(self, name: str) -> str:
        note = self.page.notes[name]
        return note.text() if note.text() else ""

    def set_operation(self, operation: Operation | None, station: str) -> None:
        self.operation = operation
        self.station = station.strip().upper()
        self.setEnabled(operation is not None)
        self.clear()

    def set_station(self, station: str) -> None:
        self.station = station.strip().upper()
        self._fill_automatic()

    def clear(self) -> None:
        """A blank form of the current kind and direction, the cursor in its first field."""
        for page in self.pages.values():
            for name, widget in page.widgets.items():
                widget.blockSignals(True)
                page.set_value(name, "")
                widget.blockSignals(False)
                page.notes[name].clear()
        self._auto, self._started_at, self._normalised = {}, None, None
        self.changes_label.hide()
        self.arl_label.hide()
        self._fill_automatic()
        self._update_notes()
        self.state_label.setText(self.tr("Ready: start copying"))
        self.page.first().setFocus()

    def prefill(self, kind: str, values: dict[str, str]) -> None:
        """A message to send (from a report): sent, its fields filled in, not yet saved."""
        self.kind_combo.setCurrentIndex(self.kind_combo.findData(kind))
        self.direction_combo.setCurrentIndex(self.direction_combo.findData("sent"))
        self.clear()
        for name, value in values.items():
            if name in self.page.widgets:
                self.page.set_value(name, value)
        self.page.widgets["text"].setFocus()

    def _fill_automatic(self) -> None:
        """This station's serial, its call and the time, for a message it sends."""
        page, auto = self.page, {}
        if self.direction() == "sent" and self.operation is not None:
            if "number" in page.widgets and self.station:
                serial = self.store.radio.next_serial(self.operation["id"], self.station)
                auto["number"] = f"{serial:03d}" if page.kind == "adrasec" else str(serial)
            if "origin_station" in page.widgets:
                auto["origin_station"] = self.station
            times = radio_fields.now_defaults(page.kind)
            auto |= {k: v for k, v in times.items() if k in page.widgets}
        self._filling = True
        for name in page.widgets:
            mine = name in auto or name in self._auto
            if mine and page.value(name) in ("", self._auto.get(name)):
                page.set_value(name, auto.get(name, ""))
        self._filling = False
        self._auto = auto

    # -- live reactions ----------------------------------------------------------------

    @Slot()
    def _on_field_edited(self) -> None:
        if self._filling:
            return
        if self._started_at is None:
            self._started_at = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z")
            self.state_label.setText(
                self.tr("Copying since %1 UTC").replace("%1", self._started_at[11:16])
            )
        if self._normalised is not None and self.page.value("text") != self._normalised:
            self._normalised = None
            self.changes_label.hide()
        self._update_notes()
        if self.arl_label.isVisible():
            self._show_arl()

    def _draft(self) -> dict[str, Any]:
        values = {**model.DEFAULTS, **self.page.values(), "kind": self.kind()}
        precedence, _test = model.precedence_of(values["precedence"] or "ROUTINE")
        values["precedence"] = precedence
        return values

    def _update_notes(self) -> None:
        """The notes beside the fields: warnings of the core, the live check."""
        draft, page = self._draft(), self.page
        found = model.warnings(draft)
        if not draft["text"].strip():
            found.pop("check_received", None)  # no recount before the text is copied
        for name, note in page.notes.items():
            text = ""
            if name in found:
                code, english = found[name]
                counted = compute_check(draft["text"])
                to_send = check_to_send(draft["check_received"], draft["text"])
                text = radio_fields.warning_text(code, english, counted, to_send)
            elif name == "check_received":
                text = self._check_note(draft)
            if note.text() != text:
                note.setText(text)
                note.setStyleSheet(NOTE_STYLE if name in found else QUIET_STYLE)

    def _check_note(self, draft: dict[str, Any]) -> str:
        if not draft["text"].strip():
            return ""
        counted = compute_check(draft["text"])
        if draft["check_received"].strip():
            return self.tr("Counted %1: matches").replace("%1", counted)
        return self.tr("Counted %1 (the check to send)").replace("%1", counted)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and watched is self.page.last():
            assert isinstance(event, QKeyEvent)
            plain = event.modifiers() in (
                Qt.KeyboardModifier.NoModifier,
                Qt.KeyboardModifier.KeypadModifier,
            )
            if event.key() in _ENTER and plain:
                self.save()
                return True
        return super().eventFilter(watched, event)

    # -- actions -----------------------------------------------------------------------

    @Slot()
    def normalise_text(self) -> list[dict]:
        """Text as radiogram text, as one undoable edit; says what it changed."""
        edit = self.page.widgets["text"]
        assert isinstance(edit, QPlainTextEdit)
        result = normalise(edit.toPlainText())
        changes = result.changes()
        if not changes:
            self.changes_label.setText(self.tr("The text is already in radiogram form."))
            self.changes_label.setToolTip("")
            self.changes_label.setStyleSheet(QUIET_STYLE)
            self.changes_label.show()
            return []
        cursor = edit.textCursor()
        cursor.beginEditBlock()
        cursor.select(QTextCursor.SelectionType.Document)
        cursor.insertText(result.text)
        cursor.endEditBlock()
        edit.setTextCursor(cursor)
        self._normalised = result.text
        self.changes_label.setText(radio_text.describe_changes(changes))
        self.changes_label.setToolTip(radio_text.changes_tooltip(changes))
        lost = radio_text.lost_question(changes)  # a question gone: not a quiet detail
        self.changes_label.setStyleSheet(NOTE_STYLE if lost else QUIET_STYLE)
        self.changes_label.show()
        edit.setFocus()
        return changes

    @Slot()
    def expand_arl(self) -> None:
        """Show (or hide) the ARL numbered texts of the text in plain language."""
        if self.arl_label.isVisible():
            self.arl_label.hide()
            return
        self._show_arl()
        self.arl_label.show()

    def _show_arl(self) -> None:
        self.arl_label.setText(radio_text.arl_html(self.page.value("text")))

    def values(self) -> dict[str, Any]:
        """What is saved: the fields of the kind, the kind, direction and UTC times."""
        values: dict[str, Any] = {**self.page.values(), "kind": self.kind()}
        values["direction"] = self.direction()
        now = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z")
        if values["direction"] == "sent":
            values["sent_at"] = now if values.get("sent_to") else None
        else:
            values["received_at"] = self._started_at or now
        if self.operation and self.operation["exercise"] and values["kind"] == "radiogram":
            values["test"] = True  # TEST R on the air: an exercise never looks real
        return values

    @Slot()
    def save(self) -> RadioMessage | None:
        """Save the message; on success the next blank form is ready at once."""
        if self.operation is None:
            return None
        try:
            message = self.store.radio.add(
                self.operation["id"], self.values(), station=self.station
            )
        except ValidationError as exc:
            self._show_errors(exc.errors)
            return None
        self.clear()
        self.state_label.setText(
            self.tr("Saved NR %1. Ready for the next one.").replace("%1", message["number"] or "—")
        )
        self.message_saved.emit(message)
        return message

    def _show_errors(self, errors: dict[str, tuple[str, str]]) -> None:
        page, first = self.page, None
        for name, (code, english) in errors.items():
            target = name if name in page.notes else "text"
            if code == "required" and target == "text":
                message = self.tr("A message needs a text.")
            else:
                message = i18n.error_message(name, code, english)
            page.notes[target].setText(message)
            page.notes[target].setStyleSheet(ERROR_STYLE)
            first = first or page.widgets[target]
        if first is not None:
            first.setFocus()
        self.save_failed.emit("; ".join(english for _code, english in errors.values()))

    # -- kind, direction, language -------------------------------------------------------

    @Slot()
    def _on_kind_combo_changed(self) -> None:
        self.stack.setCurrentWidget(self.page)
        self._auto = {}
        self._fill_automatic()
        self._update_notes()
        self.arl_button.setVisible(self.kind() == "radiogram")

    @Slot()
    def _on_direction_combo_changed(self) -> None:
        self._fill_automatic()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self._fill_combo(self.kind_combo, kind_labels(), radio_fields.KINDS)
        self._fill_combo(self.direction_combo, direction_labels(), model.DIRECTIONS)
        self.kind_label.setText(self.tr("&Kind"))
        self.direction_label.setText(self.tr("&Direction"))
        self.normalise_button.setText(self.tr("Normalise text (Ctrl+T)"))
        self.normalise_button.setToolTip(
            self.tr("Capitals, X for a period, QUERY for a question mark; Ctrl+Z undoes it")
        )
        self.arl_button.setText(self.tr("ARL in plain language (Ctrl+L)"))
        self.save_button.setText(self.tr("Save (Ctrl+S)"))
        for page in self.pages.values():
            page.retranslate()

    @staticmethod
    def _fill_combo(combo: QComboBox, labels: dict[str, str], codes: tuple[str, ...]) -> None:
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        for code in codes:
            combo.addItem(labels[code], code)
        combo.setCurrentIndex(max(0, combo.findData(current)))
        combo.blockSignals(False)
