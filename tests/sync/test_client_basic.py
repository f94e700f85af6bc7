"""Two devices and a server: what one saves, the other gets; the outbox empties."""

from __future__ import annotations

import pytest
from clientkit import Peer, enroll, start_server

from fieldapp.report_query import ReportQuery


@pytest.fixture
def server(tmp_path):
    running = start_server(tmp_path)
    yield running
    running.stop()
    running.db.close()


def test_a_report_made_on_one_device_arrives_on_the_other(server, tmp_path):
    a = Peer(tmp_path, "anna", server.url, enroll(server, "anna"))
    b = Peer(tmp_path, "ben", server.url, enroll(server, "ben"))
    op = a.store.create_operation("Floods")
    report = a.store.add_report(op["id"], {"title": "Bridge closed", "severity": 4})
    first = a.sync_ok()
    assert first.pushed == 2 and a.store.outbox_count() == 0
    got = b.sync_ok()
    assert got.pulled == 2
    assert b.store.get_report(report["id"])["title"] == "Bridge closed"
    assert b.store.outbox_count() == 0  # pulled changes are not sent back
    b.store.update_report(report["id"], {"title": "Bridge open again"})
    b.sync_ok()
    a.sync_ok()
    assert a.store.get_report(report["id"])["title"] == "Bridge open again"
    history = a.store.history(report["id"])
    assert history[-1]["action"] == "synced" and history[-1]["author"].startswith("sync from")
    found = a.store.list_reports(ReportQuery(op["id"], search="open"))
    assert [r["id"] for r in found] == [report["id"]]  # the search index followed
