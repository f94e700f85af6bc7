"""Benchmark: the server's share of a first push, in process (no HTTP, no client).

A device's outbox of N demo reports is drafted into the push bodies the client sends
(sync/client/outgoing.py), then a fresh SQLite server database (durable: WAL,
synchronous=FULL) takes them through the route's own steps: `wire.decode_body`
(gunzip, depth check, JSON), `wire.parse_push`, `push()` (checks, merge, one
transaction per batch). Prints the seconds of each step, summed over the bodies, for
ROUNDS rounds on fresh databases. Run it under py-spy (`py-spy record -f raw -- python
bench/push_inprocess.py`) to see where the time goes. Not part of `make bench`.

Usage: python bench/push_inprocess.py [REPORTS] [ROUNDS]
"""

from __future__ import annotations

import shutil
import statistics
import sys
import time

from common import OUT

from fieldapp.demo.builder import generate_reports
from fieldapp.store import Store
from fieldapp.sync.client.outgoing import build_batch
from fieldapp.sync.protocol import wire
from fieldapp.sync.protocol.gcpause import paused_gc
from fieldapp.sync.server import accounts
from fieldapp.sync.server.db import Database
from fieldapp.sync.server.push import push

REPORTS = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
ROUNDS = int(sys.argv[2]) if len(sys.argv) > 2 else 3
FOLDER = OUT / "push-inprocess"


def bodies() -> list[bytes]:
    """The push bodies of a device holding REPORTS new reports, as it would send them."""
    store = Store(FOLDER / "device", user="anna")
    operation = store.operations.create("Bench floods")["id"]
    store.reports.add_bulk(operation, generate_reports(REPORTS, seed=3))
    found, after = [], 0
    while (batch := build_batch(store, after, set(), "b-")) is not None:
        found.append(batch.body)
        after = batch.entries[-1]["seq"]
    store.close()
    return found


def one_round(n: int, sent: list[bytes]) -> dict[str, float]:
    db = Database(str(FOLDER / f"server-{n}.db"))
    db.migrate()
    accounts.add_user(db, "anna", "coordinator")
    code, _minutes = accounts.enroll(db, "anna")
    who = accounts.authenticate(db, accounts.join(db, code, "anna-laptop")["token"])
    took = {"decode": 0.0, "parse": 0.0, "push": 0.0}
    for body in sent:
        with paused_gc():  # as the route does
            started = time.perf_counter()
            data = wire.decode_body(body, gzipped=True)
            decoded = time.perf_counter()
            request = wire.parse_push(data)
            parsed = time.perf_counter()
            push(db, who, request)
            done = time.perf_counter()
        took["decode"] += decoded - started
        took["parse"] += parsed - decoded
        took["push"] += done - parsed
    db.close()
    return took


def main() -> None:
    shutil.rmtree(FOLDER, ignore_errors=True)
    FOLDER.mkdir(parents=True)
    sent = bodies()
    print(f"{REPORTS:,} reports in {len(sent)} bodies ({sum(map(len, sent)):,} bytes gzip)")
    rounds = [one_round(n, sent) for n in range(ROUNDS)]
    for n, took in enumerate(rounds, start=1):
        steps = ", ".join(f"{k} {v:.3f} s" for k, v in took.items())
        print(f"  round {n}: {steps}; total {sum(took.values()):.3f} s")
    print(f"median total: {statistics.median(sum(t.values()) for t in rounds):.3f} s")


if __name__ == "__main__":
    main()
