"""What the desk's outreach buttons do: write, approve, publish, copy and withdraw public
messages; relay an alert as a message or record where it went; keep the rumour board.

Each write is one record through the window's Store on the GUI thread (like the radio
desk's), and its refusal (ValidationError: the author approving its own message, a
draft published...) is shown in words on the desk; what changed reaches every view
through `records_changed`. Posting to Mastodon is a job on the network lane. GUI thread.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Slot
from PySide6.QtGui import QGuiApplication

from fieldapp.core.errors import NotFoundError, ValidationError
from fieldapp.ui.alerts.relay_dialog import RelayDialog
from fieldapp.ui.kit.banner import mark_exercise
from fieldapp.ui.kit.taskman import Lane

if TYPE_CHECKING:
    from fieldapp.alerts.outreach.templates import Template
    from fieldapp.ui.alerts.desk import AlertsDesk


class OutreachActions(QObject):
    """The desk's writes of messages, relays and rumours."""

    def __init__(self, desk: AlertsDesk):
        super().__init__(desk)
        self.desk = desk
        self.store = desk.store
        self._templates: list[Template] | None = None
        editor = desk.editor
        editor.save_requested.connect(self.save_message)
        editor.approve_requested.connect(partial(self._write, self.store.messages.approve))
        editor.withdraw_requested.connect(partial(self._write, self.store.messages.withdraw))
        editor.publish_requested.connect(self.publish)
        editor.copy_requested.connect(self.copy)
        editor.template_combo.activated.connect(self._on_template_activated)
        editor.template_save_requested.connect(self.save_template)
        desk.rumour_panel.save_requested.connect(self.save_rumour)
        desk.rumour_panel.correction_requested.connect(self.write_correction)
        desk.rumour_panel.link_requested.connect(self.link_post)

    @property
    def operation_id(self) -> str:
        return self.desk.operation["id"] if self.desk.operation else ""

    def _exercise(self) -> bool:
        return bool(self.desk.operation and self.desk.operation["exercise"])

    def _done(self, text: str) -> None:
        self.desk.show_problem("")
        self.desk.statusBar().showMessage(text, 6000)

    def _refused(self, error: Exception) -> None:
        self.desk.show_problem(str(error))

    def _write(self, write: Any, record_id: str) -> None:
        try:
            write(record_id)
        except (ValidationError, NotFoundError) as error:
            self._refused(error)
            return
        self._done(self.tr("Saved."))
        self.show_message(record_id)

    # -- messages ---------------------------------------------------------------------------

    def desk_read(self) -> None:
        self._offer_templates()

    def show_message(self, message_id: str | None) -> None:
        exercise = bool(self.desk.operation and self.desk.operation["exercise"])
        try:
            message = self.store.messages.get(message_id) if message_id else None
        except NotFoundError:
            message = None
        self.desk.editor.show_message(message, exercise=exercise)

    @Slot()
    def new_message(self, values: dict[str, Any] | None = None) -> None:
        self.desk.messages_view.clearSelection()
        self.show_message(None)
        if values:
            self.desk.editor.fill(values)
        self.desk.show_tab(1)
        self.desk.editor.title_edit.setFocus()

    @Slot(str)
    def write_for_alert(self, alert_id: str) -> None:
        from fieldapp.alerts.relaying import message_values

        self.new_message(message_values(self.store.alerts.get(alert_id)))

    @Slot(object)
    def save_message(self, values: dict[str, Any]) -> None:
        editor = self.desk.editor
        try:
            if editor.message is None:
                message = self.store.messages.add(self.operation_id, values)
            else:
                message = self.store.messages.edit(editor.message["id"], values)
        except (ValidationError, NotFoundError) as error:
            self._refused(error)
            return
        self._done(self.tr("Message saved: a coordinator approves it next."))
        editor.show_message(message, exercise=editor.exercise)

    @Slot(str)
    def publish(self, message_id: str) -> None:
        from fieldapp.alerts.publishing import publish_to_mastodon

        settings = self.desk.settings
        self.desk.tasks.submit(
            lambda ctx: publish_to_mastodon(ctx.store, settings, message_id),
            lane=Lane.NETWORK,
            name=self.tr("Publishing on Mastodon"),
            on_done=lambda _relay: self._done(self.tr("Published on Mastodon.")),
            on_failed=self._refused,
            owner=self.desk,
        )

    @Slot(str, str)
    def copy(self, message_id: str, channel: str) -> None:
        """The channel's text on the clipboard, then: where did it go?"""
        QGuiApplication.clipboard().setText(self.desk.editor.published_text(channel))
        heading = self.tr("The text is on the clipboard. Once it is published, say where:")
        dialog = RelayDialog(self.desk, channel=_relay_channel(channel), heading=heading)
        mark_exercise(dialog, self._exercise())
        if dialog.exec():
            values = dialog.values()
            try:
                self.store.messages.publish(
                    message_id,
                    channel=values["channel"],
                    via=values["via"],
                    link=values["link"],
                    at=values["at"],
                )
            except (ValidationError, NotFoundError) as error:
                self._refused(error)
                return
            self._done(self.tr("Recorded."))
            self.show_message(message_id)

    @Slot(str)
    def record_alert_relay(self, alert_id: str) -> None:
        dialog = RelayDialog(self.desk, heading=self.tr("Where did this alert go?"))
        mark_exercise(dialog, self._exercise())
        if dialog.exec():
            try:
                self.store.relays.add(self.operation_id, {**dialog.values(), "alert_id": alert_id})
            except (ValidationError, NotFoundError) as error:
                self._refused(error)
                return
            self._done(self.tr("Recorded."))

    # -- templates ----------------------------------------------------------------------------

    def _offer_templates(self) -> None:
        from fieldapp.alerts.outreach.templates import TemplateError, load_templates

        if self._templates is None:
            try:
                self._templates = load_templates()
            except TemplateError as error:
                self._templates = []
                self._refused(error)
        language = self.desk.editor.language_combo.currentText() or "fr"
        own = {
            (t["key"], t["language"]): t["title"]
            for t in self.store.messages.templates(self.operation_id)
        }
        offered = [
            (t.key, own.get((t.key, language)) or t.titles.get(language) or t.key)
            for t in self._templates
        ]
        shipped = {t.key for t in self._templates}
        offered += [
            (k, title) for (k, lang), title in own.items() if lang == language and k not in shipped
        ]
        self.desk.editor.set_templates(offered)

    @Slot(int)
    def _on_template_activated(self, index: int) -> None:
        from fieldapp.alerts.outreach.templates import fill

        key = self.desk.editor.template_combo.itemData(index)
        editor = self.desk.editor
        language = editor.language_combo.currentText() or "fr"
        own = [
            t
            for t in self.store.messages.templates(self.operation_id)
            if t["key"] == key and t["language"] == language
        ]
        if own:
            editor.fill({"title": own[0]["title"], "texts": own[0]["texts"], "template": key})
            return
        template = next((t for t in self._templates or [] if t.key == key), None)
        if template is None or language not in template.languages:
            return
        editor.fill(
            {
                "title": template.titles.get(language, key),
                "texts": fill(template, language, {}),
                "template": key,
            }
        )

    @Slot(object)
    def save_template(self, values: dict[str, Any]) -> None:
        """A coordinator keeps this text as the operation's version of a template (the
        template chosen, else a new one named after the title)."""
        key = values.get("template") or _slug(values.get("title", ""))
        try:
            self.store.messages.save_template(self.operation_id, {**values, "key": key})
        except (ValidationError, NotFoundError) as error:
            self._refused(error)
            return
        self._done(self.tr("Template saved for this operation."))
        self._offer_templates()

    # -- rumours ------------------------------------------------------------------------------

    def show_rumour(self, rumour_id: str | None) -> None:
        try:
            rumour = self.store.rumours.get(rumour_id) if rumour_id else None
        except NotFoundError:
            rumour = None
        sightings = self.store.rumours.sightings(rumour["id"]) if rumour else []
        described = self.store.rumours.described(sightings)
        seen = next(
            (
                b.sightings
                for b in self.desk.data.board
                if rumour and b.rumour["id"] == rumour["id"]
            ),
            None,
        )
        panel = self.desk.rumour_panel
        panel.show_rumour(rumour, sightings, self.desk.data.messages, described, seen)
        panel.show_candidates(
            self.store.rumours.unlinked_posts(self.operation_id) if self.operation_id else []
        )

    @Slot()
    def new_rumour(self) -> None:
        self.desk.board_view.clearSelection()
        self.show_rumour(None)
        self.desk.show_tab(2)
        self.desk.rumour_panel.claim_edit.setFocus()

    @Slot(object)
    def save_rumour(self, values: dict[str, Any]) -> None:
        panel = self.desk.rumour_panel
        try:
            if panel.rumour is None:
                rumour = self.store.rumours.add(self.operation_id, values)
            else:
                rumour = self.store.rumours.edit(panel.rumour["id"], values)
        except (ValidationError, NotFoundError) as error:
            self._refused(error)
            return
        self._done(self.tr("Rumour saved."))
        self.show_rumour(rumour["id"])

    @Slot(str, str)
    def link_post(self, rumour_id: str, item_id: str) -> None:
        try:
            self.store.rumours.link(rumour_id, "item", item_id)
        except (ValidationError, NotFoundError) as error:
            self._refused(error)
            return
        self._done(self.tr("Linked."))
        self.show_rumour(rumour_id)

    @Slot(str)
    def write_correction(self, rumour_id: str) -> None:
        rumour = self.store.rumours.get(rumour_id)
        self.new_message(
            {"purpose": "correction", "rumour_id": rumour_id, "title": rumour["claim"][:100]}
        )


def _slug(title: str) -> str:
    return "-".join("".join(c if c.isalnum() else " " for c in title.lower()).split())[:40]


def _relay_channel(channel: str) -> str:
    """A message's version (long: web or e-mail) as a relay's channel."""
    return "web" if channel == "long" else channel
