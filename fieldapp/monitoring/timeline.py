"""Polling a Mastodon hashtag or account through the public API, with no gap and no repeat.

The first poll takes the newest page. Later polls page forward from the newest status
seen with `min_id` ("the statuses immediately newer than this id"), oldest page first,
up to `max_pages` pages: after an outage the next polls go on from where they stopped, so
nothing is skipped however many posts came meanwhile. (`since_id` would give the newest
page and leave a gap; following the Link header's `rel="prev"` gives the same pages as
`min_id` but not every server sends it.) An account's id is looked up once
(`/api/v1/accounts/lookup`) and kept. Runs in the caller's thread.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import quote, urlencode, urlsplit

import requests

from fieldapp.monitoring.addresses import mastodon_parts
from fieldapp.monitoring.fetching import FetchCancelled, FetchError, Timeouts, fetch
from fieldapp.monitoring.mastodon import read_statuses, status_id, status_post
from fieldapp.monitoring.postmodel import Post, PostError

PAGE_LIMIT = 40  # the most a Mastodon server gives in one page
_JSON = {"Accept": "application/json"}


@dataclass(frozen=True)
class TimelinePoll:
    """Where a timeline's polls are: the newest status id seen, the account's id."""

    since_id: str = ""
    account_id: str = ""


@dataclass
class TimelineGot:
    """What one poll of a timeline gave; the posts got before an error are kept."""

    cursor: TimelinePoll
    posts: list[Post] = field(default_factory=list)
    error: FetchError | PostError | None = None
    cancelled: bool = False
    requests: int = 0


def poll_timeline(
    session: requests.Session,
    kind: str,
    address: str,
    cursor: TimelinePoll,
    *,
    cancelled: Callable[[], bool],
    max_bytes: int,
    max_pages: int,
    timeouts: Timeouts,
) -> TimelineGot:
    """The new statuses of a tag or an account as posts, oldest first."""
    base, name = mastodon_parts(kind, address)
    got = TimelineGot(cursor)

    def get(url: str) -> bytes:
        got.requests += 1
        answer = fetch(session, url, headers=_JSON, max_bytes=max_bytes, timeouts=timeouts,
                       cancelled=cancelled)  # fmt: skip
        return answer.body

    try:
        if kind == "mastodon_tag":
            url = f"{base}/api/v1/timelines/tag/{quote(name)}"
        else:
            url = f"{base}/api/v1/accounts/{quote(_account_id(got, base, name, get))}/statuses"
        _pages(got, url, get, cancelled, max_pages, address, urlsplit(base).netloc)
    except FetchCancelled:
        got.cancelled = True
    except (FetchError, PostError) as error:
        got.error = error
        if kind == "mastodon_account" and isinstance(error, FetchError) and "404" in error.words:
            got.cursor = dataclasses.replace(got.cursor, account_id="")  # look it up again
    return got


def _account_id(got: TimelineGot, base: str, user: str, get: Callable[[str], bytes]) -> str:
    """The account's id on its instance: kept from an earlier poll, else looked up."""
    if got.cursor.account_id:
        return got.cursor.account_id
    host = urlsplit(base).netloc
    try:
        body = get(f"{base}/api/v1/accounts/lookup?{urlencode({'acct': user})}")
    except FetchError as error:
        if "404" in error.words:
            raise FetchError("http", f"no account @{user} on {host}") from None
        raise
    try:
        account = json.loads(body)
    except ValueError:
        account = None
    found = account.get("id") if isinstance(account, dict) else None
    if not isinstance(found, str | int) or isinstance(found, bool) or not str(found):
        raise PostError(host, "not_statuses", f"the lookup of @{user} did not answer an account")
    got.cursor = dataclasses.replace(got.cursor, account_id=str(found))
    return str(found)


def _pages(
    got: TimelineGot,
    url: str,
    get: Callable[[str], bytes],
    cancelled: Callable[[], bool],
    max_pages: int,
    source: str,
    instance: str,
) -> None:
    """Page forward from the cursor (one page, the newest, on the first poll)."""
    since = got.cursor.since_id
    for page in range(max(1, max_pages) if since else 1):
        if page and cancelled():
            got.cancelled = True
            return
        query = {"limit": str(PAGE_LIMIT)} | ({"min_id": since} if since else {})
        statuses = read_statuses(get(f"{url}?{urlencode(query)}"), source)
        # Oldest first; a server that ignores min_id must not bring a post twice.
        fresh = sorted((s for s in statuses if _newer(status_id(s), since)),
                       key=lambda s: _order(status_id(s)))  # fmt: skip
        got.posts += [status_post(s, instance) for s in fresh]
        if fresh:
            since = status_id(fresh[-1])
            got.cursor = dataclasses.replace(got.cursor, since_id=since)
        if len(statuses) < PAGE_LIMIT or not fresh:
            return


def _order(identifier: str) -> tuple[int, str]:
    """Mastodon ids are numbers as text (Pleroma's, fixed-length text): longer is newer."""
    return len(identifier), identifier


def _newer(identifier: str, than: str) -> bool:
    return not than or _order(identifier) > _order(than)
