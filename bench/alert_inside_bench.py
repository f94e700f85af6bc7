"""Benchmark: which of 200,000 reports fall inside an alert's area (issue 15).

The demo operation of bench/common.py's `demo_data(200_000)` (reports across France, 13%
without a position) is read through `fieldapp.alerts.inside.reports_inside` with three
areas of about 2,000 vertices each: the Gard's outline (from the shipped boundary file,
its edges cut so that it has ~2,000 vertices), the Alpes-Maritimes' outline the same way,
and a 2,000-vertex star over the southern half of France (its bounding box holds half of
the reports: the prefilter's worst case here). Each call is timed with perf_counter from
the call to the list of ids, on a warm connection (the first call is dropped), RUNS times.
Target: <= 50 ms.

The box of the area is read from the index reports_by_position (operation_id, deleted,
lat, lon, id; migration m006): the data set is opened once through the Store first, so
that a cached set made before m006 gets it.

    nice -n 15 .venv/bin/python bench/alert_inside_bench.py
"""

from __future__ import annotations

import math
import sqlite3
import time
from pathlib import Path

import shapely
from common import demo_data, summary_ms

from fieldapp.alerts.boundaries import resolve
from fieldapp.alerts.inside import reports_inside
from fieldapp.store import Store

REPORTS = 200_000
RUNS = 30
VERTICES = 2000


def with_vertices(geometry: dict, count: int) -> dict:
    """The largest part of an outline with its edges cut until it has about `count`."""
    area = shapely.geometry.shape(geometry)
    ring = max(getattr(area, "geoms", [area]), key=lambda p: p.area).exterior
    step = ring.length / count
    ring = shapely.segmentize(shapely.simplify(ring, step / 4), step)
    return {"type": "Polygon", "coordinates": [list(ring.coords)]}


def star(count: int) -> dict:
    """A star over the southern half of France: 2,000 vertices, a large bounding box."""
    points = []
    for i in range(count):
        angle = 2 * math.pi * i / count
        radius = 3.0 if i % 2 else 2.2
        points.append((2.5 + radius * math.cos(angle), 44.5 + 0.7 * radius * math.sin(angle)))
    return {"type": "Polygon", "coordinates": [[*points, points[0]]]}


def areas() -> dict[str, dict]:
    gard = resolve("INSEE", "30")
    alpes = resolve("NUTS3", "FRL03")
    assert gard is not None and alpes is not None, "no boundary file: run `make boundaries`"
    return {
        "Gard": with_vertices(gard, VERTICES),
        "Alpes-Maritimes": with_vertices(alpes, VERTICES),
        "southern star": star(VERTICES),
    }


def measure(db: Path, operation: str, label: str) -> None:
    conn = sqlite3.connect(f"{db.as_uri()}?mode=ro", uri=True)
    try:
        (in_op,) = conn.execute(
            "SELECT count(*) FROM reports WHERE operation_id = ? AND deleted = 0", (operation,)
        ).fetchone()
        print(f"{label}: {in_op} live reports in the operation")
        for name, area in areas().items():
            vertices = len(area["coordinates"][0])
            found = reports_inside(conn, operation, area)  # warm-up, dropped
            times = []
            for _ in range(RUNS):
                started = time.perf_counter()
                reports_inside(conn, operation, area)
                times.append(time.perf_counter() - started)
            west, south, east, north = shapely.geometry.shape(area).bounds
            (in_box,) = conn.execute(
                "SELECT count(*) FROM reports WHERE operation_id = ? AND deleted = 0"
                " AND lat BETWEEN ? AND ? AND lon BETWEEN ? AND ?",
                (operation, south, north, west, east),
            ).fetchone()
            print(
                f"  {name} ({vertices} vertices, {in_box} reports in its box, {len(found)} "
                f"inside): {summary_ms(times)}"
            )
    finally:
        conn.close()


def main() -> None:
    folder, operation, built = demo_data(REPORTS)
    if built is not None:
        print(f"demo data set of {REPORTS} reports built in {built:.1f} s")
    db = folder / "fieldapp.db"
    print(
        f"reports_inside: {RUNS} timed calls per area after one warm-up, perf_counter around "
        "the call, target <= 50 ms"
    )
    Store(folder).close()  # migrated: the position index exists
    measure(db, operation, "reports_by_position")


if __name__ == "__main__":
    main()
