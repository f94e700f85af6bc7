"""The gazetteer in the window: place names on the map, Go to a place, the Place field."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from ui_mapkit import show_map

from fieldapp.core.settings import Settings
from fieldapp.places.gazetteer import Gazetteer

QUILLAN = (42.8755, 2.18453)


def names_on_map(evaluate, view) -> list[str]:
    return json.loads(evaluate(view, "JSON.stringify(FieldAppPlaces.names())"))


def test_place_names_label_a_valley_at_zoom_11_with_no_network(qtbot, make_map, evaluate):
    view = make_map()
    assert names_on_map(evaluate, view) == []  # zoom 5: the world basemap has its names
    view.run_js(f"FieldAppMap.flyTo({QUILLAN[0]}, {QUILLAN[1]}, 11)")
    qtbot.waitUntil(lambda: "Quillan" in names_on_map(evaluate, view), timeout=20_000)
    shown = names_on_map(evaluate, view)
    assert {"Espéraza", "Axat"} & set(shown)
    # Drawn as text, never markup; and most populous first within the layer.
    assert evaluate(view, "document.querySelectorAll('.fa-place-name *').length") == 0
    assert shown.index("Quillan") < shown.index("Espéraza")
    assert view.blocked_requests == []


def test_the_labels_url_answers_json_from_a_worker(qtbot, make_map):
    from fieldapp.maps.place_labels import labels_json, parse_labels_query

    query = parse_labels_query("fieldapp://app/places/labels?w=1.9&s=42.7&e=2.5&n=43&z=11")
    assert query is not None
    document = json.loads(labels_json(Gazetteer.default(), query))
    assert document["labels"][0][0] == "Quillan"
    low = parse_labels_query("fieldapp://app/places/labels?w=-10&s=40&e=10&n=50&z=5")
    assert low is not None and json.loads(labels_json(Gazetteer.default(), low))["labels"] == []
    assert parse_labels_query("fieldapp://app/places/labels?w=x&s=1&e=2&n=3&z=4") is None
    assert parse_labels_query("fieldapp://app/places/labels?w=1&s=80&e=2&n=10&z=4") is None


def go_to(qtbot, window, text: str):
    bar = window.reports_pane.map_panel.go_to
    QTest.keyClick(window, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    bar.edit.clear()
    qtbot.keyClicks(bar.edit, text)
    QTest.keyClick(bar.edit, Qt.Key.Key_Return)
    return bar


def landing(evaluate, view):
    return json.loads(evaluate(view, "JSON.stringify(FieldAppPlaces.landing())"))


def test_go_to_a_place_name_lands_there_with_a_marker(qtbot, make_window, operation, evaluate):
    window = make_window(Settings(last_operation_id=operation["id"]))
    view = show_map(qtbot, window)
    bar = go_to(qtbot, window, "quillan")
    qtbot.waitUntil(lambda: landing(evaluate, view) is not None, timeout=10_000)
    lat, lon, label = landing(evaluate, view)
    assert label == "Quillan, Aude (11), FR"
    assert abs(lat - QUILLAN[0]) < 1e-3 and abs(lon - QUILLAN[1]) < 1e-3
    assert bar.error_text() is None
    assert view.blocked_requests == []


def test_an_ambiguous_name_offers_a_keyboard_choice(qtbot, make_window, operation, evaluate):
    window = make_window(Settings(last_operation_id=operation["id"]))
    view = show_map(qtbot, window)
    bar = go_to(qtbot, window, "Valence")
    qtbot.waitUntil(lambda: bar.choice is not None and bar.choice.isVisible(), timeout=10_000)
    lines = [action.text() for action in bar.choice.actions()]
    assert lines[0].startswith("Valence — Drôme (26), FR · ")
    assert "inhabitants" in lines[0]
    assert lines[1].startswith("Valence — Tarn-et-Garonne (82), FR")
    assert bar.choice.activeAction() is bar.choice.actions()[0]  # Enter takes the first
    QTest.keyClick(bar.choice, Qt.Key.Key_Down)
    QTest.keyClick(bar.choice, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: landing(evaluate, view) is not None, timeout=10_000)
    assert landing(evaluate, view)[2] == "Valence, Tarn-et-Garonne (82), FR"


def test_go_to_an_unknown_name_says_so_and_stays(qtbot, make_window, operation):
    window = make_window(Settings(last_operation_id=operation["id"]))
    show_map(qtbot, window)
    bar = go_to(qtbot, window, "Xyzzyqwv")
    qtbot.waitUntil(lambda: bar.error_text() is not None, timeout=10_000)
    assert bar.error_text().startswith("Cannot go there: no place is named “Xyzzyqwv”")


def new_report_form(qtbot, window):
    window.chrome.new_report_action.trigger()
    qtbot.waitUntil(lambda: window.editor.is_editing())
    return window.editor


def suggest(qtbot, editor, typed: str) -> list[str]:
    edit = editor.form.line_edit("place")
    edit.setFocus()
    qtbot.keyClicks(edit, typed)
    picker = editor.place_picker
    qtbot.waitUntil(lambda: bool(picker.suggestions()), timeout=10_000)
    return picker.suggestions()


def test_the_place_field_completes_and_fills_an_empty_position(qtbot, window):
    editor = new_report_form(qtbot, window)
    lines = suggest(qtbot, editor, "Quilla")  # Quillacollo (Bolivia) is bigger
    assert "Quillan — Aude (11), FR" in lines
    editor.place_picker.pick(lines.index("Quillan — Aude (11), FR"))
    form = editor.form
    assert form.value("place") == "Quillan"
    assert form.position() == (round(QUILLAN[0], 6), round(QUILLAN[1], 6))
    assert editor.place_picker.offer.isVisible()
    assert "Position filled from the gazetteer" in editor.place_picker.offer.label.text()
    assert editor.is_dirty()


def test_a_typed_position_is_never_replaced_silently(qtbot, window):
    editor = new_report_form(qtbot, window)
    form = editor.form
    qtbot.keyClicks(form.widget("lat"), "43.2")
    qtbot.keyClicks(form.widget("lon"), "2.35")
    suggest(qtbot, editor, "Quillan")
    editor.place_picker.pick(0)
    assert form.position() == (43.2, 2.35)  # kept
    offer = editor.place_picker.offer
    assert offer.isVisible() and offer.button.isVisible()
    assert "the position typed above is kept" in offer.label.text()
    qtbot.mouseClick(offer.button, Qt.MouseButton.LeftButton)
    assert form.position() == (round(QUILLAN[0], 6), round(QUILLAN[1], 6))


HOSTILE = '<img src=x onerror="window.pwned=1">'


def small_gazetteer(tmp_path, monkeypatch, names: list[str]):
    """Make Gazetteer.default() a file of a few places around Quillan."""
    from fieldapp.places import gazetteer as module
    from fieldapp.places.build import write
    from fieldapp.places.readers import Row

    folder = tmp_path / "resources"
    (folder / "gazetteer").mkdir(parents=True)
    rows = [
        Row(name, QUILLAN[0] + 0.05 * i, QUILLAN[1], "FR", "Aude (11)", 5000 - i, "commune", "t")
        for i, name in enumerate(names)
    ]
    if rows:
        write(rows, folder / "gazetteer" / "places.sqlite", "test")
    monkeypatch.setattr(module, "resources_dir", lambda: folder)


def test_a_hostile_place_name_shows_as_text_and_runs_nothing(
    qtbot, make_map, evaluate, tmp_path, monkeypatch
):
    small_gazetteer(tmp_path, monkeypatch, [HOSTILE, "Quillan"])
    view = make_map()
    view.run_js(f"FieldAppMap.flyTo({QUILLAN[0]}, {QUILLAN[1]}, 11)")
    qtbot.waitUntil(lambda: HOSTILE in names_on_map(evaluate, view), timeout=20_000)
    assert evaluate(view, "String(window.pwned)") == "undefined"
    assert evaluate(view, "document.querySelectorAll('.fa-place img').length") == 0


def test_without_the_gazetteer_every_use_says_so(
    qtbot, make_window, operation, evaluate, tmp_path, monkeypatch
):
    small_gazetteer(tmp_path, monkeypatch, [])  # no file at all
    window = make_window(Settings(last_operation_id=operation["id"]))
    view = show_map(qtbot, window)
    bar = go_to(qtbot, window, "Quillan")
    qtbot.waitUntil(lambda: bar.error_text() is not None, timeout=10_000)
    assert "gazetteer is not installed" in bar.error_text()
    view.run_js(f"FieldAppMap.flyTo({QUILLAN[0]}, {QUILLAN[1]}, 11)")
    note = "(document.querySelector('.fa-places-missing') || {}).textContent"
    qtbot.waitUntil(lambda: bool(evaluate(view, note)), timeout=20_000)
    assert evaluate(view, note).startswith("Place names are not available")
    editor = new_report_form(qtbot, window)
    qtbot.keyClicks(editor.form.line_edit("place"), "Quill")
    offer = editor.place_picker.offer
    qtbot.waitUntil(offer.isVisible, timeout=10_000)
    assert "not available" in offer.label.text()
