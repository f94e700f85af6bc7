"""Benchmark: full-text search and opening a report over 200,000 demo reports.

Search: every prefix (3+ letters) of words taken from real demo titles and places, as
a volunteer types them, through the same store calls the report list makes: first the
first page of matching reports in display order (what appears as the user types;
target p95 <= 50 ms), then, in the list's worker thread, all matching ids (for the
count and the scroll bar).
Open: what the editor reads to show one report (the report, its attachments, its
history). Target <= 30 ms.
"""

from __future__ import annotations

import random
import re
import sys
import time

from common import demo_data, percentile, summary_ms

from fieldapp.reports.query import ReportQuery
from fieldapp.store import Store

FIRST_PAGE = 200  # as fieldapp.ui.reports.query_worker.FIRST_PAGE (not imported: no Qt here)
REPORTS = int(sys.argv[1]) if len(sys.argv) > 1 else 200_000


def typed_queries(store: Store, operation_id: str, rng: random.Random) -> list[str]:
    sample = store.reports.list(ReportQuery(operation_id, limit=2000))
    words = sorted({w for r in sample for w in re.findall(r"\w{3,}", f"{r['title']} {r['place']}")})
    queries = []
    for word in rng.sample(words, min(60, len(words))):
        queries += [word[:n] for n in range(3, len(word) + 1)]
    return queries


def main() -> dict:
    folder, operation_id, _ = demo_data(REPORTS)
    rng = random.Random(42)
    with Store(folder) as store:
        queries = typed_queries(store, operation_id, rng)
        store.reports.seqs(ReportQuery(operation_id, search="warm"))  # page cache warm-up
        first, whole = [], []
        for text in queries:
            started = time.perf_counter()
            store.reports.seqs(ReportQuery(operation_id, search=text, limit=FIRST_PAGE))
            first.append(time.perf_counter() - started)
            started = time.perf_counter()
            store.reports.seqs(ReportQuery(operation_id, search=text))
            whole.append(time.perf_counter() - started)
        ids = [r["id"] for r in store.reports.list(ReportQuery(operation_id, limit=5000))]
        opening = []
        for report_id in rng.sample(ids, 300):
            started = time.perf_counter()
            store.reports.get(report_id)
            store.attachments.list(report_id)
            store.db.history(report_id)
            opening.append(time.perf_counter() - started)
    print(f"search, first page ({len(queries)} typed queries): {summary_ms(first)}")
    print(f"search, all matches (worker thread): {summary_ms(whole)}")
    print(f"open a report: {summary_ms(opening)} (target <= 30 ms)")
    return {
        "search_first_page_p95_ms": round(percentile(first, 95) * 1000, 1),
        "search_all_p95_ms": round(percentile(whole, 95) * 1000, 1),
        "open_p95_ms": round(percentile(opening, 95) * 1000, 2),
    }


if __name__ == "__main__":
    main()
