"""The main window's way into the radio desk: a Radio menu, Ctrl+3, reports sent by radio.

The desk is a window of its own, built the first time it is asked for (start-up never
imports it) and kept: closing it only hides it, so a half-copied message is still there.
It follows the main window's operation. "Send as radiogram / ICS-213" opens the desk
with the entry form filled from the report shown in the editor. GUI thread only.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, Slot
from PySide6.QtGui import QAction, QKeySequence

if TYPE_CHECKING:
    from fieldapp.core.changes import Changes
    from fieldapp.ui.radio.desk import RadioDesk
    from fieldapp.ui.shell.main_window import MainWindow


class RadioLauncher(QObject):
    """Owns the radio desk of one main window."""

    def __init__(self, window: MainWindow):
        super().__init__(window)
        self.window = window
        self._desk: RadioDesk | None = None
        self.open_action = self._action("Ctrl+3", self.open_desk)
        self.radiogram_action = self._action(None, self._on_radiogram_triggered)
        self.ics213_action = self._action(None, self._on_ics213_triggered)
        self.menu = window.menuBar().addMenu("")
        self.menu.addAction(self.open_action)
        self.menu.addSeparator()
        self.menu.addAction(self.radiogram_action)
        self.menu.addAction(self.ics213_action)
        window.operation_changed.connect(self._on_window_operation_changed)
        window.records_changed.connect(self._on_window_records_changed)
        window.installEventFilter(self)
        self.retranslate()

    def _action(self, keys: str | None, slot) -> QAction:
        action = QAction(self.window)
        if keys:
            action.setShortcut(QKeySequence(keys))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(slot)
        self.window.addAction(action)
        return action

    @property
    def desk(self) -> RadioDesk:
        if self._desk is None:
            from fieldapp.ui.radio.desk import RadioDesk

            station = self.window.settings.station or os.environ.get("FIELDAPP_STATION", "")
            desk = RadioDesk(self.window.store, self.window.tasks, self.window, station=station)
            desk.station_changed.connect(self._on_desk_station_changed)
            desk.report_added.connect(self._on_desk_report_added)
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
        return desk

    @Slot(object)
    def _on_window_records_changed(self, changes: Changes) -> None:
        if self._desk is not None and changes.touches("radio_message", "radio_hop"):
            self._desk.refresh()

    @Slot(object)
    def _on_window_operation_changed(self, operation: dict | None) -> None:
        if self._desk is not None:
            self._desk.set_operation(operation)

    @Slot(str)
    def _on_desk_station_changed(self, station: str) -> None:
        self.window.settings.station = station
        self.window._save_settings()

    @Slot(dict)
    def _on_desk_report_added(self, _report: dict) -> None:
        self.window.report_list.refresh()
        self.window.update_outbox()

    def _report(self) -> dict | None:
        editor = self.window._editor
        return editor.current_report() if editor is not None else None

    @Slot()
    def _on_radiogram_triggered(self) -> None:
        report = self._report()
        if report is None:
            self.window.status.showMessage(self.tr("Choose a report first."), 4000)
            return
        text = report["body"].strip() or report["title"]
        self.open_desk().entry.prefill("radiogram", {"text": text})

    @Slot()
    def _on_ics213_triggered(self) -> None:
        report = self._report()
        if report is None:
            self.window.status.showMessage(self.tr("Choose a report first."), 4000)
            return
        operation = self.window.operation or {}
        values = {
            "incident": operation.get("name", ""),
            "subject": report["title"],
            "text": report["body"].strip() or report["title"],
            "from_name": self.window.store.user,
        }
        self.open_desk().entry.prefill("ics213", values)

    def shutdown(self) -> None:
        if self._desk is not None:
            self._desk.close()
            self._desk.shutdown()  # its query thread, even if it was never shown

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        return super().eventFilter(watched, event)

    def retranslate(self) -> None:
        self.menu.setTitle(self.tr("R&adio"))
        self.open_action.setText(self.tr("Radio &desk"))
        self.radiogram_action.setText(self.tr("Send the report as a &radiogram"))
        self.ics213_action.setText(self.tr("Send the report as an &ICS-213"))
