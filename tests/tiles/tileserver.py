"""A tile server on 127.0.0.1 for the seeding tests and the benchmark, with switches for
the ways real servers misbehave: latency, 404, 500, garbage, 429 + Retry-After, 403,
slow answers, answers that trickle in, and requests held until the test lets them go.

Every request is recorded (time, tile, status, connection), with the peak number of
requests in progress at once, so tests can check behaviour from the server's side.
The server runs in its own threads (one per connection, like ThreadingHTTPServer).
"""

from __future__ import annotations

import io
import socket
import threading
import time
import zlib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from PIL import Image, PngImagePlugin

# rule(z, x, y, attempt, n) -> action; attempt counts requests for this tile (1 = first),
# n counts all requests (1 = first). Actions: None (a PNG tile), "garbage", "hold",
# ("status", code, {headers}), ("slow", seconds), ("trickle", seconds).
Rule = Callable[[int, int, int, int, int], object]


@dataclass
class Seen:
    at: float
    tile: tuple[int, int, int]
    status: int
    client: tuple[str, int]
    user_agent: str


def tile_png(z: int, x: int, y: int) -> bytes:
    """A small PNG unique to its tile (colour from the position, z/x/y in a text chunk)."""
    colour = (zlib.crc32(f"{z}/{x}/{y}".encode()) & 0xFFFFFF).to_bytes(3, "big")
    image = Image.new("P", (256, 256), 0)  # a palette image: cheap to encode
    image.putpalette(list(colour))
    info = PngImagePlugin.PngInfo()
    info.add_text("tile", f"{z}/{x}/{y}")
    out = io.BytesIO()
    image.save(out, "PNG", pnginfo=info, compress_level=1)
    return out.getvalue()


class TileServer:
    def __init__(self, latency: float = 0.0, rule: Rule | None = None):
        self.latency = latency
        self.rule = rule
        self.seen: list[Seen] = []
        self.attempts: Counter = Counter()
        self.served: Counter = Counter()  # tiles actually sent as images
        self.in_flight = 0
        self.max_in_flight = 0
        self.release = threading.Event()  # lets "hold" requests go (they get no answer)
        self.held = threading.Semaphore(0)  # one release per request that got held
        self._pngs: dict[tuple[int, int, int], bytes] = {}
        self._lock = threading.Lock()
        self._count = 0
        self._httpd: ThreadingHTTPServer | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/{{z}}/{{x}}/{{y}}.png"

    def png(self, z: int, x: int, y: int) -> bytes:
        with self._lock:
            if (z, x, y) not in self._pngs:
                self._pngs[(z, x, y)] = tile_png(z, x, y)
            return self._pngs[(z, x, y)]

    def start(self) -> TileServer:
        handler = type("Handler", (_Handler,), {"tiles": self})
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self._httpd.daemon_threads = True
        self._httpd.block_on_close = False
        self.port = self._httpd.server_address[1]
        threading.Thread(target=self._httpd.serve_forever, args=(0.05,), daemon=True).start()
        return self

    def stop(self) -> None:
        self.release.set()
        if self._httpd:
            self._httpd.shutdown()
            self._httpd.server_close()

    def __enter__(self) -> TileServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def connections(self) -> set[tuple[str, int]]:
        with self._lock:
            return {s.client for s in self.seen}

    def requested(self) -> Counter:
        with self._lock:
            return Counter(s.tile for s in self.seen)

    def _begin(self, tile: tuple[int, int, int]) -> tuple[int, int]:
        with self._lock:
            self._count += 1
            self.attempts[tile] += 1
            self.in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)
            return self.attempts[tile], self._count

    def _end(self, seen: Seen, served: bool) -> None:
        with self._lock:
            self.in_flight -= 1
            self.seen.append(seen)
            if served:
                self.served[seen.tile] += 1


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, so connection reuse can be checked
    tiles: TileServer

    def setup(self) -> None:
        super().setup()
        # Headers and body go out in separate writes: without this, Nagle's algorithm and
        # the client's delayed ACK add 40 ms to every answer.
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        parts = self.path.split("?")[0].strip("/").split("/")
        try:
            z, x, y = int(parts[0]), int(parts[1]), int(parts[2].split(".")[0])
        except (IndexError, ValueError):
            self._reply(400, b"bad path", "text/plain")
            return
        tile, arrived = (z, x, y), time.monotonic()
        attempt, n = self.tiles._begin(tile)
        action = self.tiles.rule(z, x, y, attempt, n) if self.tiles.rule else None
        status, served = 0, False
        try:
            if self.tiles.latency:
                time.sleep(self.tiles.latency)  # simulated network latency
            status, served = self._act(tile, action)
        finally:
            agent = self.headers.get("User-Agent", "")
            self.tiles._end(Seen(arrived, tile, status, self.client_address, agent), served)

    def _act(self, tile: tuple[int, int, int], action: object) -> tuple[int, bool]:
        if action is None:
            self._reply(200, self.tiles.png(*tile), "image/png")
            return 200, True
        if action == "garbage":
            self._reply(
                200,
                b"<html><body>Please log in to the hotel Wi-Fi</body></html>",
                "text/html; charset=utf-8",
            )
            return 200, False
        if action == "hold":
            self.tiles.held.release()
            self.tiles.release.wait(30)
            self.close_connection = True
            return 0, False
        kind, *args = action
        if kind == "status":
            code, headers = args[0], (args[1] if len(args) > 1 else {})
            self._reply(code, f"error {code}".encode(), "text/plain", headers)
            return code, False
        if kind == "slow":
            time.sleep(args[0])  # a server that takes too long to answer
            self._reply(200, self.tiles.png(*tile), "image/png")
            return 200, True
        if kind == "trickle":
            return self._trickle(tile, args[0])
        raise ValueError(f"unknown action {action!r}")

    def _trickle(self, tile: tuple[int, int, int], seconds: float) -> tuple[int, bool]:
        body = self.tiles.png(*tile)
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        step = max(1, len(body) // 20)
        try:
            for i in range(0, len(body), step):
                self.wfile.write(body[i : i + step])
                self.wfile.flush()
                time.sleep(seconds / 20)  # a link that delivers bytes very slowly
        except OSError:
            pass
        self.close_connection = True
        return 200, False

    def _reply(self, status: int, body: bytes, ctype: str, headers: dict | None = None) -> None:
        try:
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            for key, value in (headers or {}).items():
                self.send_header(key, str(value))
            self.end_headers()
            self.wfile.write(body)
        except OSError:
            self.close_connection = True


def main() -> None:
    """Run as a separate process (for the benchmark): print the URL, serve until stdin ends."""
    import argparse
    import sys

    parser = argparse.ArgumentParser()
    parser.add_argument("--latency", type=float, default=0.0)
    args = parser.parse_args()
    with TileServer(latency=args.latency) as server:
        print(server.url, flush=True)
        sys.stdin.read()


if __name__ == "__main__":
    main()
