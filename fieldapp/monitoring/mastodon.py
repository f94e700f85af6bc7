"""Reading a Mastodon API answer (a JSON array of statuses) into posts, all or nothing.

Only `id`, `created_at`, `content` and `account` are required of a status: servers from
2017 to today send different fields (no `language` before 2.x, `reblog`, `edited_at`,
`card`...), and ids may be JSON numbers (the old API) or strings. A status's `uri` is
its key, so one status seen through two instances or two tags is one post. A boost
(reblog) is a post of the booster that carries the original's text, media and key
(`boost_of`), so the clustering sees the copy. Pure functions, any thread.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlsplit

from fieldapp.monitoring.postmodel import Post, PostError, unique_links
from fieldapp.monitoring.text import (
    clean_text,
    html_to_text,
    iso_time,
    language_tag,
    one_line,
    web_url,
)

REQUIRED = ("id", "created_at", "content", "account")


def parse_mastodon(data: bytes, *, source: str, instance: str) -> list[Post]:
    """The posts of a Mastodon timeline answer, or PostError naming `source` and what
    is wrong (not JSON, not an array, an element that is not a status)."""
    statuses = read_statuses(data, source)
    return [status_post(status, instance) for status in statuses]


def read_statuses(data: bytes, source: str) -> list[dict[str, Any]]:
    """The statuses of an answer, each checked, or PostError (nothing partial)."""
    try:
        answer = json.loads(data)
    except (ValueError, RecursionError):
        raise PostError(source, "not_statuses", "the answer is not JSON") from None
    if isinstance(answer, dict) and isinstance(answer.get("error"), str):
        said = one_line(answer["error"], 200)
        raise PostError(source, "not_statuses", f"the server answered an error: {said}")
    if not isinstance(answer, list):
        raise PostError(source, "not_statuses", "the answer is not a list of statuses")
    for index, status in enumerate(answer):
        problem = status_problem(status)
        if problem:
            raise PostError(source, "not_statuses", f"element {index + 1} {problem}")
    return answer


def status_problem(status: object) -> str:
    """Why a JSON value is not a status ("" when it is one)."""
    if not isinstance(status, dict):
        return "is not a status (an object)"
    missing = [name for name in REQUIRED if name not in status]
    if missing:
        return f"is not a status: no {', '.join(missing)}"
    if not isinstance(status["id"], str | int) or isinstance(status["id"], bool):
        return "is not a status: its id is neither a string nor a number"
    if not isinstance(status["account"], dict):
        return "is not a status: its account is not an object"
    if not isinstance(status["content"], str | None):
        return "is not a status: its content is not text"
    reblog = status.get("reblog")
    if reblog is not None and status_problem(reblog):
        return "is a boost of something that is not a status"
    return ""


def status_post(status: dict[str, Any], instance: str = "") -> Post:
    """One status as a post (a boost carries what it boosts)."""
    reblog = status.get("reblog") if isinstance(status.get("reblog"), dict) else None
    shown = reblog or status  # what the timeline shows: the original's words and media
    url = web_url(status.get("url")) or web_url(status.get("uri"))
    host = instance or _host(url) or _host(status.get("uri"))
    return Post(
        key=status_key(status, host),
        author=one_line(_account(status).get("display_name") or "")
        or one_line(_account(status).get("username") or ""),
        handle=handle_of(_account(status), host),
        posted_at=iso_time(status.get("created_at")),
        text=_text(shown),
        url=url or (web_url(reblog.get("url")) if reblog else ""),
        language=language_tag(shown.get("language")),
        media=_media(shown),
        reply_to=_id_text(status.get("in_reply_to_id")),
        boost_of=status_key(reblog, _host(reblog.get("url")) or host) if reblog else "",
    )


def status_id(status: dict[str, Any]) -> str:
    """The status's id on the instance that answered, as text."""
    return _id_text(status.get("id"))


def status_key(status: dict[str, Any], host: str) -> str:
    """The status's global identity: its `uri`, else its url, else id@instance."""
    uri = status.get("uri")
    if isinstance(uri, str) and uri.strip():
        return uri.strip()[:2000]
    return web_url(status.get("url")) or f"https://{host}/statuses/{status_id(status)}"


def handle_of(account: dict[str, Any], instance: str) -> str:
    """ "@user@instance": a local account's `acct` has no instance, so it gets this one."""
    acct = one_line(account.get("acct") or account.get("username") or "").lstrip("@")
    if not acct:
        return ""
    if "@" not in acct and instance:
        acct = f"{acct}@{instance}"
    return f"@{acct}"


def _account(status: dict[str, Any]) -> dict[str, Any]:
    account = status.get("account")
    return account if isinstance(account, dict) else {}


def _text(status: dict[str, Any]) -> str:
    """The content as text, after its content warning (part of what the author wrote)."""
    body = html_to_text(status.get("content") or "")
    warning = one_line(status.get("spoiler_text") or "")
    return clean_text(f"{warning}\n{body}") if warning else body


def _media(status: dict[str, Any]) -> tuple[str, ...]:
    attachments = status.get("media_attachments")
    if not isinstance(attachments, list):
        return ()
    links = [
        web_url(a.get("url")) or web_url(a.get("remote_url"))
        for a in attachments
        if isinstance(a, dict)
    ]
    return unique_links(links)


def _id_text(value: object) -> str:
    if isinstance(value, bool) or value is None:
        return ""
    return str(value) if isinstance(value, str | int) else ""


def _host(link: object) -> str:
    url = web_url(link)
    return (urlsplit(url).hostname or "") if url else ""
