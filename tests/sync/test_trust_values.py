"""Issue 13, items 3 and 9: a bad push is refused per entry or whole, never stored, never
a 500, and harms no other device. Each test is the attack as sent, on a real server."""

from __future__ import annotations

import gzip
import json
import uuid

from clientkit import Peer, enroll
from conftest import CREATED, report_values, statuses

from fieldapp.cli.main import main
from fieldapp.sync.protocol import wire

DEEP = b"[" * 1000 + b"]" * 1000


def _ids(device) -> set[str]:
    return {r["id"] for r in device.pull_all()[0]}


def test_item3_values_the_desktop_refuses_are_rejected_per_entry_and_never_stored(
    server, coordinator, operation
):
    vera = server.device("vera", "volunteer", "vera-laptop")
    bad = {
        "report.tags": report_values(tags="not json ["),
        "report.tags must be a JSON list": report_values(tags='{"a": 1}'),
        "report.tags must be a JSON list ": report_values(tags="5"),
        "needs kind": {k: v for k, v in report_values().items() if k != "kind"},
        "report.kind": report_values(kind="gossip"),
        "report.severity": report_values(severity=9),
        "report.lat": report_values(lat=123.0, lon=2.0),
        "report.title may not be null": report_values(title=None),
    }
    entries = [vera.entry("report", uuid.uuid4().hex, operation, **v) for v in bad.values()]
    good_id, good = vera.new_report(operation, "Fine")
    answer = vera.push([*entries, good])
    assert statuses(answer) == ["rejected"] * len(bad) + ["applied"]
    for n, words in enumerate(bad):
        assert words.strip() in answer.json()["reasons"][str(n)], (words, answer.json())
    assert _ids(coordinator) & {e["id"] for e in entries} == set()
    assert good_id in _ids(coordinator)
    # an edit that would make a stored report unreadable is refused too
    edit = vera.entry("report", good_id, operation, base=good["fields"]["title"]["s"], tags="7")
    assert statuses(vera.push([edit])) == ["rejected"]
    pulled = [r for r in coordinator.pull_all()[0] if r["id"] == good_id]
    assert pulled[0]["fields"].get("tags") != "7"


def test_item3_another_device_syncs_fully_and_lists_after_a_hostile_push(server, tmp_path, capsys):
    carla = Peer(tmp_path, "carla", server.url.removesuffix(wire.API), enroll(server, "carla"))
    op = carla.store.operations.create("Storm")["id"]
    carla.store.reports.add(op, {"title": "Bridge"})
    carla.sync_ok()
    vera = server.device("vera", "volunteer", "vera-laptop")
    no_kind = {k: v for k, v in report_values().items() if k != "kind"}
    hostile = [vera.entry("report", uuid.uuid4().hex, op, **report_values("Tags", tags="5")),
               vera.entry("report", uuid.uuid4().hex, op, **no_kind)]  # fmt: skip
    vera.push(hostile)
    assert carla.sync_ok().complete  # nothing held back for ever
    carla.close()
    data = str(carla.dir)
    assert main(["--data-dir", data, "report", "list", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [r["title"] for r in listed] == ["Bridge"]
    for entry in hostile:
        assert main(["--data-dir", data, "report", "show", entry["id"]]) != 0
        assert "Traceback" not in capsys.readouterr().err


def test_item9_deep_json_is_400_on_join_push_and_members_never_500(server, coordinator, operation):
    join = server.http_post("/join", DEEP)
    assert join.status_code == 400 and "nested" in join.json()["detail"]
    for body in (DEEP, gzip.compress(DEEP)):
        gz = {"Content-Encoding": "gzip"} if body is not DEEP else {}
        pushed = coordinator.http.post(f"{server.url}/push", data=body, headers=gz, timeout=30)
        assert pushed.status_code == 400, pushed.text
    deep_members = b'{"members": ' + DEEP + b"}"
    put = coordinator.http.put(f"{server.url}/operations/{operation}/members", data=deep_members,
                               timeout=30)  # fmt: skip
    assert put.status_code == 400, put.text


def test_item9_a_lone_surrogate_is_400_and_nothing_is_stored(server, coordinator, operation):
    rid = uuid.uuid4().hex
    entry = coordinator.entry("report", rid, operation, **report_values("Bridge \ud800"))
    body = {"batch_key": "k1", "device_time": 1, "entries": [entry]}
    text = json.dumps(body)  # ensure_ascii: the surrogate travels as the escape \ud800
    answer = coordinator.http.post(f"{server.url}/push", data=text.encode(), timeout=30)
    assert answer.status_code == 400 and "Unicode" in answer.json()["detail"]
    assert rid not in _ids(coordinator)
    named = json.dumps({"code": "K7P-4QX-9M3", "device_name": "Laptop \ud800"}).encode()
    assert server.http_post("/join", named).status_code == 400
    assert CREATED  # the same fixtures as every push
