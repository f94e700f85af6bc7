"""Issue 10 in the window: commands run in a terminal beside the open window lose nothing.

The user's reproduction, with the real MainWindow in this process: the window on a demo
data folder, its map shown, while `fieldapp report list` (and later `report add`) runs in
another process. Before the fix, a plain open()/close() of the database file by the
window's process dropped its POSIX locks; the command then deleted the -wal and -shm
under the open window, whose new operation and report were lost, and the map said "The
map could not be loaded: disk I/O error". Linux only: it reads /proc/self/fd.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialogButtonBox
from shared_folder_kit import deleted_database_files as deleted_in
from ui_mapkit import show_map

from fieldapp.core.settings import Settings
from fieldapp.ui.kit.dialogs import NewOperationDialog
from fieldapp.ui.shell.main_window import MainWindow

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")

OPERATION = "Storm over the Gard valleys"  # typed: QTest types ASCII only
SAVED_IN_WINDOW = "Road cut at Saint-Jean-du-Gard"
ADDED_IN_TERMINAL = "Phone line down in Anduze"


def fieldapp(data: Path, *args: str) -> str:
    """Run a fieldapp command in another process, as a terminal would; its output."""
    done = subprocess.run(
        [sys.executable, "-m", "fieldapp", "--data-dir", str(data), *args],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def deleted_database_files() -> list[str]:
    """The database files this process (the window's) holds that are gone from the disk."""
    return deleted_in(os.getpid())


def assert_the_window_keeps_its_files(data: Path) -> None:
    assert deleted_database_files() == [], "the -wal/-shm were deleted under the open window"
    assert {"fieldapp.db-wal", "fieldapp.db-shm"} <= set(os.listdir(data))


def read_problems(window, status_messages: list[str]) -> list[str]:
    """What the window says about data it could not read: the bars over the map and the
    list, and any "… could not be …" the status bar showed."""
    bars = [window.reports_pane.map_panel.problem.text(), window.report_list.problem.text()]
    return [text for text in bars if text] + [m for m in status_messages if "could not" in m]


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """The data folder of `fieldapp demo --reports 50` (the store and window open it)."""
    data = tmp_path / "data"
    fieldapp(data, "demo", "--reports", "50")
    return data


@pytest.fixture
def window(qtbot, store):
    """The window on the demo operation, as `fieldapp --data-dir D` shows it. The test
    quits it; if the test failed before, its edits are dropped and it is closed here."""
    [demo] = store.operations.list()
    shown = MainWindow(store, Settings(last_operation_id=demo["id"]))
    shown.show()
    qtbot.waitExposed(shown)
    qtbot.waitUntil(shown.report_model.is_complete)
    yield shown
    if shown.isVisible():
        shown.editor.discard_changes()
        shown.close()
    shown.deleteLater()


def create_operation(qtbot, window, name: str) -> None:
    """File > New operation…: type the name in the dialog and press OK."""

    def fill_the_dialog() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, NewOperationDialog):
            QTimer.singleShot(10, fill_the_dialog)  # not shown yet
            return
        qtbot.keyClicks(dialog.name_edit, name)
        ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, fill_the_dialog)
    window.chrome.new_operation_action.trigger()  # returns when the dialog is closed


def test_commands_beside_the_open_window_delete_nothing_and_lose_nothing(
    qtbot, window, store, data_dir
):
    demo = window.operation
    status_messages: list[str] = []
    window.status.messageChanged.connect(status_messages.append)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    ctrl_2 = Qt.KeyboardModifier.ControlModifier
    view = show_map(qtbot, window, lambda: QTest.keyClick(window, Qt.Key.Key_2, ctrl_2))

    assert demo["name"] in fieldapp(data_dir, "report", "list")  # in another process
    assert_the_window_keeps_its_files(data_dir)

    with qtbot.waitSignal(view.reports_shown, timeout=30_000) as shown:
        create_operation(qtbot, window, OPERATION)
    assert window.operation["name"] == OPERATION and shown.args == [0]
    assert read_problems(window, status_messages) == []
    window.chrome.new_report_action.trigger()
    qtbot.keyClicks(window.editor.form.widget("title"), SAVED_IN_WINDOW)
    with qtbot.waitSignals([window.editor.report_saved, view.reports_shown], timeout=30_000):
        qtbot.mouseClick(window.editor.save_button, Qt.MouseButton.LeftButton)
    operation_id = window.operation["id"]

    fieldapp(data_dir, "report", "list", "--operation", demo["id"])
    fieldapp(data_dir, "report", "add", "--operation", operation_id, "--title", ADDED_IN_TERMINAL)
    assert_the_window_keeps_its_files(data_dir)
    assert read_problems(window, status_messages) == []

    window.close()  # as quitting does: the window, then its store
    store.close()
    listed = json.loads(fieldapp(data_dir, "operation", "list", "--json"))
    counts = {operation["name"]: operation["report_count"] for operation in listed}
    assert counts == {demo["name"]: 50, OPERATION: 2}
    in_new = json.loads(fieldapp(data_dir, "report", "list", "--operation", operation_id, "--json"))
    assert {report["title"] for report in in_new} == {SAVED_IN_WINDOW, ADDED_IN_TERMINAL}
    with closing(sqlite3.connect(data_dir / "fieldapp.db")) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
