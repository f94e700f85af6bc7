"""What a player sees of a released inject names it and says EXERCISE: the post on the
monitoring desk, the alert in the alerts desk and on the map, the printed radiogram. A
post of a real operation never passes for an inject, whatever its key says."""

from __future__ import annotations

import json

import pytest
from test_radio_print import read_pdf

from fieldapp.core.settings import Settings
from fieldapp.exercises.release import reference, release
from fieldapp.monitoring.posts import Post

INJECTS = [
    {
        "number": "3",
        "at_s": 0,
        "channel": "social",
        "sender": "Lucie",
        "content": "Ça monte vite à Anduze, le Gardon est sur les quais",
        "details": {"handle": "@lucie@exemple.fr"},
    },
    {
        "number": "5",
        "at_s": 0,
        "channel": "alert",
        "sender": "Vigicrues",
        "content": "EXERCICE — Vigilance ORANGE crues sur les Gardons",
        "details": {"area": "INSEE:30", "event": "Crues", "severity": "Severe"},
    },
    {
        "number": "10",
        "at_s": 0,
        "channel": "radio",
        "sender": "F4ANDUZE",
        "recipient": "COD NIMES",
        "content": "GARDON 2 M 40 AU PONT X MONTEE RAPIDE",
    },
]


@pytest.fixture
def drill(store):
    """An exercise whose three injects (a post, an alert, a radiogram) are released."""
    operation = store.operations.create("Exercice crue", exercise=True)
    ids = store.injects.add_many(operation["id"], INJECTS)
    delivered = {}
    for inject_id in ids:
        inject = store.injects.get(inject_id)
        (record,) = release(store, inject_id)
        delivered[inject["number"]] = (record["id"], reference(inject))
    return operation, delivered


def window_on(qtbot, make_window, operation):
    window = make_window(Settings(last_operation_id=operation["id"]))
    qtbot.waitUntil(lambda: window.alerts is not None, timeout=10_000)
    return window


def open_card(qtbot, window):
    desk = window.monitoring.open_desk()
    qtbot.waitUntil(lambda: desk.model.is_loaded() and desk.model.rowCount() == 1, timeout=10_000)
    desk.select_row(0)
    qtbot.waitUntil(lambda: desk.card.posts.rowCount() == 1, timeout=10_000)
    return desk


def test_a_post_an_inject_became_names_it_on_the_monitoring_desk(qtbot, make_window, store, drill):
    operation, delivered = drill
    _item_id, ref = delivered["3"]
    desk = open_card(qtbot, window_on(qtbot, make_window, operation))
    assert ref.startswith("EXERCISE inject 3 (")
    assert desk.card.posts.index(0, 4).data() == ref  # "Posted via"
    qtbot.waitUntil(lambda: bool(desk.card.text.toPlainText()), timeout=10_000)
    assert desk.card.text.toPlainText().splitlines()[0] == ref
    assert desk.banner.isVisible()


def test_a_real_operations_post_never_passes_for_an_inject(qtbot, make_window, store, operation):
    spoof = Post(
        key="exercise:0000 EXERCISE inject 9 (00000000)",  # a feed may name a guid so
        author="x",
        handle="@x@exemple.fr",
        posted_at="2026-12-05T07:00:00.000Z",
        text="Le pont de Lézan est fermé",
        url="",
        language="fr",
    )
    store.items.take(operation["id"], [spoof], kind="feed")
    desk = open_card(qtbot, window_on(qtbot, make_window, operation))
    assert desk.card.posts.index(0, 4).data() == "Feed"
    qtbot.waitUntil(lambda: bool(desk.card.text.toPlainText()), timeout=10_000)
    assert "EXERCISE" not in desk.card.text.toPlainText()


def test_an_exercise_alert_names_its_inject_in_the_alerts_desk(qtbot, make_window, store, drill):
    operation, delivered = drill
    _alert_id, ref = delivered["5"]
    desk = window_on(qtbot, make_window, operation).alerts.open_desk()
    qtbot.waitUntil(lambda: desk.chains_model.rowCount() == 1, timeout=10_000)
    with qtbot.waitSignal(desk.alert_shown, timeout=10_000):
        desk.alerts_view.selectRow(0)
    panel = desk.alert_panel
    assert "EXERCISE" in panel.mark.text()
    assert f"Note: {ref}" in panel.body.toPlainText().splitlines()


def test_an_exercise_alert_names_its_inject_on_the_map(qtbot, make_map, evaluate, drill):
    operation, delivered = drill
    alert_id, ref = delivered["5"]
    view = make_map(operation)
    qtbot.waitUntil(lambda: view.alerts.count == 1, timeout=10_000)
    view.run_js(f"FieldAppAlerts.touch({json.dumps(alert_id)}, 'mouseover')")
    tip = "document.querySelector('.leaflet-tooltip .fa-alert-note')"
    qtbot.waitUntil(lambda: evaluate(view, f"!!{tip}"), timeout=10_000)
    assert evaluate(view, f"{tip}.textContent") == ref
    assert evaluate(view, "document.querySelector('.leaflet-tooltip .fa-alert-ex').textContent")


def test_the_printed_radiogram_names_its_inject(qapp, store, drill, tmp_path):
    from fieldapp.ui.radio import printing as radio_print

    _operation, delivered = drill
    message_id, ref = delivered["10"]
    path = tmp_path / "radiogram.pdf"
    radio_print.message_pdf(store.radio.get(message_id), path, exercise=True)
    (page,) = read_pdf(path)
    assert ref in page and "TEST R" in page and "EXERCISE EXERCISE" in page
