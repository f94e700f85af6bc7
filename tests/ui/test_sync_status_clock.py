"""One count, one clock: the status bar and the sync panel show the same number of unsent
changes, read in one go, and both follow another program's writes and the age of the
oldest unsent change without waiting for a save in this window."""

from __future__ import annotations

import re

from fieldapp.core.settings import Settings
from fieldapp.store import Store
from fieldapp.ui.sync.controller import SyncController


def _counts(window) -> tuple[str, str]:
    bar = window.status.outbox_label.text()
    panel = window.sync.panel.pending_value.text()
    return re.sub(r"\D", "", bar.split("(")[0]), re.sub(r"\D", "", panel.split("(")[0])


def test_the_bar_and_the_panel_agree_and_follow_another_program(
    qtbot, make_window, store, operation, monkeypatch
):
    monkeypatch.setattr(SyncController, "REFRESH_MS", 200)
    window = make_window(Settings(last_operation_id=operation["id"]))
    window.sync.show_panel()
    before = store.db.outbox_count()
    with Store(store.data_dir, user="script") as script:  # a script beside the window
        for n in range(4):
            script.reports.add(operation["id"], {"title": f"Import {n}"})
    expected = str(before + 4)
    qtbot.waitUntil(lambda: _counts(window) == (expected, expected), timeout=5_000)
    first = window.status.outbox_label.text()
    assert "(oldest" in first
    qtbot.wait(2_200)  # no save here: the age of the oldest change moves on by itself
    later = window.status.outbox_label.text()
    assert later != first and "(oldest" in later
    assert _counts(window) == (expected, expected)
