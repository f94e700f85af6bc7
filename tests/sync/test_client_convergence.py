"""Convergence, as a property: three devices edit and delete offline, then sync in random
orders through a link that fails at random, while a hostile device (a volunteer's real
token, hostile.py) pushes invalid or forged entries between the rounds. Afterwards every
honest device and the server hold the same data, each concurrent edit left a conflict
record, no report is lost or doubled, every hostile entry was refused (its one allowed
edit settled no conflict) and no honest device ever failed to list its reports.
"""

from __future__ import annotations

import contextlib
import io
import json
import os

import pytest
from badlink import FAULTS, BadLink
from clientkit import Peer, enroll, point_at, start_server
from hostile import Hostile, attack
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from fieldapp.cli.main import main
from fieldapp.reports.query import ReportQuery
from fieldapp.sync.server import tables as t

DEVICES, REPORTS = 3, 3
FIELDS = {"title": st.sampled_from(["Bridge", "Road", "Dam"]), "severity": st.integers(1, 5)}

edit = st.one_of(
    st.tuples(st.just("edit"), st.integers(0, DEVICES - 1), st.integers(0, REPORTS - 1),
              st.sampled_from(sorted(FIELDS))).flatmap(
        lambda a: st.tuples(*map(st.just, a), FIELDS[a[3]])),
    st.tuples(st.just("delete"), st.integers(0, DEVICES - 1), st.integers(0, REPORTS - 1)),
    st.tuples(st.just("add"), st.integers(0, DEVICES - 1)),
)  # fmt: skip
sync_step = st.tuples(
    st.integers(0, DEVICES - 1),
    st.lists(st.sampled_from((*FAULTS, None)), max_size=3),
    st.lists(attack, max_size=2),  # what the hostile device pushes before this round
)


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_three_devices_converge_whatever_the_order_and_the_failures(backend, tmp_path, request):
    url = None
    if backend == "postgresql":
        url = _pg_url(request)
    server = start_server(tmp_path, url)
    try:
        with BadLink(server.port) as link:
            peers = [Peer(tmp_path, f"dev{n}", server.url, enroll(server, f"user{n}"),
                          attempts=2) for n in range(DEVICES)]  # fmt: skip
            for peer in peers:
                point_at(peer, link.url)
            side = peers[0].store.operations.create("Side")["id"]  # the hostile one's report
            peers[0].sync_ok()
            _property(server, link, peers, Hostile(server, side))
    finally:
        server.stop()
        server.db.close()


def _pg_url(request) -> str:
    import psycopg

    admin = request.getfixturevalue("postgres")
    name = f"fieldapp_conv_{os.getpid()}"
    with psycopg.connect(admin + "/postgres", autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name}")
        conn.execute(f"CREATE DATABASE {name}")
    return f"{admin}/{name}"


def _property(server, link, peers, hostile: Hostile) -> None:
    @settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck))
    @given(actions=st.lists(edit, min_size=1, max_size=10),
           order=st.lists(sync_step, min_size=1, max_size=6))  # fmt: skip
    def run(actions, order):
        op, ids = _shared_reports(peers)
        expected = set(ids)
        finals: dict[tuple[str, str], dict[int, object]] = {}
        deleted_by: dict[str, set[int]] = {}
        for n, action in enumerate(actions):
            kind, who = action[0], peers[action[1]]
            if kind == "add":
                expected.add(who.store.reports.add(op, {"title": f"new {n}"})["id"])
                continue
            rid = ids[action[2]]
            if action[1] in deleted_by.get(rid, set()):
                continue  # this device no longer sees it
            if kind == "delete":
                who.store.reports.delete(rid)
                deleted_by.setdefault(rid, set()).add(action[1])
            elif who.store.reports.get(rid)[action[3]] != action[4]:  # else: no edit is made
                who.store.reports.update(rid, {action[3]: action[4]})
                finals.setdefault((rid, action[3]), {})[action[1]] = action[4]
        refused = hostile.refused
        for device, faults, attacks in order:
            for name, n in attacks:
                nodes = [p.store.db.clock.node for p in peers]
                known = [c["id"] for p in peers for c in p.client_conflicts()]
                hostile.send(name, n, op, ids, nodes, known)
            link.fail_next(*faults)
            peers[device].sync()
            link.heal()
            _lists(peers[device], op)
        for _round in range(2):
            for peer in peers:
                peer.sync_ok()
                _lists(peer, op)
        _check(server, peers, op, expected, finals, deleted_by)
        assert hostile.refused - refused == sum(
            1 for _d, _f, attacks in order for name, _n in attacks if name != "resolves"
        )
        hostile.check_nothing_settled()
        _cli_lists(peers[actions[0][1]], op)

    run()


def _shared_reports(peers) -> tuple[str, list[str]]:
    first = peers[0]
    op = first.store.operations.create("Storm")["id"]
    ids = [first.store.reports.add(op, {"title": f"r{n}", "severity": 3})["id"]
           for n in range(REPORTS)]  # fmt: skip
    first.sync_ok()
    for peer in peers[1:]:
        peer.sync_ok()
    return op, ids


def _check(server, peers, op, expected, finals, deleted_by) -> None:
    states = [peer.reports(op) for peer in peers]
    assert states[1] == states[0] and states[2] == states[0]
    assert set(states[0]) == expected  # none lost, none doubled (ids are unique keys)
    with server.db.read() as conn:
        mine = (t.records.c.entity == "report", t.records.c.operation_id == op)
        rows = conn.execute(select(t.records).where(*mine)).all()
    assert {r.id for r in rows} == expected
    for row in rows:
        fields = {k: v for k, (v, _s) in json.loads(row.fields).items()}
        assert {k: states[0][row.id][k] for k in fields} == fields
    conflicts = [{(c["row_id"], c["field"], c["kind"]) for c in peer.client_conflicts()}
                 for peer in peers]  # fmt: skip
    assert conflicts[1] == conflicts[0] and conflicts[2] == conflicts[0]
    for (rid, field), by_device in finals.items():
        if len(set(map(str, by_device.values()))) > 1:
            assert (rid, field, "edit") in conflicts[0], (rid, field, by_device)
        if deleted_by.get(rid, set()) - set(by_device):
            assert (rid, field, "delete") in conflicts[0], (rid, field, deleted_by[rid])


def _lists(peer: Peer, op: str) -> None:
    """The device lists its reports, whatever the hostile device pushed."""
    for report in peer.store.reports.list(ReportQuery(op)):
        assert isinstance(report["tags"], list)


def _cli_lists(peer: Peer, op: str) -> None:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = main(["--data-dir", str(peer.dir), "report", "list", "--operation", op, "--json"])
    listed = [r["id"] for r in peer.store.reports.list(ReportQuery(op))]
    assert code == 0 and [r["id"] for r in json.loads(out.getvalue())] == listed
