"""Posts in: the one place the rest of the desk reads them from.

`parse_feed` (RSS, Atom), `parse_mastodon` (an API answer), `read_posts_file` (a saved
feed, a saved Mastodon answer or a CSV of posts, sniffed from its bytes) and
`paste_post` (what came by phone or SMS) all give `Post` values; bad input raises
`PostError` with one line naming the source and what is wrong, and gives nothing.
Pure functions (read_posts_file reads one file), any thread; nothing here writes.
"""

from __future__ import annotations

import uuid
from pathlib import Path

from fieldapp.core.times import parse_time
from fieldapp.monitoring.feeds import parse_feed
from fieldapp.monitoring.mastodon import parse_mastodon
from fieldapp.monitoring.postcsv import read_posts_csv
from fieldapp.monitoring.postmodel import ERROR_KINDS, FeedResult, Post, PostError, hashed_key
from fieldapp.monitoring.text import clean_text, one_line, web_url

__all__ = [
    "ERROR_KINDS",
    "FILE_MAX_BYTES",
    "FeedResult",
    "Post",
    "PostError",
    "hashed_key",
    "parse_feed",
    "parse_mastodon",
    "paste_post",
    "read_posts_file",
]

FILE_MAX_BYTES = 100_000_000


def read_posts_file(path: Path) -> FeedResult:
    """The posts of a saved RSS or Atom feed, a saved Mastodon answer (JSON) or a CSV of
    posts, told apart by their bytes, not their name. The title is the feed's own, else
    the file's name. PostError for a file over 100 MB, unreadable or not posts."""
    path = Path(path)
    source = path.name
    try:
        size = path.stat().st_size
        if size > FILE_MAX_BYTES:
            raise PostError(
                source, "too_large", f"the file is {size / 1e6:.0f} MB, over the 100 MB limit"
            )
        data = path.read_bytes()
    except OSError as error:
        raise PostError(source, "unreadable", f"cannot read the file: {error.strerror}") from None
    start = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if start.startswith((b"<", b"\xff\xfe", b"\xfe\xff")):
        result = parse_feed(data, source=source)
        return FeedResult(result.title or source, result.posts, result.language)
    if start.startswith((b"[", b"{")):
        return FeedResult(source, parse_mastodon(data, source=source, instance=""), "")
    return read_posts_csv(data, source=source, title=source)


def paste_post(text: str, url: str = "", *, author: str = "", posted_at: str | None = None) -> Post:
    """A post typed or pasted by a volunteer (a testimony by phone, an SMS, a link).

    Its key is the link when there is one (two volunteers pasting the same link paste
    one post), else a new random one: each pasted testimony is its own post. The text
    is kept as typed (not read as HTML), cleaned of control characters."""
    body = clean_text(text or "")
    link = (url or "").strip()
    if link and not web_url(link):
        raise PostError("paste", "invalid", f"{link[:80]!r} is not a web link (http or https)")
    if not body and not link:
        raise PostError("paste", "invalid", "a pasted post needs a text or a link")
    when = None
    if posted_at:
        try:
            when = parse_time(posted_at)
        except ValueError as error:
            raise PostError("paste", "invalid", str(error)) from None
    return Post(
        key=link or f"urn:uuid:{uuid.uuid4()}",
        author=one_line(author),
        handle="",
        posted_at=when,
        text=body,
        url=link,
        language="",
    )
