"""Near-duplicate posts of an operation in clusters, placed one post at a time as it arrives.

A new post (from a feed, an import or a sync) is reduced to its shape and index keys
(similarity.py: why MinHash bands and a rapidfuzz check), finds the posts that share a
key through one indexed table, asks `similarity.score` about the most promising of them,
and joins the cluster where most of them agree, or starts its own cluster, named after the
post. It does not join a cluster whose first post names another place, hazard or road
(unless a post placed there by hand agrees with it): without that, a copy that lost its
town name ("l'eau du robinet n'est plus potable...") joins the Quillan cluster and then
pulls the same message about Espéraza in after it.
The cost of placing a post depends on how many posts share its keys (at most
CANDIDATES_PER_KEY per key are read, the newest) and at most CHECKED of those are checked,
not on the number of posts in the operation (bench/cluster_bench.py: 100,000).

State: the device-local tables of LOCAL_TABLES (derived data, never synced; the
migration copies them). `item_clusters` keeps each post's cluster, its pin, a digest of
its inputs and its shape (so a candidate is checked without reading the post);
`item_bands` maps each index key to the posts that have it. A post's keys are computed
again from its stored shape to be dropped, so a change of what similarity.py computes
(shape, keys) needs these tables emptied and every post placed again (a migration that
deletes them and notes every item as unplaced).

By hand wins. `merge` and `split` move posts and pin every post they move or keep
together: the repository writes the same pin on the synced item, so that every laptop
places those posts the same way (`place(..., pin=...)`: the post goes to that cluster,
whatever its text). Automatic placement only ever places the post it is given: it never
moves another post, pinned or not; a new unpinned post may join a pinned cluster. The pin
given to `place` is the truth: placing a post again with another pin, or with none (a
person took it back), moves it. A cluster's id is the id of the post that started it, or
a new id when that id is already taken by posts that stayed after it left.

Threading: a `Clusters` works on the connection it is given, in the caller's transaction
(it never commits): one thread, the connection's.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections import Counter
from collections.abc import Sequence

from fieldapp.core.replica import new_id
from fieldapp.monitoring.similarity import Shape, keys, marks_differ, score, shape

CANDIDATES_PER_KEY = 10  # the newest posts read per key: a popular key costs no more
CHECKED = 40  # candidates checked per post, those sharing the most keys first
VOTES = 3  # candidates of one cluster that agree: enough, check the other clusters'
SHAPES_KEPT = 5000  # parsed shapes of candidates kept in memory

LOCAL_TABLES: tuple[str, ...] = (
    """CREATE TABLE item_clusters (
        seq INTEGER PRIMARY KEY,
        item_id TEXT NOT NULL UNIQUE,
        operation_id TEXT NOT NULL,
        cluster_id TEXT NOT NULL,
        pin TEXT,
        inputs TEXT NOT NULL,
        shape TEXT NOT NULL)""",
    "CREATE INDEX item_clusters_by_cluster ON item_clusters(cluster_id)",
    """CREATE TABLE item_bands (
        band INTEGER NOT NULL,
        item_seq INTEGER NOT NULL,
        PRIMARY KEY (band, item_seq)) WITHOUT ROWID""",
)


def _digest(text: str, url: str) -> str:
    return hashlib.blake2b(f"{text}\x00{url}".encode(), digest_size=8).hexdigest()


class Clusters:
    """The clusters of every operation of one database (see the module docstring)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self._shapes: dict[str, Shape] = {}

    def place(
        self, operation_id: str, item_id: str, text: str, url: str = "", pin: str | None = None
    ) -> str:
        """Put one post in a cluster and return the cluster's id: `pin`'s when given,
        else the best matching cluster's, else a new one. Placing a post again moves it
        when its text, link or pin changed, and does nothing when none did."""
        inputs = _digest(text, url)
        row = self.conn.execute(
            "SELECT seq, operation_id, cluster_id, pin, inputs, shape FROM item_clusters "
            "WHERE item_id = ?",
            [item_id],
        ).fetchone()
        if row is not None and row[4] == inputs and row[3] == pin and row[1] == operation_id:
            return row[2]
        post = shape(text, url)
        found = keys(operation_id, post)
        seq = row[0] if row is not None else None
        if pin is not None:
            cluster_id = pin
        else:
            best = self._best(operation_id, post, found, exclude=seq)
            cluster_id = best or self._own_cluster(item_id)
        self._store(row, operation_id, item_id, (cluster_id, pin, inputs), post, found)
        return cluster_id

    def cluster_of(self, item_id: str) -> str | None:
        row = self.conn.execute(
            "SELECT cluster_id FROM item_clusters WHERE item_id = ?", [item_id]
        ).fetchone()
        return row[0] if row is not None else None

    def members(self, cluster_id: str) -> list[str]:
        """The ids of a cluster's posts, in the order they were placed."""
        rows = self.conn.execute(
            "SELECT item_id FROM item_clusters WHERE cluster_id = ? ORDER BY seq", [cluster_id]
        )
        return [r[0] for r in rows]

    def merge(self, cluster_ids: Sequence[str]) -> str:
        """By hand: one cluster of several, with the first id; every post of it is pinned."""
        if not cluster_ids:
            raise ValueError("merge needs at least one cluster")
        target = cluster_ids[0]
        self.conn.executemany(
            "UPDATE item_clusters SET cluster_id = ?, pin = ? WHERE cluster_id = ?",
            [(target, target, cluster_id) for cluster_id in dict.fromkeys(cluster_ids)],
        )
        return target

    def split(self, item_ids: Sequence[str]) -> str:
        """By hand: these posts leave their cluster(s) for a new one, pinned; its id is
        the first post's, unless posts left behind already go by that id."""
        if not item_ids:
            raise ValueError("split needs at least one post")
        moving = set(item_ids)
        target = item_ids[0]
        taken = self.conn.execute(
            "SELECT item_id FROM item_clusters WHERE cluster_id = ?", [target]
        )
        if any(r[0] not in moving for r in taken):
            target = new_id()
        self.conn.executemany(
            "UPDATE item_clusters SET cluster_id = ?, pin = ? WHERE item_id = ?",
            [(target, target, item_id) for item_id in dict.fromkeys(item_ids)],
        )
        return target

    def forget(self, item_id: str) -> None:
        """The post was deleted: it leaves its cluster and the index."""
        row = self.conn.execute(
            "SELECT seq, operation_id, shape FROM item_clusters WHERE item_id = ?", [item_id]
        ).fetchone()
        if row is None:
            return
        self._drop_keys(row[0], keys(row[1], Shape.load(row[2])))
        self.conn.execute("DELETE FROM item_clusters WHERE seq = ?", [row[0]])

    # -- inside -------------------------------------------------------------------------

    def _best(
        self, operation_id: str, post: Shape, found: list[int], exclude: int | None
    ) -> str | None:
        """The cluster where most candidates tell the same story, then the surest (a
        headline contained in the post, 100, does not pull it away from its many near
        copies), unless the post contradicts the one that started that cluster."""
        votes: Counter[str] = Counter()
        surest: dict[str, float] = {}
        vouched: set[str] = set()  # a post placed there by hand agrees
        for candidate in self._candidates(operation_id, found, exclude):
            cluster_id = candidate[2]
            if votes[cluster_id] >= VOTES:
                continue  # that cluster is sure enough: time for the others
            found_score = score(post, self._shape(candidate[3]))
            if found_score:
                votes[cluster_id] += 1
                surest[cluster_id] = max(found_score, surest.get(cluster_id, 0.0))
                if candidate[4] is not None:
                    vouched.add(cluster_id)
        for cluster_id in sorted(votes, key=lambda c: (votes[c], surest[c]), reverse=True):
            if cluster_id in vouched or not self._contradicts_founder(cluster_id, post):
                return cluster_id
        return None

    def _candidates(self, operation_id: str, found: list[int], exclude: int | None) -> list:
        """The posts sharing the most keys with a new one (the newest per key first):
        rows of (seq, operation id, cluster id, shape, pin)."""
        if not found:
            return []
        newest = " UNION ALL ".join(
            ["SELECT * FROM (SELECT item_seq FROM item_bands WHERE band = ? "
             "ORDER BY item_seq DESC LIMIT ?)"] * len(found)
        )  # fmt: skip
        params = [value for key in found for value in (key, CANDIDATES_PER_KEY)]
        hits = Counter(r[0] for r in self.conn.execute(newest, params))
        hits.pop(exclude, None)  # type: ignore[arg-type]  # None: nothing to drop
        ranked = sorted(hits, key=lambda seq: (-hits[seq], -seq))[:CHECKED]
        marks = ", ".join("?" * len(ranked))
        rows = self.conn.execute(
            "SELECT seq, operation_id, cluster_id, shape, pin FROM item_clusters "
            f"WHERE seq IN ({marks})",
            ranked,
        )
        by_seq = {r[0]: r for r in rows}
        # a key shared by chance with another operation's post is no candidate
        return [by_seq[s] for s in ranked if s in by_seq and by_seq[s][1] == operation_id]

    def _contradicts_founder(self, cluster_id: str, post: Shape) -> bool:
        """The post names another place, hazard or road than the cluster's first post: a
        copy that lost its place name (`a l'eau du robinet...`) would otherwise bridge the
        same message about two towns."""
        row = self.conn.execute(
            "SELECT shape FROM item_clusters WHERE cluster_id = ? ORDER BY seq LIMIT 1",
            [cluster_id],
        ).fetchone()
        return row is not None and marks_differ(post, self._shape(row[0]))

    def _shape(self, dumped: str) -> Shape:
        """A stored shape, parsed once while it is often asked for (a viral post's)."""
        parsed = self._shapes.get(dumped)
        if parsed is None:
            if len(self._shapes) >= SHAPES_KEPT:
                self._shapes.clear()
            parsed = self._shapes[dumped] = Shape.load(dumped)
        return parsed

    def _own_cluster(self, item_id: str) -> str:
        """The post's id, unless posts it left behind still go by it."""
        taken = self.conn.execute(
            "SELECT 1 FROM item_clusters WHERE cluster_id = ? AND item_id != ? LIMIT 1",
            [item_id, item_id],
        ).fetchone()
        return new_id() if taken else item_id

    def _store(
        self,
        before: tuple | None,
        operation_id: str,
        item_id: str,
        placed: tuple[str, str | None, str],
        post: Shape,
        found: list[int],
    ) -> None:
        """Write a post's row (cluster id, pin, inputs) and its index keys."""
        dumped = post.dump()
        if before is None:
            cursor = self.conn.execute(
                "INSERT INTO item_clusters(item_id, operation_id, cluster_id, pin, inputs, "
                "shape) VALUES (?, ?, ?, ?, ?, ?)",
                [item_id, operation_id, *placed, dumped],
            )
            seq = cursor.lastrowid
        else:
            seq = before[0]
            if before[5] == dumped and before[1] == operation_id:
                found = []  # the same keys: they stay
            else:
                self._drop_keys(seq, keys(before[1], Shape.load(before[5])))
            self.conn.execute(
                "UPDATE item_clusters SET operation_id = ?, cluster_id = ?, pin = ?, "
                "inputs = ?, shape = ? WHERE seq = ?",
                [operation_id, *placed, dumped, seq],
            )
        self.conn.executemany(
            "INSERT OR IGNORE INTO item_bands(band, item_seq) VALUES (?, ?)",
            [(key, seq) for key in found],
        )

    def _drop_keys(self, seq: int, found: list[int]) -> None:
        self.conn.executemany(
            "DELETE FROM item_bands WHERE band = ? AND item_seq = ?", [(k, seq) for k in found]
        )
