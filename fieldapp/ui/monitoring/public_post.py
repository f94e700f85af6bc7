"""A post that came by the public form (issue 19), under the card's chosen post: it says
"Public form" with its receipt, shows the citizen's photo, and lets a coordinator reveal
the phone number the citizen left.

The photo is fetched from the server like an attachment's file (sync/client/public.py:
into the blob folder, checked by sha256), so it shows offline once fetched; the job
(network lane, one key: newest post wins) hands back a small JPEG made by Pillow, which
the GUI thread only decodes. *Reveal contact…* is shown only to a device whose role
leads the operation (core/rights.leads); it asks first, saying the phone will be sent to
every laptop of the operation, then calls the server's reveal route as a network job.
GUI thread only; the job functions are Qt-free.
"""

from __future__ import annotations

import io
from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from fieldapp.core.rights import leads
from fieldapp.sync.client import public
from fieldapp.sync.client.config import load_config
from fieldapp.ui.kit.questions import confirm
from fieldapp.ui.kit.taskman import JobContext, Lane, TaskManager
from fieldapp.ui.monitoring.words import post_kind_labels

if TYPE_CHECKING:
    from fieldapp.core.record_types import Item, Operation
    from fieldapp.store import Store

PHOTO_SIDE = (200, 125)  # what the card has room for at 1024x600


def load_photo(sha: str, ctx: JobContext) -> bytes:
    """The photo, fetched once from the server, as a JPEG small enough for the card."""
    from PIL import Image

    path = public.fetch_photo(ctx.store, sha)
    ctx.check()
    with Image.open(path) as image:
        image.thumbnail((PHOTO_SIDE[0] * 2, PHOTO_SIDE[1] * 2))
        out = io.BytesIO()
        image.convert("RGB").save(out, "JPEG", quality=85)
    return out.getvalue()


def reveal(item_id: str, ctx: JobContext) -> dict[str, Any]:
    return public.reveal_contact(ctx.store, item_id)


def may_reveal(store: Store, operation: Operation | None) -> bool:
    """Whether this device may reveal a citizen's contact in `operation` (a cheap read)."""
    if operation is None:
        return False
    config = load_config(store.conn)
    return config.joined and leads(config.role, bool(operation["exercise"]))


def receipt_of(item: Item) -> str:
    key = item["post_key"] or ""
    return key.split(":", 1)[1] if key.startswith("public:") else ""


class PublicPostPanel(QWidget):
    """Shown for a post of the public form only; `show_item(item)` follows the card."""

    message_posted = Signal(str)  # words for the desk's status bar
    photo_shown = Signal(bool)  # the photo arrived (True) or could not be fetched
    contact_revealed = Signal(str)  # the phone number, "" when the citizen left none

    def __init__(self, tasks: TaskManager, parent: QWidget | None = None):
        super().__init__(parent)
        self.tasks = tasks
        self.item: Item | None = None
        self.can_reveal = False
        self._key = f"public-photo-{id(self)}"
        self.via = QLabel(self)
        self.via.setTextFormat(Qt.TextFormat.PlainText)
        self.photo = QLabel(self)
        self.photo.setFixedSize(*PHOTO_SIDE)
        self.photo.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.photo.setWordWrap(True)
        self.reveal_button = QPushButton(self)
        self.reveal_button.clicked.connect(self.ask_reveal)
        side = QVBoxLayout()
        side.addWidget(self.via)
        side.addWidget(self.reveal_button, 0, Qt.AlignmentFlag.AlignLeft)
        side.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.photo)
        layout.addLayout(side, 1)
        self.retranslate()
        self.hide()

    def set_operation(self, can_reveal: bool) -> None:
        self.can_reveal = can_reveal
        self.show_item(None)

    def show_item(self, item: Item | None) -> None:
        same = item is not None and self.item is not None and item["id"] == self.item["id"]
        self.item = item if item is not None and item["source_kind"] == "public" else None
        self.setVisible(self.item is not None)
        if self.item is None:
            self.tasks.drop(self._key)
            return
        self._show_words()
        if same and self.photo.pixmap() is not None and not self.photo.pixmap().isNull():
            return  # the same post read again (a sync): its photo is already here
        self.photo.clear()
        sha = public.photo_sha(self.item["media"])
        if not sha:
            self.photo.setText(self.tr("No photo"))
            return
        self.photo.setText(self.tr("Fetching the photo…"))
        self.tasks.submit(
            partial(load_photo, sha),
            lane=Lane.NETWORK,
            key=self._key,
            on_done=self._on_photo_loaded,
            on_failed=self._on_photo_failed,
            owner=self,
        )

    def _show_words(self) -> None:
        item = self.item
        if item is None:
            return
        via = post_kind_labels().get("public", "public")
        receipt = receipt_of(item)
        self.via.setText(
            self.tr("%1, receipt %2").replace("%1", via).replace("%2", receipt) if receipt else via
        )
        self.reveal_button.setVisible(self.can_reveal and not item["handle"])

    def _on_photo_loaded(self, data: bytes) -> None:
        pixmap = QPixmap()
        if not pixmap.loadFromData(data):
            self._on_photo_failed(ValueError("not a picture"))
            return
        self.photo.setPixmap(
            pixmap.scaled(
                self.photo.size(),
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        )
        self.photo.setAccessibleName(self.tr("Photo sent with the report"))
        self.photo_shown.emit(True)

    def _on_photo_failed(self, _error: Exception) -> None:
        self.photo.setText(
            self.tr("The photo is on the server: it shows once this laptop reaches it.")
        )
        self.photo_shown.emit(False)

    def ask_reveal(self) -> None:
        item = self.item
        if item is None or not self.can_reveal:
            return
        question = self.tr(
            "Reveal the phone number left with receipt %1?\n\nIt will be sent to every"
            " laptop of the operation at its next sync, volunteers' included, and cannot"
            " be taken back."
        ).replace("%1", receipt_of(item) or "?")
        if not confirm(self, self.tr("Reveal contact"), question):
            return
        self.reveal_button.setEnabled(False)
        self.tasks.submit(
            partial(reveal, item["id"]),
            lane=Lane.NETWORK,
            on_done=self._on_revealed,
            on_failed=self._on_reveal_failed,
            owner=self,
        )

    def _on_revealed(self, answer: dict[str, Any]) -> None:
        self.reveal_button.setEnabled(True)
        self.reveal_button.hide()
        contact = str(answer.get("contact") or "")
        if contact:
            words = self.tr("Contact: %1 (every laptop of the operation gets it at its next sync)")
            self.message_posted.emit(words.replace("%1", contact))
        else:
            self.message_posted.emit(self.tr("The person left no phone number."))
        self.contact_revealed.emit(contact)

    def _on_reveal_failed(self, error: Exception) -> None:
        self.reveal_button.setEnabled(True)
        if getattr(error, "code", "") in ("unreachable", "not_joined"):
            words = self.tr("The contact was not revealed: the server could not be reached.")
        else:
            words = self.tr("The contact was not revealed: %1").replace("%1", str(error))
        self.message_posted.emit(words)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.reveal_button.setText(self.tr("Reveal &contact…"))
        self.reveal_button.setToolTip(self.tr("Send the citizen's phone number to every laptop"))
        self._show_words()
