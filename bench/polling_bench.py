"""Reading posts and polling sources: how long the monitoring desk's background work takes.

Prints: parse time per real sample feed (ms, median of 20), the Mastodon sample, a
10,000-row CSV, and 50 sources polled one after the other against the loopback feed
server (tests/monitoring/feedserver.py), first poll (200) and second (304). All of it
runs off the UI thread in the app (the task manager's network lane); these figures say
how long a poll round holds that lane. Run: .venv/bin/python bench/polling_bench.py
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "monitoring"))

from feedserver import SAMPLES, FeedServer  # noqa: E402

from fieldapp.monitoring.polling import PollState, SourceSpec, new_session, poll_once  # noqa: E402
from fieldapp.monitoring.postcsv import read_posts_csv  # noqa: E402
from fieldapp.monitoring.posts import parse_feed, parse_mastodon  # noqa: E402


def median_ms(fn, runs: int = 20) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    for name in ("rss2_news_guardian_us.rss", "atom_news_heise_developer_de.atom",
                 "edge_rss2_latin1_no_xmldecl_pt_dates.rss"):  # fmt: skip
        data = (SAMPLES / name).read_bytes()
        count = len(parse_feed(data, source=name).posts)
        ms = median_ms(lambda d=data, n=name: parse_feed(d, source=n))
        print(f"parse {name}: {len(data) / 1000:.0f} KB, {count} posts, {ms:.1f} ms")
    timeline = (SAMPLES / "mastodon_tag_timeline_mastodon.json").read_bytes()
    ms = median_ms(lambda: parse_mastodon(timeline, source="t", instance="x"))
    print(f"parse mastodon timeline (20 statuses): {ms:.1f} ms")
    rows = "".join(f"{i};Crue rue {i} à Quillan, l'eau monte;https://example.org/{i};"
                   f"05/12/2026 08:{i % 60:02d}\n" for i in range(10_000))  # fmt: skip
    csv_data = ("id;texte;lien;date\n" + rows).encode()
    ms = median_ms(lambda: read_posts_csv(csv_data, source="c"), runs=5)
    print(f"read a 10,000-row CSV: {ms:.0f} ms")
    guardian = (SAMPLES / "rss2_news_guardian_us.rss").read_bytes()
    with FeedServer() as server, new_session() as session:
        for i in range(50):
            server.serve(f"/f{i}.rss", guardian, etag=f'"v{i}"')
        states = [PollState() for _ in range(50)]
        for label in ("first poll (200, 55 posts each)", "second poll (304)"):
            start = time.perf_counter()
            for i in range(50):
                spec = SourceSpec("rss", server.url(f"/f{i}.rss"))
                states[i] = poll_once(session, spec, states[i]).state
            total = time.perf_counter() - start
            print(f"50 sources, {label}: {total * 1000:.0f} ms ({total * 20:.1f} ms per source)")


if __name__ == "__main__":
    main()
