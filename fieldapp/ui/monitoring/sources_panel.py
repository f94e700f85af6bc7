"""The desk's sources panel: what this laptop watches, each source's state in words, and
the ways posts come in by hand (paste a post, import a file).

A source's state: when it was last fetched, the last error in words, how many posts it
brought today, when it is polled next (or "Paused"). Add source… (kind, address, name,
interval: 2 minutes by default, never under 30 s), Remove, Pause/Resume, Poll now. Sources
are local to the laptop (never synced, so they make no Changes): the panel reads them
again after its own writes and after each poll, and says `sources_changed` so that the
poller looks at what is due again.

GUI thread only: the list is read on the reads lane, the writes run on the writes lane,
an import on the files lane (named: in the Jobs panel with its progress and Cancel).
"""

from __future__ import annotations

import time
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from fieldapp.ui.kit import dates
from fieldapp.ui.kit.taskman import Lane, TaskManager
from fieldapp.ui.monitoring import jobs
from fieldapp.ui.monitoring.errors import error_text, problem_text
from fieldapp.ui.monitoring.words import source_kind_labels, translate

if TYPE_CHECKING:
    from fieldapp.monitoring.intake import Imported
    from fieldapp.monitoring.sources import Source

DEFAULT_INTERVAL_S = 120
MIN_INTERVAL_S = 30
_Index = QModelIndex | QPersistentModelIndex
_DISPLAY = int(Qt.ItemDataRole.DisplayRole.value)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole.value)


def _stamp(value: Any, *, prose: bool = False) -> str:
    """A poll state's moment (epoch seconds or ISO text) in local time, as a list shows it
    ("2026-12-06 14:05") or, with `prose`, as a sentence says it; "" if never."""
    if not value:
        return ""
    return dates.prose_time(value) if prose else dates.list_time(value)


def state_words(source: Source, now: float | None = None) -> tuple[str, str]:
    """(short state, full state in words) of a source."""
    state = source.state
    last = _stamp(getattr(state, "last_fetch_at", None))
    last_words = _stamp(getattr(state, "last_fetch_at", None), prose=True)
    error = problem_text(state.last_error_kind) if state.last_error else ""
    if not source.enabled:
        short = translate("Monitoring", "Paused")
    elif error:
        short = translate("Monitoring", "Error")
    elif last:
        short = translate("Monitoring", "OK at %1").replace("%1", last)
    else:
        short = translate("Monitoring", "Not polled yet")
    lines = [
        translate("Monitoring", "Last fetch: %1").replace(
            "%1", last_words or translate("Monitoring", "never")
        ),
        translate("Monitoring", "Posts today: %1").replace("%1", str(source.items_today)),
    ]
    if source.enabled:
        next_words = next_poll(source, now, prose=True)
        lines.append(translate("Monitoring", "Next poll: %1").replace("%1", next_words))
    if error:
        lines.append(translate("Monitoring", "Last error: %1").replace("%1", error))
    return short, "\n".join(lines)


def next_poll(source: Source, now: float | None = None, *, prose: bool = False) -> str:
    if not source.enabled:
        return translate("Monitoring", "paused")
    due = getattr(source.state, "next_due", 0) or 0
    if due <= (now or time.time()):
        return translate("Monitoring", "now")
    return _stamp(due, prose=prose)


def source_headers() -> list[str]:
    return [
        translate("Monitoring", "Source"),
        translate("Monitoring", "State"),
        translate("Monitoring", "Today"),
        translate("Monitoring", "Next poll"),
    ]


class SourcesModel(QAbstractTableModel):
    """The sources of an operation (a few dozen: read whole)."""

    def __init__(self, parent: Any = None):
        super().__init__(parent)
        self.sources: list[Source] = []
        self._rows: list[tuple[tuple[str, ...], str]] = []
        self._headers = source_headers()

    def apply(self, sources: list[Source]) -> None:
        self.beginResetModel()
        self.sources = sources
        kinds = source_kind_labels()
        self._rows = []
        for s in sources:
            short, full = state_words(s)
            tip = f"{s.name}\n{kinds.get(s.kind, s.kind)}: {s.address}\n{full}"
            self._rows.append(((s.name, short, str(s.items_today), next_poll(s)), tip))
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 4

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: _Index, role: int = _DISPLAY) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        texts, tip = self._rows[index.row()]
        if int(role) == _DISPLAY:
            return texts[index.column()]
        return tip if int(role) == _TOOLTIP else None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> Any:
        if orientation != Qt.Orientation.Horizontal or int(role) != _DISPLAY:
            return None
        return self._headers[section] if 0 <= section < 4 else None

    def retranslate(self) -> None:
        self._headers = source_headers()
        self.apply(self.sources)


class AddSourceDialog(QDialog):
    """A new source: its kind, address, name and polling interval."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Add a source"))
        self.kind = QComboBox(self)
        for code in ("rss", "mastodon_tag", "mastodon_account", "cap"):
            self.kind.addItem(source_kind_labels()[code], code)
        self.address = QLineEdit(self)
        self.address.setPlaceholderText(self.tr("https://… or #tag@instance or @account@instance"))
        self.name = QLineEdit(self)
        self.interval = QSpinBox(self)
        self.interval.setRange(MIN_INTERVAL_S, 24 * 3600)
        self.interval.setValue(DEFAULT_INTERVAL_S)
        self.interval.setSuffix(self.tr(" s"))
        self.problem = QLabel(self)
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b71c1c")
        self.problem.hide()
        form = QFormLayout(self)
        form.addRow(self.tr("&Kind:"), self.kind)
        form.addRow(self.tr("&Address:"), self.address)
        form.addRow(self.tr("&Name:"), self.name)
        form.addRow(self.tr("&Interval:"), self.interval)
        form.addRow(self.problem)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def values(self) -> dict[str, Any]:
        return {"kind": self.kind.currentData(), "address": self.address.text().strip(),
                "name": self.name.text().strip(), "interval_s": self.interval.value()}  # fmt: skip

    def show_problem(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.show()


class PasteDialog(QDialog):
    """A post that came by phone, SMS or a network with no feed."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Paste a post"))
        self.text = QPlainTextEdit(self)
        self.text.setTabChangesFocus(True)
        self.url = QLineEdit(self)
        self.author = QLineEdit(self)
        self.author.setPlaceholderText(self.tr("who phoned or texted, or the account"))
        form = QFormLayout(self)
        form.addRow(self.tr("&Text:"), self.text)
        form.addRow(self.tr("&Link:"), self.url)
        form.addRow(self.tr("&From:"), self.author)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def values(self) -> tuple[str, str, str]:
        return self.text.toPlainText().strip(), self.url.text().strip(), self.author.text().strip()


class SourcesPanel(QWidget):
    """The operation's sources, with their buttons."""

    sources_changed = Signal()  # added, removed, paused or resumed: what is due changed
    poll_requested = Signal()  # "Poll now": every enabled source, now
    message_posted = Signal(str)

    def __init__(self, tasks: TaskManager, parent: QWidget | None = None):
        super().__init__(parent)
        self.tasks = tasks
        self.operation_id = ""
        self._key = f"monitoring-sources-{id(self)}"
        self.model = SourcesModel(self)
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setTabKeyNavigation(False)
        self.view.verticalHeader().hide()
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.title = QLabel(self)
        self.title.setBuddy(self.view)
        self.detail = QLabel(self)
        self.detail.setTextFormat(Qt.TextFormat.PlainText)  # an error may quote a server
        self.detail.setWordWrap(True)
        self.buttons = {name: QPushButton(self) for name in
                        ("add", "remove", "pause", "poll", "paste", "import")}  # fmt: skip
        self._build()
        self.view.selectionModel().selectionChanged.connect(self._on_view_selection_changed)
        self.retranslate()

    def _build(self) -> None:
        grid = QGridLayout()
        for place, name in enumerate(("add", "remove", "pause", "poll", "paste", "import")):
            grid.addWidget(self.buttons[name], place // 2, place % 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.detail)
        layout.addLayout(grid)
        b = self.buttons
        b["add"].clicked.connect(self.ask_add)
        b["remove"].clicked.connect(self.remove_chosen)
        b["pause"].clicked.connect(self.toggle_chosen)
        b["poll"].clicked.connect(self.poll_requested)
        b["paste"].clicked.connect(self.ask_paste)
        b["import"].clicked.connect(self.ask_import)

    # -- reading ------------------------------------------------------------------------

    def set_operation(self, operation_id: str) -> None:
        self.operation_id = operation_id
        self.model.apply([])
        self.refresh()

    def refresh(self) -> None:
        if not self.operation_id:
            return
        self.tasks.submit(
            partial(jobs.read_sources, self.operation_id),
            lane=Lane.READS,
            key=self._key,
            on_done=partial(self._apply, self.operation_id),
            on_failed=self._on_failed,
            owner=self,
        )

    def _apply(self, operation_id: str, sources: list[Source]) -> None:
        if operation_id != self.operation_id:
            return
        chosen = self.chosen()
        self.model.apply(sources)
        if chosen is not None:
            row = next((r for r, s in enumerate(sources) if s.id == chosen.id), -1)
            if row >= 0:
                self.view.selectRow(row)
        self._on_view_selection_changed()

    def chosen(self) -> Source | None:
        rows = self.view.selectionModel().selectedRows()
        if not rows or rows[0].row() >= len(self.model.sources):
            return None
        return self.model.sources[rows[0].row()]

    @Slot()
    def _on_view_selection_changed(self, *_args: object) -> None:
        source = self.chosen()
        self.detail.setText(state_words(source)[1] if source else "")
        self.buttons["remove"].setEnabled(source is not None)
        self.buttons["pause"].setEnabled(source is not None)
        pause = source is None or source.enabled
        self.buttons["pause"].setText(self.tr("&Pause") if pause else self.tr("Res&ume"))

    # -- writes -------------------------------------------------------------------------

    def _write(self, fn, done_words: str, lane: Lane = Lane.WRITES, name: str = "") -> None:
        self.tasks.submit(
            fn, lane=lane, name=name,
            on_done=lambda _result: self._after_write(done_words),
            on_failed=self._on_failed, owner=self,
        )  # fmt: skip

    def _after_write(self, words: str) -> None:
        self.message_posted.emit(words)
        self.refresh()
        self.sources_changed.emit()

    def _on_failed(self, error: Exception) -> None:
        self.message_posted.emit(error_text(error))

    @Slot()
    def ask_add(self) -> None:
        if not self.operation_id:
            return
        dialog = AddSourceDialog(self)
        while dialog.exec():
            values = dialog.values()
            if values["address"]:
                self.add_source(values)
                return
            dialog.show_problem(self.tr("Give the source's address."))

    def add_source(self, values: dict[str, Any]) -> None:
        self._write(partial(jobs.add_source, self.operation_id, values), self.tr("Source added."))

    @Slot()
    def remove_chosen(self) -> None:
        source = self.chosen()
        if source is not None:
            self._write(partial(jobs.remove_source, source.id), self.tr("Source removed."))

    @Slot()
    def toggle_chosen(self) -> None:
        source = self.chosen()
        if source is None:
            return
        words = self.tr("Source resumed.") if not source.enabled else self.tr("Source paused.")
        self._write(partial(jobs.enable_source, source.id, not source.enabled), words)

    @Slot()
    def ask_paste(self) -> None:
        if not self.operation_id:
            return
        dialog = PasteDialog(self)
        if dialog.exec():
            text, url, author = dialog.values()
            if text or url:
                self.paste(text, url, author)

    def paste(self, text: str, url: str, author: str) -> None:
        job = partial(jobs.paste_post, self.operation_id, text, url, author)
        self._write(job, self.tr("Post added to the queue."))

    @Slot()
    def ask_import(self) -> None:
        if not self.operation_id:
            return
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Import posts"), "",
            self.tr("Feeds and posts (*.xml *.rss *.atom *.csv *.tsv *.txt);;All files (*)"),
        )  # fmt: skip
        if path:
            self.import_file(Path(path))

    def import_file(self, path: Path) -> None:
        """Import a saved feed or a CSV of posts on the files lane (in the Jobs panel)."""
        self.tasks.submit(
            partial(jobs.import_posts, self.operation_id, path),
            lane=Lane.FILES,
            name=self.tr("Importing posts from %1").replace("%1", path.name),
            on_done=self._on_imported,
            on_failed=self._on_failed,
            on_cancelled=lambda: self.message_posted.emit(self.tr("Import cancelled.")),
            owner=self,
        )

    def _on_imported(self, imported: Imported) -> None:
        text = self.tr("Imported: %n new post(s), %1 already here.", "", len(imported.new))
        self.message_posted.emit(text.replace("%1", str(len(imported.known))))

    def retranslate(self) -> None:
        self.title.setText(self.tr("Sources (F2)"))  # the menu has Alt+S
        names = {"add": self.tr("&Add source…"), "remove": self.tr("&Remove"),
                 "poll": self.tr("Poll &now"), "paste": self.tr("Paste a p&ost…"),
                 "import": self.tr("&Import a file…")}  # fmt: skip
        for name, text in names.items():
            self.buttons[name].setText(text)
        self.model.retranslate()
        self._on_view_selection_changed()
