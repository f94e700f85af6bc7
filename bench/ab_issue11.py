"""A/B of issue 11 (the restructuring) against the commit before it, in one run.

Usage: python bench/ab_issue11.py [--before f56de09] [--after REF] [--rounds 8]
                                  [--only startup,search,open,map,sync]

"before" is a git worktree of --before (made under bench/out/ab-issue11/ if --before-tree
does not exist yet); "after" is this checkout as it stands, or a worktree of --after. Each
tree is measured with ITS OWN bench scripts (the store's API and the module paths differ
between the two): this script only starts them, one measurement per child process, with
PYTHONPATH set to that tree, and collects their raw timings.

Both trees get byte-identical copies of the same data sets, made afresh on every run (the
200,000-report demo of `common.demo_data` and the 10,000-report map set of
`map_bench._data_dir`, both built once by the "before" tree and cached). The measurements
run interleaved, before and after in turn, the order flipped at every pair, so that a busy
minute on the shared machine hits both:

- start-up: process start to the list's first rows painted (`python -m fieldapp` with
  FIELDAPP_REPORT_READY=1, as startup_bench.py), beside a bare PySide6 window;
- search: search_bench.main() (as-you-type prefixes, first page and all matches, plus the
  store reads that open a report); its raw timings, pooled over the rounds;
- opening a report in the window: scroll_bench._window() (the real MainWindow on the
  200,000 reports, list loaded), then rows selected at random, each timed with
  scroll_bench._timed() (select, then Qt handles what it caused: editor filled, painted);
- map: map_bench._map_start(), MapView created -> map_ready with 10,000 reports;
- first sync of 10,000 reports: sync_bench.start_server() (a real `fieldapp serve` on
  loopback) and sync_bench.first_sync() (push from A, pull on B through the proxy).

A round is, for each side: 3 start-ups (beside 3 bare windows), 1 search run, 1 window
opening 60 reports, 2 map starts, 1 first sync. Each figure comes with the after/before
ratio, a 95 % bootstrap interval of that ratio (whole rounds resampled within each side,
as the timings of one round share its minute's load) and the number of rounds in which
the after side was the slower. "Worse" when the interval lies above 1 or when the after
side was the slower in so many rounds that the sign test gives p < 0.05 (8 of 8); "better"
the other way round; otherwise "within noise".
"""

from __future__ import annotations

import argparse
import compileall
import contextlib
import json
import math
import os
import platform
import random
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
AB = ROOT / "bench" / "out" / "ab-issue11"
DEMO_REPORTS = 200_000
OPENS_PER_ROUND = 60
MEASURES = ("startup", "search", "open", "map", "sync")
BARE = """
import time
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
window = QMainWindow()
window.resize(1280, 800)
window.show()
app.processEvents()
window.repaint()
print(time.time())
"""


# -- the child side: one measurement with one tree's own bench scripts ------------------


def _use_tree(tree: Path, side: str) -> None:
    """Import `common` and the benches of `tree`, their data under AB/side."""
    sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != HERE]
    sys.path[:0] = [str(tree / "bench"), str(tree)]
    sys.argv[1:] = []  # the benches read a report count from argv
    os.chdir(tree)
    import common

    common.OUT = AB / side  # demo_data() and the sync folder
    import map_bench  # (no Qt at import)

    map_bench.OUT = common.OUT  # its _data_dir()


def _child_search() -> dict:
    import search_bench

    shown = search_bench.summary_ms
    captured: list[list[float]] = []
    search_bench.summary_ms = lambda values: (captured.append(list(values)), shown(values))[1]
    with contextlib.redirect_stdout(sys.stderr):
        search_bench.main()
    return {"first": captured[0], "whole": captured[1], "store_open": captured[2]}


def _child_open(seed: int) -> dict:
    import common
    import scroll_bench

    folder, _, _ = common.demo_data(DEMO_REPORTS)
    app, window = scroll_bench._window(folder)
    view = window.report_list.view
    bar = view.verticalScrollBar()
    rows = window.report_model.rowCount()
    if not rows:
        raise RuntimeError("the window's list loaded no rows (see the log above)")
    rng = random.Random(seed)
    opening = []
    for _ in range(OPENS_PER_ROUND):
        row = rng.randrange(rows)
        bar.setValue(max(0, row - 5))
        app.processEvents()
        opening.append(scroll_bench._timed(app, window, lambda r=row: view.selectRow(r)))
        wanted = window.report_model.report_at(row)["id"]
        if window.editor.current_report_id() != wanted:
            raise RuntimeError("the editor does not show the selected report")
    window.shutdown()
    return {"open": opening, "rows": rows}


def _child_map() -> dict:
    import map_bench

    result = map_bench._map_start(map_bench._data_dir())
    return {k: result[k] for k in ("ready", "markers", "blocked", "app_cpu", "browser_cpu")}


def _child_sync() -> dict:
    import common
    import sync_bench

    legs: list[dict] = []
    timed_leg = sync_bench.leg

    def leg(link, store):
        got, seconds = timed_leg(link, store)
        legs.append({"s": seconds, **{k: got[k] for k in ("requests", "up", "down")}})
        return got, seconds

    sync_bench.leg = leg
    folder = common.OUT / "sync"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    proc, port, db = sync_bench.start_server(folder)
    try:
        with contextlib.redirect_stdout(sys.stderr):
            sync_bench.first_sync(folder, db, port)
    finally:
        proc.terminate()
        proc.wait()
        db.close()
    shutil.rmtree(folder, ignore_errors=True)
    return {"push": legs[0], "pull": legs[1]}


def _child_prepare() -> dict:
    import common
    import map_bench

    folder, _, built = common.demo_data(DEMO_REPORTS)
    map_bench._data_dir()
    return {"demo": str(folder), "built_s": built}


def child(measure: str, tree: Path, side: str, seed: int) -> None:
    _use_tree(tree, side)
    run = {
        "prepare": _child_prepare,
        "search": _child_search,
        "open": lambda: _child_open(seed),
        "map": _child_map,
        "sync": _child_sync,
    }[measure]
    print("result", json.dumps(run()), flush=True)


# -- the parent side: trees, data, interleaved rounds, the table ------------------------


def _git(*args: str) -> str:
    out = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=True)
    return out.stdout.strip()


def _worktree(ref: str, path: Path | None) -> Path:
    """A detached worktree of `ref` at `path` (made if absent), checked to be at `ref`."""
    sha = _git("rev-parse", f"{ref}^{{commit}}")
    path = path or AB / f"tree-{sha[:12]}"
    if not (path / "fieldapp").is_dir():
        path.parent.mkdir(parents=True, exist_ok=True)
        _git("worktree", "add", "--detach", str(path), sha)
    head = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=path, capture_output=True, text=True, check=True
    ).stdout.strip()
    if head != sha:
        raise SystemExit(f"{path} is at {head[:12]}, not at {ref} ({sha[:12]})")
    return path


def _env(tree: Path) -> dict:
    env = {
        **os.environ,
        "PYTHONPATH": str(tree),
        "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
        "QTWEBENGINE_CHROMIUM_FLAGS": "--no-sandbox",
    }
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # an installed app has its .pyc files
    return env


def _run_child(measure: str, tree: Path, side: str, seed: int = 0) -> dict:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", measure]
    cmd += ["--tree", str(tree), "--side", side, "--seed", str(seed)]
    out = subprocess.run(cmd, capture_output=True, text=True, env=_env(tree), cwd=tree, timeout=600)
    lines = [line for line in out.stdout.splitlines() if line.startswith("result ")]
    if out.returncode or not lines:
        raise RuntimeError(f"{measure} on {side} failed:\n{out.stderr[-3000:]}")
    return json.loads(lines[-1].partition(" ")[2])


def _child_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _start(cmd: list[str], env: dict, cwd: Path) -> tuple[float, float]:
    """(wall seconds from process start to its `ready`/last line, CPU seconds of it)."""
    started, cpu = time.time(), _child_cpu()
    out = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=cwd, timeout=60)
    if out.returncode:
        raise RuntimeError(f"{cmd} failed:\n{out.stderr[-3000:]}")
    lines = out.stdout.splitlines()
    ready = [line.split()[1] for line in lines if line.startswith("ready ")] or lines[-1:]
    return float(ready[-1]) - started, _child_cpu() - cpu


def _startup(tree: Path, side: str) -> tuple[float, float]:
    """As startup_bench._fieldapp, launched as `python -m fieldapp` for both trees (the
    venv's console script imports the after tree's module path)."""
    folder = AB / side / f"demo-{DEMO_REPORTS}-seed1"
    env = {**_env(tree), "FIELDAPP_REPORT_READY": "1"}
    cmd = [sys.executable, "-m", "fieldapp", "--data-dir", str(folder)]
    return _start(cmd, env, tree)


def _bare() -> tuple[float, float]:
    return _start([sys.executable, "-c", BARE], _env(ROOT), ROOT)


def _prepare(trees: dict[str, Path]) -> None:
    for tree in trees.values():
        compileall.compile_dir(str(tree / "fieldapp"), quiet=1)
    source = AB / "source"
    if not (source / f"demo-{DEMO_REPORTS}-seed1" / "ready.json").exists():
        print("building the data sets with the before tree...", flush=True)
        _run_child("prepare", trees["before"], "source")
    for side in trees:
        shutil.rmtree(AB / side, ignore_errors=True)
        shutil.copytree(source, AB / side, ignore=shutil.ignore_patterns("cache", "sync"))


def _pooled(rounds: list[list[float]]) -> list[float]:
    return [value for values in rounds for value in values]


def _bootstrap(before: list[list[float]], after: list[list[float]], stat, n: int = 2000) -> tuple:
    """95 % interval of stat(after) / stat(before), resampling whole rounds on each side
    (timings of one round share that minute's load, so single timings are not resampled)."""
    rng = random.Random(11)
    ratios = sorted(
        stat(_pooled(rng.choices(after, k=len(after))))
        / stat(_pooled(rng.choices(before, k=len(before))))
        for _ in range(n)
    )
    return ratios[int(0.025 * n)], ratios[int(0.975 * n) - 1]


def _sign_test(slower: int, rounds: int) -> float:
    """Two-sided p of the sign test: `slower` of `rounds` pairs slower on one side."""
    extreme = max(slower, rounds - slower)
    tail = sum(math.comb(rounds, k) for k in range(extreme, rounds + 1)) / 2**rounds
    return min(1.0, 2 * tail)


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(0.95 * len(ordered)) - 1))]


def _figure(seconds: float, unit: str) -> str:
    if unit == "s":
        return f"{seconds:.2f} s"
    ms = seconds * 1000
    return f"{ms:.1f} ms" if ms >= 10 else f"{ms:.2f} ms" if ms >= 1 else f"{ms:.3f} ms"


def _row(name: str, unit: str, before: list[list[float]], after: list[list[float]], stat) -> str:
    b, a = stat(_pooled(before)), stat(_pooled(after))
    low, high = _bootstrap(before, after, stat)
    slower = sum(stat(y) > stat(x) for x, y in zip(before, after, strict=True))
    paired = _sign_test(slower, len(before)) < 0.05
    verdict = "within noise"
    if low > 1 or (paired and slower > len(before) / 2):
        verdict = "**worse**"
    elif high < 1 or (paired and slower < len(before) / 2):
        verdict = "better"
    return (
        f"| {name} | {_figure(b, unit)} | {_figure(a, unit)} | {a / b:.2f} | "
        f"{low:.2f}-{high:.2f} | {slower}/{len(before)} | {verdict} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", default="f56de09", help="git ref (default f56de09)")
    parser.add_argument("--before-tree", type=Path, help="its worktree (made if absent)")
    parser.add_argument("--after", help="git ref (default: this checkout as it stands)")
    parser.add_argument("--after-tree", type=Path, help="its worktree (made if absent)")
    parser.add_argument("--rounds", type=int, default=8, help="rounds (default 8)")
    parser.add_argument(
        "--only", default=",".join(MEASURES), help="comma-separated: startup,search,open,map,sync"
    )
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--tree", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--side", help=argparse.SUPPRESS)
    parser.add_argument("--seed", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.tree, args.side, args.seed)
        return
    started = time.monotonic()
    trees = {
        "before": _worktree(args.before, args.before_tree),
        "after": _worktree(args.after, args.after_tree) if args.after else ROOT,
    }
    for side, tree in trees.items():
        head = _git("-C", str(tree), "rev-parse", "--short", "HEAD")
        changed = _git("-C", str(tree), "status", "--porcelain", "--untracked-files=no")
        print(f"{side}: {tree} at {head}; local changes: {changed.split() or 'none'}")
    print(f"load average at the start: {os.getloadavg()}", flush=True)
    _prepare(trees)
    # samples[side][figure][round]: the timings of one figure in one round
    samples: dict[str, dict[str, list[list[float]]]] = {side: {} for side in trees}

    def add(side: str, key: str, values: list[float], round_: int) -> None:
        samples[side].setdefault(key, [[] for _ in range(args.rounds)])[round_].extend(values)

    only = set(args.only.split(","))
    if only - set(MEASURES):
        parser.error(f"--only: unknown {sorted(only - set(MEASURES))}; known: {MEASURES}")
    bare: list[float] = []
    for side, tree in trees.items():  # warm: .pyc, OS cache, map page cache, migrations
        _startup(tree, side)
        if "map" in only:
            _run_child("map", tree, side)
    _bare()
    flip = 0
    for round_ in range(args.rounds):
        for _ in range(3 if "startup" in only else 0):
            bare.append(_bare()[0])
            for side in list(trees)[:: 1 - 2 * (flip % 2)]:
                wall, cpu = _startup(trees[side], side)
                add(side, "startup", [wall], round_)
                add(side, "startup_cpu", [cpu], round_)
            flip += 1
        for measure in [m for m in ("search", "open", "map", "map", "sync") if m in only]:
            for side in list(trees)[:: 1 - 2 * (flip % 2)]:
                got = _run_child(measure, trees[side], side, seed=round_)
                if measure == "search":
                    for key in ("first", "whole", "store_open"):
                        add(side, key, got[key], round_)
                elif measure == "open":
                    add(side, "open", got["open"], round_)
                elif measure == "map":
                    add(side, "map", [got["ready"]], round_)
                else:
                    add(side, "push", [got["push"]["s"]], round_)
                    add(side, "pull", [got["pull"]["s"]], round_)
                    add(side, "sync", [got["push"]["s"] + got["pull"]["s"]], round_)
            flip += 1
        print(f"round {round_ + 1}/{args.rounds} done, load {os.getloadavg()[0]:.2f}", flush=True)

    b, a = samples["before"], samples["after"]
    med = statistics.median
    print()
    print(
        "| figure | before | after | after/before | 95 % interval | rounds after slower | verdict |"
    )
    print("|---|---|---|---|---|---|---|")
    rows = (
        ("start-up to the list painted, 200,000 reports (median)", "ms", "startup", med),
        ("  same, CPU time of the whole process (median)", "ms", "startup_cpu", med),
        ("search as you type, first page (p95)", "ms", "first", _p95),
        ("search, all matches (p95)", "ms", "whole", _p95),
        ("opening a report in the window (median)", "ms", "open", med),
        ("opening a report in the window (p95)", "ms", "open", _p95),
        ("opening a report, store reads (p95)", "ms", "store_open", _p95),
        ("map ready, 10,000 reports (median)", "s", "map", med),
        ("first sync of 10,000 reports, push + pull (median)", "s", "sync", med),
        ("  push from device A (median)", "s", "push", med),
        ("  pull on device B (median)", "s", "pull", med),
    )
    for name, unit, key, stat in rows:
        if key in b:
            print(_row(name, unit, b[key], a[key], stat))
    if bare:
        bare_ms = med(bare) * 1000
        print(
            f"\nstart-up ratio to a bare PySide6 window ({bare_ms:.0f} ms, median of "
            f"{len(bare)}): before {med(_pooled(b['startup'])) * 1000 / bare_ms:.2f}x, "
            f"after {med(_pooled(a['startup'])) * 1000 / bare_ms:.2f}x"
        )
    counts = ", ".join(f"{key} {len(_pooled(b[key]))}" for key in b)
    print(f"samples per side: {counts}")
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python "
        f"{sys.version.split()[0]}, {platform.platform()}; load average at the end "
        f"{os.getloadavg()}; {(time.monotonic() - started) / 60:.1f} min"
    )


if __name__ == "__main__":
    main()
