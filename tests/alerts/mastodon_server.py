"""A Mastodon instance's POST /api/v1/statuses on 127.0.0.1, for the outreach tests.

    with MastodonServer(token="t0k") as server:
        server.base                      # http://127.0.0.1:PORT, the instance address
        server.next("429")               # the next POST answers 429 (Retry-After: 120)
        server.next("500") / server.next("cut-after") / server.next("cut-before")
        server.next("slow")              # waits 3 s before answering
        server.next("html") / server.next("no-url")   # a 200 that is not a status
        server.next("echo")              # 422 quoting the Authorization header back
        server.statuses                  # what was created, oldest first
        server.requests                  # every POST: headers (lower case) and fields

Like the real API it checks the bearer token (401 {"error": ...}), takes the fields as
JSON or as a form, refuses a status over 500 characters with 422 and Mastodon's error
shape, and honours Idempotency-Key: a second POST with the same key by the same token
gets the first status back and creates nothing. "cut-after" creates the status, then
closes the connection without answering (the case the key exists for); "cut-before"
closes without creating. Scripted answers are used once each, in order. Statuses are
built from the real sample tests/samples/feeds/mastodon_tag_timeline_mastodon.json.
One thread per connection.
"""

from __future__ import annotations

import contextlib
import copy
import json
import socket
import threading
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qsl

import regex

SAMPLE = Path(__file__).resolve().parents[1] / "samples" / "feeds"
SAMPLE = SAMPLE / "mastodon_tag_timeline_mastodon.json"
LIMIT = 500
SCRIPTS = (
    "429", "429-reset", "500", "cut-after", "cut-before", "slow", "html", "no-url", "echo",
)  # fmt: skip


@dataclass
class Request:
    headers: dict[str, str]  # names in lower case
    fields: dict[str, str]


class MastodonServer:
    def __init__(self, token: str = "secret-token") -> None:
        self.token = token
        self.statuses: list[dict] = []
        self.requests: list[Request] = []
        self._by_key: dict[tuple[str, str], dict] = {}
        self._script: list[str] = []
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._sample = json.loads(SAMPLE.read_bytes())[0]
        self._httpd: ThreadingHTTPServer | None = None
        self._port = 0

    def next(self, *answers: str) -> None:
        """Answer the next POSTs this way, one each (SCRIPTS)."""
        assert all(answer in SCRIPTS for answer in answers), answers
        with self._lock:
            self._script.extend(answers)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self._port}"

    def start(self) -> MastodonServer:
        handler = type("BoundHandler", (_Handler,), {"state": self})
        self._httpd = ThreadingHTTPServer(("127.0.0.1", self._port), handler)
        self._httpd.daemon_threads = True
        self._port = self._httpd.server_address[1]
        threading.Thread(target=self._httpd.serve_forever, args=(0.05,), daemon=True).start()
        return self

    def stop(self) -> None:
        self._stopping.set()
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._httpd = None

    def __enter__(self) -> MastodonServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- used by the handler
    def take_script(self) -> str:
        with self._lock:
            return self._script.pop(0) if self._script else ""

    def create(self, token: str, key: str, fields: dict[str, str]) -> tuple[dict, bool]:
        """The status for this key (made now, or the one made before) and whether new."""
        with self._lock:
            if key and (token, key) in self._by_key:
                return self._by_key[(token, key)], False
            status = copy.deepcopy(self._sample)
            status_id = str(111_000_000_000_000_000 + len(self.statuses) * 7 + 1)
            moment = datetime(2026, 12, 5, 8, 30, tzinfo=UTC) + timedelta(
                seconds=len(self.statuses)
            )
            status.update(
                id=status_id,
                created_at=moment.isoformat(timespec="milliseconds").replace("+00:00", "Z"),
                uri=f"{self.base}/users/fieldapp/statuses/{status_id}",
                url=f"{self.base}/@fieldapp/{status_id}",
                content=f"<p>{fields.get('status', '')}</p>",
                language=fields.get("language"),
                visibility=fields.get("visibility", "public"),
            )
            self.statuses.append(status)
            if key:
                self._by_key[(token, key)] = status
            return status, True


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    state: MastodonServer

    def log_message(self, format: str, *args: object) -> None:  # quiet
        pass

    def do_POST(self) -> None:
        state = self.state
        size = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(size)
        headers = {name.lower(): value for name, value in self.headers.items()}
        fields = _fields(raw, headers.get("content-type", ""))
        state.requests.append(Request(headers, fields))
        if self.path != "/api/v1/statuses":
            return self._json(404, {"error": "Record not found"})
        if headers.get("authorization") != f"Bearer {state.token}":
            return self._json(401, {"error": "The access token is invalid"})
        script = state.take_script()
        if script == "cut-before":
            return self._cut()
        if script in ("429", "429-reset", "500"):
            return self._scripted(script)
        if script == "slow" and state._stopping.wait(3):
            return self._cut()
        if script == "echo":  # a careless instance that quotes the request back
            return self._json(422, {"error": f"Bad request: {headers['authorization']}"})
        if script == "html":
            return self._send(200, b"<html><body>Maintenance</body></html>", "text/html")
        text = fields.get("status", "")
        if len(regex.findall(r"\X", text)) > LIMIT:
            error = f"Validation failed: Text character limit of {LIMIT} exceeded"
            return self._json(422, {"error": error})
        status, _ = state.create(state.token, headers.get("idempotency-key", ""), fields)
        if script == "cut-after":
            return self._cut()
        if script == "no-url":
            status = {k: v for k, v in status.items() if k != "url"}
        self._json(200, status)

    def _scripted(self, script: str) -> None:
        if script == "500":
            return self._json(500, {"error": "We're sorry, but something went wrong"})
        reset = datetime.now(UTC) + timedelta(seconds=300)
        headers = {
            "X-RateLimit-Limit": "300",
            "X-RateLimit-Remaining": "0",
            "X-RateLimit-Reset": reset.isoformat(timespec="milliseconds").replace("+00:00", "Z"),
        }
        if script == "429":
            headers["Retry-After"] = "120"
        self._json(429, {"error": "Too many requests"}, headers)

    def _json(self, status: int, data: dict, headers: dict[str, str] | None = None) -> None:
        self._send(status, json.dumps(data).encode(), "application/json; charset=utf-8", headers)

    def _send(
        self, status: int, body: bytes, content_type: str, headers: dict[str, str] | None = None
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def _cut(self) -> None:
        """Close the connection without a byte of answer, as when a link drops."""
        self.close_connection = True
        with contextlib.suppress(OSError):
            self.connection.shutdown(socket.SHUT_RDWR)


def _fields(raw: bytes, content_type: str) -> dict[str, str]:
    if content_type.startswith("application/json"):
        data = json.loads(raw or b"{}")
        return {str(k): str(v) for k, v in data.items()}
    return dict(parse_qsl(raw.decode("utf-8")))
