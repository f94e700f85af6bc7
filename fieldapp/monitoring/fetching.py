"""One polite, bounded GET: timeouts on connect and read, a deadline on the whole answer,
the body read in a stream and abandoned past a byte cap, a cancel checked between
chunks; every way it fails becomes a FetchError with its kind and English words.

Used by polling.py for feeds and the Mastodon API. Runs in the caller's thread (the
task manager's network lane); a requests.Session is not shared between threads.
"""

from __future__ import annotations

import email.utils
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

import requests
from requests.structures import CaseInsensitiveDict

from fieldapp.monitoring.addresses import host_of

CHUNK = 64 * 1024
CANCEL_EVERY = 1 << 20  # bytes read between two looks at cancelled()
MAX_WAIT_S = 24 * 3600  # a Retry-After further away than this is taken as a day


@dataclass(frozen=True)
class Timeouts:
    """Seconds: to connect, between two reads, and for the whole answer."""

    connect: float = 10.0
    read: float = 30.0
    whole: float = 120.0


class FetchError(Exception):
    """A GET that gave nothing usable; `kind` is a PollOutcome.error_kind."""

    def __init__(self, kind: str, words: str, retry_after: float | None = None) -> None:
        super().__init__(words)
        self.kind = kind
        self.words = words
        self.retry_after = retry_after  # seconds the server asked to wait (429, 503)


class FetchCancelled(Exception):
    """The user cancelled while an answer was coming in."""


@dataclass
class Answer:
    status: int
    body: bytes
    headers: CaseInsensitiveDict[str] = field(default_factory=lambda: CaseInsensitiveDict())


def fetch(
    session: requests.Session,
    url: str,
    *,
    headers: dict[str, str],
    max_bytes: int,
    timeouts: Timeouts,
    cancelled: Callable[[], bool],
) -> Answer:
    """GET url: a 2xx or 304 Answer, else FetchError (network, HTTP status, too large)."""
    host = host_of(url)
    try:
        response = session.get(
            url, headers=headers, stream=True, timeout=(timeouts.connect, timeouts.read)
        )
    except requests.RequestException as error:
        raise _network_error(error, host, timeouts) from None
    with response:
        if response.status_code == 304 or 200 <= response.status_code < 300:
            body = _body(response, host, max_bytes, timeouts, cancelled)
            return Answer(response.status_code, body, response.headers)
        raise _status_error(response, host)


def _body(
    response: requests.Response,
    host: str,
    max_bytes: int,
    timeouts: Timeouts,
    cancelled: Callable[[], bool],
) -> bytes:
    announced = response.headers.get("Content-Length", "")
    if announced.isdigit() and int(announced) > max_bytes:
        raise _too_large(max_bytes)
    whole = timeouts.whole
    deadline = time.monotonic() + whole
    chunks: list[bytes] = []
    size, ask_at = 0, CANCEL_EVERY
    try:
        for chunk in response.iter_content(CHUNK):  # decoded: a gzip bomb counts in full
            size += len(chunk)
            if size > max_bytes:
                raise _too_large(max_bytes)
            chunks.append(chunk)
            if size >= ask_at:  # a long answer can be cancelled; a short one completes
                ask_at += CANCEL_EVERY
                if cancelled():
                    raise FetchCancelled
            if time.monotonic() > deadline:
                raise FetchError("network", f"{host} sends too slowly: gave up after {whole:g} s")
    except requests.RequestException as error:
        raise _network_error(error, host, timeouts) from None
    return b"".join(chunks)


def _too_large(max_bytes: int) -> FetchError:
    return FetchError("too_large", f"answer larger than {max_bytes / 1e6:g} MB")


def _network_error(error: requests.RequestException, host: str, timeouts: Timeouts) -> FetchError:
    if isinstance(error, requests.exceptions.SSLError):
        return FetchError("network", f"secure connection to {host} failed (certificate or TLS)")
    if isinstance(error, requests.exceptions.ConnectTimeout):
        words = f"timed out: no connection to {host} in {timeouts.connect:g} s"
        return FetchError("network", words)
    if isinstance(error, requests.Timeout):
        return FetchError("network", f"timed out: {host} did not answer in {timeouts.read:g} s")
    if isinstance(error, requests.exceptions.ChunkedEncodingError):
        return FetchError("network", f"the connection to {host} was cut during the answer")
    if isinstance(error, requests.exceptions.ContentDecodingError):
        return FetchError("malformed", f"{host} sent a compressed answer that cannot be read")
    if isinstance(error, requests.TooManyRedirects):
        return FetchError("http", f"{host} redirects too many times")
    if isinstance(error, requests.ConnectionError):
        return FetchError("network", f"no connection to {host}")
    return FetchError("network", f"the request to {host} failed ({type(error).__name__})")


def _status_error(response: requests.Response, host: str) -> FetchError:
    code = response.status_code
    wait = retry_after(response.headers)
    if code == 429:
        return FetchError("rate_limited", f"{host} asks to slow down (HTTP 429)", wait)
    if code == 503 and wait is not None:
        return FetchError("rate_limited", f"{host} is unavailable for now (HTTP 503)", wait)
    if code in (404, 410):
        return FetchError("http", f"nothing at this address on {host} (HTTP {code})")
    if code in (401, 403):
        return FetchError("http", f"{host} refused access (HTTP {code})")
    if code >= 500:
        return FetchError("http", f"server error at {host} (HTTP {code})")
    return FetchError("http", f"{host} answered HTTP {code}")


def retry_after(headers: CaseInsensitiveDict[str]) -> float | None:
    """Seconds the server asks to wait: Retry-After in seconds or as an HTTP date, else
    Mastodon's X-RateLimit-Reset (an ISO time); dates are read against the answer's own
    Date header when it has one, so a wrong clock here does not matter."""
    value = (headers.get("Retry-After") or "").strip()
    if value.isdigit():
        return min(float(value), MAX_WAIT_S)
    until = _http_date(value) or _iso_date(headers.get("X-RateLimit-Reset") or "")
    if until is None:
        return None
    reference = _http_date(headers.get("Date") or "") or time.time()
    return min(max(until - reference, 0.0), MAX_WAIT_S)


def _http_date(value: str) -> float | None:
    if not value:
        return None
    try:
        moment = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.timestamp()


def _iso_date(value: str) -> float | None:
    try:
        moment = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.timestamp()
