"""Benchmark: the monitoring desk's intake and queue with 100,000 posts in one operation.

1. Import a 10,000-post CSV (written here: ~1,000 stories told again and again — reposts,
   copies with words changed, quotes — by 3,000 authors) through `intake.import_file`, the
   path of `fieldapp intake import`: read, stored, places guessed, clustered, rules
   tested, cards made. Target: <= 10 s with clusters ready.
2. Grow the operation to 100,000 posts the same way, then time the settling of one more
   post (clustered against the 100,000, rules tested, its card recomputed), 200 times.
3. The queue's first page of cards (100) and its count, with and without a search,
   read as the desk reads them. Target: p95 <= 50 ms.
"""

from __future__ import annotations

import csv
import random
import shutil
import sys
import time
from pathlib import Path

from common import OUT, percentile, summary_ms

from fieldapp.monitoring.intake import import_file, place_guesser
from fieldapp.monitoring.posts import Post
from fieldapp.monitoring.queue import QueueQuery
from fieldapp.store import Store

TOTAL = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
FILE_POSTS = 10_000
TOWNS = ["Quillan", "Limoux", "Carcassonne", "Narbonne", "Brives-Charensac", "Le Puy-en-Velay",
         "Couiza", "Espéraza", "Lézignan-Corbières", "Trèbes", "Castelnaudary", "Axat"]  # fmt: skip
HAZARDS = ["la route est coupée", "l'eau monte dans les rues", "le pont est fermé",
           "un arbre est tombé sur la chaussée", "coupure d'électricité dans le quartier",
           "des familles attendent les secours sur les toits", "la digue déborde",
           "incendie visible depuis la départementale", "éboulement sur la voie"]  # fmt: skip
NOISE = ["vite", "urgent", "svp partagez", "photos à venir", "confirmé par un voisin", "😱", "!!"]


SYLLABLES = ["ba", "ro", "ci", "mu", "te", "la", "vo", "ni", "sé", "pa", "dou", "ver", "chan",
             "gre", "lon", "mi", "tur", "fa", "bel", "cor"]  # fmt: skip


def _word(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))


def story(rng: random.Random, n: int) -> str:
    """Story n, the same text each time it is told: a town, a hazard, and details of its
    own (a street, a school, a name...), so that two stories share few words."""
    own = random.Random(n)
    town, hazard = own.choice(TOWNS), own.choice(HAZARDS)
    details = " ".join(_word(own) for _ in range(own.randint(4, 8)))
    return f"{town} : {hazard}, {details}"


def variant(rng: random.Random, text: str, author: str) -> str:
    roll = rng.random()
    if roll < 0.4:
        return f"RT @{author}: {text}"
    if roll < 0.7:
        return f"{text} {rng.choice(NOISE)}"
    if roll < 0.85:
        return f"{rng.choice(['Attention', 'Info', 'À relayer'])} : {text}"
    return text


def posts(rng: random.Random, start: int, count: int, stories: int) -> list[dict[str, str]]:
    rows = []
    for n in range(start, start + count):
        told = rng.randrange(stories)
        author = f"user{rng.randrange(3000)}"
        text = variant(rng, story(rng, told), f"user{told % 3000}")
        stamp = f"2026-12-05T{(n // 3600) % 24:02d}:{(n // 60) % 60:02d}:{n % 60:02d}Z"
        rows.append({"id": f"p{n}", "text": text, "author": f"@{author}@social.example",
                     "date": stamp, "url": f"https://social.example/@{author}/{n}"})  # fmt: skip
    return rows


def write_csv(path: Path, rows: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def main() -> None:
    folder = OUT / "intake"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    rng = random.Random(14)
    stories = TOTAL // 25
    with Store(folder / "data", user="bench") as store:
        op = store.operations.create("Crues de l'Aude (bench)")["id"]
        store.rules.enable(
            store.rules.add(op, {"name": "Routes", "expression": "route OR pont"})["id"]
        )
        first = folder / "first.csv"
        write_csv(first, posts(rng, 0, FILE_POSTS, stories))
        started = time.perf_counter()
        done = import_file(store, op, first)
        took = time.perf_counter() - started
        print(f"import of {FILE_POSTS:,} posts (CSV, clusters ready): {took:.2f} s "
              f"({len(done.new):,} new)  target <= 10 s")  # fmt: skip
        for start in range(FILE_POSTS, TOTAL, FILE_POSTS):
            chunk = folder / f"chunk-{start}.csv"
            write_csv(chunk, posts(rng, start, min(FILE_POSTS, TOTAL - start), stories))
            import_file(store, op, chunk)
            chunk.unlink()
        cards = store.queue.count(QueueQuery(op, status=None, show_hidden=True))
        print(f"{TOTAL:,} posts in {cards:,} cards")
        _one_more(store, op, rng, stories)
        _reads(store, op)


def _one_more(store: Store, op: str, rng: random.Random, stories: int) -> None:
    guess = place_guesser(store)
    settling = []
    for n in range(200):
        row = posts(rng, TOTAL + n, 1, stories)[0]
        post = Post(key=row["url"], author=row["author"], handle=row["author"],
                    posted_at=row["date"].replace("Z", ".000Z"), text=row["text"],
                    url=row["url"], language="fr")  # fmt: skip
        store.items.take(op, [post], kind="csv", guess=guess)
        started = time.perf_counter()
        store.queue.settle()
        settling.append(time.perf_counter() - started)
    print(f"settling one new post against {TOTAL:,} (clustered, rules tested, card made): "
          f"{summary_ms(settling)}  (p95 {percentile(settling, 95) * 1000:.2f} ms; "
          "clustering alone: bench/cluster_bench.py, target <= 5 ms)")  # fmt: skip


def _reads(store: Store, op: str) -> None:
    for label, query in (
        ("queue first page (100 cards) + count", QueueQuery(op)),
        ("the same, searching 'pont'", QueueQuery(op, search="pont")),
        ("the same, flagged only", QueueQuery(op, flagged_only=True)),
    ):
        times = []
        for _ in range(50):
            started = time.perf_counter()
            store.queue.cards(query, 0, 100)
            store.queue.count(query)
            times.append(time.perf_counter() - started)
        print(f"{label}: {summary_ms(times)}  (p95 {percentile(times, 95) * 1000:.1f} ms, "
              "target <= 50 ms)")  # fmt: skip


if __name__ == "__main__":
    main()
