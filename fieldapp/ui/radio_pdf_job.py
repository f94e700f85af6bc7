"""Writes the radio desk's PDFs (a message's form, the ICS-309 and ICS-214 logs) in a worker.

An ICS-309 of a long operational period holds thousands of rows: reading them, laying
them out and painting the pages takes seconds, too long for the GUI thread of an operator
who is copying traffic. `PdfJob` does all of it in a pool thread: the job's `build`
function opens nothing itself but gets the thread's own `Store` (a SQLite connection
never crosses threads), reads what it needs and returns the HTML; radio_print.write_pdf
then lays it out and paints it there. Qt allows this off the GUI thread: QPdfWriter is a
paint device for any thread, and QTextDocument, QPainter and fonts work in a non-GUI
thread once the QGuiApplication exists; the labels come from QCoreApplication.translate,
which is thread-safe. Nothing in the worker touches a widget.

Progress and the outcome come back to the GUI thread by queued signals of the job (it
lives on the GUI thread). `cancel()` stops the job between two pages; the partial file is
removed. `PdfProgress` is the non-modal progress dialog with its Cancel button: the desk
stays usable while a long log is written.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from fieldapp.domain import utc_now
from fieldapp.radio import forms
from fieldapp.store import Store
from fieldapp.ui import radio_print

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PdfContent:
    """What a build function returns: the HTML body, the PDF's title, exercise bands."""

    body: str
    title: str
    exercise: bool = False


Build = Callable[[Store], PdfContent]  # runs in the worker, on the worker's Store


class PdfJob(QObject):
    """One PDF to write; start() runs it in a pool thread."""

    progressed = Signal(int, int)  # pages drawn, pages (0, 0 while reading and laying out)
    written = Signal(str, int)  # path, pages
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, data_dir: Path | str, build: Build, path: Path | str, parent=None):
        super().__init__(parent)
        self.data_dir, self.build, self.path = Path(data_dir), build, Path(path)
        self._stop = threading.Event()
        self._done = threading.Event()

    def start(self, pool: QThreadPool | None = None) -> None:
        (pool or QThreadPool.globalInstance()).start(_Run(self))

    def cancel(self) -> None:
        """Stop at the next page; `cancelled` follows (or `written`, if it was the last)."""
        self._stop.set()

    def wait(self, seconds: float | None = None) -> bool:
        """Block until the worker is done (closing the app); True if it is."""
        return self._done.wait(seconds)

    def run_here(self) -> None:
        """The worker's side: read, lay out, paint; the outcome goes out as a signal."""
        try:
            with Store(self.data_dir) as store:
                content = self.build(store)
            pages = radio_print.write_pdf(
                content.body,
                self.path,
                title=content.title,
                exercise=content.exercise,
                progress=self._on_page,
            )
        except radio_print.PrintCancelled:
            self.cancelled.emit()
        except Exception as exc:  # told to the user, never lost
            log.exception("writing %s failed", self.path)
            self.failed.emit(str(exc) or type(exc).__name__)
        else:
            self.written.emit(str(self.path), pages)
        finally:
            self._done.set()

    def _on_page(self, done: int, pages: int) -> bool:
        self.progressed.emit(done, pages)
        return not self._stop.is_set()


class _Run(QRunnable):
    def __init__(self, job: PdfJob):
        super().__init__()
        self.setAutoDelete(True)
        self._job = job

    def run(self) -> None:
        self._job.run_here()


class PdfProgress(QProgressDialog):
    """Non-modal progress of a PdfJob: busy while laying out, then pages; Cancel stops it."""

    def __init__(self, job: PdfJob, label: str, parent: QWidget):
        super().__init__(label, self.tr("Cancel"), 0, 0, parent)
        self.job = job
        self.setWindowTitle(self.tr("Writing the PDF"))
        self.setAutoClose(False)
        self.setAutoReset(False)
        self.setMinimumDuration(1_000_000)  # shown by our timer, not by the first value
        self._show_timer = QTimer(self)
        self._show_timer.setSingleShot(True)
        self._show_timer.setInterval(300)  # a one-page form comes and goes without a flash
        self._show_timer.timeout.connect(self.show)
        self._show_timer.start()
        self.canceled.connect(self._on_dialog_canceled)
        job.progressed.connect(self._on_job_progressed)
        for signal in (job.written, job.failed, job.cancelled):
            signal.connect(self._on_job_finished)

    @Slot(int, int)
    def _on_job_progressed(self, done: int, pages: int) -> None:
        if pages:
            self.setMaximum(pages)
            self.setValue(done)
            text = self.tr("Page %1 of %2").replace("%1", str(done))
            self.setLabelText(text.replace("%2", str(pages)))

    @Slot()
    def _on_dialog_canceled(self) -> None:
        self.job.cancel()

    def _on_job_finished(self, *_args: object) -> None:
        self._show_timer.stop()
        self.close()
        self.deleteLater()


# -- what the desk prints: build functions, run in the worker -------------------------------


def message_build(message: dict, *, exercise: bool) -> Build:
    """A message as its form; the message was read on the GUI thread (one row)."""
    number = message["number"] or message["id"][:8]
    title = f"{message['kind']} NR {number}"
    return lambda _store: PdfContent(radio_print.message_html(message), title, exercise)


def ics309_build(
    operation: dict, period: tuple[str, str], station: str, operator: str, net: str
) -> Build:
    def build(store: Store) -> PdfContent:
        messages = store.period_messages(operation["id"], since=period[0], until=period[1])
        sheet = forms.build_ics309(
            operation,
            messages,
            period=period,
            station=station,
            operator=operator,
            net=net,
            prepared_at=utc_now()[:16].replace("T", " "),
        )
        return PdfContent(radio_print.ics309_html(sheet), "ICS 309", sheet.exercise)

    return build


def ics214_build(operation: dict, period: tuple[str, str], station: str, operator: str) -> Build:
    def build(store: Store) -> PdfContent:
        messages = store.period_messages(operation["id"], since=period[0], until=period[1])
        rows = forms.build_ics214(messages, station, period=period)
        person = " ".join(part for part in (operator, station) if part)
        body = radio_print.ics214_html(operation["name"], period, person, rows)
        return PdfContent(body, "ICS 214", bool(operation["exercise"]))

    return build
