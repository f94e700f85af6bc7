"""One inject of the scenario in a form: written on the fly during the run, or a pending
one edited; a released or skipped one is shown read-only (it is what happened).

The dialog only collects and checks the form: the exercise time as trainers write it
("T+00:15", "15 min"), the channel details as `key=value` lines. The desk gives the
function that writes (`save(values) -> Inject`); a refusal (ValidationError) is shown
beside each field it names, the dialog stays open and nothing is saved. Window-modal,
opened with `open()` so that the desk's clock keeps running behind it. Fits 1024x600.
GUI thread only.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from fieldapp.core.errors import NotFoundError, ValidationError
from fieldapp.exercises.clocktext import format_clock, parse_clock
from fieldapp.exercises.injects import CHANNELS
from fieldapp.ui.exercises import words
from fieldapp.ui.kit.forms import ERROR_STYLE, INVALID_STYLE

if TYPE_CHECKING:
    from fieldapp.core.record_types import Inject

Save = Callable[[dict[str, Any]], "Inject"]
LINES = ("number", "at_s", "channel", "sender", "recipient", "controller", "follows")
TEXTS = ("content", "expected_action", "controller_note", "details")


class InjectDialog(QDialog):
    """New inject, or one inject of the scenario; `saved` carries the inject written."""

    saved = Signal(object)

    def __init__(
        self,
        parent: QWidget | None,
        save: Save | None,
        values: Mapping[str, Any],
        *,
        new: bool = False,
    ):
        super().__init__(parent)
        self.save, self.new = save, new
        self.translations = dict(values.get("translations") or {})
        self.setStyleSheet(INVALID_STYLE)
        self.edits: dict[str, QLineEdit | QPlainTextEdit] = {}
        self.labels: dict[str, QLabel] = {}
        self.errors: dict[str, QLabel] = {}
        for name in LINES:
            if name != "channel":
                self.edits[name] = QLineEdit(self)
        for name in TEXTS:
            edit = QPlainTextEdit(self)
            edit.setTabChangesFocus(True)
            self.edits[name] = edit
        self.channel_combo = QComboBox(self)
        for key in CHANNELS:
            self.channel_combo.addItem(words.channel_labels()[key], key)
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #555555")
        self.general_error = QLabel(self)
        self.general_error.setStyleSheet(ERROR_STYLE)
        self.general_error.setWordWrap(True)
        self.general_error.hide()
        self.read_only_note = QLabel(self)
        self.read_only_note.setWordWrap(True)
        self.buttons = QDialogButtonBox(self)
        self._build()
        self._fill(values)
        self._set_read_only(save is None)
        self.channel_combo.currentIndexChanged.connect(self._show_hint)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.retranslate()

    # -- layout -----------------------------------------------------------------------------

    def _build(self) -> None:
        heights = {"content": 90, "expected_action": 48, "controller_note": 48, "details": 64}
        for name, height in heights.items():
            self.edits[name].setFixedHeight(height)
        left, right = QFormLayout(), QFormLayout()
        for form, names in ((left, LINES), (right, TEXTS)):
            form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
            for name in names:
                field = self.channel_combo if name == "channel" else self.edits[name]
                label = QLabel(self)
                label.setBuddy(field)
                self.labels[name] = label
                error = QLabel(self)
                error.setStyleSheet(ERROR_STYLE)
                error.setWordWrap(True)
                error.hide()
                self.errors[name] = error
                form.addRow(label, field)
                form.addRow("", error)
        right.addRow(self.hint)
        right.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)  # long labels above
        columns = QHBoxLayout()
        columns.addLayout(left, 2)
        columns.addLayout(right, 3)
        layout = QVBoxLayout(self)
        layout.addWidget(self.read_only_note)
        layout.addLayout(columns)
        layout.addWidget(self.general_error)
        layout.addWidget(self.buttons)
        self.resize(820, 480)

    def _fill(self, values: Mapping[str, Any]) -> None:
        for name in LINES + TEXTS:
            if name in ("channel", "at_s", "details"):
                continue
            self._set_text(name, str(values.get(name) or ""))
        self._set_text("at_s", format_clock(int(values.get("at_s") or 0)))
        details = dict(values.get("details") or {})
        self._set_text("details", "\n".join(f"{k}={v}" for k, v in details.items()))
        channel = str(values.get("channel") or "social")
        self.channel_combo.setCurrentIndex(max(0, self.channel_combo.findData(channel)))

    def _set_text(self, name: str, text: str) -> None:
        edit = self.edits[name]
        if isinstance(edit, QLineEdit):
            edit.setText(text)
        else:
            edit.setPlainText(text)

    def _text(self, name: str) -> str:
        edit = self.edits[name]
        return edit.text() if isinstance(edit, QLineEdit) else edit.toPlainText()

    def _set_read_only(self, read_only: bool) -> None:
        for edit in self.edits.values():
            edit.setReadOnly(read_only)
        self.channel_combo.setEnabled(not read_only)
        self.read_only_note.setVisible(read_only)
        buttons = QDialogButtonBox.StandardButton
        self.buttons.setStandardButtons(
            buttons.Close if read_only else buttons.Save | buttons.Cancel
        )

    # -- checks and saving ------------------------------------------------------------------

    def values(self) -> dict[str, Any]:
        """The form's values as `Injects.add`/`edit` take them; ValueError-free: a time or
        a detail line that does not parse is told by `problems()`."""
        values: dict[str, Any] = {
            name: self._text(name).strip()
            for name in LINES + TEXTS
            if name not in ("channel", "at_s", "details")
        }
        values["channel"] = self.channel_combo.currentData()
        values["translations"] = self.translations
        try:
            values["at_s"] = parse_clock(self._text("at_s"))
        except ValueError:
            values["at_s"] = -1
        values["details"] = dict(_detail_lines(self._text("details"))[0])
        return values

    def problems(self) -> dict[str, str]:
        """What the form itself can tell is wrong, in words, by field."""
        found: dict[str, str] = {}
        try:
            parse_clock(self._text("at_s"))
        except ValueError:
            found["at_s"] = self.tr(
                "Not a time on the exercise clock: write T+00:15, 0:15:30 or 15 min"
            )
        bad = _detail_lines(self._text("details"))[1]
        if bad:
            found["details"] = self.tr("Line %1 is not key=value").replace("%1", str(bad))
        return found

    @Slot()
    def accept(self) -> None:
        if self.save is None:
            super().accept()
            return
        problems = self.problems()
        if problems:
            self.show_errors(problems)
            return
        try:
            inject = self.save(self.values())
        except ValidationError as error:
            self.show_errors(self._refusal(error))
            return
        except NotFoundError:
            self.show_errors({"": self.tr("This inject is no longer in the scenario.")})
            return
        self.show_errors({})
        self.saved.emit(inject)
        super().accept()

    def show_errors(self, errors: Mapping[str, str]) -> None:
        """Each error beside its field (those of no field below the form)."""
        for name, label in self.errors.items():
            text = errors.get(name, "")
            label.setText(text)
            label.setVisible(bool(text))
            field = self.channel_combo if name == "channel" else self.edits[name]
            field.setProperty("invalid", bool(text))
            field.style().unpolish(field)
            field.style().polish(field)
        general = [text for name, text in errors.items() if name not in self.errors]
        self.general_error.setText("\n".join(general))
        self.general_error.setVisible(bool(general))
        first = next((name for name in self.errors if errors.get(name)), None)
        if first:
            (self.channel_combo if first == "channel" else self.edits[first]).setFocus()

    def error_text(self, name: str) -> str:
        """What is said beside a field ("" when nothing)."""
        label = self.errors.get(name)
        return label.text() if label is not None and label.isVisibleTo(self) else ""

    def _refusal(self, error: ValidationError) -> dict[str, str]:
        texts = self._codes()
        return {
            name: texts.get((name, code), message) for name, (code, message) in error.errors.items()
        }

    def _codes(self) -> dict[tuple[str, str], str]:
        return {
            ("number", "required"): self.tr("An inject needs a number."),
            ("number", "duplicate"): self.tr("Another inject of this exercise has this number."),
            ("content", "required"): self.tr("An inject needs its content."),
            ("at_s", "invalid"): self.tr("The time is T+00:00 or later."),
            ("follows", "not_found"): self.tr(
                "Give the number of another inject of this scenario, or leave it empty."
            ),
            ("details", "invalid_key"): self.tr(
                "A detail's name is letters, digits and _ (e.g. severity)."
            ),
            ("details", "invalid"): self.tr(
                "lat is -90 to 90 and lon -180 to 180, in degrees (43.89)."
            ),
            ("status", "not_pending"): self.tr(
                "This inject was released or skipped meanwhile: it can no longer change."
            ),
            ("operation", "server_role"): self.tr(
                "Only the exercise's controllers write its scenario."
            ),
        }

    # -- words ------------------------------------------------------------------------------

    @Slot()
    def _show_hint(self) -> None:
        channel = self.channel_combo.currentData()
        hint = words.detail_hints().get(channel, "")
        self.hint.setText(
            self.tr("One per line, key=value. For this channel: %1").replace("%1", hint)
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        number = self._text("number")
        if self.new:
            title = self.tr("New inject")
        elif self.save is None:
            title = self.tr("Inject %1 (already played)").replace("%1", number)
        else:
            title = self.tr("Edit inject %1").replace("%1", number)
        self.setWindowTitle(self.tr("EXERCISE") + " — " + title)
        texts = {
            "number": self.tr("N&umber:"),
            "at_s": self.tr("&Time (T+):"),
            "channel": self.tr("C&hannel:"),
            "sender": self.tr("&From:"),
            "recipient": self.tr("T&o:"),
            "controller": self.tr("&Responsible controller:"),
            "follows": self.tr("Follo&ws inject:"),
            "content": self.tr("&Content (what the players receive):"),
            "expected_action": self.tr("E&xpected player action:"),
            "controller_note": self.tr("Controller's &note (never shown to players):"),
            "details": self.tr("Channel &details:"),
        }
        for name, text in texts.items():
            self.labels[name].setText(text)
        self.edits["at_s"].setPlaceholderText("T+00:15")
        self.edits["details"].setPlaceholderText("severity=4\nplace=Aramon\nlat=43.89\nlon=4.68")
        self.read_only_note.setText(
            self.tr("This inject was released or skipped: it is shown as it was played.")
        )
        self._show_hint()


def _detail_lines(text: str) -> tuple[list[tuple[str, str]], int]:
    """The (key, value) pairs of `key=value` lines, and the number of the first line that
    is not one (0: none)."""
    pairs: list[tuple[str, str]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        key, sep, value = line.partition("=")
        if not sep or not key.strip():
            return pairs, number
        pairs.append((key.strip(), value.strip()))
    return pairs, 0
