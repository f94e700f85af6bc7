"""Drawing on the map: a drawn shape is named and saved as a map feature of the operation,
shown on the map, renamed or deleted from it; nothing is stored on cancel or error."""

from __future__ import annotations

import json

import pytest
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox
from ui_mapkit import show_map

from fieldapp.core.settings import Settings

POLYGON = {
    "type": "Feature",
    "properties": {},
    "geometry": {
        "type": "Polygon",
        "coordinates": [[[4.3, 43.8], [4.4, 43.8], [4.4, 43.9], [4.3, 43.8]]],
    },
}
HOSTILE = '<img src=x onerror="window.pwned=1">Basse ville'


@pytest.fixture
def map_window(qtbot, make_window, operation, reports):
    window = make_window(Settings(last_operation_id=operation["id"]))
    show_map(qtbot, window)
    return window


def features_of(window):
    return window.reports_pane.map_panel.features


def names_on_map(evaluate, window) -> list[str]:
    view = window.reports_pane.map_panel.view
    return json.loads(evaluate(view, "JSON.stringify(FieldAppMap.featureNames())"))


def draw(qtbot, window, shape: dict = POLYGON):
    """A shape is drawn on the map; the naming dialog opens."""
    features = features_of(window)
    features.dialog = None
    window.reports_pane.map_panel.view.run_js(f"FieldAppMap.simulateDrawing({json.dumps(shape)})")
    qtbot.waitUntil(lambda: features.dialog is not None, timeout=10_000)
    assert features.dialog.isVisible()
    return features.dialog


def press(dialog, which: QDialogButtonBox.StandardButton) -> None:
    dialog.buttons.button(which).click()


OK = QDialogButtonBox.StandardButton.Ok
CANCEL = QDialogButtonBox.StandardButton.Cancel


def test_a_drawn_area_is_named_saved_and_shown(qtbot, map_window, store, operation, evaluate):
    dialog = draw(qtbot, map_window)
    assert dialog.category_combo.currentText() == "Other"
    dialog.name_edit.setText("Lower town")
    dialog.category_combo.setCurrentIndex(dialog.category_combo.findData("flooded_area"))
    dialog.notes_edit.setPlainText("Water 1 m deep")
    press(dialog, OK)
    assert not dialog.isVisible()
    [saved] = store.features.list(operation["id"])
    assert (saved["name"], saved["category"], saved["notes"]) == (
        "Lower town",
        "flooded_area",
        "Water 1 m deep",
    )
    assert saved["geometry"]["type"] == "Polygon"
    qtbot.waitUntil(lambda: names_on_map(evaluate, map_window) == ["Lower town"], timeout=10_000)
    assert map_window.status.currentMessage() == "Map feature saved."


def test_a_cancelled_drawing_stores_nothing_and_leaves_the_map(
    qtbot, map_window, store, operation, evaluate
):
    view = map_window.reports_pane.map_panel.view
    dialog = draw(qtbot, map_window)
    assert evaluate(view, "FieldAppMap.drawnCount()") == 1
    dialog.name_edit.setText("Not this one")
    press(dialog, CANCEL)
    assert store.features.list(operation["id"]) == []
    qtbot.waitUntil(lambda: evaluate(view, "FieldAppMap.drawnCount()") == 0, timeout=10_000)
    assert names_on_map(evaluate, map_window) == []


def test_a_nameless_feature_says_why_and_stays_open(qtbot, map_window, store, operation):
    dialog = draw(qtbot, map_window)
    press(dialog, OK)
    assert dialog.isVisible()
    assert dialog.error_text("name") == "Give it a name, e.g. Lower town flooded."
    assert store.features.list(operation["id"]) == []
    dialog.name_edit.setText("Gymnasium")
    press(dialog, OK)
    assert not dialog.isVisible()
    assert [f["name"] for f in store.features.list(operation["id"])] == ["Gymnasium"]


def test_a_bad_shape_is_refused_in_words(map_window, store, operation):
    open_ring = {"type": "Polygon", "coordinates": [[[4.3, 43.8], [4.4, 43.8], [4.4, 43.9]]]}
    map_window.reports_pane.map_panel.view.area_drawn.emit(json.dumps(open_ring))
    dialog = features_of(map_window).dialog
    dialog.name_edit.setText("Broken")
    press(dialog, OK)
    assert dialog.isVisible()
    assert dialog.error_text("geometry").startswith("This shape cannot be saved: ")
    assert store.features.list(operation["id"]) == []


def save_feature(qtbot, window, evaluate, name: str) -> str:
    dialog = draw(qtbot, window)
    dialog.name_edit.setText(name)
    press(dialog, OK)
    qtbot.waitUntil(lambda: names_on_map(evaluate, window) == [name], timeout=10_000)
    return window.store.features.list(window.operation["id"])[0]["id"]


def click_feature(qtbot, window, feature_id: str):
    features = features_of(window)
    features.dialog = None
    window.reports_pane.map_panel.view.run_js(
        f"FieldAppMap.touchFeature({json.dumps(feature_id)}, 'click')"
    )
    qtbot.waitUntil(lambda: features.dialog is not None, timeout=10_000)
    return features.dialog


def test_a_saved_feature_is_renamed_from_the_map(qtbot, map_window, store, evaluate):
    feature_id = save_feature(qtbot, map_window, evaluate, "Gymnasium")
    dialog = click_feature(qtbot, map_window, feature_id)
    assert dialog.name_edit.text() == "Gymnasium"
    dialog.name_edit.setText("Gymnasium Jean Moulin")
    dialog.category_combo.setCurrentIndex(dialog.category_combo.findData("shelter"))
    press(dialog, OK)
    feature = store.features.get(feature_id)
    assert (feature["name"], feature["category"]) == ("Gymnasium Jean Moulin", "shelter")
    qtbot.waitUntil(
        lambda: names_on_map(evaluate, map_window) == ["Gymnasium Jean Moulin"], timeout=10_000
    )


def test_a_feature_is_deleted_after_asking(
    qtbot, map_window, store, operation, evaluate, monkeypatch
):
    feature_id = save_feature(qtbot, map_window, evaluate, "Danger")
    dialog = click_feature(qtbot, map_window, feature_id)
    no, asked = QMessageBox.StandardButton.No, []
    monkeypatch.setattr(QMessageBox, "question", lambda _p, *q, **k: asked.append(q[:2]) or no)
    dialog.delete_button.click()
    assert asked == [
        ("Delete map feature", "Delete the map feature “Danger”? Its history is kept.")
    ]
    assert dialog.isVisible() and len(store.features.list(operation["id"])) == 1
    yes = QMessageBox.StandardButton.Yes
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: yes)
    dialog.delete_button.click()
    assert not dialog.isVisible()
    assert store.features.list(operation["id"]) == []
    qtbot.waitUntil(lambda: names_on_map(evaluate, map_window) == [], timeout=10_000)


def test_a_hostile_feature_name_shows_as_text_and_runs_nothing(qtbot, map_window, evaluate, store):
    feature_id = save_feature(qtbot, map_window, evaluate, HOSTILE)
    view = map_window.reports_pane.map_panel.view
    view.run_js(f"FieldAppMap.touchFeature({json.dumps(feature_id)}, 'mouseover')")
    name = "document.querySelector('.leaflet-tooltip .fa-feature-name')"
    qtbot.waitUntil(lambda: evaluate(view, f"!!{name}"), timeout=10_000)
    assert evaluate(view, f"{name}.textContent") == HOSTILE
    assert evaluate(view, "document.querySelectorAll('.leaflet-tooltip *').length") == 3
    assert evaluate(view, "document.querySelectorAll('img[src=x]').length") == 0
    assert evaluate(view, "typeof window.pwned") == "undefined"
    assert view.blocked_requests == []


def test_switching_operation_shows_that_operations_features_and_exercise_marking(
    qtbot, map_window, store, evaluate
):
    save_feature(qtbot, map_window, evaluate, "Only in the floods")
    drill = store.operations.create("Drill", exercise=True)
    store.features.add(
        drill["id"],
        name="Drill zone",
        category="danger_zone",
        geometry={"type": "Point", "coordinates": [4.0, 44.0]},
    )
    view = map_window.reports_pane.map_panel.view
    assert map_window.switch_operation(drill["id"])
    qtbot.waitUntil(lambda: names_on_map(evaluate, map_window) == ["Drill zone"], timeout=10_000)
    label = "getComputedStyle(document.querySelector('.fa-exercise-label')).display"
    qtbot.waitUntil(lambda: evaluate(view, label) == "block", timeout=10_000)


def test_the_map_tiles_of_a_drawn_area_can_be_downloaded(qtbot, map_window, store, operation):
    """Drawing the area is how a volunteer says which map to keep for the field."""
    dialog = draw(qtbot, map_window)
    assert dialog.tiles_button.text() == "Download map &tiles of this area…"
    dialog.tiles_button.click()
    download = map_window.tile_actions.download_dialog
    qtbot.waitUntil(lambda: download is not None and download.isVisible())
    edges = [download.form.edges[side].text() for side in ("west", "south", "east", "north")]
    assert edges == ["4.3", "43.8", "4.4", "43.9"]
    assert "tiles" in download.form.estimate_label.text()  # the count, before anything starts
    download.reject()
    press(dialog, CANCEL)
    assert store.features.list(operation["id"]) == []  # only the tiles were wanted


def test_a_line_offers_no_tile_download(qtbot, map_window):
    line = {
        **POLYGON,
        "geometry": {"type": "LineString", "coordinates": [[4.3, 43.8], [4.4, 43.9]]},
    }
    dialog = draw(qtbot, map_window, line)
    assert dialog.tiles_button is None
    press(dialog, CANCEL)
