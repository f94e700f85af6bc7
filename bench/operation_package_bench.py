"""The operation package of a 200,000-report operation: export and import, seconds and
peak memory of each (each in a fresh child process, so one does not hide the other's
memory). The operation is the demo generator's (fieldapp/demo). The import is the
preview (the whole file checked) then the import itself, as `fieldapp operation import`
runs them.

    .venv/bin/python bench/operation_package_bench.py [--reports 200000]

Prints one line per step and a JSON summary (README "Carry a whole operation").
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from fieldapp.demo.builder import create_demo  # noqa: E402
from fieldapp.store import Store  # noqa: E402

CHILD = """
import resource, sys, time
from pathlib import Path
from fieldapp.store import Store
from fieldapp.sync.client.package_export import export_operation
from fieldapp.sync.client.package_import import import_package, preview_package
step, data, op, package = sys.argv[1:5]
with Store(Path(data)) as store:
    started = time.perf_counter()
    if step == "export":
        count = export_operation(store, op, Path(package)).records
    elif step == "preview":
        count = preview_package(store, Path(package)).records
    else:
        count = import_package(store, Path(package)).total("new")
    seconds = time.perf_counter() - started
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(f"{count} {seconds:.2f} {peak:.0f}")
"""


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--reports", type=int, default=200_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        source, target = Path(tmp) / "a", Path(tmp) / "b"
        package = Path(tmp) / "op.fieldapp-op"
        started = time.perf_counter()
        with Store(source, user="bench") as store:
            op = create_demo(store, args.reports)["id"]
        print(f"{args.reports:,} demo reports made in {time.perf_counter() - started:.1f} s")
        Store(target).close()
        results = {}
        for step, data in (("export", source), ("preview", target), ("import", target)):
            done = subprocess.run(
                [sys.executable, "-c", CHILD, step, str(data), op, str(package)],
                capture_output=True, text=True, check=True, cwd=ROOT,
            )  # fmt: skip
            count, seconds, peak = done.stdout.split()
            results[step] = {"records": int(count), "seconds": float(seconds),
                             "peak_mb": int(peak)}  # fmt: skip
            print(f"{step:8} {int(count):>8,} records  {float(seconds):6.2f} s  {peak:>5} MB")
        results["package_mb"] = round(package.stat().st_size / 1_048_576, 1)
        print(json.dumps({"reports": args.reports, **results}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
