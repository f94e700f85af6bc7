"""What each player did after the chosen inject: the controller's view of the response,
found through the links the records keep (exercises/response.player_actions), each
action on the exercise clock and the wall clock, with the player and what was done.

The pane reads in the reads lane (jobs.read_actions, one key: a newer choice replaces the
older read) and shows the result; it keeps nothing else. GUI thread only.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from PySide6.QtCore import QDateTime, QEvent, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from fieldapp.exercises.clocktext import format_clock
from fieldapp.ui.exercises import jobs, words
from fieldapp.ui.kit import dates
from fieldapp.ui.kit.rows_model import RowsModel
from fieldapp.ui.kit.taskman import TaskManager


class ActionsModel(RowsModel):
    """Player actions (jobs.ActionRow), oldest first."""

    def headers(self) -> list[str]:
        return [
            self.tr("Exercise time"),
            self.tr("Wall time"),
            self.tr("Player"),
            self.tr("Action"),
        ]

    def cell(self, row: Any, column: int) -> str:
        if column == 0:
            return format_clock(row.exercise_s)
        if column == 1:
            return wall_time(row.at)
        return str(row.player if column == 2 else words.action_text(row.what))

    def row_id(self, row: Any) -> str:
        return f"{row.at}|{row.player}|{row.what}"


def wall_time(at: str) -> str:
    """An ISO UTC time in local time, as lists show it: "2026-12-06 10:42:05"."""
    return dates.list_time(at, seconds=True)


class ActionsPane(QWidget):
    """The chosen inject's player actions; `show_inject(inject)` follows the timeline."""

    def __init__(self, tasks: TaskManager, parent: QWidget | None = None):
        super().__init__(parent)
        self.tasks = tasks
        self.inject: dict | None = None
        self._key = f"exercise-actions-{id(self)}"
        self.heading = QLabel(self)
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.model = ActionsModel(self)
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(22)
        self.view.setWordWrap(False)
        for column, width in enumerate((100, 140, 100)):  # 140: the ISO wall time
            self.view.setColumnWidth(column, width)
        self.view.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.view, 1)
        self._say()

    def show_inject(self, inject: Any | None) -> None:
        """Read the actions after this inject (None: nothing chosen)."""
        self.inject = dict(inject) if inject else None
        if self.inject is None or self.inject["status"] != "released":
            self.tasks.drop(self._key)
            self.model.set_rows([])
            self._say()
            return
        self.tasks.submit(
            partial(jobs.read_actions, self.inject["id"]),
            key=self._key,
            on_done=self._on_read,
            on_failed=self._on_failed,
            owner=self,
        )

    def _on_read(self, rows: list[jobs.ActionRow]) -> None:
        self.model.set_rows(rows)
        self._say()

    def _on_failed(self, error: Exception) -> None:
        self.model.set_rows([])
        self.heading.setText(
            self.tr("The players' actions could not be read: %1").replace("%1", str(error))
        )

    def _say(self) -> None:
        inject = self.inject
        if inject is None:
            text = self.tr("Choose an inject to see what each player did after it.")
        elif inject["status"] == "skipped":
            text = self.tr("Inject %1 was skipped: the players never received it.")
        elif inject["status"] != "released":
            text = self.tr("Inject %1 is not released yet.")
        elif not self.model.rows:
            text = self.tr("Inject %1: no player has acted on it yet.")
        else:
            players = len({row.player for row in self.model.rows})
            first = _seconds_after(inject["released_at"], self.model.rows[0].at)
            text = (
                self.tr(
                    "Inject %1: %n action(s) by %2, the first after %3.", "", len(self.model.rows)
                )
                .replace("%2", self.tr("%n player(s)", "", players))
                .replace("%3", words.duration_text(first))
            )
        self.heading.setText(text.replace("%1", str(inject["number"]) if inject else ""))

    def shutdown(self) -> None:
        self.tasks.drop(self._key)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._say()
        super().changeEvent(event)


def _seconds_after(start: str, end: str) -> float:
    begin = QDateTime.fromString(start, Qt.DateFormat.ISODateWithMs)
    finish = QDateTime.fromString(end, Qt.DateFormat.ISODateWithMs)
    return max(0.0, begin.msecsTo(finish) / 1000)
