"""A feed and Mastodon server on 127.0.0.1 for the monitoring tests, scripted per path.

    with FeedServer() as server:
        server.serve("/feed.rss", rss_bytes, etag='"v1"')       # 304 when If-None-Match matches
        server.script("/flaky.rss", Reply(status=500), Reply(body=rss_bytes))  # in turn
        server.serve("/cut.rss", rss_bytes, cut_after=100)       # connection closed mid-body
        server.serve("/huge.rss", b"", endless=200_000_000)     # generated, never in memory
        server.mastodon.add("flood", 50)                        # statuses on a tag timeline
        url = server.url("/feed.rss")
        server.requests("/feed.rss")                           # what it got, headers included

A path's replies are given in turn, the last one repeating. `offline = True` closes
every connection at once without an answer (a link that dropped). The Mastodon part
answers `/api/v1/timelines/tag/:tag`, `/api/v1/accounts/lookup` and
`/api/v1/accounts/:id/statuses` with the real API's paging (`limit`, `max_id`,
`since_id`, `min_id`, a Link header), from statuses built out of the real sample
samples/feeds/mastodon_tag_timeline_mastodon.json. One thread per connection.
"""

from __future__ import annotations

import contextlib
import copy
import json
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

SAMPLES = Path(__file__).resolve().parents[1] / "samples" / "feeds"
MASTODON_SAMPLE = SAMPLES / "mastodon_tag_timeline_mastodon.json"


@dataclass
class Reply:
    """One answer. `etag`/`last_modified` are sent and honoured (304 when the request's
    conditional header matches); `delay` waits before answering; `cut_after` sends that
    many bytes of the body (its full length announced) and closes; `endless` generates
    a body of that many bytes; `drop` closes without answering."""

    body: bytes = b""
    status: int = 200
    content_type: str = "application/rss+xml; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    etag: str = ""
    last_modified: str = ""
    delay: float = 0.0
    cut_after: int | None = None
    endless: int = 0
    announce_length: bool = True
    drop: bool = False


@dataclass
class Seen:
    """A request the server got."""

    at: float
    path: str
    query: dict[str, str]
    headers: dict[str, str]  # names in lower case
    status: int = 0  # 0: no answer (dropped)


Handler = Callable[[Seen], Reply]


class FeedServer:
    def __init__(self, port: int = 0) -> None:
        self.offline = False
        self.mastodon = FakeMastodon(self)
        self.seen: list[Seen] = []
        self._routes: dict[str, list[Reply] | Handler] = {}
        self._turns: dict[str, int] = {}
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._connections: set[socket.socket] = set()
        self._port = port
        self._httpd: ThreadingHTTPServer | None = None

    # -- scripting
    def serve(self, path: str, body: bytes = b"", **reply: object) -> None:
        """Answer `path` always with this body (Reply's fields as keywords)."""
        self.script(path, Reply(body, **reply))  # type: ignore[arg-type]

    def script(self, path: str, *replies: Reply) -> None:
        """Answer `path` with these replies in turn; the last one repeats."""
        with self._lock:
            self._routes[path] = list(replies)
            self._turns[path] = 0

    def handle(self, path: str, handler: Handler) -> None:
        """Answer `path` with handler(request) (the request's query and headers)."""
        with self._lock:
            self._routes[path] = handler

    # -- reading what happened
    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def host(self) -> str:
        return f"127.0.0.1:{self.port}"

    def url(self, path: str) -> str:
        return self.base + path

    def requests(self, path: str | None = None) -> list[Seen]:
        with self._lock:
            return [s for s in self.seen if path is None or s.path == path]

    # -- life
    @property
    def port(self) -> int:
        assert self._port, "the server was never started"
        return self._port

    def start(self) -> FeedServer:
        handler = type("BoundHandler", (_Handler,), {"server_state": self})
        self._stopping.clear()
        self._httpd = ThreadingHTTPServer(("127.0.0.1", self._port), handler)
        self._httpd.daemon_threads = True
        self._port = self._httpd.server_address[1]  # a restart keeps the port
        threading.Thread(target=self._httpd.serve_forever, args=(0.05,), daemon=True).start()
        return self

    def stop(self) -> None:
        self._stopping.set()  # delayed answers stop waiting
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._httpd = None  # stopped: stop() again does nothing, start() reopens the port
        with self._lock:  # kept-alive connections drop too, as when a link goes down
            for connection in self._connections:
                with contextlib.suppress(OSError):
                    connection.shutdown(socket.SHUT_RDWR)
            self._connections.clear()

    def __enter__(self) -> FeedServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- used by the handler
    def _reply_for(self, seen: Seen) -> Reply:
        mastodon = self.mastodon.answer(seen)
        if mastodon is not None:
            return mastodon
        with self._lock:
            route = self._routes.get(seen.path)
            if route is None:
                return Reply(b"not found", status=404, content_type="text/plain")
            if callable(route):
                handler = route
            else:
                turn = self._turns[seen.path]
                self._turns[seen.path] = turn + 1
                return route[min(turn, len(route) - 1)]
        return handler(seen)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_state: FeedServer

    def log_message(self, format: str, *args: object) -> None:  # quiet
        pass

    def setup(self) -> None:
        super().setup()
        with self.server_state._lock:
            self.server_state._connections.add(self.connection)

    def finish(self) -> None:
        with self.server_state._lock:
            self.server_state._connections.discard(self.connection)
        super().finish()

    def do_GET(self) -> None:
        state = self.server_state
        parts = urlsplit(self.path)
        seen = Seen(time.time(), parts.path, dict(parse_qsl(parts.query)),
                    {k.lower(): v for k, v in self.headers.items()})  # fmt: skip
        with state._lock:
            state.seen.append(seen)
        if state.offline:
            self.close_connection = True
            return
        reply = state._reply_for(seen)
        if reply.delay and state._stopping.wait(reply.delay):
            self.close_connection = True
            return
        if reply.drop:
            self.close_connection = True
            return
        seen.status = self._send(reply)

    def _send(self, reply: Reply) -> int:
        if reply.status == 200 and self._not_modified(reply):
            self.send_response(304)
            self._validators(reply)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return 304
        size = reply.endless or len(reply.body)
        self.send_response_only(reply.status)
        if "Date" not in reply.headers:  # a scripted Date stands for a server's own clock
            self.send_header("Date", self.date_time_string())
        self.send_header("Content-Type", reply.content_type)
        self._validators(reply)
        for name, value in reply.headers.items():
            self.send_header(name, value)
        if reply.announce_length:
            self.send_header("Content-Length", str(size))
        else:
            self.send_header("Connection", "close")
            self.close_connection = True
        self.end_headers()
        try:
            self._body(reply)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True
        return reply.status

    def _not_modified(self, reply: Reply) -> bool:
        etag = self.headers.get("If-None-Match")
        since = self.headers.get("If-Modified-Since")
        if reply.etag and etag:
            return etag == reply.etag
        return bool(reply.last_modified and since == reply.last_modified)

    def _validators(self, reply: Reply) -> None:
        if reply.etag:
            self.send_header("ETag", reply.etag)
        if reply.last_modified:
            self.send_header("Last-Modified", reply.last_modified)

    def _body(self, reply: Reply) -> None:
        if reply.endless:
            chunk = b"<item><title>x</title></item>" * 2200  # ~64 KB
            self.wfile.write(b"<rss><channel>")
            sent = 14
            while sent < reply.endless and not self.server_state._stopping.is_set():
                piece = chunk[: reply.endless - sent]
                self.wfile.write(piece)
                sent += len(piece)
            return
        body = reply.body if reply.cut_after is None else reply.body[: reply.cut_after]
        self.wfile.write(body)
        if reply.cut_after is not None:
            self.wfile.flush()
            self.close_connection = True


class FakeMastodon:
    """Mastodon's public API on the feed server: timelines of statuses built from the
    real sample, with ids that grow like a real instance's."""

    def __init__(self, server: FeedServer) -> None:
        self._server = server
        self.timelines: dict[str, list[dict]] = {}  # "tag:name" or "account:id", oldest first
        self.accounts: dict[str, str] = {}  # user name -> account id
        self.status: int = 200  # answer this HTTP status instead (e.g. 500, 429)
        self.status_headers: dict[str, str] = {}
        self._next_id = 110_000_000_000_000_000
        self._samples: list[dict] = json.loads(MASTODON_SAMPLE.read_bytes())

    def add(self, tag: str, count: int = 1) -> list[dict]:
        """`count` new statuses on #tag (newer than all before); returns them."""
        return self._add(f"tag:{tag.lower()}", count)

    def add_account(self, user: str, count: int = 1) -> list[dict]:
        """`count` new statuses by the local account `user`; returns them."""
        account_id = self.accounts.setdefault(user.lower(), str(9000 + len(self.accounts)))
        return self._add(f"account:{account_id}", count, user)

    def _add(self, timeline: str, count: int, user: str = "") -> list[dict]:
        made = []
        for _ in range(count):
            self._next_id += 1 + (self._next_id % 7)  # growing, not contiguous
            made.append(self._status(str(self._next_id), user))
        self.timelines.setdefault(timeline, []).extend(made)
        return made

    def _status(self, status_id: str, user: str) -> dict:
        status = copy.deepcopy(self._samples[int(status_id) % len(self._samples)])
        host = self._server.host
        if user:
            status["account"].update(acct=user, username=user, display_name=user.title())
        name = status["account"]["username"]
        status["id"] = status_id
        status["uri"] = f"http://{host}/users/{name}/statuses/{status_id}"
        status["url"] = f"http://{host}/@{name}/{status_id}"
        moment = datetime(2026, 12, 5, 8, tzinfo=UTC) + timedelta(seconds=int(status_id) % 86400)
        status["created_at"] = moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")
        status["content"] = f"<p>Post {status_id}: {status['content']}</p>"
        return status

    def answer(self, seen: Seen) -> Reply | None:
        path = seen.path
        if not path.startswith("/api/v1/"):
            return None
        if self.status != 200:
            return _json({"error": "scripted"}, self.status, self.status_headers)
        if path == "/api/v1/accounts/lookup":
            user = seen.query.get("acct", "").lower()
            if user not in self.accounts:
                return _json({"error": "Record not found"}, 404)
            return _json({"id": self.accounts[user], "acct": user, "username": user})
        if path.startswith("/api/v1/timelines/tag/"):
            return self._page(f"tag:{path.rsplit('/', 1)[1].lower()}", seen)
        if path.startswith("/api/v1/accounts/") and path.endswith("/statuses"):
            return self._page(f"account:{path.split('/')[4]}", seen)
        return _json({"error": "Record not found"}, 404)

    def _page(self, timeline: str, seen: Seen) -> Reply:
        statuses = self.timelines.get(timeline, [])
        q = seen.query
        limit = min(int(q.get("limit", 20)), 40)

        def num(name: str) -> int | None:
            return int(q[name]) if q.get(name) else None

        max_id, since_id, min_id = num("max_id"), num("since_id"), num("min_id")
        chosen = [s for s in statuses if max_id is None or int(s["id"]) < max_id]
        if min_id is not None:  # immediately newer than min_id: the oldest ones first
            chosen = [s for s in chosen if int(s["id"]) > min_id][:limit]
        else:
            chosen = [s for s in chosen if since_id is None or int(s["id"]) > since_id][-limit:]
        page = list(reversed(chosen))  # newest first, as Mastodon answers
        headers = {}
        if page:
            base = self._server.url(seen.path)
            headers["Link"] = (f'<{base}?max_id={page[-1]["id"]}>; rel="next", '
                               f'<{base}?min_id={page[0]["id"]}>; rel="prev"')  # fmt: skip
        return _json(page, headers=headers)


def _json(value: object, status: int = 200, headers: dict[str, str] | None = None) -> Reply:
    return Reply(json.dumps(value).encode(), status=status,
                 content_type="application/json; charset=utf-8", headers=headers or {})  # fmt: skip
