"""The public message editor: written once, a version per channel with its live count,
hashtags, a link, a language; filled from the template library; then approved by a
second person, published (through a Mastodon account, or copied by hand and recorded),
or withdrawn.

What each channel really publishes is what is counted (the EXERCISE word first in an
exercise, the hashtags and the link added: outreach/compose.py). The counts run on each
keystroke (about 1 ms). Writes go through the window's Store on the GUI thread (one
record each, like the radio desk's); posting to Mastodon is a job (the desk's). GUI
thread only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from fieldapp.alerts.outreach.compose import Draft, channel_text, counts, problems
from fieldapp.alerts.outreach.counting import CHANNELS
from fieldapp.ui.alerts import words

if TYPE_CHECKING:
    from fieldapp.alerts.outreach.counting import Count
    from fieldapp.core.record_types import PublicMessage

LANGUAGES = ("fr", "en")


class MessageEditor(QWidget):
    """One message's form and its actions; the desk does the writes it asks for."""

    save_requested = Signal(object)  # the form's values (a dict)
    approve_requested = Signal(str)
    publish_requested = Signal(str)  # post through the Mastodon account
    copy_requested = Signal(str, str)  # message id, channel: clipboard, then say where
    withdraw_requested = Signal(str)
    template_save_requested = Signal(object)  # the form's values: a coordinator's template

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.message: PublicMessage | None = None
        self.exercise = False
        self.extra: dict[str, Any] = {}  # alert_id, rumour_id, template: set, not typed
        self.title_edit = QLineEdit(self)
        self.purpose_combo = QComboBox(self)
        self.language_combo = QComboBox(self)
        self.language_combo.addItems(LANGUAGES)
        self.language_combo.setEditable(True)
        self.template_combo = QComboBox(self)
        self.texts = {c: QPlainTextEdit(self) for c in CHANNELS}
        self.count_labels = {c: QLabel(self) for c in CHANNELS}
        self.hashtags_edit = QLineEdit(self)
        self.link_edit = QLineEdit(self)
        self.state_label = QLabel(self)
        self.problems_label = QLabel(self)
        self.problems_label.setWordWrap(True)
        self.problems_label.setStyleSheet("color: #8a2d0a")
        for label in (self.state_label, self.problems_label, *self.count_labels.values()):
            label.setTextFormat(Qt.TextFormat.PlainText)
        self.save_button = QPushButton(self)
        self.approve_button = QPushButton(self)
        self.publish_button = QPushButton(self)
        self.copy_combo = QComboBox(self)
        self.copy_button = QPushButton(self)
        self.withdraw_button = QPushButton(self)
        self.template_button = QPushButton(self)
        self.form = QFormLayout()
        self._build()
        self._connect()
        self.retranslate()
        self.show_message(None)

    def _build(self) -> None:
        for edit in self.texts.values():
            edit.setTabChangesFocus(True)
            edit.setMinimumHeight(54)
        self.texts["long"].setMinimumHeight(90)
        inner = QWidget(self)
        inner.setLayout(self.form)
        fields: list[QWidget] = [
            self.title_edit,
            self.purpose_combo,
            self.language_combo,
            self.template_combo,
            *self.texts.values(),
            self.hashtags_edit,
            self.link_edit,
        ]
        self.labels = [QLabel(inner) for _ in fields]
        for label, field in zip(self.labels, fields, strict=True):
            label.setBuddy(field)
            if field in self.texts.values():
                channel = next(c for c, edit in self.texts.items() if edit is field)
                box = QVBoxLayout()
                box.setSpacing(1)
                box.addWidget(field)
                box.addWidget(self.count_labels[channel])
                self.form.addRow(label, box)
            else:
                self.form.addRow(label, field)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        # Two rows of buttons: what the message is (save, approve, template, withdraw), and
        # how it goes out (post it, or copy a channel's text): they fit 1024 px side by side.
        keep, send = QHBoxLayout(), QHBoxLayout()
        for widget in (
            self.save_button,
            self.approve_button,
            self.template_button,
            self.withdraw_button,
        ):
            keep.addWidget(widget)
        keep.addStretch(1)
        for widget in (self.publish_button, self.copy_combo, self.copy_button):
            send.addWidget(widget)
        send.addStretch(1)
        actions = QVBoxLayout()
        actions.addLayout(keep)
        actions.addLayout(send)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.state_label)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.problems_label)
        layout.addLayout(actions)

    def _connect(self) -> None:
        for edit in self.texts.values():
            edit.textChanged.connect(self._update_counts)
        for edit in (self.hashtags_edit, self.link_edit):
            edit.textChanged.connect(self._update_counts)
        self.language_combo.currentTextChanged.connect(self._update_counts)
        self.save_button.clicked.connect(lambda: self.save_requested.emit(self.values()))
        self.approve_button.clicked.connect(lambda: self._ask(self.approve_requested))
        self.publish_button.clicked.connect(lambda: self._ask(self.publish_requested))
        self.withdraw_button.clicked.connect(lambda: self._ask(self.withdraw_requested))
        self.copy_button.clicked.connect(self._on_copy_clicked)
        self.template_button.clicked.connect(
            lambda: self.template_save_requested.emit(self.values())
        )

    def _ask(self, signal: Any) -> None:
        if self.message is not None:
            signal.emit(self.message["id"])

    @Slot()
    def _on_copy_clicked(self) -> None:
        if self.message is not None:
            self.copy_requested.emit(self.message["id"], self.copy_combo.currentData())

    # -- the form ---------------------------------------------------------------------------

    def values(self) -> dict[str, Any]:
        tags = [t for t in self.hashtags_edit.text().replace(",", " ").split() if t.strip("#")]
        return {
            **self.extra,
            "title": self.title_edit.text(),
            "purpose": self.purpose_combo.currentData() or "prevention",
            "language": self.language_combo.currentText().strip(),
            "texts": {c: self.texts[c].toPlainText() for c in CHANNELS},
            "hashtags": tags,
            "link": self.link_edit.text().strip(),
        }

    def fill(self, values: dict[str, Any]) -> None:
        """Put values in the form (a template, an alert to relay, a rumour to correct)."""
        self.extra = {k: values[k] for k in ("alert_id", "rumour_id", "template") if k in values}
        if "title" in values:
            self.title_edit.setText(str(values["title"]))
        if "purpose" in values:
            self.purpose_combo.setCurrentIndex(
                max(0, self.purpose_combo.findData(values["purpose"]))
            )
        if values.get("language"):
            self.language_combo.setCurrentText(str(values["language"]))
        for channel, text in (values.get("texts") or {}).items():
            if channel in self.texts:
                self.texts[channel].setPlainText(str(text))
        if "hashtags" in values:
            self.hashtags_edit.setText(" ".join(f"#{t.lstrip('#')}" for t in values["hashtags"]))
        if "link" in values:
            self.link_edit.setText(str(values["link"]))

    def show_message(self, message: PublicMessage | None, *, exercise: bool = False) -> None:
        """A stored message, or None for a new one."""
        self.message, self.exercise = message, exercise
        self.extra = {}
        blank: dict[str, Any] = {
            "title": "",
            "purpose": "prevention",
            "texts": dict.fromkeys(CHANNELS, ""),
            "hashtags": [],
            "link": "",
        }
        self.fill(dict(message) if message else blank)
        status = message["status"] if message else "draft"
        final = status in ("published", "withdrawn")
        for widget in (
            self.title_edit,
            self.purpose_combo,
            self.language_combo,
            self.template_combo,
            self.hashtags_edit,
            self.link_edit,
            *self.texts.values(),
        ):
            widget.setEnabled(not final)
        self.save_button.setEnabled(not final)
        self.approve_button.setEnabled(message is not None and status == "draft")
        sendable = message is not None and status in ("approved", "published")
        for widget in (self.publish_button, self.copy_combo, self.copy_button):
            widget.setEnabled(sendable)
        self.withdraw_button.setEnabled(message is not None and status != "withdrawn")
        self._update_state()
        self._update_counts()

    def _update_state(self) -> None:
        message = self.message
        if message is None:
            text = self.tr("New message (draft)")
        else:
            text = words.message_status_labels().get(message["status"], message["status"])
            text += " · " + self.tr("written by %1").replace("%1", message["author"])
            if message["approved_by"]:
                text += " · " + self.tr("approved by %1").replace("%1", message["approved_by"])
        if self.exercise:
            text = (
                self.tr("EXERCISE: every text begins with EXERCISE (EXERCICE in French)")
                + "\n"
                + text
            )
        self.state_label.setText(text)

    def draft(self) -> Draft:
        values = self.values()
        return Draft(
            values["language"] or "fr",
            values["texts"],
            tuple(values["hashtags"]),
            values["link"],
            self.exercise,
        )

    @Slot()
    def _update_counts(self, *_args: object) -> None:
        draft = self.draft()
        measured = counts(draft)
        for channel, label in self.count_labels.items():
            label.setText(self._count_text(measured[channel], bool(draft.texts.get(channel))))
        found = [str(p) for p in problems(draft)]
        self.problems_label.setText("\n".join(found))
        self.problems_label.setVisible(bool(found))

    def _count_text(self, count: Count, written: bool) -> str:
        if not written:
            return self.tr("(not published on this channel)")
        if count.channel == "sms":
            text = self.tr("%1 characters, %2 SMS (%3)").replace("%1", str(count.used))
            return text.replace("%2", str(count.segments)).replace("%3", str(count.encoding))
        if count.limit is None:
            return self.tr("%1 characters").replace("%1", str(count.used))
        return self.tr("%1 of %2").replace("%1", str(count.used)).replace("%2", str(count.limit))

    def published_text(self, channel: str) -> str:
        return channel_text(self.draft(), channel)

    def set_templates(self, templates: list[tuple[str, str]]) -> None:
        """(key, title) of the templates the library offers, in the chosen language."""
        self.template_combo.clear()
        self.template_combo.addItem(self.tr("(no template)"), "")
        for key, title in templates:
            self.template_combo.addItem(title, key)

    def retranslate(self) -> None:
        labels = [
            self.tr("&Title:"),
            self.tr("&Purpose:"),
            self.tr("&Language:"),
            self.tr("Te&mplate:"),
        ]
        channel_names = words.channel_labels()
        labels += [channel_names[c] + ":" for c in CHANNELS]
        labels += [self.tr("&Hashtags:"), self.tr("Lin&k:")]
        for label, text in zip(self.labels, labels, strict=True):
            label.setText(text)
        current = self.purpose_combo.currentData()
        self.purpose_combo.clear()
        for key, text in words.purpose_labels().items():
            self.purpose_combo.addItem(text, key)
        self.purpose_combo.setCurrentIndex(max(0, self.purpose_combo.findData(current)))
        self.copy_combo.clear()
        for channel in CHANNELS:
            self.copy_combo.addItem(channel_names[channel], channel)
        self.save_button.setText(self.tr("&Save"))
        self.approve_button.setText(self.tr("A&pprove"))
        self.publish_button.setText(self.tr("Publish on &Mastodon"))
        self.copy_button.setText(self.tr("&Copy the text"))
        self.withdraw_button.setText(self.tr("&Withdraw"))
        self.template_button.setText(self.tr("Save as a &template"))
        self.template_button.setToolTip(
            self.tr("Coordinators: keep this text as the operation's version of the template")
        )
        self.hashtags_edit.setPlaceholderText(self.tr("#Crue #Aude"))
        self.link_edit.setPlaceholderText("https://")
        self._update_state()
