"""An error no view caught reaches the status bar in words (the window's safety net)."""

from __future__ import annotations

import sqlite3
import sys

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from fieldapp.core.settings import Settings
from fieldapp.ui.shell import error_hook


def test_a_failed_read_in_a_slot_is_said_in_the_status_bar(qtbot, make_window, store):
    """Choosing another operation while its table cannot be read: words, not silence."""
    first = store.operations.create("Crue de l'Aude")
    second = store.operations.create("Tempête Ciarán")
    window = make_window(Settings(last_operation_id=first["id"]))
    combo = window.chrome.operation_combo
    qtbot.waitUntil(lambda: combo.count() == 2)  # the chooser is filled in the background
    uninstall = error_hook.install(window.status.showMessage, window)  # as run_gui does
    other = sqlite3.connect(store.path)
    try:
        other.execute("ALTER TABLE operations RENAME TO operations_gone")
        combo.setFocus()
        up = combo.findData(second["id"]) < combo.currentIndex()
        QTest.keyClick(combo, Qt.Key.Key_Up if up else Qt.Key.Key_Down)  # picks the other one
        qtbot.waitUntil(lambda: "could not be used" in window.status.currentMessage())
        message = window.status.currentMessage()
        assert "no such table: operations" in message and "Traceback" not in message
    finally:
        uninstall()
        other.execute("ALTER TABLE operations_gone RENAME TO operations")
        other.close()
    assert sys.excepthook is not uninstall  # the previous hook is back
