"""The message view of the radio desk: the message as read on air, its relay chain, warnings.

Every hop of the relay chain is listed, oldest first: from whom, to whom, when, on
which net. Warnings (unknown precedence, check mismatch, impossible time) name the field
and the value as copied, in the words of the entry form. A refused action (a status the
message cannot take) is explained in words above the message. GUI thread only; it shows
what it is given and reads nothing.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QTextBrowser, QWidget

from fieldapp.core.record_types import RadioMessage
from fieldapp.radio import forms
from fieldapp.ui.kit import dates
from fieldapp.ui.radio import fields as radio_fields
from fieldapp.ui.radio.models import direction_labels, kind_labels, status_labels


class RadioMessageView(QTextBrowser):
    """One message, or a hint when none is chosen."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.message: RadioMessage | None = None
        self.exercise = False
        self._problem = ""
        self.setOpenLinks(False)
        self.show_message(None)

    def show_message(self, message: RadioMessage | None, *, exercise: bool = False) -> None:
        self.message, self.exercise, self._problem = message, exercise, ""
        self._render()

    def show_problem(self, text: str) -> None:
        """An action was refused: say why, above the message."""
        self._problem = text
        self._render()

    def problem(self) -> str:
        return self._problem

    def _render(self) -> None:
        m = self.message
        if m is None:
            self.setHtml(
                "<p style='color:#616161'>"
                + html.escape(self.tr("Choose a message in the queue (F3) or the log (F4)."))
                + "</p>"
            )
            return
        parts = []
        if self._problem:
            parts.append(f"<p style='color:#b71c1c'><b>{html.escape(self._problem)}</b></p>")
        code: str = m["kind"]
        kind = kind_labels().get(code, code)
        state = self.tr("%1 · %2 · %3").replace("%1", kind)
        state = state.replace("%2", direction_labels()[m["direction"]])
        state = state.replace("%3", status_labels()[m["status"]])
        parts.append(f"<p><b>{html.escape(state)}</b></p>")
        text = forms.message_text(m, exercise=self.exercise)
        parts.append(f"<pre style='font-size:11pt'>{html.escape(text)}</pre>")
        parts.append(self._warnings_html(m))
        parts.append(self._hops_html(m))
        self.setHtml("".join(parts))

    def _warnings_html(self, m: RadioMessage) -> str:
        """Each warning as the entry form words it, after the field and the value as copied:
        the operator sees what was kept, never a corrected value."""
        if not m["warnings"]:
            return ""
        labels = radio_fields.labels(m["kind"]) if m["kind"] in radio_fields.KINDS else {}
        items = ""
        warnings = m["warnings"]
        for name, warning in warnings.items():
            label = labels.get(name, name).replace("&", "")
            value = m.get(name) or ""
            sentence = radio_fields.warning_text(
                warning["code"], warning["message"], m.get("check_counted", ""), m["check"]
            )
            items += f"<li><b>{html.escape(label)}</b> “{html.escape(value)}”: "
            items += f"{html.escape(sentence)}</li>"
        title = html.escape(self.tr("Look at:"))
        return f"<p style='color:#8d5a00'><b>{title}</b></p><ul style='color:#8d5a00'>{items}</ul>"

    def _hops_html(self, m: RadioMessage) -> str:
        hops = m.get("hops", [])
        title = html.escape(self.tr("Relay chain"))
        if not hops:
            none = html.escape(self.tr("No hop recorded yet."))
            return f"<p><b>{title}</b><br><i>{none}</i></p>"
        head = (
            self.tr("When (UTC)"),
            self.tr("From"),
            self.tr("To"),
            self.tr("Net"),
        )
        rows = "".join(
            f"<tr><td>{html.escape(dates.list_time(h['at'], utc=True))}</td>"
            f"<td>{html.escape(h['from_station'] or '?')}</td>"
            f"<td>{html.escape(h['to_station'])}</td><td>{html.escape(h['net'])}</td></tr>"
            for h in hops
        )
        header = "".join(f"<th align='left'>{html.escape(text)}</th>" for text in head)
        table = f"<table cellspacing='0' cellpadding='3' border='1'><tr>{header}</tr>{rows}</table>"
        return f"<p><b>{title}</b> ({len(hops)})</p>{table}"

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._render()
        super().changeEvent(event)
