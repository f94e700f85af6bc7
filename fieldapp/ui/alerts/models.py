"""The desk's lists as Qt models: chains of alerts, public messages, the rumour board.

Each is a read-only table over rows the desk read in a job (jobs.read_desk): `set_rows`
replaces them at once. Values are shown as text (never as HTML): a hostile headline is
just words. A chain whose message is not a real alert (Test, System, Draft) says so in
its first column; ended chains are greyed. GUI thread only.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QBrush, QColor

from fieldapp.alerts.chains import ACTIVE
from fieldapp.ui.alerts import words
from fieldapp.ui.kit import dates
from fieldapp.ui.kit.rows_model import IdRole, RowsModel

__all__ = ["BoardModel", "ChainsModel", "IdRole", "MessagesModel", "RowsModel"]

SEVERITY_COLOURS = {"Extreme": "#8b0000", "Severe": "#d9480f", "Moderate": "#e6a700",
                    "Minor": "#6c757d", "Unknown": "#6c757d"}  # fmt: skip


class ChainsModel(RowsModel):
    """One row per chain of alerts: its current message."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.relays: dict[str, int] = {}

    def headers(self) -> list[str]:
        return [self.tr("Severity"), self.tr("State"), self.tr("Headline"), self.tr("Ends (UTC)"),
                self.tr("Relayed")]  # fmt: skip

    def cell(self, row: Any, column: int) -> str:
        current = row.current
        if column == 0:
            severity = str(words.severity_labels().get(current["severity"], current["severity"]))
            if current["status"] == "Actual":
                return severity
            status = str(words.status_labels().get(current["status"], current["status"]))
            return f"{status} · {severity}"
        if column == 1:
            return str(words.state_labels().get(row.state, row.state))
        if column == 2:
            return " ".join(str(current["headline"] or current["event"]).split())
        if column == 3:
            return _short_time(row.ends) + (" ?" if row.assumed_end else "")
        return str(self.relays.get(row.id, 0) or "")

    def row_id(self, row: Any) -> str:
        return str(row.current["id"])

    def greyed(self, row: Any) -> bool:
        return row.state != ACTIVE

    def foreground(self, row: Any, column: int) -> QBrush | None:
        if column == 0 and not self.greyed(row):
            return QBrush(QColor(SEVERITY_COLOURS.get(row.current["severity"], "#6c757d")))
        return super().foreground(row, column)


class MessagesModel(RowsModel):
    """The public messages, newest first."""

    def headers(self) -> list[str]:
        return [self.tr("Status"), self.tr("Title"), self.tr("Language"), self.tr("Author")]

    def cell(self, row: Any, column: int) -> str:
        values: list[Callable[[], str]] = [
            lambda: str(words.message_status_labels().get(row["status"], row["status"])),
            lambda: row["title"],
            lambda: row["language"],
            lambda: row["author"],
        ]
        return values[column]()

    def row_id(self, row: Any) -> str:
        return str(row["id"])

    def greyed(self, row: Any) -> bool:
        return row["status"] == "withdrawn"


class BoardModel(RowsModel):
    """The rumour board: the fastest spreading first."""

    def headers(self) -> list[str]:
        return [self.tr("Status"), self.tr("Seen"), self.tr("Per hour"), self.tr("Claim")]

    def cell(self, row: Any, column: int) -> str:
        rumour = row.rumour
        if column == 0:
            return str(words.rumour_status_labels().get(rumour["status"], rumour["status"]))
        if column == 1:
            return str(row.sightings)
        if column == 2:
            return f"{row.per_hour:.1f}"
        return " ".join(rumour["claim"].split())

    def row_id(self, row: Any) -> str:
        return str(row.rumour["id"])

    def greyed(self, row: Any) -> bool:
        return row.rumour["status"] in ("confirmed", "debunked")


def _short_time(iso: str | None) -> str:
    """2026-12-05T14:30:00.000Z -> 2026-12-05 14:30 (UTC, as stored: the header says it)."""
    return dates.list_time(iso, utc=True)
