"""A saved report survives kill -9; an interrupted bulk load leaves nothing half-done."""

from __future__ import annotations

import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

from fieldapp.core.backup import check
from fieldapp.reports.query import ReportQuery
from fieldapp.store import Store

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs SIGKILL")

SAVER = textwrap.dedent(
    """
    import sys
    from fieldapp.store import Store

    store = Store(sys.argv[1], user="radio-op")
    n = 0
    while True:
        report = store.reports.add(sys.argv[2], {"title": f"message {n}", "body": "QSL " * 50})
        print(report["id"], flush=True)  # only once add_report has returned
        n += 1
    """
)

BULK = textwrap.dedent(
    """
    import sys
    from fieldapp.demo.builder import create_demo
    from fieldapp.store import Store

    store = Store(sys.argv[1])
    create_demo(store, 1_000_000, progress=lambda done: print(done, flush=True))
    """
)


def start(script: str, *args: str) -> subprocess.Popen:
    child = subprocess.Popen(
        [sys.executable, "-c", script, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    # A child that stops printing must not hang the test run.
    watchdog = threading.Timer(60, child.kill)
    watchdog.daemon = True
    watchdog.start()
    return child


def read_lines(child: subprocess.Popen, count: int) -> list[str]:
    lines = []
    while len(lines) < count:
        line = child.stdout.readline()
        assert line, f"the child stopped early: {child.stderr.read()}"
        lines.append(line.strip())
    return lines


def kill(child: subprocess.Popen) -> None:
    child.send_signal(signal.SIGKILL)
    child.wait()
    assert child.returncode == -signal.SIGKILL


def assert_intact(store: Store) -> None:
    assert [row[0] for row in store.conn.execute("PRAGMA integrity_check")] == ["ok"]
    assert check(store.data_dir) == []  # search index, foreign keys, files
    # Each saved report has its outbox entry: the two are written in one transaction.
    outboxed = store.conn.execute("SELECT count(*) FROM outbox WHERE entity = 'report'").fetchone()[
        0
    ]
    assert outboxed == store.conn.execute("SELECT count(*) FROM reports").fetchone()[0]


def test_every_saved_report_survives_kill_9(tmp_path: Path):
    data = tmp_path / "data"
    with Store(data) as store:
        op_id = store.operations.create("Exercice radio", exercise=True)["id"]
    saved: list[str] = []
    # The kill lands wherever the child happens to be: mid-transaction, in fsync, printing.
    for count in (200, 37, 120):
        child = start(SAVER, str(data), op_id)
        saved += read_lines(child, count)
        kill(child)
        with Store(data) as store:
            for report_id in saved:
                assert store.reports.get(report_id)["operation_id"] == op_id
            assert_intact(store)


def test_killed_bulk_load_leaves_no_partial_reports(tmp_path: Path):
    data = tmp_path / "data"
    child = start(BULK, str(data))
    read_lines(child, 1)  # 5,000 reports are in the open transaction
    helpers = children_of(child.pid)  # the process that makes the reports
    kill(child)
    with Store(data) as store:
        (demo,) = store.operations.list()
        assert store.reports.count(ReportQuery(demo["id"])) == 0
        assert_intact(store)
    assert helpers, "the demo load was expected to use a helper process"
    deadline = time.monotonic() + 20
    while any(Path(f"/proc/{pid}").exists() for pid in helpers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(Path(f"/proc/{pid}").exists() for pid in helpers), "orphan left running"


def children_of(pid: int) -> list[int]:
    """Processes whose parent is `pid` (Linux /proc)."""
    found = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(line.split(":\t", 1) for line in status.read_text().splitlines())
        except (OSError, ValueError):
            continue
        if fields.get("PPid", "").strip() == str(pid):
            found.append(int(status.parent.name))
    return found
