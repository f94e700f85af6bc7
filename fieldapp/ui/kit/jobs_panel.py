"""The Jobs panel: what runs in the background, with its progress and a Cancel button.

`JobsPanel(tasks)` lists the task manager's named jobs (a sync round, a tile download, a
PDF, attachments, a backup…; internal reads have no name and are not listed), one
`JobRow` each: the name, what it is doing, a progress bar (busy while the total is not
known) and Cancel. Rows come and go with the manager's `job_queued` and `job_finished`
signals and follow `job_started` and `job_progressed`. `JobsButton` is the status bar's
way in: "Jobs: 2", a click opens the panel. Compact on purpose: it must fit a 1024x600
screen in a dock. GUI thread only, like the manager's signals.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from fieldapp.core.tasks import Job, JobState
from fieldapp.ui.kit.taskman import TaskManager


class JobRow(QFrame):
    """One job: name, what it is doing, progress, Cancel."""

    cancel_clicked = Signal(object)  # Job

    def __init__(self, job: Job, parent: QWidget | None = None):
        super().__init__(parent)
        self.job = job
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.name_label = QLabel(job.name, self)
        font = self.name_label.font()
        font.setBold(True)
        self.name_label.setFont(font)
        self.name_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.detail_label = QLabel(self)
        self.detail_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.detail_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.bar = QProgressBar(self)
        self.bar.setMaximumHeight(18)
        self.cancel_button = QPushButton(self)
        self.cancel_button.clicked.connect(self._on_cancel_button_clicked)
        layout = QGridLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.setVerticalSpacing(2)
        layout.addWidget(self.name_label, 0, 0)  # two lines: name, what it does;
        layout.addWidget(self.detail_label, 0, 1, 1, 2)
        layout.addWidget(self.bar, 1, 0, 1, 2)  # then progress and Cancel
        layout.addWidget(self.cancel_button, 1, 2)
        layout.setColumnStretch(0, 3)
        layout.setColumnStretch(1, 2)
        self.update_from_job()

    @Slot()
    def _on_cancel_button_clicked(self) -> None:
        self.cancel_button.setEnabled(False)
        self.cancel_clicked.emit(self.job)
        self.update_from_job()

    def update_from_job(self) -> None:
        job = self.job
        self.name_label.setText(job.name)
        self.name_label.setToolTip(job.name)
        if job.total > 0:
            self.bar.setRange(0, job.total)
            self.bar.setValue(min(job.done, job.total))
        else:
            self.bar.setRange(0, 0)  # busy: the total is not known yet
        self.detail_label.setText(self._detail())
        self.cancel_button.setText(self.tr("Cancel"))
        self.cancel_button.setToolTip(self.tr("Stop this job"))

    def _detail(self) -> str:
        job = self.job
        if job.cancel_requested():
            return self.tr("Cancelling…")
        if job.state is JobState.QUEUED:
            return self.tr("Waiting for its turn…")
        parts = [job.text] if job.text else []
        if job.total > 0:
            parts.append(
                self.tr("%1 of %2").replace("%1", str(job.done)).replace("%2", str(job.total))
            )
        return " · ".join(parts)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.update_from_job()
        super().changeEvent(event)


class JobsPanel(QWidget):
    """The named jobs of a task manager, newest last."""

    def __init__(self, tasks: TaskManager, parent: QWidget | None = None):
        super().__init__(parent)
        self.tasks = tasks
        self.rows: dict[int, JobRow] = {}
        self.empty_label = QLabel(self)
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._list = QWidget(self)
        self._rows_layout = QVBoxLayout(self._list)
        self._rows_layout.setContentsMargins(0, 0, 0, 0)
        self._rows_layout.setSpacing(4)
        self._rows_layout.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self._list)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.empty_label)
        layout.addWidget(scroll, 1)
        self.setMinimumSize(260, 90)
        tasks.job_queued.connect(self._on_tasks_job_queued)
        tasks.job_started.connect(self._on_tasks_job_changed)
        tasks.job_progressed.connect(self._on_tasks_job_changed)
        tasks.job_finished.connect(self._on_tasks_job_finished)
        for job in tasks.listed_jobs():
            self._add(job)
        self._retranslate()
        self._show_empty()

    def _add(self, job: Job) -> None:
        row = JobRow(job, self._list)
        row.cancel_clicked.connect(self._on_row_cancel_clicked)
        self.rows[job.id] = row
        self._rows_layout.insertWidget(self._rows_layout.count() - 1, row)

    @Slot(object)
    def _on_tasks_job_queued(self, job: Job) -> None:
        if job.name and job.id not in self.rows:
            self._add(job)
            self._show_empty()

    @Slot(object)
    def _on_tasks_job_changed(self, job: Job) -> None:
        row = self.rows.get(job.id)
        if row is not None:
            row.update_from_job()

    @Slot(object)
    def _on_tasks_job_finished(self, job: Job) -> None:
        row = self.rows.pop(job.id, None)
        if row is not None:
            row.hide()
            row.deleteLater()
            self._show_empty()

    @Slot(object)
    def _on_row_cancel_clicked(self, job: Job) -> None:
        self.tasks.cancel(job)

    def _show_empty(self) -> None:
        self.empty_label.setVisible(not self.rows)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self.empty_label.setText(self.tr("Nothing is running in the background."))


class JobsButton(QToolButton):
    """The status bar's count of running jobs; a click asks for the Jobs panel."""

    def __init__(self, tasks: TaskManager, parent: QWidget | None = None):
        super().__init__(parent)
        self.tasks = tasks
        self.setAutoRaise(True)
        for signal in (tasks.job_queued, tasks.job_finished):
            signal.connect(self._on_tasks_jobs_changed)
        self._retranslate()

    @Slot(object)
    def _on_tasks_jobs_changed(self, _job: Job) -> None:
        self._retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        count = len(self.tasks.listed_jobs())
        self.setText(self.tr("Jobs: %1").replace("%1", str(count)))
        self.setToolTip(self.tr("Work running in the background: click to see or cancel it"))
