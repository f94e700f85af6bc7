"""The main window's way into the alerts and outreach desk: an Alerts menu, Ctrl+5, and
the notice of a new severe alert.

The desk is a window of its own, built the first time it is asked for (start-up never
imports it) and kept: closing it only hides it. It follows the main window's operation
and its `records_changed`. A new Severe or Extreme alert in force in the operation's area
is announced once on this laptop (jobs.new_notices): a button in the main window's status
bar that opens it, and a system notification where the desktop has a tray — never a
dialog, never taking the focus from someone typing. Relaying an alert by radio asks the
shell (`radio_entry_requested`): the radio desk is a screen beside this one, not below it.
It knows the main window only through `MainWindowLike`. GUI thread only.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Any, Protocol, cast

from PySide6.QtCore import QEvent, QObject, Qt, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QPushButton, QStatusBar

from fieldapp.ui.kit.taskman import Lane

if TYPE_CHECKING:
    from fieldapp.core.changes import Changes
    from fieldapp.core.record_types import Operation
    from fieldapp.core.settings import Settings
    from fieldapp.store import Store
    from fieldapp.ui.alerts.desk import AlertsDesk
    from fieldapp.ui.kit.taskman import TaskManager

NOTICE_CHANGES = ("alert",)


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
        def operation(self) -> Operation | None: ...


class AlertsLauncher(QObject):
    """Owns the alerts desk of one main window, and its notices."""

    radio_entry_requested = Signal(str, object)  # form kind, prefilled values
    report_requested = Signal(str)  # a report inside an alert's area
    alert_noticed = Signal(object)  # the alert row announced (tests, the tray)

    def __init__(self, window: MainWindowLike):
        qt = cast(QMainWindow, window)
        super().__init__(qt)
        self.window, self.qt = window, qt
        self._desk: AlertsDesk | None = None
        self._tray: Any = None
        self.open_action = QAction(qt)
        self.open_action.setShortcut(QKeySequence("Ctrl+5"))
        self.open_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.open_action.triggered.connect(self.open_desk)
        self.import_action = QAction(qt)
        self.import_action.triggered.connect(lambda: self.open_desk().import_files())
        qt.addAction(self.open_action)
        self.menu = qt.menuBar().addMenu("")
        self.menu.addAction(self.open_action)
        self.menu.addAction(self.import_action)
        self._notice: QPushButton | None = None  # made on the first notice (start-up)
        self._noticed: list[dict[str, Any]] = []
        self._started = False  # no notice check before the window's first rows are painted
        qt.installEventFilter(self)
        self.retranslate()

    @property
    def desk(self) -> AlertsDesk:
        if self._desk is None:
            from fieldapp.ui.alerts.desk import AlertsDesk

            desk = AlertsDesk(self.window.store, self.window.tasks, self.window.settings, self.qt)
            desk.radiogram_requested.connect(self._on_radiogram_requested)
            desk.report_requested.connect(self.report_requested)
            desk.set_operation(self.window.operation)
            self._desk = desk
        return self._desk

    @Slot()
    def open_desk(self) -> AlertsDesk:
        desk = self.desk
        desk.show()
        desk.raise_()
        desk.activateWindow()
        return desk

    @Slot(str)
    def open_alert(self, alert_id: str) -> None:
        """An alert clicked on the map or announced: the desk shows it."""
        self.open_desk().open_alert(alert_id)

    @Slot(object)
    def show_changes(self, changes: Changes) -> None:
        if self._desk is not None:
            self._desk.show_changes(changes)
        if changes.touches(*NOTICE_CHANGES):
            self.check_notices()

    @Slot(object)
    def set_operation(self, operation: Operation | None) -> None:
        self._noticed = []
        if self._notice is not None:
            self._notice.hide()
        if self._desk is not None:
            self._desk.set_operation(operation)
        self.check_notices()

    # -- relaying by radio --------------------------------------------------------------------

    @Slot(str, str)
    def _on_radiogram_requested(self, alert_id: str, kind: str) -> None:
        from fieldapp.alerts.relaying import radiogram_values

        alert = self.window.store.alerts.get(alert_id)
        operation = self.window.operation or {}
        form = radiogram_values(alert, exercise=bool(operation.get("exercise")))
        if kind == "ics213":
            form = {
                "incident": operation.get("name", ""),
                "subject": alert["headline"][:60],
                "text": form["text"],
                "from_name": self.window.store.user,
                "op_note": form["op_note"],
            }
        self.radio_entry_requested.emit(kind, form)

    # -- notices ----------------------------------------------------------------------------------

    @Slot()
    def start(self) -> None:
        """The window finished starting: announce what came while it was closed."""
        self._started = True
        self.check_notices()

    def check_notices(self) -> None:
        from fieldapp.ui.alerts import jobs

        operation = self.window.operation
        if operation is None or not self._started:
            return
        # No key: a newer check must not drop this one's answer (it marked its alerts as
        # announced); the writes lane runs them one after the other.
        self.window.tasks.submit(
            partial(jobs.new_notices, operation["id"]),
            lane=Lane.WRITES,
            on_done=self._on_notices,
            owner=self.qt,
        )

    def _on_notices(self, fresh: list[dict[str, Any]]) -> None:
        for alert in fresh:
            self._noticed.append(alert)
            self.alert_noticed.emit(alert)
            self._tell_the_desktop(alert)
        if fresh:
            self._show_notice()

    @property
    def notice(self) -> QPushButton:
        """The status bar's button that announces a new severe alert."""
        if self._notice is None:
            notice = QPushButton(self.qt)
            notice.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # never takes the focus
            notice.setFlat(True)
            notice.setStyleSheet("color: #8b0000; font-weight: bold")
            notice.hide()
            notice.clicked.connect(self._on_notice_clicked)
            self.window.status.addPermanentWidget(notice)
            self._notice = notice
        return self._notice

    def _show_notice(self) -> None:
        alert = self._noticed[-1]
        severity = alert["severity"]
        text = self.tr("⚠ %1 alert: %2").replace("%1", _severity_word(self, severity))
        self.notice.setText(text.replace("%2", " ".join(alert["headline"].split())[:70]))
        self.notice.setToolTip(self.tr("Open it in the alerts desk"))
        self.notice.show()

    def _tell_the_desktop(self, alert: dict[str, Any]) -> None:
        from PySide6.QtWidgets import QSystemTrayIcon

        if not QSystemTrayIcon.isSystemTrayAvailable():
            return
        if self._tray is None:
            self._tray = QSystemTrayIcon(self.qt.windowIcon(), self.qt)
            self._tray.show()
        self._tray.showMessage(
            self.tr("Official alert"), alert["headline"], QSystemTrayIcon.MessageIcon.Warning, 15000
        )

    @Slot()
    def _on_notice_clicked(self) -> None:
        if self._noticed:
            self.open_alert(self._noticed.pop()["id"])
        if self._noticed:
            self._show_notice()
        else:
            self.notice.hide()

    # -- lifetime and language ---------------------------------------------------------------

    def shutdown(self) -> None:
        if self._desk is not None:
            self._desk.close()
            self._desk.shutdown()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.qt and event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        return super().eventFilter(watched, event)

    def retranslate(self) -> None:
        # No Alt letter, like Monitoring: the letters of "Alerts" are taken in the main
        # window already (test_mnemonics); Ctrl+5 opens the desk from anywhere in it.
        self.menu.setTitle(self.tr("Alerts"))
        self.open_action.setText(self.tr("Alerts and &outreach desk"))
        self.import_action.setText(self.tr("&Import CAP alert files…"))
        if self._noticed:
            self._show_notice()


def _severity_word(owner: QObject, severity: str) -> str:
    return {"Extreme": owner.tr("Extreme"), "Severe": owner.tr("Severe")}.get(severity, severity)
