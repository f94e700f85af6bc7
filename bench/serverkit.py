"""Shared by the server benchmarks: a throw-away PostgreSQL, `fieldapp serve` subprocesses,
and where the machine's CPU went during a run (Linux /proc).

PostgreSQL runs from /usr/lib/postgresql/*/bin as the `postgres` user in a temp dir, as
in the tests (tests/sync/conftest.py). Plain functions for scripts; one thread.
"""

from __future__ import annotations

import glob
import os
import pwd
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import requests

from fieldapp.sync.protocol import wire


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_postgres(root: Path) -> tuple[str, Callable[[], None]]:
    """A PostgreSQL cluster in `root` on a free port: (admin URL without database, stop)."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"))
    if not found:
        raise SystemExit("PostgreSQL binaries are not installed (/usr/lib/postgresql/*/bin)")
    bindir, port, user = Path(found[-1]).parent, free_port(), pwd.getpwnam("postgres")
    os.chown(root, user.pw_uid, user.pw_gid)

    def as_postgres(*cmd: str) -> None:
        subprocess.run(["runuser", "-u", "postgres", "--", *cmd], check=True,
                       capture_output=True, cwd=root)  # fmt: skip

    data = root / "data"
    as_postgres(str(bindir / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres")
    as_postgres(str(bindir / "pg_ctl"), "-D", str(data), "-l", str(root / "log"), "-w", "-o",
                f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c max_connections=200",
                "start")  # fmt: skip
    return f"postgresql://postgres@127.0.0.1:{port}", lambda: as_postgres(
        str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"
    )


def create_database(admin: str, name: str) -> str:
    """A new empty database on the cluster; its URL."""
    import psycopg

    with psycopg.connect(admin + "/postgres", autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    return f"{admin}/{name}"


def start_server(db_url: str, folder: Path, workers: int = 1) -> tuple[subprocess.Popen, str]:
    """`fieldapp serve` (with --workers when more than 1) on a free port: (process, API URL)."""
    port = free_port()
    cmd = [sys.executable, "-m", "fieldapp", "--data-dir", str(folder), "serve", "--db", db_url,
           "--port", str(port), "--workers", str(workers)]  # fmt: skip
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}{wire.API}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if requests.get(f"{url}/status", timeout=5).status_code == 401:
                return proc, url
        except requests.ConnectionError:
            time.sleep(0.1)
    raise RuntimeError("the server did not start")


def cpu(server: int, pg_root: Path | None = None) -> dict[str, float]:
    """CPU seconds so far of the server's processes, of PostgreSQL's (if any), of this
    client, and of the whole machine (busy, all cores): where the cores went."""
    tick = os.sysconf("SC_CLK_TCK")
    server_pids = {server, *children(server)}
    pg_pids: set[int] = set()
    if pg_root is not None:
        postmaster = int((pg_root / "data" / "postmaster.pid").read_text().split()[0])
        pg_pids = {postmaster, *children(postmaster)}
    busy = sum(int(v) for i, v in enumerate(Path("/proc/stat").read_text().split()[1:9])
               if i not in (3, 4))  # fmt: skip  # all but idle and iowait
    times = os.times()
    return {
        "server": sum(_cpu_of(pid) for pid in server_pids) / tick,
        "postgres": sum(_cpu_of(pid) for pid in pg_pids) / tick,
        "client": times.user + times.system,
        "machine": busy / tick,
    }


def cores(used: dict[str, float], wall: float) -> str:
    """The cores each part kept busy on average over `wall` seconds, as a line."""
    others = used["machine"] - used["server"] - used["postgres"] - used["client"]
    postgres = f" PostgreSQL {used['postgres'] / wall:.2f}," if used["postgres"] else ""
    return (
        f"cores in use (of {os.cpu_count()}): server {used['server'] / wall:.2f},{postgres}"
        f" this client {used['client'] / wall:.2f}, other programs {max(0.0, others) / wall:.2f}"
    )


def children(pid: int) -> set[int]:
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == pid:
                found.add(int(stat.parent.name))
        except (OSError, ValueError):
            continue
    return found


def _cpu_of(pid: int) -> int:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0
    return int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15 of stat)


def loadavg() -> str:
    """The machine's load averages (1, 5, 15 minutes)."""
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])
