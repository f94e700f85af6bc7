"""Starting the app: run_gui, a bad database explained in words, the selftest, start-up cost."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from fieldapp.ui.shell.app import EXIT_CANNOT_OPEN, run_gui
from fieldapp.ui.shell.main_window import MainWindow
from fieldapp.ui.shell.selftest import run_selftest

ROOT = Path(__file__).resolve().parents[2]


def test_a_file_that_is_not_a_fieldapp_database_is_explained(qapp, tmp_path, monkeypatch):
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    (data_dir / "fieldapp.db").write_bytes(b"this is a shopping list, not a database\n" * 10)
    shown = []

    def record(box):
        shown.append((box.windowTitle(), box.text(), box.informativeText()))
        return 0

    monkeypatch.setattr(QMessageBox, "exec", record)
    assert run_gui(data_dir) == EXIT_CANNOT_OPEN
    [(title, text, details)] = shown
    assert title == "Cannot open the data"
    assert str(data_dir) in text
    assert "not a FieldApp database" in details and "Nothing was changed" in details
    assert (data_dir / "fieldapp.db").read_bytes().startswith(b"this is a shopping list")


def test_run_gui_shows_the_window_and_makes_a_backup(qapp, store, operation, reports):
    data_dir = store.data_dir
    seen = {}

    def look_then_quit():
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
        window = next(w for w in windows if w.isVisible() and w.data_dir == data_dir)
        seen["rows"] = window.report_model.rowCount()
        seen["title"] = window.windowTitle()
        window.close()

    deadline = time.monotonic() + 60

    def wait_for_rows():
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
        ready = [w for w in windows if w.isVisible() and w.report_model.is_complete()]
        backed_up = list((data_dir / "backups").glob("fieldapp-*.db"))
        if ready and backed_up:
            look_then_quit()
        elif time.monotonic() > deadline:  # never for ever: quit, and the test says why
            seen["gave up"] = f"after 60 s: list filled {bool(ready)}, backup {bool(backed_up)}"
            for window in windows:
                window.close()
        else:
            QTimer.singleShot(20, wait_for_rows)

    QTimer.singleShot(0, wait_for_rows)
    assert run_gui(data_dir, user="tester") == 0
    assert seen == {"rows": 5, "title": "Gard floods — FieldApp"}
    assert list((data_dir / "backups").glob("fieldapp-*.db"))


def test_selftest_reports_timings_and_rows(qapp, store, operation, reports):
    result = run_selftest(store.data_dir)
    assert result["ok"] is True
    assert result["rows"] == 5
    for key in ("store_open_ms", "window_shown_ms", "list_populated_ms"):
        assert result[key] >= 0
    assert result["store_open_ms"] <= result["window_shown_ms"] <= result["list_populated_ms"]
    json.dumps(result)


HEAVY = (
    "PySide6.QtWebEngine",
    "folium",
    "fieldapp.radio.model",  # ~20 ms of tables and patterns
    "fieldapp.core.geo",
    "fieldapp.sync.server",
    "requests",
    "fieldapp.places",  # the gazetteer: imported and opened on first use only
    # the monitoring desk's core (posts, feeds, clustering, rules): loads with the desk,
    # its first poll, or the first report whose sources are shown
    "feedparser",
    "rapidfuzz",
    "fieldapp.monitoring",
    # the alerts desk's core (CAP, boundaries, shapely, outreach counting): with the desk,
    # the map's alert layer, or the first notice check, never before the first rows
    "fieldapp.alerts",
    "shapely",
)


def test_start_up_imports_no_web_engine_and_no_folium(tmp_path):
    """The start-up path is benchmarked: the map stack and other heavy modules stay out."""
    code = (
        "import sys, json\n"
        "from fieldapp.ui.shell.selftest import run_selftest\n"
        f"result = run_selftest({str(tmp_path / 'data')!r}, with_map=False)\n"
        f"heavy = [m for m in sys.modules for h in {HEAVY!r} if m == h or m.startswith(h + '.')]\n"
        "print(json.dumps({'heavy': heavy, 'ok': result['ok']}))\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run(
        [sys.executable, "-c", code], check=True, capture_output=True, text=True, env=env, cwd=ROOT
    )
    answer = json.loads(out.stdout.strip().splitlines()[-1])
    assert answer == {"heavy": [], "ok": True}


def test_the_garbage_collector_pauses_during_start_up_only(tmp_path):
    """Collecting while start-up builds objects that all live on is wasted time; after it,
    the collector must run again (or cyclic garbage would pile up for the whole day)."""
    code = (
        "import gc, sys\n"
        "from PySide6.QtCore import QTimer\n"
        "from fieldapp.ui.shell import main_window\n"
        "original = main_window.MainWindow._build_the_rest\n"
        "def finish(self):\n"
        "    print('during', gc.isenabled(), flush=True)\n"
        "    original(self)\n"
        "    QTimer.singleShot(0, lambda: (print('after', gc.isenabled()), self.close()))\n"
        "main_window.MainWindow._build_the_rest = finish\n"
        "from fieldapp.cli.main import main\n"
        f"sys.exit(main(['--data-dir', {str(tmp_path / 'data')!r}]))\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=ROOT, timeout=60
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["during", "False", "after", "True"]
