"""One map start for bench/map_bench.py, in a fresh process: MapView created -> map_ready.

Usage: map_child.py DATA_DIR [SOURCE_DIR]. SOURCE_DIR, if given, is another checkout of
FieldApp (an A/B baseline exported by map_bench.py) imported instead of this one.
Prints one line, `result {json}`: seconds to map_ready, markers, alert areas, blocked
requests, the phases (seconds from MapView creation: Python-side events and the marks
the page's script posts, where that version has them), and CPU seconds of this process
and of its QtWebEngine processes. Runs everything on the GUI thread of its own QApplication.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

if len(sys.argv) > 2:
    sys.path.insert(0, sys.argv[2])

from fieldapp.ui.shell.app import create_application

_TICK = os.sysconf("SC_CLK_TCK")
MARKS = "JSON.stringify(window.FieldAppMap && FieldAppMap.marks ? FieldAppMap.marks() : {})"


def _descendants_cpu(root: int) -> float:
    """CPU seconds (user + system) of every living descendant process of `root`."""
    parents: dict[int, int] = {}
    ticks: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rpartition(")")[2].split()
        except OSError:
            continue
        parents[int(entry.name)] = int(fields[1])
        ticks[int(entry.name)] = int(fields[11]) + int(fields[12])
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        for child, parent in parents.items():
            if parent == pid:
                total += ticks[child]
                todo.append(child)
    return total / _TICK


def main() -> None:
    app = create_application()
    from fieldapp.store import Store
    from fieldapp.ui.kit.taskman import TaskManager
    from fieldapp.ui.maps.view import MapView

    store = Store(Path(sys.argv[1]))
    operation = store.operations.list()[0]
    events: dict[str, float] = {}
    cpu_before = time.process_time()
    started = time.time()
    tasks = TaskManager(store.data_dir)
    view = MapView(store, tasks)
    events["view"] = time.time()
    view.page.loadStarted.connect(lambda: events.setdefault("load_started", time.time()))
    view.page.loadFinished.connect(lambda ok: events.setdefault("load_finished", time.time()))
    put = view.handler.put_document
    view.handler.put_document = lambda *a, **k: (
        events.setdefault("data_read", time.time()),
        put(*a, **k),
    )
    view.resize(1280, 800)
    view.show()
    view.set_operation(operation)
    shown: list[int] = []
    result: dict = {}
    view.reports_shown.connect(shown.append)
    alerts = getattr(view, "alerts", None)  # the official alerts' areas (issue 15)
    if alerts is not None:
        alerts.shown.connect(lambda _count: events.setdefault("alerts", time.time()))
    view.load_failed.connect(lambda message: (result.update(failed=message), app.quit()))

    def on_ready() -> None:
        result.update(
            ready=time.time() - started,
            markers=shown[-1] if shown else 0,
            alerts=alerts.count if alerts is not None else 0,
            blocked=len(view.blocked_requests),
            app_cpu=time.process_time() - cpu_before,
            browser_cpu=_descendants_cpu(os.getpid()),
        )
        # The "painted" mark comes a frame after map_ready: give it that frame.
        view.run_js(MARKS, on_marks)

    def on_marks(marks) -> None:
        marks = json.loads(marks or "{}")
        if isinstance(marks, dict) and marks and "painted" not in marks and tries.pop():
            view.run_js(MARKS, on_marks)
            return
        phases = {k: v - started for k, v in events.items()}
        phases.update({k: v / 1000 - started for k, v in (marks or {}).items()})
        result["phases"] = dict(sorted(phases.items(), key=lambda kv: kv[1]))
        app.quit()

    tries = [False] + [True] * 50
    view.map_ready.connect(on_ready)
    app.exec()
    view.shutdown()
    tasks.shutdown()
    print("result", json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
