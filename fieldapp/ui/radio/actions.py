"""What an operator does with the chosen message of the radio desk, and the logs to print.

Relay (Ctrl+R: to whom, which net, when; adds a hop), delivered (Ctrl+D), serviced
(Ctrl+E), make a report of it (Ctrl+Shift+R), print it as its form (Ctrl+P), copy it as
text to read on air (Ctrl+Shift+C); the ICS-309 and ICS-214 logs of a period as PDF or
CSV (Logs menu).
Status changes go through the store, which knows the allowed transitions: a refusal is
explained in words in the message view, nothing changes. GUI thread only (the writes
are single-row transactions on the GUI thread's Store, like the report editor's), except
the files: PDFs and CSV logs are read, laid out and written by jobs of the application's
task manager (pdf_job.py over kit/file_jobs.py; files lane, listed in the Jobs panel), with
a progress dialog that can cancel them.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QObject, Qt, Slot
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QFileDialog

from fieldapp.core.errors import ValidationError
from fieldapp.core.record_types import Report
from fieldapp.radio import forms, model
from fieldapp.ui.kit.banner import mark_exercise
from fieldapp.ui.kit.file_jobs import Build, CsvJob, FileJob, PdfJob, PdfProgress
from fieldapp.ui.radio import pdf_job as pdf
from fieldapp.ui.radio.dialogs import PeriodDialog, RelayDialog
from fieldapp.ui.radio.models import status_labels

Job = TypeVar("Job", bound=FileJob)


class RadioActions(QObject):
    """The desk's message actions and its Message and Logs menus."""

    def __init__(self, desk):
        super().__init__(desk)
        self.desk = desk
        self.relay_dialog: RelayDialog | None = None
        self.period_dialog: PeriodDialog | None = None
        self.progress: PdfProgress | None = None  # of the last PDF started
        self.jobs: set[FileJob] = set()  # files being written (kept alive until done)
        self.relay_action = self._action("Ctrl+R", self.relay)
        self.deliver_action = self._action("Ctrl+D", self.deliver)
        self.service_action = self._action("Ctrl+E", self.service)
        self.report_action = self._action("Ctrl+Shift+R", self.make_report)
        self.print_action = self._action(QKeySequence.StandardKey.Print, self._on_print_triggered)
        self.copy_action = self._action("Ctrl+Shift+C", self.copy_for_air)
        self.ics309_action = self._action("Ctrl+Shift+L", self._on_ics309_triggered)
        self.ics214_action = self._action(None, self._on_ics214_triggered)
        self.ics309_csv_action = self._action(None, self._on_ics309_csv_triggered)
        self.ics214_csv_action = self._action(None, self._on_ics214_csv_triggered)
        handling = (self.relay_action, self.deliver_action, self.service_action)
        using = (self.report_action, self.print_action, self.copy_action)
        self.message_actions = handling + using  # need a message chosen in the log
        bar = desk.menuBar()
        self.message_menu = bar.addMenu("")
        self.message_menu.addActions(handling)
        self.message_menu.addSeparator()
        self.message_menu.addActions(using)
        self.logs_menu = bar.addMenu("")
        self.logs_menu.addAction(self.ics309_action)
        self.logs_menu.addAction(self.ics214_action)
        self.logs_menu.addSeparator()
        self.logs_menu.addAction(self.ics309_csv_action)
        self.logs_menu.addAction(self.ics214_csv_action)
        desk.toolbar.addSeparator()
        desk.toolbar.addActions(self.message_actions)
        desk.message_changed.connect(self._on_desk_message_changed)
        self._on_desk_message_changed(None)
        self.retranslate()

    def _action(self, keys, slot) -> QAction:
        action = QAction(self.desk)
        if keys is not None:
            action.setShortcut(QKeySequence(keys))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(slot)
        self.desk.addAction(action)
        return action

    @Slot(object)
    def _on_desk_message_changed(self, message: dict | None) -> None:
        for action in self.message_actions:
            action.setEnabled(message is not None)

    # -- status ---------------------------------------------------------------------------

    @Slot()
    def relay(self) -> None:
        """Ask to whom, which net and when; Enter records the hop."""
        message = self.desk.current
        if message is None:
            return
        summary = forms.message_text(message).splitlines()[0]
        dialog = RelayDialog(summary, message["received_net"], self.desk)
        mark_exercise(dialog, self._exercise())
        dialog.accepted.connect(self._on_relay_dialog_accepted)
        dialog.finished.connect(self._on_dialog_finished)
        self.relay_dialog = dialog
        dialog.open()

    @Slot()
    def _on_relay_dialog_accepted(self) -> None:
        dialog, message = self.relay_dialog, self.desk.current
        if dialog is None or message is None:
            return
        values = dialog.values()
        try:
            self.desk.store.radio.relay(message["id"], station=self.desk.station(), **values)
        except ValidationError as exc:
            self._refused(message, exc)
            return
        self._done(
            message["id"], self.tr("Relayed to %1.").replace("%1", values["to_station"] or "")
        )
        self.relay_dialog = None
        dialog.deleteLater()

    @Slot()
    def _on_dialog_finished(self) -> None:
        """Back to the desk, the keyboard in the queue: the operator goes on at once."""
        self.desk.activateWindow()
        self.desk.queue_view.setFocus()

    @Slot()
    def deliver(self) -> None:
        self._set_status("delivered", self.tr("Delivered."))

    @Slot()
    def service(self) -> None:
        self._set_status("serviced", self.tr("Serviced: the originator has been told."))

    def _set_status(self, status: str, done: str) -> None:
        message = self.desk.current
        if message is None:
            return
        try:
            self.desk.store.radio.set_status(message["id"], status)
        except ValidationError as exc:
            self._refused(message, exc, status)
            return
        self._done(message["id"], done)

    def _refused(self, message: dict, exc: ValidationError, wanted: str = "relayed") -> None:
        labels = status_labels()
        allowed = model.TRANSITIONS[message["status"]]
        if "status" in exc.errors and allowed:
            names = ", ".join(labels[s].lower() for s in allowed)
            text = self.tr("Not done: a message that is “%1” can become %2, not “%3”.")
            text = text.replace("%1", labels[message["status"]].lower()).replace("%2", names)
            text = text.replace("%3", labels[wanted].lower())
        elif "status" in exc.errors:
            text = self.tr("Not done: this message is “%1”: its handling is finished.")
            text = text.replace("%1", labels[message["status"]].lower())
        else:
            text = self.tr("Not done: %1").replace("%1", str(exc))
        self.desk.view.show_problem(text)
        self.desk.statusBar().showMessage(text, 8000)

    def _done(self, message_id: str, text: str) -> None:
        self.desk.refresh(keep=message_id)
        self.desk.statusBar().showMessage(text, 6000)
        self.desk.queue_view.setFocus()

    # -- report, print, copy -------------------------------------------------------------

    @Slot()
    def make_report(self) -> Report | None:
        """The message as a report of the operation (source radio, the station as reference)."""
        message, desk = self.desk.current, self.desk
        if message is None or desk.operation is None:
            return None
        text = message["text"] or message["reply"]
        title = message["subject"] or " ".join(text.split()[:10]) or self.tr("Radio message")
        station = message["received_from"] or message["origin_station"] or desk.station()
        number = f" NR {message['number']}" if message["number"] else ""
        values = {
            "title": title[:200],
            "body": forms.message_text(message),
            "kind": "information",
            "source": "radio",
            "source_ref": f"{station}{number}".strip(),
        }
        report = desk.store.reports.add(desk.operation["id"], values)
        desk.report_added.emit(report)
        desk.statusBar().showMessage(self.tr("Report created: %1").replace("%1", title), 6000)
        return report

    @Slot()
    def copy_for_air(self) -> str:
        message = self.desk.current
        if message is None:
            return ""
        text = forms.message_text(message, exercise=self._exercise())
        QGuiApplication.clipboard().setText(text)
        self.desk.statusBar().showMessage(self.tr("Copied: ready to read on air."), 4000)
        return text

    def _exercise(self) -> bool:
        return bool(self.desk.operation and self.desk.operation["exercise"])

    def print_message(self, path: Path | str) -> PdfJob:
        """Write the chosen message's form in the background; the job says when it is done."""
        message = self.desk.current
        assert message is not None
        build = pdf.message_build(message, exercise=self._exercise())
        return self._write(build, path, self.tr("Writing the message form…"))

    def print_ics309(
        self, path: Path | str, period: tuple[str, str], net: str = "", operator: str = ""
    ) -> PdfJob:
        desk = self.desk
        build = pdf.ics309_build(desk.operation, period, desk.station(), operator, net)
        return self._write(build, path, self.tr("Writing the ICS-309 communications log…"))

    def print_ics214(self, path: Path | str, period: tuple[str, str], operator: str = "") -> PdfJob:
        desk = self.desk
        build = pdf.ics214_build(desk.operation, period, desk.station(), operator)
        return self._write(build, path, self.tr("Writing the ICS-214 activity log…"))

    def ics309_csv(
        self, path: Path | str, period: tuple[str, str], net: str = "", operator: str = ""
    ) -> CsvJob:
        """Write the ICS-309 of a period as CSV in the background."""
        desk = self.desk
        build = pdf.ics309_csv_build(desk.operation, period, desk.station(), operator, net)
        job = CsvJob(desk.store.data_dir, build, path, self)
        job.written.connect(self._on_csv_written)
        return self._start(job, self.tr("Writing the ICS-309 communications log…"), csv=True)

    def ics214_csv(self, path: Path | str, period: tuple[str, str], operator: str = "") -> CsvJob:
        """Write the ICS-214 of a period as CSV in the background."""
        desk = self.desk
        build = pdf.ics214_csv_build(desk.operation, period, desk.station(), operator)
        job = CsvJob(desk.store.data_dir, build, path, self)
        job.written.connect(self._on_csv_written)
        return self._start(job, self.tr("Writing the ICS-214 activity log…"), csv=True)

    def _write(self, build: Build, path: Path | str, label: str) -> PdfJob:
        job = PdfJob(self.desk.store.data_dir, build, path, self)
        job.written.connect(self._printed)
        return self._start(job, label)

    def _start(self, job: Job, label: str, *, csv: bool = False) -> Job:
        """Submit a file job, its progress shown, the desk still usable."""
        job.failed.connect(self._on_job_failed)
        job.cancelled.connect(self._on_job_cancelled)
        for signal in (job.written, job.failed, job.cancelled):
            signal.connect(partial(self._forget, job))
        self.jobs.add(job)
        title = self.tr("Writing the CSV file") if csv else ""
        self.progress = PdfProgress(job, label, self.desk, title)
        job.start(self.desk.tasks, label.rstrip("…"))
        return job

    def _forget(self, job: FileJob, *_outcome: object) -> None:
        self.jobs.discard(job)
        job.deleteLater()

    @Slot(str)
    def _on_job_failed(self, message: str) -> None:
        text = self.tr("Not written: %1").replace("%1", message)
        self.desk.statusBar().showMessage(text, 8000)

    @Slot()
    def _on_job_cancelled(self) -> None:
        self.desk.statusBar().showMessage(self.tr("Cancelled: no file written."), 6000)

    def shutdown(self) -> None:
        """Cancel the files being written (closing the app; the task manager waits)."""
        for job in list(self.jobs):
            job.cancel()

    def _ask_path(self, name: str) -> str:
        if name.endswith(".csv"):
            title, kinds = self.tr("Save as CSV"), self.tr("CSV (*.csv)")
        else:
            title, kinds = self.tr("Save as PDF"), self.tr("PDF (*.pdf)")
        path, _ = QFileDialog.getSaveFileName(self.desk, title, str(Path.home() / name), kinds)
        return path

    @Slot()
    def _on_print_triggered(self) -> None:
        message = self.desk.current
        if message is None:
            return
        path = self._ask_path(f"{message['kind']}-{message['number'] or 'message'}.pdf")
        if path:
            self.print_message(path)

    @Slot(str, int)
    def _printed(self, path: str, pages: int) -> None:
        text = self.tr("Written: %1 (%2 pages)").replace("%1", path).replace("%2", str(pages))
        self.desk.statusBar().showMessage(text, 8000)

    @Slot(str, int)
    def _on_csv_written(self, path: str, lines: int) -> None:
        text = self.tr("Written: %1 (%2 log lines)").replace("%1", path)
        self.desk.statusBar().showMessage(text.replace("%2", str(lines)), 8000)

    @Slot()
    def _on_ics309_triggered(self) -> None:
        self._ask_period(self.tr("ICS-309 communications log"), "ics309")

    @Slot()
    def _on_ics214_triggered(self) -> None:
        self._ask_period(self.tr("ICS-214 activity log"), "ics214")

    @Slot()
    def _on_ics309_csv_triggered(self) -> None:
        self._ask_period(self.tr("ICS-309 communications log"), "ics309", "csv")

    @Slot()
    def _on_ics214_csv_triggered(self) -> None:
        self._ask_period(self.tr("ICS-214 activity log"), "ics214", "csv")

    def _ask_period(self, title: str, which: str, suffix: str = "pdf") -> None:
        if self.desk.operation is None:
            return
        if not self.desk.station():  # a log names this station on every line: never "?"
            self.desk.ask_station(
                self.tr("A log names this station: its call sign first, then the log."),
                then=lambda: self._ask_period(title, which, suffix),
            )
            return
        dialog = PeriodDialog(title, self.desk)
        self.period_dialog = dialog

        def accepted() -> None:
            path = self._ask_path(f"{which}.{suffix}")
            if not path:
                return
            period = dialog.period()
            operator = dialog.operator_edit.text().strip()
            if which == "ics309":
                log309 = self.print_ics309 if suffix == "pdf" else self.ics309_csv
                log309(path, period, dialog.net_edit.text().strip(), operator)
            else:
                log214 = self.print_ics214 if suffix == "pdf" else self.ics214_csv
                log214(path, period, operator)

        dialog.accepted.connect(accepted)
        dialog.finished.connect(self._on_dialog_finished)
        dialog.open()

    def retranslate(self) -> None:
        self.message_menu.setTitle(self.tr("&Message"))
        self.logs_menu.setTitle(self.tr("&Logs"))
        texts = {
            self.relay_action: self.tr("&Relay…"),
            self.deliver_action: self.tr("&Delivered"),
            self.service_action: self.tr("S&erviced"),
            self.report_action: self.tr("Make a re&port"),
            self.print_action: self.tr("&Print form (PDF)…"),
            self.copy_action: self.tr("&Copy for the air"),
            self.ics309_action: self.tr("ICS-309 communications log (PDF)…"),
            self.ics214_action: self.tr("ICS-214 activity log (PDF)…"),
            self.ics309_csv_action: self.tr("ICS-309 communications log (CSV)…"),
            self.ics214_csv_action: self.tr("ICS-214 activity log (CSV)…"),
        }
        for action, text in texts.items():
            action.setText(text)
            keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            action.setToolTip(f"{text.replace('&', '').rstrip('…')} ({keys})" if keys else text)
