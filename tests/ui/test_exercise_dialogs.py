"""Dialogs opened in an exercise operation carry the EXERCISE banner (Settings, a radio
relay, an alert's relay); in a real operation they carry none."""

from __future__ import annotations

import pytest

from fieldapp.core.settings import Settings
from fieldapp.ui.kit.banner import ExerciseBanner
from fieldapp.ui.kit.dialogs import SettingsDialog


def _banner(dialog) -> ExerciseBanner | None:
    return dialog.findChild(ExerciseBanner)


@pytest.mark.parametrize("exercise", [True, False])
def test_settings_say_exercise_in_an_exercise(qtbot, make_window, store, monkeypatch, exercise):
    operation = store.operations.create("Crue", exercise=exercise)
    window = make_window(Settings(last_operation_id=operation["id"]))
    monkeypatch.setattr(SettingsDialog, "exec", lambda self: 0)
    window.open_settings()
    banner = _banner(window.settings_dialog)
    assert (banner is not None and "EXERCISE" in banner.text()) is exercise


def test_a_radio_relay_in_an_exercise_says_exercise(qtbot, make_window, store):
    operation = store.operations.create("Exercice crue", exercise=True)
    message = store.radio.add(operation["id"], {"text": "NEED COTS", "received_from": "F1PCT"})
    window = make_window(Settings(last_operation_id=operation["id"], station="F4ABC"))
    desk = window.radio.open_desk()
    desk.show_message(message["id"])
    desk.actions_.relay()
    dialog = desk.actions_.relay_dialog
    qtbot.waitUntil(dialog.isVisible)
    banner = _banner(dialog)
    assert banner is not None and banner.isVisible() and "EXERCISE" in banner.text()
    dialog.reject()


@pytest.mark.parametrize("exercise", [True, False])
def test_joining_a_server_from_an_exercise_says_exercise(qtbot, make_window, store, exercise):
    operation = store.operations.create("Crue", exercise=exercise)
    window = make_window(Settings(last_operation_id=operation["id"]))
    window.sync.show_panel()
    panel = window.sync.panel
    panel.join_button.click()
    dialog = panel.join_dialog
    qtbot.waitUntil(dialog.isVisible)
    banner = _banner(dialog)
    assert (banner is not None and banner.isVisible() and "EXERCISE" in banner.text()) is exercise
    dialog.reject()


def test_a_new_operation_ticked_as_an_exercise_says_exercise(qtbot):
    from fieldapp.ui.kit.dialogs import NewOperationDialog

    dialog = NewOperationDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    banner = _banner(dialog)
    assert banner is not None and not banner.isVisible()  # a real incident: no banner
    dialog.exercise_check.setChecked(True)
    assert banner.isVisible() and "EXERCISE" in banner.text()
    dialog.exercise_check.setChecked(False)
    assert not banner.isVisible()
