"""Benchmark: scrolling the whole report list of 200,000 reports, and opening reports.

The real main window (offscreen) shows the demo operation. Once the full list is loaded,
the view is scrolled from top to bottom one screen at a time, then dragged to random
places (as with the scroll bar thumb); each step is one synchronous scroll + repaint on
the UI thread, so its duration is how long the UI thread is blocked.
Target: no step over 50 ms (wall time; the UI thread's CPU time of each step is printed
beside it, as the machine is shared). Opening a report (select a row: the editor loads it, its
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
    from fieldapp.core.settings import Settings
    from fieldapp.ui.shell.app import create_application, open_store
    from fieldapp.ui.shell.main_window import MainWindow

    app = create_application()
    store = open_store(folder, Settings.load(folder))
    window = MainWindow(store, Settings.load(folder))
    window.show()
    deadline = time.time() + 60
    while not window.report_model.is_complete() and time.time() < deadline:
        app.processEvents()
    window.editor  # noqa: B018 (built now, as after start-up, not inside a timed step)
    app.processEvents()
    window.paints = _count_paints(window.report_list.view.viewport())
    return app, window


def _count_paints(widget):
    """An object whose `painted` list grows by one each time `widget` paints."""
    from PySide6.QtCore import QEvent, QObject

    class PaintCounter(QObject):
        def __init__(self):
            super().__init__(widget)
            self.painted = []

        def eventFilter(self, watched, event):
            if event.type() == QEvent.Type.Paint:
                self.painted.append(1)
            return False

    counter = PaintCounter()
    widget.installEventFilter(counter)
    return counter  # the caller keeps it: a collected wrapper would stop counting


CPU_TIMES: list[float] = []  # the UI thread's CPU time of each step, beside its wall time


def _timed(app, window, action) -> float:
    """Run `action`, then let Qt handle what it caused (the repaint) as its event loop would.

    Returns the wall time; the thread's CPU time goes to CPU_TIMES. On a shared machine
    the wall time also counts moments when the OS ran another process: the CPU time is
    the work this UI thread really did (Qt paints in software here, in the same thread).
    """
    before = len(window.paints.painted)
    started, cpu = time.perf_counter(), time.thread_time()
    action()
    app.processEvents()
    elapsed = time.perf_counter() - started
    CPU_TIMES.append(time.thread_time() - cpu)
    if len(window.paints.painted) == before:
        raise RuntimeError("the step painted nothing: the benchmark would measure nothing")
    return elapsed


def _cpu_of(steps: int) -> list[float]:
    """The CPU times of the last `steps` timed steps."""
    return CPU_TIMES[-steps:]


def _bare_table_floor(app, size, page: int) -> list[float]:
    """Page-by-page scroll of a plain QTableView of the same size: Qt's own paint cost."""
    from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
    from PySide6.QtWidgets import QTableView

    class Constant(QAbstractTableModel):
        def rowCount(self, parent=QModelIndex()):  # noqa: B008
            return REPORTS

        def columnCount(self, parent=QModelIndex()):  # noqa: B008
            return 9

        def data(self, index, role=Qt.ItemDataRole.DisplayRole):
            return f"Text of row {index.row()}" if role == Qt.ItemDataRole.DisplayRole else None

    view = QTableView()
    model = Constant(view)
    view.setModel(model)
    view.resize(size)
    view.show()
    app.processEvents()
    holder = type("Holder", (), {"paints": _count_paints(view.viewport())})
    bar = view.verticalScrollBar()
    steps = range(page, 3000 * page, page)
    times = [_timed(app, holder, lambda v=v: bar.setValue(v)) for v in steps]
    view.close()
    return times


def main() -> dict:
    folder, _, _ = demo_data(REPORTS)
    app, window = _window(folder)
    view = window.report_list.view
    bar = view.verticalScrollBar()
    rows = window.report_model.rowCount()
    page = max(1, bar.pageStep())
    steps = range(page, bar.maximum(), page)
    sweep = [_timed(app, window, lambda v=v: bar.setValue(v)) for v in steps]
    sweep_cpu = _cpu_of(len(sweep))
    wheel = [_timed(app, window, lambda v=v: bar.setValue(v)) for v in range(3, 3000, 3)]
    rng = random.Random(7)
    jumps = [
        _timed(app, window, lambda: bar.setValue(rng.randrange(bar.maximum()))) for _ in range(300)
    ]
    jumps_cpu = _cpu_of(len(jumps))
    opening = []
    for _ in range(100):
        row = rng.randrange(rows)
        bar.setValue(max(0, row - 5))
        app.processEvents()
        opening.append(_timed(app, window, lambda r=row: view.selectRow(r)))
    window.shutdown()
    floor = _bare_table_floor(app, view.viewport().size(), page)
    print(f"scroll {rows} rows screen by screen: {summary_ms(sweep)} (target max <= 50 ms)")
    print(f"same, a bare QTableView with a constant model (Qt's floor): {summary_ms(floor)}")
    print(f"scroll with the wheel, 3 rows a step: {summary_ms(wheel)}")
    print(f"  UI thread CPU time of those steps: {summary_ms(sweep_cpu)}")
    print(f"scroll-bar jumps: {summary_ms(jumps)} (target max <= 50 ms)")
    print(f"  UI thread CPU time of those jumps: {summary_ms(jumps_cpu)}")
    print(f"open a report from the list (editor filled): {summary_ms(opening)} (target <= 30 ms)")
    return {
        "scroll_max_ms": round(max(sweep + jumps) * 1000, 1),
        "scroll_cpu_max_ms": round(max(sweep_cpu + jumps_cpu) * 1000, 1),
        "scroll_median_ms": round(percentile(sweep, 50) * 1000, 1),
        "scroll_floor_median_ms": round(percentile(floor, 50) * 1000, 1),
        "wheel_max_ms": round(max(wheel) * 1000, 1),
        "scroll_p99_ms": round(percentile(sweep + jumps, 99) * 1000, 1),
        "open_in_editor_p95_ms": round(percentile(opening, 95) * 1000, 1),
    }


if __name__ == "__main__":
    main()
