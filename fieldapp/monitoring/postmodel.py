"""What every reader of posts gives: the Post value, a FeedResult, and PostError.

`fieldapp.monitoring.posts` is the entry point others import; the value types live here,
below the readers (feeds, mastodon, postcsv), so that no reader imports the entry point.
Immutable values and pure functions, any thread.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from fieldapp.core.errors import ValidationError

# What a refused input was, as PostError.kind says it (the UI translates by kind).
ERROR_KINDS = (
    "not_a_feed",  # HTML, JSON or anything that is not RSS or Atom
    "malformed",  # a feed cut short, XML that cannot be read, a row that is not a post
    "unsafe",  # XML entity or DTD declarations (an XML bomb, an external entity)
    "too_large",  # a file over the cap
    "wrong_columns",  # a CSV with neither a text nor a url column
    "not_statuses",  # a Mastodon answer that is not a JSON array of statuses
    "unreadable",  # a file that cannot be opened
    "invalid",  # a pasted post with nothing in it, a link that is not a web address
)


@dataclass(frozen=True)
class Post:
    """One post, as read from its source: plain text, no markup, nothing invented.

    `key` is the post's own identity in its source, never empty: a Mastodon status's
    `uri`, else a feed entry's guid/id, else its link, else a sha256 of its title, text
    and date, so the same post read twice, or on two laptops, has the same key.
    `posted_at` is ISO 8601 UTC with milliseconds, None when the source gives no date
    that can be read (never the time of the fetch).
    """

    key: str
    author: str
    handle: str
    posted_at: str | None
    text: str
    url: str
    language: str
    media: tuple[str, ...] = ()
    reply_to: str = ""
    boost_of: str = ""


@dataclass(frozen=True)
class FeedResult:
    """A feed or a file of posts, read whole: its title, its posts, its language."""

    title: str
    posts: list[Post]
    language: str


class PostError(ValidationError):
    """An input refused whole, with one line naming the source and what is wrong.

    `kind` is one of ERROR_KINDS; `message` is the English words without the source;
    str(error) is "source: message". Nothing of the input was kept.
    """

    def __init__(self, source: str, kind: str, message: str) -> None:
        super().__init__({source or "input": (kind, message)})
        self.source = source or "input"
        self.kind = kind
        self.message = message


def hashed_key(*parts: str | None) -> str:
    """A stable key from a post's own contents, the same on every machine."""
    joined = "\x1f".join(part or "" for part in parts)
    return "sha256:" + hashlib.sha256(joined.encode("utf-8", "surrogatepass")).hexdigest()


def unique_links(links: list[str]) -> tuple[str, ...]:
    """The non-empty links once each, in their first order."""
    return tuple(dict.fromkeys(link for link in links if link))
