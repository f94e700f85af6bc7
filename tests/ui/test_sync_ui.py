"""Sync in the window: Sync now, offline in words, background sync, the conflict view.

A real `fieldapp serve` subprocess on loopback (the `server` fixture of conftest.py).
"""

from __future__ import annotations

import socket

import pytest
from ui_synckit import code_for, kit, make_clash

from fieldapp.settings import Settings
from fieldapp.sync.client import join, sync_status
from fieldapp.ui.sync_worker import SyncRunner


@pytest.fixture(autouse=True)
def quick_backoff(monkeypatch):
    monkeypatch.setattr(SyncRunner, "BASE_S", 0.2)
    monkeypatch.setattr(SyncRunner, "CAP_S", 0.5)


def server_titles(server, user: str = "zoe") -> set[str]:
    """What another device gets from the server: the titles of its reports."""
    device = server.device(user, "coordinator")
    records, _, _ = device.pull_all()
    return {r["fields"].get("title") for r in records if r["entity"] == "report"}


def test_sync_now_from_the_panel_moves_a_report_to_the_server(
    qtbot, make_window, store, operation, server, monkeypatch
):
    monkeypatch.setattr(SyncRunner, "start", lambda self, joined: None)  # no background round
    join(store, server.url, code_for(server, "tester"), "laptop")
    report = store.add_report(operation["id"], {"title": "Levee breached", "severity": 5})
    window = make_window(Settings(last_operation_id=operation["id"]))
    runner, panel = window.sync.runner, window.sync.panel
    window.status.connection_label.clicked.emit()
    assert window.sync.dock.isVisible()
    assert panel.pending_value.text().startswith("2 change(s) (oldest")
    panel.show_record(report["id"])
    assert panel.record_value.text() == "only on this computer"
    with qtbot.waitSignal(runner.sync_finished, timeout=30_000):
        panel.sync_button.click()
    assert "Levee breached" in server_titles(server)
    assert panel.pending_value.text().startswith("0 change")
    assert panel.summary_value.text().startswith("Synchronised")
    assert panel.record_value.text().startswith("on the server since")
    assert window.status.outbox_label.text() == "Not sent yet: 0"
    assert window.status.connection_label.text().startswith("Online — 127.0.0.1:")
    assert window.status.last_label.text().startswith("Last sync: ")


def test_an_unreachable_server_shows_offline_and_the_error_in_words(
    qtbot, make_window, store, operation, reports, server
):
    join(store, server.url, code_for(server, "tester"), "laptop")
    server.stop()
    window = make_window(Settings(last_operation_id=operation["id"]))
    runner = window.sync.runner
    qtbot.waitUntil(lambda: runner.state == "offline" and runner.failures >= 1, timeout=20_000)
    assert window.status.connection_label.text() == "Offline — server not reachable"
    assert "Not sent yet: 6" in window.status.outbox_label.text()
    assert "oldest" in window.status.outbox_label.text()
    with qtbot.waitSignal(runner.sync_finished, timeout=30_000):
        qtbot.waitUntil(runner.sync_now, timeout=10_000)
    panel = window.sync.panel
    error = panel.error_value.text()
    assert error.startswith("The server could not be reached: check the network.")
    assert "Traceback" not in error
    assert window.status.last_label.text() == "Last sync failed"
    assert panel.summary_value.text().startswith("Not fully synchronised: 6 change(s)")


def test_nothing_is_sent_when_sync_is_not_set_up(qtbot, window, monkeypatch):
    calls = []
    monkeypatch.setattr(socket.socket, "connect", lambda *a: calls.append(a))
    qtbot.waitUntil(lambda: window.sync.runner._running, timeout=10_000)
    assert window.sync.runner.state == "not_set_up"
    assert not window.sync.runner.sync_now()
    assert window.status.connection_label.text() == "Offline — sync not set up"
    assert not window.sync.panel.sync_button.isEnabled()
    assert calls == []


def test_background_sync_starts_by_itself_when_the_server_comes_up(
    qtbot, make_window, store, operation, tmp_path
):
    server = kit.Server(str(tmp_path / "server.db"), tmp_path / "srv")
    server.start()
    join(store, server.url, code_for(server, "tester"), "laptop")
    server.stop()
    store.add_report(operation["id"], {"title": "Road to the camp cut", "severity": 4})
    window = make_window(Settings(last_operation_id=operation["id"]))
    runner = window.sync.runner
    qtbot.waitUntil(lambda: runner.failures >= 1, timeout=20_000)
    assert window.status.connection_label.text() == "Offline — server not reachable"
    again = kit.Server(str(tmp_path / "server.db"), tmp_path / "srv")
    again.port, again.url = server.port, server.url
    again.start()
    try:
        qtbot.waitUntil(
            lambda: window.status.outbox_label.text() == "Not sent yet: 0", timeout=30_000
        )
        assert window.status.connection_label.text().startswith("Online")
        assert "Road to the camp cut" in server_titles(again)
    finally:
        window.sync.runner.stop()
        again.stop()
        again.db.close()
        server.db.close()


def test_a_conflict_resolved_in_the_window_syncs_to_the_other_device(
    qtbot, make_window, store, operation, server, tmp_path
):
    clash = make_clash(store, operation, server, tmp_path / "other",
                       {"title": "Bridge open", "severity": 2}, {"title": "Bridge closed"},
                       {"title": "Bridge half open"})  # fmt: skip
    assert sync_status(store).conflicts == 1
    window = make_window(Settings(last_operation_id=operation["id"]))
    window.report_list.select_seq(clash.report["seq"], notify=True)
    qtbot.waitUntil(lambda: window.editor.current_report_id() == clash.report["id"])
    window.sync.show_panel()
    assert window.sync.panel.conflicts_button.text() == "Conflicts to settle: 1"
    window.sync.panel.conflicts_button.click()
    view = window.sync._conflict_view
    assert view.isVisible() and view.model.rowCount() == 1
    view.compare.result_edit.setPlainText("Bridge open to pedestrians")
    runner = window.sync.runner
    qtbot.waitUntil(lambda: runner.state == "online" and not runner.is_busy(), timeout=30_000)
    view.resolve_button.click()
    assert store.outbox_count() == 1  # the resolution, sent by the background sync
    assert window.editor.form.value("title") == "Bridge open to pedestrians"
    qtbot.waitUntil(lambda: store.outbox_count() == 0, timeout=30_000)
    assert view.model.rowCount() == 0
    assert view.empty_label.isVisible()
    assert store.outbox_count() == 0
    assert window.sync.panel.conflicts_button.text() == "Conflicts to settle: 0"
    clash.there.sync()
    assert clash.other.get_report(clash.report["id"])["title"] == "Bridge open to pedestrians"
    assert sync_status(clash.other).conflicts == 0
    clash.other.close()


def test_joining_from_the_panel_says_a_wrong_code_in_words_then_joins(
    qtbot, window, server, monkeypatch
):
    from fieldapp.ui.sync_panel import JoinDialog

    monkeypatch.setattr(SyncRunner, "start", lambda self, joined: None)
    panel = window.sync.panel
    window.sync.show_panel()
    panel.join_button.click()
    dialog = panel.findChild(JoinDialog)
    assert dialog is not None and dialog.isVisible()
    dialog.url_edit.setText(f"127.0.0.1:{server.port}")
    dialog.code_edit.setText("AAA-AAA-AAA")
    with qtbot.waitSignal(window.sync.runner.join_finished, timeout=30_000):
        dialog.buttons.accepted.emit()
    assert dialog.error_label.text().startswith("Could not join: ")
    assert dialog.error_label.text().endswith("Nothing was changed.")
    assert dialog.isVisible()
    dialog.code_edit.setText(code_for(server, "tester"))
    with qtbot.waitSignal(window.sync.runner.sync_finished, timeout=30_000):
        dialog.buttons.accepted.emit()
    qtbot.waitUntil(lambda: panel.findChild(JoinDialog) is None)  # closed and deleted
    assert panel.server_value.text() == f"http://127.0.0.1:{server.port}/api/v1"
    qtbot.waitUntil(lambda: window.status.outbox_label.text() == "Not sent yet: 0")
    assert window.status.connection_label.text().startswith("Online — 127.0.0.1:")
    assert "Bridge over the Gardon closed" in server_titles(server)
