"""The main window's way into the radio desk: a Radio menu, Ctrl+3, reports sent by radio.

The desk is a window of its own, built the first time it is asked for (start-up never
imports it) and kept: closing it only hides it, so a half-copied message is still there.
It follows the main window's operation, and asks this station's call sign on its first
use when none is set. "Send as radiogram / ICS-213" opens the desk with the entry form
filled from the report shown in the editor: its text, place and position, and a
precedence from its severity (radio/from_report.py). It knows the main window
only through the `MainWindowLike` protocol below (the shell sits above the screens: it
hands itself in and connects its signals to `set_operation` and `show_changes`).
GUI thread only.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Protocol, cast

from PySide6.QtCore import QEvent, QObject, Qt, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QStatusBar

if TYPE_CHECKING:
    from fieldapp.core.changes import Changes
    from fieldapp.core.record_types import Operation, Report
    from fieldapp.core.settings import Settings
    from fieldapp.store import Store
    from fieldapp.ui.kit.taskman import TaskManager
    from fieldapp.ui.radio.desk import RadioDesk
    from fieldapp.ui.reports.list_view import ReportListPanel


if TYPE_CHECKING:  # a Protocol class costs start-up time; annotations only

    class MainWindowLike(Protocol):
        """What the launcher uses of the main window (a QMainWindow as well)."""

        @property
        def store(self) -> Store: ...
        @property
        def settings(self) -> Settings: ...
        @property
        def tasks(self) -> TaskManager: ...
        @property
        def status(self) -> QStatusBar: ...
        @property
        def report_list(self) -> ReportListPanel: ...
        @property
        def operation(self) -> Operation | None: ...
        def shown_report(self) -> Report | None: ...
        def save_settings(self) -> None: ...
        def update_outbox(self) -> None: ...


class RadioLauncher(QObject):
    """Owns the radio desk of one main window."""

    def __init__(self, window: MainWindowLike):
        qt = cast(QMainWindow, window)  # the main window is a QMainWindow too
        super().__init__(qt)
        self.window = window
        self.qt = qt
        self._desk: RadioDesk | None = None
        self._asked_station = False  # asked once a session on first use, if not set
        self.open_action = self._action("Ctrl+3", self.open_desk)
        self.radiogram_action = self._action(None, self._on_radiogram_triggered)
        self.ics213_action = self._action(None, self._on_ics213_triggered)
        self.menu = qt.menuBar().addMenu("")
        self.menu.addAction(self.open_action)
        self.menu.addSeparator()
        self.menu.addAction(self.radiogram_action)
        self.menu.addAction(self.ics213_action)
        qt.installEventFilter(self)
        self.retranslate()

    def _action(self, keys: str | None, slot) -> QAction:
        action = QAction(self.qt)
        if keys:
            action.setShortcut(QKeySequence(keys))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(slot)
        self.qt.addAction(action)
        return action

    @property
    def desk(self) -> RadioDesk:
        if self._desk is None:
            from fieldapp.ui.radio.desk import RadioDesk

            station = self.window.settings.station or os.environ.get("FIELDAPP_STATION", "")
            desk = RadioDesk(self.window.store, self.window.tasks, self.qt, station=station)
            desk.station_changed.connect(self._on_desk_station_changed)
            desk.set_operation(self.window.operation)
            self._desk = desk
        return self._desk

    @Slot()
    def open_desk(self) -> RadioDesk:
        desk = self.desk
        desk.show()
        desk.raise_()
        desk.activateWindow()
        desk.focus_entry()
        if not desk.station() and not self._asked_station:  # first use: who are we?
            self._asked_station = True
            desk.ask_station(
                self.tr(
                    "This station's call sign: the relay chain, the printed forms and the"
                    " ICS-309 and ICS-214 logs name this station with it."
                )
            )
        return desk

    @Slot(object)
    def show_changes(self, changes: Changes) -> None:
        """Records were written (here, by a job or by sync): an open desk reads again."""
        if self._desk is not None and changes.touches("radio_message", "radio_hop"):
            self._desk.refresh()

    @Slot(object)
    def set_operation(self, operation: Operation | None) -> None:
        if self._desk is not None:
            self._desk.set_operation(operation)

    def set_station(self, call: str) -> None:
        """This station's call sign, from the settings (the desk follows it if open)."""
        if self._desk is not None and call != self._desk.station():
            self._desk.set_station(call)  # saves it through station_changed
        self.window.settings.station = call

    @Slot(str)
    def _on_desk_station_changed(self, station: str) -> None:
        self.window.settings.station = station
        self.window.save_settings()

    def _report(self) -> Report | None:
        return self.window.shown_report()

    @Slot()
    def _on_radiogram_triggered(self) -> None:
        report = self._report()
        if report is None:
            self.window.status.showMessage(self.tr("Choose a report first."), 4000)
            return
        from fieldapp.radio.from_report import radiogram_values  # core.geo: not at start-up

        self.open_desk().entry.prefill("radiogram", radiogram_values(report))

    @Slot()
    def _on_ics213_triggered(self) -> None:
        report = self._report()
        if report is None:
            self.window.status.showMessage(self.tr("Choose a report first."), 4000)
            return
        from fieldapp.radio.from_report import ics213_values

        operation = self.window.operation or {}
        values = ics213_values(report, operation.get("name", ""), self.window.store.user)
        self.open_desk().entry.prefill("ics213", values)

    def shutdown(self) -> None:
        if self._desk is not None:
            self._desk.close()
            self._desk.shutdown()  # its query thread, even if it was never shown

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.qt and event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        return super().eventFilter(watched, event)

    def retranslate(self) -> None:
        self.menu.setTitle(self.tr("R&adio"))
        self.open_action.setText(self.tr("Radio &desk"))
        self.radiogram_action.setText(self.tr("Send the report as a &radiogram"))
        self.ics213_action.setText(self.tr("Send the report as an &ICS-213"))
