"""Exports of 200,000 reports to each format: seconds and peak memory of the exporting
process (each format in a fresh child process, so one format's memory does not hide
another's). Target (issue 17): <= 20 s each, memory < 300 MB, streamed.

    .venv/bin/python bench/export_bench.py [--reports 200000] [--formats umap,pfif]

Prints one line per format and a JSON summary (README "Benchmarks").
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from fieldapp.store import Store  # noqa: E402

FORMATS = ("geojson", "csv", "kml", "gpx", "umap", "ushahidi", "pfif")
CHILD = """
import resource, sys, time
from pathlib import Path
from fieldapp.store import Store
from fieldapp.exports.formats import export
from fieldapp.reports.query import ReportQuery
data, name, op, out = sys.argv[1:5]
with Store(Path(data)) as store:
    started = time.perf_counter()
    count = export(store, name, ReportQuery(op), Path(out), hxl=(name == 'csv'))
    seconds = time.perf_counter() - started
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(f"{count} {seconds:.2f} {peak:.0f}")
"""


def fill(data: Path, n: int) -> str:
    rng = random.Random(7)
    kinds = ("observation", "request_for_help", "damage", "hazard", "rumour", "information",
             "missing_person")  # fmt: skip
    with Store(data, user="bench") as store:
        op = store.operations.create("Bench: crues")["id"]
        items = (
            {"title": f"Rapport {i} — route inondée à Cuxac", "body": "L'eau monte " * 8,
             "kind": kinds[i % 7], "severity": 1 + i % 5, "place": "Cuxac-d'Aude",
             "lat": 43 + rng.random(), "lon": 2 + rng.random(), "tags": ["crue"]}
            for i in range(n)
        )  # fmt: skip
        store.reports.add_bulk(op, items)
    return op


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--reports", type=int, default=200_000)
    parser.add_argument("--formats", default=",".join(FORMATS), help="comma-separated")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        started = time.perf_counter()
        op = fill(data, args.reports)
        print(f"{args.reports:,} reports loaded in {time.perf_counter() - started:.1f} s")
        results = {}
        for name in args.formats.split(","):
            out = Path(tmp) / f"out.{name}"
            done = subprocess.run(
                [sys.executable, "-c", CHILD, str(data), name, op, str(out)],
                capture_output=True, text=True, check=True, cwd=ROOT,
            )  # fmt: skip
            count, seconds, peak = done.stdout.split()
            size = out.stat().st_size / 1_048_576
            results[name] = {"items": int(count), "seconds": float(seconds),
                             "peak_mb": int(peak), "file_mb": round(size, 1)}  # fmt: skip
            print(f"{name:8} {int(count):>8,} items  {float(seconds):6.2f} s  "
                  f"peak {peak:>4} MB  file {size:6.1f} MB")  # fmt: skip
    print(json.dumps({"reports": args.reports, "formats": results}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
