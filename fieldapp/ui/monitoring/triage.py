"""Triage of the chosen card(s), one key each, like a mail client.

C claim (Shift+C takes over a teammate's claim), U unclaim, P promote to a new report,
A attach to an existing report (a picker: words of its title or place), R rumour,
D dismiss, N back to triage, M merge the chosen cards, S split the chosen posts out of
their card. The keys work while the queue or the card has the focus (never while typing
in the search box); the same actions are in the Triage menu.

Each action is one write job on the writes lane (the core settles the queue before and
after); a refusal is shown in words, translated ("Already claimed by ben"). The list
follows through `records_changed`, like every view. GUI thread only.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from fieldapp.ui.kit.taskman import Lane
from fieldapp.ui.monitoring import jobs
from fieldapp.ui.monitoring.errors import error_text
from fieldapp.ui.monitoring.words import counted
from fieldapp.ui.reports.duplicate_picker import DuplicatePicker

if TYPE_CHECKING:
    from fieldapp.store import Store
    from fieldapp.ui.monitoring.desk import MonitoringDesk

# name -> key; the order of the Triage menu.
KEYS = {
    "claim": "C", "force_claim": "Shift+C", "release": "U", "promote": "P", "attach": "A",
    "rumour": "R", "dismiss": "D", "restore": "N", "merge": "M", "split": "S",
}  # fmt: skip
STATUS_OF = {"rumour": "rumour", "dismiss": "dismissed", "restore": "new"}


class AttachDialog(QDialog):
    """Which report the card corroborates: type words of its title or place, pick it."""

    def __init__(self, store: Store, operation_id: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Attach to a report"))
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText(self.tr("Words of the report's title or place"))
        label = QLabel(self.tr("&Report:"), self)
        label.setBuddy(self.edit)
        self.picker = DuplicatePicker(self.edit, store, lambda: (operation_id, ""))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.edit)
        layout.addWidget(buttons)
        self.resize(480, 120)

    def report_id(self) -> str:
        return self.edit.text().strip()


class TriageActions(QObject):
    """The triage actions of one desk."""

    report_promoted = Signal(str)  # the new report's id: the main window shows it
    done = Signal(str, int)  # action, how many posts it acted on

    def __init__(self, desk: MonitoringDesk, area: QWidget):
        super().__init__(desk)
        self.desk = desk
        self.actions: dict[str, QAction] = {}
        self.attach_dialog: AttachDialog | None = None
        for name, key in KEYS.items():
            action = QAction(desk)
            action.setShortcut(QKeySequence(key))
            # Only while the queue or the card has the focus: letters typed in the search
            # box stay letters.
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(partial(self.run, name))
            area.addAction(action)
            self.actions[name] = action
        self.retranslate()

    def run(self, name: str) -> None:
        """Do one triage action on the chosen cards (or posts, for split)."""
        desk = self.desk
        clusters = desk.chosen_cluster_ids()
        if name == "split":
            posts = desk.card.selected_item_ids()
            if not posts:
                return self._say(self.tr("Choose the posts to split off, in the card."))
            return self._submit(name, partial(jobs.split, posts))
        if not clusters:
            return self._say(self.tr("Choose a card first."))
        if name == "merge":
            if len(clusters) < 2:
                return self._say(self.tr("Choose two cards or more to merge (Shift or Ctrl)."))
            return self._submit(name, partial(jobs.merge, clusters))
        if name == "promote":
            return self._submit(name, partial(jobs.promote, clusters), self._on_promoted)
        if name == "attach":
            return self._attach(clusters)
        action = {"claim": "claim", "force_claim": "force_claim", "release": "release"}.get(
            name, STATUS_OF.get(name, name)
        )
        self._submit(name, partial(jobs.triage, action, clusters))

    def _attach(self, clusters: list[str]) -> None:
        operation = self.desk.operation
        if operation is None:
            return
        dialog = AttachDialog(self.desk.store, operation["id"], self.desk)
        dialog.accepted.connect(partial(self._on_attach_accepted, dialog, clusters))
        self.attach_dialog = dialog
        dialog.open()  # window-modal, without a nested event loop

    def _on_attach_accepted(self, dialog: AttachDialog, clusters: list[str]) -> None:
        if dialog.report_id():
            self._submit("attach", partial(jobs.attach, clusters, dialog.report_id()))
        dialog.deleteLater()

    def _submit(self, name: str, job, on_done: Callable | None = None) -> None:
        def finished(result: object) -> None:
            count = result if isinstance(result, int) else 0
            self.desk.clear_problem()
            self.desk.statusBar().showMessage(self._done_words(name, count), 5000)
            self.done.emit(name, count)
            if on_done is not None:
                on_done(result)

        self.desk.before_triage(name)
        self.desk.tasks.submit(
            job, lane=Lane.WRITES, on_done=finished,
            on_failed=lambda error: self._say(error_text(error)), owner=self.desk,
        )  # fmt: skip

    def _on_promoted(self, report_id: object) -> None:
        self.report_promoted.emit(str(report_id))

    def _say(self, words: str) -> None:
        self.desk.show_problem(words)

    def _done_words(self, name: str, count: int) -> str:
        words = {
            "claim": counted(count, self.tr("Claimed: 1 post."), self.tr("Claimed: %1 posts.")),
            "force_claim": counted(
                count, self.tr("Taken over: 1 post."), self.tr("Taken over: %1 posts.")
            ),
            "release": counted(
                count, self.tr("Claim given up: 1 post."), self.tr("Claim given up: %1 posts.")
            ),
            "rumour": counted(
                count,
                self.tr("Marked as a rumour: 1 post."),
                self.tr("Marked as a rumour: %1 posts."),
            ),
            "dismiss": counted(
                count, self.tr("Dismissed: 1 post."), self.tr("Dismissed: %1 posts.")
            ),
            "restore": counted(
                count, self.tr("Back to triage: 1 post."), self.tr("Back to triage: %1 posts.")
            ),
            "attach": counted(
                count,
                self.tr("Attached to the report: 1 post."),
                self.tr("Attached to the report: %1 posts."),
            ),
            "promote": self.tr("Report made: complete it in the main window."),
            "merge": self.tr("Cards merged."),
            "split": self.tr("Posts split into a card of their own."),
        }
        return words[name]

    def retranslate(self) -> None:
        texts = {
            "claim": self.tr("&Claim"), "force_claim": self.tr("&Take over the claim"),
            "release": self.tr("&Unclaim"), "promote": self.tr("&Promote to a new report"),
            "attach": self.tr("&Attach to a report…"), "rumour": self.tr("Mark as &rumour"),
            "dismiss": self.tr("&Dismiss"), "restore": self.tr("Back to tria&ge (N)"),
            "merge": self.tr("&Merge the chosen cards"),
            "split": self.tr("&Split the chosen posts off"),
        }  # fmt: skip
        for name, text in texts.items():
            self.actions[name].setText(text)
