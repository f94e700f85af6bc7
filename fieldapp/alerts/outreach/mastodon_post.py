"""Publishing one status on a Mastodon account: POST /api/v1/statuses with the account's
access token and an Idempotency-Key, so that a retry after a cut connection never posts
twice (the instance answers a repeated key with the status it made the first time).

Every way it fails is a PublishError with a `kind` for the UI (ERROR_KINDS) and one line
of English naming the instance; the token is never in it, nor in a log. Nothing is
retried here: the caller retries, with the same key, when the user says so.

Runs in the caller's thread (the task manager's network lane); a requests.Session is not
shared between threads.
"""

from __future__ import annotations

import email.utils
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urlsplit

import requests
from requests.structures import CaseInsensitiveDict

from fieldapp import APP_NAME, __version__
from fieldapp.core.times import parse_time

PROJECT_URL = "https://github.com/fieldapp/fieldapp"  # as in monitoring.polling
USER_AGENT = f"{APP_NAME}/{__version__} (+{PROJECT_URL}; outreach desk)"
STATUSES_PATH = "/api/v1/statuses"
ERROR_KINDS = ("auth", "refused", "rate-limited", "network", "server", "answer")
MAX_ANSWER_BYTES = 1_000_000  # a status is a few KB; more is not a Mastodon answer
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
_SAFE_RETRY = "retrying with the same key cannot post it twice"


@dataclass(frozen=True)
class Published:
    """The status as the instance made it: its id, its public page, and when (ISO UTC)."""

    id: str
    url: str
    at: str


class PublishError(Exception):
    """A post that did not go through, or whose answer could not be read. `retry_after`:
    seconds the instance asked to wait (rate-limited), when it said."""

    def __init__(
        self, kind: str, words: str, *, status: int | None = None,
        retry_after: float | None = None,
    ) -> None:  # fmt: skip
        super().__init__(words)
        self.kind = kind
        self.words = words
        self.status = status
        self.retry_after = retry_after


def instance_base(instance: str) -> str:
    """The instance's https base address ("mastodon.social" -> "https://mastodon.social");
    plain http only for loopback (tests). ValueError for anything else."""
    raw = instance.strip().rstrip("/")
    parts = urlsplit(raw if "://" in raw else f"https://{raw}")
    example = "like https://mastodon.social"
    if not parts.hostname or parts.path or parts.query or parts.username or parts.password:
        raise ValueError(f"{instance!r} is not a Mastodon instance's address ({example})")
    if parts.scheme != "https" and not (
        parts.scheme == "http" and parts.hostname in LOOPBACK_HOSTS
    ):
        raise ValueError(f"{instance!r}: a Mastodon instance is reached over https ({example})")
    return f"{parts.scheme}://{parts.netloc}"


def post_status(
    instance: str,
    token: str,
    text: str,
    *,
    language: str,
    idempotency_key: str,
    session: requests.Session | None = None,
    timeout: float = 20,
) -> Published:
    """Publish `text` as a public status; the Published status, or PublishError."""
    base = instance_base(instance)
    if not token.strip() or not idempotency_key.strip():
        raise ValueError("posting needs an access token and an idempotency key")
    host = urlsplit(base).netloc
    headers = {
        "Authorization": f"Bearer {token.strip()}",
        "Idempotency-Key": idempotency_key,
        "User-Agent": USER_AGENT,
        "Accept": "application/json",
    }
    payload = {"status": text, "language": language, "visibility": "public"}
    own = session is None
    http = session if session is not None else requests.Session()
    try:
        status, body, answer_headers = _post(http, base + STATUSES_PATH, headers, payload,
                                             host, timeout)  # fmt: skip
    except PublishError as error:
        raise _scrubbed(error, token) from None
    finally:
        if own:
            http.close()
    try:
        if 200 <= status < 300:
            return _published(body, host)
        raise _status_error(status, body, answer_headers, host)
    except PublishError as error:
        raise _scrubbed(error, token) from None


def _post(
    http: requests.Session, url: str, headers: dict[str, str], payload: dict[str, str],
    host: str, timeout: float,
) -> tuple[int, bytes, CaseInsensitiveDict[str]]:  # fmt: skip
    try:
        response = http.post(url, json=payload, headers=headers, timeout=timeout,
                             allow_redirects=False, stream=True)  # fmt: skip
        with response:
            body = b""
            for chunk in response.iter_content(64 * 1024):
                body += chunk
                if len(body) > MAX_ANSWER_BYTES:
                    raise PublishError("answer", f"{host} sent an answer of over 1 MB, "
                                       f"not a Mastodon status; {_SAFE_RETRY}")  # fmt: skip
            return response.status_code, body, response.headers
    except requests.Timeout:
        words = f"{host} did not answer within {timeout:g} s; the post may have gone out: "
        raise PublishError("network", words + _SAFE_RETRY) from None
    except requests.ConnectionError as error:
        cut = "Connection aborted" in str(error)  # urllib3: connected, then dropped
        what = "the connection was cut before the answer" if cut else "could not connect"
        raise PublishError("network", f"{host}: {what}; {_SAFE_RETRY}") from None
    except requests.RequestException as error:
        raise PublishError("network", f"{host}: {type(error).__name__}") from None


def _published(body: bytes, host: str) -> Published:
    data = _json(body)
    if not isinstance(data, dict):
        raise PublishError("answer", f"{host} answered, but not with a Mastodon status "
                           f"(not JSON); {_SAFE_RETRY}")  # fmt: skip
    status_id, url, created = data.get("id"), data.get("url"), data.get("created_at")
    missing = [name for name, value in (("id", status_id), ("url", url)) if not value]
    if missing or not isinstance(url, str) or not isinstance(status_id, str | int):
        raise PublishError("answer", f"{host} answered without the status's "
                           f"{' and '.join(missing) or 'id or url'}; {_SAFE_RETRY}")  # fmt: skip
    try:
        at = parse_time(str(created)) if created else ""
    except ValueError:
        at = ""
    if not at:
        raise PublishError("answer", f"{host} answered without a readable created_at "
                           f"({str(created)[:40]!r}); {_SAFE_RETRY}")  # fmt: skip
    return Published(str(status_id), url, at)


def _status_error(
    status: int, body: bytes, headers: CaseInsensitiveDict[str], host: str
) -> PublishError:
    said = _error_text(body)
    told = f": {said}" if said else ""
    if status in (401, 403):
        return PublishError("auth", f"{host} refused the account's access token ({status}"
                            f"{told}); connect the account again", status=status)  # fmt: skip
    if status == 429:
        wait = _retry_after(headers)
        when = f"; it asks to wait {wait:.0f} s" if wait is not None else ""
        return PublishError("rate-limited", f"{host}: too many posts for now (429){when}",
                            status=status, retry_after=wait)  # fmt: skip
    if status >= 500:
        words = f"{host} failed ({status}{told}); the post may have gone out: {_SAFE_RETRY}"
        return PublishError("server", words, status=status)
    if 300 <= status < 400:
        where = headers.get("Location", "elsewhere")[:120]
        return PublishError("answer", f"{host} redirected the post to {where} ({status}); "
                            f"give the instance's own address", status=status)  # fmt: skip
    return PublishError("refused", f"{host} refused the post ({status}{told})", status=status)


def _json(body: bytes) -> object:
    try:
        return json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return None


def _error_text(body: bytes) -> str:
    """Mastodon's {"error": "..."} as one short line, "" if the body has none."""
    data = _json(body)
    said = data.get("error") if isinstance(data, dict) else None
    if not isinstance(said, str):
        return ""
    line = " ".join(said.split())
    return line if len(line) <= 200 else line[:199] + "…"


def _retry_after(headers: CaseInsensitiveDict[str]) -> float | None:
    """Seconds to wait: Retry-After (seconds or an HTTP date), else X-RateLimit-Reset
    (Mastodon's ISO 8601 time of the reset)."""
    now = datetime.now(UTC)
    value = headers.get("Retry-After", "").strip()
    if value:
        if value.isdigit():
            return float(value)
        try:
            moment = email.utils.parsedate_to_datetime(value)
            return max(0.0, (moment - now).total_seconds())
        except (TypeError, ValueError):
            pass
    reset = headers.get("X-RateLimit-Reset", "").strip()
    if reset:
        try:
            moment = datetime.fromisoformat(reset.replace("Z", "+00:00"))
        except ValueError:
            return None
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
        return max(0.0, (moment - now).total_seconds())
    return None


def _scrubbed(error: PublishError, token: str) -> PublishError:
    """The same error with the token blanked, should an instance echo it back."""
    secret = token.strip()
    if not secret or secret not in error.words:
        return error
    return PublishError(error.kind, error.words.replace(secret, "[token]"),
                        status=error.status, retry_after=error.retry_after)  # fmt: skip
