"""Relays: where an official alert or a public message went — on which channel, through
which station or account, when, with the link to what was posted. The answer to "did this
alert reach the valley cut off by the flood?".

A Repository over the store's Replica: used from the thread that opened the store.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from fieldapp.alerts import rows
from fieldapp.core.errors import ValidationError
from fieldapp.core.operations import get_operation
from fieldapp.core.record_types import Relay
from fieldapp.core.replica import Repository, new_id
from fieldapp.core.times import parse_time, utc_now

CHANNELS = ("radio", "mastodon", "x", "sms", "web", "email", "phone", "other")


class Relays(Repository):
    """Recording and reading relays."""

    def add(self, operation_id: str, values: Mapping[str, Any]) -> Relay:
        """Record a relay of an alert and/or a message (one of them at least)."""
        with self.db.transaction():
            relay_id = self.add_within(operation_id, values)
        return self.get(relay_id)

    def add_within(self, operation_id: str, values: Mapping[str, Any]) -> str:
        """The same, inside the caller's transaction; returns the relay's id."""
        get_operation(self.conn, operation_id)
        clean = validate_relay(values)
        for entity, name in (
            ("alert", "alert_id"),
            ("public_message", "message_id"),
            ("radio_message", "radio_message_id"),
        ):
            rows.check_in_operation(self.conn, entity, clean[name], operation_id, name)
        relay_id = new_id()
        row = {
            "id": relay_id,
            "operation_id": operation_id,
            "author": self.db.user,
            "created_at": utc_now(),
            **clean,
        }
        self.db.insert_records("relay", [row])
        return relay_id

    def get(self, relay_id: str) -> Relay:
        return rows.decoded(rows.live_row(self.conn, "relay", relay_id))  # type: ignore[return-value]

    def of_alert(self, alert_id: str) -> list[Relay]:
        """Every relay of an alert, those of the public messages that relay it included,
        oldest first."""
        cursor = self.conn.execute(
            "SELECT * FROM relays WHERE deleted = 0 AND (alert_id = ? OR message_id IN"
            " (SELECT id FROM public_messages WHERE alert_id = ? AND deleted = 0))"
            " ORDER BY at, seq",
            [alert_id, alert_id],
        )
        return [rows.decoded(r) for r in cursor]  # type: ignore[misc]

    def of_message(self, message_id: str) -> list[Relay]:
        cursor = self.conn.execute(
            "SELECT * FROM relays WHERE deleted = 0 AND message_id = ? ORDER BY at, seq",
            [message_id],
        )
        return [rows.decoded(r) for r in cursor]  # type: ignore[misc]


def validate_relay(values: Mapping[str, Any]) -> dict[str, Any]:
    errors: dict[str, tuple[str, str]] = {}
    channel = str(values.get("channel") or "")
    if channel not in CHANNELS:
        errors["channel"] = ("unknown_value", f"{channel!r} is not one of {', '.join(CHANNELS)}")
    if not values.get("alert_id") and not values.get("message_id"):
        errors["alert_id"] = ("required", "a relay is of an alert or of a public message")
    at = str(values.get("at") or "") or utc_now()
    try:
        at = parse_time(at)
    except ValueError as exc:
        errors["at"] = ("invalid", str(exc))
    link = str(values.get("link") or "").strip()
    if errors:
        raise ValidationError(errors)
    return {
        "alert_id": values.get("alert_id") or None,
        "message_id": values.get("message_id") or None,
        "channel": channel,
        "via": " ".join(str(values.get("via") or "").split()),
        "at": at,
        "link": link,
        "radio_message_id": values.get("radio_message_id") or None,
        "note": str(values.get("note") or "").strip(),
    }
