"""Fixtures of the server tests: a real `fieldapp serve` subprocess on a free loopback
port, against SQLite and against a real PostgreSQL server started in a temp dir.

PostgreSQL runs as the `postgres` user (initdb refuses root) from the binaries in
/usr/lib/postgresql/*/bin; the tests that need it are skipped only if those are absent.
"""

from __future__ import annotations

import glob
import itertools
import os
import pwd
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import pytest
import requests

from fieldapp.sync.protocol import wire
from fieldapp.sync.server import accounts
from fieldapp.sync.server.serve import open_database

_DB_NAMES = itertools.count()
CREATED = "2026-11-28T20:35:27.123Z"


def report_values(title: str = "Water on the road", **values) -> dict:
    """Every field a new report needs (records.REPORT.required), as a desktop sends it."""
    return {"title": title, "severity": 3, "kind": "hazard", "source": "field",
            "status": "new", "verification": "unverified", "created_at": CREATED,
            **values}  # fmt: skip


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def listening_ports(pid: int) -> set[int]:
    """The TCP ports (IPv4 and IPv6) a process listens on, from /proc (Linux)."""
    inodes = set()
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            target = os.readlink(fd)
        except OSError:  # closed meanwhile
            continue
        if target.startswith("socket:["):
            inodes.add(target[8:-1])
    ports = set()
    for table in ("tcp", "tcp6"):
        for line in Path(f"/proc/{pid}/net/{table}").read_text().splitlines()[1:]:
            fields = line.split()
            if fields[3] == "0A" and fields[9] in inodes:  # 0A: LISTEN
                ports.add(int(fields[1].rsplit(":", 1)[1], 16))
    return ports


def wait_until(check, timeout: float = 30.0, what: str = "condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = check()
        if result:
            return result
        time.sleep(0.02)
    raise AssertionError(f"timed out waiting for {what}")


def _pg_bin() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"))
    return Path(found[-1]).parent if found else None


@pytest.fixture(scope="session")
def postgres():
    """A PostgreSQL server for the session: its admin URL (postgresql://...).

    Its folder is made with mkdtemp, not under pytest's root-only temp folder, which the
    postgres user could not enter.
    """
    bindir = _pg_bin()
    if bindir is None:
        pytest.skip("PostgreSQL binaries are not installed (/usr/lib/postgresql/*/bin)")
    root = Path(tempfile.mkdtemp(prefix="fieldapp-pg-"))
    data, port = root / "data", free_port()
    user = pwd.getpwnam("postgres")
    os.chown(root, user.pw_uid, user.pw_gid)

    def as_postgres(*cmd: str) -> None:
        subprocess.run(["runuser", "-u", "postgres", "--", *cmd], check=True,
                       capture_output=True, cwd=root)  # fmt: skip

    as_postgres(str(bindir / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres")
    as_postgres(str(bindir / "pg_ctl"), "-D", str(data), "-l", str(root / "log"), "-w", "-o",
                f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off",
                "start")  # fmt: skip
    try:
        yield f"postgresql://postgres@127.0.0.1:{port}"
    finally:
        as_postgres(str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop")
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path):
    """A fresh, empty server database URL on each back-end."""
    if request.param == "sqlite":
        return str(tmp_path / "server.db")
    import psycopg

    admin = request.getfixturevalue("postgres")
    name = f"fieldapp_{os.getpid()}_{next(_DB_NAMES)}"
    with psycopg.connect(admin + "/postgres", autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    return f"{admin}/{name}"


def self_signed_certificate(folder: Path) -> tuple[Path, Path]:
    """A self-signed certificate (and its key) for 127.0.0.1, made by openssl."""
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                    "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
                    "-keyout", str(key), "-out", str(cert)], check=True,
                   capture_output=True)  # fmt: skip
    return cert, key


class Server:
    """A `fieldapp serve` subprocess and helpers to enroll devices and call its API."""

    def __init__(
        self, db_url: str, data_dir: Path, env: dict | None = None, args: tuple[str, ...] = ()
    ):
        self.db_url, self.data_dir, self.args = db_url, data_dir, args
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}{wire.API}"
        self.env = {**os.environ, **(env or {})}
        self.db = open_database(db_url)
        self.proc: subprocess.Popen | None = None

    def start(self, tls: tuple[Path, Path] | None = None) -> Server:
        """Start `fieldapp serve`; with `tls` (certificate, key) it serves HTTPS."""
        cmd = [sys.executable, "-m", "fieldapp", "--data-dir", str(self.data_dir), "serve",
               "--db", self.db_url, "--port", str(self.port), *self.args]  # fmt: skip
        if tls is not None:
            cmd += ["--cert", str(tls[0]), "--key", str(tls[1])]
            self.url = f"https://127.0.0.1:{self.port}{wire.API}"
        for _attempt in range(5):
            self.proc = subprocess.Popen(cmd, env=self.env, stdout=subprocess.DEVNULL)
            if wait_until(self._listening_or_exited, what="the server to listen") == "listening":
                return self
            # Another program bound the port first: our server exited; take a new port.
            self.port = free_port()
            self.url = self.url.replace(f":{cmd[cmd.index('--port') + 1]}/", f":{self.port}/")
            cmd[cmd.index("--port") + 1] = str(self.port)
        raise AssertionError("the server could not listen on any of 5 free ports")

    def _listening_or_exited(self) -> str | None:
        assert self.proc is not None
        if self.proc.poll() is not None:
            return "exited"
        return "listening" if self._listening() else None

    def _listening(self) -> bool:
        """Our own process listens on the port. A connect() alone could reach another
        program's server that took the port between free_port() and our bind (another
        test run on the machine): the test would then talk to a stranger."""
        assert self.proc is not None and self.proc.poll() is None, "the server exited"
        return self.port in listening_ports(self.proc.pid)

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()

    def http_post(self, path: str, body: bytes, **headers: str) -> requests.Response:
        """A POST of raw bytes, with no token (what anyone on the network can send)."""
        return requests.post(self.url + path, data=body, headers=headers, timeout=30)

    def device(self, user: str, role: str = "volunteer", name: str = "laptop") -> Device:
        """A device of `user` (created if needed), enrolled through /join."""
        if user not in {u["name"] for u in accounts.users(self.db)}:
            accounts.add_user(self.db, user, role)
        code, _ = accounts.enroll(self.db, user)
        answer = requests.post(f"{self.url}/join", json={"code": code, "device_name": name},
                               timeout=10)  # fmt: skip
        assert answer.status_code == 200, answer.text
        return Device(self, answer.json())


class Device:
    def __init__(self, server: Server, joined: dict):
        self.server, self.id, self.token = server, joined["device_id"], joined["token"]
        self.node = uuid.uuid4().hex[:16]
        self.http = requests.Session()
        self.http.headers["Authorization"] = f"Bearer {self.token}"
        self.wall = int(time.time() * 1000)

    def stamp(self) -> str:
        self.wall += 1
        return f"{self.wall:013d}-0000-{self.node}"

    def push(self, entries: list[dict], batch_key: str | None = None) -> requests.Response:
        body = wire.push_body(batch_key or uuid.uuid4().hex, int(time.time() * 1000), entries)
        return self.http.post(f"{self.server.url}/push", data=wire.encode_body(body),
                              headers={"Content-Encoding": "gzip"}, timeout=30)  # fmt: skip

    def pull(self, since: int = 0, limit: int = 1000, have: str = "") -> requests.Response:
        params: dict = {"since": since, "limit": limit, **({"have": have} if have else {})}
        return self.http.get(f"{self.server.url}/pull", params=params, timeout=30)

    def pull_all(self, since: int = 0, limit: int = 1000, have: str = "") -> tuple[list, list, int]:
        records, conflicts = [], []
        while True:
            page = self.pull(since, limit, have)
            assert page.status_code == 200, page.text
            body = wire.parse_pull_answer(page.json())
            records += body["records"]
            conflicts += body["conflicts"]
            since = body["next"]
            if not body["more"]:
                return records, conflicts, since

    def entry(self, entity: str, row_id: str, operation_id: str, base: str | None = None,
              **values) -> dict:  # fmt: skip
        if base is not None:  # an HLC has observed the base it edits on top of
            self.wall = max(self.wall, int(base[:13]))
        stamp = self.stamp()
        return {"op_id": uuid.uuid4().hex, "entity": entity, "id": row_id,
                "operation_id": operation_id,
                "fields": {k: {"v": v, "s": stamp, "b": base}
                           for k, v in values.items()}}  # fmt: skip

    def new_operation(self, name: str = "Floods", exercise: int = 0) -> tuple[str, dict]:
        op = uuid.uuid4().hex
        return op, self.entry("operation", op, op, name=name, exercise=exercise,
                              created_at=CREATED)  # fmt: skip

    def new_report(
        self, operation_id: str, title: str = "Water on the road", **values
    ) -> tuple[str, dict]:
        rid = uuid.uuid4().hex
        return rid, self.entry("report", rid, operation_id, **report_values(title, **values))


@pytest.fixture
def server(db_url, tmp_path):
    running = Server(db_url, tmp_path / "srv").start()
    try:
        yield running
    finally:
        running.stop()
        running.db.close()


@pytest.fixture
def coordinator(server):
    return server.device("carla", "coordinator")


@pytest.fixture
def operation(coordinator):
    """An open operation on the server, created by the coordinator: its id."""
    op, entry = coordinator.new_operation()
    answer = coordinator.push([entry])
    assert answer.json()["results"] == ["applied"], answer.text
    return op


def statuses(answer: requests.Response) -> list[str]:
    assert answer.status_code == 200, answer.text
    return answer.json()["results"]


def psql_available() -> bool:
    return shutil.which("runuser") is not None and _pg_bin() is not None
