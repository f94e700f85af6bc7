"""Benchmark: the public form at 100 reports per second, and the weight of its page.

`fieldapp serve` subprocesses on loopback: by default one process on SQLite; with `--pg
--workers N`, PostgreSQL on N processes and then on 1 (a fresh database each), in the
same run. A coordinator's device makes an operation and syncs it, the form is opened
with limits high enough not to refuse the load (all posts come from 127.0.0.1). Then
RATE posts a second for SECONDS, without photos, each with its own form token (a token
is good for one report: its nonce is stored with it; the bench signs them with the
server's key, as the page would carry them). The answer time of each post is measured
from its scheduled start (an open loop: a slow answer does not delay the next post).
Target: every post answered 201, p95 <= 200 ms, sustained (the last post answered
within 1 s of the schedule's end). Before the load, not counted in it: 50 posts one
after the other (printed: a post alone), then WARM_S seconds at the rate (every server
process has opened its connections and compiled its statements). Also printed: where
the cores went during the load (server, PostgreSQL, this client, other programs: /proc),
the load average before and after, and the page's weight (its HTML with everything it
loads, as sent with gzip and unpacked).

The client shares the machine with the server, so it is kept lean (`--client lean`, the
default): every request is encoded before the clock starts and sent as raw bytes by one
asyncio loop over keep-alive connections (a new one opened whenever all are busy).
`--client requests` is the former client (16 threads of `requests`, encoding as they go),
to see what a heavier client costs on the same machine.

With `--flood` the address's limit drops to the default (20 an hour) when the load
starts: all but the first few posts are refused with the polite 429 page, each refusal
counted in the database (what a flood from one address costs the server).

Usage: python bench/public_form_bench.py [RATE] [SECONDS] [--pg] [--workers N]
[--client lean|requests] [--flood]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import shutil
import tempfile
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import requests
from common import percentile, summary_ms
from serverkit import cores, cpu, create_database, loadavg, start_postgres, start_server

from fieldapp.store import Store
from fieldapp.sync.client.session import SyncClient, join
from fieldapp.sync.server import accounts
from fieldapp.sync.server.db import now_ms
from fieldapp.sync.server.public import opening, tokens
from fieldapp.sync.server.serve import open_database

TEXT = "Water on the D117 at Quillan"
FIELDS = {"text": TEXT, "kind": "flooding", "place": "Quillan", "lat": "42.8751",
          "lon": "2.1823", "consent": "yes", "homepage": ""}  # fmt: skip
BOUNDARY = "----fieldappbench7MA4YWxkTrZu0gW"
ALONE = 50  # posts one after the other before the load
WARM_S = 2  # then the load's rate for that long, not measured: every worker warm
_LOCAL = threading.local()


@dataclass
class Run:
    label: str
    times: list[float] = field(default_factory=list)
    statuses: Counter = field(default_factory=Counter)
    alone: list[float] = field(default_factory=list)
    end: float = 0.0
    used: dict[str, float] = field(default_factory=dict)
    wall: float = 1.0
    load: tuple[str, str] = ("", "")
    connections: int = 0


def _session() -> requests.Session:
    if not hasattr(_LOCAL, "session"):
        _LOCAL.session = requests.Session()
    return _LOCAL.session


def operation(folder: Path, root: str, db) -> str:
    accounts.add_user(db, "cora", "coordinator")
    code, _ = accounts.enroll(db, "cora")
    store = Store(folder / "cora", user="cora")
    join(store, root, code, "cora")
    op = store.operations.create("Floods of the Aude")["id"]
    assert SyncClient(store).sync().complete
    store.close()
    return op


def page_weight(url: str, root: str) -> tuple[int, int]:
    page = _session().get(url, headers={"Accept-Encoding": "gzip"}, stream=True, timeout=10)
    wire, html = len(page.raw.read(decode_content=False)), page.content
    html = _session().get(url, timeout=10).content
    loaded = re.findall(rb'(?:src|href)="(/[^"]*)"', html)
    extra = sum(len(_session().get(root + p.decode(), timeout=10).content) for p in loaded)
    return wire + extra, len(html) + extra


# The lean client: requests as bytes, made beforehand; one asyncio loop sends them.


def request_bytes(host: str, path: str, token: str) -> bytes:
    """One post as a phone's browser sends it: multipart, the empty photo field too."""
    parts = [
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'
        for name, value in {"token": token, **FIELDS}.items()
    ]
    parts.append(
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="photo"; filename=""\r\n'
        f"Content-Type: application/octet-stream\r\n\r\n\r\n--{BOUNDARY}--\r\n"
    )
    body = "".join(parts).encode()
    head = (
        f"POST {path} HTTP/1.1\r\nHost: {host}\r\nAccept-Encoding: gzip\r\n"
        f"Accept-Language: fr-FR,fr;q=0.9\r\n"
        f"Content-Type: multipart/form-data; boundary={BOUNDARY}\r\n"
        f"Content-Length: {len(body)}\r\n\r\n"
    )
    return head.encode() + body


async def _answer(reader: asyncio.StreamReader) -> int:
    """Read one response off a keep-alive connection; its status."""
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head[9:12])
    lowered = head.lower()
    found = re.search(rb"\r\ncontent-length:\s*(\d+)", lowered)
    if found:
        await reader.readexactly(int(found.group(1)))
    elif b"transfer-encoding: chunked" in lowered:
        while size := int((await reader.readuntil(b"\r\n")).strip(), 16):
            await reader.readexactly(size + 2)
        await reader.readuntil(b"\r\n")
    return status


class Lean:
    """Keep-alive connections to the server, opened as needed, reused when idle."""

    def __init__(self, host: str, port: int):
        self.host, self.port = host, port
        self.idle: list[tuple[asyncio.StreamReader, asyncio.StreamWriter]] = []
        self.opened = 0

    async def send(self, data: bytes) -> int:
        if self.idle:
            reader, writer = self.idle.pop()
        else:
            reader, writer = await asyncio.open_connection(self.host, self.port)
            self.opened += 1
        try:
            writer.write(data)
            status = await _answer(reader)
        except (OSError, asyncio.IncompleteReadError, ValueError):
            writer.close()
            return 0
        self.idle.append((reader, writer))
        return status

    async def scheduled(self, data: bytes, start: float) -> tuple[float, int]:
        loop = asyncio.get_running_loop()
        await asyncio.sleep(max(0.0, start - loop.time()))
        status = await self.send(data)
        return loop.time() - start, status

    def close(self) -> None:
        for _reader, writer in self.idle:
            writer.close()


async def lean_run(
    host: str, port: int, alone: list[bytes], load: list[bytes], rate: int, on_start
) -> tuple[list[float], list[tuple[float, int]], float, int]:
    """Posts one after the other, then the load on schedule: (alone times, (time, status)
    of each post of the load, seconds from the start to the last answer, connections)."""
    client = Lean(host, port)
    loop = asyncio.get_running_loop()
    alone_times = []
    for data in alone:
        started = loop.time()
        assert await client.send(data) == 201
        alone_times.append(loop.time() - started)
    warm, load = load[: WARM_S * rate], load[WARM_S * rate :]
    t0 = loop.time() + 0.2
    await asyncio.gather(*(client.scheduled(data, t0 + i / rate) for i, data in enumerate(warm)))
    on_start()
    t0 = loop.time() + 0.2
    results = await asyncio.gather(
        *(client.scheduled(data, t0 + i / rate) for i, data in enumerate(load))
    )
    end = loop.time() - t0
    client.close()
    return alone_times, results, end, client.opened


# The former client: 16 threads of requests, each post encoded as it goes.


def heavy_post(url: str, key: bytes, code: str, start: float) -> tuple[float, int]:
    delay = start - time.perf_counter()
    if delay > 0:
        time.sleep(delay)
    fields = {"token": tokens.issue(key, code, now_ms()), **FIELDS}
    answer = _session().post(url, data=fields, files={"photo": ("", b"")}, timeout=30)
    return time.perf_counter() - start, answer.status_code


def heavy_run(url: str, key: bytes, code: str, rate: int, total: int,
              on_start) -> tuple[list[tuple[float, int]], float]:  # fmt: skip
    with ThreadPoolExecutor(16) as pool:
        t0 = time.perf_counter() + 0.2
        warm = [pool.submit(heavy_post, url, key, code, t0 + i / rate)
                for i in range(WARM_S * rate)]  # fmt: skip
        assert {f.result()[1] for f in warm} == {201}
        on_start()
        t0 = time.perf_counter() + 0.2
        futures = [pool.submit(heavy_post, url, key, code, t0 + i / rate) for i in range(total)]
        results = [f.result() for f in futures]
    return results, time.perf_counter() - t0


def measure(db_url: str, folder: Path, workers: int, args: argparse.Namespace,
            pg_root: Path | None, weigh: bool) -> Run:  # fmt: skip
    db = open_database(db_url)
    proc, api = start_server(db_url, folder, workers)
    root = api.split("/api/", 1)[0]
    kind = "PostgreSQL" if pg_root else "SQLite"
    run = Run(f"{workers} process{'es' if workers > 1 else ''} ({kind})")
    try:
        op = operation(folder, root, db)
        state = opening.switch(db, op, True, {"title": "Floods", "address_limit": 100_000,
                                              "operation_limit": 1_000_000})  # fmt: skip
        code, url = state["code"], root + state["path"]
        with db.read() as conn:
            key = tokens.secret(conn)
        if weigh:
            sent, unpacked = page_weight(url, root)
            print(f"page weight: {sent / 1024:.1f} KB as sent (gzip), {unpacked / 1024:.1f} KB"
                  " unpacked, with everything it loads (target < 100 KB)", flush=True)  # fmt: skip
        total = args.rate * args.seconds
        before: dict[str, float] = {}

        def on_start() -> None:
            if args.flood:  # from now on all but the first few are too many from one address
                opening.switch(db, op, True, {"address_limit": opening.DEFAULTS["address_limit"]})
            before.update(cpu(proc.pid, pg_root), wall=time.perf_counter())
            run.load = (loadavg(), "")

        if args.client == "lean":
            host, port = root.split("//", 1)[1].split(":")
            made = [request_bytes(f"{host}:{port}", state["path"],
                                  tokens.issue(key, code, now_ms()))
                    for _ in range(ALONE + WARM_S * args.rate + total)]  # fmt: skip
            run.alone, results, run.end, run.connections = asyncio.run(
                lean_run(host, int(port), made[:ALONE], made[ALONE:], args.rate, on_start)
            )
        else:
            results, run.end = heavy_run(url, key, code, args.rate, total, on_start)
        after = cpu(proc.pid, pg_root)
        run.wall = time.perf_counter() - before.pop("wall")
        run.used = {k: v - before[k] for k, v in after.items()}
        run.load = (run.load[0], loadavg())
        run.times = [t for t, _status in results]
        run.statuses = Counter(status for _t, status in results)
        return run
    finally:
        proc.terminate()
        proc.wait(30)
        db.close()


def report(run: Run, args: argparse.Namespace) -> None:
    answers = ", ".join(f"{status}: {n}" for status, n in sorted(run.statuses.items()))
    print(f"{run.label}: {len(run.times)} posts at {args.rate}/s for {args.seconds} s"
          f" (client: {args.client}); answers {answers}")  # fmt: skip
    print(f"  {summary_ms(run.times)}; p95 {percentile(run.times, 95) * 1000:.0f} ms"
          f" (target <= 200); all answered {run.end:.1f} s after the start"
          f" (schedule: {args.seconds} s)")  # fmt: skip
    if run.alone:
        print(f"  a post alone (before the load): {summary_ms(run.alone)};"
              f" {run.connections} connections during the load")  # fmt: skip
    print(f"  {cores(run.used, run.wall)}; load average {run.load[0]} before,"
          f" {run.load[1]} after")  # fmt: skip
    client_ms = run.used["client"] / len(run.times) * 1000
    server_ms = run.used["server"] / len(run.times) * 1000
    print(f"  CPU per post: server {server_ms:.1f} ms, client {client_ms:.1f} ms", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("rate", nargs="?", type=int, default=100)
    parser.add_argument("seconds", nargs="?", type=int, default=20)
    parser.add_argument("--pg", action="store_true", help="PostgreSQL (needs root)")
    parser.add_argument("--workers", type=int, default=4, help="with --pg: processes")
    parser.add_argument("--client", choices=("lean", "requests"), default="lean")
    flood = "the load from one address over its limit: polite 429 pages"
    parser.add_argument("--flood", action="store_true", help=flood)
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="fieldapp-public-bench-"))
    print(f"load average at the start: {loadavg()} ({os.cpu_count()} cores)", flush=True)
    try:
        if not args.pg:
            report(measure(str(root / "server.db"), root, 1, args, None, True), args)
            return
        admin, stop_pg = start_postgres(root)
        try:
            for n, workers in enumerate(dict.fromkeys((args.workers, 1))):
                name = f"bench_public_w{workers}"
                db_url = create_database(admin, name)
                report(measure(db_url, root / name, workers, args, root, n == 0), args)
        finally:
            stop_pg()
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
