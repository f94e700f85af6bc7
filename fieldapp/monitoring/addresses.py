"""What a user types to name a source, made into one canonical address and key.

A feed is its URL, and so is a CAP index (kind "cap": an Atom or RSS feed whose entries
link to CAP alerts, polled by the alerts desk, never read as posts); a Mastodon hashtag
is "https://instance/tags/name" whether typed as that, as "instance #name" or as
"#name@instance"; an account is "https://instance/@user" whether typed as
"@user@instance", "user@instance" or its profile link. The canonical
address is what polling fetches from (a scheme typed as http:// is kept: a test server
or a LAN instance); `source_key` drops the scheme and is what item ids are made of, so
the same source typed two ways is one source. Pure functions, any thread.
"""

from __future__ import annotations

import re
from urllib.parse import quote, unquote, urlsplit, urlunsplit

from fieldapp.monitoring.postmodel import PostError
from fieldapp.monitoring.text import web_url

POST_SOURCE_KINDS = ("rss", "atom", "mastodon_tag", "mastodon_account")  # read as posts here
INDEX_KINDS = ("cap",)  # feeds of documents another desk reads (fieldapp.alerts.capsource)
SOURCE_KINDS = POST_SOURCE_KINDS + INDEX_KINDS
FEED_KINDS = ("rss", "atom")
_HOST = r"(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,63}|localhost|\[[0-9a-f:.]+\]|\d{1,3}(?:\.\d{1,3}){3}"  # noqa: E501
_NETLOC = re.compile(rf"(?:{_HOST})(?::\d{{1,5}})?", re.IGNORECASE)
_TAG = re.compile(r"\w{1,100}")
_USER = re.compile(r"[A-Za-z0-9_.-]{1,64}")
_TAG_URL = re.compile(r"/tags/([^/?#]+?)(?:\.rss)?/?")
_PROFILE_URL = re.compile(r"/@([^/?#@]+)/?")


def parse_address(kind: str, text: str) -> str:
    """The canonical address of what the user typed, or PostError naming what is wrong."""
    typed = (text or "").strip()
    if kind in FEED_KINDS or kind in INDEX_KINDS:
        return _feed_url(typed)
    if kind == "mastodon_tag":
        scheme, netloc, tag = _tag_parts(typed)
        return f"{scheme}://{netloc}/tags/{quote(tag)}"
    if kind == "mastodon_account":
        scheme, netloc, user = _account_parts(typed)
        return f"{scheme}://{netloc}/@{user}"
    raise _bad(f"{kind!r} is not one of {', '.join(SOURCE_KINDS)}")


def source_key(kind: str, address: str) -> str:
    """The identity of a source, the same however it was typed, on every laptop."""
    canonical = parse_address(kind, address)
    without_scheme = canonical.split("://", 1)[1]
    if kind in FEED_KINDS:
        return f"feed:{without_scheme}"
    if kind in INDEX_KINDS:
        return f"{kind}:{without_scheme}"
    if kind == "mastodon_tag":
        return f"mastodon:tag:{without_scheme.replace('/tags/', '/', 1)}"
    netloc, user = without_scheme.split("/@", 1)
    return f"mastodon:account:{user}@{netloc}"


def mastodon_parts(kind: str, address: str) -> tuple[str, str]:
    """(the instance's base URL, the tag or user name) of a canonical Mastodon address."""
    canonical = parse_address(kind, address)
    if kind == "mastodon_tag":
        base, tag = canonical.split("/tags/", 1)
        return base, unquote(tag)
    base, user = canonical.split("/@", 1)
    return base, user


def host_of(address: str) -> str:
    """The host a source's requests go to, for errors in words ("no connection to x")."""
    try:
        return urlsplit(address).hostname or address
    except ValueError:
        return address


def _bad(message: str) -> PostError:
    return PostError("address", "invalid", message)


def _feed_url(typed: str) -> str:
    if typed.lower().startswith("feed://"):
        typed = "https://" + typed[7:]
    elif "://" not in typed and _NETLOC.match(typed.split("/", 1)[0]):
        typed = "https://" + typed
    if not web_url(typed):
        raise _bad(f"{typed[:80]!r} is not a web address (http or https)")
    parts = urlsplit(typed)
    netloc = parts.netloc.lower()
    return urlunsplit((parts.scheme.lower(), netloc, parts.path or "/", parts.query, ""))


def _instance(netloc: str, typed: str) -> str:
    if not _NETLOC.fullmatch(netloc):
        raise _bad(f"{typed[:80]!r} does not name a Mastodon server")
    return netloc.lower()


def _tag_parts(typed: str) -> tuple[str, str, str]:
    """(scheme, instance, tag) of "https://instance/tags/tag", "instance #tag" or
    "#tag@instance"."""
    if "://" in typed:
        parts = urlsplit(typed)
        found = _TAG_URL.fullmatch(parts.path)
        if parts.scheme.lower() not in ("http", "https") or not found:
            raise _bad(f"{typed[:80]!r} is not a hashtag page like https://instance/tags/name")
        scheme, netloc, tag = parts.scheme.lower(), parts.netloc, unquote(found.group(1))
    elif " " in typed:
        netloc, _, tag = typed.partition(" ")
        scheme, tag = "https", tag.strip()
    elif typed.startswith("#") and "@" in typed:
        tag, _, netloc = typed.partition("@")
        scheme = "https"
    else:
        raise _bad(f"{typed[:80]!r}: give the server and the tag, like 'mastodon.social #flood'")
    tag = tag.lstrip("#").lower()
    if not _TAG.fullmatch(tag):
        raise _bad(f"{tag[:80]!r} is not a hashtag")
    return scheme, _instance(netloc.strip().rstrip("/"), typed), tag


def _account_parts(typed: str) -> tuple[str, str, str]:
    """(scheme, instance, user) of "@user@instance", "user@instance" or a profile link."""
    if "://" in typed:
        parts = urlsplit(typed)
        found = _PROFILE_URL.fullmatch(parts.path)
        if parts.scheme.lower() not in ("http", "https") or not found:
            raise _bad(f"{typed[:80]!r} is not a profile like https://instance/@user")
        scheme, netloc, user = parts.scheme.lower(), parts.netloc, found.group(1)
    else:
        user, _, netloc = typed.lstrip("@").partition("@")
        scheme = "https"
        if not netloc:
            raise _bad(f"{typed[:80]!r}: give the account with its server, like @user@instance")
    if not _USER.fullmatch(user):
        raise _bad(f"{user[:80]!r} is not a Mastodon user name")
    return scheme, _instance(netloc.strip().rstrip("/"), typed), user.lower()
