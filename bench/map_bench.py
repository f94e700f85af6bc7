"""Benchmark: the map of 10,000 demo reports, and tiles through the scheme handler.

1. From MapView creation to map_ready (the page loaded, the 10,000 reports fetched from
   the store in a worker, clustered by Leaflet.markercluster and drawn), offscreen, in a
   fresh process; median of ROUNDS processes. Target <= 2 s.
2. Tiles served by MapSchemeHandler.respond (the scheme's whole request path minus Qt's
   job and rendering): random XYZ addresses of the shipped world basemap and of an
   imported set. Target >= 2,000 tiles/s.
"""

from __future__ import annotations

import os
import random
import statistics
import subprocess
import sys
import time

from common import HEADLESS_ENV, OUT, ROOT

REPORTS = 10_000
ROUNDS = 5
TILE_REQUESTS = 20_000
CHILD = """
import sys, time
from pathlib import Path
from fieldapp.ui.app import create_application
app = create_application()
from fieldapp.store import Store
from fieldapp.ui.map_view import MapView
store = Store(Path(sys.argv[1]))
operation = store.list_operations()[0]
started = time.perf_counter()
view = MapView(store)
view.resize(1280, 800)
view.show()
view.set_operation(operation)
shown = []
view.reports_shown.connect(shown.append)
view.map_ready.connect(lambda: (print("ready", time.perf_counter() - started, shown[-1],
                                      len(view.blocked_requests)), app.quit()))
view.load_failed.connect(lambda message: (print("failed", message), app.quit()))
app.exec()
view.shutdown()
"""


def _data_dir():
    folder = OUT / f"map-{REPORTS}"
    if not (folder / "ready").exists():
        from fieldapp.demo import create_demo
        from fieldapp.store import Store

        with Store(folder) as store:
            create_demo(store, REPORTS, seed=2)
        (folder / "ready").write_text("ok")
    return folder


def _map_ready_s(folder) -> tuple[float, int, int]:
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(folder)],
        capture_output=True,
        text=True,
        env=HEADLESS_ENV,
        timeout=120,
        check=True,
    )
    line = next(line for line in out.stdout.splitlines() if line.startswith(("ready", "failed")))
    if line.startswith("failed"):
        raise RuntimeError(line)
    _, seconds, markers, blocked = line.split()
    return float(seconds), int(markers), int(blocked)


def _tiles_per_s(folder) -> tuple[float, float]:
    from PySide6.QtWidgets import QApplication

    from fieldapp.tiles import TileRegistry, import_mbtiles
    from fieldapp.ui.map_scheme import MapSchemeHandler

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


def main() -> dict:
    folder = _data_dir()
    _map_ready_s(folder)  # warm the OS cache and the .pyc files
    runs = [_map_ready_s(folder) for _ in range(ROUNDS)]
    seconds = [run[0] for run in runs]
    basemap_rate, set_rate = _tiles_per_s(folder)
    print(
        f"map of {REPORTS} reports: MapView created -> map_ready (clustered, drawn) "
        f"median {statistics.median(seconds):.2f} s, max {max(seconds):.2f} s over {ROUNDS} "
        f"processes; {runs[0][1]} markers, {max(r[2] for r in runs)} blocked requests "
        "(target <= 2 s)"
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
    main()
