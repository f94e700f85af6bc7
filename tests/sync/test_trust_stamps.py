"""Issue 13, item 4: stamps are bound to their device. A forged base stamp, a stamp of
another device's clock, and a stamp within the drift allowance that would pull every
other clock ahead: each attack as sent, on a real server (SQLite and PostgreSQL)."""

from __future__ import annotations

import time

from clientkit import Peer, enroll
from conftest import statuses

from fieldapp.sync.protocol import wire

AHEAD_MS = 295_000


def _title(device, rid) -> str:
    return next(r["fields"]["title"] for r in device.pull_all()[0] if r["id"] == rid)


def test_item4_a_forged_base_stamp_is_rejected_and_a_later_edit_wins(
    server, coordinator, operation
):
    vera = server.device("vera", "volunteer", "vera-laptop")
    rid, report = vera.new_report(operation, "Bridge")
    statuses(vera.push([report]))
    base = report["fields"]["title"]["s"]
    vera.wall = int(time.time() * 1000) + AHEAD_MS
    forged = vera.entry("report", rid, operation, title="Bridge is fine")
    forged["fields"]["title"]["b"] = "9999999999999-ffff-zzzz"
    answer = vera.push([forged])
    assert statuses(answer) == ["rejected"] and "base stamp" in answer.json()["reasons"]["0"]
    later = coordinator.entry("report", rid, operation, base=base, title="Bridge closed")
    assert statuses(coordinator.push([later])) == ["applied"]
    assert _title(coordinator, rid) == "Bridge closed"
    # within the allowance and with an honest base, it wins but never silently
    ahead = vera.entry("report", rid, operation, title="Bridge is fine")
    ahead["fields"]["title"]["b"] = base
    assert statuses(vera.push([ahead])) == ["conflict"]


def test_item4_a_stamp_of_another_device_s_clock_is_rejected(server, coordinator, operation):
    rid, report = coordinator.new_report(operation, "Bridge")
    statuses(coordinator.push([report]))
    olga = server.device("olga", "coordinator", "olga-laptop")
    own_node = olga.node
    olga.node = coordinator.node  # writes in carla's name, and hides the conflict
    base = report["fields"]["title"]["s"]
    answer = olga.push([olga.entry("report", rid, operation, base=base, title="Forged")])
    assert statuses(answer) == ["rejected"]
    assert "not of this device's clock" in answer.json()["reasons"]["0"]
    assert _title(coordinator, rid) == "Bridge"
    olga.node = own_node  # its own clock still works: the forgery bound nothing
    edit = olga.entry("report", rid, operation, base=base, title="Bridge open")
    assert statuses(olga.push([edit])) == ["applied"]
    olga.node = coordinator.node
    again = olga.push([olga.entry("report", rid, operation, base=base, title="Forged")])
    assert statuses(again) == ["rejected"]


def test_item4_the_drift_allowance_does_not_pull_another_clock_ahead(server, tmp_path):
    carla = Peer(tmp_path, "carla", server.url.removesuffix(wire.API), enroll(server, "carla"))
    op = carla.store.operations.create("Storm")["id"]
    carla.sync_ok()
    vera = server.device("vera", "volunteer", "vera-laptop")
    vera.wall = int(time.time() * 1000) + AHEAD_MS
    _rid, report = vera.new_report(op, "From the future")
    assert statuses(vera.push([report])) == ["applied"]
    sync = carla.sync_ok()
    assert any("ahead of the server's clock" in w for w in sync.warnings), sync.warnings
    assert carla.store.db.clock.last.wall_ms < time.time() * 1000 + 60_000
    carla.close()
