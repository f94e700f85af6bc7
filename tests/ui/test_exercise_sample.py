"""The sample exercise from the window (Exercise > Start the sample exercise: a job, then
the desk on it, its clock running and releasing), and the exercise desk at 1024x600 with
the whole sample scenario: every control in sight, the time dialogs on the screen, the
observers' notes naming their inject and player, times in words."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QPushButton

from fieldapp.core.settings import Settings
from fieldapp.demo.exercise import read_sample, start_sample_exercise
from fieldapp.exercises.release import release


@pytest.fixture
def built(qtbot, make_window):
    """A main window with its later parts (the Exercise menu among them) built."""

    def make(settings: Settings | None = None):
        window = make_window(settings)
        qtbot.waitUntil(lambda: window.exercises is not None, timeout=10_000)
        return window

    return make


def test_the_menu_starts_the_sample_exercise_and_opens_its_desk(qtbot, built, store, operation):
    window = built(Settings(last_operation_id=operation["id"]))  # on a real operation
    launcher = window.exercises
    assert not launcher.open_action.isEnabled() and launcher.sample_action.isEnabled()
    with qtbot.waitSignal(launcher.sample_started, timeout=15_000) as started:
        launcher.sample_action.trigger()
    (operation_id,) = started.args
    assert window.operation["id"] == operation_id and window.operation["exercise"]
    assert window.banner.isVisible()
    desk = launcher._desk
    assert desk is not None and desk.isVisible()
    scenario = read_sample()
    qtbot.waitUntil(lambda: desk.model.rowCount() == len(scenario.injects), timeout=10_000)
    assert "Running" in desk.clock_label.text()
    # T+00:00 is reached at once: the desk's next tick releases the first inject.
    qtbot.waitUntil(lambda: desk.model.index(0, 3).data() == "Released", timeout=15_000)
    assert desk.model.index(1, 3).data() == "Pending"
    assert window.chrome.operation_combo.findData(operation_id) >= 0


@pytest.fixture
def sample_desk(qtbot, built, store):
    sample = start_sample_exercise(store)
    op_id = sample.operation["id"]
    store.clocks.pause(op_id)  # nothing released behind the test's back
    window = built(Settings(last_operation_id=op_id))
    desk = window.exercises.open_desk()
    qtbot.waitUntil(lambda: desk.model.rowCount() == sample.injects, timeout=10_000)
    return desk


def test_the_desk_with_the_sample_stays_usable_at_1024x600(qtbot, sample_desk):
    desk = sample_desk
    hint = desk.minimumSizeHint()
    assert hint.width() <= 1024 and hint.height() <= 600
    desk.resize(1024, 600)
    qtbot.waitUntil(lambda: desk.width() == 1024 and desk.height() == 600)
    assert desk.view.height() >= 10 * desk.view.verticalHeader().defaultSectionSize()
    assert desk.view.columnWidth(4) >= 150  # the content can be read
    for button in desk.findChildren(QPushButton):
        if button.isVisible():
            assert button.width() >= button.sizeHint().width(), button.text()
            assert desk.rect().contains(button.mapTo(desk, button.rect().bottomRight()))
    assert desk.detail.height() >= 100 and desk.notes_pane.view.height() >= 60


@pytest.mark.parametrize("button", ["jump_button", "delay_button"])
def test_the_time_dialogs_fit_1024x600(qtbot, sample_desk, button):
    desk = sample_desk
    desk.view.selectRow(1)
    seen = []

    def check_and_close() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(20, check_and_close)
            return
        seen.append(dialog.frameGeometry().size())
        dialog.close()

    QTimer.singleShot(0, check_and_close)
    getattr(desk, button).click()
    assert seen and seen[0].width() <= 1024 and seen[0].height() <= 600


def test_notes_name_their_inject_and_player_and_times_are_in_words(qtbot, sample_desk, store):
    desk = sample_desk
    injects = store.injects.list(desk.operation["id"])
    release(store, injects[0]["id"])
    store.notes.add(
        desk.operation["id"],
        "Alerte affichée en 2 min",
        inject_id=injects[0]["id"],
        player="Lucie",
        exercise_s=120,
    )
    notes = desk.notes_pane.model
    qtbot.waitUntil(lambda: notes.rowCount() == 1, timeout=10_000)
    assert [notes.index(0, c).data() for c in range(5)] == [
        "T+00:02",
        "1",
        "Lucie",
        "Alerte affichée en 2 min",
        "tester",
    ]
    qtbot.waitUntil(lambda: desk.model.index(0, 3).data() == "Released", timeout=10_000)
    desk.view.selectRow(0)
    (line,) = [x for x in desk.detail.toPlainText().splitlines() if x.startswith("Released")]
    assert re.fullmatch(r"Released at: \d{4}-\d\d-\d\d \d\d:\d\d UTC", line)
