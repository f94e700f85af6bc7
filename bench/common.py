"""Shared helpers for the benchmarks: demo data sets, timings, process start-up probes.

Benchmarks run as plain scripts (`make bench` or `python bench/<name>.py`) and print
their figures; they are not timed unit tests. Data sets are cached in bench/out/.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
HEADLESS_ENV = {
    **os.environ,
    "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
    "QTWEBENGINE_CHROMIUM_FLAGS": "--no-sandbox",
}


def fieldapp(*args: str, data_dir: Path, check: bool = True) -> subprocess.CompletedProcess:
    """Run the fieldapp CLI of this checkout in a subprocess."""
    cmd = [sys.executable, "-m", "fieldapp", "--data-dir", str(data_dir), *args]
    return subprocess.run(cmd, check=check, capture_output=True, text=True, env=HEADLESS_ENV)


def demo_data(reports: int, seed: int = 1) -> tuple[Path, str, float | None]:
    """A cached data dir holding one demo operation: (dir, operation id, seconds to build).

    The build time is None when the data set came from the cache.
    """
    folder = OUT / f"demo-{reports}-seed{seed}"
    marker = folder / "ready.json"
    if marker.exists():
        info = json.loads(marker.read_text())
        return folder, info["operation_id"], None
    shutil.rmtree(folder, ignore_errors=True)
    started = time.perf_counter()
    fieldapp("demo", "--reports", str(reports), "--seed", str(seed), data_dir=folder)
    elapsed = time.perf_counter() - started
    ops = json.loads(fieldapp("operation", "list", "--json", data_dir=folder).stdout)
    marker.write_text(json.dumps({"operation_id": ops[0]["id"], "build_s": elapsed}))
    return folder, ops[0]["id"], elapsed


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(pct / 100 * len(ordered)) - 1))
    return ordered[index]


def summary_ms(values: list[float]) -> str:
    ms = [v * 1000 for v in values]
    return (
        f"n={len(ms)} median={statistics.median(ms):.1f} ms p95={percentile(ms, 95):.1f} ms "
        f"max={max(ms):.1f} ms"
    )


def time_until_line(cmd: list[str], marker: str, env: dict | None = None) -> float:
    """Seconds from starting `cmd` to the first stdout line that starts with `marker`."""
    started = time.perf_counter()
    proc = subprocess.Popen(
        cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env or HEADLESS_ENV
    )
    try:
        for line in proc.stdout:
            if line.startswith(marker):
                return time.perf_counter() - started
        raise RuntimeError(f"{cmd[:4]} exited with {proc.wait()} before printing {marker!r}")
    finally:
        proc.kill()
        proc.wait()
