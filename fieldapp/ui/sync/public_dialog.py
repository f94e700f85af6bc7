"""Operation ▸ Open to the public…: a coordinator switches the operation's public form on
or off, with its title, short text, languages, end date and retention, and gets its
address (selectable, with Copy), its QR code and a poster to print or post.

Every call to the server is a job of the network lane (public_jobs.py) and its answer
comes back here; while one runs the buttons wait and the status says so, and a refusal
or an unreachable server is said in a sentence, with nothing changed. The poster is a
job of the files lane (listed in the Jobs panel). In an exercise the EXERCISE banner
heads the dialog. Fits 1024x600. GUI thread only.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QEvent, QLocale, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QGuiApplication, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fieldapp.core.record_types import Operation
from fieldapp.sync.client.public import poster_words
from fieldapp.ui.kit.banner import mark_exercise
from fieldapp.ui.kit.screen import fit_to_screen
from fieldapp.ui.kit.taskman import Lane, TaskManager
from fieldapp.ui.sync import public_jobs
from fieldapp.ui.sync.public_jobs import FormView, Poster
from fieldapp.ui.sync.public_settings import PublicSettings
from fieldapp.ui.sync.texts import list_time_text, sync_error_text, translate

QR_SIDE = 200
POSTER_TYPES = {".pdf", ".png", ".svg"}


def public_error_text(error: BaseException) -> str:
    """A failed call of the public form's API as a sentence, the server's words after."""
    code = getattr(error, "code", "")
    sentences = {
        "forbidden": translate(
            "PublicForm",
            "The server does not let your role open this operation to the public: ask a"
            " coordinator of the operation.",
        ),
        "no_operation": translate(
            "PublicForm",
            "The server does not hold this operation yet: sync this laptop, then try again.",
        ),
        "no_submission": translate("PublicForm", "This post did not come by the public form."),
        "refused": translate("PublicForm", "The server refused: %1").replace("%1", str(error)),
    }
    if code in sentences:
        return sentences[code] if code == "refused" else f"{sentences[code]} ({error})"
    return sync_error_text(error)


def qr_pixmap(svg: bytes, side: int) -> QPixmap:
    """The QR code's SVG drawn on a white square of `side` pixels."""
    pixmap = QPixmap(side, side)
    pixmap.fill(QColor("#ffffff"))
    if svg:
        painter = QPainter(pixmap)
        QSvgRenderer(QByteArray(svg)).render(painter, QRectF(0, 0, side, side))
        painter.end()
    return pixmap


class PublicFormDialog(QDialog):
    """One operation's public form; `refresh()` asks the server for its state."""

    form_changed = Signal(object)  # the FormView the server answered with
    problem_shown = Signal(str)  # a refusal or a failure, in words

    def __init__(self, tasks: TaskManager, operation: Operation, parent: QWidget | None = None):
        super().__init__(parent)
        self.tasks, self.operation = tasks, operation
        self.view = FormView()
        self.busy = False
        self._key = f"public-form-{id(self)}"
        language = QLocale().name().split("_")[0]
        self.settings = PublicSettings(operation["name"], language, self)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.problem = QLabel(self)
        self.problem.setWordWrap(True)
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.problem.setStyleSheet("color: #5f2120; background: #fdecea; padding: 4px")
        self.problem.hide()
        self.address = QLineEdit(self)
        self.address.setReadOnly(True)
        self.copy_button = QPushButton(self)
        self.qr = QLabel(self)
        self.qr.setFixedSize(QR_SIDE, QR_SIDE)
        self.poster_button = QPushButton(self)
        self.open_button = QPushButton(self)
        self.close_form_button = QPushButton(self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self._build()
        self.banner = mark_exercise(self, bool(operation["exercise"]))
        self._connect()
        self.retranslate()
        self._show(FormView())
        fit_to_screen(self, 900, 560)

    def _build(self) -> None:
        side = QWidget(self)
        right = QGridLayout(side)
        right.setContentsMargins(0, 0, 0, 0)
        right.addWidget(self.address, 0, 0)
        right.addWidget(self.copy_button, 0, 1)
        right.addWidget(self.qr, 1, 0, 1, 2, Qt.AlignmentFlag.AlignHCenter)
        right.addWidget(self.poster_button, 2, 0, 1, 2)
        right.setRowStretch(3, 1)
        columns = QHBoxLayout()
        columns.addWidget(self.settings, 3)
        columns.addWidget(side, 2)
        actions = QHBoxLayout()
        actions.addWidget(self.open_button)
        actions.addWidget(self.close_form_button)
        actions.addStretch(1)
        actions.addWidget(self.buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addLayout(columns, 1)
        layout.addWidget(self.problem)
        layout.addLayout(actions)

    def _connect(self) -> None:
        self.buttons.rejected.connect(self.reject)
        self.copy_button.clicked.connect(self.copy_address)
        self.poster_button.clicked.connect(self.ask_poster)
        self.open_button.clicked.connect(partial(self.switch, True))
        self.close_form_button.clicked.connect(partial(self.switch, False))

    # -- the server ---------------------------------------------------------------------

    def refresh(self) -> None:
        """Ask the server for the form's state (network lane)."""
        self._submit(partial(public_jobs.read_form, self.operation["id"]), load=True)

    def switch(self, is_open: bool) -> None:
        """Open the form with the settings shown (or save them while open), or close it."""
        try:
            settings = self.settings.values() if is_open else {}
        except ValueError as exc:
            self.show_problem(str(exc))
            return
        job = partial(public_jobs.set_form, self.operation["id"], is_open, settings)
        self._submit(job, load=False)

    def _submit(self, job: Any, load: bool) -> None:
        self._set_busy(True)
        self.tasks.submit(
            job,
            lane=Lane.NETWORK,
            key=self._key,
            on_done=partial(self._on_answer, load),
            on_failed=self._on_failed,
            owner=self,
        )

    def _on_answer(self, load: bool, view: FormView) -> None:
        self._set_busy(False)
        self.problem.hide()
        if load:
            self.settings.load(view.state)
        self._show(view)
        self.form_changed.emit(view)

    def _on_failed(self, error: Exception) -> None:
        self._set_busy(False)
        self.show_problem(public_error_text(error))
        self._show(self.view)

    def show_problem(self, words: str) -> None:
        self.problem.setText(words)
        self.problem.show()
        self.problem_shown.emit(words)

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        for button in (self.open_button, self.close_form_button):
            button.setEnabled(not busy)
        if busy:
            self.status.setText(self.tr("Asking the server…"))

    # -- what it shows ------------------------------------------------------------------

    def _show(self, view: FormView) -> None:
        self.view = view
        self.address.setText(view.address)
        self.copy_button.setEnabled(bool(view.address))
        self.poster_button.setEnabled(bool(view.address))
        self.qr.setPixmap(qr_pixmap(view.qr, QR_SIDE))
        self.qr.setAccessibleName(
            self.tr("QR code of %1").replace("%1", view.address) if view.address else ""
        )
        self.open_button.setText(
            self.tr("&Save and keep open") if view.opened else self.tr("&Open to the public")
        )
        self.close_form_button.setVisible(bool(view.state.get("switched_on")))
        if not self.busy:
            self.status.setText(self.status_words(view))

    def status_words(self, view: FormView) -> str:
        state = view.state
        if not state:
            return ""
        if not state.get("code"):
            return self.tr("This operation is not open to the public.")
        counts = self.tr("%1 reports received, %2 refused.")
        refused = sum(int(n) for n in (state.get("refused") or {}).values())
        counts = counts.replace("%1", str(state.get("submissions", 0))).replace("%2", str(refused))
        if state.get("open"):
            opened = self.tr("The form is open to the public.")
            if state.get("until"):
                opened = self.tr("The form is open to the public until %1.").replace(
                    "%1", list_time_text(state["until"])
                )
            return opened + " " + counts
        if state.get("switched_on"):
            return self.tr("The form's end date is past: it takes no more reports.") + " " + counts
        return self.tr("The form is closed; its address stays the same.") + " " + counts

    def copy_address(self) -> None:
        QGuiApplication.clipboard().setText(self.address.text())
        self.status.setText(self.tr("Address copied."))

    # -- the poster ---------------------------------------------------------------------

    def ask_poster(self) -> None:
        chosen, kind = QFileDialog.getSaveFileName(
            self,
            self.tr("Save poster"),
            f"poster-{self.view.state.get('code', '')}.pdf",
            self.tr("PDF poster (*.pdf);;QR code as PNG (*.png);;QR code as SVG (*.svg)"),
        )
        if chosen:
            path = Path(chosen)
            if path.suffix.lower() not in POSTER_TYPES:
                path = path.with_name(path.name + kind.rsplit("*", 1)[-1].rstrip(")"))
            self.save_poster(path)

    def save_poster(self, path: Path) -> None:
        """Write the poster (PDF) or the QR code alone (PNG, SVG) as a job (files lane)."""
        state = self.view.state
        language = (state.get("languages") or ["en"])[0]
        words = poster_words(language, bool(self.operation["exercise"]))
        poster = Poster(str(state.get("title") or ""), str(state.get("text") or ""),
                        self.view.address, words["exercise"], words["scan"])  # fmt: skip
        self.tasks.submit(
            partial(public_jobs.write_poster_job, poster, path, self.tasks.data_dir),
            lane=Lane.FILES,
            name=self.tr("Poster of the public form"),
            on_done=self._on_poster_saved,
            on_failed=lambda error: self.show_problem(
                self.tr("The poster was not saved: %1").replace("%1", str(error))
            ),
            owner=self,
        )

    def _on_poster_saved(self, path: Path) -> None:
        self.status.setText(self.tr("Saved %1.").replace("%1", str(path)))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(
            self.tr("Open to the public — %1").replace("%1", self.operation["name"])
        )
        self.copy_button.setText(self.tr("Cop&y"))
        self.copy_button.setToolTip(self.tr("Copy the form's address"))
        self.address.setAccessibleName(self.tr("The form's address"))
        self.address.setPlaceholderText(self.tr("The address comes once the form is opened"))
        self.poster_button.setText(self.tr("Save poste&r…"))
        self.close_form_button.setText(self.tr("Close the &form"))
        self._show(self.view)
