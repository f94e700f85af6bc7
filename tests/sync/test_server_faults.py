"""A cursor never skips under concurrent pushes; a server killed mid-push recovers;
the API fuzzed from its OpenAPI schema never answers 500."""

from __future__ import annotations

import os
import signal
import threading

import pytest
import schemathesis
from conftest import Server, statuses, wait_until
from hypothesis import HealthCheck, given, settings


def test_pulling_while_others_push_never_skips_a_change(server, coordinator, operation):
    pushers = [server.device(f"user{n}", "coordinator", f"dev{n}") for n in range(4)]
    sent: set[str] = set()
    lock = threading.Lock()

    def push_many(device) -> None:
        for _ in range(15):
            made = [device.new_report(operation) for _ in range(5)]
            assert statuses(device.push([entry for _id, entry in made])) == ["applied"] * 5
            with lock:
                sent.update(rid for rid, _entry in made)

    threads = [threading.Thread(target=push_many, args=(d,)) for d in pushers]
    for thread in threads:
        thread.start()
    seen: set[str] = set()
    cursor = 0
    reader = server.device("reader", "coordinator", "reader")
    while any(thread.is_alive() for thread in threads):
        records, _, cursor = reader.pull_all(cursor, limit=7)
        seen.update(r["id"] for r in records)
    for thread in threads:
        thread.join()
    records, _, cursor = reader.pull_all(cursor, limit=7)
    seen.update(r["id"] for r in records)
    assert sent <= seen and len(sent) == 4 * 15 * 5


def test_a_server_killed_during_a_push_applies_the_retry_exactly_once(db_url, tmp_path):
    marker = tmp_path / "in-push"
    server = Server(db_url, tmp_path / "srv", {"FIELDAPP_SERVER_PAUSE_PUSH": str(marker)})
    server.start()
    device = server.device("carla", "coordinator")
    op, entry = device.new_operation()
    batch = [entry, *(device.new_report(op)[1] for _ in range(50))]
    outcome: dict = {}

    def push() -> None:
        try:
            outcome["answer"] = device.push(batch, batch_key="the-batch")
        except Exception as exc:  # the connection dies with the server
            outcome["error"] = exc

    pusher = threading.Thread(target=push)
    pusher.start()
    wait_until(marker.exists, what="the server to be inside the push transaction")
    os.kill(server.proc.pid, signal.SIGKILL)
    server.proc.wait()
    pusher.join(30)
    assert "error" in outcome  # the client never got an answer
    server.start()  # the marker exists: no pause this time
    assert statuses(device.push(batch, batch_key="the-batch")) == ["applied"] * 51
    assert device.push(batch, batch_key="the-batch").json()["replayed"]
    records, _, _ = device.pull_all()
    assert len(records) == 51
    with server.db.read() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM changes").scalar_one() == 51
    server.stop()
    server.db.close()


@pytest.mark.slow
def test_fuzzing_the_api_never_gets_a_500(server, coordinator, operation):
    schema = schemathesis.openapi.from_url(f"{server.url}/openapi.json")
    base_url = server.url.rsplit("/api/v1", 1)[0]
    auth = {"Authorization": f"Bearer {coordinator.token}"}
    failures = []
    for result in schema.get_all_operations():
        strategy = result.ok().as_strategy()

        @settings(max_examples=5, deadline=None, database=None,
                  suppress_health_check=list(HealthCheck))  # fmt: skip
        @given(strategy)
        def check(case) -> None:
            response = case.call(base_url=base_url, headers=auth)
            if response.status_code >= 500:
                failures.append((case.method, case.path, response.status_code, response.text[:200]))

        check()
    assert failures == []
