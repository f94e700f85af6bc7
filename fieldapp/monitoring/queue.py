"""The triage queue: posts placed in clusters, one card per cluster, and the card list.

Items arrive by fetch, import or sync; SQL triggers note each new or changed one in
`item_unplaced` (text, link, pin, deletion) or `item_card_dirty` (triage fields).
`settle` works those notes off: it places each post in a cluster (clusters.py), tests it
against the enabled watch rules, and recomputes the cards it touched, so the card list is
an indexed read of `cluster_cards` however many posts there are. Settling writes only
local, derived tables: it makes no outbox entry and no Changes.

`Queue` works on the thread's replica, like a repository (one thread). Settling many
posts is bulk work: off the UI thread (the task manager's writes lane).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from fieldapp.core.replica import Replica, new_id
from fieldapp.monitoring.clusters import Clusters
from fieldapp.monitoring.items import OPEN, Items
from fieldapp.monitoring.watch import Matcher, WatchRules
from fieldapp.reports.query import fts_expression

BATCH = 500
TRIAGED = ("promoted", "attached")  # a card with one such post has become a report


@dataclass(frozen=True)
class QueueQuery:
    """Which cards to list: `status` one of items.STATUSES or None for all; `claimed`
    "mine", "free" or None; hidden cards (a rule hides them) only with `show_hidden`."""

    operation_id: str
    status: str | None = OPEN
    search: str = ""
    flagged_only: bool = False
    show_hidden: bool = False
    claimed: str | None = None
    user: str = ""


@dataclass(frozen=True)
class Card:
    """One cluster as the queue shows it: "34 posts, 12 authors, first seen 14:02 by @x"."""

    cluster_id: str
    lead_item_id: str
    posts: int
    authors: int
    first_at: str | None
    last_at: str | None
    status: str
    claimed_by: str
    report_id: str | None
    flagged: bool
    hidden: bool
    lat: float | None
    lon: float | None
    text: str
    author: str
    handle: str
    url: str
    place: str


class Queue:
    """Placing posts in clusters and cards, and reading the card list."""

    def __init__(self, db: Replica):
        self.db = db
        self.clusters = Clusters(db.conn)
        self._searched: tuple[str, int, int] | None = None  # what temp.found_clusters holds

    @property
    def conn(self) -> sqlite3.Connection:
        return self.db.conn

    # -- settling -----------------------------------------------------------------------

    def pending(self) -> int:
        """How many posts wait to be placed or to have their card recomputed."""
        return self.conn.execute(
            "SELECT (SELECT count(*) FROM item_unplaced) + (SELECT count(*) FROM item_card_dirty)"
        ).fetchone()[0]

    def settle(
        self,
        progress: Callable[[int, int], None] | None = None,
        cancelled: Callable[[], bool] = lambda: False,
    ) -> int:
        """Place every waiting post and recompute the cards touched, in batches (one
        transaction each, so a cancel keeps what is done); returns how many were placed."""
        total, done = self.pending(), 0
        while not cancelled():
            with self.db.transaction():
                placed = self._settle_batch()
            if not placed:
                break
            done += placed
            if progress is not None:
                progress(min(done, total), max(total, done))
        return done

    def _settle_batch(self) -> int:
        ids = [
            r[0] for r in self.conn.execute("SELECT item_id FROM item_unplaced LIMIT ?", [BATCH])
        ]
        dirty = [
            r[0] for r in self.conn.execute("SELECT item_id FROM item_card_dirty LIMIT ?", [BATCH])
        ]
        touched: set[tuple[str, str]] = set()
        matchers: dict[str, list[Matcher]] = {}
        for item_id in ids:
            touched |= self._place(item_id, matchers)
        for item_id in dirty:
            row = self.conn.execute(
                "SELECT operation_id, cluster_id FROM item_clusters WHERE item_id = ?", [item_id]
            ).fetchone()
            if row is not None:
                touched.add((row[0], row[1]))
        for operation_id, cluster_id in touched:
            self._recompute_card(operation_id, cluster_id)
        _delete_ids(self.conn, "item_unplaced", ids)
        _delete_ids(self.conn, "item_card_dirty", dirty)
        return len(ids) + len(dirty)

    def _place(self, item_id: str, matchers: dict[str, list[Matcher]]) -> set[tuple[str, str]]:
        """Place one post; the (operation, cluster) pairs whose cards changed."""
        row = self.conn.execute(
            "SELECT operation_id, text, url, cluster_pin, deleted, language, lat, lon "
            "FROM items WHERE id = ?",
            [item_id],
        ).fetchone()
        before = self.conn.execute(
            "SELECT operation_id, cluster_id FROM item_clusters WHERE item_id = ?", [item_id]
        ).fetchone()
        touched = {(before[0], before[1])} if before else set()
        self.conn.execute("DELETE FROM item_rule_hits WHERE item_id = ?", [item_id])
        if row is None or row["deleted"]:
            self.clusters.forget(item_id)
            return touched
        operation_id = row["operation_id"]
        cluster_id = self.clusters.place(
            operation_id, item_id, row["text"], row["url"], row["cluster_pin"]
        )
        if operation_id not in matchers:
            matchers[operation_id] = WatchRules(self.db).matchers(operation_id)
        hits = [m.rule_id for m in _matching(matchers[operation_id], row)]
        self.conn.executemany(
            "INSERT OR IGNORE INTO item_rule_hits(rule_id, item_id) VALUES (?, ?)",
            [(rule_id, item_id) for rule_id in hits],
        )
        return touched | {(operation_id, cluster_id)}

    def _recompute_card(self, operation_id: str, cluster_id: str) -> None:
        rows = self.conn.execute(
            "SELECT i.id, i.status, i.claimed_by, i.report_id, i.handle, i.author, "
            "i.posted_at, i.lat, i.lon, i.seq FROM item_clusters c "
            "JOIN items i ON i.id = c.item_id "
            "WHERE c.operation_id = ? AND c.cluster_id = ? AND i.deleted = 0",
            [operation_id, cluster_id],
        ).fetchall()
        self.conn.execute("DELETE FROM cluster_cards WHERE cluster_id = ?", [cluster_id])
        if not rows:
            return
        rows.sort(key=lambda r: (r["posted_at"] is None, r["posted_at"] or "", r["seq"]))
        lead = rows[0]
        dated = [r["posted_at"] for r in rows if r["posted_at"]]
        placed = next((r for r in rows if r["lat"] is not None), None)
        flags = self._rule_flags(operation_id, [r["id"] for r in rows])
        self.conn.execute(
            "INSERT INTO cluster_cards(cluster_id, operation_id, lead_item_id, posts, authors, "
            "first_at, last_at, status, claimed_by, report_id, flagged, hidden, lat, lon) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                cluster_id, operation_id, lead["id"], len(rows),
                len({(r["handle"] or r["author"]).casefold() for r in rows}),
                min(dated, default=None), max(dated, default=None), _card_status(rows),
                next((r["claimed_by"] for r in rows if r["claimed_by"]), ""),
                next((r["report_id"] for r in rows if r["report_id"]), None),
                int("flag" in flags), int("hide" in flags),
                placed["lat"] if placed else None, placed["lon"] if placed else None,
            ],
        )  # fmt: skip

    def _rule_flags(self, operation_id: str, item_ids: Sequence[str]) -> set[str]:
        """The actions ("flag", "hide") of the enabled rules that match a card's posts."""
        actions: set[str] = set()
        for start in range(0, len(item_ids), 500):
            chunk = list(item_ids[start : start + 500])
            marks = ", ".join("?" * len(chunk))
            actions.update(
                row[0]
                for row in self.conn.execute(
                    "SELECT DISTINCT r.action FROM item_rule_hits h "
                    "JOIN watch_rules r ON r.id = h.rule_id "
                    f"WHERE r.enabled = 1 AND r.deleted = 0 AND h.item_id IN ({marks})",
                    chunk,
                )
            )
        return actions

    def refresh_hits(
        self, operation_id: str, cancelled: Callable[[], bool] = lambda: False
    ) -> None:
        """Test every post of an operation against its enabled rules again (a rule was
        switched on, off or edited) and recompute the cards; one transaction."""
        matchers = WatchRules(self.db).matchers(operation_id)
        with self.db.transaction():
            self.conn.execute(
                "DELETE FROM item_rule_hits WHERE item_id IN "
                "(SELECT id FROM items WHERE operation_id = ?)",
                [operation_id],
            )
            hits = []
            for row in self.conn.execute(
                "SELECT id, text, language, lat, lon FROM items "
                "WHERE operation_id = ? AND deleted = 0",
                [operation_id],
            ):
                if cancelled():
                    raise InterruptedError("cancelled")
                hits += [(m.rule_id, row["id"]) for m in _matching(matchers, row)]
            self.conn.executemany("INSERT OR IGNORE INTO item_rule_hits VALUES (?, ?)", hits)
            clusters = self.conn.execute(
                "SELECT cluster_id FROM cluster_cards WHERE operation_id = ?", [operation_id]
            ).fetchall()
            for (cluster_id,) in clusters:
                self._recompute_card(operation_id, cluster_id)

    # -- by hand ------------------------------------------------------------------------

    def merge(self, cluster_ids: Sequence[str]) -> str:
        """Make one card of several: every post of them is pinned to the first (synced)."""
        target = cluster_ids[0]
        ids = [i for c in cluster_ids for i in self.clusters.members(c)]
        Items(self.db).pin(ids, target)
        self.settle()
        return target

    def split(self, item_ids: Sequence[str]) -> str:
        """Take posts out of their card into a card of their own (pinned, synced). The new
        card gets a new id: the first post's id may already name the card it leaves."""
        target = new_id()
        Items(self.db).pin(item_ids, target)
        self.settle()
        return target

    # -- reading ------------------------------------------------------------------------

    def cards(self, query: QueueQuery, offset: int = 0, limit: int = 100) -> list[Card]:
        """A page of cards, the most recently active first."""
        where, params = _where(query, self._found(query.search))
        rows = self.conn.execute(
            "SELECT cc.*, i.text, i.author, i.handle, i.url, i.place FROM cluster_cards cc "
            f"JOIN items i ON i.id = cc.lead_item_id WHERE {where} "
            # last_at alone, so that the index gives the order and the scan stops at the page
            # (no sort of every card); NULL (no date) sorts last when descending
            "ORDER BY cc.last_at DESC LIMIT ? OFFSET ?",
            [*params, limit, offset],
        )
        return [_card(row) for row in rows]

    def card(self, cluster_id: str) -> Card | None:
        row = self.conn.execute(
            "SELECT cc.*, i.text, i.author, i.handle, i.url, i.place FROM cluster_cards cc "
            "JOIN items i ON i.id = cc.lead_item_id WHERE cc.cluster_id = ?",
            [cluster_id],
        ).fetchone()
        return _card(row) if row else None

    def count(self, query: QueueQuery) -> int:
        where, params = _where(query, self._found(query.search))
        sql = f"SELECT count(*) FROM cluster_cards cc WHERE {where}"
        return self.conn.execute(sql, params).fetchone()[0]

    def _found(self, search: str) -> bool:
        """Whether a search is given; if so, the cards whose posts match it are in
        temp.found_clusters. Computed once per search and state of the database (the page
        and the count of one read, the pages that follow), not once per statement: with
        10,000 matching posts that is most of a read's time."""
        match = fts_expression(search)
        if not match:
            return False
        version = (match, *self._data_version())
        if version != self._searched:
            self.conn.execute(
                "CREATE TEMP TABLE IF NOT EXISTS found_clusters (cluster_id TEXT PRIMARY KEY) "
                "WITHOUT ROWID"
            )
            self.conn.execute("DELETE FROM temp.found_clusters")
            self.conn.execute(
                "INSERT OR IGNORE INTO temp.found_clusters SELECT c.cluster_id FROM items_fts "
                "JOIN items i2 ON i2.seq = items_fts.rowid "
                "JOIN item_clusters c ON c.item_id = i2.id WHERE items_fts MATCH ?",
                [match],
            )
            self._searched = (match, *self._data_version())
        return True

    def _data_version(self) -> tuple[int, int]:
        """Changes by other connections (data_version) and by this one (total_changes)."""
        other = self.conn.execute("PRAGMA data_version").fetchone()[0]
        return other, self.conn.total_changes

    def members(self, cluster_id: str) -> list[str]:
        """The ids of a card's posts."""
        return self.clusters.members(cluster_id)

    def cluster_of(self, item_id: str) -> str | None:
        return self.clusters.cluster_of(item_id)

    def item_ids(self, cluster_ids: Iterable[str]) -> list[str]:
        return [i for c in cluster_ids for i in self.clusters.members(c)]


def _where(query: QueueQuery, searched: bool) -> tuple[str, list]:
    clauses, params = ["cc.operation_id = ?"], [query.operation_id]
    if query.status is not None:
        clauses.append("cc.status = ?")
        params.append(query.status)
    if query.flagged_only:
        clauses.append("cc.flagged = 1")
    if not query.show_hidden:
        clauses.append("cc.hidden = 0")
    if query.claimed == "mine":
        clauses.append("cc.claimed_by = ?")
        params.append(query.user)
    elif query.claimed == "free":
        clauses.append("cc.claimed_by = ''")
    if searched:
        clauses.append("cc.cluster_id IN (SELECT cluster_id FROM temp.found_clusters)")
    return " AND ".join(clauses), params


def _matching(matchers: Sequence[Matcher], row: sqlite3.Row) -> list[Matcher]:
    return [m for m in matchers if m.test(row["text"], row["language"], row["lat"], row["lon"])]


def _card_status(rows: Sequence[sqlite3.Row]) -> str:
    statuses = [r["status"] for r in rows]
    for triaged in TRIAGED:
        if triaged in statuses:
            return triaged
    if OPEN in statuses:
        return OPEN
    return "rumour" if "rumour" in statuses else statuses[0]


def _card(row: sqlite3.Row) -> Card:
    values = dict(row)
    values.pop("operation_id")
    values["flagged"], values["hidden"] = bool(values["flagged"]), bool(values["hidden"])
    return Card(**values)


def _delete_ids(conn: sqlite3.Connection, table: str, ids: Sequence[str]) -> None:
    conn.executemany(f"DELETE FROM {table} WHERE item_id = ?", [(i,) for i in ids])
