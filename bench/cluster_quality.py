"""Clustering quality on the labelled posts: pairwise precision, recall and F1.

Runs the real `Clusters` (a temporary SQLite database made from its LOCAL_TABLES) over
tests/data/monitoring/labelled_posts.csv in file order, one post at a time as they would
arrive, and compares with the hand-written `event` column: a pair of posts of one event
in one cluster is a true pair, of two events in one cluster a false pair, of one event in
two clusters a missed pair. Also: clusters against events, and the pairs of a French and
an English post (translations) joined. `--verbose` lists the mixed clusters and the
split events. tests/monitoring/test_cluster_quality.py holds the floors.

Usage: python bench/cluster_quality.py [--verbose]
"""

from __future__ import annotations

import csv
import sqlite3
import sys
from collections import defaultdict
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

from fieldapp.monitoring.clusters import LOCAL_TABLES, Clusters

LABELLED = Path(__file__).resolve().parent.parent / "tests/data/monitoring/labelled_posts.csv"


@dataclass(frozen=True)
class Quality:
    posts: int
    events: int
    clusters: int
    true_pairs: int
    false_pairs: int
    missed_pairs: int
    translated_pairs: int  # a French and an English post of one event
    translated_joined: int

    @property
    def precision(self) -> float:
        return self.true_pairs / max(1, self.true_pairs + self.false_pairs)

    @property
    def recall(self) -> float:
        return self.true_pairs / max(1, self.true_pairs + self.missed_pairs)

    @property
    def same_language_recall(self) -> float:
        """Recall over the pairs of posts in one language (translations left out)."""
        joined = self.true_pairs - self.translated_joined
        return joined / max(1, self.true_pairs + self.missed_pairs - self.translated_pairs)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def read_posts(path: Path = LABELLED) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as file:
        return list(csv.DictReader(file))


def cluster_posts(posts: list[dict[str, str]]) -> dict[str, str]:
    """Each post's cluster id, placing the posts in order in a fresh database."""
    conn = sqlite3.connect(":memory:")
    for statement in LOCAL_TABLES:
        conn.execute(statement)
    clusters = Clusters(conn)
    for post in posts:
        clusters.place("operation", post["id"], post["text"], post["url"])
    return {post["id"]: clusters.cluster_of(post["id"]) or "" for post in posts}


def measure(posts: list[dict[str, str]] | None = None) -> tuple[Quality, dict[str, str]]:
    posts = posts if posts is not None else read_posts()
    placed = cluster_posts(posts)
    counts = defaultdict(int)
    for a, b in combinations(posts, 2):
        same_event = a["event"] == b["event"]
        same_cluster = placed[a["id"]] == placed[b["id"]]
        if same_event and same_cluster:
            counts["true"] += 1
        elif same_cluster:
            counts["false"] += 1
        elif same_event:
            counts["missed"] += 1
        if same_event and {a["lang"], b["lang"]} == {"fr", "en"}:
            counts["translated"] += 1
            counts["translated_joined"] += same_cluster
    quality = Quality(
        posts=len(posts),
        events=len({p["event"] for p in posts}),
        clusters=len(set(placed.values())),
        true_pairs=counts["true"],
        false_pairs=counts["false"],
        missed_pairs=counts["missed"],
        translated_pairs=counts["translated"],
        translated_joined=counts["translated_joined"],
    )
    return quality, placed


def explain(posts: list[dict[str, str]], placed: dict[str, str]) -> None:
    """Print the clusters that mix events and the events split over clusters."""
    by_cluster: dict[str, list[dict[str, str]]] = defaultdict(list)
    by_event: dict[str, set[str]] = defaultdict(set)
    for post in posts:
        by_cluster[placed[post["id"]]].append(post)
        by_event[post["event"]].add(placed[post["id"]])
    for members in by_cluster.values():
        if len({p["event"] for p in members}) > 1:
            print("\nMIXED CLUSTER")
            for p in members:
                print(f"  {p['id']} {p['event']:20} {p['text'][:90]}")
    for event, clusters in sorted(by_event.items()):
        if len(clusters) > 1:
            print(f"\nSPLIT {event}: {len(clusters)} clusters")
            for cluster in clusters:
                for p in by_cluster[cluster]:
                    if p["event"] == event:
                        print(f"  [{cluster[:6]}] {p['id']} {p['lang']} {p['text'][:90]}")


def main() -> Quality:
    posts = read_posts()
    quality, placed = measure(posts)
    if "--verbose" in sys.argv:
        explain(posts, placed)
    print(
        f"labelled posts: {quality.posts}, events: {quality.events}, clusters: {quality.clusters}"
    )
    print(
        f"pairs: {quality.true_pairs} joined right, {quality.false_pairs} joined wrong, "
        f"{quality.missed_pairs} missed"
    )
    print(
        f"pairwise precision {quality.precision:.3f}, recall {quality.recall:.3f}, "
        f"F1 {quality.f1:.3f}"
    )
    print(
        f"French/English pairs of one event joined: {quality.translated_joined} of "
        f"{quality.translated_pairs}; recall without them {quality.same_language_recall:.3f}"
    )
    return quality


if __name__ == "__main__":
    main()
