"""A report's sources, shown in the report editor: the posts it was made of or that
corroborate it.

"Sources: 3 posts from 2 independent authors, the earliest 14:02 by @x — 1 2 3", each
number a link to a post, opened in the browser only when clicked. The report editor is
in a layer below the monitoring desk and cannot import it; the launcher puts this line
into the editor's page and tells it which report is open (see launch.py). Post texts
and handles are escaped: the line never runs a post's markup.

GUI thread only: the posts are read on the reads lane (`store.items.of_report`, one
indexed read), one key, newest wins.
"""

from __future__ import annotations

import html
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QUrl, Signal, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QLabel, QWidget

from fieldapp.ui.kit.taskman import Lane, TaskManager
from fieldapp.ui.monitoring import jobs
from fieldapp.ui.monitoring.words import counted, local_prose

if TYPE_CHECKING:
    from fieldapp.core.record_types import Item

MAX_LINKS = 20


def independent_authors(items: list[Item]) -> int:
    """How many different accounts posted them (a repost by the same account is one)."""
    return len({(i["handle"] or i["author"]).strip().lstrip("@").casefold() for i in items})


class ReportSourcesLine(QLabel):
    """The sources of the report open in the editor (hidden when it has none)."""

    sources_shown = Signal(int)  # how many posts are now listed

    def __init__(self, tasks: TaskManager, parent: QWidget | None = None):
        super().__init__(parent)
        self.tasks = tasks
        self.report_id: str | None = None
        self.items: list[Item] = []
        self._key = f"monitoring-report-sources-{id(self)}"
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setWordWrap(True)
        self.setOpenExternalLinks(False)  # opened below, only http(s), only on a click
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.LinksAccessibleByMouse
            | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
        )
        self.linkActivated.connect(self._on_link_activated)
        self.hide()

    def show_report(self, report_id: str | None) -> None:
        self.report_id = report_id
        if report_id is None:
            self.tasks.drop(self._key)
            self._apply(None, [])
            return
        self.tasks.submit(
            partial(jobs.report_sources, report_id), lane=Lane.READS, key=self._key,
            on_done=partial(self._apply, report_id), owner=self,
        )  # fmt: skip

    def refresh(self) -> None:
        self.show_report(self.report_id)

    def _apply(self, report_id: str | None, items: list[Item]) -> None:
        if report_id != self.report_id:
            return
        self.items = items
        self.setVisible(bool(items))
        self.setText(self.words() if items else "")
        self.sources_shown.emit(len(items))

    def words(self) -> str:
        """The line, as escaped rich text."""
        items = self.items
        lead = items[0]
        who = lead["handle"] or lead["author"] or "?"
        authors = independent_authors(items)
        text = counted(len(items), self.tr("Sources: 1 post"), self.tr("Sources: %1 posts"))
        text += counted(
            authors, self.tr(" from 1 independent author"), self.tr(" from %1 independent authors")
        )
        earliest = self.tr(", the earliest %1 by %2")
        text += earliest.replace("%1", local_prose(lead["posted_at"])).replace("%2", who)
        links = [
            f'<a href="{html.escape(i["url"], quote=True)}">{n}</a>'
            for n, i in enumerate(items[:MAX_LINKS], 1)
            if i["url"].startswith(("http://", "https://"))
        ]
        line = html.escape(text)
        return line + (" — " + " ".join(links) if links else "")

    @Slot(str)
    def _on_link_activated(self, link: str) -> None:
        url = QUrl(link)
        if url.scheme() in ("http", "https"):
            QDesktopServices.openUrl(url)

    def retranslate(self) -> None:
        if self.items:
            self.setText(self.words())
