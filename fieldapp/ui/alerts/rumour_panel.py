"""One rumour on the board: its claim, where it stands, the verification done, the
public message that corrects it, and its sightings (the posts and reports that carry it).

Writes go through the window's Store on the GUI thread (one record each); the desk
reads the board and a rumour's sightings in its jobs. GUI thread only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fieldapp.ui.alerts import words
from fieldapp.ui.kit import dates

if TYPE_CHECKING:
    from fieldapp.core.record_types import PublicMessage, Rumour, RumourLink


class RumourPanel(QWidget):
    """The chosen rumour's form, its sightings, and its actions."""

    save_requested = Signal(object)  # the form's values
    correction_requested = Signal(str)  # rumour id: write the message that corrects it
    link_requested = Signal(str, str)  # rumour id, post (item) id: a sighting

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.rumour: Rumour | None = None
        self.claim_edit = QLineEdit(self)
        self.status_combo = QComboBox(self)
        self.verification_edit = QPlainTextEdit(self)
        self.verification_edit.setTabChangesFocus(True)
        self.message_combo = QComboBox(self)
        self.first_seen = QLabel(self)
        self.first_seen.setTextFormat(Qt.TextFormat.PlainText)
        self.sightings = QListWidget(self)
        self.sightings_label = QLabel(self)
        self.candidates = QListWidget(self)
        self.candidates_label = QLabel(self)
        self.candidates_label.setBuddy(self.candidates)
        self.link_button = QPushButton(self)
        self.save_button = QPushButton(self)
        self.correction_button = QPushButton(self)
        self.form = QFormLayout()
        self._build()
        self.save_button.clicked.connect(lambda: self.save_requested.emit(self.values()))
        self.correction_button.clicked.connect(self._on_correction_clicked)
        self.link_button.clicked.connect(self._on_link_clicked)
        self.candidates.itemActivated.connect(self._on_link_clicked)
        self.retranslate()
        self.show_rumour(None, [], [])

    def _build(self) -> None:
        fields = (
            self.claim_edit,
            self.status_combo,
            self.verification_edit,
            self.message_combo,
            self.first_seen,
        )
        self.labels = [QLabel(self) for _ in fields]
        for label, field in zip(self.labels, fields, strict=True):
            label.setBuddy(field)
            self.form.addRow(label, field)
        actions = QHBoxLayout()
        actions.addWidget(self.save_button)
        actions.addWidget(self.correction_button)
        actions.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self.form)
        layout.addWidget(self.sightings_label)
        layout.addWidget(self.sightings, 1)
        layout.addWidget(self.candidates_label)
        layout.addWidget(self.candidates, 1)
        layout.addWidget(self.link_button)
        layout.addLayout(actions)
        self.sightings_label.setBuddy(self.sightings)

    def _on_correction_clicked(self) -> None:
        if self.rumour is not None:
            self.correction_requested.emit(self.rumour["id"])

    def _on_link_clicked(self, *_args: object) -> None:
        item = self.candidates.currentItem()
        if self.rumour is not None and item is not None:
            self.link_requested.emit(self.rumour["id"], item.data(Qt.ItemDataRole.UserRole))

    def show_candidates(self, posts: list[dict[str, Any]]) -> None:
        """The posts marked as a rumour on the monitoring desk that no rumour counts yet."""
        self.candidates.clear()
        for post in posts:
            when = dates.utc_time(post["posted_at"])
            who = post["handle"] or post["author"]
            item = QListWidgetItem(f"{when}  {who}: {' '.join(post['text'].split())[:100]}")
            item.setData(Qt.ItemDataRole.UserRole, post["id"])
            self.candidates.addItem(item)

    def values(self) -> dict[str, Any]:
        return {
            "claim": self.claim_edit.text(),
            "status": self.status_combo.currentData() or "spreading",
            "verification": self.verification_edit.toPlainText(),
            "message_id": self.message_combo.currentData() or None,
        }

    def show_rumour(
        self,
        rumour: Rumour | None,
        sightings: list[RumourLink],
        messages: list[PublicMessage],
        described: dict[str, str] | None = None,
        seen: int | None = None,
    ) -> None:
        """A stored rumour (None: a new one), its sightings, and the messages that may
        correct it."""
        self.rumour = rumour
        self.claim_edit.setText(rumour["claim"] if rumour else "")
        status = rumour["status"] if rumour else "spreading"
        self.status_combo.setCurrentIndex(max(0, self.status_combo.findData(status)))
        self.verification_edit.setPlainText(rumour["verification"] if rumour else "")
        self.message_combo.clear()
        self.message_combo.addItem(self.tr("(none yet)"), "")
        for message in messages:
            self.message_combo.addItem(message["title"], message["id"])
        if rumour and rumour["message_id"]:
            self.message_combo.setCurrentIndex(
                max(0, self.message_combo.findData(rumour["message_id"]))
            )
        first = rumour["first_seen"] if rumour else None
        self.first_seen.setText(dates.utc_time(first) if first else "?")
        self.sightings.clear()
        targets = words.target_labels()
        for link in sightings:
            when = link["seen_at"] or ""
            what = (described or {}).get(link["id"]) or link["target_id"][:8]
            kind = targets.get(link["target"], "")
            self.sightings.addItem(f"{dates.utc_time(when)}  {kind}  {what}")
        self.sightings_label.setText(
            self.tr(
                "Seen in %n post(s) or report(s), copies of a linked post included",
                "",
                seen if seen is not None else len(sightings),
            )
        )
        self.correction_button.setEnabled(rumour is not None)
        self.link_button.setEnabled(rumour is not None)

    def retranslate(self) -> None:
        labels = (
            self.tr("&Claim:"),
            self.tr("&Status:"),
            self.tr("&Verification done:"),
            self.tr("Co&rrected by:"),
            self.tr("First seen:"),
        )
        for label, text in zip(self.labels, labels, strict=True):
            label.setText(text)
        current = self.status_combo.currentData()
        self.status_combo.clear()
        for key, text in words.rumour_status_labels().items():
            self.status_combo.addItem(text, key)
        self.status_combo.setCurrentIndex(max(0, self.status_combo.findData(current)))
        self.claim_edit.setPlaceholderText(self.tr("The claim, in a few words"))
        self.save_button.setText(self.tr("Sa&ve the rumour"))
        self.correction_button.setText(self.tr("&Write a correction…"))
        self.candidates_label.setText(self.tr("Posts marked as rumour, not linked yet"))
        self.link_button.setText(self.tr("&Link the chosen post to this rumour"))
