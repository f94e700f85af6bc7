"""The Jobs panel of the main window: reached from the status bar and the View menu, it
lists what runs with its progress and a Cancel that stops the job, fits a 1024x600
screen and speaks French."""

from __future__ import annotations

import threading
import time

from PySide6.QtCore import QPoint, QRect, Qt

from fieldapp.core.settings import Settings
from fieldapp.core.tasks import JobState
from fieldapp.ui.kit.taskman import Lane

WAIT_MS = 10_000


def counting(started: threading.Event):
    """A job that counts to 1,000 slowly, saying so, until it is cancelled."""

    def job(ctx):
        started.set()
        for done in range(1000):
            ctx.check()
            ctx.progress(done, 1000, "Counting")
            time.sleep(0.005)
        return "counted"

    return job


def inside(outer: QRect, widget, window) -> bool:
    top_left = widget.mapTo(window, QPoint(0, 0))
    return outer.contains(QRect(top_left, widget.size()))


def test_the_status_bar_opens_the_panel_whose_cancel_stops_the_job(qtbot, window):
    window.resize(1024, 600)
    qtbot.waitUntil(lambda: window.width() == 1024)
    button = window.jobs.button
    assert button.isVisible() and button.text() == "Jobs: 0"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    panel = window.jobs.panel
    qtbot.waitUntil(panel.isVisible)
    assert panel.empty_label.text() == "Nothing is running in the background."
    started, cancelled = threading.Event(), []
    job = window.tasks.submit(
        counting(started),
        lane=Lane.FILES,
        name="Counting sheep",
        on_cancelled=lambda: cancelled.append(True),
    )
    assert started.wait(WAIT_MS / 1000)
    assert button.text() == "Jobs: 1" and not panel.empty_label.isVisible()
    row = panel.rows[job.id]
    qtbot.waitUntil(lambda: row.bar.value() > 0, timeout=WAIT_MS)  # progress reached it
    assert row.bar.maximum() == 1000 and row.detail_label.text().startswith("Counting · ")
    # It fits the small screen: the dock and the row's Cancel are inside the window.
    assert window.width() <= 1024 and window.height() <= 600
    frame = window.rect()
    assert inside(frame, window.jobs.dock, window)
    assert row.cancel_button.isVisible() and inside(frame, row.cancel_button, window)
    assert row.cancel_button.width() >= row.cancel_button.sizeHint().width()
    qtbot.mouseClick(row.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(cancelled), timeout=WAIT_MS)
    assert job.state is JobState.CANCELLED
    qtbot.waitUntil(lambda: not panel.rows)
    assert button.text() == "Jobs: 0" and panel.empty_label.isVisible()


def test_the_view_menu_and_ctrl_j_open_the_panel(qtbot, window):
    action = window.jobs.action
    assert action.text() == "Background &jobs" and action.shortcut().toString() == "Ctrl+J"
    assert action in window.reports_pane.view_menu.actions()
    assert not window.jobs.dock.isVisible()
    action.trigger()
    qtbot.waitUntil(window.jobs.dock.isVisible)
    assert window.jobs.dock.windowTitle() == "Background jobs"


def test_internal_jobs_are_not_listed(qtbot, window):
    panel = window.jobs.show_panel()
    done = []
    window.tasks.submit(lambda ctx: 1, on_done=done.append)  # a list query, say: no name
    qtbot.waitUntil(lambda: bool(done), timeout=WAIT_MS)
    assert not panel.rows and window.jobs.button.text() == "Jobs: 0"


def test_the_panel_speaks_french(qtbot, make_window, operation, languages):
    languages.apply("fr")
    window = make_window(Settings(language="fr", last_operation_id=operation["id"]))
    panel = window.jobs.show_panel()
    started = threading.Event()
    job = window.tasks.submit(counting(started), lane=Lane.FILES, name="Compter")
    try:
        assert started.wait(WAIT_MS / 1000)
        row = panel.rows[job.id]
        qtbot.waitUntil(lambda: row.bar.value() > 0, timeout=WAIT_MS)
        assert row.cancel_button.text() == "Annuler"
        assert window.jobs.button.text() == "Tâches : 1"
        assert window.jobs.dock.windowTitle() == "Tâches en arrière-plan"
        assert " sur 1000" in row.detail_label.text()
    finally:
        job.cancel()
    qtbot.waitUntil(lambda: not panel.rows, timeout=WAIT_MS)
    assert panel.empty_label.text() == "Rien ne tourne en arrière-plan."
