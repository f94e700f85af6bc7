"""The conflict view, driven like a user: one row per record, the record field by field,
a version kept per field (keyboard or mouse) or the result typed, then Resolve.

Conflicts are real: two devices edit the same report offline and sync with a real
`fieldapp serve` on loopback (ui_synckit.make_clash).
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QAbstractItemModelTester
from ui_synckit import make_clash

from fieldapp.sync.client.session import sync_status
from fieldapp.ui.sync.conflict_view import ConflictView

# Conflict tests: `make conflicts` runs them many times in a row (README, Tests).
pytestmark = pytest.mark.conflict

BASE = {
    "title": "Bridge open",
    "body": "The bridge on the D981 is open.\nTrucks wait at the north end.",
    "kind": "hazard",
    "severity": 3,
    "place": "Remoulins",
}
THEIRS = {  # olga, on her tablet
    "title": "Bridge closed",
    "body": "The bridge on the D981 is closed.\nTrucks wait at the north end.",
}
OURS = {  # this device, later: the values the record kept
    "title": "Bridge half open",
    "body": "The bridge on the D981 is open to cars only.\nTrucks wait at the north end.",
}


@pytest.fixture
def clash(store, operation, server, tmp_path):
    made = make_clash(store, operation, server, tmp_path / "other", BASE, THEIRS, OURS)
    yield made
    made.other.close()


@pytest.fixture
def view(qtbot, store, clash):
    dialog = ConflictView(store)
    qtbot.addWidget(dialog)
    dialog.reload()
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def cell(view, field: str, column: int) -> str:
    model = view.record_model
    return model.index(model.row_of(field), column).data()


def version_of(view, user: str) -> int:
    """The table column of the version a user made."""
    model = view.record_model
    for column in range(1, model.result_column):
        if user in model.headerData(column, Qt.Orientation.Horizontal, 0):
            return column
    raise AssertionError(f"no version by {user}")


def test_the_list_has_one_row_per_record_saying_what_clashes_and_who(view):
    model = view.model
    assert model.rowCount() == 1
    row = [model.index(0, c).data() for c in range(model.columnCount())]
    assert row[0] == "Bridge half open"
    assert row[1] == "Hazard"
    assert row[2] == "2: Title, Text"
    assert "olga, tablet" in row[4] and "tester, this device" in row[4]  # named by the server
    assert view.record_label.text().startswith("“Bridge half open”: Title, Text in conflict.")


def test_the_record_is_shown_field_by_field_with_both_versions_and_the_result(view):
    model = view.record_model
    olga, mine = version_of(view, "olga"), version_of(view, "tester")
    assert model.headerData(model.result_column, Qt.Orientation.Horizontal, 0) == "Result"
    assert cell(view, "title", 0) == "Title"
    assert (cell(view, "title", olga), cell(view, "title", mine)) == (
        "Bridge closed",
        "Bridge half open",
    )
    assert cell(view, "title", model.result_column) == "Bridge half open"  # kept for now
    assert model.index(model.row_of("title"), mine).data(Qt.ItemDataRole.CheckStateRole) == (
        Qt.CheckState.Checked
    )
    # Fields not in conflict are there for context, in words, and cannot be picked.
    assert cell(view, "kind", 0) == "Kind" and cell(view, "kind", olga) == "Hazard"
    assert cell(view, "place", model.result_column) == "Remoulins"
    kind = model.index(model.row_of("kind"), olga)
    assert not kind.flags() & Qt.ItemFlag.ItemIsUserCheckable
    assert kind.data(Qt.ItemDataRole.BackgroundRole) is None
    assert model.index(model.row_of("title"), 0).data(Qt.ItemDataRole.BackgroundRole) is not None


def test_long_text_is_shown_whole_with_the_differing_words_marked(qtbot, view):
    body = view.record_model.row_of("body")
    view.fields_view.setCurrentIndex(view.record_model.index(body, 0))
    olga = version_of(view, "olga") - 1
    mine = version_of(view, "tester") - 1
    assert view.compare.texts[olga].toPlainText() == THEIRS["body"]
    assert view.compare.texts[mine].toPlainText() == OURS["body"]
    assert view.compare.highlighted(olga) == ["closed"]
    assert view.compare.highlighted(mine) == ["open to cars only"]
    assert view.compare.result_label.text() == "&Result for Text:"


def test_pick_one_field_edit_the_other_resolve_and_the_change_is_in_the_outbox(
    qtbot, view, store, clash
):
    model, table = view.record_model, view.fields_view
    sent_before = store.db.outbox_count()
    # Title: keep olga's version, from the keyboard (Space on her cell).
    table.setFocus()
    table.setCurrentIndex(model.index(model.row_of("title"), version_of(view, "olga")))
    qtbot.keyClick(table, Qt.Key.Key_Space)
    assert cell(view, "title", model.result_column) == "Bridge closed"
    # Text: click its row, then write the result by hand below the table.
    body = model.index(model.row_of("body"), 0)
    qtbot.mouseClick(
        table.viewport(), Qt.MouseButton.LeftButton, pos=table.visualRect(body).center()
    )
    view.compare.result_edit.selectAll()
    qtbot.keyClicks(view.compare.result_edit, "Open to cars; trucks wait north.")
    assert cell(view, "body", model.result_column) == "Open to cars; trucks wait north."
    qtbot.mouseClick(view.resolve_button, Qt.MouseButton.LeftButton)

    report = store.reports.get(clash.report["id"])
    assert (report["title"], report["body"]) == (
        "Bridge closed",
        "Open to cars; trucks wait north.",
    )
    assert view.model.rowCount() == 0 and view.empty_label.isVisible()
    assert sync_status(store).conflicts == 0
    assert store.db.outbox_count() == sent_before + 1
    entry = store.db.outbox_entries()[-1]
    assert entry["row_id"] == clash.report["id"]
    assert {"title", "body"} <= set(entry["fields"])
    assert store.db.history(clash.report["id"])[-1]["action"] == "resolved"


def test_the_mouse_keeps_a_version_with_its_button_or_a_double_click(qtbot, view):
    model, table = view.record_model, view.fields_view
    olga = version_of(view, "olga")
    table.setCurrentIndex(model.index(model.row_of("body"), 0))
    qtbot.mouseClick(view.compare.buttons[olga - 1], Qt.MouseButton.LeftButton)
    assert view.compare.result_edit.toPlainText() == THEIRS["body"]
    title = model.index(model.row_of("title"), olga)
    rect = table.visualRect(title)
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert cell(view, "title", model.result_column) == "Bridge closed"
    assert title.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked


def test_enter_or_ctrl_and_a_number_keeps_a_version_and_the_dialog_stays_open(qtbot, view):
    model, table = view.record_model, view.fields_view
    olga, mine = version_of(view, "olga"), version_of(view, "tester")
    table.setFocus()
    table.setCurrentIndex(model.index(model.row_of("title"), olga))
    qtbot.keyClick(table, Qt.Key.Key_Return)
    assert cell(view, "title", model.result_column) == "Bridge closed"
    assert view.isVisible()
    qtbot.keyClick(table, Qt.Key.Key_Down)  # the next field in conflict: Text
    qtbot.keyClick(table, Qt.Key.Key_0 + olga, Qt.KeyboardModifier.ControlModifier)
    assert view.compare.result_edit.toPlainText() == THEIRS["body"]
    qtbot.keyClick(table, Qt.Key.Key_0 + mine, Qt.KeyboardModifier.ControlModifier)
    assert view.compare.result_edit.toPlainText() == OURS["body"]


def test_a_bad_result_is_said_in_words_and_changes_nothing(qtbot, view, store, clash):
    model = view.record_model
    view.fields_view.setCurrentIndex(model.index(model.row_of("title"), 0))
    view.compare.result_edit.setPlainText("   ")
    sent_before = store.db.outbox_count()
    view.resolve_button.click()
    assert view.error_label.text() == "Not resolved: Title: This field is required."
    assert store.reports.get(clash.report["id"])["title"] == "Bridge half open"
    assert store.db.outbox_count() == sent_before
    assert view.model.rowCount() == 1


def test_a_sync_round_ending_keeps_the_choices_being_made(qtbot, view):
    model = view.record_model
    model.pick(model.row_of("title"), version_of(view, "olga") - 1)
    view.reload()  # what the window does after every sync round
    assert cell(view, "title", model.result_column) == "Bridge closed"


def test_both_models_are_well_behaved(qtbot, view):
    fatal = QAbstractItemModelTester.FailureReportingMode.Fatal
    QAbstractItemModelTester(view.model, fatal)
    QAbstractItemModelTester(view.record_model, fatal)
    view.reload()
    view.record_model.pick(view.record_model.row_of("title"), 0)
    view.record_model.set_record(None)
    assert view.record_model.rowCount() == 0


def test_a_delete_against_an_edit_can_bring_the_report_back(
    qtbot, store, operation, server, tmp_path
):
    from ui_synckit import share_report

    shared = share_report(store, operation, server, tmp_path / "other", BASE)
    shared.other.reports.delete(shared.report["id"])
    store.reports.update(shared.report["id"], {"title": "Bridge open again"})
    assert shared.there.sync().complete
    shared.here.sync()
    view = ConflictView(store)
    qtbot.addWidget(view)
    view.reload()
    model = view.record_model
    assert model.record is not None and model.record.fields == ["title", "deleted"]
    assert cell(view, "deleted", version_of(view, "olga")) == "Deleted"
    assert cell(view, "deleted", model.result_column) == "Deleted"  # what the record holds
    model.pick(model.row_of("deleted"), version_of(view, "tester") - 1)
    assert cell(view, "deleted", model.result_column) == "Kept (not deleted)"
    view.resolve_button.click()
    assert view.error_label.text() == ""
    assert store.reports.get(shared.report["id"])["title"] == "Bridge open again"
    assert view.model.rowCount() == 0
    assert shared.here.sync().complete and shared.there.sync().complete
    assert shared.other.reports.get(shared.report["id"])["title"] == "Bridge open again"
    assert sync_status(shared.other).conflicts == sync_status(store).conflicts == 0
    shared.other.close()


def test_a_delete_newer_than_the_edit_is_undone_and_the_server_takes_it(
    qtbot, store, operation, server, tmp_path
):
    """The delete won (it came after the edit, or won a tie of one millisecond): keeping
    the report writes the edited field with the delete's stamp as its base, which the
    server must take (it refused it once, 1 run in 3 under load)."""
    from ui_synckit import share_report

    shared = share_report(store, operation, server, tmp_path / "other", BASE)
    store.reports.update(shared.report["id"], {"title": "Bridge open again"})
    shared.other.db.clock.observe(store.db.clock.last)  # the delete is certainly newer
    shared.other.reports.delete(shared.report["id"])
    assert shared.there.sync().complete
    shared.here.sync()
    view = ConflictView(store)
    qtbot.addWidget(view)
    view.reload()
    model = view.record_model
    model.pick(model.row_of("deleted"), version_of(view, "tester") - 1)
    view.resolve_button.click()
    assert view.error_label.text() == ""
    report = shared.here.sync()
    assert report.complete and report.rejected == 0, report.summary()
    assert shared.there.sync().complete
    assert shared.other.reports.get(shared.report["id"])["title"] == "Bridge open again"
    assert sync_status(shared.other).conflicts == sync_status(store).conflicts == 0
    shared.other.close()
