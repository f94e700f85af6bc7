"""One official alert, shown whole: its info block in the chosen language (the user's
first, the others a click away), its chain of messages, where it was relayed, and the
reports inside its area; and the ways to relay it.

Everything is shown as text, never as HTML (an alert's words come from outside). Links of
the alert (web, resources) are shown, never fetched. GUI thread only; the desk reads
the alert in a job (jobs.read_alert) and hands it over with `show_detail`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from fieldapp.alerts.relaying import pick_info
from fieldapp.ui.alerts import words
from fieldapp.ui.alerts.models import SEVERITY_COLOURS
from fieldapp.ui.kit import dates

if TYPE_CHECKING:
    from fieldapp.ui.alerts.jobs import AlertDetail

ReportRole = Qt.ItemDataRole.UserRole + 1


class AlertPanel(QWidget):
    """The chosen alert, and its relay buttons."""

    radiogram_requested = Signal(str, str)  # alert id, form kind (radiogram or ics213)
    message_requested = Signal(str)  # alert id: a public message relaying it
    relay_record_requested = Signal(str)  # alert id: say where it went
    report_requested = Signal(str)  # a report inside its area

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.detail: AlertDetail | None = None
        self.language = ""
        self.mark = QLabel(self)
        self.headline = QLabel(self)
        self.headline.setWordWrap(True)
        font = self.headline.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.headline.setFont(font)
        for label in (self.mark, self.headline):
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.language_combo = QComboBox(self)
        self.language_label = QLabel(self)
        self.language_label.setBuddy(self.language_combo)
        self.body = QPlainTextEdit(self)
        self.body.setReadOnly(True)
        self.chain_list = QListWidget(self)
        self.relay_list = QListWidget(self)
        self.report_list = QListWidget(self)
        self.chain_label, self.relay_label, self.report_label = (
            QLabel(self),
            QLabel(self),
            QLabel(self),
        )
        self.radiogram_button = QPushButton(self)
        self.ics213_button = QPushButton(self)
        self.message_button = QPushButton(self)
        self.record_button = QPushButton(self)
        self._build()
        self._connect()
        self.retranslate()
        self.show_detail(None)

    def _build(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.mark, 1)
        top.addWidget(self.language_label)
        top.addWidget(self.language_combo)
        lists = QWidget(self)
        grid = QGridLayout(lists)
        grid.setContentsMargins(0, 0, 0, 0)
        for column, (label, widget) in enumerate(
            (
                (self.chain_label, self.chain_list),
                (self.relay_label, self.relay_list),
                (self.report_label, self.report_list),
            )
        ):
            grid.addWidget(label, 0, column)
            grid.addWidget(widget, 1, column)
            label.setBuddy(widget)
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(self.body)
        split.addWidget(lists)
        split.setSizes([220, 110])
        split.setChildrenCollapsible(False)
        buttons = QHBoxLayout()
        for button in (
            self.radiogram_button,
            self.ics213_button,
            self.message_button,
            self.record_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.headline)
        layout.addWidget(split, 1)
        layout.addLayout(buttons)

    def _connect(self) -> None:
        self.language_combo.activated.connect(self._on_language_activated)
        self.radiogram_button.clicked.connect(
            lambda: self._ask(self.radiogram_requested, "radiogram")
        )
        self.ics213_button.clicked.connect(lambda: self._ask(self.radiogram_requested, "ics213"))
        self.message_button.clicked.connect(lambda: self._ask(self.message_requested))
        self.record_button.clicked.connect(lambda: self._ask(self.relay_record_requested))
        self.report_list.itemActivated.connect(self._on_report_activated)

    def _ask(self, signal: Any, *extra: str) -> None:
        if self.detail is not None:
            signal.emit(self.detail.alert["id"], *extra)

    # -- showing an alert -------------------------------------------------------------------

    def show_detail(self, detail: AlertDetail | None, user_language: str = "") -> None:
        self.detail = detail
        for button in (
            self.radiogram_button,
            self.ics213_button,
            self.message_button,
            self.record_button,
        ):
            button.setEnabled(detail is not None)
        self.language_combo.clear()
        if detail is None:
            self.mark.setText("")
            self.headline.setText(self.tr("Choose an alert in the list."))
            self.body.setPlainText("")
            for widget in (self.chain_list, self.relay_list, self.report_list):
                widget.clear()
            return
        infos = detail.alert["cap"].get("infos") or []
        languages = list(dict.fromkeys(str(i.get("language", "")) for i in infos))
        self.language_combo.addItems(languages)
        chosen = pick_info(detail.alert, self.language or user_language)
        if chosen is not None:
            self.language_combo.setCurrentText(str(chosen.get("language", "")))
        self.language_combo.setEnabled(len(languages) > 1)
        self._show_info(chosen or {})
        self._show_lists(detail)

    @Slot(int)
    def _on_language_activated(self, _index: int) -> None:
        self.language = self.language_combo.currentText()
        if self.detail is not None:
            self._show_info(pick_info(self.detail.alert, self.language) or {})

    def _show_info(self, info: Mapping[str, Any]) -> None:
        detail = self.detail
        assert detail is not None
        alert, chain = detail.alert, detail.chain
        severity = words.severity_labels().get(alert["severity"], alert["severity"])
        state = words.state_labels().get(chain.state, chain.state)
        status = words.status_labels().get(alert["status"], alert["status"])
        kind = words.msg_type_labels().get(alert["msg_type"], alert["msg_type"])
        self.mark.setText(f"{severity} · {state} · {kind} · {status}")
        colour = SEVERITY_COLOURS.get(alert["severity"], "#6c757d")
        self.mark.setStyleSheet(f"color: {colour}; font-weight: bold")
        self.headline.setText(str(info.get("headline") or info.get("event") or alert["headline"]))
        self.body.setPlainText("\n".join(self._lines(info)))

    def _lines(self, info: Mapping[str, Any]) -> list[str]:
        detail = self.detail
        assert detail is not None
        alert, chain = detail.alert, detail.chain
        urgency = words.urgency_labels().get(str(info.get("urgency")), str(info.get("urgency", "")))
        certainty = words.certainty_labels().get(str(info.get("certainty")), "")
        lines = [
            self.tr("Event: %1").replace("%1", str(info.get("event", ""))),
            self.tr("Urgency: %1 · Certainty: %2").replace("%1", urgency).replace("%2", certainty),
            self.tr("From: %1 (%2)")
            .replace("%1", str(info.get("sender_name") or alert["sender"]))
            .replace("%2", alert["sender"]),
            self.tr("Sent: %1").replace("%1", _time(alert["sent"])),
            self.tr("Onset: %1 · Ends: %2")
            .replace("%1", _time(info.get("onset") or info.get("effective")))
            .replace(
                "%2",
                _time(chain.ends)
                + (self.tr(" (assumed: no end given)") if chain.assumed_end else ""),
            ),
        ]
        for name, label in (
            ("description", self.tr("Description")),
            ("instruction", self.tr("Instruction")),
        ):
            if info.get(name):
                lines += ["", f"{label}:", str(info[name])]
        areas = [str(a.get("description", "")) for a in info.get("areas", [])]
        lines += ["", self.tr("Areas: %1").replace("%1", "; ".join(areas) or "-")]
        if detail.unresolved:
            codes = ", ".join(f"{n} {v}" for n, v in detail.unresolved)
            lines.append(self.tr("Not drawn on the map (unknown codes): %1").replace("%1", codes))
        for name, label in (("web", self.tr("Web (not opened)")), ("contact", self.tr("Contact"))):
            if info.get(name):
                lines.append(f"{label}: {info[name]}")
        for resource in info.get("resources", []):
            lines.append(
                self.tr("Resource (not downloaded): %1 %2")
                .replace("%1", str(resource.get("description", "")))
                .replace("%2", str(resource.get("uri", "")))
            )
        lines.append(self.tr("CAP identifier: %1").replace("%1", alert["identifier"]))
        note = str(alert["cap"].get("note") or "")  # an exercise's says which (CAP 1.2 3.2.1)
        if note:
            lines.append(self.tr("Note: %1").replace("%1", note))
        return lines

    def _show_lists(self, detail: AlertDetail) -> None:
        self.chain_list.clear()
        for alert in detail.chain.alerts:
            kind = words.msg_type_labels().get(alert["msg_type"], alert["msg_type"])
            item = QListWidgetItem(f"{_time(alert['sent'])}  {kind}  {alert['headline']}")
            if alert["id"] == detail.alert["id"]:
                font = item.font()
                font.setBold(True)
                item.setFont(font)
            self.chain_list.addItem(item)
        for sender, identifier, sent in detail.chain.missing:
            self.chain_list.addItem(
                self.tr("Never received: %1 from %2, sent %3")
                .replace("%1", identifier)
                .replace("%2", sender)
                .replace("%3", _time(sent))
            )
        self.relay_list.clear()
        channels = words.channel_labels()
        for relay in detail.relays:
            text = f"{_time(relay['at'])}  {channels.get(relay['channel'], relay['channel'])}"
            text += f"  {relay['via'] or '?'}  ({relay['author']})"
            self.relay_list.addItem(text + (f"  {relay['link']}" if relay["link"] else ""))
        if not detail.relays:
            self.relay_list.addItem(self.tr("Not relayed yet"))
        self.report_list.clear()
        for _seq, report_id, title in detail.reports:
            item = QListWidgetItem(title)
            item.setData(ReportRole, report_id)
            self.report_list.addItem(item)
        self.report_label.setText(
            self.tr("Reports inside its area: %1").replace("%1", str(len(detail.reports)))
        )
        if not detail.drawn:
            self.report_label.setText(self.tr("Reports inside its area: area unknown"))

    @Slot(QListWidgetItem)
    def _on_report_activated(self, item: QListWidgetItem) -> None:
        report_id = item.data(ReportRole)
        if report_id:
            self.report_requested.emit(str(report_id))

    def retranslate(self) -> None:
        self.language_label.setText(self.tr("&Language:"))
        self.chain_label.setText(self.tr("Messages of this alert"))
        self.relay_label.setText(self.tr("Relayed"))
        self.report_label.setText(self.tr("Reports inside its area"))
        self.radiogram_button.setText(self.tr("Relay as &radiogram…"))
        self.ics213_button.setText(self.tr("Relay as &ICS-213…"))
        self.message_button.setText(self.tr("Relay as &public message…"))
        self.record_button.setText(self.tr("Record a rela&y…"))
        if self.detail is not None:
            self.show_detail(self.detail)


def _time(iso: str | None) -> str:
    return dates.utc_time(iso) if iso else "?"
