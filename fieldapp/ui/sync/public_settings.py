"""The public form's settings as the coordinator edits them: title, short text, who runs
it, languages, end date, retention and the server's public address.

`PublicSettings.load(state)` fills the fields from the server's state (or proposes a
title and a text in the page's first language when the form was never opened);
`values()` gives the settings to send, or raises ValueError with the first problem in
words (nothing is sent then). The proposed text follows the first language while the
coordinator has not written one of their own. GUI thread only.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QDateTime, QEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from fieldapp.sync.client.public import DEFAULT_TEXT, default_text

TITLE_MAX, TEXT_MAX, ORGANISER_MAX, URL_MAX = 120, 2000, 200, 300
LANGUAGE_CHOICES = ("fr,en", "en,fr", "fr", "en")
WEEK_S = 7 * 24 * 3600


class PublicSettings(QWidget):
    """The settings' form (a QFormLayout of labelled fields)."""

    def __init__(self, operation_name: str, language: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.operation_name = operation_name
        self.language = language if language in ("fr", "en") else "en"
        self.title = QLineEdit(self)
        self.title.setMaxLength(TITLE_MAX)
        self.text = QPlainTextEdit(self)
        self.text.setTabChangesFocus(True)
        self.text.setFixedHeight(96)
        self.organiser = QLineEdit(self)
        self.organiser.setMaxLength(ORGANISER_MAX)
        self.languages = QComboBox(self)
        self.ends = QCheckBox(self)
        self.until = QDateTimeEdit(self)
        self.until.setCalendarPopup(True)
        self.until.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.retention = QSpinBox(self)
        self.retention.setRange(1, 3650)
        self.base_url = QLineEdit(self)
        self.base_url.setMaxLength(URL_MAX)
        self._build()
        self.retranslate()
        self.ends.toggled.connect(self.until.setEnabled)
        self.languages.currentIndexChanged.connect(self._on_languages_current_index_changed)
        self.load({})

    def _build(self) -> None:
        form = QFormLayout()
        form.setContentsMargins(0, 0, 0, 0)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        until = QHBoxLayout()
        until.addWidget(self.ends)
        until.addWidget(self.until, 1)
        self.labels = [QLabel(self) for _ in range(7)]
        fields = (self.title, self.text, self.organiser, self.languages, until,
                  self.retention, self.base_url)  # fmt: skip
        for label, field in zip(self.labels, fields, strict=True):
            form.addRow(label, field)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addLayout(form)
        outer.addStretch(1)

    def load(self, state: dict[str, Any]) -> None:
        """The fields as the server holds them; proposals when the form was never opened."""
        first = self.language if not state.get("code") else (state.get("languages") or ["fr"])[0]
        order = state.get("languages") or ([first, "en" if first == "fr" else "fr"])
        self.languages.blockSignals(True)
        self.languages.setCurrentIndex(max(0, self.languages.findData(",".join(order))))
        self.languages.blockSignals(False)
        self.title.setText(state.get("title") or self.operation_name)
        self.text.setPlainText(state.get("text") or default_text(self._first()))
        self.organiser.setText(state.get("organiser") or "")
        until = state.get("until")
        self.ends.setChecked(until is not None)
        self.until.setEnabled(until is not None)
        moment = QDateTime.fromMSecsSinceEpoch(until) if until else QDateTime.currentDateTime()
        self.until.setDateTime(moment if until else moment.addSecs(WEEK_S))
        self.retention.setValue(int(state.get("retention_days") or 30))
        self.base_url.setText(state.get("base_url") or "")

    def _first(self) -> str:
        return str(self.languages.currentData() or "en").split(",")[0]

    def _on_languages_current_index_changed(self, _index: int) -> None:
        if self.text.toPlainText().strip() in {t.strip() for t in DEFAULT_TEXT.values()}:
            self.text.setPlainText(default_text(self._first()))

    def values(self) -> dict[str, Any]:
        """The settings to send; ValueError naming the first field that is wrong."""
        title, text = self.title.text().strip(), self.text.toPlainText().strip()
        if not title:
            raise ValueError(self.tr("Give the form a title: what people report, in a few words."))
        if len(text) > TEXT_MAX:
            raise ValueError(
                self.tr("The short text is too long: %1 characters at most.").replace(
                    "%1", str(TEXT_MAX)
                )
            )
        url = self.base_url.text().strip()
        if url and not url.startswith(("http://", "https://")):
            raise ValueError(self.tr("The public address must start with https:// (or http://)."))
        until = None
        if self.ends.isChecked():
            until = self.until.dateTime().toMSecsSinceEpoch()
            if until <= int(datetime.now(UTC).timestamp() * 1000):
                raise ValueError(self.tr("The end date is already past: choose a later one."))
        return {
            "title": title, "text": text, "organiser": self.organiser.text().strip(),
            "languages": str(self.languages.currentData()).split(","), "until": until,
            "retention_days": self.retention.value(), "base_url": url,
        }  # fmt: skip

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        labels = (
            self.tr("&Title:"), self.tr("Short te&xt:"), self.tr("Run &by:"),
            self.tr("&Languages:"), self.tr("&Ends:"), self.tr("&Keep reports:"),
            self.tr("&Public address:"),
        )  # fmt: skip
        buddies = (self.title, self.text, self.organiser, self.languages, self.ends,
                   self.retention, self.base_url)  # fmt: skip
        for label, words, buddy in zip(self.labels, labels, buddies, strict=True):
            label.setText(words)
            label.setBuddy(buddy)
        current = self.languages.currentIndex()
        self.languages.blockSignals(True)
        self.languages.clear()
        names = (
            self.tr("French, then English"), self.tr("English, then French"),
            self.tr("French only"), self.tr("English only"),
        )  # fmt: skip
        for data, name in zip(LANGUAGE_CHOICES, names, strict=True):
            self.languages.addItem(name, data)
        self.languages.setCurrentIndex(max(current, 0))
        self.languages.blockSignals(False)
        self.ends.setText(self.tr("on"))
        self.retention.setSuffix(self.tr(" days"))
        self.title.setPlaceholderText(self.tr("What people report, in a few words"))
        self.organiser.setPlaceholderText(self.tr("Who runs the form, as the page says it"))
        self.base_url.setPlaceholderText(self.tr("https://… (empty: the address this laptop uses)"))
        self.text.setAccessibleName(self.tr("Short text"))
        self.until.setAccessibleName(self.tr("End date"))
