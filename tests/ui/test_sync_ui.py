"""Sync in the window: Sync now, offline in words, background sync, the conflict view.

A real `fieldapp serve` subprocess on loopback (the `server` fixture of conftest.py).
"""

from __future__ import annotations

import socket

import pytest
from ui_synckit import code_for, kit, make_clash

from fieldapp.core.settings import Settings
from fieldapp.sync.client.session import join, sync_status
from fieldapp.ui.sync.worker import SyncRunner


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
    qtbot, make_window, store, operation, server, monkeypatch, plurals
):
    monkeypatch.setattr(SyncRunner, "start", lambda self, joined: None)  # no background round
    join(store, server.url, code_for(server, "tester"), "laptop")
    report = store.reports.add(operation["id"], {"title": "Levee breached", "severity": 5})
    window = make_window(Settings(last_operation_id=operation["id"]))
    runner, panel = window.sync.runner, window.sync.panel
    window.status.connection_label.clicked.emit()
    assert window.sync.dock.isVisible()
    assert panel.pending_value.text().startswith("2 changes (oldest")
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
    assert panel.error_value.text() == "none" and not panel.error_value.styleSheet()


def test_an_unreachable_server_shows_offline_and_the_error_in_words(
    qtbot, make_window, store, operation, reports, server, plurals
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
    assert panel.error_value.styleSheet()  # shown as a problem
    assert "Traceback" not in error
    assert window.status.last_label.text() == "Last sync failed"
    assert panel.summary_value.text().startswith("Not fully synchronised: 6 changes")


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
    store.reports.add(operation["id"], {"title": "Road to the camp cut", "severity": 4})
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


@pytest.mark.conflict
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
    assert store.db.outbox_count() == 1  # the resolution, sent by the background sync
    assert window.editor.form.value("title") == "Bridge open to pedestrians"
    qtbot.waitUntil(lambda: store.db.outbox_count() == 0, timeout=30_000)
    assert view.model.rowCount() == 0
    assert view.empty_label.isVisible()
    assert store.db.outbox_count() == 0
    assert window.sync.panel.conflicts_button.text() == "Conflicts to settle: 0"
    clash.there.sync()
    assert clash.other.reports.get(clash.report["id"])["title"] == "Bridge open to pedestrians"
    assert sync_status(clash.other).conflicts == 0
    clash.other.close()


def test_joining_from_the_panel_says_a_wrong_code_in_words_then_joins(
    qtbot, window, server, monkeypatch
):
    from fieldapp.ui.sync.panel import JoinDialog

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
    assert dialog.error_label.text() == (
        "Could not join: The server did not accept this code: it is wrong, used or expired."
        " Ask the server's admin for a new one (fieldapp server enroll NAME)."
        " Nothing was changed."
    )
    assert dialog.isVisible()
    dialog.code_edit.setText(code_for(server, "tester"))
    with qtbot.waitSignal(window.sync.runner.sync_finished, timeout=30_000):
        dialog.buttons.accepted.emit()
    qtbot.waitUntil(lambda: panel.findChild(JoinDialog) is None)  # closed and deleted
    assert panel.server_value.text() == f"http://127.0.0.1:{server.port}/api/v1"
    qtbot.waitUntil(lambda: window.status.outbox_label.text() == "Not sent yet: 0")
    assert window.status.connection_label.text().startswith("Online — 127.0.0.1:")
    assert "Bridge over the Gardon closed" in server_titles(server)


def test_a_join_error_is_said_whole_in_french(qtbot, window, server, monkeypatch, languages):
    from fieldapp.ui.sync.panel import JoinDialog

    monkeypatch.setattr(SyncRunner, "start", lambda self, joined: None)
    languages.apply("fr")
    panel = window.sync.panel
    window.sync.show_panel()
    panel.join_button.click()
    dialog = panel.findChild(JoinDialog)
    dialog.url_edit.setText(f"127.0.0.1:{server.port}")
    dialog.code_edit.setText("AAA-AAA-AAA")
    with qtbot.waitSignal(window.sync.runner.join_finished, timeout=30_000):
        dialog.buttons.accepted.emit()
    text = dialog.error_label.text()
    assert text.startswith(
        "Impossible de rejoindre le serveur : Le serveur n’a pas accepté ce code"
    )
    assert "the server" not in text and "Ask the" not in text  # no English left in it
    assert text.endswith("Rien n’a été modifié.")
    languages.apply("en")


def test_joining_a_self_signed_server_needs_its_certificate_in_the_dialog(
    qtbot, window, tmp_path, monkeypatch
):
    from fieldapp.ui.sync.panel import JoinDialog

    cert, key = kit.self_signed_certificate(tmp_path)
    server = kit.Server(str(tmp_path / "tls.db"), tmp_path / "srv").start(tls=(cert, key))
    try:
        monkeypatch.setattr(SyncRunner, "start", lambda self, joined: None)
        window.sync.show_panel()
        window.sync.panel.join_button.click()
        dialog = window.sync.panel.findChild(JoinDialog)
        dialog.url_edit.setText(f"https://127.0.0.1:{server.port}")
        dialog.code_edit.setText(code_for(server, "tester"))
        with qtbot.waitSignal(window.sync.runner.join_finished, timeout=30_000):
            dialog.buttons.accepted.emit()
        assert "certificate" in dialog.error_label.text()
        assert not (window.store.data_dir / "sync-token").exists()
        dialog.cert_edit.setText(str(cert))
        with qtbot.waitSignal(window.sync.runner.join_finished, timeout=30_000):
            dialog.buttons.accepted.emit()
        qtbot.waitUntil(lambda: window.sync.panel.findChild(JoinDialog) is None)
        assert window.sync.panel.server_value.text() == server.url
        assert (window.store.data_dir / "sync-token").exists()
    finally:
        server.stop()
        server.db.close()


def test_a_round_shows_its_progress_and_cancel_stops_it_keeping_the_rest(
    qtbot, make_window, store, server, monkeypatch, plurals
):
    from fieldapp.demo.builder import create_demo

    monkeypatch.setattr(SyncRunner, "start", lambda self, joined: None)
    join(store, server.url, code_for(server, "tester"), "laptop")
    operation = create_demo(store, 5000, seed=3)  # three pushes of at most 2,000 changes
    window = make_window(Settings(last_operation_id=operation["id"]))
    runner, panel = window.sync.runner, window.sync.panel
    window.sync.show_panel()
    seen: list[tuple[str, int, int]] = []

    def on_progress(phase: str, done: int, total: int) -> None:
        seen.append((phase, done, total))
        if phase == "push" and panel.cancel_button.isEnabled():
            assert panel.progress.isVisible() and panel.progress.maximum() == total
            panel.cancel_button.click()

    runner.sync_progressed.connect(on_progress)
    with qtbot.waitSignal(runner.sync_finished, timeout=60_000) as finished:
        panel.sync_button.click()
    report = finished.args[0]
    assert not report.complete and "cancelled" in report.summary()
    assert seen[0] == ("push", 0, 5001)
    assert 0 < store.db.outbox_count() < 5001  # what went out stays out; the rest waits
    assert not panel.progress.isVisible() and panel.sync_button.isEnabled()
    left = f"Cancelled: {store.db.outbox_count()} changes not on the server yet; they go with"
    assert panel.summary_value.text().startswith(left)
    runner.sync_progressed.disconnect(on_progress)
    with qtbot.waitSignal(runner.sync_finished, timeout=60_000) as finished:
        panel.sync_button.click()
    assert finished.args[0].complete and store.db.outbox_count() == 0
    device = server.device("zoe", "coordinator")
    records, _, _ = device.pull_all()
    assert sum(r["entity"] == "report" for r in records) == 5000  # each once


def test_a_report_saved_while_a_round_pulls_goes_out_right_after_it(
    qtbot, make_window, store, server, tmp_path, monkeypatch
):
    from fieldapp.demo.builder import create_demo
    from fieldapp.store import Store
    from fieldapp.sync.client.session import SyncClient

    monkeypatch.setattr(SyncRunner, "start", lambda self, joined: None)
    join(store, server.url, code_for(server, "tester"), "laptop")
    mine = store.operations.create("Mine")
    assert SyncClient(store).sync().complete
    with Store(tmp_path / "other", user="olga") as other:  # then 3,000 reports to pull
        join(other, server.url, code_for(server, "olga"), "tablet")
        create_demo(other, 3000, seed=5)
        assert SyncClient(other).sync().complete
    window = make_window(Settings(last_operation_id=mine["id"]))
    runner = window.sync.runner
    runner._running = True  # background sync on (start() without its first probe)
    saved: list[dict] = []

    def save_during_the_pull(phase: str, _done: int, _total: int) -> None:
        if phase == "pull" and not saved:
            saved.append(store.reports.add(mine["id"], {"title": "Saved mid-round"}))
            window.sync.local_change_saved()

    runner.sync_progressed.connect(save_during_the_pull)
    with qtbot.waitSignal(runner.sync_finished, timeout=60_000) as first:
        runner.sync_now()
    assert saved and first.args[0].pulled >= 3000 and first.args[0].pushed == 0
    with qtbot.waitSignal(runner.sync_finished, timeout=15_000) as second:
        pass  # not the 60 s of the idle schedule
    assert second.args[0].pushed == 1 and store.db.outbox_count() == 0
    assert "Saved mid-round" in server_titles(server)


def test_a_round_is_listed_in_the_jobs_panel_whose_cancel_stops_it(
    qtbot, make_window, store, server, monkeypatch
):
    from fieldapp.demo.builder import create_demo

    monkeypatch.setattr(SyncRunner, "start", lambda self, joined: None)
    join(store, server.url, code_for(server, "tester"), "laptop")
    operation = create_demo(store, 5000, seed=3)  # three pushes of at most 2,000 changes
    window = make_window(Settings(last_operation_id=operation["id"]))
    runner, jobs = window.sync.runner, window.jobs.show_panel()
    shown: list[tuple[str, str, int]] = []

    def on_progress(job) -> None:  # after the panel's row took the progress
        row = jobs.rows.get(job.id)
        if row is not None and job.total and row.cancel_button.isEnabled():
            shown.append((row.name_label.text(), row.detail_label.text(), row.bar.maximum()))
            row.cancel_button.click()

    window.tasks.job_progressed.connect(on_progress)
    with qtbot.waitSignal(runner.sync_finished, timeout=60_000) as finished:
        assert runner.sync_now()
    assert shown and shown[0][0] == "Sync round" and shown[0][2] == 5001
    assert shown[0][1].startswith("Sending changes")
    assert not finished.args[0].complete and "cancelled" in finished.args[0].summary()
    assert 0 < store.db.outbox_count() < 5001
    qtbot.waitUntil(lambda: not jobs.rows)
    assert window.jobs.button.text() == "Jobs: 0"


def test_a_received_record_that_cannot_be_stored_is_named_and_the_list_shows_the_rest(
    qtbot, make_window, store, operation, server, monkeypatch, listed_titles, plurals
):
    import json

    from sqlalchemy import select, update

    from fieldapp.sync.server import tables as t
    from fieldapp.sync.server.db import next_seqs

    monkeypatch.setattr(SyncRunner, "start", lambda self, joined: None)  # no background round
    join(store, server.url, code_for(server, "tester"), "laptop")
    window = make_window(Settings(last_operation_id=operation["id"]))
    runner, panel = window.sync.runner, window.sync.panel
    with qtbot.waitSignal(runner.sync_finished, timeout=30_000):
        panel.sync_button.click()  # the operation goes to the server
    olga = server.device("olga", "coordinator")
    good, bad = (olga.new_report(operation["id"], title) for title in ("Dyke", "Ford"))
    assert olga.push([good[1], bad[1]]).json()["results"] == ["applied", "applied"]
    with server.db.write() as conn:  # as stored by an older server: tags that are not JSON
        row = conn.execute(select(t.records).where(t.records.c.id == bad[0])).one()
        fields = {**json.loads(row.fields), "tags": ["not json [", "9" * 13 + "-0000-olga"]}
        conn.execute(update(t.records).where(t.records.c.id == bad[0])
                     .values(fields=json.dumps(fields), seq=next_seqs(conn, 1)))  # fmt: skip
    with qtbot.waitSignal(runner.sync_finished, timeout=30_000):
        qtbot.waitUntil(runner.sync_now, timeout=10_000)
    qtbot.waitUntil(lambda: listed_titles(window) == ["Dyke"], timeout=10_000)
    summary = panel.summary_value.text()
    assert summary.startswith("Synchronised") and "1 received record set aside" in summary
    assert "report “Ford”" in panel.summary_value.toolTip()
    assert "report.tags must be JSON text" in panel.summary_value.toolTip()


def test_while_online_news_comes_at_the_next_look_even_when_its_timer_fires_early(
    qtbot, store, operation, server, tasks, tmp_path
):
    """A device online looks for news every ONLINE_S. Its timer may fire a little before
    that (Qt's coarse timers by up to 5%): the round is still due, not put off by a whole
    interval (news then came every 2 x 60 s)."""
    import time

    from fieldapp.store import Store
    from fieldapp.sync.client.session import SyncClient

    join(store, server.url, code_for(server, "tester"), "laptop")
    runner = SyncRunner(store, tasks)
    runner.ONLINE_S = 5.0
    rounds = []
    runner.sync_finished.connect(rounds.append)
    runner.start(joined=True)
    qtbot.waitUntil(lambda: len(rounds) == 1, timeout=10_000)
    with Store(tmp_path / "olga", user="olga") as other:
        join(other, server.url, code_for(server, "olga"), "tablet")
        SyncClient(other).sync()
        other.reports.add(operation["id"], {"title": "Bridge closed at Anduze", "severity": 4})
        assert SyncClient(other).sync().complete
    runner._timer.stop()  # the schedule's timer fires 5% before its time
    runner._last_sync = time.monotonic() - 0.95 * runner.ONLINE_S
    runner._on_timer_timeout()
    arrived = "SELECT 1 FROM reports WHERE title = 'Bridge closed at Anduze'"
    qtbot.waitUntil(lambda: store.conn.execute(arrived).fetchone() is not None, timeout=3_000)
    runner.stop()


def test_while_an_exercise_clock_runs_news_comes_within_seconds(
    qtbot, store, server, tasks, tmp_path
):
    """A player's laptop looks for news every EXERCISE_S (not every minute) while an
    exercise's clock runs: a released inject reaches it within seconds on a LAN."""
    from fieldapp.store import Store
    from fieldapp.sync.client.session import SyncClient

    join(store, server.url, code_for(server, "tester"), "laptop")
    runner = SyncRunner(store, tasks)
    rounds = []
    runner.sync_finished.connect(rounds.append)
    runner.start(joined=True)
    qtbot.waitUntil(lambda: len(rounds) == 1, timeout=10_000)
    assert runner.look_s() == runner.ONLINE_S == 60.0  # no exercise running: every minute
    with Store(tmp_path / "tom", user="tom") as trainer:
        join(trainer, server.url, code_for(server, "tom"), "trainer's laptop")
        drill = trainer.operations.create("Exercice crue", exercise=True)["id"]
        trainer.clocks.start(drill)
        assert SyncClient(trainer).sync().complete
        runner.sync_now()
        qtbot.waitUntil(lambda: len(rounds) == 2, timeout=10_000)
        assert runner.look_s() == runner.EXERCISE_S == 5.0
        trainer.reports.add(drill, {"title": "Famille sur le toit à Aramon", "severity": 5})
        assert SyncClient(trainer).sync().complete
    arrived = "SELECT 1 FROM reports WHERE title = 'Famille sur le toit à Aramon'"
    qtbot.waitUntil(lambda: store.conn.execute(arrived).fetchone() is not None, timeout=8_000)
    runner.stop()
