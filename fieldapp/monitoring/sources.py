"""The sources this laptop watches: feeds, Mastodon timelines and CAP indexes its user added.

Sources are local to the device, never synced: the app fetches nothing its own user did
not add (a teammate's source reaches this laptop only as the posts it brought). Each row
keeps its polling state (polling.PollState as JSON: ETag, Last-Modified, the newest
Mastodon id seen, failures, when it is next due, the last error in words). One source
per canonical address in an operation: adding the same feed twice is refused.
`Sources` is the repository the Store holds as `store.sources`: one replica, one thread.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime

from fieldapp.core.errors import NotFoundError, ValidationError
from fieldapp.core.operations import get_operation
from fieldapp.core.replica import Repository, new_id
from fieldapp.core.times import utc_now
from fieldapp.monitoring.polling import (
    MIN_INTERVAL_S,
    SOURCE_KINDS,
    PollState,
    SourceSpec,
    parse_address,
    source_key,
)

DEFAULT_INTERVAL_S = 120
NAME_MAX = 120
# What a source's posts are, as items say it (items.POST_KINDS): a function of the post.
POST_KIND = {
    "rss": "feed",
    "atom": "feed",
    "mastodon_tag": "mastodon",
    "mastodon_account": "mastodon",
}


@dataclass(frozen=True)
class Source:
    """A watched source with its polling state and how many posts it brought today."""

    id: str
    operation_id: str
    kind: str
    address: str
    key: str
    name: str
    interval_s: int
    enabled: bool
    created_at: str
    state: PollState
    items_today: int = 0

    @property
    def spec(self) -> SourceSpec:
        return SourceSpec(self.kind, self.address, self.interval_s)

    @property
    def post_kind(self) -> str:
        return POST_KIND[self.kind]


class Sources(Repository):
    """Adding, listing and removing sources, and keeping their polling state."""

    def add(
        self, operation_id: str, kind: str, address: str, *, name: str = "",
        interval_s: int = DEFAULT_INTERVAL_S,
    ) -> Source:  # fmt: skip
        """Watch a new source; raises ValidationError naming what is wrong (an unknown
        kind, an address that is not one, an interval under 30 s, a source already here)."""
        get_operation(self.conn, operation_id)
        if kind not in SOURCE_KINDS:
            raise ValidationError(
                {"kind": ("unknown_value", f"{kind!r} is not one of {', '.join(SOURCE_KINDS)}")}
            )
        if interval_s < MIN_INTERVAL_S:
            raise ValidationError(
                {"interval_s": ("too_small", f"at least {MIN_INTERVAL_S} seconds between polls")}
            )
        canonical = parse_address(kind, address)
        key = source_key(kind, canonical)
        clean_name = (name.strip() or canonical)[:NAME_MAX]
        source_id = new_id()
        with self.db.transaction():
            if self._by_key(operation_id, key) is not None:
                raise ValidationError({"address": ("duplicate", f"{canonical} is already watched")})
            self.conn.execute(
                "INSERT INTO monitor_sources(id, operation_id, kind, address, source_key, name, "
                "interval_s, enabled, created_at, state) VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?)",
                [source_id, operation_id, kind, canonical, key, clean_name, interval_s,
                 utc_now(), PollState().to_json()],
            )  # fmt: skip
        return self.get(source_id)

    def remove(self, source_id: str) -> None:
        """Stop watching a source; the posts it brought stay."""
        self.get(source_id)
        with self.db.transaction():
            self.conn.execute("DELETE FROM monitor_sources WHERE id = ?", [source_id])
            self.conn.execute("DELETE FROM item_sources WHERE source_id = ?", [source_id])

    def set_enabled(self, source_id: str, enabled: bool) -> Source:
        self.get(source_id)
        with self.db.transaction():
            self.conn.execute(
                "UPDATE monitor_sources SET enabled = ? WHERE id = ?", [int(enabled), source_id]
            )
        return self.get(source_id)

    def save_state(self, source_id: str, state: PollState) -> None:
        """Keep a source's polling state (after each poll, in its own transaction)."""
        with self.db.transaction():
            self.conn.execute(
                "UPDATE monitor_sources SET state = ? WHERE id = ?", [state.to_json(), source_id]
            )

    def get(self, source_id: str) -> Source:
        row = self.conn.execute(
            "SELECT * FROM monitor_sources WHERE id = ?", [source_id]
        ).fetchone()
        if row is None:
            raise NotFoundError(f"no source with id {source_id}")
        return self._source(row)

    def find(self, operation_id: str, text: str) -> Source:
        """A source of an operation by id, id prefix (8+ characters) or name."""
        for source in self.list(operation_id):
            if text in (source.id, source.name) or (len(text) >= 8 and source.id.startswith(text)):
                return source
        raise NotFoundError(f"no source {text!r} in this operation")

    def list(self, operation_id: str | None = None) -> list[Source]:
        """The sources of an operation (of every operation if None), oldest first."""
        if operation_id is None:
            rows = self.conn.execute("SELECT * FROM monitor_sources ORDER BY created_at, id")
        else:
            rows = self.conn.execute(
                "SELECT * FROM monitor_sources WHERE operation_id = ? ORDER BY created_at, id",
                [operation_id],
            )
        return [self._source(row) for row in rows.fetchall()]

    def _by_key(self, operation_id: str, key: str) -> sqlite3.Row | None:
        return self.conn.execute(
            "SELECT * FROM monitor_sources WHERE operation_id = ? AND source_key = ?",
            [operation_id, key],
        ).fetchone()

    def _source(self, row: sqlite3.Row) -> Source:
        today = datetime.now(UTC).astimezone().replace(hour=0, minute=0, second=0, microsecond=0)
        since = today.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z")
        count = self.conn.execute(
            "SELECT count(*) FROM item_sources WHERE source_id = ? AND fetched_at >= ?",
            [row["id"], since],
        ).fetchone()[0]
        return Source(
            row["id"], row["operation_id"], row["kind"], row["address"], row["source_key"],
            row["name"], row["interval_s"], bool(row["enabled"]), row["created_at"],
            PollState.from_json(row["state"]), count,
        )  # fmt: skip
