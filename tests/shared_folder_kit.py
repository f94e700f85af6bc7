"""Several programs on one data folder: a writer like the window, and the command line.

The writer is a process shaped like the window: one Store it saves through, and worker
threads that each open a Store, read and close it again, over and over. Beside it, the
command line runs every command that touches the store (`report add|list|edit`, `check`,
`backup`, `sync` against a real `fieldapp serve`, `demo`, `radio add`, `tiles import`),
one after the other, and either side is killed with SIGKILL at random moments.

What is checked, by `Run.verdict()` and by a watcher thread while it runs:
- every save the writer or a command reported (an id printed after the commit) is there;
- `PRAGMA integrity_check` is ok and `fieldapp check` finds nothing;
- the writer never held a deleted `fieldapp.db`, `-wal` or `-shm` (read from
  /proc/PID/fd, so Linux only): a deleted WAL under a live connection is how saves are
  lost;
- no program ever printed "disk I/O error" or "malformed", and no command that was not
  killed failed.

Used by tests/test_shared_folder.py (a short run) and bench/shared_folder_bench.py (a
long one that prints its figures). Plain threads and subprocesses, no Qt.
"""

from __future__ import annotations

import json
import os
import random
import signal
import socket
import subprocess
import sys
import textwrap
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

SAMPLE_TILES = Path(__file__).resolve().parent / "samples" / "geo" / "mbtiles"
BAD_WORDS = ("disk I/O error", "malformed", "is damaged", "Traceback")

WRITER = textwrap.dedent(
    """
    import sys, threading
    from fieldapp.reports.query import ReportQuery
    from fieldapp.store import Store

    data, op_id, name = sys.argv[1], sys.argv[2], sys.argv[3]

    def reader():
        # the window's background work: a Store per task, opened and closed each time
        while True:
            with Store(data) as store:
                store.reports.count(ReportQuery(op_id))

    for _ in range(2):
        threading.Thread(target=reader, daemon=True).start()
    store = Store(data, user="window")
    n = 0
    while True:
        report = store.reports.add(op_id, {"title": f"{name} {n}", "body": "QRV " * 40})
        print(report["id"], flush=True)  # only once the save has returned
        n += 1
    """
)


def fieldapp(*args: str) -> list[str]:
    return [sys.executable, "-m", "fieldapp", *args]


def deleted_database_files(pid: int) -> list[str]:
    """The fieldapp.db files (and -wal, -shm) a process holds that are gone from the disk."""
    found = []
    try:
        fds = os.listdir(f"/proc/{pid}/fd")
    except OSError:
        return []  # the process has ended
    for fd in fds:
        try:
            target = os.readlink(f"/proc/{pid}/fd/{fd}")
        except OSError:
            continue
        if "fieldapp.db" in target and target.endswith(" (deleted)"):
            found.append(target)
    return found


def _still_pending(args: list[str], out: str) -> bool:
    """`sync` is "NOT fully synchronised" (exit 1) when the writer saved more during its
    round: true, and no failure. A sync that met an error or a refusal did fail."""
    if args[0] != "sync":
        return False
    try:
        report = json.loads(out)
    except ValueError:
        return False
    return report["pending"] > 0 and not report["errors"] and not report["rejected"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Figures:
    writer_saves: int = 0
    command_saves: int = 0
    commands: int = 0
    writer_kills: int = 0
    command_kills: int = 0
    lost: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def line(self) -> str:
        return (
            f"saves: {self.writer_saves} by the writer, {self.command_saves} by commands; "
            f"{self.commands} commands run; kills: {self.writer_kills} writer, "
            f"{self.command_kills} commands; lost: {len(self.lost)}; "
            f"problems: {len(self.problems)}"
        )


class Writer:
    """The window-like process, restarted after each kill; collects the ids it printed."""

    def __init__(self, data: Path, op_id: str, saved: list[str]):
        self.data, self.op_id, self.saved = data, op_id, saved
        self.proc: subprocess.Popen | None = None
        self.dying = False  # set before a kill: a dying process's files close one by one
        self.generation = 0
        self._reader: threading.Thread | None = None

    def start(self) -> None:
        self.generation += 1
        name = f"window-{self.generation}"
        proc = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(self.data), self.op_id, name],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        # The new process first, then "not dying": the other way round, the watcher could
        # see the killed writer, still closing its files, as a live one.
        self.proc = proc
        self.dying = False
        self._reader = threading.Thread(target=self._collect, args=(proc,), daemon=True)
        self._reader.start()

    def _collect(self, proc: subprocess.Popen) -> None:
        for line in proc.stdout:  # type: ignore[union-attr]
            self.saved.append(line.strip())

    def kill(self) -> str:
        """SIGKILL; returns what the writer printed on stderr (its errors, if any)."""
        assert self.proc is not None
        self.dying = True
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait()
        if self._reader is not None:
            self._reader.join(10)
        return self.proc.stderr.read()  # type: ignore[union-attr]

    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None


class Run:
    """One data folder, a joined sync server, a writer and the command line, for `seconds`."""

    def __init__(self, root: Path, *, seconds: float, seed: int = 1, writer_every: float = 4.0):
        self.root, self.seconds, self.writer_every = root, seconds, writer_every
        self.random = random.Random(seed)
        self.data = root / "data"
        self.figures = Figures()
        self.writer_ids: list[str] = []
        self.command_ids: list[str] = []
        self.report_ids: list[str] = []
        self._stop = threading.Event()
        self.server: subprocess.Popen | None = None

    # -- set-up --------------------------------------------------------------------------

    def setup(self) -> None:
        self.op_id = self._json("operation", "create", "Crue de l'Aude", "--json")["id"]
        self._cli("operation", "use", self.op_id)
        self._start_server()

    def _start_server(self) -> None:
        srv, port = self.root / "server", free_port()
        self._cli_in(srv, "server", "init")
        self._cli_in(srv, "server", "user", "add", "window", "--role", "coordinator")
        code = json.loads(self._cli_in(srv, "server", "enroll", "window", "--json"))["code"]
        self.server = subprocess.Popen(
            fieldapp("--data-dir", str(srv), "serve", "--port", str(port)),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 30
        while socket.socket().connect_ex(("127.0.0.1", port)) != 0:
            assert time.monotonic() < deadline, "the sync server did not start"
            assert self.server.poll() is None, "the sync server exited"
            time.sleep(0.05)
        self._cli("join", f"http://127.0.0.1:{port}", code, "--name", "field laptop")

    def _cli_in(self, data: Path, *args: str) -> str:
        result = subprocess.run(
            fieldapp("--data-dir", str(data), *args), capture_output=True, text=True, timeout=120
        )
        assert result.returncode == 0, f"{args}: {result.stderr}"
        return result.stdout

    def _cli(self, *args: str) -> str:
        return self._cli_in(self.data, *args)

    def _json(self, *args: str) -> dict:
        return json.loads(self._cli(*args))

    # -- the run -------------------------------------------------------------------------

    def run(self) -> Figures:
        self.setup()
        writer = Writer(self.data, self.op_id, self.writer_ids)
        writer.start()
        watcher = threading.Thread(target=self._watch, args=(writer,), daemon=True)
        watcher.start()
        deadline = time.monotonic() + self.seconds
        next_kill = time.monotonic() + self.writer_every * self.random.uniform(0.5, 1.5)
        try:
            while time.monotonic() < deadline:
                self._one_command()
                if time.monotonic() >= next_kill:
                    self._kill_writer(writer)
                    writer.start()
                    next_kill = time.monotonic() + self.writer_every * self.random.uniform(0.5, 1.5)
            self._kill_writer(writer)
        finally:
            self._stop.set()
            watcher.join(5)
            if writer.alive():
                writer.kill()
            if self.server is not None:
                self.server.kill()
                self.server.wait()
        self._verdict()
        return self.figures

    def _kill_writer(self, writer: Writer) -> None:
        if not writer.alive():
            self.figures.problems.append(f"the writer stopped by itself: {writer.kill()}")
            return
        errors = writer.kill()
        self.figures.writer_kills += 1
        if errors.strip():
            self.figures.problems.append(f"the writer failed: {errors.strip()[-600:]}")

    def _watch(self, writer: Writer) -> None:
        """Every few milliseconds: does the writer hold a deleted database file?"""
        while not self._stop.is_set():
            proc = writer.proc
            if proc is not None:
                gone = deleted_database_files(proc.pid)
                # Only a live writer counts: once killed, its locks go before its files
                # close, and another program rightly removes the WAL it no longer uses.
                if gone and not writer.dying and writer.proc is proc:
                    self.figures.problems.append(f"deleted under the writer: {gone}")
                    return
            time.sleep(0.005)

    def _one_command(self) -> None:
        args, collect = self._pick()
        proc = subprocess.Popen(
            fieldapp("--data-dir", str(self.data), *args),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        killed = False
        if self.random.random() < 0.35:  # kill it somewhere in its run
            try:
                proc.wait(self.random.uniform(0.1, 0.9))
            except subprocess.TimeoutExpired:
                proc.send_signal(signal.SIGKILL)
                killed = True
        out, err = proc.communicate(timeout=180)
        self.figures.commands += 1
        if killed:
            self.figures.command_kills += 1
        if any(word in out + err for word in BAD_WORDS):
            self.figures.problems.append(f"{args[:2]} said: {err.strip()[-600:]}")
        elif proc.returncode != 0 and not killed and not _still_pending(args, out):
            self.figures.problems.append(f"{args[:2]} failed ({proc.returncode}): {err}{out}")
        elif proc.returncode == 0 and collect is not None:
            collect(out)

    def _pick(self):
        n = self.figures.commands
        choices = [
            (["report", "add", "--title", f"cli {n}", "--json"], self._saved_report),
            (["report", "list", "--limit", "20"], None),
            (["check"], None),
            (["backup"], None),
            (["sync", "--json"], None),
            (["radio", "add", "--text", f"QTC {n}", "--station", "F4ABC", "--json"],
             self._saved_message),
            (["demo", "--reports", "20"], None),
            (["tiles", "import", str(self._tile_sample()), "--name", "aude", "--replace"], None),
        ]  # fmt: skip
        if self.report_ids:
            target = self.random.choice(self.report_ids)
            choices.append((["report", "edit", target, "--status", "closed", "--json"], None))
        return self.random.choice(choices)

    def _tile_sample(self) -> Path:
        return SAMPLE_TILES / "one_tile.mbtiles"

    def _saved_report(self, out: str) -> None:
        self.report_ids.append(json.loads(out)["id"])
        self.command_ids.append(self.report_ids[-1])
        self.figures.command_saves += 1

    def _saved_message(self, out: str) -> None:
        self.command_ids.append(json.loads(out)["id"])
        self.figures.command_saves += 1

    # -- afterwards ----------------------------------------------------------------------

    def _verdict(self) -> None:
        import sqlite3

        from fieldapp.core.backup import check

        self.figures.writer_saves = len(self.writer_ids)
        conn = sqlite3.connect(self.data / "fieldapp.db")
        try:
            known = {r[0] for r in conn.execute("SELECT id FROM reports WHERE deleted = 0")}
            known |= {r[0] for r in conn.execute("SELECT id FROM radio_messages")}
            integrity = [r[0] for r in conn.execute("PRAGMA integrity_check")]
        except sqlite3.DatabaseError as exc:  # damaged: every save counts as lost
            known, integrity = set(), [str(exc)]
        finally:
            conn.close()
        self.figures.lost = [i for i in self.writer_ids + self.command_ids if i not in known]
        if integrity != ["ok"]:
            self.figures.problems.append(f"integrity_check: {integrity[:5]}")
            return
        self.figures.problems += [f"fieldapp check: {p}" for p in check(self.data)]
        for made in sorted((self.data / "backups").glob("*.db")):  # killed ones included
            conn = sqlite3.connect(made)
            try:
                result = [r[0] for r in conn.execute("PRAGMA integrity_check")]
            except sqlite3.DatabaseError as exc:
                result = [str(exc)]
            finally:
                conn.close()
            if result != ["ok"]:
                self.figures.problems.append(f"backup {made.name}: {result[:3]}")
