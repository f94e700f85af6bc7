"""Read receipts: that a player opened what an exercise inject delivered — the "seen" of
the controllers' timeline, between released and answered.

A player's desk calls `saw` when the player opens a record (a post's card, an alert, a
radio message, a report). The receipt is written once per player and record, only when
the record is one an inject delivered, in an exercise operation, and this device's user
plays the exercise: a device joined as one of its controllers (or never joined to a
server, such as the controller's own laptop in a demo) writes none, so a controller
checking what went out is never counted as a player who saw it. The receipt syncs to
the controllers like any record (it is no secret: the server sends it to every member).

A Repository over the store's Replica: used from the thread that opened the store (the
window calls `saw` on its writes lane).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from fieldapp.core.errors import ValidationError
from fieldapp.core.operations import get_operation
from fieldapp.core.record_types import ReadReceipt
from fieldapp.core.records import TABLES
from fieldapp.core.replica import Repository, new_id
from fieldapp.core.rights import delivered, leads
from fieldapp.core.times import utc_now

# What a receipt may name: what an inject is delivered as (exercises/release.py).
RECEIPT_ENTITIES = ("item", "alert", "radio_message", "report")
FIELDS = ("entity", "record_id", "seen_at")


def validate_receipt(values: Mapping[str, Any]) -> dict[str, str]:
    """The stored values of a receipt, or ValidationError naming the bad field."""
    entity = str(values.get("entity") or "")
    if entity not in RECEIPT_ENTITIES:
        raise ValidationError(
            {
                "entity": (
                    "unknown",
                    f"a read receipt names one of {', '.join(RECEIPT_ENTITIES)}, not {entity!r}",
                )
            }
        )
    return {name: str(values.get(name) or "") for name in FIELDS}


def delivered_by_inject(entity: str, record: Mapping[str, Any]) -> bool:
    """Whether a record of `entity` is one an exercise inject delivered (its mark)."""
    from fieldapp.exercises.release import EXERCISE_SENDER
    from fieldapp.monitoring.items import EXERCISE_KEY

    if entity == "item":
        return str(record["post_key"]).startswith(EXERCISE_KEY)
    if entity == "alert":
        return record["sender"] == EXERCISE_SENDER
    return delivered(entity, record)


class ReadReceipts(Repository):
    """The read receipts of exercise operations."""

    def saw(self, entity: str, record_id: str) -> ReadReceipt | None:
        """This device's user opened `record_id`: its receipt, written now if it is the
        first and the record is an inject's that this user plays; else None (nothing is
        written: a real operation's record, a controller, a record since deleted)."""
        validate_receipt({"entity": entity})
        row = self.conn.execute(
            f"SELECT * FROM {TABLES[entity]} WHERE id = ? AND deleted = 0",
            [record_id],
        ).fetchone()
        if row is None or not delivered_by_inject(entity, dict(row)):
            return None
        if not get_operation(self.conn, row["operation_id"])["exercise"] or not self._plays():
            return None
        if self._mine(entity, record_id):
            return None
        receipt_id = new_id()
        now = utc_now()
        record = {
            "id": receipt_id,
            "operation_id": row["operation_id"],
            "entity": entity,
            "record_id": record_id,
            "seen_at": now,
            "author": self.db.user,
            "created_at": now,
        }
        with self.db.transaction():
            if self._mine(entity, record_id):  # written meanwhile by another program
                return None
            self.db.insert_records("read_receipt", [record])
        return self._get(receipt_id)

    def seen(self, operation_id: str) -> dict[str, list[tuple[str, str]]]:
        """Per record id: (seen_at, player) of each receipt, oldest first."""
        found: dict[str, list[tuple[str, str]]] = {}
        for record_id, seen_at, author in self.conn.execute(
            "SELECT record_id, seen_at, author FROM read_receipts"
            " WHERE operation_id = ? AND deleted = 0 ORDER BY seen_at, seq",
            [operation_id],
        ):
            found.setdefault(record_id, []).append((seen_at, author))
        return found

    def list(self, operation_id: str) -> list[ReadReceipt]:
        cursor = self.conn.execute(
            "SELECT * FROM read_receipts WHERE operation_id = ? AND deleted = 0"
            " ORDER BY seen_at, seq",
            [operation_id],
        )
        return [_decoded(row) for row in cursor]

    def _plays(self) -> bool:
        role = self.db.sync_state("role")
        return bool(role) and not leads(role, True)

    def _mine(self, entity: str, record_id: str) -> bool:
        return (
            self.conn.execute(
                "SELECT 1 FROM read_receipts WHERE record_id = ? AND entity = ?"
                " AND author = ? AND deleted = 0",
                [record_id, entity, self.db.user],
            ).fetchone()
            is not None
        )

    def _get(self, receipt_id: str) -> ReadReceipt:
        row = self.conn.execute("SELECT * FROM read_receipts WHERE id = ?", [receipt_id]).fetchone()
        return _decoded(row)


def _decoded(row: Any) -> ReadReceipt:
    record = dict(row)
    record["field_hlc"] = json.loads(record["field_hlc"])
    return record  # type: ignore[return-value]
