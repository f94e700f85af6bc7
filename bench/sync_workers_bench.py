"""Benchmark: 200 devices pushing and pulling at once, on 4 server processes and on 1.

`fieldapp serve --workers 4` on PostgreSQL, then the same load on one process (a fresh
database each), in the same run. The devices work in teams of 10, one operation per team
(restricted to its members, as a national activation splits its sectors), so a device
pulls its team's changes, not the whole country's. Each device (its own token, thread
and HTTP sessions) does ROUNDS rounds: push BATCH new reports, send the batch again under
the same key on another connection (the answer was "lost"; it may reach another worker),
then pull what is new since its cursor (naming its own pushes in `have`). Printed per
configuration: changes per second (pushed changes / wall clock), push latency (first
send) and pull latency (each pull request), median and p95; and the exactly-once check:
the change log holds one row per op id, every resent batch was replayed, and every device
received every change of its teammates once. With several workers, the share of requests
each answered (FieldApp-Worker header).

PostgreSQL runs from /usr/lib/postgresql/*/bin as the `postgres` user in a temp dir, as
in the tests (serverkit.py). Not in `make bench` (it needs that user). The client's 200
threads run on the same machine as the server. Usage: python bench/sync_workers_bench.py [DEVICES]
[ROUNDS] [BATCH] [WORKERS]
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import requests
from common import percentile
from serverkit import cores, cpu, create_database, start_postgres, start_server

from fieldapp.sync.protocol import wire
from fieldapp.sync.server import accounts, policy
from fieldapp.sync.server.serve import open_database

ARGS = [int(a) for a in sys.argv[1:]]
DEVICES, ROUNDS, BATCH, WORKERS = ARGS + [200, 5, 40, 4][len(ARGS) :]
TEAM = 10
CREATED = "2026-12-06T08:00:00.000Z"


def session(token: str) -> requests.Session:
    http = requests.Session()
    http.headers["Authorization"] = f"Bearer {token}"
    return http


@dataclass
class Results:
    push_s: list[float] = field(default_factory=list)
    pull_s: list[float] = field(default_factory=list)
    workers: Counter = field(default_factory=Counter)
    problems: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, kind: str, seconds: float, answer: requests.Response) -> None:
        with self.lock:
            (self.push_s if kind == "push" else self.pull_s).append(seconds)
            self.workers[answer.headers.get("FieldApp-Worker", "1")] += 1


@dataclass
class Device:
    name: str
    token: str
    operation: str
    node: str = field(default_factory=lambda: uuid.uuid4().hex[:16])
    cursor: int = 0
    have: list[int] = field(default_factory=list)
    pushed: set[str] = field(default_factory=set)
    received: Counter = field(default_factory=Counter)

    def entries(self, round_: int) -> list[dict]:
        wall, entries = int(time.time() * 1000), []
        for n in range(BATCH):
            rid = uuid.uuid4().hex
            self.pushed.add(rid)
            values = {"title": f"Report {round_}.{n} of {self.name}", "kind": "hazard",
                      "severity": 3, "source": "field", "status": "new",
                      "verification": "unverified", "created_at": CREATED,
                      "body": "Water over the road near the bridge"}  # fmt: skip
            stamp = f"{wall + round_ * BATCH + n:013d}-0000-{self.node}"
            fields = {k: {"v": v, "s": stamp} for k, v in values.items()}
            entries.append({"op_id": uuid.uuid4().hex, "entity": "report", "id": rid,
                            "operation_id": self.operation, "fields": fields})  # fmt: skip
        return entries


def encode(key: str, entries: list[dict]) -> bytes:
    return wire.encode_body(wire.push_body(key, int(time.time() * 1000), entries))


def push(http: requests.Session, url: str, body: bytes) -> requests.Response:
    answer = http.post(f"{url}/push", data=body, timeout=120,
                       headers={"Content-Encoding": "gzip"})  # fmt: skip
    answer.raise_for_status()
    return answer


def pull(device: Device, http: requests.Session, url: str, results: Results | None) -> None:
    """Pull until no more; each request timed when `results` is given."""
    while True:
        params = {"since": device.cursor, "limit": wire.DEFAULT_PULL_LIMIT}
        if device.have:
            params["have"] = ",".join(str(n) for n in sorted(device.have)[-wire.MAX_HAVE :])
        started = time.perf_counter()
        answer = http.get(f"{url}/pull", params=params, timeout=120)
        elapsed = time.perf_counter() - started
        answer.raise_for_status()
        if results is not None:
            results.add("pull", elapsed, answer)
        body = answer.json()
        for record in body["records"]:
            if record["entity"] == "report":
                device.received[record["id"]] += 1
        device.cursor = body["next"]
        if not body["more"]:
            return


def work(device: Device, url: str, start: threading.Barrier, results: Results) -> None:
    main, other = session(device.token), session(device.token)
    try:
        pull(device, main, url, None)  # caught up before the clock starts
        # bodies made beforehand: the client shares the machine's cores with the server
        bodies = [encode(uuid.uuid4().hex, device.entries(r)) for r in range(ROUNDS)]
        start.wait()
        for body in bodies:
            started = time.perf_counter()
            first = push(main, url, body)
            results.add("push", time.perf_counter() - started, first)
            again = push(other, url, body).json()  # the answer was "lost"
            answer = first.json()
            if set(answer["results"]) != {"applied"} or not again.get("replayed"):
                results.problems.append(f"{device.name}: {set(answer['results'])}, {again}")
            device.have.append(answer["batch_seq"])
            pull(device, main, url, results)
    except Exception as exc:  # counted, the run goes on
        results.problems.append(f"{device.name}: {exc!r}")


def setup(db, url: str) -> list[Device]:
    """A coordinator, DEVICES volunteers, one operation per team restricted to it."""
    accounts.add_user(db, "carla", "coordinator")
    coordinator = join(db, url, "carla")
    teams = [list(range(t, min(DEVICES, t + TEAM))) for t in range(0, DEVICES, TEAM)]
    stamp = f"{int(time.time() * 1000):013d}-0000-{uuid.uuid4().hex[:16]}"
    operations = [uuid.uuid4().hex for _ in teams]
    entries = [{"op_id": uuid.uuid4().hex, "entity": "operation", "id": op, "operation_id": op,
                "fields": {"name": {"v": f"Sector {n}", "s": stamp},
                           "exercise": {"v": 0, "s": stamp},
                           "created_at": {"v": CREATED, "s": stamp}}}
               for n, op in enumerate(operations)]  # fmt: skip
    push(session(coordinator), url, encode("operations", entries))
    devices = []
    for team, operation in zip(teams, operations, strict=True):
        names = [f"vol{n}" for n in team]
        for name in names:
            accounts.add_user(db, name, "volunteer")
            devices.append(Device(name, join(db, url, name), operation))
        policy.restrict(db, operation, [*names, "carla"])
    return devices


def join(db, url: str, name: str) -> str:
    code, _ = accounts.enroll(db, name)
    answer = requests.post(f"{url}/join", json={"code": code, "device_name": name}, timeout=60)
    answer.raise_for_status()
    return answer.json()["token"]


def run(admin: str, root: Path, workers: int) -> dict:
    name = f"bench_w{workers}"
    db_url = create_database(admin, name)
    db = open_database(db_url)
    proc, url = start_server(db_url, root / name, workers)
    try:
        devices = setup(db, url)
        results, start = Results(), threading.Barrier(len(devices) + 1)
        threads = [threading.Thread(target=work, args=(d, url, start, results)) for d in devices]
        for thread in threads:
            thread.start()
        start.wait()
        started, before = time.perf_counter(), cpu(proc.pid, root)
        for thread in threads:
            thread.join()
        elapsed = time.perf_counter() - started
        used = {k: v - before[k] for k, v in cpu(proc.pid, root).items()}
        for device in devices:  # whatever teammates pushed after its last pull
            pull(device, session(device.token), url, None)
        return {"elapsed": elapsed, "results": results, "cpu": used, **exactly_once(db, devices)}
    finally:
        proc.terminate()
        proc.wait()
        db.close()


def exactly_once(db, devices: list[Device]) -> dict:
    with db.read() as conn:
        stored, distinct = conn.exec_driver_sql(
            "SELECT count(*), count(DISTINCT op_id) FROM changes WHERE entity = 'report'"
        ).one()
    team_of: dict[str, set[str]] = {}
    for device in devices:
        team_of.setdefault(device.operation, set()).update(device.pushed)
    missing = twice = 0
    for device in devices:
        expected = team_of[device.operation] - device.pushed
        got = {rid for rid in device.received if rid not in device.pushed}
        missing += len(expected - got)
        twice += sum(1 for rid in got if device.received[rid] > 1)
    return {"stored": stored, "distinct": distinct, "missing": missing, "twice": twice}


def report(workers: int, run_: dict) -> None:
    results, total = run_["results"], DEVICES * ROUNDS * BATCH
    label = f"{workers} processes" if workers > 1 else "1 process"
    print(
        f"{label}: {total / run_['elapsed']:,.0f} changes/s ({total:,} in {run_['elapsed']:.1f} s);"
        f" push median {percentile(results.push_s, 50) * 1000:,.0f} ms,"
        f" p95 {percentile(results.push_s, 95) * 1000:,.0f} ms;"
        f" pull median {percentile(results.pull_s, 50) * 1000:,.0f} ms,"
        f" p95 {percentile(results.pull_s, 95) * 1000:,.0f} ms ({len(results.pull_s):,} pulls)"
    )
    print(
        f"  exactly once: {run_['stored']:,} changes stored for {total:,} sent,"
        f" {run_['distinct']:,} distinct op ids; teammates' changes missing"
        f" {run_['missing']}, received twice {run_['twice']}; problems:"
        f" {results.problems[:3] or 'none'}"
    )
    print("  " + cores(run_["cpu"], run_["elapsed"]))
    if workers > 1:
        shares = ", ".join(f"{w}: {n}" for w, n in sorted(results.workers.items()))
        print(f"  requests per worker: {shares}")


def main() -> None:
    root = Path(tempfile.mkdtemp(prefix="fieldapp-workers-bench-"))
    admin, stop_pg = start_postgres(root)
    print(
        f"{DEVICES} devices in teams of {TEAM}, {ROUNDS} rounds of {BATCH} new reports each"
        f" (each batch sent twice) and pulls; PostgreSQL on loopback; {os.cpu_count()} cores",
        flush=True,
    )
    try:
        runs = {}
        for workers in (WORKERS, 1):
            runs[workers] = run(admin, root, workers)
            report(workers, runs[workers])
        ratio = runs[1]["elapsed"] / runs[WORKERS]["elapsed"]
        print(f"{WORKERS} processes / 1: {ratio:.2f}x the changes per second")
    finally:
        stop_pg()
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
