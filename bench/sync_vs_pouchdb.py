"""Benchmark: FieldApp sync side by side with CouchDB-style replication (PouchDB 9).

The same 10,000 demo reports (+ their operation), exported from the demo generator to
JSON for PouchDB, go on loopback from one database to a server, then to a second, fresh
database:

- FieldApp: device A pushes them to a `fieldapp serve` subprocess (SQLite, durable: WAL,
  synchronous=FULL), device B pulls them; each round on a fresh server.
- PouchDB 9 (bench/pouchdb/, in-memory adapter on both sides): a local PouchDB
  replicates to an express-pouchdb server (memory adapter), a fresh one replicates from
  it; each round a fresh server database.

Both go through the same counting proxy (bench/pouchdb/proxy.js, a separate process):
requests and bytes as they cross, headers included. Rounds alternate (FieldApp, then
PouchDB) so that the load of the shared machine falls on both alike; medians and ratios
are printed. Needs Node 20 and npm: the bench installs its packages with `npm ci` from
the committed package-lock.json. Not part of `make test`.

Usage: python bench/sync_vs_pouchdb.py [ROUNDS] [REPORTS]
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

from common import OUT, ROOT
from sync_bench import device, start_server

from fieldapp.demo.builder import generate_reports
from fieldapp.store import Store
from fieldapp.sync.client.session import SyncClient

ROUNDS = int(sys.argv[1]) if len(sys.argv) > 1 else 3
REPORTS = int(sys.argv[2]) if len(sys.argv) > 2 else 10_000
POUCH = ROOT / "bench" / "pouchdb"
FOLDER = OUT / "sync-vs-pouchdb"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Proxy:
    """The counting proxy (proxy.js) in front of a loopback port."""

    def __init__(self, target_port: int):
        self.port = free_port()
        self.proc = subprocess.Popen(
            ["node", str(POUCH / "proxy.js"), str(self.port), str(target_port)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
        )  # fmt: skip
        assert self.proc.stdout is not None
        self.proc.stdout.readline()  # {"listening": port}

    def stats(self) -> dict:
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.write("stats\n")
        self.proc.stdin.flush()
        return json.loads(self.proc.stdout.readline())

    def close(self) -> None:
        self.proc.terminate()
        self.proc.wait()


def measured(proxy: Proxy, run) -> dict:  # type: ignore[no-untyped-def]
    """Run one leg: its seconds (as the leg reports them) and what crossed the proxy."""
    before = proxy.stats()
    seconds = run()
    after = proxy.stats()
    return {"seconds": seconds, **{k: after[k] - before[k] for k in ("requests", "up", "down")}}


def prepare() -> tuple[Path, Path]:
    """Device A's data folder with the reports (copied for each round) and the same
    records as JSON documents for PouchDB."""
    template, records = FOLDER / "template", FOLDER / "records.json"
    store = Store(template, user="anna")
    op = store.operations.create("Bench floods")["id"]
    store.reports.add_bulk(op, generate_reports(REPORTS, seed=3))
    docs = [dict(r) for r in store.conn.execute("SELECT * FROM operations")]
    docs += [dict(r) for r in store.conn.execute("SELECT * FROM reports")]
    store.close()
    for doc in docs:
        for key in ("seq", "field_hlc", "updated_hlc"):
            doc.pop(key, None)
        doc["_id"] = doc.pop("id")
    records.write_text(json.dumps(docs, ensure_ascii=False))
    return template, records


def fieldapp_round(n: int, template: Path) -> dict[str, dict]:
    folder = FOLDER / f"fieldapp-{n}"
    folder.mkdir(parents=True)
    proc, port, db = start_server(folder)
    proxy = Proxy(port)
    try:
        shutil.copytree(template, folder / "anna")

        class Link:  # what sync_bench.device needs of a link
            url = f"http://127.0.0.1:{proxy.port}"

        a, b = device(folder, "anna", db, Link), device(folder, "ben", db, Link)
        legs = {}
        for name, store in (("push", a), ("pull", b)):

            def run(store: Store = store) -> float:
                started = time.perf_counter()
                report = SyncClient(store).sync()
                assert report.complete, report.summary()
                return time.perf_counter() - started

            legs[name] = measured(proxy, run)
        assert b.conn.execute("SELECT count(*) FROM reports").fetchone()[0] == REPORTS
        a.close()
        b.close()
        return legs
    finally:
        proxy.close()
        proc.terminate()
        proc.wait()
        db.close()


def pouchdb_round(n: int, proxy: Proxy, records: Path) -> dict[str, dict]:
    url = f"http://127.0.0.1:{proxy.port}/bench{n}"

    def leg(name: str, arg: str) -> float:
        done = subprocess.run(
            ["node", str(POUCH / "replicate.js"), name, url, arg],
            check=True, capture_output=True, text=True,
        )  # fmt: skip
        return json.loads(done.stdout)["seconds"]

    return {
        "push": measured(proxy, lambda: leg("push", str(records))),
        "pull": measured(proxy, lambda: leg("pull", str(REPORTS + 1))),
    }


def start_pouchdb_server() -> tuple[subprocess.Popen, int]:
    port = free_port()
    proc = subprocess.Popen(
        ["node", str(POUCH / "server.js"), str(port)], stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None
    proc.stdout.readline()  # "listening PORT"
    return proc, port


def install() -> None:
    if not (POUCH / "node_modules").is_dir():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=POUCH, check=True)


def line(name: str, got: dict) -> str:
    return (f"{name}: {got['seconds']:.2f} s, {got['requests']} requests,"
            f" {got['up']:,} bytes up, {got['down']:,} down")  # fmt: skip


def main() -> None:
    install()
    shutil.rmtree(FOLDER, ignore_errors=True)
    FOLDER.mkdir(parents=True)
    template, records = prepare()
    server, port = start_pouchdb_server()
    proxy = Proxy(port)
    runs: dict[str, list[dict]] = {}
    print(f"{REPORTS:,} reports (+1 operation), {ROUNDS} rounds;"
          f" load {os.getloadavg()[0]:.2f} at start")  # fmt: skip
    try:
        for n in range(ROUNDS):
            for system, legs in (
                ("fieldapp", fieldapp_round(n, template)),
                ("pouchdb", pouchdb_round(n, proxy, records)),
            ):
                for leg, got in legs.items():
                    runs.setdefault(f"{system} {leg}", []).append(got)
                    print(f"  round {n + 1} {line(f'{system} {leg}', got)}")
    finally:
        proxy.close()
        server.terminate()
        server.wait()
    print(f"medians (load {os.getloadavg()[0]:.2f} at the end):")
    median = {
        key: {k: statistics.median(r[k] for r in rows) for k in rows[0]}
        for key, rows in runs.items()
    }
    for key, got in median.items():
        print(f"  {line(key, got)}")
    for leg in ("push", "pull"):
        ours, theirs = median[f"fieldapp {leg}"], median[f"pouchdb {leg}"]
        bytes_ours, bytes_theirs = ours["up"] + ours["down"], theirs["up"] + theirs["down"]
        print(f"  {leg}: FieldApp/PouchDB time {ours['seconds'] / theirs['seconds']:.2f}x,"
              f" requests {ours['requests'] / theirs['requests']:.3f}x,"
              f" bytes {bytes_ours / bytes_theirs:.2f}x")  # fmt: skip


if __name__ == "__main__":
    main()
