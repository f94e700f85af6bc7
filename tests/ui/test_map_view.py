"""The map of reports: offline (no request leaves the app), escaped, clickable."""

from __future__ import annotations

import json

import pytest

from fieldapp.demo.builder import create_demo
from fieldapp.store import ReportQuery

HOSTILE = [
    '<img src=x onerror="window.pwned=1">',
    "</script><script>window.pwned=2</script>",
]


@pytest.fixture
def demo(store) -> dict:
    return create_demo(store, 300, seed=5)


@pytest.fixture
def hostile_reports(store, operation) -> list[dict]:
    return [
        store.reports.add(
            operation["id"],
            {"title": title, "kind": "hazard", "severity": 4, "lat": 43.8 + i, "lon": 4.3},
        )
        for i, title in enumerate(HOSTILE)
    ]


def test_the_map_of_demo_data_makes_no_request_outside_the_app(make_map, evaluate, demo):
    view = make_map(demo)
    assert evaluate(view, "FieldAppMap.markerCount()") > 250
    assert evaluate(view, "document.querySelectorAll('.leaflet-tile-loaded').length") > 0
    assert view.guard.allowed_count > 10  # the page, Leaflet, plugins, tiles, data
    assert view.blocked_requests == []


def test_a_request_to_the_internet_is_blocked_and_recorded(qtbot, make_map, demo):
    view = make_map(demo)
    with qtbot.waitSignal(view.guard.request_blocked, timeout=10_000) as blocked:
        view.run_js(
            "var probe = new Image(); probe.src = 'https://example.org/x.png';"
            "document.body.appendChild(probe);"
        )
    assert blocked.args == ["https://example.org/x.png"]
    assert view.blocked_requests == ["https://example.org/x.png"]


def test_the_exercise_label_shows_on_an_exercise_map(make_map, evaluate, demo):
    view = make_map(demo)
    shown = "getComputedStyle(document.querySelector('.fa-exercise-label')).display"
    assert evaluate(view, shown) == "block"
    assert evaluate(view, "document.querySelector('.fa-exercise-label').textContent") == "EXERCISE"
    assert evaluate(view, "document.querySelectorAll('.fa-cluster.fa-ex, .fa-marker.fa-ex').length")


@pytest.mark.parametrize("index", [0, 1])
def test_a_hostile_title_shows_as_text_and_runs_nothing(
    qtbot, make_map, evaluate, operation, hostile_reports, index
):
    view = make_map(operation)
    report = hostile_reports[index]
    view.show_report(report["id"])
    content = "document.querySelector('.leaflet-popup-content .fa-report-title')"
    qtbot.waitUntil(lambda: evaluate(view, f"!!{content}"), timeout=10_000)
    assert evaluate(view, f"{content}.textContent") == HOSTILE[index]
    assert evaluate(view, "document.querySelectorAll('.leaflet-popup-content *').length") == 3
    assert (
        evaluate(
            view, "document.querySelectorAll('img[src=x], .leaflet-popup-content script').length"
        )
        == 0
    )
    assert evaluate(view, "typeof window.pwned") == "undefined"
    assert view.blocked_requests == []


def test_clicking_a_marker_opens_its_report(qtbot, make_map, operation, hostile_reports):
    view = make_map(operation)
    target = hostile_reports[1]["id"]
    with qtbot.waitSignal(view.report_clicked, timeout=10_000) as clicked:
        view.run_js(f"FieldAppMap.clickReport({json.dumps(target)})")
    assert clicked.args == [target]


def test_the_list_filters_narrow_the_map_without_reloading_it(
    qtbot, make_map, evaluate, operation, hostile_reports
):
    view = make_map(operation)
    assert evaluate(view, "FieldAppMap.markerCount()") == 2
    evaluate(view, "window.sameDocument = true")
    with qtbot.waitSignal(view.reports_shown, timeout=10_000) as shown:
        view.set_query(ReportQuery(operation["id"], search="pwned"))
    assert shown.args == [2]
    with qtbot.waitSignal(view.reports_shown, timeout=10_000) as shown:
        view.set_query(ReportQuery(operation["id"], severities=frozenset({1})))
    assert shown.args == [0]
    assert evaluate(view, "FieldAppMap.markerCount()") == 0
    assert evaluate(view, "window.sameDocument") is True


def test_a_map_without_operation_is_ready_and_quiet(make_map, evaluate):
    view = make_map(None)
    assert evaluate(view, "FieldAppMap.markerCount()") == 0
    assert view.blocked_requests == []
