"""Reading and writing exercise scenarios (MSELs): how long the scenario layer takes.

Prints, each the median of repeated runs timed with time.perf_counter in this process:
read_csv, write_csv, write_xlsx and read_xlsx of the sample scenario
(resources/exercises/crue-eclair.csv, 45 injects) and of a scenario at the row limit
(5,000 injects made from the sample's, each with its details and translation); then the
hostile workbooks of tests/exercises/data refused (zip bomb, billion laughs, 5,001 rows).
All of it runs off the UI thread in the app (a job of the task manager); these figures
say how long a load or an export holds a worker. Run: .venv/bin/python bench/msel_bench.py
"""

from __future__ import annotations

import statistics
import time
from dataclasses import replace
from pathlib import Path

from fieldapp.exercises.msel import (
    MselError,
    Scenario,
    read_csv,
    read_xlsx,
    write_csv,
    write_xlsx,
)

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "resources" / "exercises" / "crue-eclair.csv"
HOSTILE = ROOT / "tests" / "exercises" / "data"


def median_ms(fn, runs: int = 10) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def at_the_limit(sample: Scenario) -> Scenario:
    """5,000 injects: the sample's, again and again, renumbered and spread over 3 hours."""
    injects = []
    for n in range(5000):
        inject = sample.injects[n % len(sample.injects)]
        injects.append(replace(inject, number=str(n + 1), at_s=n * 2, follows=""))
    return replace(sample, injects=tuple(injects))


def measure(name: str, scenario: Scenario, runs: int) -> None:
    csv_data, xlsx_data = write_csv(scenario), write_xlsx(scenario)
    count = len(scenario.injects)
    for label, fn, size in (
        ("read_csv", lambda: read_csv(csv_data, source="b.csv"), len(csv_data)),
        ("write_csv", lambda: write_csv(scenario), len(csv_data)),
        ("read_xlsx", lambda: read_xlsx(xlsx_data, source="b.xlsx"), len(xlsx_data)),
        ("write_xlsx", lambda: write_xlsx(scenario), len(xlsx_data)),
    ):
        ms = median_ms(fn, runs)
        print(f"{label} {name} ({count:,} injects, {size / 1000:.0f} KB): {ms:.1f} ms")


def main() -> None:
    sample = read_csv(SAMPLE.read_bytes(), source=SAMPLE.name)
    measure("sample", sample, runs=20)
    measure("at the limit", at_the_limit(sample), runs=3)
    for name in ("zip_bomb.xlsx", "billion_laughs.xlsx", "too_many_rows.xlsx"):
        data = (HOSTILE / name).read_bytes()

        def refuse(data: bytes = data, name: str = name) -> None:
            try:
                read_xlsx(data, source=name)
            except MselError:
                return
            raise AssertionError(f"{name} was read")

        print(f"{name} ({len(data) / 1000:.0f} KB) refused in {median_ms(refuse, 5):.1f} ms")


if __name__ == "__main__":
    main()
