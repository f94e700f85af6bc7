"""The bad-link proxy itself: it must do to traffic exactly what the sync tests rely on."""

from __future__ import annotations

import contextlib
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar

import pytest
import requests
from badlink import BadLink


class _Echo(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    handled: ClassVar[list[bytes]] = []

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        self.handled.append(body)
        self._answer(b"got " + body)

    def do_GET(self) -> None:
        self.handled.append(b"GET")
        if self.path == "/chunked":
            self.send_response(200)
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            for part in (b"one ", b"two"):
                self.wfile.write(b"%x\r\n%s\r\n" % (len(part), part))
            self.wfile.write(b"0\r\n\r\n")
        else:
            self._answer(b"x" * int(self.path.strip("/") or 2))

    def _answer(self, body: bytes) -> None:
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


class _EchoServer(ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        """The proxy cuts connections on purpose: a reset is what these tests make happen,
        not an error to print over the test run's output."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@pytest.fixture
def echo():
    _Echo.handled = []
    server = _EchoServer(("127.0.0.1", 0), _Echo)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def test_a_healthy_link_passes_every_exchange_on_one_connection(echo):
    with BadLink(echo.server_port) as link, requests.Session() as session:
        assert session.post(link.url, data=b"report 1", timeout=5).content == b"got report 1"
        assert session.get(f"{link.url}/chunked", timeout=5).content == b"one two"
        assert session.get(f"{link.url}/5000", timeout=5).content == b"x" * 5000
        assert link.stats.requests == 3 and link.stats.connections == 1
        # the proxy counts the bytes it relayed just after relaying them: under load the
        # client may read the answer a moment before the count is made
        deadline = time.monotonic() + 5
        while link.stats.bytes_down <= 5000 and time.monotonic() < deadline:
            time.sleep(0.01)
        assert link.stats.bytes_down > 5000


def test_round_trip_and_bandwidth_slow_each_exchange(echo):
    with BadLink(echo.server_port, rtt_s=0.2, bytes_per_s=20_000) as link:
        started = time.monotonic()
        answer = requests.get(f"{link.url}/10000", timeout=10)
        elapsed = time.monotonic() - started
    assert answer.content == b"x" * 10000
    # one round trip to connect, one for the exchange, 10 kB at 20 kB/s
    assert elapsed >= 0.2 + 0.2 + 0.5


def test_a_lost_acknowledgement_reaches_the_server_but_not_the_client(echo):
    with BadLink(echo.server_port) as link:
        link.fail_next("lost_ack")
        with pytest.raises(requests.ConnectionError):
            requests.post(link.url, data=b"push 7", timeout=5)
        assert _Echo.handled == [b"push 7"]
        assert requests.post(link.url, data=b"push 7", timeout=5).ok  # the retry


def test_a_request_cut_midway_never_reaches_the_handler(echo):
    with BadLink(echo.server_port) as link:
        link.fail_next("cut_request")
        with pytest.raises(requests.ConnectionError):
            requests.post(link.url, data=b"a long push body", timeout=5)
    assert _Echo.handled == []


def test_an_answer_cut_midway_fails_on_the_client_after_the_server_acted(echo):
    with BadLink(echo.server_port) as link:
        link.fail_next("cut_response")
        with pytest.raises(requests.RequestException):
            requests.get(f"{link.url}/4000", timeout=5)
    assert _Echo.handled == [b"GET"]


def test_the_link_can_answer_503_itself(echo):
    with BadLink(echo.server_port) as link:
        link.fail_next("error_503", None)
        assert requests.get(link.url, timeout=5).status_code == 503
        assert requests.get(link.url, timeout=5).status_code == 200
    assert _Echo.handled == [b"GET"]


def test_chaos_is_reproducible_for_a_seed_and_heal_stops_it(echo):
    runs = []
    for _ in range(2):
        with BadLink(echo.server_port) as link:
            link.chaos(0.5, seed=3)
            for _ in range(12):
                with contextlib.suppress(requests.RequestException):
                    requests.get(link.url, timeout=5)
            runs.append(list(link.stats.faults))
            link.heal()
            assert requests.get(link.url, timeout=5).ok
    assert runs[0] == runs[1] and 0 < len(runs[0]) < 12


def test_unknown_faults_are_refused(echo):
    with BadLink(echo.server_port) as link, pytest.raises(ValueError, match="unknown"):
        link.fail_next("gremlins")
