"""`make mutation`: mutmut over the modules where a silent bug loses or corrupts data.

Each module is mutated on its own, in a scratch copy of the project under
build/mutation/<name>/ (the work tree is never touched, so a mutant can neither be
committed nor leak into someone's test run), against only the fast test files that
exercise it (MODULES below); mutmut then runs, for each mutant, only the tests of those
files that call the mutated function. Prints the score per module and every surviving
mutant; survivors listed in mutation/EQUIVALENT.md (by mutant name) are equivalent
mutants, explained there, and counted apart.

    python mutation/run.py                # every module
    python mutation/run.py hlc merge      # some of them
    MUTATION_JOBS=4 python mutation/run.py

Not part of `make test`: a full run takes minutes. Not thread-related: one process per
module, mutmut forks its own workers.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "build" / "mutation"
EQUIVALENT = Path(__file__).resolve().parent / "EQUIVALENT.md"
MUTMUT = Path(sys.executable).parent / "mutmut"

# name -> (module file, the fast test files that exercise it). Server tests (real
# subprocesses, PostgreSQL) are left out: they are slow and the mutated copy is not the
# code a subprocess runs.
MODULES: dict[str, tuple[str, list[str]]] = {
    "domain": (
        "fieldapp/reports/domain.py",
        ["tests/test_report_validation.py", "tests/test_store.py"],
    ),
    "check": ("fieldapp/radio/check.py", ["tests/radio/test_radio_check.py"]),
    "merge": ("fieldapp/sync/protocol/merge.py", ["tests/sync/test_merge.py"]),
    "hlc": ("fieldapp/core/hlc.py", ["tests/test_hlc.py"]),
    "wire": (
        "fieldapp/sync/protocol/wire.py",
        ["tests/sync/test_wire.py", "tests/test_records.py"],
    ),
    "grid": ("fieldapp/tiles/grid.py", ["tests/tiles/test_tiles_grid.py"]),
    "replica": (
        "fieldapp/core/replica.py",
        [
            "tests/test_replica.py",
            "tests/test_store.py",
            "tests/test_features.py",
            "tests/test_records.py",
        ],
    ),
}

_RESULT = re.compile(r"^\s*(?P<name>\S+__mutmut_\d+): (?P<status>.+?)\s*$")
_EXPLAINED = re.compile(r"`(?P<name>[\w.]+__mutmut_\d+)`")
# Outcomes that count as the suite noticing the mutant.
_CAUGHT = {"killed", "timeout", "caught by type check", "segfault"}


def _config(module: str, tests: list[str]) -> str:
    def toml_list(items: list[str]) -> str:
        return "[" + ", ".join(f'"{item}"' for item in items) + "]"

    return (
        "\n[tool.mutmut]\n"
        'source_paths = ["fieldapp"]\n'
        f"only_mutate = {toml_list([module])}\n"
        f"pytest_add_cli_args_test_selection = {toml_list(tests)}\n"
        # pytest-timeout's own limit would outlast mutmut's; -p no:cacheprovider keeps
        # the copy's cache out of the way.
        'pytest_add_cli_args = ["-p", "no:cacheprovider", "-q"]\n'
        'also_copy = ["resources"]\n'
        "use_git_change_detection = false\n"
    )


def _prepare(name: str, module: str, tests: list[str]) -> Path:
    """A scratch copy of the project whose pyproject.toml configures mutmut for `name`."""
    work = WORK / name
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    ignore = shutil.ignore_patterns("__pycache__", ".hypothesis")
    for folder in ("fieldapp", "tests", "resources"):
        shutil.copytree(ROOT / folder, work / folder, ignore=ignore, symlinks=True)
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    present = [test for test in tests if (ROOT / test).is_file()]
    (work / "pyproject.toml").write_text(pyproject + _config(module, present), encoding="utf-8")
    return work


def _results(work: Path) -> dict[str, str]:
    out = subprocess.run(
        [str(MUTMUT), "results", "--all", "true"],
        cwd=work,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return {m["name"]: m["status"] for line in out.splitlines() if (m := _RESULT.match(line))}


def explained() -> set[str]:
    """Mutant names EQUIVALENT.md explains."""
    if not EQUIVALENT.is_file():
        return set()
    return {m["name"] for m in _EXPLAINED.finditer(EQUIVALENT.read_text(encoding="utf-8"))}


def run_module(name: str, jobs: int) -> tuple[dict[str, str], float]:
    module, tests = MODULES[name]
    work = _prepare(name, module, tests)
    started = time.monotonic()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONDONTWRITEBYTECODE": "1"}
    subprocess.run(
        [str(MUTMUT), "run", "--max-children", str(jobs)],
        cwd=work,
        env=env,
        stdout=subprocess.DEVNULL,
        check=False,
    )
    return _results(work), time.monotonic() - started


def report(name: str, results: dict[str, str], seconds: float, known: set[str]) -> list[str]:
    """Print the module's score; returns its unexplained survivors."""
    caught = [m for m, status in results.items() if status in _CAUGHT]
    missed = sorted(m for m in results if m not in caught)
    equivalent = [m for m in missed if m in known]
    open_ = [m for m in missed if m not in known]
    total = len(results)
    raw = 100 * len(caught) / total if total else 0.0
    counted = total - len(equivalent)
    score = 100 * len(caught) / counted if counted else 100.0
    print(
        f"{name:8} {MODULES[name][0]:36} {len(caught):4}/{total:<4} killed "
        f"({raw:5.1f} %), {len(equivalent):3} equivalent -> score {score:5.1f} %  "
        f"[{seconds:.0f} s]"
    )
    for mutant in missed:
        tag = "equivalent" if mutant in known else results[mutant]
        print(f"    {mutant}: {tag}")
    return open_


def main(argv: list[str]) -> int:
    names = argv or list(MODULES)
    unknown = [name for name in names if name not in MODULES]
    if unknown:
        print(f"unknown module(s) {', '.join(unknown)}; choose from {', '.join(MODULES)}")
        return 2
    jobs = int(os.environ.get("MUTATION_JOBS", "2"))
    known = explained()
    open_total = 0
    for name in names:
        results, seconds = run_module(name, jobs)
        if not results:
            print(f"{name}: mutmut produced no results (see {WORK / name})")
            open_total += 1
            continue
        open_total += len(report(name, results, seconds, known))
    print(f"{open_total} surviving mutant(s) neither killed nor explained in {EQUIVALENT.name}")
    print(f"`mutmut show NAME` in {WORK}/<module> prints a mutant's diff.")
    return 1 if open_total else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
