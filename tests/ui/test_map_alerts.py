"""Official alerts on the map: their areas drawn by severity under the reports, a click
announced up to the window's map controller, headlines shown as text, and an alert that
ends, is cancelled or arrives leaving or joining the map by itself."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

from ui_mapkit import show_map

from fieldapp.alerts.intake import import_files
from fieldapp.core.settings import Settings

SAMPLES = Path(__file__).resolve().parents[1] / "samples" / "cap"
HOSTILE = "<img src=x onerror=alert(1)>"
TIMES = ("sent", "effective", "onset", "expires")


def live(tmp_path, name: str, *, ends_in: timedelta = timedelta(hours=2), **values: str) -> Path:
    """A copy of a real sample sent a minute ago, ending `ends_in` from now, with some
    elements' text replaced (`values`, given as plain text: escaped here)."""
    text = (SAMPLES / name).read_text(encoding="utf-8")
    now = datetime.now(UTC)
    moments = {"expires": now + ends_in}
    for element in TIMES:
        stamp = moments.get(element, now - timedelta(minutes=1)).isoformat(timespec="seconds")
        text = re.sub(rf"(<(?:cap:)?{element}>)[^<]*(<)", rf"\g<1>{stamp}\2", text)
    for element, value in values.items():
        escaped = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        text = re.sub(
            rf"(<(?:cap:)?{element}>)[^<]*(<)", lambda m, e=escaped: m[1] + e + m[2], text
        )
    path = tmp_path / f"{len(list(tmp_path.iterdir()))}-{name}"
    path.write_text(text, encoding="utf-8")
    return path


def areas(evaluate, view) -> list[list[str]]:
    """[id, severity, colour] of every area on the page, in drawing order."""
    return json.loads(evaluate(view, "JSON.stringify(FieldAppAlerts.areas())"))


def taken(store, operation, *paths: Path) -> list[str]:
    return import_files(store, operation["id"], list(paths)).taken.new


def test_the_page_draws_the_active_alerts_by_severity_under_the_reports(
    qtbot, make_map, evaluate, store, operation, tmp_path
):
    ids = taken(
        store, operation,
        live(tmp_path, "us_nws_thunderstorm_cap12.xml", severity="Extreme"),
        live(tmp_path, "au_nsw_rfs_bushfire_cap12.xml"),  # Minor
        live(tmp_path, "ie_meteireann_meteoalarm_cap12.xml"),  # Moderate
    )  # fmt: skip
    view = make_map(operation)
    shown = areas(evaluate, view)
    assert [a[1] for a in shown] == ["Minor", "Moderate", "Extreme"]  # the worst on top
    assert {a[0] for a in shown} == set(ids)
    assert dict((a[1], a[2]) for a in shown) == {
        "Extreme": "#7f0000",
        "Moderate": "#f9a825",
        "Minor": "#b0a04a",
    }
    pane = "parseInt(getComputedStyle(document.querySelector('.leaflet-fa-alerts-pane')).zIndex)"
    markers = "parseInt(getComputedStyle(document.querySelector('.leaflet-marker-pane')).zIndex)"
    assert evaluate(view, pane) < evaluate(view, markers)
    west, south, east, north = json.loads(evaluate(view, "JSON.stringify(FieldAppAlerts.bounds())"))
    assert west < -119.9 and east > 147.0 and south < -35.3 and north > 55.0
    names = "Array.from(document.querySelectorAll('.leaflet-control-layers-overlays span'))"
    assert "Official alerts" in evaluate(view, f"{names}.map(e => e.textContent).join('|')")
    assert view.blocked_requests == []


def test_clicking_an_alert_reaches_the_map_controller(
    qtbot, make_window, store, operation, tmp_path, evaluate
):
    (alert_id,) = taken(store, operation, live(tmp_path, "us_nws_thunderstorm_cap12.xml"))
    window = make_window(Settings(last_operation_id=operation["id"]))
    view = show_map(qtbot, window)
    with qtbot.waitSignal(window.map_controller.alert_clicked, timeout=10_000) as clicked:
        assert evaluate(view, f"FieldAppAlerts.touch({json.dumps(alert_id)}, 'click')")
    assert clicked.args == [alert_id]


def test_a_hostile_headline_shows_as_text_and_runs_nothing(
    qtbot, make_map, evaluate, store, operation, tmp_path
):
    path = live(tmp_path, "us_nws_thunderstorm_cap12.xml", headline=HOSTILE)
    (alert_id,) = taken(store, operation, path)
    view = make_map(operation)
    view.run_js(f"FieldAppAlerts.touch({json.dumps(alert_id)}, 'mouseover')")
    tip = "document.querySelector('.leaflet-tooltip .fa-alert-headline')"
    qtbot.waitUntil(lambda: evaluate(view, f"!!{tip}"), timeout=10_000)
    assert evaluate(view, f"{tip}.textContent") == HOSTILE
    severity = "document.querySelector('.leaflet-tooltip .fa-alert-severity').textContent"
    assert evaluate(view, severity) == "Severity: Severe"
    assert evaluate(view, "document.querySelectorAll('.leaflet-tooltip img').length") == 0
    assert evaluate(view, "document.querySelectorAll('img[src=x]').length") == 0
    assert view.blocked_requests == []


def test_an_exercise_operations_alert_says_exercise(qtbot, make_map, evaluate, store, tmp_path):
    drill = store.operations.create("Drill", exercise=True)
    path = live(tmp_path, "us_nws_thunderstorm_cap12.xml", status="Exercise")
    (alert_id,) = taken(store, drill, path)
    view = make_map(drill)
    view.run_js(f"FieldAppAlerts.touch({json.dumps(alert_id)}, 'mouseover')")
    tip = "document.querySelector('.leaflet-tooltip .fa-alert-ex')"
    qtbot.waitUntil(lambda: evaluate(view, f"!!{tip}"), timeout=10_000)
    assert evaluate(view, f"{tip}.textContent") == "EXERCISE"


def test_an_alert_leaves_the_map_when_it_ends_without_anyone_touching_it(
    qtbot, make_map, evaluate, store, operation, tmp_path
):
    soon = live(tmp_path, "us_nws_thunderstorm_cap12.xml", ends_in=timedelta(seconds=3))
    later = live(tmp_path, "au_nsw_rfs_bushfire_cap12.xml")
    ids = taken(store, operation, soon, later)
    view = make_map(operation)
    assert {a[0] for a in areas(evaluate, view)} == set(ids)
    qtbot.waitUntil(lambda: [a[0] for a in areas(evaluate, view)] == ids[1:], timeout=15_000)


def test_alerts_taken_in_or_cancelled_while_the_map_is_open_join_or_leave_it(
    qtbot, make_window, store, operation, tmp_path, evaluate
):
    window = make_window(Settings(last_operation_id=operation["id"]))
    view = show_map(qtbot, window)
    assert areas(evaluate, view) == []
    path = live(tmp_path, "us_nws_thunderstorm_cap12.xml")
    (alert_id,) = taken(store, operation, path)
    qtbot.waitUntil(lambda: [a[0] for a in areas(evaluate, view)] == [alert_id], timeout=10_000)
    alert = store.alerts.get(alert_id)
    cancel = live(tmp_path, "us_nws_thunderstorm_cap12.xml", identifier="KSTO-cancel",
                  msgType="Cancel")  # fmt: skip
    text = cancel.read_text(encoding="utf-8").replace(
        "<scope>Public</scope>",
        f"<scope>Public</scope><references>{alert['sender']},{alert['identifier']},"
        f"{alert['sent']}</references>",
    )
    cancel.write_text(text, encoding="utf-8")
    taken(store, operation, cancel)
    qtbot.waitUntil(lambda: areas(evaluate, view) == [], timeout=10_000)


def test_a_layer_that_cannot_be_read_is_said_over_the_map_and_shows_nothing(
    qtbot, make_window, store, operation, tmp_path, evaluate, monkeypatch
):
    taken(store, operation, live(tmp_path, "us_nws_thunderstorm_cap12.xml"))
    window = make_window(Settings(last_operation_id=operation["id"]))
    view = show_map(qtbot, window)
    assert len(areas(evaluate, view)) == 1

    def broken(*_args, **_kwargs):
        raise OSError("disk I/O error")

    monkeypatch.setattr("fieldapp.ui.maps.alert_areas.read_alert_layer", broken)
    view.alerts.refresh()
    panel = window.reports_pane.map_panel
    qtbot.waitUntil(lambda: "official alerts could not be read" in panel.problem.text())
    qtbot.waitUntil(lambda: areas(evaluate, view) == [], timeout=10_000)
