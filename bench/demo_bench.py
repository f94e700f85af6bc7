"""Benchmark: `fieldapp demo --reports 200000` from start to exit (target <= 30 s)."""

from __future__ import annotations

import shutil
import sys
import time

from common import OUT, fieldapp

REPORTS = int(sys.argv[1]) if len(sys.argv) > 1 else 200_000


def main() -> dict:
    folder = OUT / "demo-bench-fresh"
    shutil.rmtree(folder, ignore_errors=True)
    started = time.perf_counter()
    fieldapp("demo", "--reports", str(REPORTS), "--seed", "1", data_dir=folder)
    elapsed = time.perf_counter() - started
    shutil.rmtree(folder, ignore_errors=True)
    print(f"demo --reports {REPORTS}: {elapsed:.1f} s (target <= 30 s)")
    return {"demo_reports": REPORTS, "demo_s": round(elapsed, 1)}


if __name__ == "__main__":
    main()
