"""Benchmark: sync traffic and time, measured on the wire through the bad-link proxy.

1. First sync of 10,000 demo reports: device A pushes them, then device B pulls them,
   both through tests/sync/badlink.py with no faults (it counts requests and bytes
   exactly as they cross the link). Targets: <= 40 HTTP requests each way; bytes on the
   wire <= 1.3x the same records as gzip-compressed JSON (one JSON list of every synced
   field of every record, gzip level 6).
   Then A edits one field of 100 reports: B's pull of them, in bytes (protocol 4
   sends the changed fields only; target <= 6 KB).
2. 1,000 new reports through the proxy at 64 kbit/s and 600 ms round trip: sync time vs
   the link's own cost, bytes / bandwidth + requests x round trip. Target <= 1.3x.

A `fieldapp serve` subprocess on loopback with an SQLite database; the clients run in
this process. Usage: python bench/sync_bench.py [REPORTS]
"""

from __future__ import annotations

import gzip
import json
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

from common import OUT, ROOT

sys.path.insert(0, str(ROOT / "tests" / "sync"))
from badlink import BadLink

from fieldapp.demo.builder import generate_reports
from fieldapp.store import Store
from fieldapp.sync.client.session import SyncClient, join
from fieldapp.sync.protocol import wire
from fieldapp.sync.server import accounts
from fieldapp.sync.server.serve import open_database

REPORTS = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
SLOW_REPORTS = 1_000
SLOW_BPS, SLOW_RTT = 64_000 / 8, 0.6


def start_server(folder: Path) -> tuple[subprocess.Popen, int, object]:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    db_url = str(folder / "server.db")
    db = open_database(db_url)
    cmd = [sys.executable, "-m", "fieldapp", "--data-dir", str(folder), "serve", "--db", db_url,
           "--port", str(port)]  # fmt: skip
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return proc, port, db
        time.sleep(0.05)
    raise RuntimeError("the server did not start")


def device(folder: Path, name: str, db, link: BadLink) -> Store:
    if name not in {u["name"] for u in accounts.users(db)}:
        accounts.add_user(db, name, "coordinator")
    code, _ = accounts.enroll(db, name)
    store = Store(folder / name, user=name)
    join(store, link.url, code, name)
    return store


def reference_bytes(store: Store) -> int:
    """The same records as one gzip-compressed JSON list (every synced field)."""
    rows = [dict(r) for r in store.conn.execute("SELECT * FROM operations")]
    rows += [dict(r) for r in store.conn.execute("SELECT * FROM reports")]
    for row in rows:
        for key in ("seq", "field_hlc", "updated_hlc"):
            row.pop(key, None)
    text = json.dumps(rows, ensure_ascii=False, separators=(",", ":")).encode()
    return len(gzip.compress(text, compresslevel=6))


def leg(link: BadLink, store: Store) -> tuple[dict, float]:
    before = (link.stats.requests, link.stats.bytes_up, link.stats.bytes_down)
    started = time.perf_counter()
    report = SyncClient(store).sync()
    elapsed = time.perf_counter() - started
    assert report.complete, report.summary()
    requests = link.stats.requests - before[0]
    up, down = link.stats.bytes_up - before[1], link.stats.bytes_down - before[2]
    return {"requests": requests, "up": up, "down": down, "report": report}, elapsed


def first_sync(folder: Path, db, port: int) -> None:
    with BadLink(port, connect_costs_rtt=False) as link:
        a, b = device(folder, "anna", db, link), device(folder, "ben", db, link)
        op = a.operations.create("Bench floods")["id"]
        a.reports.add_bulk(op, generate_reports(REPORTS, seed=3))
        ref = reference_bytes(a)
        push, push_s = leg(link, a)
        pull, pull_s = leg(link, b)
        assert b.conn.execute("SELECT count(*) FROM reports").fetchone()[0] == REPORTS
        edits = one_field_edits(link, a, b)
    print(f"first sync of {REPORTS:,} reports (+1 operation); gzip JSON of the records: "
          f"{ref:,} bytes")  # fmt: skip
    for name, got, secs, wire_bytes in (
        ("push (device A)", push, push_s, push["up"]),
        ("pull (device B)", pull, pull_s, pull["down"]),
    ):
        print(f"  {name}: {got['requests']} requests (target <= 40), {got['up']:,} bytes up,"
              f" {got['down']:,} down; payload {wire_bytes:,} bytes = {wire_bytes / ref:.2f}x"
              f" gzip JSON (target <= 1.3x); {secs:.1f} s")  # fmt: skip
    print(f"  100 one-field edits on A, then B pulls: {edits['requests']} request(s),"
          f" {edits['down']:,} bytes down (target <= 6,000)")  # fmt: skip


def one_field_edits(link: BadLink, a: Store, b: Store, count: int = 100) -> dict:
    """A edits one field of `count` reports and syncs; what B's pull of them costs."""
    ids = [r[0] for r in a.conn.execute("SELECT id FROM reports LIMIT ?", [count])]
    for row_id in ids:
        a.reports.update(row_id, {"severity": 1 + a.reports.get(row_id)["severity"] % 5})
    leg(link, a)
    got, _secs = leg(link, b)
    return got


def slow_link(folder: Path, db, port: int) -> None:
    with BadLink(port, rtt_s=SLOW_RTT, bytes_per_s=SLOW_BPS) as link:
        c = device(folder, "carla", db, link)
        SyncClient(c).sync()  # catch up first: the bench times new reports only
        op = c.operations.create("Bench slow link")["id"]
        c.reports.add_bulk(op, generate_reports(SLOW_REPORTS, seed=5))
        got, secs = leg(link, c)
    model = (got["up"] + got["down"]) / SLOW_BPS + (got["requests"] + 1) * SLOW_RTT
    print(f"{SLOW_REPORTS:,} new reports at 64 kbit/s, 600 ms round trip: {secs:.1f} s;"
          f" {got['requests']} requests, {got['up']:,} bytes up, {got['down']:,} down;"
          f" link cost (bytes / bandwidth + (requests + 1 connection) x rtt) {model:.1f} s:"
          f" {secs / model:.2f}x (target <= 1.3x)")  # fmt: skip


def main() -> None:
    folder = OUT / "sync-bench"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    proc, port, db = start_server(folder)
    try:
        first_sync(folder, db, port)
        slow_link(folder, db, port)
    finally:
        proc.terminate()
        proc.wait()
        db.close()
    print(f"(protocol limits: {wire.MAX_ENTRIES} entries per push, {wire.MAX_PULL_LIMIT} per pull)")


if __name__ == "__main__":
    main()
