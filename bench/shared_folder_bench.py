"""Benchmark: several programs on one data folder for minutes, both sides killed at random.

The long version of tests/test_shared_folder.py (its kit: tests/shared_folder_kit.py): a
window-like writer (one Store that saves, two worker threads opening and closing Stores
to read) beside the command line running every command that touches the store (report
add/list/edit, check, backup, sync with a real `fieldapp serve`, demo, radio add, tiles
import), one after the other; the writer is killed with SIGKILL every few seconds and
restarted; a third of the commands get a SIGKILL 0.1-0.9 s after they start (those still
running then die mid-run). Prints what was done and what was lost (must be 0), and exits
1 if anything was lost or went wrong.

    python bench/shared_folder_bench.py [SECONDS] [SEED]    (default 180 s, seed 1)
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from common import ROOT

sys.path.insert(0, str(ROOT / "tests"))

from shared_folder_kit import Run

SECONDS = float(sys.argv[1]) if len(sys.argv) > 1 else 180.0
SEED = int(sys.argv[2]) if len(sys.argv) > 2 else 1


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="fieldapp-shared-") as root:
        started = time.monotonic()
        figures = Run(Path(root), seconds=SECONDS, seed=SEED).run()
        elapsed = time.monotonic() - started
    print(f"shared folder, {elapsed:.0f} s (seed {SEED}): {figures.line()}")
    for problem in figures.problems[:20]:
        print(f"  problem: {problem}")
    for lost in figures.lost[:20]:
        print(f"  lost: {lost}")
    if figures.problems or figures.lost:
        sys.exit(1)


if __name__ == "__main__":
    main()
