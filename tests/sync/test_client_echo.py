"""What a device pushed does not come back to it, while everything else still does: two
and three devices through a real server (SQLite and PostgreSQL), as `fieldapp sync`'s
round summary reports it (records received, bytes down)."""

from __future__ import annotations

import shutil

import pytest
from clientkit import Peer, enroll

from fieldapp.core.backup import backup_to
from fieldapp.store import Store
from fieldapp.sync.client.session import SyncClient, join

N = 120


@pytest.fixture
def peers(server, tmp_path):
    made = [Peer(tmp_path, name, server.url, enroll(server, name)) for name in ("anna", "ben")]
    yield made
    for peer in made:
        peer.close()


def test_a_push_is_not_pulled_back_yet_another_device_gets_all_of_it(peers):
    a, b = peers
    op = a.store.operations.create("Floods")["id"]
    a.store.reports.add_bulk(op, [{"title": f"Road {n}", "body": "x" * 80} for n in range(N)])
    sent = a.sync_ok()
    assert sent.pushed == N + 1 and sent.pulled == 0
    got = b.sync_ok()
    assert got.pulled == N + 1 and len(b.reports(op)) == N
    assert sent.bytes_down * 5 < got.bytes_down  # a's answers only, not its records again
    b.store.reports.update(next(iter(b.reports(op))), {"severity": 5})
    b.sync_ok()
    assert a.sync_ok().pulled == 1  # another device's edit still arrives


@pytest.mark.conflict
@pytest.mark.parametrize("first", ["anna", "ben"])
def test_both_fields_of_a_record_edited_on_two_devices_reach_both(peers, first):
    a, b = peers
    op = a.store.operations.create("Floods")["id"]
    rid = a.store.reports.add(op, {"title": "Bridge", "body": "", "severity": 2})["id"]
    a.sync_ok()
    b.sync_ok()
    a.store.reports.update(rid, {"title": "Bridge closed"})  # both offline
    b.store.reports.update(rid, {"body": "Since 6 am, by the police"})
    order = [a, b, a] if first == "anna" else [b, a, b]
    for peer in order:
        peer.sync_ok()
    wanted = {"title": "Bridge closed", "body": "Since 6 am, by the police"}
    for peer in (a, b):
        report = peer.reports(op)[rid]
        assert {k: report[k] for k in wanted} == wanted, peer.dir.name
    assert a.reports(op) == b.reports(op)
    assert a.client_conflicts() == [] and b.client_conflicts() == []


@pytest.mark.conflict
def test_a_delete_and_a_conflict_made_elsewhere_come_back_after_a_later_push(peers):
    a, b = peers
    op = a.store.operations.create("Floods")["id"]
    rid = a.store.reports.add(op, {"title": "Dam", "severity": 2})["id"]
    a.sync_ok()
    b.sync_ok()
    b.store.reports.delete(rid)  # offline, both
    a.store.reports.update(rid, {"severity": 5})
    b.sync_ok()
    got = a.sync_ok()  # a's edit is pushed after b's delete: the record's newest change
    assert got.pulled == 1 and got.conflicts == 1
    assert a.reports(op)[rid]["deleted"] == 1
    assert [c["kind"] for c in a.client_conflicts()] == ["delete"]


def test_a_database_restored_from_a_backup_gets_back_what_it_had_pushed_since(peers, tmp_path):
    a, _b = peers
    op = a.store.operations.create("Floods")["id"]
    early = a.store.reports.add(op, {"title": "Before the backup"})["id"]
    a.sync_ok()
    backup_to(a.dir / "fieldapp.db", tmp_path / "backup.db")
    later = a.store.reports.add(op, {"title": "After the backup"})["id"]
    a.store.reports.update(early, {"title": "Edited after the backup"})
    assert a.sync_ok().pulled == 0
    a.close()
    for leftover in a.dir.glob("fieldapp.db-*"):  # the WAL of the lost state goes too
        leftover.unlink()
    shutil.copyfile(tmp_path / "backup.db", a.dir / "fieldapp.db")
    a.store = Store(a.dir, user="anna")
    assert later not in a.reports(op)
    got = SyncClient(a.store).sync()
    assert got.complete and got.pulled == 2
    titles = {rid: r["title"] for rid, r in a.reports(op).items()}
    assert titles == {early: "Edited after the backup", later: "After the backup"}


def test_a_device_joined_again_under_another_address_is_sent_everything(peers, server):
    a, _b = peers
    op = a.store.operations.create("Floods")["id"]
    a.store.reports.add_bulk(op, [{"title": f"Road {n}"} for n in range(5)])
    assert a.sync_ok().pulled == 0
    other_address = server.url.replace("127.0.0.1", "localhost")
    join(a.store, other_address, enroll(server, "anna"), "anna")  # the cursor starts at 0
    assert a.sync_ok().pulled == 6
