"""A bad-link proxy for the sync tests: field links simulated on loopback.

`BadLink(target_port)` listens on a free loopback port and forwards HTTP/1.1 to the
target, one request at a time per connection, with what a satellite or HF link does to
traffic:

- latency: half a round trip before each request reaches the server and half before
  its answer comes back (plus one round trip to open a connection, as TCP does);
- a bandwidth cap in each direction (bytes are released at that rate, both ways at once);
- faults, per request, from a plan (`fail_next`) or at random (`chaos`):
  `cut_request` (the connection drops after part of the request: the server never
  answers), `cut_response` (the server answered, the client gets part of it),
  `lost_ack` (the server handled the request, the client gets nothing: the case that
  makes naive clients send twice), `error_503` (the proxy answers 503 itself).

It speaks just enough HTTP to find where a request and its answer end (Content-Length
or chunked), so faults hit exactly one exchange. Counters (`requests`, `bytes_up`,
`bytes_down`, `faults`) let tests and benchmarks see what went over the link.
Runs an asyncio loop in a daemon thread; the public methods are thread-safe.
"""

from __future__ import annotations

import asyncio
import contextlib
import random
import socket
import struct
import threading
from collections import deque
from dataclasses import dataclass, field

FAULTS = ("cut_request", "cut_response", "lost_ack", "error_503")
_CHUNK = 1024
_503 = (
    b"HTTP/1.1 503 Service Unavailable\r\nContent-Length: 20\r\nConnection: close\r\n\r\n"
    b"link said: try later"
)


class LinkClosed(Exception):
    """One side closed the connection."""


@dataclass
class LinkStats:
    requests: int = 0
    connections: int = 0
    bytes_up: int = 0  # client to server
    bytes_down: int = 0  # server to client
    faults: list[str] = field(default_factory=list)


class BadLink:
    """A proxy from a free loopback port to `127.0.0.1:target_port`; use as a context."""

    def __init__(
        self,
        target_port: int,
        *,
        rtt_s: float = 0.0,
        bytes_per_s: float | None = None,
        connect_costs_rtt: bool = True,
    ):
        self.target_port = target_port
        self.rtt_s = rtt_s
        self.bytes_per_s = bytes_per_s
        self.connect_costs_rtt = connect_costs_rtt
        self.stats = LinkStats()
        self._plan: deque[str | None] = deque()
        self._chaos: tuple[float, random.Random] | None = None
        self._lock = threading.Lock()
        self._loop = asyncio.new_event_loop()
        self._server: asyncio.base_events.Server | None = None
        self._tasks: set[asyncio.Task] = set()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self.port = 0

    # -- control (any thread) ---------------------------------------------------------

    def __enter__(self) -> BadLink:
        self._thread.start()
        asyncio.run_coroutine_threadsafe(self._start(), self._loop).result(timeout=10)
        return self

    def __exit__(self, *exc: object) -> None:
        asyncio.run_coroutine_threadsafe(self._stop(), self._loop).result(timeout=10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=10)
        self._loop.close()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def fail_next(self, *faults: str | None) -> None:
        """Faults for the next requests, in order (None: that request goes through)."""
        unknown = [f for f in faults if f is not None and f not in FAULTS]
        if unknown:
            raise ValueError(f"unknown faults {unknown}; known: {FAULTS}")
        with self._lock:
            self._plan.extend(faults)

    def chaos(self, probability: float, seed: int = 0) -> None:
        """From now on each request fails with `probability`, with a random fault."""
        with self._lock:
            self._chaos = (probability, random.Random(seed)) if probability > 0 else None

    def heal(self) -> None:
        """No more faults (planned or random); latency and bandwidth stay."""
        with self._lock:
            self._plan.clear()
            self._chaos = None

    def _next_fault(self) -> str | None:
        with self._lock:
            self.stats.requests += 1
            if self._plan:
                fault = self._plan.popleft()
            elif self._chaos and self._chaos[1].random() < self._chaos[0]:
                fault = self._chaos[1].choice(FAULTS)
            else:
                fault = None
            if fault:
                self.stats.faults.append(fault)
            return fault

    # -- the proxy (loop thread) -------------------------------------------------------

    async def _start(self) -> None:
        self._server = await asyncio.start_server(self._serve, "127.0.0.1", 0)
        self.port = self._server.sockets[0].getsockname()[1]

    async def _stop(self) -> None:
        if self._server is not None:
            self._server.close()
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)

    async def _serve(self, client_r: asyncio.StreamReader, client_w: asyncio.StreamWriter):
        self.stats.connections += 1
        task = asyncio.current_task()
        self._tasks.add(task)
        server_w = None
        try:
            if self.connect_costs_rtt:
                await asyncio.sleep(self.rtt_s)
            server_r, server_w = await asyncio.open_connection("127.0.0.1", self.target_port)
            while await self._exchange(client_r, client_w, server_r, server_w):
                pass
        except (LinkClosed, ConnectionError, asyncio.IncompleteReadError, asyncio.CancelledError):
            pass
        finally:
            self._tasks.discard(task)
            for writer in (client_w, server_w):
                if writer is not None:
                    _abort(writer)

    async def _exchange(self, client_r, client_w, server_r, server_w) -> bool:
        """One request and its answer; False when the connection must end."""
        request = await _read_message(client_r, is_request=True)
        if request is None:
            return False
        fault = self._next_fault()
        if fault == "error_503":
            await self._send(client_w, _503, up=False)
            return False
        await asyncio.sleep(self.rtt_s / 2)
        if fault == "cut_request":
            await self._send(server_w, request[: max(1, len(request) // 2)], up=True)
            return False
        await self._send(server_w, request, up=True)
        answer = await _read_message(server_r, is_request=False)
        if answer is None:
            return False
        if fault == "lost_ack":
            return False
        await asyncio.sleep(self.rtt_s / 2)
        if fault == "cut_response":
            await self._send(client_w, answer[: max(1, len(answer) // 2)], up=False)
            return False
        await self._send(client_w, answer, up=False)
        return b"\r\nconnection: close" not in answer.split(b"\r\n\r\n", 1)[0].lower()

    async def _send(self, writer: asyncio.StreamWriter, data: bytes, *, up: bool) -> None:
        """Write `data` at the link's rate."""
        for start in range(0, len(data), _CHUNK):
            piece = data[start : start + _CHUNK]
            if self.bytes_per_s:
                await asyncio.sleep(len(piece) / self.bytes_per_s)
            writer.write(piece)
            await writer.drain()
            if up:
                self.stats.bytes_up += len(piece)
            else:
                self.stats.bytes_down += len(piece)


async def _read_message(reader: asyncio.StreamReader, *, is_request: bool) -> bytes | None:
    """A whole HTTP/1.1 message (head and body), or None at a clean end of stream."""
    try:
        head = await reader.readuntil(b"\r\n\r\n")
    except asyncio.IncompleteReadError as exc:
        if not exc.partial:
            return None
        raise LinkClosed from exc
    headers = _headers(head)
    if "chunked" in headers.get("transfer-encoding", ""):
        return head + await _read_chunked(reader)
    if "content-length" in headers:
        return head + await reader.readexactly(int(headers["content-length"]))
    if is_request or _bodiless(head):
        return head
    return head + await reader.read()  # an answer delimited by closing the connection


def _headers(head: bytes) -> dict[str, str]:
    lines = head.decode("latin-1").split("\r\n")[1:]
    pairs = (line.split(":", 1) for line in lines if ":" in line)
    return {name.strip().lower(): value.strip().lower() for name, value in pairs}


def _bodiless(head: bytes) -> bool:
    status = head.split(b" ", 2)[1:2]
    return bool(status) and (status[0] in (b"204", b"304") or status[0].startswith(b"1"))


async def _read_chunked(reader: asyncio.StreamReader) -> bytes:
    body = b""
    while True:
        size_line = await reader.readuntil(b"\r\n")
        size = int(size_line.split(b";")[0], 16)
        body += size_line + await reader.readexactly(size + 2)
        if size == 0:
            return body  # trailers are not used by our server


def _abort(writer: asyncio.StreamWriter) -> None:
    """Close hard (RST), like a link that drops, rather than a polite FIN."""
    sock = writer.get_extra_info("socket")
    if sock is not None:
        with contextlib.suppress(OSError):
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    writer.close()
