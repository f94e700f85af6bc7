"""The conflict view on a map feature and on a radio message, driven like a user.

Conflicts are real: two devices edit the same feature (or message) offline and sync with
a real `fieldapp serve` on loopback (ui_synckit.make_feature_clash, make_message_clash).
The row says what the record is, fields have their form's names, a shape is shown in
words and only picked, coded values only picked; the result is validated like an edit
of that record, goes to the outbox and reaches the other device.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from ui_synckit import make_feature_clash, make_message_clash

from fieldapp.sync.client.session import sync_status
from fieldapp.ui.sync.conflict_view import ConflictView

# Conflict tests: `make conflicts` runs them many times in a row (README, Tests).
pytestmark = pytest.mark.conflict


def ring(*corners: tuple[float, float]) -> list[list[float]]:
    return [[lon, lat] for lon, lat in (*corners, corners[0])]


SQUARE = {"type": "Polygon", "coordinates": [ring((4.35, 43.83), (4.37, 43.83), (4.37, 43.85),
                                                  (4.35, 43.85))]}  # fmt: skip
PENTAGON = {"type": "Polygon", "coordinates": [ring((4.35, 43.83), (4.37, 43.83), (4.38, 43.84),
                                                    (4.37, 43.85), (4.35, 43.85))]}  # fmt: skip
TRIANGLE = {"type": "Polygon", "coordinates": [ring((4.35, 43.83), (4.37, 43.83), (4.36, 43.85))]}
FEATURE = {"name": "Lower town flooded", "category": "flooded_area", "geometry": SQUARE,
           "notes": "Water up to the knees"}  # fmt: skip
FEATURE_THEIRS = {"name": "Lower town flooded, north", "category": "danger_zone",
                  "geometry": PENTAGON}  # fmt: skip
FEATURE_OURS = {"name": "Lower town under water", "category": "evacuation_zone",
                "geometry": TRIANGLE}  # fmt: skip

MESSAGE = {
    "kind": "radiogram",
    "direction": "received",
    "number": "12",
    "precedence": "ROUTINE",
    "received_from": "F1PCT",
    "text": "NEED WATER AT SCHOOL SHELTER X 20 PEOPLE",
}
MESSAGE_THEIRS = {"precedence": "PRIORITY", "status": "waiting_relay",
                  "text": "NEED WATER AND BLANKETS AT SCHOOL SHELTER X 20 PEOPLE"}  # fmt: skip
MESSAGE_OURS = {"precedence": "EMERGENCY", "status": "delivered",
                "text": "NEED WATER AT SCHOOL SHELTER X 40 PEOPLE"}  # fmt: skip


def open_view(qtbot, store) -> ConflictView:
    dialog = ConflictView(store)
    qtbot.addWidget(dialog)
    dialog.reload()
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()  # keyboard shortcuts (Ctrl+1…9) work in the active window
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    return dialog


@pytest.fixture
def feature_clash(store, operation, server, tmp_path):
    made = make_feature_clash(store, operation, server, tmp_path / "other", FEATURE,
                              FEATURE_THEIRS, FEATURE_OURS)  # fmt: skip
    yield made
    made.other.close()


@pytest.fixture
def message_clash(store, operation, server, tmp_path):
    made = make_message_clash(store, operation, server, tmp_path / "other", MESSAGE,
                              MESSAGE_THEIRS, MESSAGE_OURS)  # fmt: skip
    yield made
    made.other.close()


def cell(view, field: str, column: int) -> str:
    model = view.record_model
    return model.index(model.row_of(field), column).data()


def version_of(view, user: str) -> int:
    model = view.record_model
    for column in range(1, model.result_column):
        if user in model.headerData(column, Qt.Orientation.Horizontal, 0):
            return column
    raise AssertionError(f"no version by {user}")


def list_row(view) -> list[str]:
    return [view.model.index(0, c).data() for c in range(view.model.columnCount())]


# -- a map feature ---------------------------------------------------------------------


def test_a_feature_in_conflict_is_listed_by_its_name_and_kind_with_its_fields_named(
    qtbot, store, feature_clash
):
    view = open_view(qtbot, store)
    assert list_row(view)[:3] == [
        "Lower town under water",
        "Map feature",
        "3: Name, Category, Shape",
    ]
    assert view.record_label.text().startswith(
        "“Lower town under water”: Name, Category, Shape in conflict."
    )
    model = view.record_model
    olga, mine = version_of(view, "olga"), version_of(view, "tester")
    assert [cell(view, name, 0) for name in ("name", "category", "geometry", "notes")] == [
        "Name", "Category", "Shape", "Notes"
    ]  # fmt: skip
    assert (cell(view, "category", olga), cell(view, "category", mine)) == (
        "Danger zone",
        "Evacuation zone",
    )
    assert cell(view, "notes", model.result_column) == "Water up to the knees"  # context


def test_a_shape_is_shown_in_words_and_can_only_be_picked(qtbot, store, feature_clash):
    view = open_view(qtbot, store)
    model, table = view.record_model, view.fields_view
    olga, mine = version_of(view, "olga"), version_of(view, "tester")
    assert cell(view, "geometry", olga).startswith("Polygon, 5 points")
    assert cell(view, "geometry", mine).startswith("Polygon, 3 points")
    table.setFocus()
    table.setCurrentIndex(model.index(model.row_of("geometry"), mine))
    assert view.compare.texts[olga - 1].toPlainText() == (
        "Polygon, 5 points\naround 43.84000, 4.36500 (latitude, longitude)"
    )
    assert "{" not in view.compare.result_edit.toPlainText()  # no raw GeoJSON anywhere
    assert view.compare.result_edit.isReadOnly()
    view.compare.result_edit.setFocus()
    qtbot.keyClicks(view.compare.result_edit, '{"type": "Point"}')
    assert cell(view, "geometry", model.result_column).startswith("Polygon, 3 points")
    assert not model.set_result_text(model.row_of("geometry"), '{"type": "Point"}')
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_0 + olga, Qt.KeyboardModifier.ControlModifier)
    assert cell(view, "geometry", model.result_column).startswith("Polygon, 5 points")
    qtbot.mouseClick(view.compare.buttons[mine - 1], Qt.MouseButton.LeftButton)
    assert cell(view, "geometry", model.result_column).startswith("Polygon, 3 points")
    # The category too is picked, never typed.
    table.setCurrentIndex(model.index(model.row_of("category"), olga))
    assert view.compare.result_edit.isReadOnly()


def test_a_feature_resolved_reaches_the_other_device(qtbot, store, feature_clash):
    view = open_view(qtbot, store)
    model, table = view.record_model, view.fields_view
    olga = version_of(view, "olga")
    sent_before = store.db.outbox_count()
    table.setFocus()
    for name in ("geometry", "category"):
        table.setCurrentIndex(model.index(model.row_of(name), olga))
        qtbot.keyClick(table, Qt.Key.Key_Space)
    table.setCurrentIndex(model.index(model.row_of("name"), 0))
    view.compare.result_edit.selectAll()
    qtbot.keyClicks(view.compare.result_edit, "  Lower town, north: flooded ")
    qtbot.mouseClick(view.resolve_button, Qt.MouseButton.LeftButton)

    assert view.error_label.text() == ""
    assert view.model.rowCount() == 0 and view.empty_label.isVisible()
    feature = store.features.get(feature_clash.record_id)
    assert (feature["name"], feature["category"]) == ("Lower town, north: flooded", "danger_zone")
    assert feature["geometry"] == PENTAGON
    assert store.db.outbox_count() == sent_before + 1
    assert store.db.history(feature_clash.record_id)[-1]["action"] == "resolved"
    assert feature_clash.here.sync().complete and feature_clash.there.sync().complete
    theirs = feature_clash.other.features.get(feature_clash.record_id)
    assert (theirs["name"], theirs["category"]) == ("Lower town, north: flooded", "danger_zone")
    assert theirs["geometry"] == PENTAGON
    assert sync_status(store).conflicts == sync_status(feature_clash.other).conflicts == 0


def test_a_feature_without_a_name_is_refused_in_words_and_changes_nothing(
    qtbot, store, feature_clash
):
    view = open_view(qtbot, store)
    model = view.record_model
    view.fields_view.setCurrentIndex(model.index(model.row_of("name"), 0))
    view.compare.result_edit.setPlainText("   ")
    sent_before = store.db.outbox_count()
    qtbot.mouseClick(view.resolve_button, Qt.MouseButton.LeftButton)
    assert view.error_label.text() == "Not resolved: Name: This field is required."
    assert store.features.get(feature_clash.record_id)["name"] == "Lower town under water"
    assert store.db.outbox_count() == sent_before
    assert view.model.rowCount() == 1


# -- a radio message -------------------------------------------------------------------


def test_a_message_in_conflict_is_listed_by_number_and_station_with_its_fields_named(
    qtbot, store, message_clash
):
    view = open_view(qtbot, store)
    assert list_row(view)[:3] == ["NR 12 from F1PCT", "Radio message",
                                  "3: Status, Precedence, Text"]  # fmt: skip
    assert view.record_label.text().startswith("“NR 12 from F1PCT”: Status, Precedence, Text")
    olga, mine = version_of(view, "olga"), version_of(view, "tester")
    assert (cell(view, "status", olga), cell(view, "status", mine)) == (
        "Waiting for relay",
        "Delivered",
    )
    assert (cell(view, "precedence", olga), cell(view, "precedence", mine)) == (
        "PRIORITY",
        "EMERGENCY",
    )
    # The other fields of the message, as its form names them, for context.
    assert (cell(view, "kind", 0), cell(view, "kind", olga)) == ("Kind", "Radiogram")
    assert (cell(view, "received_from", 0), cell(view, "received_from", mine)) == (
        "From station",
        "F1PCT",
    )
    assert cell(view, "number", 0) == "Number"


def test_a_message_s_coded_fields_are_picked_and_its_text_typed(qtbot, store, message_clash):
    view = open_view(qtbot, store)
    model, table = view.record_model, view.fields_view
    olga = version_of(view, "olga")
    table.setFocus()
    for name in ("status", "precedence"):
        table.setCurrentIndex(model.index(model.row_of(name), olga))
        assert view.compare.result_edit.isReadOnly()
        assert not model.set_result_text(model.row_of(name), "URGENT")
        qtbot.keyClick(table, Qt.Key.Key_Space)
    assert cell(view, "status", model.result_column) == "Waiting for relay"
    assert cell(view, "precedence", model.result_column) == "PRIORITY"
    table.setCurrentIndex(model.index(model.row_of("text"), 0))
    assert not view.compare.result_edit.isReadOnly()
    view.compare.result_edit.selectAll()
    qtbot.keyClicks(view.compare.result_edit, "NEED WATER AND BLANKETS X 40 PEOPLE")
    sent_before = store.db.outbox_count()
    qtbot.mouseClick(view.resolve_button, Qt.MouseButton.LeftButton)

    assert view.error_label.text() == ""
    assert view.model.rowCount() == 0
    message = store.radio.get(message_clash.record_id)
    assert (message["status"], message["precedence"], message["text"]) == (
        "waiting_relay",
        "PRIORITY",
        "NEED WATER AND BLANKETS X 40 PEOPLE",
    )
    assert store.db.outbox_count() == sent_before + 1
    assert message_clash.here.sync().complete and message_clash.there.sync().complete
    theirs = message_clash.other.radio.get(message_clash.record_id)
    assert (theirs["status"], theirs["precedence"], theirs["text"]) == (
        "waiting_relay",
        "PRIORITY",
        "NEED WATER AND BLANKETS X 40 PEOPLE",
    )
    assert sync_status(store).conflicts == sync_status(message_clash.other).conflicts == 0


def test_a_message_without_text_is_refused_in_words_and_changes_nothing(
    qtbot, store, message_clash
):
    view = open_view(qtbot, store)
    model = view.record_model
    view.fields_view.setCurrentIndex(model.index(model.row_of("text"), 0))
    view.compare.result_edit.setPlainText("  ")
    sent_before = store.db.outbox_count()
    qtbot.mouseClick(view.resolve_button, Qt.MouseButton.LeftButton)
    assert view.error_label.text() == "Not resolved: Text: This field is required."
    assert store.radio.get(message_clash.record_id)["text"] == MESSAGE_OURS["text"]
    assert store.db.outbox_count() == sent_before
    assert view.model.rowCount() == 1


def test_in_french_the_feature_and_its_shape_are_in_french(qtbot, store, feature_clash, languages):
    languages.apply("fr")
    view = open_view(qtbot, store)
    assert list_row(view)[:3] == ["Lower town under water", "Élément de carte",
                                  "3: Nom, Catégorie, Forme"]  # fmt: skip
    assert cell(view, "geometry", version_of(view, "olga")).startswith("Polygone, 5 points")
    assert cell(view, "category", version_of(view, "olga")) == "Zone dangereuse"


def test_a_field_its_kind_of_form_lacks_takes_the_english_name_of_another_form(qapp):
    from fieldapp.ui.sync.conflict_models import field_label

    assert field_label("precedence", "radio_message", "ics213") == "Precedence"
    assert field_label("number", "radio_message", "ics213") == "Number"
    assert field_label("number", "radio_message", "adrasec") == "Numéro"  # the French form
    assert field_label("subject", "radio_message", "ics213") == "4 Subject"
    assert field_label("incident", "radio_message", "radiogram") == "Incident name"
