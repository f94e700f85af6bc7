"""HTTP for the sync client: one requests.Session, timeouts, retries, counters, errors in words.

Every call has a timeout. Connection errors, timeouts and 5xx answers are retried with
exponential backoff and full jitter (so that fifty devices coming back after an outage
do not knock together); 4xx answers are not, they mean the request itself is refused.
TLS is verified; a pinned self-signed certificate replaces the system CAs. Counters
(requests, bytes up and down, approximately as on the wire: bodies as sent compressed,
plus the header lines) feed the sync report.

A Transport belongs to the thread that runs the sync (like the client's Store); it is
not shared.
"""

from __future__ import annotations

import random
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import requests

from fieldapp.sync.protocol import wire

CONNECT_TIMEOUT_S = 10.0
READ_TIMEOUT_S = 75.0  # the server answers within 60 s or says 503


class SyncError(Exception):
    """A sync call that failed; the message says what happened in words (English: logs,
    the command line). `status` is the HTTP status of a refusal (None when there was no
    answer); `code` names the case, so that the window says it in full in its own
    language (ui/sync/texts.sync_error_text): "unreachable", "certificate",
    "device_refused", "device_revoked", "code_refused", "code_format", "pin",
    "not_fieldapp", "not_joined", "refused" or "failed"."""

    status: int | None = None

    def __init__(self, message: str = "", code: str = "failed"):
        super().__init__(message)
        self.code = code


class AuthError(SyncError):
    """The server refused this device (401: unknown token or code; 403: revoked)."""


class LinkError(SyncError):
    """The server could not be reached, or kept failing, after every retry."""

    def __init__(self, message: str = "", code: str = "unreachable"):
        super().__init__(message, code)


@dataclass
class Counters:
    requests: int = 0
    bytes_up: int = 0
    bytes_down: int = 0
    retries: int = 0


class Transport:
    """Calls to one server, relative to its API base URL (…/api/v1)."""

    def __init__(
        self,
        base_url: str,
        token: str | None = None,
        *,
        verify: str | bool = True,
        attempts: int = 6,
        backoff_s: float = 0.5,
        max_backoff_s: float = 30.0,
        sleep: Callable[[float], None] = time.sleep,
    ):
        self.base_url = base_url.rstrip("/")
        self.session = requests.Session()
        # Per request, not on the session: requests lets REQUESTS_CA_BUNDLE override a
        # session's `verify`, which would silently drop a pinned certificate.
        self.verify = verify
        self.session.headers["Accept-Encoding"] = "gzip"
        if token:
            self.session.headers["Authorization"] = f"Bearer {token}"
        self.attempts, self.backoff_s, self.max_backoff_s = attempts, backoff_s, max_backoff_s
        self.sleep = sleep
        self.counters = Counters()

    def close(self) -> None:
        self.session.close()

    def call(
        self, method: str, path: str, *, ok: tuple[int, ...] = (200,), **kwargs: Any
    ) -> requests.Response:
        """One request, retried on link failures and 5xx; SyncError unless status in `ok`."""
        url = self.base_url + path
        kwargs.setdefault("timeout", (CONNECT_TIMEOUT_S, READ_TIMEOUT_S))
        kwargs.setdefault("verify", self.verify)
        last = "no attempt"
        for attempt in range(self.attempts):
            if attempt:
                self.counters.retries += 1
                self.sleep(self._delay(attempt))
            try:
                answer = self.session.request(method, url, **kwargs)
                if not kwargs.get("stream"):
                    _ = answer.content  # a cut mid-answer raises here, and is retried
            except requests.exceptions.SSLError as exc:
                raise SyncError(
                    f"the server's certificate is not trusted ({_short(exc)})", "certificate"
                ) from None
            except requests.RequestException as exc:  # reset, timeout, cut mid-answer…
                self._count(kwargs, None, sent=not _never_connected(exc))
                last = f"cannot reach {self.base_url} ({_short(exc)})"
                continue
            self._count(kwargs, answer)
            if answer.status_code >= 500:
                last = f"the server answered {answer.status_code} ({detail(answer)})"
                continue
            if answer.status_code in ok:
                return answer
            raise _refusal(answer)
        raise LinkError(f"{last}; gave up after {self.attempts} attempts")

    def json(self, method: str, path: str, body: Any = None, **kwargs: Any) -> Any:
        """A JSON call; a body goes gzip-compressed (wire.encode_body)."""
        if body is not None:
            kwargs["data"] = body if isinstance(body, bytes) else wire.encode_body(body)
            kwargs["headers"] = {"Content-Encoding": "gzip", "Content-Type": "application/json"}
        answer = self.call(method, path, **kwargs)
        try:
            return answer.json()
        except ValueError:
            raise SyncError(f"the server's answer to {path} is not JSON", "not_fieldapp") from None

    def pause(self, attempt: int) -> None:
        """Wait before trying again a request the server refused for now (attempt 1, 2…):
        backoff_s * 2^attempt at most, at least half of it (never a busy loop)."""
        delay = min(self.max_backoff_s, self.backoff_s * 2**attempt)
        self.sleep(random.uniform(delay / 2, delay))

    def _delay(self, attempt: int) -> float:
        # Full jitter (AWS architecture blog): uniform in [0, min(cap, base * 2^n)].
        return random.uniform(0, min(self.max_backoff_s, self.backoff_s * 2**attempt))

    def _count(self, kwargs: dict, answer: requests.Response | None, sent: bool = True) -> None:
        self.counters.requests += 1
        if not sent:  # no connection was made: no byte left this computer
            return
        data = kwargs.get("data")
        self.counters.bytes_up += 200 + (len(data) if isinstance(data, bytes | bytearray) else 0)
        if answer is not None:
            length = answer.headers.get("Content-Length")
            if length and length.isdigit():
                body = int(length)
            elif kwargs.get("stream"):
                body = 0  # read later by the caller, who must not lose it to a count
            else:
                body = len(answer.content)
            head = sum(len(k) + len(v) + 4 for k, v in answer.headers.items()) + 20
            self.counters.bytes_down += body + head


def detail(answer: requests.Response) -> str:
    """The server's words for a refusal ({"detail": ...}), or the start of its body."""
    try:
        value = answer.json().get("detail")
    except (ValueError, AttributeError):
        value = None
    if isinstance(value, str):
        return value
    return (answer.text or answer.reason or "no details")[:200]


def _refusal(answer: requests.Response) -> SyncError:
    words = detail(answer)
    if answer.status_code == 401:
        error: SyncError = AuthError(
            f"the server does not accept this device: {words}", "device_refused"
        )
    elif answer.status_code == 403:
        error = AuthError(f"the server refused: {words}", "device_revoked")
    else:
        error = SyncError(
            f"the server refused the request ({answer.status_code}): {words}", "refused"
        )
    error.status = answer.status_code
    return error


def _never_connected(exc: requests.RequestException) -> bool:
    """True when the connection itself failed (refused, no route, connect timeout)."""
    if isinstance(exc, requests.exceptions.ConnectTimeout):
        return True
    text = str(exc)
    return isinstance(exc, requests.ConnectionError) and (
        "NewConnectionError" in text or "NameResolutionError" in text
    )


def _short(exc: BaseException) -> str:
    text = str(exc)
    # requests nests the reason deep in a repr, like "...: [Errno 111] Connection refused'))"
    errno = re.search(r"\[Errno -?\d+\] ([^'\")\]]+)", text)
    if errno:
        return errno.group(1).strip()
    for marker in ("certificate verify failed", "Connection refused", "timed out"):
        if marker in text:
            start = text.find(marker)
            return text[start : start + 80].rstrip(")'\"")
    return text[:120]
