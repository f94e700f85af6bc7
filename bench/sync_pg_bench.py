"""Benchmark: 50 devices pushing at once to a `fieldapp serve` on PostgreSQL.

Each simulated device (its own token, its own thread and HTTP session) pushes 1,000 new
reports in batches of 100, and sends every batch a second time under the same key (as a
client does after a lost answer). Checked: every change accepted exactly once (the
server's change log holds 50,000 rows, one per op id; every resent batch was replayed).
Printed: throughput (changes per second, wall clock) and the push latency (median, p95).
PostgreSQL runs from /usr/lib/postgresql/*/bin as the `postgres` user in a temp dir,
like the tests. Usage: python bench/sync_pg_bench.py [DEVICES] [CHANGES] [WORKERS]
(WORKERS: `fieldapp serve --workers`, default 1; bench/sync_workers_bench.py adds pulls).
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

import requests
from common import percentile, summary_ms
from serverkit import create_database, start_postgres, start_server

from fieldapp.sync.protocol import wire
from fieldapp.sync.server import accounts

DEVICES = int(sys.argv[1]) if len(sys.argv) > 1 else 50
CHANGES = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
WORKERS = int(sys.argv[3]) if len(sys.argv) > 3 else 1
BATCH = 100
CREATED = "2026-11-29T08:00:00.000Z"


def enroll(db, url: str, name: str, role: str) -> str:
    accounts.add_user(db, name, role)
    code, _ = accounts.enroll(db, name)
    answer = requests.post(f"{url}/join", json={"code": code, "device_name": name}, timeout=30)
    answer.raise_for_status()
    return answer.json()["token"]


def push(session: requests.Session, url: str, key: str, entries: list[dict]) -> dict:
    body = wire.encode_body(wire.push_body(key, int(time.time() * 1000), entries))
    answer = session.post(f"{url}/push", data=body, timeout=120,
                          headers={"Content-Encoding": "gzip"})  # fmt: skip
    answer.raise_for_status()
    return answer.json()


def device(url: str, token: str, operation: str, latencies: list, problems: list) -> None:
    node = uuid.uuid4().hex[:16]
    session = requests.Session()
    session.headers["Authorization"] = f"Bearer {token}"
    wall = int(time.time() * 1000)
    for start in range(0, CHANGES, BATCH):
        entries = []
        for n in range(start, min(CHANGES, start + BATCH)):
            wall += 1
            stamp = f"{wall:013d}-0000-{node}"
            values = {"title": f"Report {n} of {node}", "kind": "hazard", "severity": 3,
                      "body": "Water over the road near the bridge", "status": "new",
                      "source": "field", "verification": "unverified",
                      "created_at": CREATED}  # fmt: skip
            entries.append({"op_id": str(uuid.uuid4()), "entity": "report",
                            "id": str(uuid.uuid4()), "operation_id": operation,
                            "fields": {k: {"v": v, "s": stamp}
                                       for k, v in values.items()}})  # fmt: skip
        key = "b-" + uuid.uuid4().hex
        started = time.perf_counter()
        first = push(session, url, key, entries)
        latencies.append(time.perf_counter() - started)
        again = push(session, url, key, entries)  # the answer was "lost": same key again
        if set(first["results"]) != {"applied"} or not again.get("replayed"):
            reasons = sorted(set(first.get("reasons", {}).values()))[:2]
            replayed = again.get("replayed")
            problems.append(f"{node}: {set(first['results'])} {reasons}, replayed={replayed}")


def main() -> None:
    from fieldapp.sync.server.serve import open_database

    root = Path(tempfile.mkdtemp(prefix="fieldapp-pgbench-"))
    admin, stop_pg = start_postgres(root)
    proc = None
    try:
        db_url = create_database(admin, "bench")
        db = open_database(db_url)
        proc, url = start_server(db_url, root / "srv", WORKERS)
        coordinator = enroll(db, url, "carla", "coordinator")
        operation = uuid.uuid4().hex
        session = requests.Session()
        session.headers["Authorization"] = f"Bearer {coordinator}"
        stamp = f"{int(time.time() * 1000):013d}-0000-{uuid.uuid4().hex[:16]}"
        values = {"name": "Bench", "exercise": 0, "created_at": CREATED}
        fields = {k: {"v": v, "s": stamp} for k, v in values.items()}
        entry = {"op_id": "op-" + operation, "entity": "operation", "id": operation,
                 "operation_id": operation, "fields": fields}  # fmt: skip
        push(session, url, "op", [entry])
        tokens = [enroll(db, url, f"device{n}", "volunteer") for n in range(DEVICES)]
        latencies: list[float] = []
        problems: list[str] = []
        threads = [threading.Thread(target=device, args=(url, t, operation, latencies, problems))
                   for t in tokens]  # fmt: skip
        started = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.perf_counter() - started
        with db.read() as conn:
            changes = conn.exec_driver_sql("SELECT count(*), count(DISTINCT op_id) FROM changes"
                                           " WHERE entity = 'report'").one()  # fmt: skip
        db.close()
        total = DEVICES * CHANGES
        print(f"PostgreSQL, {WORKERS} server process(es), {DEVICES} devices x {CHANGES:,}"
              f" changes at once (batches of {BATCH},"
              f" each sent twice): {total / elapsed:,.0f} changes/s ({elapsed:.1f} s);"
              f" push latency {summary_ms(latencies)}")  # fmt: skip
        print(f"  accepted exactly once: {changes[0]:,} changes stored for {total:,} sent,"
              f" {changes[1]:,} distinct op ids; problems: {problems[:3] or 'none'}"
              f" (p95 {percentile(latencies, 95) * 1000:.0f} ms)")  # fmt: skip
    finally:
        if proc is not None:
            proc.terminate()
            proc.wait()
        stop_pg()
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
