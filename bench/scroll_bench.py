"""Benchmark: scrolling the whole report list of 200,000 reports, and opening reports.

The real main window (offscreen) shows the demo operation. Once the full list is loaded,
the view is scrolled from top to bottom one screen at a time, then dragged to random
places (as with the scroll bar thumb); each step is one synchronous scroll + repaint on
the UI thread, so its duration is how long the UI thread is blocked.
Target: no step over 50 ms. Opening a report (select a row: the editor loads it, its
photos and its history) is timed the same way. Target <= 30 ms.
"""

from __future__ import annotations

import os
import random
import sys
import time

from common import demo_data, percentile, summary_ms

REPORTS = int(sys.argv[1]) if len(sys.argv) > 1 else 200_000


def _window(folder):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from fieldapp.settings import Settings
    from fieldapp.ui.app import create_application, open_store
    from fieldapp.ui.main_window import MainWindow

    app = create_application()
    store = open_store(folder, Settings.load(folder))
    window = MainWindow(store, Settings.load(folder))
    window.show()
    deadline = time.time() + 60
    while not window.report_model.is_complete() and time.time() < deadline:
        app.processEvents()
    window.editor  # noqa: B018 (built now, as after start-up, not inside a timed step)
    app.processEvents()
    return app, window


def _timed(app, view, action) -> float:
    started = time.perf_counter()
    action()
    view.viewport().repaint()
    app.processEvents()
    return time.perf_counter() - started


def main() -> dict:
    folder, _, _ = demo_data(REPORTS)
    app, window = _window(folder)
    view = window.report_list.view
    bar = view.verticalScrollBar()
    rows = window.report_model.rowCount()
    page = max(1, bar.pageStep())
    sweep = [_timed(app, view, lambda v=v: bar.setValue(v)) for v in range(0, bar.maximum(), page)]
    rng = random.Random(7)
    jumps = [
        _timed(app, view, lambda: bar.setValue(rng.randrange(bar.maximum()))) for _ in range(300)
    ]
    opening = []
    for _ in range(100):
        row = rng.randrange(rows)
        bar.setValue(max(0, row - 5))
        app.processEvents()
        opening.append(_timed(app, view, lambda r=row: view.selectRow(r)))
    window.shutdown()
    print(f"scroll {rows} rows screen by screen: {summary_ms(sweep)} (target max <= 50 ms)")
    print(f"scroll-bar jumps: {summary_ms(jumps)} (target max <= 50 ms)")
    print(f"open a report from the list (editor filled): {summary_ms(opening)} (target <= 30 ms)")
    return {
        "scroll_max_ms": round(max(sweep + jumps) * 1000, 1),
        "scroll_p99_ms": round(percentile(sweep + jumps, 99) * 1000, 1),
        "open_in_editor_p95_ms": round(percentile(opening, 95) * 1000, 1),
    }


if __name__ == "__main__":
    main()
