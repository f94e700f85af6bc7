"""Response times, measured from the data: for each released inject, the time from its
release to the first player action that answers it, found through the links the records
already keep — never typed by hand.

What answers an inject, by what it was delivered as (a player's doing: never what the
user who released it wrote, such as the arrival hop logged with a radio message):
- a post (`item`): it is claimed, promoted to a report, attached to one, marked as a
  rumour or dismissed (its history: received changes keep the stamp of the player's
  device, whose wall time is when the player acted);
- an official alert: it is relayed (a relay of it, or of a public message relaying it);
- a radio message: it is passed on (a relay hop) or its status changes (relayed,
  delivered...);
- a report: it is edited — triaged, verified, located, given a status.

Functions of a Store: run them in the thread that opened it (a job, or the CLI).
"""

from __future__ import annotations

import json
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from fieldapp.core.hlc import Stamp
from fieldapp.core.times import format_time

if TYPE_CHECKING:
    from fieldapp.core.record_types import Inject
    from fieldapp.store import Store

ANSWERING_FIELDS = {
    "item": ("status", "claimed_by", "report_id", "cluster_pin"),
    "report": (
        "status",
        "verification",
        "verified_by",
        "lat",
        "lon",
        "place",
        "severity",
        "duplicate_of",
        "title",
        "body",
    ),
    "radio_message": ("status", "sent_to", "delivered_to", "sent_at", "delivered_at"),
}


@dataclass(frozen=True)
class Response:
    """One released inject and the first action that answered it (None: not yet)."""

    number: str
    channel: str
    released_at: str
    answered_at: str | None
    what: str  # the action in words: "item status: rumour", "relay radio F4ABC"
    seen_at: str | None = None  # when a player first opened what it delivered
    seen_by: str = ""

    @property
    def seconds(self) -> float | None:
        if self.answered_at is None:
            return None
        return (_moment(self.answered_at) - _moment(self.released_at)).total_seconds()

    @property
    def seen_seconds(self) -> float | None:
        if self.seen_at is None:
            return None
        return max(0.0, (_moment(self.seen_at) - _moment(self.released_at)).total_seconds())

    def as_dict(self) -> dict[str, str | float | None]:
        """As `exercise responses --json` prints it and an archived run keeps it."""
        return {
            "number": self.number,
            "channel": self.channel,
            "released_at": self.released_at,
            "answered_at": self.answered_at,
            "seconds": self.seconds,
            "what": self.what,
            "seen_at": self.seen_at,
            "seen_by": self.seen_by,
            "seen_seconds": self.seen_seconds,
        }


def responses(store: Store, operation_id: str) -> list[Response]:
    """Every released inject of the exercise with its first answer and the first time a
    player opened what it delivered (read receipts), in release order."""
    found = []
    receipts = store.receipts.seen(operation_id)
    for inject in store.injects.list(operation_id):
        if inject["status"] != "released" or not inject["released_at"]:
            continue
        answers = [(a.at, a.what) for a in player_actions(store, inject)]
        first = min(answers, default=None)
        seen = first_seen(inject, receipts)
        found.append(
            Response(
                inject["number"],
                inject["channel"],
                inject["released_at"],
                first[0] if first else None,
                first[1] if first else "",
                seen[0] if seen else None,
                seen[1] if seen else "",
            )
        )
    found.sort(key=lambda r: r.released_at)
    return found


def first_seen(
    inject: Inject, receipts: dict[str, list[tuple[str, str]]]
) -> tuple[str, str] | None:
    """(when, who) a player first opened a record the inject delivered, from the read
    receipts by record id (`ReadReceipts.seen`); never the inject's own controller."""
    return min(
        (
            (at, player)
            for record in inject["delivered"]
            for at, player in receipts.get(record["id"], ())
            if player != inject["author"]
        ),
        default=None,
    )


@dataclass(frozen=True, order=True)
class PlayerAction:
    """One thing a player did with what an inject became, after its release."""

    at: str
    player: str  # the user who did it
    what: str


def player_actions(store: Store, inject: Inject) -> list[PlayerAction]:
    """Everything players did with the records a released inject became, oldest first:
    the controller's view of what each player did after each inject."""
    if not inject["released_at"]:
        return []
    found = {
        PlayerAction(at, player, what)
        for record in inject["delivered"]
        for at, what, player in _answers(store, record, inject)
        if at >= inject["released_at"]
    }
    return sorted(found)


def summary(found: Iterable[Response]) -> dict[str, dict[str, float | int | None]]:
    """Per channel: how many answered of how many, median and slowest seconds."""
    by_channel: dict[str, list[Response]] = {}
    for response in found:
        by_channel.setdefault(response.channel, []).append(response)
    out: dict[str, dict[str, float | int | None]] = {}
    for channel, items in sorted(by_channel.items()):
        times = [r.seconds for r in items if r.seconds is not None]
        out[channel] = {
            "released": len(items),
            "answered": len(times),
            "median_s": statistics.median(times) if times else None,
            "slowest_s": max(times) if times else None,
        }
    return out


def _answers(store: Store, record: dict, inject: Inject) -> Sequence[tuple[str, str, str]]:
    """(when, what, who) of each answer to one delivered record."""
    entity, record_id = record["entity"], record["id"]
    if entity == "alert":
        return _alert_answers(store, record_id)
    if entity == "radio_message":
        hops = [  # not the arrival hop the controller's device logged with the message
            (r[0], f"hop to {r[1]}", r[2])
            for r in store.conn.execute(
                "SELECT at, to_station, author FROM radio_hops"
                " WHERE message_id = ? AND deleted = 0 AND author != ?",
                [record_id, inject["author"]],
            )
        ]
        return hops + _edits(store, entity, record_id, inject)
    return _edits(store, entity, record_id, inject)


def _edits(store: Store, entity: str, record_id: str, inject: Inject) -> list[tuple[str, str, str]]:
    """Changes of answering fields after its creation, at the wall time of their stamp."""
    wanted = ANSWERING_FIELDS.get(entity, ())
    found = []
    for hlc, author, changes in store.conn.execute(
        "SELECT hlc, author, changes FROM history WHERE entity = ? AND row_id = ?"
        " AND action != 'created' ORDER BY seq",
        [entity, record_id],
    ):
        touched = [name for name in json.loads(changes) if name in wanted]
        if touched and hlc and author != inject["author"]:
            value = json.loads(changes)[touched[0]]
            after = value[-1] if isinstance(value, list) and value else value
            found.append((_stamp_time(hlc), f"{entity} {touched[0]}: {after}", author))
    return found


def _alert_answers(store: Store, alert_id: str) -> list[tuple[str, str, str]]:
    rows = store.conn.execute(
        "SELECT at, channel, via, author FROM relays WHERE deleted = 0 AND (alert_id = ?"
        " OR message_id IN (SELECT id FROM public_messages WHERE alert_id = ? AND deleted = 0))",
        [alert_id, alert_id],
    )
    drafts = store.conn.execute(
        "SELECT created_at, author FROM public_messages WHERE alert_id = ? AND deleted = 0",
        [alert_id],
    )
    return [(r[0], f"relay {r[1]} {r[2]}".strip(), r[3]) for r in rows] + [
        (r[0], "public message drafted", r[1]) for r in drafts
    ]


def _stamp_time(hlc: str) -> str:
    wall = Stamp.parse(hlc).wall_ms
    return format_time(datetime.fromtimestamp(wall / 1000, UTC))


def _moment(iso: str) -> datetime:
    return datetime.fromisoformat(iso.replace("Z", "+00:00"))
