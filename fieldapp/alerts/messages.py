"""Public messages: written once with a version per channel, approved by a second person,
published (where, when, by whom), withdrawn. And the coordinators' message templates.

States: draft -> approved -> published -> withdrawn (a draft or an approved message may
be withdrawn too). An edit of an approved message sends it back to draft: what was
approved is what is published. The author never approves its own message; on a device
that joined a server, only a coordinator (a trainer in an exercise) approves
(core/rights.py decides, the server enforces it again). Publishing is recorded as a relay
(channel, account, link, time) and marks the message published; posting through an
account is the job's (ui), which never posts an exercise's message to a real account.

A Repository over the store's Replica: used from the thread that opened the store.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from fieldapp.alerts import rows
from fieldapp.core.errors import ValidationError
from fieldapp.core.operations import get_operation
from fieldapp.core.record_types import MessageTemplate, PublicMessage
from fieldapp.core.replica import Repository, new_id
from fieldapp.core.times import parse_time, utc_now

PURPOSES = ("prevention", "alert", "correction")
STATUSES = ("draft", "approved", "published", "withdrawn")
CHANNELS = ("mastodon", "x", "sms", "long")
MESSAGE_FIELDS = (
    "purpose",
    "title",
    "language",
    "texts",
    "hashtags",
    "link",
    "alert_id",
    "rumour_id",
    "template",
    "note",
)
_JSON = ("texts", "hashtags")


def validate_message(values: Mapping[str, Any]) -> dict[str, Any]:
    """The stored values of a message's form, or ValidationError naming every bad field."""
    errors: dict[str, tuple[str, str]] = {}
    purpose = str(values.get("purpose") or "prevention")
    if purpose not in PURPOSES:
        errors["purpose"] = ("unknown_value", f"{purpose!r} is not one of {', '.join(PURPOSES)}")
    title = " ".join(str(values.get("title") or "").split())
    if not title:
        errors["title"] = ("required", "a message needs a title")
    language = str(values.get("language") or "").strip()
    if not language:
        errors["language"] = ("required", "a message needs a language (fr, en...)")
    texts = values.get("texts") or {}
    if not isinstance(texts, Mapping) or set(texts) - set(CHANNELS):
        errors["texts"] = ("unknown_value", f"texts are given per channel: {', '.join(CHANNELS)}")
        texts = {}
    texts = {c: str(texts[c]).strip() for c in CHANNELS if str(texts.get(c) or "").strip()}
    if not texts and "texts" not in errors:
        errors["texts"] = ("required", "a message needs a text for at least one channel")
    link = str(values.get("link") or "").strip()
    if link and not link.startswith(("https://", "http://")):
        errors["link"] = ("invalid", f"{link!r} is not a web address (http:// or https://)")
    if errors:
        raise ValidationError(errors)
    tags = [t.strip().lstrip("#") for t in values.get("hashtags") or [] if str(t).strip("# ")]
    return {
        "purpose": purpose,
        "title": title,
        "language": language,
        "texts": json.dumps(texts, ensure_ascii=False),
        "hashtags": json.dumps(list(dict.fromkeys(tags)), ensure_ascii=False),
        "link": link,
        "alert_id": values.get("alert_id") or None,
        "rumour_id": values.get("rumour_id") or None,
        "template": str(values.get("template") or ""),
        "note": str(values.get("note") or ""),
    }


class Messages(Repository):
    """The public messages of operations, their approval and publication."""

    def add(self, operation_id: str, values: Mapping[str, Any]) -> PublicMessage:
        """A new draft, written by this user."""
        get_operation(self.conn, operation_id)
        clean = validate_message(values)
        self._check_links(operation_id, clean)
        message_id = new_id()
        row = {
            "id": message_id,
            "operation_id": operation_id,
            "status": "draft",
            "approved_by": "",
            "approved_at": None,
            "author": self.db.user,
            "created_at": utc_now(),
            **clean,
        }
        with self.db.transaction():
            self.db.insert_records("public_message", [row])
            if clean["rumour_id"]:  # the correction of a rumour that has none yet
                rumour = rows.live_row(self.conn, "rumour", clean["rumour_id"])
                if not rumour["message_id"]:
                    self.db.update_record("rumour", rumour, {"message_id": (None, message_id)})
        return self.get(message_id)

    def edit(self, message_id: str, changes: Mapping[str, Any]) -> PublicMessage:
        """Change a draft or an approved message (which goes back to draft)."""
        current = rows.live_row(self.conn, "public_message", message_id)
        if current["status"] in ("published", "withdrawn"):
            raise ValidationError(
                {
                    "status": (
                        "final",
                        (f"this message is {current['status']}: write a new one instead"),
                    )
                }
            )
        merged = {**_form(current), **changes}
        clean = validate_message(merged)
        self._check_links(current["operation_id"], clean)
        if any(current[k] != v for k, v in clean.items()) and current["status"] == "approved":
            clean.update(status="draft", approved_by="", approved_at=None)
        rows.write_changes(self.db, "public_message", current, clean)
        return self.get(message_id)

    def approve(self, message_id: str) -> PublicMessage:
        """A second person approves a draft for publication."""
        current = rows.live_row(self.conn, "public_message", message_id)
        if current["status"] != "draft":
            raise ValidationError(
                {
                    "status": (
                        "not_draft",
                        (f"only a draft is approved; this message is {current['status']}"),
                    )
                }
            )
        if current["author"] == self.db.user:
            raise ValidationError(
                {
                    "approved_by": (
                        "own_message",
                        ("the author of a message cannot approve it: another coordinator must"),
                    )
                }
            )
        if rows.leads_here(self.db, current["operation_id"]) is False:
            raise ValidationError(
                {"approved_by": ("server_role", ("only a coordinator approves a public message"))}
            )
        changes = {"status": "approved", "approved_by": self.db.user, "approved_at": utc_now()}
        rows.write_changes(self.db, "public_message", current, changes)
        return self.get(message_id)

    def publish(
        self, message_id: str, *, channel: str, via: str = "", link: str = "", at: str = ""
    ) -> str:
        """Record that an approved message went out on a channel (by this user, through
        `via`: an account, a station); the message is published. Returns the relay's id."""
        from fieldapp.alerts.relays import Relays

        current = rows.live_row(self.conn, "public_message", message_id)
        if current["status"] not in ("approved", "published"):
            raise ValidationError(
                {
                    "status": (
                        "not_approved",
                        ("a message is published only once a coordinator approved it"),
                    )
                }
            )
        with self.db.transaction():
            relay_id = Relays(self.db).add_within(
                current["operation_id"],
                {
                    "message_id": message_id,
                    "alert_id": current["alert_id"],
                    "channel": channel,
                    "via": via,
                    "link": link,
                    "at": parse_time(at) if at else utc_now(),
                },
            )
            if current["status"] != "published":
                fresh = rows.live_row(self.conn, "public_message", message_id)
                self.db.update_record(
                    "public_message", fresh, {"status": ("approved", "published")}
                )
        return relay_id

    def withdraw(self, message_id: str, reason: str = "") -> PublicMessage:
        current = rows.live_row(self.conn, "public_message", message_id)
        if current["status"] == "withdrawn":
            return self.get(message_id)
        note = "\n".join(t for t in (current["note"], reason.strip()) if t)
        rows.write_changes(
            self.db, "public_message", current, {"status": "withdrawn", "note": note}
        )
        return self.get(message_id)

    def get(self, message_id: str) -> PublicMessage:
        return _decoded(rows.live_row(self.conn, "public_message", message_id))

    def list(self, operation_id: str, status: str | None = None) -> list[PublicMessage]:
        """The operation's messages, newest first."""
        sql = "SELECT * FROM public_messages WHERE operation_id = ? AND deleted = 0"
        args: list[Any] = [operation_id]
        if status:
            sql += " AND status = ?"
            args.append(status)
        return [_decoded(r) for r in self.conn.execute(sql + " ORDER BY created_at DESC", args)]

    def _check_links(self, operation_id: str, clean: Mapping[str, Any]) -> None:
        rows.check_in_operation(self.conn, "alert", clean["alert_id"], operation_id, "alert_id")
        rows.check_in_operation(self.conn, "rumour", clean["rumour_id"], operation_id, "rumour_id")

    # -- templates ------------------------------------------------------------------------

    def templates(self, operation_id: str) -> list[MessageTemplate]:
        """The coordinators' templates of the operation (they override the shipped ones
        of the same key and language)."""
        cursor = self.conn.execute(
            "SELECT * FROM message_templates WHERE operation_id = ? AND deleted = 0"
            " ORDER BY key, language",
            [operation_id],
        )
        return [rows.decoded(r, "texts") for r in cursor]  # type: ignore[misc]

    def save_template(self, operation_id: str, values: Mapping[str, Any]) -> MessageTemplate:
        """A coordinator's version of a template (key + language), replacing its own."""
        get_operation(self.conn, operation_id)
        if rows.leads_here(self.db, operation_id) is False:
            raise ValidationError({"key": ("server_role", "only a coordinator edits templates")})
        key, language = str(values.get("key") or "").strip(), str(values.get("language") or "")
        clean = validate_message({**values, "purpose": "prevention"})
        fields = {
            "hazard": str(values.get("hazard") or ""),
            "title": clean["title"],
            "texts": clean["texts"],
        }
        if not key:
            raise ValidationError({"key": ("required", "a template needs a key (flood, heat...)")})
        existing = self.conn.execute(
            "SELECT * FROM message_templates WHERE operation_id = ? AND key = ? AND language = ?"
            " AND deleted = 0",
            [operation_id, key, language],
        ).fetchone()
        if existing is not None:
            rows.write_changes(self.db, "message_template", dict(existing), fields)
            template_id = existing["id"]
        else:
            template_id = new_id()
            row = {
                "id": template_id,
                "operation_id": operation_id,
                "key": key,
                "language": language,
                "author": self.db.user,
                "created_at": utc_now(),
                **fields,
            }
            with self.db.transaction():
                self.db.insert_records("message_template", [row])
        return rows.decoded(rows.live_row(self.conn, "message_template", template_id), "texts")  # type: ignore[return-value]


def _form(current: Mapping[str, Any]) -> dict[str, Any]:
    form = {name: current[name] for name in MESSAGE_FIELDS}
    for name in _JSON:
        form[name] = json.loads(form[name])
    return form


def _decoded(row: Mapping[str, Any]) -> PublicMessage:
    return rows.decoded(row, *_JSON)  # type: ignore[return-value]
