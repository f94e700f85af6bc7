"""The chosen card: its posts, the chosen post in full, its link, and what the team
thinks of its author.

Every post shows its time, its author with the team's credibility note (on EVERY post of
that author, from `store.authors`, whatever operation the note was made in), its text as
plain text (a post full of markup shows the markup as characters: no view here reads it
as HTML), the place guessed from its text marked as guessed, and how it came — in an
exercise, a post an inject became says so and names its inject. The link is
shown as text and opened in the browser only when the user asks (the button, or Ctrl+O).
"Credibility…" notes the chosen post's author (a write on the writes lane). In an
exercise, a card shown to a player asks for a read receipt of each post an inject became
(ui/kit/receipts.py: a job on the writes lane, only when the card shown changes).

GUI thread only: the card is read on the reads lane (`jobs.read_card`, one key, newest
wins); `records_changed` leads the desk to call `show_card` again.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QUrl,
    Signal,
    Slot,
)
from PySide6.QtGui import QDesktopServices, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from fieldapp.monitoring.authors import CREDIBILITY, handle_key
from fieldapp.monitoring.items import exercise_reference
from fieldapp.ui.kit.receipts import SeenRecords
from fieldapp.ui.kit.taskman import Lane, TaskManager
from fieldapp.ui.monitoring import jobs
from fieldapp.ui.monitoring.cards_model import one_line
from fieldapp.ui.monitoring.errors import error_text
from fieldapp.ui.monitoring.public_post import PublicPostPanel
from fieldapp.ui.monitoring.words import (
    card_summary,
    credibility_labels,
    local_time,
    post_kind_labels,
    status_labels,
    translate,
)

if TYPE_CHECKING:
    from fieldapp.core.record_types import AuthorNote, Item

ItemIdRole = Qt.ItemDataRole.UserRole + 1
_Index = QModelIndex | QPersistentModelIndex
_DISPLAY = int(Qt.ItemDataRole.DisplayRole.value)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole.value)


def author_words(item: Item, notes: dict[str, AuthorNote]) -> str:
    """ "@anne@x (Official: prefecture's account)": the author and the team's note."""
    who = item["handle"] or item["author"] or "?"
    note = notes.get(handle_key(item["handle"] or item["author"]))
    if note is None:
        return who
    level = credibility_labels().get(note["credibility"], note["credibility"])
    return f"{who} ({level}: {note['note']})" if note["note"] else f"{who} ({level})"


def place_words(item: Item) -> str:
    if not item["place"]:
        return ""
    return translate("Monitoring", "%1 (guessed)").replace("%1", item["place"])


def via_words(item: Item, exercise: bool) -> str:
    """How a post came; in an exercise, the inject it is ("EXERCISE inject 12 (…)")."""
    reference = exercise_reference(item["post_key"]) if exercise else ""
    return reference or post_kind_labels().get(item["source_kind"], item["source_kind"])


def post_headers() -> list[str]:
    return [
        translate("Monitoring", "Posted"),
        translate("Monitoring", "Author"),
        translate("Monitoring", "Text"),
        translate("Monitoring", "Place"),
        translate("Monitoring", "Posted via"),
    ]


class PostsModel(QAbstractTableModel):
    """The posts of one card, oldest first (a card holds few enough to read whole)."""

    def __init__(self, parent: Any = None):
        super().__init__(parent)
        self.items: list[Item] = []
        self.notes: dict[str, AuthorNote] = {}
        self.exercise = False  # the operation's: only then does a post name an inject
        self._rows: list[tuple[str, ...]] = []
        self._headers = post_headers()

    def apply(self, items: list[Item], notes: dict[str, AuthorNote]) -> None:
        self.beginResetModel()
        self.items, self.notes = items, notes
        self._rows = [
            (
                local_time(i["posted_at"]),
                author_words(i, notes),
                one_line(i["text"] or i["url"]),
                place_words(i),
                via_words(i, self.exercise),
            )
            for i in items
        ]
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 5

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: _Index, role: int = _DISPLAY) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        role = int(role)
        if role == _DISPLAY:
            return self._rows[index.row()][index.column()]
        if role == int(ItemIdRole):
            return self.items[index.row()]["id"]
        if role == _TOOLTIP and index.column() == 2:
            return one_line(self.items[index.row()]["text"], 600)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> Any:
        if orientation != Qt.Orientation.Horizontal or int(role) != _DISPLAY:
            return None
        return self._headers[section] if 0 <= section < 5 else None

    def retranslate(self) -> None:
        self._headers = post_headers()
        self.apply(self.items, self.notes)


class CredibilityDialog(QDialog):
    """How credible an author is, with a note: what the team will see on every post."""

    def __init__(self, handle: str, note: AuthorNote | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Credibility of %1").replace("%1", handle))
        self.level = QComboBox(self)
        for code, label in credibility_labels().items():
            self.level.addItem(label, code)
        self.note = QLineEdit(self)
        self.note.setMaxLength(2000)
        if note is not None:
            self.level.setCurrentIndex(max(0, self.level.findData(note["credibility"])))
            self.note.setText(note["note"])
        else:
            self.level.setCurrentIndex(CREDIBILITY.index("unknown"))
        form = QFormLayout(self)
        form.addRow(self.tr("&Credibility:"), self.level)
        form.addRow(self.tr("&Note:"), self.note)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def values(self) -> tuple[str, str]:
        return self.level.currentData(), self.note.text().strip()


class CardPanel(QWidget):
    """One card in full; `show_card(cluster_id)` (None: nothing chosen)."""

    card_shown = Signal(object)  # the CardDetail now shown (None: nothing)
    message_posted = Signal(str)  # words for the desk's status bar

    def __init__(self, tasks: TaskManager, parent: QWidget | None = None):
        super().__init__(parent)
        self.tasks = tasks
        self.operation_id = ""
        self.cluster_id: str | None = None
        self.detail: jobs.CardDetail | None = None
        self._key = f"monitoring-card-{id(self)}"
        self.seen = SeenRecords(tasks)  # read receipts of the posts an inject became
        self.heading = QLabel(self)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.heading.setWordWrap(True)
        self.posts = PostsModel(self)
        self.posts_view = QTableView(self)
        self.posts_view.setModel(self.posts)
        self.posts_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.posts_view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.posts_view.setTabKeyNavigation(False)
        self.posts_view.verticalHeader().hide()
        self.posts_view.verticalHeader().setDefaultSectionSize(22)
        header = self.posts_view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate((120, 160, 260, 110)):  # 120: an ISO day and time
            self.posts_view.setColumnWidth(column, width)
        self.text = QPlainTextEdit(self)  # plain text: markup in a post stays characters
        self.text.setReadOnly(True)
        self.link = QLineEdit(self)
        self.link.setReadOnly(True)
        self.open_button = QPushButton(self)
        self.open_button.setShortcut(QKeySequence("Ctrl+O"))
        self.credibility_button = QPushButton(self)
        self.public = PublicPostPanel(tasks, self)  # a post of the public form: photo, contact
        self.public.message_posted.connect(self.message_posted)
        self._build()
        self.posts_view.selectionModel().selectionChanged.connect(self._on_posts_selection_changed)
        self.open_button.clicked.connect(self.open_link)
        self.credibility_button.clicked.connect(self.ask_credibility)
        self.retranslate()
        self._show_post(None)

    def _build(self) -> None:
        lower = QWidget(self)
        line = QHBoxLayout()
        line.addWidget(self.link, 1)
        line.addWidget(self.open_button)
        line.addWidget(self.credibility_button)
        layout = QVBoxLayout(lower)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.public)
        layout.addLayout(line)
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(self.posts_view)
        split.addWidget(lower)
        split.setSizes([140, 120])
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.heading)
        outer.addWidget(split, 1)

    # -- reading ------------------------------------------------------------------------

    def show_card(self, cluster_id: str | None) -> None:
        """Read a card with its posts (reads lane) and show it; None shows nothing."""
        self.cluster_id = cluster_id
        if cluster_id is None:
            self.tasks.drop(self._key)
            self._apply(None, jobs.CardDetail(None))
            return
        self.tasks.submit(
            partial(jobs.read_card, cluster_id),
            lane=Lane.READS,
            key=self._key,
            on_done=partial(self._apply, cluster_id),
            on_failed=lambda error: self.message_posted.emit(error_text(error)),
            owner=self,
        )

    def _apply(self, cluster_id: str | None, detail: jobs.CardDetail) -> None:
        if cluster_id != self.cluster_id:
            return
        chosen = set(self.selected_item_ids())
        self.detail = detail if detail.card is not None else None
        self.posts.apply(detail.items, detail.notes)
        card = detail.card
        if card is None:
            self.heading.setText(self.tr("Choose a card in the queue to see its posts."))
        else:
            who = card.handle or card.author
            text = card_summary(card.posts, card.authors, card.first_at, who)
            status = status_labels().get(card.status, card.status)
            text += " · " + status
            if card.claimed_by:
                text += " · " + self.tr("claimed by %1").replace("%1", card.claimed_by)
            self.heading.setText(text)
        rows = [r for r, i in enumerate(detail.items) if i["id"] in chosen] or [0]
        if detail.items:
            selection = self.posts_view.selectionModel()
            for row in rows:
                index = self.posts.index(row, 0)
                flags = selection.SelectionFlag.Select | selection.SelectionFlag.Rows
                selection.select(index, flags)
            self.posts_view.setCurrentIndex(self.posts.index(rows[0], 0))
        # The selection may not change (the same rows after the reset): show it anyway.
        self._show_post(self.current_item())
        self.seen.shown(self.posts.exercise, "item", detail.items)
        self.card_shown.emit(self.detail)

    # -- the chosen post ------------------------------------------------------------------

    def selected_item_ids(self) -> list[str]:
        rows = sorted(i.row() for i in self.posts_view.selectionModel().selectedRows())
        return [self.posts.items[r]["id"] for r in rows if r < len(self.posts.items)]

    def current_item(self) -> Item | None:
        index = self.posts_view.currentIndex()
        if not index.isValid() or index.row() >= len(self.posts.items):
            return None
        return self.posts.items[index.row()]

    @Slot()
    def _on_posts_selection_changed(self, *_args: object) -> None:
        self._show_post(self.current_item())

    def _show_post(self, item: Item | None) -> None:
        if item is None:
            self.text.setPlainText("")
            self.link.clear()
        else:
            reference = exercise_reference(item["post_key"]) if self.posts.exercise else ""
            lines = [reference] if reference else []
            lines.append(author_words(item, self.posts.notes))
            if item["place"]:
                lines.append(place_words(item))
            self.text.setPlainText("\n".join(lines) + "\n\n" + item["text"])
            self.link.setText(item["url"])
        self.public.show_item(item)
        self.open_button.setEnabled(bool(item and item["url"]))
        self.credibility_button.setEnabled(bool(item and (item["handle"] or item["author"])))

    @Slot()
    def open_link(self) -> bool:
        """Open the chosen post's link in the browser (only ever when the user asks)."""
        item = self.current_item()
        url = QUrl(item["url"]) if item else QUrl()
        if not url.isValid() or url.scheme() not in ("http", "https"):
            return False
        return QDesktopServices.openUrl(url)

    @Slot()
    def ask_credibility(self) -> None:
        item = self.current_item()
        if item is None or not self.operation_id:
            return
        handle = item["handle"] or item["author"]
        if not handle:
            return
        dialog = CredibilityDialog(handle, self.posts.notes.get(handle_key(handle)), self)
        if dialog.exec():
            self.set_credibility(handle, *dialog.values())

    def set_credibility(self, handle: str, credibility: str, note: str) -> None:
        """Note an author (writes lane); every post of theirs shows it once read again."""
        self.tasks.submit(
            partial(jobs.set_credibility, self.operation_id, handle, credibility, note),
            lane=Lane.WRITES,
            on_done=lambda _note: self.message_posted.emit(
                self.tr("Noted: %1.").replace("%1", handle)
            ),
            on_failed=lambda error: self.message_posted.emit(error_text(error)),
            owner=self,
        )

    def retranslate(self) -> None:
        self.open_button.setText(self.tr("Open lin&k"))
        self.open_button.setToolTip(self.tr("Open the post's link in the browser (Ctrl+O)"))
        self.credibility_button.setText(self.tr("Credi&bility…"))
        self.credibility_button.setToolTip(self.tr("Say how credible this post's author is"))
        self.link.setPlaceholderText(self.tr("No link"))
        self.posts.retranslate()
        if self.detail is None:
            self.heading.setText(self.tr("Choose a card in the queue to see its posts."))
