"""The sync panel: where sync stands, "Sync now" with progress and Cancel, joining a server.

It shows the server, the link state, the changes not on the server (count, age of the
oldest), the last success and the last error in words, the metered-link setting, and for
the report open in the editor whether it is local only or on the server (with the time the
server received it); when the server refused changes for good, a button opens them, with
*Undo my change* (refused_dialog.py). Reads are cheap queries on the GUI thread's Store
(`sync_status`, `record_states`); the network work (sync, join, undo) goes through the
SyncRunner's thread.
GUI thread only.
"""

from __future__ import annotations

import socket
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, Signal, Slot
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fieldapp.store import Store
from fieldapp.sync.client.local import record_states
from fieldapp.sync.client.status import sync_status
from fieldapp.ui.kit.banner import mark_exercise
from fieldapp.ui.kit.forms import STATUS_ERROR_STYLE as ERROR_STYLE
from fieldapp.ui.sync.texts import age_text, error_words, state_text, time_text
from fieldapp.ui.sync.worker import SyncRunner

if TYPE_CHECKING:
    from fieldapp.sync.client.session import SyncReport
    from fieldapp.sync.client.status import SyncStatus


class SyncPanel(QWidget):
    conflicts_requested = Signal()

    def __init__(self, store: Store, runner: SyncRunner, parent: QWidget | None = None):
        super().__init__(parent)
        self.store, self.runner = store, runner
        self._report_id: str | None = None
        self.shut_down = False  # set when the window closes: its Store is closed next
        # Whether the window's operation is an exercise, asked as a dialog opens: it says so.
        self.is_exercise: Callable[[], bool] = lambda: False
        self._build()
        self._retranslate()
        runner.sync_started.connect(self._on_runner_sync_started)
        runner.sync_progressed.connect(self._on_runner_sync_progressed)
        runner.sync_finished.connect(self._on_runner_sync_finished)
        runner.state_changed.connect(self.refresh)
        # No read here: the panel is built with the window, whose start-up is benchmarked;
        # it is filled when shown and after the window's first overview read.

    def _build(self) -> None:
        self.server_value, self.state_value = QLabel(self), QLabel(self)
        self.pending_value, self.success_value = QLabel(self), QLabel(self)
        self.error_value, self.record_value = QLabel(self), QLabel(self)
        self.summary_value = QLabel(self)
        for label in (self.error_value, self.record_value, self.summary_value, self.server_value):
            label.setWordWrap(True)
        self.form = QFormLayout()
        self._rows = [QLabel(self) for _ in range(6)]
        values = (self.server_value, self.state_value, self.pending_value, self.success_value,
                  self.error_value, self.record_value)  # fmt: skip
        for caption, value in zip(self._rows, values, strict=True):
            self.form.addRow(caption, value)
        self.sync_button, self.cancel_button = QPushButton(self), QPushButton(self)
        self.cancel_button.setEnabled(False)
        self.progress = QProgressBar(self)
        self.progress.setVisible(False)
        self.metered_box = QCheckBox(self)
        self.join_button, self.conflicts_button = QPushButton(self), QPushButton(self)
        self.refused_button = QPushButton(self)
        buttons = QHBoxLayout()
        buttons.addWidget(self.sync_button)
        buttons.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addLayout(buttons)
        layout.addWidget(self.progress)
        layout.addWidget(self.summary_value)
        layout.addWidget(self.metered_box)
        layout.addWidget(self.conflicts_button)
        layout.addWidget(self.refused_button)
        layout.addWidget(self.join_button)
        layout.addStretch(1)
        self.sync_button.clicked.connect(self._on_sync_button_clicked)
        self.cancel_button.clicked.connect(self.runner.cancel)
        self.metered_box.toggled.connect(self._on_metered_box_toggled)
        self.join_button.clicked.connect(self._on_join_button_clicked)
        self.conflicts_button.clicked.connect(self.conflicts_requested)
        self.refused_button.clicked.connect(self._on_refused_button_clicked)
        self.runner.undo_finished.connect(self.refresh)

    @Slot()
    def refresh(self) -> None:
        """Read where sync stands (cheap) and show it."""
        if not self.shut_down:
            self.show_status(sync_status(self.store))

    def show_status(self, status: SyncStatus) -> None:
        """Show where sync stands, as read for the status bar too (the same count)."""
        if self.shut_down:
            return
        none = self.tr("none")
        self.server_value.setText(status.server or self.tr("not set up"))
        self.state_value.setText(state_text(self.runner.state))
        pending = self.tr("%n change(s)", "", status.pending)
        if status.oldest_age_s is not None:
            pending += " " + self.tr("(oldest %1)").replace("%1", age_text(status.oldest_age_s))
        self.pending_value.setText(pending)
        self.success_value.setText(time_text(status.last_success))
        self.error_value.setText(error_words(status.last_error) or none)
        self.error_value.setStyleSheet(ERROR_STYLE if status.last_error else "")  # red: a problem
        self.metered_box.blockSignals(True)
        self.metered_box.setChecked(status.metered)
        self.metered_box.blockSignals(False)
        self.metered_box.setEnabled(status.joined)
        self.sync_button.setEnabled(status.joined and not self.runner.is_busy())
        text = self.tr("Conflicts to settle: %1").replace("%1", str(status.conflicts))
        self.conflicts_button.setText(text)
        self.conflicts_button.setEnabled(status.conflicts > 0)
        text = self.tr("Changes the server refused: %1").replace("%1", str(status.rejected))
        self.refused_button.setText(text)
        self.refused_button.setVisible(status.rejected > 0)
        self._show_record()

    def show_record(self, report_id: str | None) -> None:
        """Say where the report open in the editor stands."""
        self._report_id = report_id
        self._show_record()

    def _show_record(self) -> None:
        if self._report_id is None:
            self.record_value.setText(self.tr("no report open"))
            return
        state = record_states(self.store.conn, "report", [self._report_id])[self._report_id]
        if not state["on_server"]:
            text = self.tr("only on this computer")
        else:
            text = self.tr("on the server since %1").replace("%1", time_text(state["on_server_at"]))
            if state["pending"]:
                text += "; " + self.tr("newer changes not sent yet")
        self.record_value.setText(text)

    @Slot()
    def _on_sync_button_clicked(self) -> None:
        self.runner.sync_now()

    @Slot()
    def _on_runner_sync_started(self) -> None:
        self.sync_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.progress.setRange(0, 0)
        self.progress.setVisible(True)
        self.summary_value.setText(self.tr("Syncing…"))

    @Slot(str, int, int)
    def _on_runner_sync_progressed(self, phase: str, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 0))
        if total:
            self.progress.setValue(min(done, total))

    @Slot(object)
    def _on_runner_sync_finished(self, report: SyncReport) -> None:
        self.cancel_button.setEnabled(False)
        self.progress.setVisible(False)
        self.show_report(report)

    def show_report(self, report: SyncReport) -> None:
        """One line on how a round went."""
        if report.complete:
            text = self.tr("Synchronised: %1 sent, %2 received.")
            text = text.replace("%1", str(report.pushed)).replace("%2", str(report.pulled))
        elif report.cancelled:
            text = self.tr(
                "Cancelled: %n change(s) not on the server yet; they go with the next sync.",
                "",
                report.pending,
            )
        else:
            text = self.tr(
                "Not fully synchronised: %n change(s) not on the server yet.", "", report.pending
            )
        if report.set_aside:  # named in the warnings, shown on hover
            text += " " + self.tr(
                "%n received record(s) set aside: this device cannot store them.",
                "",
                report.set_aside,
            )
        self.summary_value.setText(text)
        self.summary_value.setToolTip("\n".join(report.warnings))
        self.refresh()

    @Slot(bool)
    def _on_metered_box_toggled(self, metered: bool) -> None:
        from fieldapp.sync.client.session import SyncClient

        SyncClient(self.store).set_metered(metered)  # a local setting: no request

    @Slot()
    def _on_refused_button_clicked(self) -> None:
        from fieldapp.ui.sync.refused_dialog import RefusedDialog

        dialog = RefusedDialog(self.store, self.runner, self)
        mark_exercise(dialog, self.is_exercise())
        dialog.finished.connect(self.refresh)
        dialog.open()
        self.refused_dialog = dialog  # for tests: the one opened last

    @Slot()
    def _on_join_button_clicked(self) -> None:
        dialog = JoinDialog(self.runner, self)
        mark_exercise(dialog, self.is_exercise())
        self.join_dialog = dialog  # for tests: the one opened last
        dialog.accepted.connect(self.refresh)
        dialog.open()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        captions = (
            self.tr("Server:"),
            self.tr("State:"),
            self.tr("Not on the server:"),
            self.tr("Last success:"),
            self.tr("Last error:"),
            self.tr("This report:"),
        )
        for label, caption in zip(self._rows, captions, strict=True):
            label.setText(caption)
        self.sync_button.setText(self.tr("Sync &now"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.metered_box.setText(self.tr("Metered link: hold original photos back"))
        self.join_button.setText(self.tr("&Join a server…"))
        if self.isVisible():
            self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh()


class JoinDialog(QDialog):
    """The server's address and the one-time code; the join runs in the sync thread."""

    def __init__(self, runner: SyncRunner, parent: QWidget | None = None):
        super().__init__(parent)
        self.runner = runner
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(self.tr("Join a server"))
        self.url_edit, self.code_edit = QLineEdit(self), QLineEdit(self)
        self.name_edit = QLineEdit(socket.gethostname(), self)
        self.cert_edit = QLineEdit(self)
        self.cert_edit.setPlaceholderText(self.tr("only for a self-signed server"))
        self.cert_button = QPushButton(self.tr("C&hoose…"), self)
        self.cert_button.clicked.connect(self._on_cert_button_clicked)
        cert_row = QHBoxLayout()
        cert_row.addWidget(self.cert_edit, 1)
        cert_row.addWidget(self.cert_button)
        self.url_edit.setPlaceholderText("https://sync.example.org:8765")
        self.code_edit.setPlaceholderText("K7P-4QX-9M3")
        self.error_label = QLabel(self)
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("&Join"))
        form = QFormLayout(self)
        form.addRow(self.tr("Server address:"), self.url_edit)
        form.addRow(self.tr("One-time code:"), self.code_edit)
        form.addRow(self.tr("This device's name:"), self.name_edit)
        form.addRow(self.tr("Server certificate (PEM):"), cert_row)
        form.addRow(self.error_label)
        form.addRow(self.buttons)
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)
        runner.join_finished.connect(self._on_runner_join_finished)

    @Slot()
    def _on_buttons_accepted(self) -> None:
        if not self.url_edit.text().strip() or not self.code_edit.text().strip():
            self.error_label.setText(self.tr("Enter the server's address and the code."))
            return
        self.error_label.setText(self.tr("Joining…"))
        self.buttons.setEnabled(False)
        name = self.name_edit.text().strip() or socket.gethostname()
        self.runner.join(self.url_edit.text(), self.code_edit.text(), name, self._cert())

    def _cert(self) -> str:
        return self.cert_edit.text().strip()

    @Slot()
    def _on_cert_button_clicked(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("The server's certificate"),
            self._cert(),
            self.tr("Certificates (*.pem *.crt *.cer);;All files (*)"),
        )
        if path:
            self.cert_edit.setText(path)

    @Slot(bool, str)
    def _on_runner_join_finished(self, ok: bool, words: str) -> None:
        self.buttons.setEnabled(True)
        if ok:
            self.accept()
            return
        words = words if words.endswith((".", ")")) else words + "."
        text = self.tr("Could not join: %1 Nothing was changed.").replace("%1", words)
        self.error_label.setText(text)
