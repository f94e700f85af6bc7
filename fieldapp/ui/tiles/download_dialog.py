"""The "Download map area" dialog: the form, then a download with progress, pause,
resume and cancel, then a summary in words.

The download is a job of the application's task manager (network lane, listed in the
Jobs panel, whose Cancel stops it too) over fieldapp.tiles.seed() (ui/tiles/jobs.py),
which resumes a set: starting again with the same name and area fetches only what is
missing. Pause and resume go to the job's SeedControl. Closing while a download runs
asks first, then cancels and closes once the job has ended; `shutdown()` cancels it for
the main window's exit (the manager waits for it, with a bound). GUI thread only.
"""

from __future__ import annotations

import contextlib
from functools import partial
from pathlib import Path

from PySide6.QtCore import QEvent, QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLayout,
    QMessageBox,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fieldapp.core.settings import Settings
from fieldapp.core.tasks import Job
from fieldapp.tiles import SeedControl, SeedOptions, SeedPlan, SeedProgress, SeedSummary, TileError
from fieldapp.ui.kit.forms import ERROR_STYLE
from fieldapp.ui.kit.taskman import Lane, TaskManager, error_words
from fieldapp.ui.tiles import texts as tile_texts
from fieldapp.ui.tiles.area_form import TileAreaForm
from fieldapp.ui.tiles.jobs import download_area

PAUSE_POLL_MS = 100


class TileDownloadDialog(QDialog):
    """Download an area of tiles into a tile set; `bbox` pre-fills the area (W, S, E, N)."""

    download_finished = Signal(object)  # SeedSummary: a tile set was added or grew

    def __init__(
        self,
        data_dir: Path,
        settings: Settings,
        tasks: TaskManager,
        *,
        bbox: tuple[float, float, float, float] | None = None,
        options: SeedOptions | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.data_dir = Path(data_dir)
        self.settings = settings
        self.tasks = tasks
        self.options = options
        self.job: Job | None = None  # the running download
        self.control: SeedControl | None = None  # its pause, resume and cancel
        self.summary: SeedSummary | None = None
        self._close_when_stopped = False
        self.last_progress: SeedProgress | None = None
        self.form = TileAreaForm(self.data_dir, self)
        self.form.set_values(url=settings.tile_url or "", bbox=bbox)
        self.form.changed.connect(self._on_form_changed)
        self._build()
        self._pause_timer = QTimer(self)
        self._pause_timer.setInterval(PAUSE_POLL_MS)
        self._pause_timer.timeout.connect(self._on_pause_timer_timeout)
        self._retranslate()
        self._set_running(False)

    def _build(self) -> None:
        self.progress_bar = QProgressBar(self)
        self.status_label = QLabel(self)
        self.status_label.setWordWrap(True)
        self.summary_view = QPlainTextEdit(self)
        self.summary_view.setReadOnly(True)
        self.summary_view.setMinimumHeight(110)
        self.summary_view.hide()
        self.start_button = QPushButton(self)
        self.start_button.setDefault(True)
        self.pause_button = QPushButton(self)
        self.cancel_button = QPushButton(self)
        self.close_button = QPushButton(self)
        self.start_button.clicked.connect(self._on_start_button_clicked)
        self.pause_button.clicked.connect(self._on_pause_button_clicked)
        self.cancel_button.clicked.connect(self._on_cancel_button_clicked)
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.pause_button)
        buttons.addWidget(self.cancel_button)
        buttons.addStretch(1)
        buttons.addWidget(self.start_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addWidget(self.progress_bar)
        layout.addWidget(self.status_label)
        layout.addWidget(self.summary_view, 1)
        layout.addLayout(buttons)
        # Grow, never squash, when messages appear under the fields.
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        self.resize(660, self.sizeHint().height())

    def is_running(self) -> bool:
        return self.job is not None

    # -- starting ----------------------------------------------------------------------

    @Slot()
    def _on_start_button_clicked(self) -> None:
        if self.job is not None:
            return
        request = self.form.request()
        if request is None:
            self._say(self.tr("Nothing was started: correct what is marked in red."), True)
            self._fit()
            return
        self._remember_url(request.url)
        self.summary = None
        self.summary_view.hide()
        self.progress_bar.setRange(0, 0)  # busy until the plan gives the total
        self._say(self.tr("Counting the tiles already in the set…"))
        self.control = SeedControl()
        self._set_running(True)
        self.job = self.tasks.submit(
            partial(download_area, request, self.options or SeedOptions(), self.control),
            lane=Lane.NETWORK,
            name=self.tr("Map tiles: %1").replace("%1", request.name),
            on_progress=self._on_job_progressed,
            on_done=self._on_worker_seeded,
            on_failed=self._on_worker_failed,
            on_cancelled=self._on_job_cancelled,
            owner=self,
        )

    def _remember_url(self, url: str) -> None:
        if self.settings.tile_url == url:
            return
        self.settings.tile_url = url
        # A failure loses only the convenience of a pre-filled address next time.
        with contextlib.suppress(OSError):
            self.settings.save(self.data_dir)

    @Slot()
    def _on_form_changed(self) -> None:
        if self.job is None and self.summary is None:
            self._say(self._intro())
        self._fit()

    def _fit(self) -> None:
        """Grow to show every message under the fields (wrapped labels need the width)."""
        layout = self.layout()
        assert layout is not None  # set in __init__
        layout.activate()
        height = max(layout.totalHeightForWidth(self.width()), layout.totalMinimumSize().height())
        if height > self.height():
            self.resize(self.width(), height)

    # -- while it runs -----------------------------------------------------------------

    def _on_job_progressed(self, _job: Job, data: object) -> None:
        if isinstance(data, SeedPlan):
            self._on_worker_planned(data)
        elif isinstance(data, SeedProgress):
            self._on_worker_progressed(data)

    def _paused(self) -> bool:
        return self.control is not None and self.control.paused

    def _pausing(self) -> bool:
        """Paused, but some requests are still in hand."""
        return self._paused() and self.control is not None and self.control.busy > 0

    def _on_worker_planned(self, plan: SeedPlan) -> None:
        self.progress_bar.setRange(0, max(1, plan.total))
        self.progress_bar.setValue(plan.present)
        self._say(tile_texts.plan_text(plan))
        self._fit()

    def _on_worker_progressed(self, progress: SeedProgress) -> None:
        self.progress_bar.setRange(0, max(1, progress.total))
        self.progress_bar.setValue(progress.done)
        self.last_progress = progress
        if self._paused():
            return  # the paused line stays until resume
        self._say(tile_texts.progress_text(progress))

    @Slot()
    def _on_pause_button_clicked(self) -> None:
        control = self.control
        if control is None:
            return
        if control.paused:
            control.resume()
            self._pause_timer.stop()
            self.pause_button.setText(self.tr("&Pause"))
            self._say(self.tr("Resuming…"))
            return
        control.pause()
        self.pause_button.setText(self.tr("&Resume"))
        self._say(self.tr("Pausing: finishing the requests in progress…"))
        self._pause_timer.start()

    @Slot()
    def _on_pause_timer_timeout(self) -> None:
        if not self._paused():
            self._pause_timer.stop()
        elif not self._pausing():
            self._pause_timer.stop()
            self._say(self.tr("Paused. No request is being made; Resume goes on."))

    def is_paused(self) -> bool:
        """Paused and quiet: no request in hand."""
        return self._paused() and not self._pausing()

    @Slot()
    def _on_cancel_button_clicked(self) -> None:
        self._cancel()

    def _cancel(self) -> None:
        if self.job is None:
            return
        self.job.cancel()
        self._pause_timer.stop()
        self.pause_button.setEnabled(False)
        self.cancel_button.setEnabled(False)
        self._say(self.tr("Cancelling: keeping the tiles already received…"))

    # -- the end -----------------------------------------------------------------------

    def _on_worker_seeded(self, summary: SeedSummary) -> None:
        self.summary = summary
        self._end_worker()
        self.progress_bar.setRange(0, max(1, summary.planned))
        done = summary.stored + summary.skipped + summary.missing + summary.failed
        self.progress_bar.setValue(min(summary.planned, done + summary.invalid))
        self.summary_view.setPlainText(tile_texts.summary_text(summary))
        self.summary_view.show()
        self._fit()
        self._say(tile_texts.summary_text(summary).splitlines()[0], not summary.complete)
        self.download_finished.emit(summary)
        self._close_if_asked()

    def _on_worker_failed(self, error: Exception) -> None:
        self._end_worker()
        message = str(error) if isinstance(error, TileError) else _unexpected(error)
        self.progress_bar.setRange(0, 1)
        self.progress_bar.setValue(0)
        self._say(self.tr("The download could not start: %1").replace("%1", message), True)
        self._close_if_asked()

    def _on_job_cancelled(self) -> None:
        """Cancelled before it started (it waited behind other network jobs)."""
        self._end_worker()
        self.progress_bar.setRange(0, 1)
        self.progress_bar.setValue(0)
        self._say(self.tr("The download was cancelled before it started."))
        self._close_if_asked()

    def _end_worker(self) -> None:
        self.job = self.control = None
        self._pause_timer.stop()
        self._set_running(False)

    def _close_if_asked(self) -> None:
        if self._close_when_stopped:
            self._close_when_stopped = False
            super().reject()

    # -- closing -----------------------------------------------------------------------

    def reject(self) -> None:
        """Esc, the window's close button, Close: while running, ask, then cancel."""
        if self.job is None:
            super().reject()
            return
        if self._close_when_stopped or self.confirm_stop():
            self._close_when_stopped = True
            self._cancel()

    def confirm_stop(self) -> bool:
        """Ask whether to stop the running download (closing the dialog or the app)."""
        answer = QMessageBox.question(
            self,
            self.tr("Stop the download?"),
            self.tr(
                "A download is running. Stop it and close? The tiles already received are "
                "kept; downloading the same area into the same tile set later resumes it."
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def shutdown(self) -> None:
        """Cancel the download (the app is quitting; the task manager waits for it)."""
        job, self.job = self.job, None
        if job is not None:
            job.cancel()

    # -- display -----------------------------------------------------------------------

    def _set_running(self, running: bool) -> None:
        self.form.setEnabled(not running)
        self.progress_bar.setVisible(running or self.summary is not None)
        self.start_button.setVisible(not running)
        self.pause_button.setVisible(running)
        self.cancel_button.setVisible(running)
        self.pause_button.setEnabled(running)
        self.cancel_button.setEnabled(running)
        self.pause_button.setText(self.tr("&Pause"))
        self.close_button.setText(self.tr("&Close"))
        self.start_button.setText(
            self.tr("&Download again") if self.summary else self.tr("&Download")
        )

    def _say(self, text: str, problem: bool = False) -> None:
        self.status_label.setStyleSheet(ERROR_STYLE if problem else "")
        self.status_label.setText(text)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self.setWindowTitle(self.tr("Download map area"))
        self.cancel_button.setText(self.tr("Cance&l download"))
        self._set_running(self.job is not None)
        if self._paused():
            self.pause_button.setText(self.tr("&Resume"))
        if self.job is None and self.summary is None:
            self._say(self._intro())

    def _intro(self) -> str:
        return self.tr(
            "The tiles go into a tile set that the map can show with no network. "
            "Starting again with the same name and area fetches only what is missing."
        )


def _unexpected(error: Exception) -> str:
    """Disk full, a damaged set: said in words with the kind of trouble, never lost."""
    return f"{type(error).__name__}: {error_words(error)}"
