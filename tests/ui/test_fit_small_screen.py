"""Every desk fits a 1024x600 field laptop: minimum sizes within the screen, and at that
size the buttons that save stay in sight (the forms scroll instead of growing)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect

from fieldapp.core.settings import Settings

SCREEN = (1024, 600)


SCREENS = [SCREEN, (1280, 720)]


def _fits(widget, screen=SCREEN) -> None:
    hint = widget.minimumSizeHint()
    assert hint.width() <= screen[0] and hint.height() <= screen[1], hint


def _in_sight(window, button, screen=SCREEN) -> bool:
    corner = button.mapTo(window, button.rect().bottomRight())
    return button.isVisible() and QRect(0, 0, *screen).contains(corner)


@pytest.fixture
def drill_window(qtbot, make_window, store):
    operation = store.operations.create("Exercice crue", exercise=True)
    report = store.reports.add(operation["id"], {"title": "Digue fissurée"})
    window = make_window(Settings(last_operation_id=operation["id"], station="F4ABC"))
    return window, report


@pytest.mark.parametrize("screen", SCREENS)
def test_the_main_window_with_a_report_open_fits_and_saves(qtbot, drill_window, screen):
    window, report = drill_window
    assert window.editor.show_report(report["id"])
    window.resize(*screen)
    qtbot.waitUntil(lambda: window.size().width() == screen[0])
    _fits(window, screen)
    assert _in_sight(window, window.editor.save_button, screen)
    assert _in_sight(window, window.editor.cancel_button, screen)


@pytest.mark.parametrize("screen", SCREENS)
def test_the_radio_desk_fits_and_its_save_and_notes_stay_in_sight(qtbot, drill_window, screen):
    window, _report = drill_window
    desk = window.radio.open_desk()
    desk.resize(*screen)
    qtbot.waitUntil(lambda: desk.size().height() == screen[1])  # (it could not: 754 px)
    _fits(desk, screen)
    assert _in_sight(desk, desk.entry.save_button, screen)
    desk.entry.field("text").setPlainText("Is the shelter full?")
    desk.entry.normalise_text()
    assert _in_sight(desk, desk.entry.changes_label, screen)  # the dropped "?" is said in sight
    assert "question mark at the end was removed" in desk.entry.changes_label.text()


@pytest.mark.parametrize("name", ["monitoring", "alerts", "exercises"])
def test_the_other_desks_fit(qtbot, drill_window, name):
    window, _report = drill_window
    qtbot.waitUntil(lambda: getattr(window, name) is not None, timeout=10_000)  # built late
    desk = getattr(window, name).open_desk()
    desk.resize(*SCREEN)
    _fits(desk)


@pytest.mark.parametrize("width", [1024, 1280])
def test_the_sync_panel_opens_inside_the_screen(qtbot, drill_window, width):
    window, report = drill_window
    assert window.editor.show_report(report["id"])
    window.resize(width, 600)
    qtbot.waitUntil(lambda: window.width() == width)
    window.sync.show_panel()
    qtbot.waitUntil(window.sync.dock.isVisible)
    assert window.width() == width  # the window did not grow past the screen for it
    dock = window.sync.dock
    if dock.isFloating():
        screen = window.screen().availableGeometry()
        assert screen.contains(dock.geometry())  # floating, within the screen


def test_typing_in_the_report_form_moves_no_field(qtbot, drill_window):
    """The unsaved mark and a long title never wrap the heading to a second line: a click
    aimed at a field lands on it (the form jumped under the mouse before)."""
    window, report = drill_window
    long_title = "Digue fissurée à Cuxac-d'Aude, " + "l'eau passe par-dessus la route " * 4
    window.store.reports.update(report["id"], {"title": long_title})
    editor = window.editor
    assert editor.show_report(report["id"])
    window.resize(*SCREEN)
    qtbot.waitUntil(lambda: window.width() == SCREEN[0])
    line = editor.heading.fontMetrics().height() + 8
    assert editor.heading.height() <= line  # a long title: one line, elided
    form = editor.form
    before = {name: form.widget(name).mapTo(window, form.widget(name).rect().topLeft()).y()
              for name in ("title", "kind", "severity")}  # fmt: skip
    title = form.widget("title")
    title.setFocus()
    qtbot.keyClicks(title, " - la route de la digue vers le camping est coupee par l'eau")
    after = {name: form.widget(name).mapTo(window, form.widget(name).rect().topLeft()).y()
             for name in before}  # fmt: skip
    assert after == before
    assert editor.heading.full_text().startswith("* Report: Digue fissurée")  # unsaved
    assert editor.heading.height() <= line and editor.heading.toolTip().startswith("* Report")
