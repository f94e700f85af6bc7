"""Protocol 4 through a real server: a pull carries only the fields changed since the
device's cursor, and a push round that nothing else touched ends without a pull.

Requests and bytes are counted by the bad-link proxy (tests/sync/badlink.py), as they
cross the link; a protocol 3 client (no `delta`) still gets whole records.
"""

from __future__ import annotations

import json

import pytest
from badlink import BadLink
from clientkit import Peer, enroll, point_at
from conftest import report_values
from sqlalchemy import select, update

from fieldapp.sync.protocol import wire
from fieldapp.sync.server import tables as t
from fieldapp.sync.server.db import next_seqs

N = 100


@pytest.fixture
def linked(server, tmp_path):
    with BadLink(server.port) as link:
        made = [Peer(tmp_path, name, server.url, enroll(server, name)) for name in ("anna", "ben")]
        for peer in made:
            point_at(peer, link.url)
        yield link, made
        for peer in made:
            peer.close()


def _round(link: BadLink, peer: Peer) -> tuple[int, int]:
    """One complete sync round of `peer`: (requests, bytes down) on the link."""
    before = (link.stats.requests, link.stats.bytes_down)
    peer.sync_ok()
    return link.stats.requests - before[0], link.stats.bytes_down - before[1]


def test_one_field_edits_pull_only_the_changed_fields(linked):
    link, (a, b) = linked
    op = a.store.operations.create("Floods")["id"]
    rows = [
        {"title": f"Road {n} flooded", "body": f"Water over the road near farm {n}, " * 4,
         "place": f"Route de Quissac km {n}", "severity": 3, "tags": ["crue", "route"]}
        for n in range(N)
    ]  # fmt: skip
    a.store.reports.add_bulk(op, rows)
    a.sync_ok()
    b.sync_ok()
    for rid in a.reports(op):
        a.store.reports.update(rid, {"severity": 4})
    a.sync_ok()
    requests, down = _round(link, b)
    assert requests == 1 and down <= 6_000, down  # whole records: about 16 KB
    assert b.reports(op) == a.reports(op)  # the other fields are still there
    assert {r["severity"] for r in b.reports(op).values()} == {4}


def test_a_protocol_3_client_still_gets_whole_records(server, coordinator, operation):
    reader = server.device("rita", "coordinator")  # pulls what the coordinator wrote
    rid = "r-delta-1"
    first = coordinator.entry("report", rid, operation, **report_values("Bridge"))
    pushed = coordinator.push([first])
    assert pushed.status_code == 200 and "next" not in pushed.json()  # no cursor named
    cursor = reader.pull().json()["next"]
    base = first["fields"]["severity"]["s"]
    edit = coordinator.entry("report", rid, operation, base=base, severity=5)
    assert coordinator.push([edit]).status_code == 200
    params = {"since": cursor, "limit": 100}
    old = reader.http.get(f"{server.url}/pull", params=params, timeout=30).json()
    new = reader.http.get(f"{server.url}/pull", params={**params, "delta": 1}, timeout=30)
    (whole,), (part,) = old["records"], new.json()["records"]
    assert whole["fields"]["title"] == "Bridge" and "part" not in whole
    assert part["fields"] == {"severity": 5} and part["part"] is True
    fresh = reader.http.get(f"{server.url}/pull", params={"since": 0, "delta": 1}, timeout=30)
    assert all("part" not in r for r in fresh.json()["records"])  # first seen: whole


def test_a_push_round_that_nothing_else_touched_makes_no_pull(linked):
    link, (a, b) = linked
    op = a.store.operations.create("Floods")["id"]
    a.store.reports.add_bulk(op, [{"title": f"Road {n}"} for n in range(30)])
    assert _round(link, a)[0] == 1  # one push, no pull
    b.sync_ok()
    rid = next(iter(a.reports(op)))
    a.store.reports.update(rid, {"severity": 5})
    assert _round(link, a)[0] == 1  # b only pulled: still nothing for a to fetch
    b.store.reports.update(rid, {"body": "Since 6 am"})
    b.sync_ok()
    a.store.reports.update(rid, {"title": "Road 0 closed"})
    requests, _down = _round(link, a)
    assert requests == 2  # b's edit is waiting: push, then the pull that brings it
    assert a.reports(op)[rid]["body"] == "Since 6 am"
    b.sync_ok()
    assert a.reports(op) == b.reports(op)


def test_a_partial_record_this_device_lacks_is_fetched_whole(linked):
    _link, (a, b) = linked
    op = a.store.operations.create("Floods")["id"]
    rid = a.store.reports.add(op, {"title": "Bridge", "body": "Closed", "severity": 2})["id"]
    a.sync_ok()
    b.sync_ok()
    b.store.conn.execute("DELETE FROM reports WHERE id = ?", [rid])  # as if never stored
    b.store.conn.commit()
    a.store.reports.update(rid, {"severity": 5})
    a.sync_ok()
    b.sync_ok()
    assert b.reports(op)[rid]["title"] == "Bridge" and b.reports(op)[rid]["severity"] == 5
    assert wire.PROTOCOL_VERSION == 4


def test_a_record_the_server_rewrote_itself_comes_whole(server, coordinator, operation):
    """A server-side write that keeps no field origins (the public form's own records)
    is never mistaken for something the device already has."""
    reader = server.device("rita", "coordinator")
    rid = "r-delta-2"
    first = coordinator.entry("report", rid, operation, **report_values("Phone number 0612"))
    assert coordinator.push([first]).status_code == 200
    cursor = reader.pull().json()["next"]
    with server.db.write() as conn:  # as the server blanks a field, origins untouched
        row = conn.execute(select(t.records.c.fields).where(t.records.c.id == rid)).one()
        state = json.loads(row.fields)
        state["title"] = ["(removed)", state["title"][1][:-4] + "ffff"]
        conn.execute(update(t.records).where(t.records.c.id == rid)
                     .values(fields=json.dumps(state), seq=next_seqs(conn, 1)))  # fmt: skip
    params = {"since": cursor, "delta": 1}
    (record,) = reader.http.get(f"{server.url}/pull", params=params, timeout=30).json()["records"]
    assert record["fields"]["title"] == "(removed)" and "part" not in record
