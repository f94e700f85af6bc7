"""Benchmark: the map of 10,000 demo reports, and tiles through the scheme handler.

1. From MapView creation to map_ready (the page loaded, the 10,000 reports fetched from
   the store in a worker, clustered by Leaflet.markercluster and drawn), offscreen, in a
   fresh process; median of ROUNDS processes. Target <= 2 s.
2. Tiles served by MapSchemeHandler.respond (the scheme's whole request path minus Qt's
   job and rendering): random XYZ addresses of the shipped world basemap and of an
   imported set. Target >= 2,000 tiles/s.

Each map start (bench/map_child.py) also reports its phases, from timestamps of the Qt
side and marks that the page's script posts, and the CPU time of the app and browser
processes. `--compare REF` runs an A/B of this checkout against git REF (exported under
bench/out/ab/), alternating the two in one run: on a shared, noisy machine only such a
paired comparison says whether a change helps.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from common import HEADLESS_ENV, OUT, ROOT

REPORTS = 10_000
ROUNDS = 5
TILE_REQUESTS = 20_000
CHILD = Path(__file__).with_name("map_child.py")
# Phases in the order a map start goes through them; those a version lacks are left out.
PHASES = (
    "view",
    "load_started",
    "data_read",
    "script",
    "start",
    "channel",
    "load_finished",
    "fetch",
    "parsed",
    "markers",
    "clustered",
    "painted",
    "alerts",
)


def _data_dir():
    folder = OUT / f"map-{REPORTS}"
    if not (folder / "ready").exists():
        from fieldapp.demo.builder import create_demo
        from fieldapp.store import Store

        with Store(folder) as store:
            create_demo(store, REPORTS, seed=2)
        (folder / "ready").write_text("ok")
    return folder


def _map_start(folder: Path, source: Path | None = None) -> dict:
    """One map start in a fresh process (of `source`, another checkout, if given)."""
    cmd = [sys.executable, str(CHILD), str(folder), *([str(source)] if source else [])]
    out = subprocess.run(
        cmd, capture_output=True, text=True, env=HEADLESS_ENV, timeout=120, check=True
    )
    line = next(line for line in out.stdout.splitlines() if line.startswith("result "))
    result = json.loads(line.partition(" ")[2])
    if "failed" in result:
        raise RuntimeError(result["failed"])
    return result


def _export(ref: str) -> Path:
    """The tree of git `ref` as a plain folder under bench/out (no worktree is made)."""
    sha = subprocess.run(
        ["git", "rev-parse", ref], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.strip()
    folder = OUT / "ab" / sha[:12]
    if not (folder / "fieldapp").is_dir():
        folder.mkdir(parents=True, exist_ok=True)
        archive = subprocess.run(["git", "archive", sha], cwd=ROOT, capture_output=True, check=True)
        subprocess.run(["tar", "-x", "-C", str(folder)], input=archive.stdout, check=True)
    return folder


def _median_phases(runs: list[dict]) -> str:
    parts = []
    for name in PHASES:
        values = [run["phases"][name] for run in runs if name in run.get("phases", {})]
        if values:
            parts.append(f"{name} {statistics.median(values):.2f}")
    return ", ".join(parts)


def _describe(label: str, runs: list[dict]) -> str:
    ready = [run["ready"] for run in runs]
    return (
        f"{label}: ready median {statistics.median(ready):.2f} s, min {min(ready):.2f}, "
        f"max {max(ready):.2f} over {len(runs)} processes; CPU median app "
        f"{statistics.median(r['app_cpu'] for r in runs):.2f} s, browser "
        f"{statistics.median(r['browser_cpu'] for r in runs):.2f} s\n"
        f"  phases (median s from MapView creation): {_median_phases(runs)}"
    )


def compare(ref: str, rounds: int) -> None:
    """A/B: this checkout against git `ref`, alternating in one run (noisy machine)."""
    folder = _data_dir()
    base = _export(ref)
    _map_start(folder), _map_start(folder, base)  # warm caches and .pyc files
    ours: list[dict] = []
    theirs: list[dict] = []
    for round_ in range(rounds):
        pair = [(ours, None), (theirs, base)]
        for runs, source in pair if round_ % 2 == 0 else pair[::-1]:
            runs.append(_map_start(folder, source))
    print(_describe(f"{ref}", theirs))
    print(_describe("this checkout", ours))
    ratio = statistics.median(r["ready"] for r in ours) / statistics.median(
        r["ready"] for r in theirs
    )
    print(f"ratio (this / {ref}) of the medians: {ratio:.2f}")


def _tiles_per_s(folder) -> tuple[float, float]:
    from PySide6.QtWidgets import QApplication

    from fieldapp.tiles import TileRegistry, import_mbtiles
    from fieldapp.ui.maps.scheme import MapSchemeHandler

    _app = QApplication.instance() or QApplication([])
    sample = ROOT / "tests" / "samples" / "geo" / "mbtiles" / "plain_1.mbtiles"
    if not (folder / "tiles" / "plain.mbtiles").exists():
        import_mbtiles(folder, sample, name="plain")
    rnd = random.Random(1)
    rates = []
    with TileRegistry(folder) as registry:
        handler = MapSchemeHandler(registry)
        for host in ("basemap", "tiles/plain"):
            urls = []
            for _ in range(TILE_REQUESTS):
                z = rnd.randint(0, 4)
                urls.append(
                    f"fieldapp://{host}/{z}/{rnd.randrange(1 << z)}/{rnd.randrange(1 << z)}"
                )
            started = time.perf_counter()
            for url in urls:
                handler.respond(url)
            rates.append(len(urls) / (time.perf_counter() - started))
        handler.close()
    return rates[0], rates[1]


def _cold_start(folder: Path) -> float:
    """One start with no cached page, as after an install or a new tile set."""
    from fieldapp.ui.maps.view import PAGE_CACHE_DIR

    shutil.rmtree(folder / PAGE_CACHE_DIR, ignore_errors=True)
    return _map_start(folder)["ready"]


def main() -> dict:
    folder = _data_dir()
    _map_start(folder)  # warm the OS cache and the .pyc files
    runs = [_map_start(folder) for _ in range(ROUNDS)]
    seconds = [run["ready"] for run in runs]
    cold = _cold_start(folder)
    basemap_rate, set_rate = _tiles_per_s(folder)
    print(
        f"{REPORTS:,} reports: ready in {statistics.median(seconds):.2f} s (target <= 2 s): "
        f"MapView created -> map_ready (clustered, drawn), median of {ROUNDS} processes, "
        f"max {max(seconds):.2f} s; {runs[0]['markers']} markers, "
        f"{max(r['blocked'] for r in runs)} blocked requests"
    )
    print("  " + _describe("breakdown", runs).partition("\n  ")[2])
    print(
        f"  the first map after an install or a tile-set change (page built, folium "
        f"imported, then cached): ready in {cold:.2f} s"
    )
    print(
        f"tiles through the scheme handler: basemap {basemap_rate:,.0f} tiles/s, imported "
        f"set {set_rate:,.0f} tiles/s (target >= 2,000)"
    )
    return {
        "map_ready_s": round(statistics.median(seconds), 2),
        "scheme_tiles_per_s": round(min(basemap_rate, set_rate)),
    }


if __name__ == "__main__":
    os.chdir(ROOT)
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--compare", metavar="REF", help="A/B against this git ref")
    parser.add_argument("--rounds", type=int, default=6, help="A/B rounds (default 6)")
    args = parser.parse_args()
    if args.compare:
        compare(args.compare, args.rounds)
    else:
        main()
