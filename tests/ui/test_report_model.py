"""The lazy report model: Qt's model checks, paging and the bounded page cache."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QAbstractItemModelTester

from fieldapp.reports.query import ReportQuery
from fieldapp.ui.reports import model as report_model
from fieldapp.ui.reports.model import ReportIdRole, ReportTableModel, column_of
from fieldapp.ui.reports.query_worker import ReportQueryRunner


def make_model(qtbot, store, tasks):
    runner = ReportQueryRunner(tasks)
    model = ReportTableModel(store, runner)
    return runner, model


def test_model_passes_qt_model_checks_through_queries(qtbot, store, tasks, operation, reports):
    runner, model = make_model(qtbot, store, tasks)
    try:
        tester = QAbstractItemModelTester(
            model, QAbstractItemModelTester.FailureReportingMode.Fatal
        )
        query = ReportQuery(operation["id"])
        model.set_query(query)
        qtbot.waitUntil(model.is_complete)
        assert model.rowCount() == 5
        for sort in ("severity", "title", "place", "observed_at"):
            model.set_query(ReportQuery(operation["id"], sort=sort, descending=False))
            qtbot.waitUntil(model.is_complete)
        model.set_query(ReportQuery(operation["id"], search="zzz-nothing"))
        qtbot.waitUntil(model.is_complete)
        assert model.rowCount() == 0
        model.refresh()
        qtbot.waitUntil(model.is_complete)
        model.clear()
        assert model.rowCount() == 0
        del tester
    finally:
        runner.stop()


def test_rows_grow_from_a_first_page_to_the_full_list(qtbot, store, tasks, operation, monkeypatch):
    store.reports.add_bulk(
        operation["id"], ({"title": f"Report {n}", "severity": 1 + n % 5} for n in range(450))
    )
    runner = ReportQueryRunner(tasks, first_page=100)
    model = ReportTableModel(store, runner)
    seen = []
    model.results_loaded.connect(seen.append)
    try:
        QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
        model.set_query(ReportQuery(operation["id"]))
        qtbot.waitUntil(model.is_complete)
        assert seen[0] == 100 and seen[-1] == 450
        assert model.rowCount() == 450
    finally:
        runner.stop()


def test_page_cache_stays_bounded_while_scrolling(qtbot, store, tasks, operation, monkeypatch):
    monkeypatch.setattr(report_model, "PAGE_SIZE", 10)
    monkeypatch.setattr(report_model, "MAX_PAGES", 3)
    store.reports.add_bulk(operation["id"], ({"title": f"Report {n}"} for n in range(100)))
    runner, model = make_model(qtbot, store, tasks)
    try:
        model.set_query(ReportQuery(operation["id"], sort="title", descending=False))
        qtbot.waitUntil(model.is_complete)
        titles = [model.index(row, column_of("title")).data() for row in range(100)]
        assert titles == sorted(f"Report {n}" for n in range(100))
        assert model.cached_pages() == 3
        assert model.index(0, 0).data(ReportIdRole)
    finally:
        runner.stop()


def test_headers_say_what_each_column_is(qtbot, store, tasks, operation):
    runner, model = make_model(qtbot, store, tasks)
    try:
        headers = [
            model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())
        ]
        assert headers == [
            "Title",
            "Kind",
            "Severity",
            "Status",
            "Verification",
            "Place",
            "Observed (UTC)",
            "Created (UTC)",
            "Author",
        ]
    finally:
        runner.stop()
