"""Benchmark: full-text search and opening a report over 200,000 demo reports.

Search: every prefix (3+ letters) of words taken from real demo titles and places, as
a volunteer types them, through the same store call the report list uses (ids of the
matching reports in display order). Target p95 <= 50 ms.
Open: what the editor reads to show one report (the report, its attachments, its
history). Target <= 30 ms.
"""

from __future__ import annotations

import random
import re
import sys
import time

from common import demo_data, percentile, summary_ms

from fieldapp.report_query import ReportQuery
from fieldapp.store import Store

REPORTS = int(sys.argv[1]) if len(sys.argv) > 1 else 200_000


def typed_queries(store: Store, operation_id: str, rng: random.Random) -> list[str]:
    sample = store.list_reports(ReportQuery(operation_id, limit=2000))
    words = sorted(
        {w for r in sample for w in re.findall(r"\w{3,}", f"{r['title']} {r['place']}")}
    )
    queries = []
    for word in rng.sample(words, min(60, len(words))):
        queries += [word[:n] for n in range(3, len(word) + 1)]
    return queries


def main() -> dict:
    folder, operation_id, _ = demo_data(REPORTS)
    rng = random.Random(42)
    with Store(folder) as store:
        queries = typed_queries(store, operation_id, rng)
        store.report_seqs(ReportQuery(operation_id, search="warm"))  # page cache warm-up
        search = []
        for text in queries:
            started = time.perf_counter()
            store.report_seqs(ReportQuery(operation_id, search=text))
            search.append(time.perf_counter() - started)
        ids = [r["id"] for r in store.list_reports(ReportQuery(operation_id, limit=5000))]
        opening = []
        for report_id in rng.sample(ids, 300):
            started = time.perf_counter()
            store.get_report(report_id)
            store.attachments(report_id)
            store.history(report_id)
            opening.append(time.perf_counter() - started)
    print(f"search ({len(queries)} typed queries): {summary_ms(search)} (target p95 <= 50 ms)")
    print(f"open a report: {summary_ms(opening)} (target <= 30 ms)")
    return {
        "search_p95_ms": round(percentile(search, 95) * 1000, 1),
        "open_p95_ms": round(percentile(opening, 95) * 1000, 2),
    }


if __name__ == "__main__":
    main()
