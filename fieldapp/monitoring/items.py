"""Items: the posts of the monitoring desk, as synced records, and their triage.

A post taken in from a source becomes an item whose id derives from the post (and from
its source when the post's own id is not a global address), so the same post fetched on
two laptops is one record after sync. Every synced field of a new item is a function of
the post alone: created_at is the post's date (UNKNOWN_TIME when it has none), never the
moment of the fetch, so the two copies agree and their meeting is no conflict. Which of
this laptop's sources fetched it, and when, is local (`item_sources`).

Triage (claim, dismiss, rumour, promote, attach) writes the items of a card in one
transaction. `Items` is the repository the Store holds as `store.items`: one replica,
one thread, like every repository.
"""

from __future__ import annotations

import json
import sqlite3
import uuid
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, cast

from fieldapp.core.errors import NotFoundError, ValidationError
from fieldapp.core.operations import get_operation
from fieldapp.core.record_types import Item
from fieldapp.core.replica import Repository
from fieldapp.core.times import utc_now

if TYPE_CHECKING:
    from fieldapp.monitoring.posts import Post
    from fieldapp.reports.repository import Reports

STATUSES = ("new", "rumour", "dismissed", "promoted", "attached")
OPEN = "new"
# What a post is, by the way it came (a function of the post: two laptops agree on it).
POST_KINDS = ("mastodon", "feed", "csv", "paste", "public")  # public: the server's form
UNKNOWN_TIME = "1970-01-01T00:00:00.000Z"  # created_at of a post that gives no date
_NAMESPACE = uuid.UUID("4f1c2a7e-6b0d-5f3e-9a51-6d2c1e0b7a94")  # item ids: never change it
_GLOBAL_PREFIXES = ("http://", "https://", "tag:", "urn:")
TITLE_MAX = 120


EXERCISE_KEY = "exercise:"  # the key of a post an exercise inject became (below)


def exercise_reference(post_key: str) -> str:
    """What a post an exercise inject became says of its inject, "EXERCISE inject 12
    (0193abcd)": its key is `exercise:<inject id> <reference>` (exercises/release.py);
    "" for any other post. Only an exercise operation's posts are read so (a feed could
    name a guid so): the caller checks the operation."""
    if not post_key.startswith(EXERCISE_KEY):
        return ""
    return post_key.partition(" ")[2].strip() or "EXERCISE"


def item_id(operation_id: str, post_key: str, source_key: str = "") -> str:
    """The id of a post in an operation: the same on every laptop that takes it in.

    A post key that is a global address (a URL, a tag: or urn: URI) names the post
    whatever source brought it; any other key (a feed's own guid "1234") only inside its
    source, so the source's canonical key is part of the id then."""
    scope = "" if post_key.startswith(_GLOBAL_PREFIXES) else source_key
    return str(uuid.uuid5(_NAMESPACE, f"{operation_id}\n{scope}\n{post_key}"))


@dataclass(frozen=True)
class PlaceGuess:
    """A place named in a post's text, guessed: shown as guessed, never as fact."""

    name: str
    lat: float
    lon: float


@dataclass
class Taken:
    """What taking posts in did: the ids of new items, and of those already known here."""

    new: list[str] = field(default_factory=list)
    known: list[str] = field(default_factory=list)


def item_row(
    operation_id: str, post: Post, kind: str, source_key: str, guess: PlaceGuess | None
) -> dict[str, Any]:
    """The stored row of a new item from a post: a function of the post (and the guesser)."""
    return {
        "id": item_id(operation_id, post.key, source_key),
        "operation_id": operation_id,
        "status": OPEN,
        "claimed_by": "",
        "report_id": None,
        "cluster_pin": None,
        "source_kind": kind,
        "post_key": post.key,
        "author": post.author,
        "handle": post.handle,
        "posted_at": post.posted_at,
        "text": post.text,
        "url": post.url,
        "language": post.language,
        "media": json.dumps(list(post.media)),
        "place": guess.name if guess else "",
        "lat": guess.lat if guess else None,
        "lon": guess.lon if guess else None,
        "created_at": post.posted_at or UNKNOWN_TIME,
    }


class Items(Repository):
    """Taking posts in, reading items, and the triage of the queue."""

    def take(
        self,
        operation_id: str,
        posts: Sequence[Post],
        *,
        kind: str,
        source_id: str = "",
        source_key: str = "",
        guess: Callable[[str, str], PlaceGuess | None] | None = None,
    ) -> Taken:
        """Store the posts not stored yet as new items, in one transaction; a post already
        here (fetched before, or by another laptop and synced) is left as it is. The
        place guess runs before the write lock is taken."""
        if kind not in POST_KINDS:
            raise ValidationError(
                {"source_kind": ("unknown_value", f"{kind!r} is not a post kind")}
            )
        get_operation(self.conn, operation_id)
        rows = _unique_rows(operation_id, posts, kind, source_key, guess)
        taken = Taken()
        with self.db.transaction():
            known = self._existing([row["id"] for row in rows])
            fresh = [row for row in rows if row["id"] not in known]
            self.db.insert_records("item", fresh)
            if source_id:
                now = utc_now()
                self.conn.executemany(
                    "INSERT OR IGNORE INTO item_sources(item_id, source_id, fetched_at) "
                    "VALUES (?, ?, ?)",
                    [(row["id"], source_id, now) for row in rows],
                )
            taken.new = [row["id"] for row in fresh]
            taken.known = [row["id"] for row in rows if row["id"] in known]
        return taken

    def _existing(self, ids: Sequence[str]) -> set[str]:
        found: set[str] = set()
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ", ".join("?" * len(chunk))
            rows = self.conn.execute(f"SELECT id FROM items WHERE id IN ({marks})", chunk)
            found.update(row[0] for row in rows)
        return found

    # -- reads --------------------------------------------------------------------------

    def get(self, item_id: str) -> Item:
        return item_from_row(self._row(item_id))

    def many(self, ids: Iterable[str]) -> list[Item]:
        """The live items of these ids, oldest post first (unknown dates last)."""
        wanted = list(ids)
        rows: list[sqlite3.Row] = []
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            marks = ", ".join("?" * len(chunk))
            rows += self.conn.execute(
                f"SELECT * FROM items WHERE id IN ({marks}) AND deleted = 0", chunk
            ).fetchall()
        rows.sort(key=lambda r: (r["posted_at"] is None, r["posted_at"] or "", r["seq"]))
        return [item_from_row(row) for row in rows]

    def of_report(self, report_id: str) -> list[Item]:
        """The posts that are a report's sources (promoted to it or attached), oldest first."""
        rows = self.conn.execute(
            "SELECT id FROM items WHERE report_id = ? AND deleted = 0", [report_id]
        )
        return self.many(row[0] for row in rows)

    def _row(self, item_id: str) -> sqlite3.Row:
        row = self.conn.execute(
            "SELECT * FROM items WHERE id = ? AND deleted = 0", [item_id]
        ).fetchone()
        if row is None:
            raise NotFoundError(f"no post with id {item_id}")
        return row

    # -- triage -------------------------------------------------------------------------

    def claim(self, ids: Sequence[str], *, force: bool = False) -> None:
        """Claim posts for this user, so that teammates see someone works on them; a post
        another user claimed is refused (naming who) unless `force`."""
        items = self._live(ids)
        others = {i["claimed_by"] for i in items} - {"", self.db.user}
        if others and not force:
            raise ValidationError(
                {"claimed_by": ("claimed", f"already claimed by {', '.join(sorted(others))}")}
            )
        self._write(items, {"claimed_by": self.db.user})

    def release(self, ids: Sequence[str]) -> None:
        """Give up a claim: the posts are free for anyone again."""
        self._write(self._live(ids), {"claimed_by": ""})

    def set_status(self, ids: Sequence[str], status: str) -> None:
        """Mark posts as a rumour, dismiss them, or put them back in the queue ("new")."""
        if status not in ("new", "rumour", "dismissed"):
            raise ValidationError({"status": ("unknown_value", f"{status!r} is not a triage")})
        changes: dict[str, Any] = {"status": status}
        if status == "new":
            changes["report_id"] = None
        self._write(self._live(ids), changes)

    def attach(self, ids: Sequence[str], report_id: str) -> None:
        """Attach posts to an existing report as sources that corroborate it."""
        items = self._live(ids)
        report = self.conn.execute(
            "SELECT operation_id FROM reports WHERE id = ? AND deleted = 0", [report_id]
        ).fetchone()
        if report is None:
            raise NotFoundError(f"no report with id {report_id}")
        if any(i["operation_id"] != report[0] for i in items):
            raise ValidationError(
                {"report_id": ("other_operation", "the report is in another operation")}
            )
        self._write(items, {"status": "attached", "report_id": report_id})

    def promote(
        self, ids: Sequence[str], reports: Reports, values: Mapping[str, Any] | None = None
    ) -> str:
        """Make a new report of posts (prefilled from the earliest: see `report_values`,
        `values` overriding), and mark the posts as its sources; one transaction. Returns
        the report's id."""
        items = self._live(ids)
        operation_id = items[0]["operation_id"]
        if any(i["operation_id"] != operation_id for i in items):
            raise ValidationError({"ids": ("other_operation", "posts of several operations")})
        prefilled = {**report_values(items), **(values or {})}
        with self.db.transaction():
            report_id = reports.add_within(operation_id, prefilled)
            self._update(items, {"status": "promoted", "report_id": report_id})
        return report_id

    def pin(self, ids: Sequence[str], cluster_id: str) -> None:
        """Put posts in a cluster chosen by hand (merge, split); synced, so every laptop
        groups them the same way."""
        self._write(self._live(ids), {"cluster_pin": cluster_id})

    def _live(self, ids: Sequence[str]) -> list[Item]:
        if not ids:
            raise ValidationError({"ids": ("required", "no post given")})
        items = self.many(ids)
        missing = set(ids) - {i["id"] for i in items}
        if missing:
            raise NotFoundError(f"no post with id {sorted(missing)[0]}")
        return items

    def _write(self, items: Sequence[Item], changes: Mapping[str, Any]) -> None:
        with self.db.transaction():
            self._update(items, changes)

    def _update(self, items: Sequence[Item], changes: Mapping[str, Any]) -> None:
        for item in items:
            current = dict(self._row(item["id"]))  # under the lock: the stored stamps
            diff = {k: (current[k], v) for k, v in changes.items() if current[k] != v}
            if diff:
                self.db.update_record("item", current, diff)


def report_values(items: Sequence[Item]) -> dict[str, Any]:
    """A new report's values from the posts of a card: the earliest post speaks (its text,
    author, date, link, guessed place); the others are listed as further sources."""
    lead = items[0]
    first_line = next((line.strip() for line in lead["text"].splitlines() if line.strip()), "")
    title = first_line if len(first_line) <= TITLE_MAX else first_line[: TITLE_MAX - 1] + "…"
    others = [i["url"] for i in items[1:] if i["url"]]
    body = lead["text"] + ("\n\n" + "\n".join(others) if others else "")
    values: dict[str, Any] = {
        "title": title or lead["url"] or "Post",
        "body": body,
        "source": "social_media",
        "source_ref": lead["url"],
        "author": lead["handle"] or lead["author"],
        "observed_at": lead["posted_at"],
        "place": lead["place"],
    }
    if lead["lat"] is not None and lead["lon"] is not None:
        values.update(lat=lead["lat"], lon=lead["lon"])
    return values


def item_from_row(row: sqlite3.Row | Mapping[str, Any]) -> Item:
    item = dict(row)
    item["media"] = json.loads(item["media"])
    item["field_hlc"] = json.loads(item["field_hlc"])
    return cast(Item, item)


def _unique_rows(
    operation_id: str,
    posts: Sequence[Post],
    kind: str,
    source_key: str,
    guess: Callable[[str, str], PlaceGuess | None] | None,
) -> list[dict[str, Any]]:
    """One row per post id (a feed may repeat an entry), in the posts' order."""
    rows: dict[str, dict[str, Any]] = {}
    for post in posts:
        key = item_id(operation_id, post.key, source_key)
        if key not in rows:
            rows[key] = item_row(
                operation_id,
                post,
                kind,
                source_key,
                guess(post.text, post.language) if guess else None,
            )
    return list(rows.values())
