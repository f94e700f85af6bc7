"""The map in the main window: a lazy tab beside the list, driven by the same filters,
opening reports in the editor and placing them; the cursor readout and "Go to"."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from ui_mapkit import show_map

from fieldapp.core.geo import format_decimal, format_dms, maidenhead, parse_position
from fieldapp.core.settings import Settings

LOCATED = [
    {"title": "Bridge over the Gardon closed", "kind": "hazard", "severity": 5},
    {"title": "Family on a roof asking for help", "kind": "request_for_help", "severity": 4},
    {"title": "Power outage in the north", "kind": "damage", "severity": 2},
]


@pytest.fixture
def located(store, operation) -> list[dict]:
    return [
        store.reports.add(operation["id"], {**values, "lat": 43.8 + i / 10, "lon": 4.3 + i / 10})
        for i, values in enumerate(LOCATED)
    ]


def active_window(qtbot, make_window, operation):
    window = make_window(Settings(last_operation_id=operation["id"]))
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


@pytest.fixture
def map_window(qtbot, make_window, operation, located):
    """The window on the operation, its Map tab shown (Ctrl+2) and the map ready."""
    window = active_window(qtbot, make_window, operation)
    ctrl_2 = Qt.KeyboardModifier.ControlModifier
    show_map(qtbot, window, lambda: QTest.keyClick(window, Qt.Key.Key_2, ctrl_2))
    return window


def map_of(window):
    return window.reports_pane.map_panel.view


def centre(evaluate, view) -> list[float]:
    return json.loads(evaluate(view, "JSON.stringify(FieldAppMap.center())"))


def test_the_map_is_built_only_when_its_tab_is_first_shown(qtbot, make_window, operation):
    window = active_window(qtbot, make_window, operation)
    pane = window.reports_pane
    assert [pane.tabs.tabText(i) for i in range(2)] == ["List", "Map"]
    assert pane.map_panel.view is None
    assert pane.filter_bar.isVisible() and pane.filter_bar.parent() is pane
    with qtbot.waitSignal(pane.map_panel.map_created, timeout=10_000):
        QTest.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert pane.tabs.currentWidget() is pane.map_panel
    with qtbot.waitSignal(map_of(window).map_ready, timeout=30_000):
        pass
    QTest.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert pane.tabs.currentWidget() is window.report_list


def test_a_filter_change_narrows_the_markers_without_reloading(
    qtbot, map_window, evaluate, located
):
    view = map_of(map_window)
    assert evaluate(view, "FieldAppMap.markerCount()") == 3
    evaluate(view, "window.sameDocument = true")
    with qtbot.waitSignal(view.reports_shown, timeout=10_000) as shown:
        qtbot.keyClicks(map_window.reports_pane.filter_bar.search_edit, "roof")
    assert shown.args == [1]
    assert evaluate(view, "FieldAppMap.markerCount()") == 1
    with qtbot.waitSignal(view.reports_shown, timeout=10_000) as shown:
        map_window.reports_pane.filter_bar.severities.action_for(2).trigger()
    assert shown.args == [0]
    assert evaluate(view, "window.sameDocument") is True


def test_a_filter_changed_on_the_list_tab_shows_on_the_map_when_it_returns(
    qtbot, map_window, evaluate
):
    view = map_of(map_window)
    map_window.reports_pane.show_list()
    map_window.reports_pane.filter_bar.kinds.action_for("hazard").trigger()
    with qtbot.waitSignal(view.reports_shown, timeout=10_000) as shown:
        map_window.reports_pane.show_map()
    assert shown.args == [1]


def test_clicking_a_marker_opens_the_report_and_selects_it_in_the_list(qtbot, map_window, located):
    target = located[1]
    map_of(map_window).run_js(f"FieldAppMap.clickReport({json.dumps(target['id'])})")
    qtbot.waitUntil(lambda: map_window.editor.current_report_id() == target["id"], timeout=10_000)
    assert map_window.editor.form.value("title") == target["title"]
    assert map_window.report_list.current_report_id() == target["id"]


def place(window, lat: float, lon: float) -> None:
    map_of(window).run_js(f"FieldAppMap.simulate('click', {lat}, {lon})")


def test_set_on_map_fills_latitude_and_longitude_but_saves_only_on_save(
    qtbot, map_window, store, located
):
    report = located[0]
    map_window.reports_pane.show_list()
    map_window.report_list.select_seq(report["seq"], notify=True)
    editor = map_window.editor
    qtbot.mouseClick(editor.form.map_button, Qt.MouseButton.LeftButton)
    panel = map_window.reports_pane.map_panel
    assert map_window.reports_pane.map_shown() and panel.is_locating()
    assert panel.location_bar.isVisible()
    place(map_window, 44.25, 4.75)
    qtbot.waitUntil(lambda: editor.form.value("lat") == "44.25", timeout=10_000)
    assert editor.form.value("lon") == "4.75"
    assert editor.is_dirty()
    assert store.reports.get(report["id"])["lat"] == pytest.approx(43.8)
    editor.form.widget("lat").undo()
    assert editor.form.value("lat") == "43.8"
    place(map_window, 44.25, 4.75)
    qtbot.waitUntil(lambda: editor.form.value("lat") == "44.25", timeout=10_000)
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    saved = store.reports.get(report["id"])
    assert (saved["lat"], saved["lon"]) == (44.25, 4.75)
    assert not panel.is_locating() and not panel.location_bar.isVisible()


def test_escape_leaves_location_mode_and_later_clicks_change_nothing(
    qtbot, map_window, evaluate, located
):
    map_window.report_list.select_seq(located[2]["seq"], notify=True)
    editor = map_window.editor
    editor.form.widget("title").setFocus()
    QTest.keyClick(editor.form.widget("title"), Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    panel = map_window.reports_pane.map_panel
    assert panel.is_locating()
    QTest.keyClick(panel.go_to.edit, Qt.Key.Key_Escape)
    assert not panel.is_locating()
    assert evaluate(map_of(map_window), "JSON.stringify(FieldAppMap.locationAt())") == "null"
    place(map_window, 10.0, 10.0)
    evaluate(map_of(map_window), "1")  # the click has been handled
    assert editor.form.value("lat") == "44"
    assert not editor.is_dirty()


def test_ctrl_m_with_the_focus_in_the_map_places_the_open_report(qtbot, map_window, located):
    map_window.report_list.select_seq(located[1]["seq"], notify=True)
    qtbot.waitUntil(lambda: map_window.editor.current_report() is not None)
    view = map_of(map_window)
    target = view.focusProxy() or view
    target.setFocus()
    qtbot.waitUntil(lambda: map_window.focusWidget() in (view, target), timeout=5_000)
    QTest.keyClick(target, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    panel = map_window.reports_pane.map_panel
    assert panel.is_locating() and panel.location_target() == located[1]["id"]


def test_a_new_report_is_placed_on_the_map(qtbot, map_window, store, operation):
    QTest.keyClick(map_window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    editor = map_window.editor
    qtbot.keyClicks(editor.form.widget("title"), "Road washed out")
    qtbot.mouseClick(editor.form.map_button, Qt.MouseButton.LeftButton)
    assert map_window.reports_pane.map_panel.location_target() == "new"
    place(map_window, 43.5, 3.9)
    qtbot.waitUntil(lambda: editor.form.value("lat") == "43.5", timeout=10_000)
    with qtbot.waitSignal(map_of(map_window).reports_shown, timeout=10_000) as shown:
        assert editor.save()
    assert shown.args == [4]
    created = store.reports.get(editor.current_report_id())
    assert (created["title"], created["lat"], created["lon"]) == ("Road washed out", 43.5, 3.9)


def test_the_status_bar_shows_the_cursor_position_in_three_forms(qtbot, map_window):
    readout = map_window.map_controller.readout
    map_of(map_window).run_js("FieldAppMap.simulate('mousemove', 43.8367, 4.3601)")
    qtbot.waitUntil(lambda: bool(readout.text()), timeout=10_000)
    assert readout.text() == (
        f"{format_decimal(43.8367, 4.3601)} · {format_dms(43.8367, 4.3601)} · "
        f"{maidenhead(43.8367, 4.3601)}"
    )
    assert "43.83670, 4.36010" in readout.text() and "43°50'12.1\"N" in readout.text()
    assert readout.text().endswith("JN23eu")
    map_of(map_window).run_js("FieldAppMap.simulate('mouseleave')")
    qtbot.waitUntil(lambda: readout.text() == "", timeout=10_000)


def test_go_to_a_maidenhead_locator_flies_there_and_garbage_is_explained(
    qtbot, map_window, evaluate
):
    view = map_of(map_window)
    QTest.keyClick(map_window, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    go_to = map_window.reports_pane.map_panel.go_to
    assert go_to.edit.hasFocus()
    qtbot.keyClicks(go_to.edit, "JN18du")
    QTest.keyClick(go_to.edit, Qt.Key.Key_Return)

    target = parse_position("JN18du")  # 48.854, 2.292: the flight ends there
    assert abs(target[0] - 48.85) < 0.01 and abs(target[1] - 2.29) < 0.01

    seen: list[list[float]] = []

    def arrived() -> bool:
        # Landed: the centre no longer moves, and it is the locator's centre within 50 m
        # (Leaflet may end a flight snapped to a whole pixel: 12 m seen at zoom 13).
        seen.append(centre(evaluate, view))
        lat, lon = seen[-1]
        still = len(seen) > 1 and seen[-2] == seen[-1]
        return still and abs(lat - target[0]) < 5e-4 and abs(lon - target[1]) < 5e-4

    qtbot.waitUntil(arrived, timeout=15_000)
    assert go_to.error_text() is None
    before = centre(evaluate, view)
    go_to.edit.setText("somewhere over the rainbow")
    QTest.keyClick(go_to.edit, Qt.Key.Key_Return)  # looked up as a place name first
    qtbot.waitUntil(lambda: go_to.error_text() is not None, timeout=10_000)
    assert go_to.error_text().startswith("Cannot go there: no place is named ")
    assert "not a position" in go_to.error_text()
    after = centre(evaluate, view)  # the flight's last frame may still settle by a hair
    assert abs(after[0] - before[0]) < 5e-4 and abs(after[1] - before[1]) < 5e-4  # ~40 m: the
    # flight may end a pixel off; a garbage entry moving the map would move it kilometres


def test_a_tile_set_added_from_the_map_menu_appears_as_a_layer(qtbot, map_window, evaluate):
    from pathlib import Path

    from fieldapp.tiles import TileRegistry

    sample = (
        Path(__file__).parents[1] / "samples" / "geo" / "mbtiles" / "geography-class-jpg.mbtiles"
    )
    layers = "document.querySelector('.leaflet-control-layers').textContent"
    view = map_of(map_window)
    before = evaluate(view, layers)
    with TileRegistry(map_window.data_dir) as registry:
        info = registry.import_file(sample)
    with qtbot.waitSignal(view.map_ready, timeout=30_000):
        map_window.tile_actions.tile_sets_changed.emit()
    assert info.name not in before
    assert info.name in evaluate(view, layers)
