"""Makes the main window's screenshots in docs/screenshots/ from a throw-away data directory.

    xvfb-run -a .venv/bin/python docs/screenshots/main_screenshots.py

main-window.png: an operation with 60 demo reports, one open in the editor, the sync
panel beside it (not joined: offline, everything kept here). exercise.png: the same
window on an exercise operation, with its banner. Runs on the GUI thread of its own
QApplication; the list reads its pages in its worker thread as in the app.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtWidgets import QApplication

from fieldapp.core.settings import Settings
from fieldapp.demo.builder import generate_reports
from fieldapp.store import Store

HERE = Path(__file__).parent


def wait(app: QApplication, seconds: float = 0.5) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.01)


def shoot(app: QApplication, store: Store, operation: dict, name: str, panel: bool) -> None:
    from fieldapp.ui.shell.main_window import MainWindow

    window = MainWindow(store, Settings(last_operation_id=operation["id"], user_name="camille"))
    window.resize(1440, 860)
    window.show()
    wait(app, 1.5)
    window.report_list.view.selectRow(2)
    wait(app)
    if panel:
        window.sync.show_panel()
        wait(app)
    window.grab().save(str(HERE / name))
    window.shutdown()
    window.close()
    wait(app, 0.2)


def main() -> None:
    app = QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as folder, Store(folder, user="camille") as store:
        floods = store.operations.create("Gard floods, November 2026")
        store.reports.add_bulk(floods["id"], generate_reports(60, seed=11))
        drill = store.operations.create("Rhône drill 2026", exercise=True)
        store.reports.add_bulk(drill["id"], generate_reports(20, seed=12))
        shoot(app, store, floods, "main-window.png", panel=True)
        shoot(app, store, drill, "exercise.png", panel=False)


if __name__ == "__main__":
    main()
