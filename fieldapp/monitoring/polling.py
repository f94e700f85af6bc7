"""Polling a source politely: one poll of one source at a time, as pure steps + requests.

The caller keeps each source's PollState between polls (the repository stores it as
JSON) and asks `is_due`; `poll_once` fetches now and returns the posts and the next
state, never raising for what the network or the server does:

- a per-source interval, never under 30 s; a conditional GET for feeds (ETag,
  Last-Modified: 304 is "nothing new", no error);
- 429, or 503 with Retry-After: the next try waits what the server asked (seconds, an
  HTTP date, Mastodon's X-RateLimit-Reset), never less than the interval;
- any other failure: exponential backoff with jitter, interval x 2^failures, at most an
  hour; the error in words ("no connection to example.org") and a kind for the UI;
- Mastodon pages forward with `min_id` from the newest status seen (oldest page first,
  up to `max_pages`), so an outage leaves no gap and no post comes twice; `cancelled()`
  is checked between pages and between the chunks of an answer.

No threads of its own: the task manager runs polls on its network lane; one Session
per thread.
"""

from __future__ import annotations

import dataclasses
import json
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import requests
from requests.adapters import HTTPAdapter

from fieldapp import APP_NAME, __version__
from fieldapp.monitoring.addresses import (
    FEED_KINDS,
    POST_SOURCE_KINDS,
    SOURCE_KINDS,
    parse_address,
    source_key,
)
from fieldapp.monitoring.feeds import parse_feed
from fieldapp.monitoring.fetching import FetchCancelled, FetchError, Timeouts, fetch
from fieldapp.monitoring.postmodel import Post, PostError
from fieldapp.monitoring.timeline import TimelinePoll, poll_timeline

__all__ = [
    "DEFAULT_INTERVAL_S", "ERROR_KINDS", "MAX_BACKOFF_S", "MIN_INTERVAL_S", "SOURCE_KINDS",
    "USER_AGENT", "PollOutcome", "PollState", "SourceSpec", "Timeouts", "backoff_delay",
    "failed", "is_due", "new_session", "parse_address", "poll_once", "should_poll",
    "source_key", "succeeded",
]  # fmt: skip

PROJECT_URL = "https://github.com/fieldapp/fieldapp"
USER_AGENT = f"{APP_NAME}/{__version__} (+{PROJECT_URL}; monitoring desk)"
MIN_INTERVAL_S = 30
DEFAULT_INTERVAL_S = 120
MAX_BACKOFF_S = 3600
MAX_BYTES = 20_000_000
# What went wrong, for the UI to say in its language (PollOutcome.error_kind).
ERROR_KINDS = ("network", "http", "too_large", "not_a_feed", "malformed", "rate_limited")
FEED_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/rdf+xml;q=0.9, "
    "application/xml;q=0.8, text/xml;q=0.8, */*;q=0.1"
)
_POST_ERROR_KINDS = {"not_a_feed": "not_a_feed", "not_statuses": "not_a_feed"}


@dataclass(frozen=True)
class SourceSpec:
    """What to poll: a kind of SOURCE_KINDS, its address (parse_address), how often."""

    kind: str
    address: str
    interval_s: int = DEFAULT_INTERVAL_S


@dataclass
class PollState:
    """What a source's polls remember, kept by the caller between polls (JSON)."""

    etag: str = ""
    last_modified: str = ""
    since_id: str = ""  # Mastodon: the newest status id seen
    account_id: str = ""  # Mastodon: the account's id on its instance, once looked up
    failures: int = 0  # in a row; 0 after a success
    next_due: float = 0.0  # epoch seconds
    last_fetch_at: float | None = None
    last_ok_at: float | None = None
    last_error: str = ""  # in words, "" after a success
    last_error_kind: str = ""  # one of ERROR_KINDS: what a window translates into its words
    # An index source (addresses.INDEX_KINDS): the documents it lists that were fetched
    # already, so a poll fetches only new ones; kept by the desk that reads them.
    documents: list[str] = field(default_factory=list)

    def to_json(self) -> str:
        return json.dumps(dataclasses.asdict(self), sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> PollState:
        """The state saved by to_json; unknown keys ignored, missing ones at their default
        (a state saved by another version still loads), "" gives a new state."""
        try:
            data = json.loads(text) if text else {}
        except ValueError:
            data = {}
        if not isinstance(data, dict):
            data = {}
        names = {f.name for f in dataclasses.fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in names})


@dataclass
class PollOutcome:
    """What one poll gave: new posts (oldest first), the state to keep, and how it went."""

    posts: list[Post]
    state: PollState
    not_modified: bool = False
    error: str = ""  # in words, "" when it went well
    error_kind: str = ""  # one of ERROR_KINDS when error
    cancelled: bool = False  # stopped by cancelled(): the posts got before are kept
    title: str = ""  # the feed's own title, when it gave one
    requests: int = 0  # HTTP requests made


def is_due(state: PollState, now: float) -> bool:
    """Whether a source may be polled at `now` (epoch seconds)."""
    return now >= state.next_due


def should_poll(state: PollState, now: float, *, force: bool = False) -> bool:
    """Due by its interval (or backoff); a forced poll takes every source but one whose
    server said "not before" (429/503 with Retry-After): that is obeyed, forced or not."""
    if force and not (state.last_error_kind == "rate_limited" and state.next_due > now):
        return True
    return is_due(state, now)


def backoff_delay(
    interval_s: int, failures: int, rand: Callable[[], float] = random.random
) -> float:
    """Seconds before the next try after `failures` failures in a row: interval x
    2^failures, at most an hour, with jitter (between half and all of it, so laptops that
    failed together do not come back together), never under the interval."""
    interval = max(interval_s, MIN_INTERVAL_S)
    full = min(interval * 2.0 ** min(failures, 32), MAX_BACKOFF_S)
    return max(float(interval), full * (0.5 + rand() / 2))


def new_session() -> requests.Session:
    """A Session for polling: a User-Agent naming FieldApp, no retries of its own (the
    backoff is ours), few redirects."""
    session = requests.Session()
    session.headers["User-Agent"] = USER_AGENT
    session.max_redirects = 5
    adapter = HTTPAdapter(max_retries=0, pool_connections=4, pool_maxsize=4)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    return session


def poll_once(
    session: requests.Session,
    spec: SourceSpec,
    state: PollState,
    *,
    now: float | None = None,
    cancelled: Callable[[], bool] = lambda: False,
    max_bytes: int = MAX_BYTES,
    max_pages: int = 5,
    timeouts: Timeouts = Timeouts(),  # noqa: B008 (frozen: one shared default is safe)
) -> PollOutcome:
    """Fetch the source now (the caller asks is_due first) and return what it gave and
    the state to keep. Never raises for the network or the server: errors are words in
    the outcome, and the state keeps its ETag/since_id so the next poll catches up."""
    moment = time.time() if now is None else now
    kept = dataclasses.replace(state)
    if spec.kind not in POST_SOURCE_KINDS:
        why = f"{spec.kind!r} cannot be polled for posts"
        return failed(kept, spec, moment, "malformed", why, None)
    kept.last_fetch_at = moment
    if spec.kind in FEED_KINDS:
        return _poll_feed(session, spec, kept, moment, cancelled, max_bytes, timeouts)
    got = poll_timeline(
        session, spec.kind, spec.address, TimelinePoll(kept.since_id, kept.account_id),
        cancelled=cancelled, max_bytes=max_bytes, max_pages=max_pages, timeouts=timeouts,
    )  # fmt: skip
    kept.since_id, kept.account_id = got.cursor.since_id, got.cursor.account_id
    if got.error is not None:
        return failed(kept, spec, moment, *_error_words(got.error), got.posts, got.requests)
    outcome = succeeded(kept, spec, moment, got.posts, got.requests)
    outcome.cancelled = got.cancelled
    return outcome


def _poll_feed(
    session: requests.Session,
    spec: SourceSpec,
    state: PollState,
    moment: float,
    cancelled: Callable[[], bool],
    max_bytes: int,
    timeouts: Timeouts,
) -> PollOutcome:
    headers = {"Accept": FEED_ACCEPT}
    if state.etag:
        headers["If-None-Match"] = state.etag
    if state.last_modified:
        headers["If-Modified-Since"] = state.last_modified
    try:
        answer = fetch(session, spec.address, headers=headers, max_bytes=max_bytes,
                       timeouts=timeouts, cancelled=cancelled)  # fmt: skip
        if answer.status == 304:
            outcome = succeeded(state, spec, moment, [], 1)
            outcome.not_modified = True
            return outcome
        result = parse_feed(answer.body, source=spec.address,
                            content_type=answer.headers.get("Content-Type", ""))  # fmt: skip
    except FetchCancelled:  # still due: the next poll fetches it again
        return PollOutcome([], state, cancelled=True, requests=1)
    except (FetchError, PostError) as error:
        return failed(state, spec, moment, *_error_words(error), [], 1)
    state.etag = answer.headers.get("ETag", "")
    state.last_modified = answer.headers.get("Last-Modified", "")
    outcome = succeeded(state, spec, moment, result.posts, 1)
    outcome.title = result.title
    return outcome


def _error_words(error: Exception) -> tuple[str, str, float | None]:
    """(kind, words, seconds the server asked to wait) of a fetch or parse error."""
    if isinstance(error, FetchError):
        return error.kind, error.words, error.retry_after
    if isinstance(error, PostError):
        return _POST_ERROR_KINDS.get(error.kind, "malformed"), error.message, None
    return "network", str(error), None


def succeeded(
    state: PollState, spec: SourceSpec, moment: float, posts: list[Post], requests_made: int
) -> PollOutcome:
    """A poll that went well: no failures, no error, due again after the interval."""
    state.failures = 0
    state.last_ok_at = moment
    state.last_error = ""
    state.last_error_kind = ""
    state.next_due = moment + max(spec.interval_s, MIN_INTERVAL_S)
    return PollOutcome(posts, state, requests=requests_made)


def failed(
    state: PollState,
    spec: SourceSpec,
    moment: float,
    kind: str,
    words: str,
    wait: float | None,
    posts: list[Post] | None = None,
    requests_made: int = 0,
) -> PollOutcome:
    """A poll that failed: the error in words and its kind, due again after what the
    server asked (`wait`, never sooner than the interval) or else after the backoff."""
    state.failures += 1
    state.last_error = words
    state.last_error_kind = kind
    interval = max(spec.interval_s, MIN_INTERVAL_S)
    if wait is not None:  # the server said how long: that, but never sooner than the interval
        state.next_due = moment + max(wait, interval)
    else:
        state.next_due = moment + backoff_delay(interval, state.failures)
    return PollOutcome(posts or [], state, error=words, error_kind=kind, requests=requests_made)
