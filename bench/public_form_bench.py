"""Benchmark: the public form at 100 reports per second, and the weight of its page.

A `fieldapp serve` subprocess on loopback with an SQLite database (one process); a
coordinator's device makes an operation and syncs it, the form is opened with limits
high enough not to refuse the load (all posts come from 127.0.0.1). Then RATE posts a
second for SECONDS (no photo; each with a form token signed with the server's key, as
the page would carry), sent on schedule by 16 threads with keep-alive; the answer time
of each post is measured from its scheduled start. Target: every post answered 201,
p95 <= 200 ms, sustained (the last post answered within 1 s of the schedule's end).
The page's weight: its HTML with everything it loads, as sent (gzip) and unpacked.

Usage: python bench/public_form_bench.py [RATE] [SECONDS]
"""

from __future__ import annotations

import re
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import requests
from common import percentile, summary_ms
from sync_bench import start_server

from fieldapp.store import Store
from fieldapp.sync.client.session import SyncClient, join
from fieldapp.sync.server import accounts
from fieldapp.sync.server.db import now_ms
from fieldapp.sync.server.public import opening, tokens

RATE = int(sys.argv[1]) if len(sys.argv) > 1 else 100
SECONDS = int(sys.argv[2]) if len(sys.argv) > 2 else 20
_LOCAL = threading.local()


def _session() -> requests.Session:
    if not hasattr(_LOCAL, "session"):
        _LOCAL.session = requests.Session()
    return _LOCAL.session


def operation(folder: Path, port: int, db) -> str:
    accounts.add_user(db, "cora", "coordinator")
    code, _ = accounts.enroll(db, "cora")
    store = Store(folder / "cora", user="cora")
    join(store, f"http://127.0.0.1:{port}", code, "cora")
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


def post(url: str, key: bytes, code: str, start: float) -> tuple[float, int]:
    delay = start - time.perf_counter()
    if delay > 0:
        time.sleep(delay)
    fields = {"token": tokens.issue(key, code, now_ms()), "text": "Water on the D117 at Quillan",
              "kind": "flooding", "place": "Quillan", "lat": "42.8751", "lon": "2.1823",
              "consent": "yes", "homepage": ""}  # fmt: skip
    answer = _session().post(url, data=fields, files={"photo": ("", b"")}, timeout=30)
    return time.perf_counter() - start, answer.status_code


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        proc, port, db = start_server(folder)
        try:
            op = operation(folder, port, db)
            state = opening.switch(db, op, True, {"title": "Floods", "address_limit": 100_000,
                                                  "operation_limit": 1_000_000})  # fmt: skip
            root = f"http://127.0.0.1:{port}"
            url = root + state["path"]
            with db.read() as conn:
                key = tokens.secret(conn)
            sent, unpacked = page_weight(url, root)
            print(f"page weight: {sent / 1024:.1f} KB as sent (gzip), {unpacked / 1024:.1f} KB"
                  " unpacked, with everything it loads (target < 100 KB)")  # fmt: skip
            total = RATE * SECONDS
            t0 = time.perf_counter() + 0.5
            with ThreadPoolExecutor(16) as pool:
                futures = [pool.submit(post, url, key, state["code"], t0 + i / RATE)
                           for i in range(total)]  # fmt: skip
                results = [f.result() for f in futures]
            end = time.perf_counter() - t0
            times = [t for t, _status in results]
            statuses = {s for _t, s in results}
            p95 = percentile(times, 95) * 1000
            print(f"{total} posts at {RATE}/s for {SECONDS} s on one process (SQLite):"
                  f" answers {sorted(statuses)}; {summary_ms(times)}")  # fmt: skip
            print(f"p95 {p95:.0f} ms (target <= 200); all answered {end:.1f} s after the start"
                  f" (schedule: {SECONDS} s)")  # fmt: skip
        finally:
            proc.terminate()
            proc.wait(10)
            db.close()


if __name__ == "__main__":
    main()
