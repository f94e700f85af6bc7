"""Benchmark: process start to the main window shown with its list populated.

FieldApp is started as a user starts it (`fieldapp`, the GUI path), with
FIELDAPP_REPORT_READY=1 so that it prints the moment the first rows are painted, then quits.

Compared, in the same run and alternating, with a bare PySide6 window from process start
to shown. Both children print the wall-clock time at which they are ready; the parent
notes the time just before starting them. Python caches (.pyc) are written first, as an
installed app has them. Target: FieldApp with 200,000 reports <= 2x the bare window.
"""

from __future__ import annotations

import compileall
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

from common import HEADLESS_ENV, ROOT, demo_data

REPORTS = int(sys.argv[1]) if len(sys.argv) > 1 else 200_000
ROUNDS = 7
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


def _env() -> dict:
    env = {**HEADLESS_ENV}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def _child_cpu() -> float:
    """CPU seconds (user + system) used so far by this process's finished children."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _bare() -> tuple[float, float]:
    """(wall seconds to shown, CPU seconds of the whole child)."""
    started, cpu = time.time(), _child_cpu()
    out = subprocess.run([sys.executable, "-c", BARE], capture_output=True, text=True, env=_env())
    return float(out.stdout.strip().splitlines()[-1]) - started, _child_cpu() - cpu


def _fieldapp(data_dir) -> tuple[float, float]:
    """`fieldapp` (the GUI path), told to print the moment its first rows are painted.

    (wall seconds to the rows painted, CPU seconds of the whole child, quitting included)
    """
    script = Path(sys.executable).with_name("fieldapp")  # what `make run` starts
    launcher = [str(script)] if script.exists() else [sys.executable, "-m", "fieldapp"]
    cmd = [*launcher, "--data-dir", str(data_dir)]
    env = {**_env(), "FIELDAPP_REPORT_READY": "1"}
    started, cpu = time.time(), _child_cpu()
    out = subprocess.run(cmd, capture_output=True, text=True, env=env, check=True, timeout=60)
    ready = [line for line in out.stdout.splitlines() if line.startswith("ready ")]
    return float(ready[-1].split()[1]) - started, _child_cpu() - cpu


def main() -> dict:
    folder, _, _ = demo_data(REPORTS)
    compileall.compile_dir(str(ROOT / "fieldapp"), quiet=1)
    _bare(), _fieldapp(folder)  # warm the OS file cache for both
    bare, app, bare_cpu, app_cpu = [], [], [], []
    for _ in range(ROUNDS):  # alternating, so that a busy minute hits both
        wall, cpu = _bare()
        bare.append(wall)
        bare_cpu.append(cpu)
        wall, cpu = _fieldapp(folder)
        app.append(wall)
        app_cpu.append(cpu)
    ratio = statistics.median(app) / statistics.median(bare)
    cpu_ratio = statistics.median(app_cpu) / statistics.median(bare_cpu)
    print(
        f"start-up, {REPORTS} reports: bare PySide6 window "
        f"{statistics.median(bare) * 1000:.0f} ms, FieldApp list populated "
        f"{statistics.median(app) * 1000:.0f} ms (medians of {ROUNDS}); "
        f"ratio {ratio:.2f} (target <= 2)"
    )
    print(
        f"  CPU time of the whole process (less sensitive to other jobs): bare "
        f"{statistics.median(bare_cpu) * 1000:.0f} ms, FieldApp "
        f"{statistics.median(app_cpu) * 1000:.0f} ms; ratio {cpu_ratio:.2f}"
    )
    return {
        "startup_cpu_ratio": round(cpu_ratio, 2),
        "startup_bare_ms": round(statistics.median(bare) * 1000),
        "startup_app_ms": round(statistics.median(app) * 1000),
        "startup_ratio": round(ratio, 2),
    }


if __name__ == "__main__":
    os.chdir(ROOT)
    main()
