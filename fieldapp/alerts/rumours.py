"""Rumours: the claim, when it was first seen, the posts and reports that carry it (its
sightings), its status (spreading, checking, confirmed, debunked), the verification done,
and the public message that corrects it. The board lists them by how fast they spread.

A sighting's id comes from the rumour and the post or report, so linking the same post
twice, or on two laptops, is one sighting. Linking a new post also marks it as a rumour
in the monitoring queue. A rumour's verdict (confirmed, debunked) is a coordinator's on a
device that joined a server (core/rights.py).

A Repository over the store's Replica: used from the thread that opened the store.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from fieldapp.alerts import rows
from fieldapp.core.errors import ValidationError
from fieldapp.core.operations import get_operation
from fieldapp.core.record_types import Rumour, RumourLink
from fieldapp.core.replica import Repository, new_id
from fieldapp.core.rights import VERDICTS
from fieldapp.core.times import format_time, parse_time, utc_now

STATUSES = ("spreading", "checking", "confirmed", "debunked")
TARGETS = ("item", "report")
SPREAD_HOURS = 3  # the board's speed: sightings seen in the last hours
_NAMESPACE = uuid.UUID("6a3c9e1d-2f4b-5c8a-9d7e-1b2c3d4e5f60")  # sighting ids: never change it


@dataclass(frozen=True)
class BoardRow:
    """One rumour on the board: how many sightings, how many lately (per hour)."""

    rumour: Rumour
    sightings: int
    recent: int  # seen in the last SPREAD_HOURS
    last_seen: str | None

    @property
    def per_hour(self) -> float:
        return self.recent / SPREAD_HOURS


class Rumours(Repository):
    """The rumour board of operations."""

    def add(self, operation_id: str, values: Mapping[str, Any]) -> Rumour:
        get_operation(self.conn, operation_id)
        clean = self._validated(operation_id, {"status": "spreading", **values}, None)
        rumour_id = new_id()
        row = {
            "id": rumour_id,
            "operation_id": operation_id,
            "author": self.db.user,
            "created_at": utc_now(),
            **clean,
        }
        with self.db.transaction():
            self.db.insert_records("rumour", [row])
        return self.get(rumour_id)

    def edit(self, rumour_id: str, changes: Mapping[str, Any]) -> Rumour:
        current = rows.live_row(self.conn, "rumour", rumour_id)
        names = ("claim", "first_seen", "status", "verification", "message_id")
        merged = {**{n: current[n] for n in names}, **changes}
        clean = self._validated(current["operation_id"], merged, current)
        rows.write_changes(self.db, "rumour", current, clean)
        return self.get(rumour_id)

    def _validated(
        self, operation_id: str, values: Mapping[str, Any], current: Mapping[str, Any] | None
    ) -> dict[str, Any]:
        errors: dict[str, tuple[str, str]] = {}
        claim = str(values.get("claim") or "").strip()
        if not claim:
            errors["claim"] = ("required", "a rumour needs its claim, in a few words")
        status = str(values.get("status") or "")
        if status not in STATUSES:
            errors["status"] = ("unknown_value", f"{status!r} is not one of {', '.join(STATUSES)}")
        elif _new_verdict(status, current) and rows.leads_here(self.db, operation_id) is False:
            errors["status"] = ("server_role", f"only a coordinator says a rumour is {status}")
        first_seen = values.get("first_seen") or None
        if first_seen:
            try:
                first_seen = parse_time(str(first_seen))
            except ValueError as exc:
                errors["first_seen"] = ("invalid", str(exc))
        if errors:
            raise ValidationError(errors)
        message_id = values.get("message_id") or None
        rows.check_in_operation(self.conn, "public_message", message_id, operation_id, "message_id")
        return {
            "claim": claim,
            "status": status,
            "first_seen": first_seen,
            "verification": str(values.get("verification") or "").strip(),
            "message_id": message_id,
        }

    def get(self, rumour_id: str) -> Rumour:
        return rows.decoded(rows.live_row(self.conn, "rumour", rumour_id))  # type: ignore[return-value]

    # -- sightings ------------------------------------------------------------------------

    def link(self, rumour_id: str, target: str, target_id: str) -> RumourLink:
        """A post (`item`) or a report carries the rumour: one sighting, however often."""
        rumour = rows.live_row(self.conn, "rumour", rumour_id)
        if target not in TARGETS:
            raise ValidationError({"target": ("unknown_value", "a sighting is a post or a report")})
        rows.check_in_operation(self.conn, target, target_id, rumour["operation_id"], "target_id")
        link_id = str(uuid.uuid5(_NAMESPACE, f"{rumour_id}\n{target_id}"))
        seen_at = self._seen_at(target, target_id)
        with self.db.transaction():
            known = self.conn.execute(
                "SELECT * FROM rumour_links WHERE id = ?", [link_id]
            ).fetchone()
            if known is None:
                row = {
                    "id": link_id,
                    "operation_id": rumour["operation_id"],
                    "rumour_id": rumour_id,
                    "target": target,
                    "target_id": target_id,
                    "seen_at": seen_at,
                    "author": self.db.user,
                    "created_at": utc_now(),
                }
                self.db.insert_records("rumour_link", [row])
            elif known["deleted"]:
                self.db.update_record("rumour_link", dict(known), {"deleted": (1, 0)})
            if target == "item":
                self._mark_item(target_id)
            if seen_at and (rumour["first_seen"] is None or seen_at < rumour["first_seen"]):
                current = rows.live_row(self.conn, "rumour", rumour_id)
                self.db.update_record(
                    "rumour", current, {"first_seen": (current["first_seen"], seen_at)}
                )
        return rows.decoded(rows.live_row(self.conn, "rumour_link", link_id))  # type: ignore[return-value]

    def unlink(self, rumour_id: str, target_id: str) -> None:
        link_id = str(uuid.uuid5(_NAMESPACE, f"{rumour_id}\n{target_id}"))
        rows.delete(self.db, "rumour_link", rows.live_row(self.conn, "rumour_link", link_id))

    def sightings(self, rumour_id: str) -> list[RumourLink]:
        cursor = self.conn.execute(
            "SELECT * FROM rumour_links WHERE rumour_id = ? AND deleted = 0"
            " ORDER BY seen_at IS NULL, seen_at, seq",
            [rumour_id],
        )
        return [rows.decoded(r) for r in cursor]  # type: ignore[misc]

    def described(self, links: list[RumourLink]) -> dict[str, str]:
        """What each sighting is, in a line: the post's first words, the report's title."""
        words: dict[str, str] = {}
        for link in links:
            sql = (
                "SELECT coalesce(nullif(handle, ''), author) || ': ' || text FROM items"
                " WHERE id = ?"
                if link["target"] == "item"
                else "SELECT title FROM reports WHERE id = ?"
            )
            row = self.conn.execute(sql, [link["target_id"]]).fetchone()
            words[link["id"]] = " ".join(str(row[0]).split())[:120] if row else ""
        return words

    def _seen_at(self, target: str, target_id: str) -> str | None:
        sql = (
            "SELECT posted_at FROM items WHERE id = ?"
            if target == "item"
            else "SELECT coalesce(observed_at, created_at) FROM reports WHERE id = ?"
        )
        row = self.conn.execute(sql, [target_id]).fetchone()
        return row[0] if row else None

    def _mark_item(self, item_id: str) -> None:
        current = rows.live_row(self.conn, "item", item_id)
        if current["status"] == "new":
            self.db.update_record("item", current, {"status": ("new", "rumour")})

    # -- the board ------------------------------------------------------------------------

    def board(self, operation_id: str, *, now: str | None = None) -> list[BoardRow]:
        """The operation's rumours, the fastest spreading first (sightings in the last
        SPREAD_HOURS), then the most seen; confirmed and debunked ones after the others.

        A rumour is seen in the posts and reports linked to it and, counted as they
        arrive, in every post of the monitoring desk's cards that hold a linked post
        (reposts and copies of it: the desk's clusters, kept by `Queue.settle`)."""
        moment = datetime.fromisoformat((now or utc_now()).replace("Z", "+00:00"))
        since = format_time(moment.astimezone(UTC) - timedelta(hours=SPREAD_HOURS))
        cursor = self.conn.execute(
            "SELECT * FROM rumours WHERE operation_id = ? AND deleted = 0", [operation_id]
        )
        board = []
        for row in cursor.fetchall():
            seen = [r[0] for r in self.conn.execute(_SEEN_SQL, [row["id"]])]
            dated = [t for t in seen if t]
            recent = sum(1 for t in dated if t >= since)
            board.append(BoardRow(rows.decoded(row), len(seen), recent, max(dated, default=None)))  # type: ignore[arg-type]
        board.sort(key=lambda b: (b.rumour["status"] in VERDICTS, -b.recent, -b.sightings))
        return board

    def unlinked_posts(self, operation_id: str, limit: int = 50) -> list[dict[str, Any]]:
        """The posts marked as a rumour on the monitoring desk that no rumour counts yet,
        newest first: what the board offers to link."""
        cursor = self.conn.execute(
            "SELECT id, handle, author, text, posted_at FROM items i"
            " WHERE operation_id = ? AND deleted = 0 AND status = 'rumour' AND NOT EXISTS"
            " (SELECT 1 FROM rumour_links l WHERE l.target_id = i.id AND l.deleted = 0)"
            " ORDER BY posted_at DESC LIMIT ?",
            [operation_id, limit],
        )
        return [dict(r) for r in cursor]


# Every sighting of one rumour, once each, with when it was seen: its linked reports, its
# linked posts, and the posts that share a card with a linked post.
_SEEN_SQL = """
WITH linked AS (
    SELECT target, target_id, seen_at FROM rumour_links WHERE rumour_id = ? AND deleted = 0),
linked_posts AS (SELECT target_id AS item_id FROM linked WHERE target = 'item'),
card_mates AS (
    SELECT mate.item_id FROM linked_posts p
    JOIN item_clusters own ON own.item_id = p.item_id
    JOIN item_clusters mate ON mate.cluster_id = own.cluster_id)
SELECT seen_at FROM linked WHERE target = 'report'
UNION ALL
SELECT posted_at FROM items WHERE deleted = 0
    AND (id IN (SELECT item_id FROM linked_posts) OR id IN (SELECT item_id FROM card_mates))
"""


def _new_verdict(status: str, current: Mapping[str, Any] | None) -> bool:
    return status in VERDICTS and (current is None or current["status"] != status)
