"""`fieldapp serve --workers N`: a supervisor and N forked server processes on one socket.

The supervisor (the process the command started) has migrated the database (serve.py);
here it binds the listening socket once and forks N workers. Each worker opens its own
Database (its own pool) and runs uvicorn on the inherited socket: the kernel gives each
new connection to whichever worker accepts it first, a keep-alive connection stays with
its worker. One shared socket rather than SO_REUSEPORT: the port keeps listening from
start to stop, through a worker's restart (new connections wait in the backlog instead
of being reset with a dead worker's queue), and no other program can bind into it.
uvicorn's own --workers is not used: it spawns fresh interpreters that rebuild the app
from an import string (the database URL and blob folder would travel in environment
variables), and it restarts a worker that cannot start for ever.

Deaths: a worker that exits by itself is restarted, with a line on stderr; more than
MAX_DEATHS deaths within DEATH_WINDOW_S (a worker that cannot start: database gone,
blob folder unwritable) stop the whole server, loudly, with exit status 1. SIGTERM or
Ctrl-C (SIGINT) to the supervisor: each worker gets SIGTERM and finishes its requests in
flight (uvicorn's graceful stop); a worker still alive after STOP_GRACE_S, or all of them
at a second signal, is killed. Workers ignore SIGINT (Ctrl-C reaches the whole process
group: the supervisor alone decides) and, on Linux, get SIGTERM if the supervisor itself
dies, even by SIGKILL: no orphan keeps serving.

Nothing in a worker's memory decides rights or numbering: who may do what is read from
the database on every request (accounts.py, policy.py), sequence numbers and idempotency
are in the database (db.py, push.py), partial blobs are flock'ed files (blobs.py), and
the /join throttle splits its budget between the workers (throttle.py). Each response
names its worker in the `FieldApp-Worker` header (1..N), for tests and operators.

Threading: the supervisor is single-threaded (signal handlers set a counter, its loop
waits on the workers' sentinels); each worker is a uvicorn process as in serve.py.
POSIX only (fork).
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import socket
import sys
import time
from collections import deque
from collections.abc import Callable
from multiprocessing.connection import wait
from multiprocessing.process import BaseProcess
from pathlib import Path
from types import FrameType
from typing import Any

import uvicorn
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from fieldapp.sync.server import throttle
from fieldapp.sync.server.app import create_app
from fieldapp.sync.server.db import Database

MAX_DEATHS = 5
DEATH_WINDOW_S = 60.0
STOP_GRACE_S = 15.0  # uvicorn's graceful stop (serve.GRACEFUL_STOP_S) and some room
POLL_S = 0.2
WORKER_HEADER = b"fieldapp-worker"


def run_workers(url: str, blob_root: Path, options: dict[str, Any], workers: int) -> int:
    """Serve with `workers` processes until SIGTERM/SIGINT (0) or a crash loop (1)."""
    listener = uvicorn.Config(app=_no_app, **options).bind_socket()  # exits 1 if taken
    fork = multiprocessing.get_context("fork")
    supervisor = os.getpid()

    def start(index: int) -> BaseProcess:
        process = fork.Process(
            target=_worker,
            args=(index, workers, listener, url, blob_root, options, supervisor),
            name=f"fieldapp-worker-{index}",
        )
        process.start()
        return process

    try:
        return Supervisor(start, workers).run()
    finally:
        listener.close()


class Supervisor:
    """Starts `count` workers, restarts the ones that die, stops them all at a signal."""

    def __init__(self, start: Callable[[int], BaseProcess], count: int):
        self._start, self.count = start, count
        self.workers: dict[int, BaseProcess] = {}
        self.deaths: deque[float] = deque()
        self.signals = 0

    def run(self) -> int:
        handled = (signal.SIGTERM, signal.SIGINT)
        previous = {sig: signal.signal(sig, self._on_signal) for sig in handled}
        try:
            for index in range(1, self.count + 1):
                self.workers[index] = self._start(index)
            return self._watch()
        finally:
            self._stop_all()
            for sig, handler in previous.items():
                signal.signal(sig, handler)

    def _on_signal(self, _sig: int, _frame: FrameType | None) -> None:
        self.signals += 1

    def _watch(self) -> int:
        while not self.signals:
            ended = wait([process.sentinel for process in self.workers.values()], POLL_S)
            for index in [i for i, p in self.workers.items() if p.sentinel in ended]:
                problem = self._replace(index)
                if problem:
                    _say(problem)
                    return 1
        return 0

    def _replace(self, index: int) -> str | None:
        """Worker `index` died: start another, or say why the server must stop."""
        dead = self.workers[index]
        dead.join()
        now = time.monotonic()
        self.deaths.append(now)
        while self.deaths and self.deaths[0] < now - DEATH_WINDOW_S:
            self.deaths.popleft()
        how = _how_it_ended(dead.exitcode)
        if len(self.deaths) > MAX_DEATHS:
            return (
                f"worker {index} (pid {dead.pid}) {how}, the {len(self.deaths)}th death of a"
                f" worker within {DEATH_WINDOW_S:.0f} s: stopping the server"
            )
        _say(f"worker {index} (pid {dead.pid}) {how}; starting another")
        self.workers[index] = self._start(index)
        return None

    def _stop_all(self) -> None:
        """SIGTERM to every worker, then wait for them; kill what is left after
        STOP_GRACE_S, or at once when a second signal came."""
        stopping = self.signals
        for process in self.workers.values():
            if process.is_alive():
                process.terminate()
        deadline = time.monotonic() + STOP_GRACE_S
        while time.monotonic() < deadline and self.signals <= max(stopping, 1):
            alive = [p.sentinel for p in self.workers.values() if p.is_alive()]
            if not alive:
                break
            wait(alive, timeout=POLL_S)
        for process in self.workers.values():
            if process.is_alive():
                process.kill()
            process.join()


def _how_it_ended(exitcode: int | None) -> str:
    if exitcode is not None and exitcode < 0:
        return f"was killed by {signal.Signals(-exitcode).name}"
    return f"exited with status {exitcode}"


def _say(message: str) -> None:
    print(f"fieldapp serve: {message}", file=sys.stderr, flush=True)


async def _no_app(scope: Scope, receive: Receive, send: Send) -> None:
    """The supervisor's uvicorn.Config only binds the socket: it never serves."""
    raise RuntimeError("the supervisor serves nothing")


class _WorkerServer(uvicorn.Server):
    """uvicorn, deaf to SIGINT: the supervisor stops its workers with SIGTERM."""

    def handle_exit(self, sig: int, frame: FrameType | None) -> None:
        if sig != signal.SIGINT:
            super().handle_exit(sig, frame)


def _worker(
    index: int,
    workers: int,
    listener: socket.socket,
    url: str,
    blob_root: Path,
    options: dict[str, Any],
    supervisor: int,
) -> None:
    """One worker process (forked): serve on the supervisor's socket until SIGTERM."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _exit_quietly)  # before uvicorn takes it, and after
    _die_with(supervisor)
    throttle.share_among(workers)
    db = Database(url, processes=workers)
    try:
        app = _tagged(create_app(db, blob_root), index)
        _WorkerServer(uvicorn.Config(app, **options)).run(sockets=[listener])
    finally:
        db.close()


def _exit_quietly(_sig: int, _frame: FrameType | None) -> None:
    raise SystemExit(0)


def _die_with(supervisor: int) -> None:
    """Linux: SIGTERM this process when the supervisor dies (prctl PR_SET_PDEATHSIG)."""
    if sys.platform != "linux":
        return
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(1, signal.SIGTERM)  # 1: PR_SET_PDEATHSIG
    if os.getppid() != supervisor:  # it died before prctl took effect
        raise SystemExit(0)


def _tagged(app: ASGIApp, index: int) -> ASGIApp:
    """`app`, its HTTP answers naming the worker that gave them (FieldApp-Worker)."""
    header = (WORKER_HEADER, str(index).encode())

    async def tagged(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await app(scope, receive, send)
            return

        async def send_tagged(message: Message) -> None:
            if message["type"] == "http.response.start":
                message = {**message, "headers": [*message.get("headers", []), header]}
            await send(message)

        await app(scope, receive, send_tagged)

    return tagged
