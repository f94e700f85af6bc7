"""Find the original report by its words, in the editor's "Duplicate of" field.

A volunteer who spots a duplicate knows the original by its title or place, not by its
id: typing a few words there pops up the matching reports of the operation (title,
place, time), and picking one puts its id in the field. The field's tooltip then names
the report it points to. The search is one FTS query of twelve rows on the GUI thread,
run after a short pause in typing (~ms even on 200,000 reports). GUI thread only.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QCompleter, QLineEdit

from fieldapp.core.errors import NotFoundError
from fieldapp.core.record_types import Report
from fieldapp.reports.query import ReportQuery
from fieldapp.store import Store
from fieldapp.ui.kit import dates

SUGGESTIONS = 12
TYPING_PAUSE_MS = 150
_ID_ROLE = Qt.ItemDataRole.UserRole + 1


class DuplicatePicker(QObject):
    """Suggestions for one QLineEdit that holds a report id."""

    picked = Signal(str)  # the id now in the field

    def __init__(self, edit: QLineEdit, store: Store, context: Callable[[], tuple[str, str]]):
        """`context()` gives (operation id, id of the report being edited or "")."""
        super().__init__(edit)
        self._edit = edit
        self._store = store
        self._context = context
        self._model = QStandardItemModel(self)
        self._completer = QCompleter(self._model, self)
        self._completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self._completer.setCompletionRole(_ID_ROLE)
        self._completer.setWidget(edit)
        # The QModelIndex overload of activated; PySide6's stub has no __getitem__ on
        # SignalInstance although picking an overload by index is its documented use.
        activated = self._completer.activated[QModelIndex]  # pyright: ignore[reportIndexIssue]
        activated.connect(self._on_completer_activated)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(TYPING_PAUSE_MS)
        self._timer.timeout.connect(self._suggest)
        edit.textEdited.connect(self._on_edit_text_edited)
        edit.textChanged.connect(self._describe)

    def suggestions(self) -> list[str]:
        """The lines the pop-up offers now (for tests and accessibility)."""
        return [self._model.item(row).text() for row in range(self._model.rowCount())]

    @Slot(str)
    def _on_edit_text_edited(self, _text: str) -> None:
        self._timer.start()

    @Slot()
    def _suggest(self) -> None:
        words = self._edit.text().strip()
        operation_id, editing = self._context()
        self._model.clear()
        if len(words) < 2 or not operation_id:
            return
        query = ReportQuery(operation_id, search=words, limit=SUGGESTIONS + 1)
        for report in self._store.reports.list(query):
            if report["id"] != editing and self._model.rowCount() < SUGGESTIONS:
                item = QStandardItem(_one_line(report))
                item.setData(report["id"], _ID_ROLE)
                self._model.appendRow(item)
        if self._model.rowCount():
            self._completer.complete()

    @Slot(QModelIndex)
    def _on_completer_activated(self, index: QModelIndex) -> None:
        report_id = index.data(_ID_ROLE)
        self._edit.setText(report_id)
        self.picked.emit(report_id)

    @Slot(str)
    def _describe(self, text: str) -> None:
        """Name the report an id points to, in the tooltip; say so if there is none."""
        text = text.strip()
        if not text:
            self._edit.setToolTip(self.tr("Type words of the original report to find it"))
            return
        try:
            report = self._store.reports.get(text)
        except NotFoundError:
            self._edit.setToolTip(self.tr("Type words of the original report to find it"))
            return
        self._edit.setToolTip(self.tr("Duplicate of: %1").replace("%1", _one_line(report)))


def _one_line(report: Report) -> str:
    # a line of the completer's list: ISO, in UTC as the report list shows it
    when = dates.list_time(report.get("observed_at") or report.get("created_at"), utc=True)
    parts = [report["title"], report.get("place") or "", when]
    return " · ".join(part for part in parts if part)
