"""The exercise desk: opened from the main window (Ctrl+6) on an exercise, the scenario on
the clock, injects released by the clock as it runs and by hand, observers' notes; a
real operation has no scenario; the desk fits 1024x600."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from fieldapp.core.settings import Settings

INJECTS = [
    {
        "number": "1",
        "at_s": 0,
        "channel": "social",
        "content": "Le Gardon déborde à Anduze",
        "expected_action": "trier",
        "controller_note": "ne rien dire avant T+10",
    },
    {"number": "2", "at_s": 60, "channel": "sms", "content": "Plus d'eau à Lézan"},
    {"number": "3", "at_s": 7200, "channel": "radio", "content": "NEED SANDBAGS"},
]


@pytest.fixture
def drill(store):
    operation = store.operations.create("Exercice crue", exercise=True)
    store.injects.add_many(operation["id"], INJECTS)
    return operation


@pytest.fixture
def desk(qtbot, make_window, drill):
    window = make_window(Settings(last_operation_id=drill["id"]))
    qtbot.waitUntil(lambda: window.exercises is not None, timeout=10_000)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    QTest.keyClick(window.report_list.view, Qt.Key.Key_6, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.exercises._desk is not None)
    desk = window.exercises._desk
    qtbot.waitUntil(lambda: desk.model.rowCount() == 3, timeout=10_000)
    return desk


def test_the_clock_releases_what_it_reaches_and_the_rest_waits(qtbot, desk, store, drill):
    assert desk.model.index(0, 1).data() == "T+00:00"
    desk.view.selectRow(0)
    assert "ne rien dire avant T+10" in desk.detail.toPlainText()  # the controller's note
    desk.speed_combo.setCurrentIndex(desk.speed_combo.findData(60))
    desk.speed_combo.activated.emit(desk.speed_combo.currentIndex())
    desk.start_button.click()
    qtbot.waitUntil(lambda: desk.model.index(1, 3).data() == "Released", timeout=15_000)
    assert desk.model.index(0, 3).data() == "Released"
    assert desk.model.index(2, 3).data() == "Pending"  # T+02:00 is not reached yet
    delivered = store.injects.list(drill["id"])[0]["delivered"]
    assert delivered[0]["entity"] == "item" and store.items.get(delivered[0]["id"])
    desk.pause_button.click()
    qtbot.waitUntil(lambda: "Paused" in desk.clock_label.text(), timeout=5_000)


def test_an_inject_released_by_hand_and_a_note_on_it(qtbot, desk, store, drill):
    desk.view.selectRow(2)
    desk.release_button.click()
    qtbot.waitUntil(lambda: desk.model.index(2, 3).data() == "Released", timeout=10_000)
    desk.note_edit.setText("Le relais radio a mis 4 min")
    desk.note_button.click()
    notes = desk.notes_pane.model
    qtbot.waitUntil(lambda: notes.rowCount() == 1, timeout=10_000)
    assert notes.index(0, 3).data() == "Le relais radio a mis 4 min"
    assert notes.index(0, 1).data() == "3"  # the inject's number
    (note,) = store.notes.list(drill["id"])
    assert note["inject_id"] == store.injects.list(drill["id"])[2]["id"]


def test_a_real_operation_has_no_exercise_desk(qtbot, make_window, store):
    real = store.operations.create("Crue réelle")
    window = make_window(Settings(last_operation_id=real["id"]))
    qtbot.waitUntil(lambda: window.exercises is not None, timeout=10_000)
    assert not window.exercises.open_action.isEnabled()


def test_the_desk_fits_1024x600(qtbot, desk):
    desk.resize(1024, 600)
    hint = desk.minimumSizeHint()
    assert hint.width() <= 1024 and hint.height() <= 600
