"""Changes: a sync pull updates every open view of what it brought, with nothing reopened.

A real `fieldapp serve` on loopback; olga's tablet (another data folder) adds a report, a
drawn area and a radio message; the window syncs: its list, its map (markers and areas)
and its open radio desk show them without a click elsewhere.
"""

from __future__ import annotations

import pytest
from ui_mapkit import show_map
from ui_synckit import code_for

from fieldapp.core.settings import Settings
from fieldapp.store import Store
from fieldapp.sync.client.session import SyncClient, join
from fieldapp.ui.sync.worker import SyncRunner

AREA = {"type": "Polygon", "coordinates": [[[4.3, 43.8], [4.4, 43.8], [4.4, 43.9], [4.3, 43.8]]]}


@pytest.fixture
def olga(store, operation, server, tmp_path, monkeypatch):
    """The tablet, joined and synced with this laptop's operation."""
    monkeypatch.setattr(SyncRunner, "start", lambda self, joined: None)  # rounds on demand
    join(store, server.url, code_for(server, "tester"), "laptop")
    assert SyncClient(store).sync().complete
    tablet = Store(tmp_path / "tablet", user="olga")
    join(tablet, server.url, code_for(server, "olga"), "tablet")
    assert SyncClient(tablet).sync().complete
    yield tablet
    tablet.close()


def test_a_pull_updates_the_open_list_map_and_radio_desk(
    qtbot, make_window, operation, olga, evaluate, listed_titles
):
    window = make_window(Settings(last_operation_id=operation["id"]))
    view = show_map(qtbot, window)
    desk = window.radio.open_desk()
    qtbot.waitUntil(lambda: desk.log_model.rowCount() == 0 and not desk.runner.is_busy())
    assert evaluate(view, "FieldAppMap.markerCount()") == 0

    op_id = operation["id"]
    olga.reports.add(op_id, {"title": "Roof torn off", "lat": 43.85, "lon": 4.35})
    olga.features.add(op_id, name="Basse ville", category="danger_zone", geometry=AREA)
    olga.radio.add(op_id, {"text": "NEED 40 COTS AT SCHOOL", "received_from": "F1PCT"})
    assert SyncClient(olga).sync().complete

    with qtbot.waitSignal(window.sync.runner.sync_finished, timeout=30_000) as done:
        assert window.sync.runner.sync_now()
    assert done.args[0].changes.touches("report", "feature", "radio_message")

    qtbot.waitUntil(lambda: "Roof torn off" in listed_titles(window))
    qtbot.waitUntil(lambda: evaluate(view, "FieldAppMap.markerCount()") == 1, timeout=10_000)
    names = "JSON.stringify(FieldAppMap.featureNames())"
    qtbot.waitUntil(lambda: "Basse ville" in evaluate(view, names), timeout=10_000)
    qtbot.waitUntil(lambda: desk.log_model.rowCount() == 1, timeout=10_000)


def test_writes_made_in_the_window_reach_every_view_and_the_outbox(
    qtbot, make_window, operation, evaluate, listed_titles
):
    """No view is refreshed by hand: a write on the window's store, wherever it is made
    (a dialog, the desk, the conflict view), goes out on records_changed."""
    window = make_window(Settings(last_operation_id=operation["id"]))
    view = show_map(qtbot, window)
    desk = window.radio.open_desk()
    status = window.status
    qtbot.waitUntil(lambda: desk.log_model.rowCount() == 0 and not desk.runner.is_busy())
    qtbot.waitUntil(lambda: status.outbox_count() == window.store.db.outbox_count())
    before = status.outbox_count()

    op_id = operation["id"]
    message = window.store.radio.add(op_id, {"text": "BRIDGE AT ALES CLOSED", "number": "12"})
    window.store.features.add(op_id, name="Basse ville", category="danger_zone", geometry=AREA)
    window.store.reports.add(op_id, {"title": "Roof torn off", "lat": 43.85, "lon": 4.35})

    qtbot.waitUntil(lambda: desk.log_model.rowCount() == 1, timeout=10_000)
    assert desk.log_model.message_at(0)["id"] == message["id"]
    names = "JSON.stringify(FieldAppMap.featureNames())"
    qtbot.waitUntil(lambda: "Basse ville" in evaluate(view, names), timeout=10_000)
    qtbot.waitUntil(lambda: evaluate(view, "FieldAppMap.markerCount()") == 1, timeout=10_000)
    qtbot.waitUntil(lambda: "Roof torn off" in listed_titles(window))
    qtbot.waitUntil(lambda: status.outbox_count() == before + 3)
