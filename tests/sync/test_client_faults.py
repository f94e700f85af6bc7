"""Field links: whatever the link does to a sync, once it recovers nothing is lost or doubled.

Every device here talks to the server through the bad-link proxy (tests/sync/badlink.py).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap

import pytest
from badlink import FAULTS, BadLink
from clientkit import Peer, enroll, point_at, start_server
from conftest import wait_until
from sqlalchemy import func, select

from fieldapp.store import Store
from fieldapp.sync.server import tables as t


@pytest.fixture
def server(tmp_path):
    running = start_server(tmp_path)
    yield running
    running.stop()
    running.db.close()


def _server_reports(server) -> int:
    with server.db.read() as conn:
        query = select(func.count()).select_from(t.records).where(t.records.c.entity == "report")
        return conn.execute(query).scalar_one()


def _peers(server, tmp_path, link, **client):
    a = Peer(tmp_path, "anna", server.url, enroll(server, "anna"), attempts=2, **client)
    b = Peer(tmp_path, "ben", server.url, enroll(server, "ben"), attempts=2, **client)
    point_at(a, link.url)
    point_at(b, link.url)
    return a, b


@pytest.mark.parametrize("fault", FAULTS)
def test_after_a_fault_the_next_sync_completes_without_duplicates_or_losses(
    server, tmp_path, fault
):
    with BadLink(server.port) as link:
        a, b = _peers(server, tmp_path, link, page_size=20)
        op = a.store.operations.create("Floods")["id"]
        a.store.reports.add_bulk(op, [{"title": f"Road {n}"} for n in range(50)])
        link.fail_next(fault, fault)  # both attempts of the first push
        failed = a.sync()
        assert not failed.complete and failed.errors
        assert "Synchronised" not in failed.summary() and a.store.db.outbox_count() == 51
        link.fail_next(fault)  # one more on the retry: the backoff absorbs it
        done = a.sync_ok()
        assert a.store.db.outbox_count() == 0
        assert done.pushed == 51 - failed.pushed
        if fault in ("lost_ack", "cut_response"):
            assert done.duplicates == 0  # a replayed batch answer, not a second apply
        link.fail_next(None, fault, None, fault)  # the pull of the other device
        b.sync_ok()
    assert _server_reports(server) == 50
    assert len(b.reports(op)) == 50 and b.store.db.outbox_count() == 0


def test_a_slow_thin_link_still_completes(server, tmp_path):
    with BadLink(server.port, rtt_s=0.2, bytes_per_s=16_000) as link:
        a, b = _peers(server, tmp_path, link)
        op = a.store.operations.create("Floods")["id"]
        a.store.reports.add_bulk(op, [{"title": f"Road {n}"} for n in range(40)])
        report = a.sync_ok()
        assert report.requests <= 4 and link.stats.bytes_up >= report.bytes_up * 0.5
        b.sync_ok()
    assert len(b.reports(op)) == 40


_PULL = textwrap.dedent(
    """
    import sys
    from fieldapp.store import Store
    from fieldapp.sync.client.session import SyncClient
    SyncClient(Store(sys.argv[1]), page_size=50).sync()
    """
)


def test_a_client_killed_during_a_pull_recovers(server, tmp_path):
    with BadLink(server.port, bytes_per_s=30_000) as link:
        a, b = _peers(server, tmp_path, link)
        op = a.store.operations.create("Floods")["id"]
        a.store.reports.add_bulk(op, [{"title": f"Road {n}", "body": "x" * 200}
                                      for n in range(600)])  # fmt: skip
        a.sync_ok()
        b.close()
        proc = subprocess.Popen([sys.executable, "-c", _PULL, str(b.dir)])
        try:
            wait_until(lambda: _cursor(b.dir) > 0, what="a first page applied")
        finally:
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait()
        cursor = _cursor(b.dir)
        with Store(b.dir) as store:
            have = {r[0] for r in store.conn.execute("SELECT id FROM reports")}
        with server.db.read() as conn:
            upto = {r.id for r in conn.execute(select(t.records.c.id).where(
                t.records.c.entity == "report", t.records.c.seq <= cursor))}  # fmt: skip
        assert have == upto and len(have) < 600  # rows and cursor moved together
        b = Peer.__new__(Peer)
        b.store = Store(tmp_path / "ben", user="ben")
        from fieldapp.sync.client.session import SyncClient

        assert SyncClient(b.store).sync().complete
        assert b.store.conn.execute("SELECT count(*) FROM reports").fetchone()[0] == 600


def _cursor(data_dir) -> int:
    import sqlite3

    conn = sqlite3.connect(f"file:{data_dir / 'fieldapp.db'}?mode=ro", uri=True, timeout=10)
    try:
        row = conn.execute("SELECT value FROM sync_state WHERE key = 'cursor'").fetchone()
        return int(row[0]) if row else 0
    finally:
        conn.close()
