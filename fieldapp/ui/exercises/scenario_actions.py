"""The exercise desk's Scenario menu: a new inject on the fly, the chosen inject edited
(read-only once released or skipped) or deleted, a scenario file imported or exported,
and reset and replay.

One inject is written on the GUI thread (one small transaction, like Release and Skip);
a file is read or written as a named job of the files lane (listed in the Jobs panel), a
reset in the writes lane (replay.ResetFlow). A refused file says its row and column and
nothing is imported. The desk gives what it knows (store, task manager, operation, what
it read, the chosen inject) and shows what comes back. GUI thread only.
"""

from __future__ import annotations

import re
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog

from fieldapp.core.errors import NotFoundError, ValidationError
from fieldapp.core.times import utc_now
from fieldapp.exercises.msel import MselError
from fieldapp.ui.exercises import jobs
from fieldapp.ui.exercises.inject_dialog import InjectDialog
from fieldapp.ui.exercises.replay import ResetFlow
from fieldapp.ui.kit.questions import confirm
from fieldapp.ui.kit.taskman import Lane, error_words

if TYPE_CHECKING:
    from fieldapp.ui.exercises.desk import ExerciseDesk

XLSX_FILTER = "*.xlsx"


class ScenarioActions(QObject):
    """The actions of the Scenario menu, and what they do."""

    def __init__(self, desk: ExerciseDesk):
        super().__init__(desk)
        self.desk = desk
        self.inject_dialog: InjectDialog | None = None
        self.reset_flow = ResetFlow(desk.tasks, desk)
        self.reset_flow.finished.connect(self._on_reset_done)
        self.reset_flow.failed.connect(desk.show_problem)
        self.new_action = self._action(self.new_inject, QKeySequence("Ctrl+N"))
        self.edit_action = self._action(self.edit_inject)
        self.delete_action = self._action(
            self.delete_inject, QKeySequence(QKeySequence.StandardKey.Delete)
        )
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        desk.view.addAction(self.delete_action)  # Delete in the note box deletes text only
        self.import_action = self._action(self.ask_import)
        self.export_action = self._action(self.ask_export)
        self.reset_action = self._action(self.ask_reset)
        desk.view.activated.connect(self.edit_inject)  # Enter, or a double click
        self.retranslate()

    def _action(self, slot: Any, keys: QKeySequence | None = None) -> QAction:
        action = QAction(self.desk)
        if keys is not None:
            action.setShortcut(keys)
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def actions(self) -> list[QAction | None]:
        """The menu, in order (None: a separator)."""
        return [
            self.new_action,
            self.edit_action,
            self.delete_action,
            None,
            self.import_action,
            self.export_action,
            None,
            self.reset_action,
        ]

    def set_enabled(self, leads: bool, has_operation: bool) -> None:
        """Only those who lead an exercise change its scenario."""
        for action in self.actions():
            if action is not None:
                action.setEnabled(leads and has_operation)

    # -- one inject ---------------------------------------------------------------------------

    @Slot()
    def new_inject(self) -> InjectDialog | None:
        desk = self.desk
        if desk.operation is None:
            return None
        operation_id = desk.operation["id"]
        proposal = {
            "number": next_number([str(i["number"]) for i in desk.data.injects]),
            "at_s": desk.data.clock.seconds(utc_now()) if desk.data.clock else 0,
            "channel": "social",
        }
        return self._open(partial(desk.store.injects.add, operation_id), proposal, new=True)

    @Slot()
    def edit_inject(self, *_args: object) -> InjectDialog | None:
        inject = self.desk.chosen_inject()
        if inject is None:
            return None
        save = partial(self.desk.store.injects.edit, inject["id"])
        return self._open(save if inject["status"] == "pending" else None, inject)

    def _open(self, save: Any, values: Any, *, new: bool = False) -> InjectDialog:
        if self.inject_dialog is not None:
            self.inject_dialog.close()
        dialog = InjectDialog(self.desk, save, values, new=new)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(self._on_saved)
        dialog.destroyed.connect(self._forget_dialog)
        self.inject_dialog = dialog
        dialog.open()
        return dialog

    def _forget_dialog(self, *_args: object) -> None:
        self.inject_dialog = None

    def _on_saved(self, inject: Any) -> None:
        self.desk.show_problem("")
        self.desk.statusBar().showMessage(
            self.tr("Inject %1 saved").replace("%1", str(inject["number"])), 5000
        )
        self.desk.refresh()

    @Slot()
    def delete_inject(self) -> None:
        desk = self.desk
        inject = desk.chosen_inject()
        if inject is None:
            return
        if inject["status"] != "pending":
            desk.show_problem(
                self.tr("Inject %1 was already played: it stays in the scenario.").replace(
                    "%1", str(inject["number"])
                )
            )
            return
        question = self.tr("Delete inject %1 from the scenario?").replace(
            "%1", str(inject["number"])
        )
        if not self.ask(self.tr("Delete inject"), question):
            return
        try:
            desk.store.injects.delete(inject["id"])
        except (ValidationError, NotFoundError) as error:
            desk.show_problem(str(error))
            return
        desk.show_problem("")
        desk.refresh()

    def ask(self, title: str, question: str) -> bool:
        """Yes or No (No by default); tests answer it by replacing this method."""
        return confirm(self.desk, title, question)

    # -- scenario files -----------------------------------------------------------------------

    @Slot()
    def ask_import(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self.desk,
            self.tr("Import a scenario"),
            "",
            self.tr("Scenario files (*.csv *.xlsx);;All files (*)"),
        )
        if name:
            self.import_path(Path(name))

    def import_path(self, path: Path) -> None:
        desk = self.desk
        if desk.operation is None:
            return
        desk.tasks.submit(
            partial(jobs.import_scenario, desk.operation["id"], path),
            lane=Lane.FILES,
            name=self.tr("Import of a scenario"),
            on_done=partial(self._on_imported, path),
            on_failed=self._on_import_failed,
            owner=self,
        )

    def _on_imported(self, path: Path, count: int) -> None:
        text = self.tr("%n inject(s) imported from %1", "", count).replace("%1", path.name)
        self.desk.statusBar().showMessage(text, 8000)
        self.desk.show_problem("")
        self.desk.refresh()

    def _on_import_failed(self, error: Exception) -> None:
        self.desk.show_problem(
            self.tr("The scenario was refused, nothing was imported: %1").replace(
                "%1", self.msel_words(error)
            )
        )

    def msel_words(self, error: Exception) -> str:
        """A refused file in words: which row and which column, and why."""
        if not isinstance(error, MselError):
            return error_words(error)
        if error.row is not None and error.column is not None:
            text = self.tr("%1, row %2, column “%3”: %4").replace("%2", str(error.row))
            text = text.replace("%3", error.column)
        elif error.row is not None:
            text = self.tr("%1, row %2: %4").replace("%2", str(error.row))
        else:
            text = self.tr("%1: %4")
        return text.replace("%1", error.source).replace("%4", error.problem)

    @Slot()
    def ask_export(self) -> None:
        desk = self.desk
        if desk.operation is None:
            return
        suggested = re.sub(r"[^\w-]+", "-", desk.operation["name"]).strip("-") or "scenario"
        name, chosen = QFileDialog.getSaveFileName(
            desk,
            self.tr("Export the scenario"),
            f"EXERCISE-{suggested}.xlsx",
            self.tr("Excel workbook (*.xlsx);;CSV (*.csv)"),
        )
        if name:
            path = Path(name)
            if path.suffix.lower() not in (".csv", ".xlsx"):
                path = path.with_suffix(".xlsx" if XLSX_FILTER in chosen else ".csv")
            self.export_path(path)

    def export_path(self, path: Path) -> None:
        desk = self.desk
        if desk.operation is None:
            return
        desk.tasks.submit(
            partial(jobs.export_scenario, desk.operation["id"], path),
            lane=Lane.FILES,
            name=self.tr("Export of the scenario"),
            on_done=partial(self._on_exported, path),
            on_failed=lambda error: desk.show_problem(
                self.tr("The scenario could not be written: %1").replace("%1", error_words(error))
            ),
            owner=self,
        )

    def _on_exported(self, path: Path, count: int) -> None:
        text = self.tr("%n inject(s) written to %1", "", count).replace("%1", str(path))
        self.desk.statusBar().showMessage(text, 8000)

    # -- reset and replay ---------------------------------------------------------------------

    @Slot()
    def ask_reset(self) -> None:
        if self.desk.operation is not None:
            self.reset_flow.start(self.desk.operation)

    def _on_reset_done(self, done: Any) -> None:
        text = self.tr("Run %1 archived to %2: run %3 is ready, the clock at T+00:00")
        text = text.replace("%1", str(done.run)).replace("%2", str(done.archive))
        self.desk.statusBar().showMessage(text.replace("%3", str(done.run + 1)), 15000)
        self.desk.show_problem("")
        self.desk.refresh()

    def retranslate(self) -> None:
        self.new_action.setText(self.tr("&New inject…"))
        self.new_action.setToolTip(self.tr("Write an inject on the fly (Ctrl+N)"))
        self.edit_action.setText(self.tr("&Edit inject…"))
        self.edit_action.setToolTip(self.tr("Edit the chosen inject (Enter, or a double click)"))
        self.delete_action.setText(self.tr("&Delete inject"))
        self.import_action.setText(self.tr("&Import a scenario (CSV, XLSX)…"))
        self.export_action.setText(self.tr("E&xport the scenario (CSV, XLSX)…"))
        self.reset_action.setText(self.tr("&Reset and replay…"))


def next_number(numbers: list[str]) -> str:
    """The number proposed for a new inject: one more than the highest whole number."""
    taken = set(numbers)
    whole = [int(n) for n in numbers if n.isascii() and n.isdigit()]
    candidate = max(whole, default=0) + 1
    while str(candidate) in taken:
        candidate += 1
    return str(candidate)
