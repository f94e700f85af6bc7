"""Benchmark: placing posts in clusters one at a time, and testing a watch rule, at 100,000.

Posts: synthetic but shaped like a crisis feed (seeded, so every run places the same
posts): a few thousand events built from French and English templates (a hazard, a town
among 3,000, a road, a river, numbers), each with a long-tailed number of posts (most
events a handful, a few viral ones thousands) made of retweets, quotes with a comment,
copies with words changed or dropped, typos, the article's link shared with other words,
and stray posts; the events overlap in time, so the posts arrive interleaved.

Figures printed:
- placing each of 100,000 posts in a file database (transactions of 500 posts, as the
  queue settles them): milliseconds per post, p50/p95/p99/max, overall and for the last
  10,000 (90,000 to 100,000 already placed); target p95 <= 5 ms;
- pairwise precision and recall against the generator's events (a sanity check at scale:
  the labelled set, bench/cluster_quality.py, is the measure of quality; a stray post
  "Quillan ce soir, calme pour l'instant" names its town only as its first word, which
  the check cannot tell from a common word, so such posts about two towns join);
- then 2,000 more posts against the 100,000, each timed alone;
- importing 10,000 posts into an empty database with clusters ready: seconds (clustering's
  part of the 10 s target);
- the disk the derived tables take per post;
- a watch rule against the 100,000 texts: `matches` on each text, and the preview's way
  (FTS5 narrowing with `fts_query`, then `matches` on what it selects).

Usage: python bench/cluster_bench.py [posts]   (default 100000)
"""

from __future__ import annotations

import os
import random
import sqlite3
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from common import percentile

from fieldapp.monitoring.clusters import LOCAL_TABLES, Clusters
from fieldapp.monitoring.rules import fts_query, matches, parse_rule, words

POSTS = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
OP = "0192f3a4-5b6c-7d8e-9f00-aude2026flood"
SYLLABLES = ["ca", "bri", "mo", "la", "qui", "lan", "li", "vel", "pu", "en", "sa", "re", "to",
             "ni", "ver", "fa", "ro", "ses", "gne", "col", "mar", "bas", "sac"]  # fmt: skip
RIVERS = ["l'Aude", "la Loire", "l'Orbieu", "la Borne", "la Sals", "l'Allier", "le Lignon"]
TEMPLATES = [
    "{town} : {river} est sortie de son lit, le quartier {street} est inondé. {n} maisons "
    "évacuées par les pompiers.",
    "Route {road} coupée entre {town} et {town2} suite à un glissement de terrain. "
    "Déviation impossible, évitez le secteur.",
    "{town} : incendie d'un entrepôt dans la zone artisanale, {n} sapeurs-pompiers engagés. "
    "Fumée visible de loin, fermez vos fenêtres.",
    "Tempête : {n} foyers privés d'électricité autour de {town} ce matin, rétablissement "
    "progressif dans la journée.",
    "Appel à témoins : une personne de {age} ans portée disparue à {town} depuis hier soir. "
    "Contactez le 17.",
    "{town} : l'eau du robinet n'est plus potable jusqu'à nouvel ordre, bouteilles "
    "distribuées à la salle des fêtes.",
    "Vigilance rouge pluie-inondation à {town} à partir de {hour}h, cumuls de {n} mm "
    "attendus. Ne prenez pas la route.",
    "{town}: {river} burst its banks overnight, the {street} district is flooded and {n} "
    "homes were evacuated.",
    "Road {road} closed between {town} and {town2} after a landslide. No detour possible.",
    "{town} : le gymnase {street} est ouvert pour accueillir les personnes évacuées, repas "
    "chauds et lits de camp.",
    "{town} : appel aux bénévoles samedi à {hour}h pour nettoyer la boue, rendez-vous place "
    "{street} avec bottes et pelles.",
    "Feu de forêt près de {town} : {n} hectares parcourus, {age} pompiers engagés, la {road} "
    "est fermée.",
]
COMMENTS = ["Incroyable 😱", "Pensées pour eux 🙏", "Partagez svp", "C'est vrai ??",
            "Courage à tous", "Terrible", "Encore !", "Restez prudents"]  # fmt: skip
STRAY = ["Quelqu'un a des nouvelles de {town} ?", "Il pleut encore à {town} 🌧️",
         "Merci aux pompiers de {town} 👏", "{town} ce soir, calme pour l'instant"]  # fmt: skip


def town_names(rng: random.Random, count: int) -> list[str]:
    names: set[str] = set()
    while len(names) < count:
        word = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize()
        names.add(rng.choice(["", "Saint-", "Le ", "La "]) + word if rng.random() < 0.2 else word)
    return sorted(names)


def event_text(rng: random.Random, towns: list[str]) -> tuple[str, str]:
    slots = {
        "town": rng.choice(towns), "town2": rng.choice(towns), "river": rng.choice(RIVERS),
        "street": rng.choice(towns), "road": f"D{rng.randint(1, 999)}",
        "n": rng.choice([20, 30, 120, 200, 1500, 20000]), "age": rng.randint(12, 90),
        "hour": rng.randint(6, 22),
    }  # fmt: skip
    text = rng.choice(TEMPLATES).format(**slots)
    slug = "-".join(words(text)[:6])  # as a news site writes it: no accents, no quotes
    link = f"https://www.actu-{rng.randint(1, 40)}.example/{rng.randint(10**6, 10**7)}-{slug}"
    return text, link


def variant(rng: random.Random, text: str, link: str, towns: list[str]) -> tuple[str, str, bool]:
    """A post about the event: (text, url, whether it is a stray post after all)."""
    roll = rng.random()
    author = f"@user{rng.randint(1, 20000)}"
    if roll < 0.40:
        return f"RT {author}: {text}", "", False
    if roll < 0.50:
        return f"{rng.choice(COMMENTS)} RT {author}: {text}", "", False
    if roll < 0.65:  # a few words dropped or changed
        words = text.split()
        for _ in range(rng.randint(1, 3)):
            index = rng.randrange(len(words))
            words[index] = rng.choice(["", "ce matin", "!!", "encore", "aussi"])
        return " ".join(w for w in words if w), "", False
    if roll < 0.75:  # a typo or two, no capitals
        chars = list(text.lower())
        for _ in range(2):
            index = rng.randrange(len(chars))
            chars[index] = chars[index - 1]
        return "".join(chars), "", False
    if roll < 0.85:
        return rng.choice(COMMENTS) + " " + link + "?utm_source=tw", "", False
    if roll < 0.92:
        return rng.choice(STRAY).format(town=rng.choice(towns)), "", True
    return text, link, False


def synthetic_posts(count: int, seed: int = 14) -> list[tuple[str, str, str, int]]:
    """(id, text, url, event number) in arrival order; a stray post is an event of its own
    (a negative number)."""
    rng = random.Random(seed)
    towns = town_names(rng, 3000)
    timed: list[tuple[float, str, str, int]] = []
    while len(timed) < count:
        text, link = event_text(rng, towns)
        start = rng.random()
        size = min(int(rng.paretovariate(1.1)), 3000)  # most events a few posts, some viral
        event = len(timed)
        timed.append((start, text, link, event))
        for _ in range(size - 1):
            copy, url, stray = variant(rng, text, link, towns)
            timed.append(
                (start + rng.expovariate(200.0), copy, url, -len(timed) if stray else event)
            )
    timed.sort(key=lambda t: t[0])
    return [
        (f"post-{i:06d}", text, url, event) for i, (_, text, url, event) in enumerate(timed[:count])
    ]


def pairwise(placed: dict[str, str], posts: list[tuple[str, str, str, int]]) -> str:
    """Pairwise precision and recall of the clusters against the generator's events."""
    by_cluster = Counter(placed[p[0]] for p in posts)
    by_event = Counter(p[3] for p in posts)
    both = Counter((placed[p[0]], p[3]) for p in posts)
    true = sum(n * (n - 1) // 2 for n in both.values())
    clustered = sum(n * (n - 1) // 2 for n in by_cluster.values())
    related = sum(n * (n - 1) // 2 for n in by_event.values())
    return (
        f"pairwise precision {true / max(1, clustered):.3f}, recall {true / max(1, related):.3f}"
        f" ({len(by_cluster)} clusters, {len(by_event)} events and stray posts)"
    )


def open_db(folder: Path, name: str) -> sqlite3.Connection:
    conn = sqlite3.connect(folder / name, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")  # as the store opens fieldapp.db
    for statement in LOCAL_TABLES:
        conn.execute(statement)
    return conn


def place_all(conn: sqlite3.Connection, posts: list[tuple[str, str, str, int]]) -> list[float]:
    clusters, timings = Clusters(conn), []
    for start in range(0, len(posts), 500):
        conn.execute("BEGIN IMMEDIATE")
        for item_id, text, url, _ in posts[start : start + 500]:
            began = time.perf_counter()
            clusters.place(OP, item_id, text, url)
            timings.append(time.perf_counter() - began)
        conn.execute("COMMIT")
    return timings


def line(name: str, timings: list[float]) -> str:
    ms = [t * 1000 for t in timings]
    return (
        f"{name}: n={len(ms)}  p50 {percentile(ms, 50):.2f} ms  p95 {percentile(ms, 95):.2f} ms"
        f"  p99 {percentile(ms, 99):.2f} ms  max {max(ms):.1f} ms"
    )


def bench_rules(posts: list[tuple[str, str, str, int]]) -> None:
    texts = [text for _, text, _, _ in posts]
    conn = sqlite3.connect(":memory:")
    # the tokenizer of the posts' full-text index (core/migrations/m005_monitoring.py)
    tokenizer = "tokenize='unicode61 remove_diacritics 2'"
    conn.execute(f"CREATE VIRTUAL TABLE t USING fts5(text, {tokenizer})")
    conn.executemany("INSERT INTO t(rowid, text) VALUES (?, ?)", enumerate(texts))
    for expression in ("(inondation OR crue OR flood) -exercice", '"route coupée"', "incendie"):
        rule = parse_rule(expression)
        began = time.perf_counter()
        found = sum(matches(rule, text) for text in texts)
        scan = time.perf_counter() - began
        began = time.perf_counter()
        rows = conn.execute("SELECT text FROM t WHERE t MATCH ?", [fts_query(rule)])
        narrowed = sum(matches(rule, text) for (text,) in rows)
        preview = time.perf_counter() - began
        assert narrowed == found
        print(
            f"rule {expression!r}: {found} of {len(texts)} texts; matches() on every text "
            f"{scan:.2f} s ({scan / len(texts) * 1e6:.1f} µs a text); FTS5-narrowed "
            f"{preview:.2f} s"
        )


def main() -> None:
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"{os.cpu_count()} cores, load average {load} (others' work inflates the tail)")
    started = time.perf_counter()
    posts = synthetic_posts(POSTS + 2000)
    print(f"{POSTS + 2000} synthetic posts made in {time.perf_counter() - started:.1f} s")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        conn = open_db(folder, "big.db")
        timings = place_all(conn, posts[:POSTS])
        print(line(f"placing {POSTS} posts, all", timings))
        print(line(f"placing {POSTS} posts, the last 10,000", timings[-10_000:]))
        placed = dict(conn.execute("SELECT item_id, cluster_id FROM item_clusters"))
        print(f"synthetic posts' events (a sanity check): {pairwise(placed, posts[:POSTS])}")
        print(line(f"2,000 more against {POSTS}", place_all(conn, posts[POSTS:])))
        size = conn.execute("SELECT sum(pgsize) FROM dbstat WHERE name LIKE 'item_%'").fetchone()[0]
        print(f"derived tables: {size / 1e6:.1f} MB, {size / (POSTS + 2000):.0f} bytes a post")
        conn.close()
        fresh = open_db(folder, "import.db")
        began = time.perf_counter()
        place_all(fresh, posts[:10_000])
        print(f"importing 10,000 posts with clusters ready: {time.perf_counter() - began:.2f} s")
        fresh.close()
    bench_rules(posts[:POSTS])


if __name__ == "__main__":
    main()
