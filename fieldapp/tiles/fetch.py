"""Fetching one tile over HTTP, politely: the download rules every seeding worker follows.

- A User-Agent that names the app and where to learn about it; one connection per
  TileFetcher (a requests.Session with a pool of one), so N fetchers use N connections.
- A timeout on every request, and a deadline on the whole tile (a server that trickles
  bytes is cut off); a size cap against hostile answers.
- 429 (and 503 with Retry-After): every worker waits, through the shared RateGate.
- 5xx, timeouts and connection errors: retried with exponential backoff and jitter.
- 404/410/204: the server has no such tile; not retried. 401/403/451: not allowed, stop.
- 200 whose bytes are not a PNG, JPEG or WebP image (a captive portal's HTML page):
  counted as invalid, never stored.

Threading: one TileFetcher per worker thread (a Session is not shared); RateGate and
the stop event are shared by all workers. Waits end early when the stop event is set.
"""

from __future__ import annotations

import email.utils
import random
import re
import threading
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

import requests
import urllib3
from requests.adapters import HTTPAdapter
from requests.structures import CaseInsensitiveDict

from .. import APP_NAME, __version__
from .errors import InvalidRequestError
from .formats import RASTER_FORMATS, sniff_format

PROJECT_URL = "https://github.com/fieldapp/fieldapp"
USER_AGENT = f"{APP_NAME}/{__version__} (+{PROJECT_URL})"
MAX_CONNECTIONS = 16
MISSING_STATUSES = frozenset({204, 404, 410})
FATAL_STATUSES = {
    401: "the tile server needs a login (HTTP 401 Unauthorized)",
    403: "the tile server refused access (HTTP 403 Forbidden)",
    451: "the tile server refused access for legal reasons (HTTP 451)",
}
_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
_KNOWN_PLACEHOLDERS = {"z", "x", "y", "-y", "s"}


@dataclass(frozen=True)
class SeedOptions:
    """How a download behaves; the defaults are the polite ones."""

    connections: int = 2
    connect_timeout: float = 10.0
    read_timeout: float = 20.0
    tile_deadline: float = 60.0  # the whole tile, however slowly it trickles in
    retries: int = 4  # more tries after the first, for 5xx, timeouts, connection errors
    backoff_base: float = 1.0
    backoff_max: float = 60.0
    max_retry_after: float = 900.0  # a server asking to wait longer stops the download
    max_rate_limited: int = 20  # 429 answers for one tile before it counts as failed
    max_tile_bytes: int = 4 << 20
    max_consecutive_failures: int = 25  # in a row: the link is probably down, stop
    max_tiles: int = 100_000
    retry_missing: bool = False  # ask again for tiles the server said it does not have
    user_agent: str = USER_AGENT
    subdomains: str = "abc"
    attribution: str = ""
    batch_limit: int = 500  # tiles per transaction at most
    progress_interval: float = 0.25  # seconds between progress calls

    def check(self) -> None:
        if not 1 <= self.connections <= MAX_CONNECTIONS:
            raise InvalidRequestError(f"connections must be between 1 and {MAX_CONNECTIONS}")
        if min(self.connect_timeout, self.read_timeout, self.tile_deadline) <= 0:
            raise InvalidRequestError("timeouts must be positive")
        if self.retries < 0 or self.max_tiles < 1:
            raise InvalidRequestError("retries must be 0 or more and max_tiles at least 1")


class UrlTemplate:
    """A tile URL with {z}, {x}, {y} (or {-y} for TMS servers) and optionally {s}."""

    def __init__(self, template: str, subdomains: str = "abc"):
        self.template = template.strip()
        self.subdomains = subdomains
        parts = urlsplit(self.template)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise InvalidRequestError(
                f"the tile URL {template!r} must start with http:// or https://"
            )
        names = set(_PLACEHOLDER.findall(self.template))
        unknown = names - _KNOWN_PLACEHOLDERS
        if unknown:
            listed = ", ".join("{" + n + "}" for n in sorted(unknown))
            raise InvalidRequestError(
                f"the tile URL has placeholders FieldApp does not know: {listed}"
            )
        if not {"z", "x"} <= names or not names & {"y", "-y"}:
            raise InvalidRequestError("the tile URL must contain {z}, {x} and {y}")
        if "s" in names and not subdomains:
            raise InvalidRequestError("the tile URL uses {s} but no subdomains were given")
        self.host = parts.netloc.replace("{s}.", "").replace("{s}", "")

    def url(self, z: int, x: int, y: int) -> str:
        values: dict[str, int | str] = {"z": z, "x": x, "y": y, "-y": (1 << z) - 1 - y}
        if self.subdomains:
            # The same tile always goes to the same subdomain, so caches on the way help.
            values["s"] = self.subdomains[(x + y) % len(self.subdomains)]
        return _PLACEHOLDER.sub(lambda m: str(values[m.group(1)]), self.template)


class RateGate:
    """A time before which no worker may send a request (set by 429 and Retry-After)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._not_before = 0.0

    def hold(self, seconds: float) -> None:
        with self._lock:
            self._not_before = max(self._not_before, time.monotonic() + seconds)

    def wait(self, stop: threading.Event) -> bool:
        """Wait until requests are allowed; False if stop was set meanwhile."""
        while True:
            with self._lock:
                remaining = self._not_before - time.monotonic()
            if remaining <= 0:
                return not stop.is_set()
            if stop.wait(remaining):
                return False


@dataclass
class FetchResult:
    """kind: 'ok', 'missing', 'invalid', 'failed', 'fatal' or 'cancelled'."""

    kind: str
    data: bytes | None = None
    status: int | None = None
    reason: str = ""
    retries: int = 0
    rate_limited: int = 0
    network: bool = False  # the failure was a timeout or a connection error


class _TooLarge(Exception):
    pass


class _Retry(Exception):
    def __init__(self, reason: str, network: bool = False):
        super().__init__(reason)
        self.network = network


def parse_retry_after(value: str | None) -> float | None:
    """Seconds to wait from a Retry-After header (seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def backoff_delay(attempt: int, base: float, cap: float) -> float:
    """Exponential backoff with jitter: half fixed, half random, so workers spread out."""
    ceiling = min(cap, base * 2 ** (attempt - 1))
    return ceiling / 2 + random.uniform(0, ceiling / 2)


class TileFetcher:
    """One worker's HTTP client: one Session, one connection, the rules above."""

    def __init__(
        self,
        template: UrlTemplate,
        options: SeedOptions,
        gate: RateGate,
        stop: threading.Event,
    ):
        self.template, self.options, self.gate, self.stop = template, options, gate, stop
        self.session = requests.Session()
        self.session.headers.update(
            {"User-Agent": options.user_agent, "Accept": "image/png,image/jpeg,image/webp,image/*"}
        )
        adapter = HTTPAdapter(pool_connections=1, pool_maxsize=1, max_retries=0)
        self.session.mount("http://", adapter)
        self.session.mount("https://", adapter)

    def fetch(self, z: int, x: int, y: int) -> FetchResult:
        url = self.template.url(z, x, y)
        retries = rate_limited = 0
        while True:
            if not self.gate.wait(self.stop):
                return FetchResult("cancelled", retries=retries)
            try:
                result = self._attempt(url)
            except _Retry as problem:
                if retries >= self.options.retries:
                    return FetchResult(
                        "failed",
                        reason=str(problem),
                        retries=retries,
                        rate_limited=rate_limited,
                        network=problem.network,
                    )
                retries += 1
                delay = backoff_delay(retries, self.options.backoff_base, self.options.backoff_max)
                if self.stop.wait(delay):
                    return FetchResult("cancelled", retries=retries)
                continue
            if result.kind != "rate-limited":
                result.retries, result.rate_limited = retries, rate_limited
                return result
            rate_limited += 1
            if rate_limited > self.options.max_rate_limited:
                return FetchResult(
                    "failed",
                    status=429,
                    reason="rate limited (HTTP 429) too often",
                    retries=retries,
                    rate_limited=rate_limited,
                )

    def _attempt(self, url: str) -> FetchResult:
        """One request; raises _Retry for what deserves another try."""
        try:
            status, headers, body = self._get(url)
        except _TooLarge:
            return FetchResult("invalid", reason=f"larger than {self.options.max_tile_bytes} bytes")
        except requests.Timeout:
            raise _Retry("timed out", network=True) from None
        except requests.ConnectionError:
            raise _Retry("connection failed", network=True) from None
        except requests.RequestException as exc:
            raise _Retry(f"request failed: {type(exc).__name__}") from None
        return self._classify(status, headers, body)

    def _classify(self, status: int, headers, body: bytes) -> FetchResult:
        if status == 200:
            fmt = sniff_format(body)
            if fmt in RASTER_FORMATS:
                return FetchResult("ok", data=body, status=status)
            kind = headers.get("Content-Type", "no content type").split(";")[0]
            return FetchResult("invalid", status=status, reason=f"not an image ({kind})")
        if status in MISSING_STATUSES:
            return FetchResult(
                "missing", status=status, reason=f"not on the server (HTTP {status})"
            )
        if status in FATAL_STATUSES:
            return FetchResult("fatal", status=status, reason=FATAL_STATUSES[status])
        wait = parse_retry_after(headers.get("Retry-After"))
        if status == 429 or (status == 503 and wait is not None):
            return self._rate_limited(status, wait)
        if status >= 500 or status == 408:
            raise _Retry(f"server error (HTTP {status})")
        return FetchResult("failed", status=status, reason=f"refused (HTTP {status})")

    def _rate_limited(self, status: int, wait: float | None) -> FetchResult:
        wait = wait if wait is not None else backoff_delay(1, self.options.backoff_base, 60.0)
        if wait > self.options.max_retry_after:
            return FetchResult(
                "fatal",
                status=status,
                reason=f"the tile server asks to wait {wait:.0f} s before more requests",
            )
        self.gate.hold(wait)
        return FetchResult("rate-limited", status=status)

    def _get(self, url: str) -> tuple[int, CaseInsensitiveDict, bytes]:
        options = self.options
        deadline = time.monotonic() + options.tile_deadline
        timeout = (options.connect_timeout, options.read_timeout)
        with self.session.get(url, timeout=timeout, stream=True) as response:
            limit = options.max_tile_bytes if response.status_code == 200 else 65536
            try:
                body = _read_body(response, deadline, limit)
            except _TooLarge:
                if response.status_code == 200:
                    raise
                body = b""  # an oversize error page: the status says enough
            return response.status_code, response.headers, body

    def close(self) -> None:
        self.session.close()


def _read_body(response: requests.Response, deadline: float, limit: int) -> bytes:
    """The body, read as it arrives, within the deadline and the size limit."""
    raw, chunks, total = response.raw, [], 0
    while True:
        try:
            chunk = raw.read1(65536, decode_content=True)
        except (urllib3.exceptions.TimeoutError, TimeoutError) as exc:
            raise requests.Timeout(str(exc)) from exc
        except (urllib3.exceptions.HTTPError, OSError) as exc:
            raise requests.ConnectionError(str(exc)) from exc
        if not chunk:
            return b"".join(chunks)
        total += len(chunk)
        if total > limit:
            raise _TooLarge
        chunks.append(chunk)
        if time.monotonic() > deadline:
            raise requests.Timeout("the tile took too long to arrive")
