"""Reset and replay, from the exercise desk: the confirmation that says what will be
archived and cleared (counts) and where the archive goes (the default path shown, another
one chosen), the progress of the reset with Cancel, and the archived runs (number, ended,
injects answered).

`ResetFlow` runs it all: it reads what a reset would do (reads lane: jobs.reset_preview),
asks (`ResetDialog`, window-modal, opened with `open()`), then runs the reset as a named
job in the writes lane (jobs.reset_run), listed in the Jobs panel, with a progress
dialog whose Cancel stops it before it commits. The archive is a backup file of the
whole database (exercises/runs.reset). GUI thread only.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressDialog,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fieldapp.core.tasks import Job
from fieldapp.ui.exercises import jobs
from fieldapp.ui.kit import dates
from fieldapp.ui.kit.forms import ERROR_STYLE
from fieldapp.ui.kit.rows_model import RowsModel
from fieldapp.ui.kit.taskman import Lane, TaskManager, error_words

translate = QCoreApplication.translate


def cleared_labels() -> dict[str, str]:
    """The players' records a reset clears (exercises/runs.PLAYERS_DATA), in words."""
    return {
        "report": translate("Exercises", "Reports"),
        "attachment": translate("Exercises", "Attachments"),
        "feature": translate("Exercises", "Map features"),
        "radio_message": translate("Exercises", "Radio messages"),
        "radio_hop": translate("Exercises", "Radio relay hops"),
        "item": translate("Exercises", "Posts in the monitoring queue"),
        "alert": translate("Exercises", "Official alerts"),
        "public_message": translate("Exercises", "Public messages"),
        "relay": translate("Exercises", "Relays"),
        "rumour": translate("Exercises", "Rumours"),
        "rumour_link": translate("Exercises", "Links to rumours"),
        "observer_note": translate("Exercises", "Observers' notes"),
        "read_receipt": translate("Exercises", "Read receipts"),
    }


class ResetDialog(QDialog):
    """What a reset will archive and clear, and where the archive goes."""

    def __init__(self, preview: jobs.ResetPreview, name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.preview, self.name = preview, name
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.path_label = QLabel(self)
        self.path_edit = QLineEdit(str(preview.archive), self)
        self.path_label.setBuddy(self.path_edit)
        self.browse_button = QPushButton(self)
        self.browse_button.clicked.connect(self._on_browse_clicked)
        self.error = QLabel(self)
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.hide()
        self.buttons = QDialogButtonBox(self)
        self.reset_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setDefault(True)  # Enter never clears a run by accident
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        path = QHBoxLayout()
        path.addWidget(self.path_edit, 1)
        path.addWidget(self.browse_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.path_label)
        layout.addLayout(path)
        layout.addWidget(self.error)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.resize(640, 420)
        self.retranslate()

    def archive(self) -> Path:
        return Path(self.path_edit.text().strip()).expanduser()

    @Slot()
    def accept(self) -> None:
        text = self.path_edit.text().strip()
        if not text or self.archive().is_dir():
            self.error.setText(self.tr("Name the archive file (a .db file)."))
            self.error.show()
            return
        super().accept()

    @Slot()
    def _on_browse_clicked(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Archive of the run"),
            self.path_edit.text(),
            self.tr("FieldApp backups (*.db);;All files (*)"),
        )
        if name:
            self.path_edit.setText(name)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        preview = self.preview
        self.setWindowTitle(self.tr("EXERCISE") + " — " + self.tr("Reset and replay"))
        labels = cleared_labels()
        lines = [
            f"  • {labels.get(entity, entity)}: {count}"
            for entity, count in preview.cleared.items()
        ] or ["  • " + self.tr("nothing: no player has written anything yet")]
        text = (
            self.tr(
                "Run %1 of the exercise %2 will be archived: a backup of the whole database,"
                " then a record of its response times and observers' notes."
            )
            .replace("%1", str(preview.run))
            .replace("%2", self.name)
        )
        text += "\n\n" + self.tr("Then the players' data is cleared, on every device:")
        text += "\n" + "\n".join(lines)
        text += "\n\n" + self.tr(
            "%1 inject(s) released or skipped go back to pending, the clock to T+00:00,"
            " stopped, and the desk shows run %2. The scenario, the after-action entries"
            " and the archived runs stay."
        ).replace("%1", str(preview.injects)).replace("%2", str(preview.run + 1))
        self.summary.setText(text)
        self.path_label.setText(self.tr("&Archive file:"))
        self.browse_button.setText(self.tr("&Browse…"))
        self.reset_button.setText(self.tr("&Reset and replay"))


class RunsModel(RowsModel):
    """The archived runs of the exercise (exercise_run records)."""

    def headers(self) -> list[str]:
        return [self.tr("Run"), self.tr("Ended"), self.tr("Injects answered"), self.tr("Archive")]

    def cell(self, row: Any, column: int) -> str:
        if column == 0:
            return str(row["number"])
        if column == 1:
            return dates.list_time(row["ended_at"])
        if column == 2:
            responses = row["summary"].get("responses", [])
            answered = sum(1 for r in responses if r.get("seconds") is not None)
            return (
                self.tr("%1 of %2").replace("%1", str(answered)).replace("%2", str(len(responses)))
            )
        return str(row["archive"])

    def row_id(self, row: Any) -> str:
        return str(row["id"])


class ResetFlow(QObject):
    """Reset and replay for one exercise: preview, confirmation, the job and its end."""

    finished = Signal(object)  # runs.ResetDone
    failed = Signal(str)

    def __init__(self, tasks: TaskManager, parent: QWidget):
        super().__init__(parent)
        self.tasks, self.parent_widget = tasks, parent
        self.dialog: ResetDialog | None = None
        self.progress: QProgressDialog | None = None
        self.job: Job | None = None

    def start(self, operation: Any) -> None:
        """Read what the reset would do, then ask."""
        self.tasks.submit(
            partial(jobs.reset_preview, operation["id"]),
            on_done=partial(self._ask, operation),
            on_failed=self._on_failed,
            owner=self,
        )

    def _ask(self, operation: Any, preview: jobs.ResetPreview) -> None:
        self.dialog = ResetDialog(preview, operation["name"], self.parent_widget)
        self.dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog.accepted.connect(partial(self._on_accepted, operation["id"], self.dialog))
        self.dialog.open()

    def _on_accepted(self, operation_id: str, dialog: ResetDialog) -> None:
        archive = dialog.archive()
        self.dialog = None
        self.progress = QProgressDialog(self.parent_widget)
        self.progress.setWindowTitle(self.tr("EXERCISE") + " — " + self.tr("Reset and replay"))
        self.progress.setLabelText(self.tr("Archiving the run and clearing the players' data…"))
        self.progress.setCancelButtonText(self.tr("Cancel"))
        self.progress.setAutoClose(False)
        self.progress.setAutoReset(False)
        self.progress.setRange(0, 0)
        self.progress.setMinimumDuration(0)
        self.job = self.tasks.submit(
            partial(jobs.reset_run, operation_id, archive),
            lane=Lane.WRITES,
            name=self.tr("Reset of the exercise"),
            on_done=self._on_done,
            on_failed=self._on_failed,
            on_cancelled=self._on_cancelled,
            on_progress=self._on_progress,
            owner=self,
        )
        self.progress.canceled.connect(self.job.cancel)
        self.progress.show()

    def _on_progress(self, job: Job, _data: object) -> None:
        if self.progress is not None and job.total:
            self.progress.setRange(0, job.total)
            self.progress.setValue(job.done)

    def _on_done(self, done: Any) -> None:
        self._close_progress()
        self.finished.emit(done)

    def _on_failed(self, error: Exception) -> None:
        self._close_progress()
        self.failed.emit(
            self.tr("The reset failed, nothing was cleared: %1").replace("%1", error_words(error))
        )

    def _on_cancelled(self) -> None:
        self._close_progress()
        self.failed.emit(
            self.tr("Reset cancelled: nothing was cleared (the archive file may remain).")
        )

    def _close_progress(self) -> None:
        if self.progress is not None:
            self.progress.close()
            self.progress.deleteLater()
            self.progress = None
        self.job = None
