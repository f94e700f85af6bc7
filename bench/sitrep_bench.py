"""The situation report of an operation with 200,000 reports: how long the whole sitrep
takes (issue 17's target: <= 5 s) — the key figures, the map snapshot (the located
reports counted per cell, the offline tiles chosen and painted), the PDF laid out and
painted by Qt offscreen — and the one-radiogram version; with the peak memory.

The data set is the demo folder of bench/common.py (`fieldapp demo --reports 200000`,
cached in bench/out/): synthetic reports over France, most of them located; the map is
painted from the world basemap shipped with the app (no tile set in the data folder).
Each round is timed with time.perf_counter in this process (one worker's work in the
app). Prints the median and slowest of the rounds.

Run: .venv/bin/python bench/sitrep_bench.py [REPORTS] (Qt offscreen, as the CLI)
"""

from __future__ import annotations

import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import demo_data

from fieldapp.exports import sitrep
from fieldapp.exports.sitrep_short import short_text
from fieldapp.store import Store

ROUNDS = 5
TARGET_S = 5.0


def one_round(store: Store, operation_id: str, out: Path) -> dict[str, float]:
    from fieldapp.ui.exports.sitrep_pdf import map_of, sitrep_pdf

    times: dict[str, float] = {}
    started = time.perf_counter()
    report = sitrep.build(
        store, operation_id, highlights="Floods and storm.", next_report=sitrep.parse_next("1800Z")
    )
    times["figures"] = time.perf_counter() - started
    mark = time.perf_counter()
    shot = map_of(store, report)
    times["map data"] = time.perf_counter() - mark
    mark = time.perf_counter()
    pages = sitrep_pdf(report, shot, out, lang="fr")
    times["map painted + PDF"] = time.perf_counter() - mark
    mark = time.perf_counter()
    short_text(report, "en")
    times["radiogram"] = time.perf_counter() - mark
    times["total"] = time.perf_counter() - started
    times["pages"] = pages
    times["cells"] = len(shot.cells)
    times["tiles"] = len(shot.tiles)
    return times


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 200_000
    folder, operation_id, built = demo_data(count)
    if built is not None:
        print(f"demo data set of {count} reports built in {built:.0f} s")
    from fieldapp.ui.kit.pdf import pdf_application

    pdf_application()
    rounds = []
    with Store(folder, user="bench") as store, tempfile.TemporaryDirectory() as tmp:
        reports = store.conn.execute(
            "SELECT count(*) FROM reports WHERE operation_id = ?", [operation_id]
        ).fetchone()[0]
        for n in range(ROUNDS):
            rounds.append(one_round(store, operation_id, Path(tmp) / f"sitrep-{n}.pdf"))
    totals = [r["total"] for r in rounds]
    parts = ("figures", "map data", "map painted + PDF", "radiogram")
    each = ", ".join(f"{k} {statistics.median(r[k] for r in rounds) * 1000:.0f} ms" for k in parts)
    last = rounds[-1]
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"sitrep of {reports} reports ({last['pages']:.0f} pages, {last['cells']:.0f} marker"
        f" cells, {last['tiles']:.0f} tiles): median {statistics.median(totals):.2f} s,"
        f" slowest {max(totals):.2f} s over {ROUNDS} rounds (target <= {TARGET_S:.0f} s)"
    )
    print(f"  median per part: {each}; peak memory {peak_mb:.0f} MB")
    if max(totals) > TARGET_S:
        raise SystemExit(f"slower than the target of {TARGET_S:.0f} s")


if __name__ == "__main__":
    main()
