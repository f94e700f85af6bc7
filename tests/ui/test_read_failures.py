"""A read of the database that fails under an open window is said in words where the user
looks, and the view never keeps showing the data of its previous read (another operation,
another filter) as if it answered the current one; the next good read shows the data again.

The reads fail for real: a second connection (as another process could) renames a table
away, so the app's own reads raise "no such table"; the table is then put back.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from ui_mapkit import show_map

from fieldapp.core.settings import Settings
from fieldapp.ui.kit.taskman import Lane
from fieldapp.ui.reports.model import column_of

BOAT = {"title": "Boat drifting near the weir", "kind": "hazard", "severity": 4}


class Vanishing:
    """Tables of the data folder's database renamed away, then put back."""

    def __init__(self, path: Path):
        self.path = path
        self.gone: list[str] = []

    def _rename(self, old: str, new: str) -> None:
        conn = sqlite3.connect(self.path, isolation_level=None, timeout=10)
        try:
            conn.execute(f"ALTER TABLE {old} RENAME TO {new}")
        finally:
            conn.close()

    def hide(self, table: str) -> None:
        self._rename(table, f"{table}_gone")
        self.gone.append(table)

    def restore(self) -> None:
        while self.gone:
            table = self.gone.pop()
            self._rename(f"{table}_gone", table)


@pytest.fixture
def tables(store):
    vanishing = Vanishing(store.path)
    yield vanishing
    vanishing.restore()  # before the window's teardown reads anything


@pytest.fixture
def other(store) -> dict:
    """A second operation, with one report and one map area of its own."""
    created = store.operations.create("Drought watch")
    store.reports.add(created["id"], {**BOAT, "lat": 44.1, "lon": 4.1})
    store.features.add(
        created["id"],
        name="Haute ville",
        category="danger_zone",
        geometry={"type": "Point", "coordinates": [4.1, 44.1]},
    )
    return created


def list_problem(window):
    return window.report_list.problem


# -- the report list ----------------------------------------------------------------------


def test_a_failed_read_of_another_operation_empties_the_list_and_says_why(
    qtbot, window, other, tables, listed_titles
):
    assert len(listed_titles(window)) == 5
    tables.hide("reports")
    assert window.switch_operation(other["id"])
    problem = list_problem(window)
    qtbot.waitUntil(problem.isVisible)
    assert window.report_model.rowCount() == 0  # none of "Gard floods" left on screen
    assert "The reports could not be read from the database" in problem.text()
    assert "no such table: reports" in problem.text()
    assert window.report_list.filter_bar.count_label.text() == "Matching reports: unknown"
    assert window.windowTitle() == "Drought watch — FieldApp"  # the switch went through
    tables.restore()
    qtbot.mouseClick(problem.retry_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: listed_titles(window) == [BOAT["title"]])
    assert not problem.isVisible()
    assert window.report_list.filter_bar.count_label.text() == "Matching reports: 1"


def test_rows_of_another_operation_go_at_once_not_when_the_new_ones_arrive(
    qtbot, window, other, listed_titles
):
    model = window.report_model
    with qtbot.waitSignal(model.results_loaded):
        model.sort(column_of("title"))  # an order the query thread answers
    qtbot.waitUntil(model.is_complete)
    assert len(listed_titles(window)) == 5
    assert window.switch_operation(other["id"])
    assert model.rowCount() == 0  # before the thread answered: nothing, not "Gard floods"
    qtbot.waitUntil(lambda: listed_titles(window) == [BOAT["title"]])
    assert model.query.sort == "title"


def test_rows_of_an_earlier_filter_never_pass_for_a_failed_search(
    qtbot, window, tables, listed_titles
):
    tables.hide("reports")
    qtbot.keyClicks(window.report_list.filter_bar.search_edit, "roof")
    problem = list_problem(window)
    qtbot.waitUntil(problem.isVisible)
    assert window.report_model.rowCount() == 0
    assert "no such table: reports" in problem.text()
    tables.restore()
    qtbot.mouseClick(problem.retry_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: listed_titles(window) == ["Family on a roof asking for help"])
    assert not problem.isVisible()


def test_rows_that_cannot_be_read_for_painting_empty_the_list(qtbot, window, tables):
    tables.hide("reports")
    window.report_model.drop_cache()  # the rows are read again for the next paint
    problem = list_problem(window)
    qtbot.waitUntil(problem.isVisible)
    assert window.report_model.rowCount() == 0
    assert "no such table: reports" in problem.text()


def test_a_window_opened_while_the_reports_cannot_be_read_says_so_and_starts(
    qtbot, make_window, operation, reports, tables
):
    tables.hide("reports")
    window = make_window(Settings(last_operation_id=operation["id"]))
    window.resize(1024, 600)
    problem = list_problem(window)
    qtbot.waitUntil(problem.isVisible)
    assert window.report_model.rowCount() == 0
    qtbot.waitUntil(lambda: window._editor is not None)  # the rest of start-up went on
    assert window.report_list.view.height() > 100  # the bar leaves room for the list
    assert problem.geometry().bottom() < window.report_list.view.geometry().top()


# -- the map --------------------------------------------------------------------------------


@pytest.fixture
def map_window(qtbot, make_window, store, operation, other):
    """The window on "Gard floods" (three located reports, one area), its map shown."""
    for i in range(3):
        values = {"title": f"Flooded road {i}", "kind": "hazard", "severity": 3}
        store.reports.add(operation["id"], {**values, "lat": 43.8 + i / 10, "lon": 4.3})
    store.features.add(
        operation["id"],
        name="Basse ville",
        category="danger_zone",
        geometry={"type": "Point", "coordinates": [4.3, 43.8]},
    )
    window = make_window(Settings(last_operation_id=operation["id"]))
    show_map(qtbot, window)
    return window


def markers(evaluate, window) -> int:
    return evaluate(window.reports_pane.map_panel.view, "FieldAppMap.markerCount()")


def areas(evaluate, window) -> list[str]:
    view = window.reports_pane.map_panel.view
    return json.loads(evaluate(view, "JSON.stringify(FieldAppMap.featureNames())"))


def test_the_map_drops_the_markers_of_the_previous_operation_when_it_cannot_read(
    qtbot, map_window, other, tables, evaluate
):
    panel = map_window.reports_pane.map_panel
    qtbot.waitUntil(lambda: markers(evaluate, map_window) == 3, timeout=10_000)
    tables.hide("reports")
    assert map_window.switch_operation(other["id"])
    qtbot.waitUntil(panel.problem.isVisible, timeout=10_000)
    qtbot.waitUntil(lambda: markers(evaluate, map_window) == 0, timeout=10_000)
    text = panel.problem.text()
    assert "The reports could not be read from the database" in text
    assert "no such table: reports" in text
    assert "The map shows none until they can be read." in text
    assert map_window.status.currentMessage() == ""  # said over the map, not down there
    tables.restore()
    with qtbot.waitSignal(panel.view.reports_shown, timeout=10_000) as shown:
        qtbot.mouseClick(panel.problem.retry_button, Qt.MouseButton.LeftButton)
    assert shown.args == [1]  # the boat of "Drought watch"
    assert markers(evaluate, map_window) == 1
    assert not panel.problem.isVisible()


def test_the_markers_of_another_operation_go_while_its_own_are_read(
    qtbot, map_window, other, evaluate
):
    view = map_window.reports_pane.map_panel.view
    qtbot.waitUntil(lambda: markers(evaluate, map_window) == 3, timeout=10_000)
    slow = threading.Event()  # the map's reads wait behind two busy workers: a slow read
    for _ in range(2):
        view.tasks.submit(lambda _ctx: slow.wait(30), lane=Lane.READS)
    try:
        with qtbot.assertNotEmitted(view.reports_read):
            assert map_window.switch_operation(other["id"])
            qtbot.waitUntil(lambda: markers(evaluate, map_window) == 0, timeout=10_000)
    finally:
        slow.set()
    qtbot.waitUntil(lambda: markers(evaluate, map_window) == 1, timeout=10_000)


def test_the_map_drops_the_areas_of_the_previous_operation_when_it_cannot_read(
    qtbot, map_window, other, tables, evaluate
):
    panel = map_window.reports_pane.map_panel
    qtbot.waitUntil(lambda: areas(evaluate, map_window) == ["Basse ville"], timeout=10_000)
    tables.hide("features")
    assert map_window.switch_operation(other["id"])
    qtbot.waitUntil(panel.problem.isVisible, timeout=10_000)
    qtbot.waitUntil(lambda: areas(evaluate, map_window) == [], timeout=10_000)
    assert "The map areas could not be read from the database" in panel.problem.text()
    assert "no such table: features" in panel.problem.text()
    tables.restore()
    qtbot.mouseClick(panel.problem.retry_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: areas(evaluate, map_window) == ["Haute ville"], timeout=10_000)
    qtbot.waitUntil(lambda: not panel.problem.isVisible())


def test_the_next_good_read_clears_the_map_message_by_itself(
    qtbot, map_window, operation, other, tables, evaluate
):
    panel = map_window.reports_pane.map_panel
    tables.hide("reports")
    assert map_window.switch_operation(other["id"])
    qtbot.waitUntil(panel.problem.isVisible, timeout=10_000)
    tables.restore()
    assert map_window.switch_operation(operation["id"])  # back, with nothing clicked
    qtbot.waitUntil(lambda: markers(evaluate, map_window) == 3, timeout=10_000)
    qtbot.waitUntil(lambda: not panel.problem.isVisible())


# -- the radio desk -------------------------------------------------------------------------


def test_the_radio_desk_empties_its_tables_when_a_search_cannot_be_read(
    qtbot, store, operation, make_radio_desk, tables
):
    for text in ("FLOOD AT ALES", "ROAD CLOSED", "FLOOD AT NIMES"):
        store.radio.add(operation["id"], {"text": text, "received_from": "F1PCT"})
    desk = make_radio_desk(operation)
    qtbot.waitUntil(lambda: desk.log_model.rowCount() == 3)
    tables.hide("radio_messages")
    desk.search_edit.setText("ROAD")
    qtbot.waitUntil(desk.problem.isVisible)
    assert desk.log_model.rowCount() == 0
    assert desk.queue_model.rowCount() == 0
    assert "The radio messages could not be read from the database" in desk.problem.text()
    assert "no such table: radio_messages" in desk.problem.text()
    tables.restore()
    with qtbot.waitSignal(desk.rows_loaded):
        qtbot.mouseClick(desk.problem.retry_button, Qt.MouseButton.LeftButton)
    assert desk.log_model.rowCount() == 1
    assert not desk.problem.isVisible()


def test_a_page_of_the_radio_log_that_cannot_be_read_empties_the_tables(
    qtbot, store, operation, make_radio_desk, tables
):
    items = [({"text": f"MESSAGE {i} WATER", "number": str(i)}, {}) for i in range(150)]
    store.radio.add_many(operation["id"], items)
    desk = make_radio_desk(operation)
    qtbot.waitUntil(lambda: desk.log_model.rowCount() == 150)
    tables.hide("radio_messages")
    desk.log_view.scrollToBottom()  # the second page is read for this paint
    qtbot.waitUntil(desk.problem.isVisible)
    assert desk.log_model.rowCount() == 0
    assert "no such table: radio_messages" in desk.problem.text()


# -- the report editor's history and files ------------------------------------------------


def test_the_history_and_files_of_the_report_shown_before_never_stay_beside_another(
    qtbot, window, store, reports, tables, tmp_path
):
    photo = tmp_path / "roof.txt"
    photo.write_text("a note about the roof")
    store.attachments.add(reports[1]["id"], photo)
    store.reports.update(reports[1]["id"], {"severity": 5})
    editor = window.editor
    assert editor.show_report(reports[1]["id"])
    history = editor.history.history_model
    assert history.rowCount() == 2  # created, then the severity
    assert editor.attachments.model.rowCount() == 1
    tables.hide("history")
    tables.hide("attachments")
    assert editor.show_report(reports[2]["id"])
    assert editor.form.value("title") == reports[2]["title"]
    assert history.rowCount() == 1
    assert history.index(0, 2).data() == (
        "The history could not be read from the database: no such table: history"
    )
    assert editor.attachments.model.rowCount() == 0
    assert not editor.attachments.errors.isHidden()  # on the files tab, when it is shown
    assert editor.attachments.errors.text() == (
        "The files of this report could not be read from the database: no such table: attachments"
    )
    tables.restore()
    assert editor.show_report(reports[1]["id"])
    assert history.rowCount() == 2
    assert editor.attachments.model.rowCount() == 1
    assert editor.attachments.errors.isHidden()
