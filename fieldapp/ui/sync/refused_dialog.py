"""The changes the server refused for good, and *Undo my change* for each record.

Opened from the sync panel when some are waiting ("Refused changes: 2"). A table lists
each record (its kind and title), the fields changed, the server's reason in words and
when it refused; *Undo my change* asks first (saying that this device's unsent changes
to that record are dropped, or the record removed if the server never took it), then
takes the server's version back as a job of the sync runner (the network lane), and the
list reads again. Reads are cheap queries on the GUI thread's Store. Fits 1024x600.
GUI thread only.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from fieldapp.store import Store
from fieldapp.sync.client.refused import RefusedChange, refused_changes
from fieldapp.ui.kit.forms import STATUS_ERROR_STYLE
from fieldapp.ui.kit.questions import confirm
from fieldapp.ui.kit.rows_model import RowsModel
from fieldapp.ui.sync.record_display import type_label
from fieldapp.ui.sync.texts import list_time_text
from fieldapp.ui.sync.worker import SyncRunner

translate = QCoreApplication.translate


def reason_words(reason: str) -> str:
    """The server's reason in the window's language where it is a known rule."""
    known = {
        "edits only the records it created": translate(
            "Refused", "only the person who created it, or a coordinator, may change it"
        ),
        "only a coordinator verifies a report": translate(
            "Refused", "only a coordinator verifies a report"
        ),
        "only a coordinator approves a public message": translate(
            "Refused", "only a coordinator approves a public message"
        ),
        "cannot write a": translate("Refused", "this role may not write this kind of record"),
        "may not see that operation": translate(
            "Refused", "this device may not see that operation any more"
        ),
    }
    return next((words for key, words in known.items() if key in reason), reason)


class RefusedModel(RowsModel):
    def headers(self) -> list[str]:
        return [self.tr("Record"), self.tr("Changed"), self.tr("Why"), self.tr("Refused at")]

    def cell(self, row: Any, column: int) -> str:
        change: RefusedChange = row
        if column == 0:
            title = change.title or self.tr("(removed here)")
            return f"{type_label(change.entity)}: {title}"
        if column == 1:
            return ", ".join(change.fields)
        if column == 2:
            return reason_words(change.reason)
        return list_time_text(change.at)

    def row_id(self, row: Any) -> str:
        return f"{row.entity}/{row.row_id}"


class RefusedDialog(QDialog):
    """The records whose changes the server refused; undo them one at a time."""

    def __init__(self, store: Store, runner: SyncRunner, parent: QWidget | None = None):
        super().__init__(parent)
        self.store, self.runner = store, runner
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.model = RefusedModel(self)
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.problem = QLabel(self)
        self.problem.setWordWrap(True)
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.problem.setStyleSheet(STATUS_ERROR_STYLE)
        self.problem.hide()
        self.undo_button = QPushButton(self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.addButton(self.undo_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (self.intro, self.view, self.problem, self.buttons):
            layout.addWidget(widget)
        self.undo_button.clicked.connect(self._on_undo_button_clicked)
        runner.undo_finished.connect(self._on_runner_undo_finished)
        self.view.selectionModel().selectionChanged.connect(self._enable)
        self._retranslate()
        self.resize(900, 420)
        self.refresh()

    def refresh(self) -> None:
        self.model.set_rows(refused_changes(self.store.conn))
        if self.model.rowCount() and not self.view.currentIndex().isValid():
            self.view.selectRow(0)
        self._enable()

    def chosen(self) -> RefusedChange | None:
        index = self.view.currentIndex()
        return self.model.rows[index.row()] if index.isValid() else None

    @Slot()
    def _enable(self, *_args: object) -> None:
        self.undo_button.setEnabled(self.chosen() is not None and not self.runner.is_busy())

    @Slot()
    def _on_undo_button_clicked(self) -> None:
        change = self.chosen()
        if change is None:
            return
        question = self.tr(
            "Take the server's version of “%1” back? Your changes to it that are not on the"
            " server are dropped from this computer (its history keeps them). If the server"
            " never took this record, it is removed from this computer."
        ).replace("%1", change.title or change.row_id)
        if not confirm(self, self.tr("Undo my change"), question):
            return
        self.problem.hide()
        if self.runner.undo(change.entity, change.row_id):
            self.undo_button.setEnabled(False)

    @Slot(bool, str)
    def _on_runner_undo_finished(self, ok: bool, words: str) -> None:
        if not ok:
            self.problem.setText(self.tr("Not undone: %1").replace("%1", words))
            self.problem.show()
        self.refresh()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self.setWindowTitle(self.tr("Changes the server refused"))
        self.intro.setText(
            self.tr(
                "The server refused these changes for good: they stay on this computer and"
                " keep it from being fully synchronised. Undo my change takes the server's"
                " version of the record back."
            )
        )
        self.undo_button.setText(self.tr("&Undo my change"))
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 3)
