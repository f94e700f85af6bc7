"""Relays: where an official alert or a public message went — on which channel, through
which station or account, when, with the link to what was posted. The answer to "did this
alert reach the valley cut off by the flood?".

A Repository over the store's Replica: used from the thread that opened the store.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import Any

from fieldapp.alerts import rows
from fieldapp.core.errors import ValidationError
from fieldapp.core.operations import get_operation
from fieldapp.core.record_types import Relay
from fieldapp.core.replica import Repository, new_id
from fieldapp.core.times import parse_time, utc_now

CHANNELS = ("radio", "mastodon", "x", "sms", "web", "email", "phone", "other")
RADIO_MARK = "CAP "  # a radio message's operator note naming the alert it relays
_NAMESPACE = uuid.UUID("3d5e7f90-1a2b-5c4d-8e6f-0a1b2c3d4e5f")  # radio relays: never change it


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

    def note_radio_relays(self, operation_id: str) -> list[str]:
        """Record as relays the radio messages that relay an alert (their operator note says
        `CAP <identifier>`: what relaying from the alerts desk prefills), once each. The
        relay's id comes from the radio message, so two laptops that both note the same
        synced message write the same record. Returns the new relays' ids."""
        found = self.conn.execute(
            "SELECT m.id AS message_id, m.direction, m.origin_station, m.sent_to,"
            " m.received_from, coalesce(m.sent_at, m.received_at, m.created_at) AS at,"
            " a.id AS alert_id FROM radio_messages m JOIN alerts a"
            " ON a.operation_id = m.operation_id AND a.deleted = 0"
            " AND m.op_note = 'CAP ' || a.identifier"
            " WHERE m.operation_id = ? AND m.deleted = 0"
            " AND NOT EXISTS (SELECT 1 FROM relays r WHERE r.radio_message_id = m.id)",
            [operation_id],
        ).fetchall()
        rows = []
        for row in {r["message_id"]: r for r in found}.values():
            via = row["sent_to"] or row["origin_station"] or row["received_from"]
            rows.append({
                "id": str(uuid.uuid5(_NAMESPACE, row["message_id"])),
                "operation_id": operation_id, "alert_id": row["alert_id"], "message_id": None,
                "channel": "radio", "via": via, "at": row["at"], "link": "",
                "radio_message_id": row["message_id"], "note": "", "author": self.db.user,
                "created_at": utc_now(),
            })  # fmt: skip
        if rows:
            with self.db.transaction():
                marks = ", ".join("?" * len(rows))
                sql = f"SELECT id FROM relays WHERE id IN ({marks})"
                known = {r[0] for r in self.conn.execute(sql, [r["id"] for r in rows])}
                self.db.insert_records("relay", [r for r in rows if r["id"] not in known])
        return [r["id"] for r in rows]

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
