"""Imports of large files: seconds and peak memory (issue 17: streamed, < 300 MB).

Writes a CSV of 100,000 rows (a spreadsheet's: French column names, decimal commas,
accents) and a GeoJSON FeatureCollection of 200,000 features (points, a line and an
area in every 100), then imports each into a fresh data folder in a fresh child process
(so one import's memory does not hide another's) through the path of `fieldapp import`
(`intake.import_file`), and the dialog's path (`preview`, then `commit`), reading the
child's peak resident memory with `resource.getrusage` (`ru_maxrss`) and its CPU time
(`time.process_time`: steadier than the wall clock on a machine shared with other jobs).

    .venv/bin/python bench/import_bench.py [--rows 100000] [--features 200000]

Prints one line per run and a JSON summary (README "Imports").
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHILD = """
import resource, sys, time
from pathlib import Path
from fieldapp.store import Store
from fieldapp.exports.intake import commit, import_file, preview
data, path, how = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
with Store(data, user="bench") as store:
    op = store.operations.create("Bench: import")["id"]
    started, cpu = time.perf_counter(), time.process_time()
    if how == "import_file":
        plan, outcome = import_file(store, op, path)
        seconds = [time.perf_counter() - started]
    else:
        plan = preview(store, op, path)
        middle = time.perf_counter()
        outcome = commit(store, plan)
        seconds = [middle - started, time.perf_counter() - middle]
    cpu = time.process_time() - cpu
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(outcome.reports, outcome.features, f"{cpu:.2f}", " ".join(f"{s:.2f}" for s in seconds),
      f"{peak:.0f}")
"""
TOWNS = ["Cuxac-d'Aude", "Lézignan-Corbières", "Trèbes", "Quillan", "Espéraza", "Alès"]


def write_csv(path: Path, rows: int) -> None:
    rng = random.Random(17)
    with path.open("w", encoding="utf-8", newline="") as handle:
        out = csv.writer(handle, delimiter=";")
        out.writerow(["Titre", "Description", "Latitude", "Longitude", "Commune", "Gravité",
                      "Date", "Remarque"])  # fmt: skip
        for n in range(rows):
            town = TOWNS[n % len(TOWNS)]
            out.writerow([
                f"Signalement {n} à {town}", "Route inondée, l'eau monte " * 4,
                f"{43 + rng.random():.6f}".replace(".", ","),
                f"{2 + rng.random():.6f}".replace(".", ","), town, 1 + n % 5,
                f"2026-12-05T{n % 24:02d}:{n % 60:02d}:00Z", f"vu par l'équipe {n % 40}",
            ])  # fmt: skip


def write_geojson(path: Path, features: int) -> None:
    rng = random.Random(7)
    with path.open("w", encoding="utf-8") as handle:
        handle.write('{"type": "FeatureCollection", "name": "Bench", "features": [\n')
        for n in range(features):
            x, y = 2 + rng.random(), 43 + rng.random()
            if n % 100 == 98:
                geometry = {"type": "LineString", "coordinates": [[x, y], [x + 0.01, y + 0.01]]}
            elif n % 100 == 99:
                ring = [[x, y], [x + 0.01, y], [x + 0.01, y + 0.01], [x, y]]
                geometry = {"type": "Polygon", "coordinates": [ring]}
            else:
                geometry = {"type": "Point", "coordinates": [x, y]}
            feature = {"type": "Feature", "id": f"f{n}", "geometry": geometry,
                       "properties": {"name": f"Point {n} — {TOWNS[n % 6]}",
                                      "description": "Arbre tombé sur la chaussée",
                                      "severity": 1 + n % 5, "kind": "hazard"}}  # fmt: skip
            handle.write(("," if n else "") + json.dumps(feature, ensure_ascii=False) + "\n")
        handle.write("]}\n")


def run(tmp: Path, path: Path, how: str) -> dict:
    data = tmp / f"data-{path.suffix[1:]}-{how}"
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(data), str(path), how],
        capture_output=True, text=True, check=True, cwd=ROOT,
    )  # fmt: skip
    reports, features, cpu, *seconds, peak = done.stdout.split()
    return {"reports": int(reports), "features": int(features), "cpu_s": float(cpu),
            "seconds": [float(s) for s in seconds], "peak_mb": int(peak)}  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--features", type=int, default=200_000)
    args = parser.parse_args()
    results = {}
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        files = {"csv": tmp / "bench.csv", "geojson": tmp / "bench.geojson"}
        write_csv(files["csv"], args.rows)
        write_geojson(files["geojson"], args.features)
        for name, path in files.items():
            size = path.stat().st_size / 1_048_576
            for how in ("import_file", "preview+commit"):
                result = run(tmp, path, how)
                results[f"{name} {how}"] = {**result, "file_mb": round(size, 1)}
                times = " + ".join(f"{s:.2f}" for s in result["seconds"])
                print(f"{name:8} {how:15} {result['reports']:>7,} reports "
                      f"{result['features']:>6,} features  {times} s "
                      f"(CPU {result['cpu_s']:.1f} s)  "
                      f"peak {result['peak_mb']:>4} MB  file {size:5.1f} MB")  # fmt: skip
    print(json.dumps({"rows": args.rows, "features": args.features, "runs": results}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
