"""The report list: what a volunteer sees, sorts, filters and searches."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt

from fieldapp.ui.reports.model import column_of


def click_header(qtbot, window, field: str) -> None:
    header = window.report_list.view.horizontalHeader()
    x = header.sectionViewportPosition(column_of(field)) + 10
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))


def test_list_shows_the_reports_of_the_current_operation(
    qtbot, window, store, reports, listed_titles
):
    other = store.operations.create("Other incident")
    store.reports.add(other["id"], {"title": "Not in this operation"})
    with qtbot.waitSignal(window.report_model.results_loaded):
        window.report_list.refresh()
    assert sorted(listed_titles(window)) == sorted(r["title"] for r in reports)
    assert "Matching reports: 5" in window.report_list.filter_bar.count_label.text()


def test_newest_report_is_first_by_default(window, reports, listed_titles):
    assert listed_titles(window)[0] == reports[-1]["title"]


def test_clicking_the_severity_header_sorts_by_severity(qtbot, window, listed_titles):
    model = window.report_model
    before = listed_titles(window)
    with qtbot.waitSignal(model.results_loaded):
        click_header(qtbot, window, "severity")
    severities = [model.report_at(row)["severity"] for row in range(model.rowCount())]
    assert listed_titles(window) != before
    assert severities in ([1, 2, 3, 4, 5], [5, 4, 3, 2, 1])
    with qtbot.waitSignal(model.results_loaded):
        click_header(qtbot, window, "severity")
    again = [model.report_at(row)["severity"] for row in range(model.rowCount())]
    assert again == list(reversed(severities))


def test_author_column_is_not_sortable_and_keeps_the_order(qtbot, window, listed_titles):
    before = listed_titles(window)
    click_header(qtbot, window, "author")
    header = window.report_list.view.horizontalHeader()
    assert header.sortIndicatorSection() == column_of("created_at")
    assert listed_titles(window) == before


def test_status_filter_reduces_the_rows(qtbot, window, listed_titles):
    bar = window.report_list.filter_bar
    with qtbot.waitSignal(window.report_model.results_loaded):
        bar.statuses.action_for("new").setChecked(True)
    assert sorted(listed_titles(window)) == [
        "Power outage in the north",
        "Shelter open at the gymnasium",
    ]
    assert bar.statuses.text() == "Status (1)"
    assert "Matching reports: 2" in bar.count_label.text()


def test_filters_combine_and_clear(qtbot, window, listed_titles):
    bar = window.report_list.filter_bar
    model = window.report_model
    with qtbot.waitSignal(model.results_loaded):
        bar.kinds.action_for("hazard").setChecked(True)
    with qtbot.waitSignal(model.results_loaded):
        bar.kinds.action_for("damage").setChecked(True)
    assert sorted(listed_titles(window)) == [
        "Bridge over the Gardon closed",
        "Power outage in the north",
    ]
    with qtbot.waitSignal(model.results_loaded):
        bar.severities.action_for(5).setChecked(True)
    assert listed_titles(window) == ["Bridge over the Gardon closed"]
    with qtbot.waitSignal(model.results_loaded):
        bar.verifications.action_for("unverified").setChecked(True)
    assert listed_titles(window) == []
    with qtbot.waitSignal(model.results_loaded):
        qtbot.mouseClick(bar.clear_button, Qt.MouseButton.LeftButton)
    assert model.rowCount() == 5


def test_search_shows_matching_reports_as_you_type(qtbot, window, listed_titles):
    search = window.report_list.filter_bar.search_edit
    qtbot.keyClicks(search, "ales")  # accents do not matter: "Alès"
    qtbot.waitUntil(lambda: window.report_model.rowCount() == 2, timeout=2000)
    assert sorted(listed_titles(window)) == [
        "Family on a roof asking for help",
        "Shelter open at the gymnasium",
    ]
    search.clear()
    qtbot.keyClicks(search, "brid")  # a prefix matches while typing
    qtbot.waitUntil(lambda: listed_titles(window) == ["Bridge over the Gardon closed"])


def test_search_with_symbols_does_not_break(qtbot, window):
    search = window.report_list.filter_bar.search_edit
    qtbot.keyClicks(search, '"(*')
    qtbot.waitUntil(lambda: window.report_model.is_complete() and search.text() == '"(*')
    assert window.statusBar().currentMessage() == ""


def test_ctrl_f_focuses_the_search_box(qtbot, window):
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.report_list.view.setFocus()
    qtbot.keyClick(window.report_list.view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.report_list.filter_bar.search_edit.hasFocus()


def test_labels_are_words_not_codes(window):
    model = window.report_model
    texts = {model.index(row, column_of("kind")).data() for row in range(model.rowCount())}
    assert "Request for help" in texts
    assert "request_for_help" not in texts
    severity = model.index(0, column_of("severity")).data()
    assert severity.startswith(("1", "2", "3", "4", "5")) and "–" in severity


def test_the_full_list_is_read_only_after_the_first_rows_are_painted(
    qtbot, store, operation, monkeypatch, tasks
):
    """At start-up the first page shows at once; the long full-list read (which holds the
    interpreter in its thread) must not compete with painting those first rows."""
    from PySide6.QtCore import QEvent, QObject

    from fieldapp.ui.reports import model as report_model
    from fieldapp.ui.reports.list_view import ReportListPanel
    from fieldapp.ui.reports.query_worker import ReportQueryRunner

    store.reports.add_bulk(operation["id"], ({"title": f"Report {n}"} for n in range(300)))
    monkeypatch.setattr(report_model, "REST_DELAY_MS", 0)  # the timer is not what waits
    runner = ReportQueryRunner(tasks, first_page=50)
    panel = ReportListPanel(store, runner)
    qtbot.addWidget(panel)
    events: list[str] = []

    class PaintSpy(QObject):
        def eventFilter(self, watched, event):
            if event.type() == QEvent.Type.Paint and panel.model.rowCount():
                events.append("paint")
            return False

    spy = PaintSpy()
    panel.view.viewport().installEventFilter(spy)
    runner.query_requested.connect(lambda _gen, _query, whole: whole and events.append("full list"))
    try:
        panel.show()
        panel.set_operation(operation["id"])
        qtbot.waitUntil(panel.model.is_complete)
        assert panel.model.rowCount() == 300
        assert events.index("paint") < events.index("full list")
    finally:
        runner.stop()
