"""The report editor panel: fields, photos and history of one report.

Saving calls the store (one transaction per save); a ValidationError saves nothing and
its per-field errors are shown next to the fields. Files dropped anywhere on the editor
are attached by `ReportFiles` in a worker thread (pending until a new report is first
saved). When the store changes under the open report (a pull, a settled conflict),
`take_outside_change` reloads it, or, over unsaved edits, says in words what changed
and offers to reload (ServerChangeNotice): the user's typing is never overwritten. A
report this user may not change (the server's rule, known beforehand) opens read-only,
saying who created it (ReadOnlyNote).
In an exercise, a report an inject became, opened by a player, asks for a read receipt
(ui/kit/receipts.py: a job on the writes lane). GUI thread only.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from PySide6.QtCore import QEvent, Qt, Signal, Slot
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from fieldapp.core.errors import NotFoundError, ValidationError
from fieldapp.core.record_types import Operation, Report
from fieldapp.store import Store
from fieldapp.ui.kit.banner import ExerciseBanner
from fieldapp.ui.kit.elided import ElidedLabel
from fieldapp.ui.kit.forms import ERROR_STYLE
from fieldapp.ui.kit.questions import confirm, save_discard_or_stay
from fieldapp.ui.kit.receipts import SeenRecords
from fieldapp.ui.kit.taskman import TaskManager
from fieldapp.ui.reports.attachments_view import AttachmentsPanel
from fieldapp.ui.reports.duplicate_picker import DuplicatePicker
from fieldapp.ui.reports.files import ReportFiles
from fieldapp.ui.reports.form import ReportForm
from fieldapp.ui.reports.history_view import HistoryView
from fieldapp.ui.reports.notice import ServerChangeNotice, changed_fields
from fieldapp.ui.reports.place_picker import PlacePicker
from fieldapp.ui.reports.read_only import ReadOnlyNote

TAB_REPORT, TAB_PHOTOS, TAB_HISTORY = range(3)


def dropped_files(event: QDragEnterEvent | QDropEvent) -> list[Path]:
    urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
    return [Path(url.toLocalFile()) for url in urls if url.isLocalFile()]


class ReportEditor(QWidget):
    """Shows one report (or a new one) for editing; empty until one is chosen."""

    report_saved = Signal(str, str)  # report id, "created" or "updated"
    report_deleted = Signal(str)
    attachments_changed = Signal(str)
    editing_cancelled = Signal()
    location_requested = Signal()  # "Set on map": the user wants to place this report

    def __init__(self, store: Store, tasks: TaskManager, parent: QWidget | None = None):
        super().__init__(parent)
        self._store = store
        self._tasks = tasks
        self._operation: Operation | None = None
        self._report: Report | None = None
        self._editing = False
        self.seen = SeenRecords(tasks)  # read receipts of the reports an inject became
        self._build()
        self.setAcceptDrops(True)
        self._retranslate()
        self._show_placeholder()

    def _build(self) -> None:
        self.placeholder = QLabel(self)
        self.placeholder.setWordWrap(True)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.page = QWidget(self)
        self._build_header()
        self.form = ReportForm()
        self.form_scroll = QScrollArea(self.page)
        self.form_scroll.setWidgetResizable(True)
        self.form_scroll.setWidget(self.form)
        self.attachments = AttachmentsPanel(self.page)
        self.files = ReportFiles(self._store, self._tasks, self.attachments)
        self.history = HistoryView(self.page)
        self.tabs = QTabWidget(self.page)
        for widget in (self.form_scroll, self.attachments, self.history):
            self.tabs.addTab(widget, "")
        self._build_buttons()
        self._layout_page()
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.placeholder)
        self.stack.addWidget(self.page)
        QVBoxLayout(self).addWidget(self.stack)
        self.attachments.files_chosen.connect(self.add_files)
        self.attachments.model.modelReset.connect(self._retitle_tabs)
        self.files.attachments_changed.connect(self._on_files_attachments_changed)
        self.form.edited.connect(self._on_form_edited)
        self.duplicate_picker = DuplicatePicker(
            self.form.line_edit("duplicate_of"), self._store, self._duplicate_context
        )
        self.duplicate_picker.picked.connect(self.form.edited)
        self.place_picker = PlacePicker(self.form, self._tasks)
        cancel = QShortcut(QKeySequence(Qt.Key.Key_Escape), self.page)
        cancel.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        cancel.activated.connect(self.cancel)
        self.form.map_requested.connect(self.location_requested)
        # Set on map: from anywhere in the window, the map included (where the user looks
        # for the place); nothing happens unless a report is open.
        self.locate_shortcut = QShortcut(QKeySequence("Ctrl+M"), self.page)
        self.locate_shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
        self.locate_shortcut.activated.connect(self.location_requested)

    def _build_header(self) -> None:
        self.banner = ExerciseBanner(self.page, compact=True)
        # One line, elided: a long title never widens the editor (the list beside it
        # would jump), and the unsaved mark never wraps it to a second line while the
        # user types (every field below would move under the mouse).
        self.heading = ElidedLabel(self.page)
        font = self.heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.heading.setFont(font)
        self.id_label = QLabel(self.page)
        self.id_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error_summary = QLabel(self.page)
        self.error_summary.setStyleSheet(ERROR_STYLE)
        self.error_summary.setWordWrap(True)
        self.error_summary.hide()
        self.read_only = ReadOnlyNote(self.page)
        self.notice = ServerChangeNotice(self.page)
        self.notice.reload_requested.connect(self.discard_changes)

    def _build_buttons(self) -> None:
        self.save_button = QPushButton(self.page)
        self.save_button.setDefault(False)
        self.save_button.clicked.connect(self.save)
        self.cancel_button = QPushButton(self.page)
        self.cancel_button.clicked.connect(self.cancel)
        self.delete_button = QPushButton(self.page)
        self.delete_button.clicked.connect(self.delete)

    def _layout_page(self) -> None:
        buttons = QHBoxLayout()
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self.page)
        layout.setContentsMargins(0, 0, 0, 0)
        header = (self.banner, self.heading, self.id_label, self.read_only, self.notice)
        for widget in header:
            layout.addWidget(widget)
        layout.addWidget(self.tabs, 1)
        # The summary of a refused save sits by the buttons, under the form: when it
        # comes or goes the fields stay where they are (above the tabs it pushed them down).
        layout.addWidget(self.error_summary)
        layout.addLayout(buttons)

    # -- state -------------------------------------------------------------------------

    def set_operation(self, operation: Operation | None) -> None:
        self._operation = operation
        self.banner.setVisible(bool(operation and operation["exercise"]))
        self._show_placeholder()

    def is_editing(self) -> bool:
        return self._editing

    def current_report(self) -> Report | None:
        return self._report

    def _duplicate_context(self) -> tuple[str, str]:
        """Where the "Duplicate of" search looks, and which report it leaves out."""
        return (self._operation["id"] if self._operation else "", self.current_report_id() or "")

    def current_report_id(self) -> str | None:
        return self._report["id"] if self._report else None

    def is_dirty(self) -> bool:
        return self._editing and (self.form.is_dirty() or bool(self.files.pending))

    def show_report(self, report_id: str) -> bool:
        """Open a saved report; False when it no longer exists."""
        try:
            report = self._store.reports.get(report_id)
        except NotFoundError:
            self._show_placeholder()
            return False
        self._open(report)
        self.seen.shown(bool(self._operation and self._operation["exercise"]), "report", [report])
        return True

    def new_report(self) -> None:
        """A blank report in the current operation, the cursor in its title."""
        if self._operation is None:
            return
        self._report = None
        self.form.load({"author": self._store.user})
        self._enter_editing()
        self.tabs.setCurrentIndex(TAB_REPORT)
        self.form.widget("title").setFocus()

    def discard_changes(self) -> None:
        """Forget unsaved edits without asking (the caller asked already): the report as
        stored now (it may have changed on the server meanwhile)."""
        if self._report is None or not self.show_report(self._report["id"]):
            self._show_placeholder()

    def take_outside_change(self) -> str:
        """The store changed under the open report (a pull, a settled conflict). Without
        unsaved edits, reload it; with some, keep the user's typing and say what changed.
        Returns "unchanged", "reloaded", "deleted" or "notified"."""
        if not self._editing or self._report is None:
            return "unchanged"
        try:
            fresh = self._store.reports.get(self._report["id"])
        except NotFoundError:
            if self.is_dirty():
                self.notice.show_deleted()
                return "notified"
            self._show_placeholder()
            return "deleted"
        changed = changed_fields(self._report, fresh)
        if not changed:
            return "unchanged"
        if not self.is_dirty():
            self._open(fresh)
            return "reloaded"
        self.notice.show_changed(changed, [n for n in self.form.changed_values() if n in changed])
        return "notified"

    def _open(self, report: Report) -> None:
        self._report = report
        self.form.load(report)
        self._enter_editing()

    def _enter_editing(self) -> None:
        self._editing = True
        self.error_summary.hide()
        self.notice.hide()
        self.stack.setCurrentWidget(self.page)
        self._update_heading()
        self.files.show(self.current_report_id())
        self._reload_history()
        refusal = self._store.reports.edit_refusal(self._report["id"]) if self._report else None
        self.read_only.show_refusal(refusal)
        self.form.setEnabled(refusal is None)
        self.save_button.setEnabled(refusal is None)
        self.delete_button.setEnabled(self._report is not None and refusal is None)

    def _show_placeholder(self) -> None:
        self._editing = False
        self.notice.hide()
        self._report = None
        self.files.show(None)
        self.stack.setCurrentWidget(self.placeholder)

    def _reload_history(self) -> None:
        report_id = self.current_report_id()
        self.history.read(self._store, report_id)

    # -- actions -----------------------------------------------------------------------

    @Slot()
    def save(self) -> bool:
        """Validate and save through the store; on errors, show them and save nothing."""
        if not self._editing or self._operation is None:
            return False
        created = self._report is None
        try:
            if self._report is None:
                report = self._store.reports.add(self._operation["id"], self.form.values())
            else:
                changes = self.form.changed_values()
                report_id = self._report["id"]
                store = self._store  # nothing changed: read it anyway, it may be newer
                report = (
                    store.reports.update(report_id, changes)
                    if changes
                    else store.reports.get(report_id)
                )
        except ValidationError as exc:
            self._show_errors(exc.errors)
            return False
        except NotFoundError:
            self._show_summary(self.tr("Not saved: this report was deleted in the meantime."))
            return False
        pending = self.files.take_pending()
        self._open(report)
        if pending:
            self.files.attach(report["id"], pending)
        self.report_saved.emit(report["id"], "created" if created else "updated")
        return True

    @Slot()
    def cancel(self) -> None:
        """Esc: drop unsaved edits (after asking, if there are any)."""
        if not self._editing:
            return
        if self.is_dirty() and not confirm(
            self,
            self.tr("Discard changes"),
            self.tr("Discard the changes you made to this report?"),
        ):
            return
        was_new = self._report is None
        self.discard_changes()
        if was_new:
            self.editing_cancelled.emit()

    @Slot()
    def delete(self) -> bool:
        if self._report is None:
            return False
        title = self._report["title"]
        question = self.tr("Delete the report “%1”? Its history is kept.").replace("%1", title)
        if not confirm(self, self.tr("Delete report"), question):
            return False
        report_id = self._report["id"]
        with contextlib.suppress(NotFoundError):  # already gone: what the user asked for
            self._store.reports.delete(report_id)
        self._show_placeholder()
        self.report_deleted.emit(report_id)
        return True

    def confirm_leave(self) -> bool:
        """Before showing another report: save, discard or stay. True to go on."""
        if not self.is_dirty():
            return True
        question = self.tr("This report has unsaved changes. Save them?")
        answer = save_discard_or_stay(self, self.tr("Unsaved changes"), question)
        if answer == "save":
            return self.save()
        if answer == "discard":
            self.discard_changes()
            return True
        return False

    def _show_errors(self, errors: dict[str, tuple[str, str]]) -> None:
        shown = self.form.show_errors(errors)
        others = [
            f"{name}: {message}" for name, (_c, message) in errors.items() if name not in shown
        ]
        text = self.tr("Not saved: %n field(s) to correct.", "", len(errors))
        self._show_summary("\n".join([text, *others]))
        if shown:
            self.tabs.setCurrentIndex(TAB_REPORT)
            first = self.form.widget(shown[0])
            self.form_scroll.ensureWidgetVisible(first)
            first.setFocus()

    def _show_summary(self, text: str) -> None:
        self.error_summary.setText(text)
        self.error_summary.show()

    @Slot()
    def _on_form_edited(self) -> None:
        self._update_heading()

    # -- files -----------------------------------------------------------------------

    @Slot(list)
    def add_files(self, paths: list[Path]) -> None:
        """Attach files to the open report (pending until a new report is saved)."""
        files = [Path(p) for p in paths if Path(p).is_file()]
        if self._editing and files:
            self.tabs.setCurrentIndex(TAB_PHOTOS)
            self.files.add(files)

    def is_attaching(self) -> bool:
        return self.files.is_attaching()

    @Slot(str)
    def _on_files_attachments_changed(self, report_id: str) -> None:
        if report_id == self.current_report_id():
            self._reload_history()
        self.attachments_changed.emit(report_id)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._editing and dropped_files(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        files = dropped_files(event)
        if self._editing and files:
            event.acceptProposedAction()
            self.add_files(files)
        else:
            event.ignore()

    # -- language ----------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self.placeholder.setText(
            self.tr("Select a report in the list, or press Ctrl+N to write a new one.")
        )
        self.save_button.setText(self.tr("&Save"))
        self.save_button.setToolTip(self.tr("Save the report (Ctrl+S)"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.cancel_button.setToolTip(self.tr("Drop unsaved changes (Esc)"))
        self.delete_button.setText(self.tr("Delete…"))
        self.read_only.retranslate()
        self.history.history_model.retranslate()
        self._retitle_tabs()
        self._update_heading()

    def _retitle_tabs(self) -> None:
        count = self.attachments.model.rowCount()
        self.tabs.setTabText(TAB_REPORT, self.tr("Report"))
        photos = self.tr("Photos and files (%1)").replace("%1", str(count))
        self.tabs.setTabText(TAB_PHOTOS, photos if count else self.tr("Photos and files"))
        self.tabs.setTabText(TAB_HISTORY, self.tr("History"))

    def _update_heading(self) -> None:
        if self._report is None:
            self.heading.set_full_text(self.tr("New report"))
            self.id_label.setText(self.tr("Not saved yet"))
            return
        mark = "* " if self.form.is_dirty() else ""  # first: never cut off by the elision
        self.heading.set_full_text(
            mark + self.tr("Report: %1").replace("%1", self._report["title"])
        )
        self.id_label.setText(self.tr("Id: %1").replace("%1", self._report["id"]))
