"""The monitoring desk's coded values in words (English source, French translation).

Functions, not constants: the words are read in the language in force when called.
GUI thread (translations are Qt's).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QCoreApplication

from fieldapp.ui.kit import dates

translate = QCoreApplication.translate


def status_labels() -> dict[str, str]:
    """A post's place in the triage (items.STATUSES)."""
    return {
        "new": translate("Monitoring", "To triage"),
        "rumour": translate("Monitoring", "Rumour"),
        "dismissed": translate("Monitoring", "Dismissed"),
        "promoted": translate("Monitoring", "Made a report"),
        "attached": translate("Monitoring", "Source of a report"),
    }


def credibility_labels() -> dict[str, str]:
    """What the team thinks of an author (authors.CREDIBILITY)."""
    return {
        "credible": translate("Monitoring", "Credible"),
        "official": translate("Monitoring", "Official"),
        "unknown": translate("Monitoring", "Unknown"),
        "not_credible": translate("Monitoring", "Not credible"),
        "impersonator": translate("Monitoring", "Impersonator"),
    }


def action_labels() -> dict[str, str]:
    """What a watch rule does with the posts it matches (watch.ACTIONS)."""
    return {
        "flag": translate("Monitoring", "Flag"),
        "hide": translate("Monitoring", "Hide"),
    }


def post_kind_labels() -> dict[str, str]:
    """How a post came (items.POST_KINDS)."""
    return {
        "mastodon": translate("Monitoring", "Mastodon"),
        "feed": translate("Monitoring", "Feed"),
        "csv": translate("Monitoring", "File of posts"),
        "paste": translate("Monitoring", "Pasted (phone, SMS)"),
        "public": translate("Monitoring", "Public form"),
    }


def field_labels(kind: str = "") -> dict[str, str]:
    """The names of a post's, a rule's and an author note's fields."""
    return {
        "status": translate("Monitoring", "Triage"),
        "claimed_by": translate("Monitoring", "Claimed by"),
        "report_id": translate("Monitoring", "Report"),
        "cluster_pin": translate("Monitoring", "Card (grouped by hand)"),
        "source_kind": translate("Monitoring", "Came by"),
        "post_key": translate("Monitoring", "Post id"),
        "author": translate("Monitoring", "Author"),
        "handle": translate("Monitoring", "Account"),
        "posted_at": translate("Monitoring", "Posted at"),
        "text": translate("Monitoring", "Text"),
        "url": translate("Monitoring", "Link"),
        "language": translate("Monitoring", "Language"),
        "media": translate("Monitoring", "Media"),
        "place": translate("Monitoring", "Place (guessed)"),
        "lat": translate("Monitoring", "Latitude (guessed)"),
        "lon": translate("Monitoring", "Longitude (guessed)"),
        "name": translate("Monitoring", "Name"),
        "expression": translate("Monitoring", "Words"),
        "area_id": translate("Monitoring", "Area"),
        "operation_area": translate("Monitoring", "Within the operation's area"),
        "action": translate("Monitoring", "Action"),
        "enabled": translate("Monitoring", "Switched on"),
        "credibility": translate("Monitoring", "Credibility"),
        "note": translate("Monitoring", "Note"),
    }


def counted(count: int, one: str, many: str) -> str:
    """`one` (for 1) or `many` with "%1" filled in: the translations carry both forms
    spelled out (the project's .ts has no plural forms)."""
    return one if count == 1 else many.replace("%1", str(count))


def source_kind_labels() -> dict[str, str]:
    """What a watched source is (polling.SOURCE_KINDS); RSS and Atom read the same way."""
    return {
        "rss": translate("Monitoring", "RSS or Atom feed"),
        "atom": translate("Monitoring", "Atom feed"),
        "mastodon_tag": translate("Monitoring", "Mastodon tag"),
        "mastodon_account": translate("Monitoring", "Mastodon account"),
        "cap": translate("Monitoring", "Official alerts (CAP feed)"),
    }


def card_headers() -> list[str]:
    """The queue's columns (cards_model.COLUMNS)."""
    return [
        translate("Monitoring", "Posts"),
        translate("Monitoring", "Authors"),
        translate("Monitoring", "First seen"),
        translate("Monitoring", "Text"),
        translate("Monitoring", "Triage"),
        translate("Monitoring", "Claimed by"),
        translate("Monitoring", "Flag"),
    ]


def local_time(stored: str | None) -> str:
    """A stored UTC time in the laptop's local time, as lists show it: "2026-12-05 14:02";
    "?" for a post that gave no date."""
    if not stored or stored.startswith("1970-"):
        return "?"
    return dates.list_time(stored)


def local_prose(stored: str | None) -> str:
    """The same moment in a sentence: "5 December 2026 at 14:02"; "?" for no date."""
    if not stored or stored.startswith("1970-"):
        return "?"
    return dates.prose_time(stored)


def first_seen(first_at: str | None, handle: str, author: str) -> str:
    """ "2026-12-06 14:02 by @x": when a card's story was first seen, and by whom."""
    who = handle or author or "?"
    return (
        translate("Monitoring", "%1 by %2").replace("%1", local_time(first_at)).replace("%2", who)
    )


def card_summary(posts: int, authors: int, first_at: str | None, who: str) -> str:
    """ "34 posts, 12 authors, first seen 6 December 2026 at 14:02 by @x" (a card's
    heading)."""
    # Counted words spelled out (lupdate does not see plural forms in translate() calls).
    text = translate("Monitoring", "1 post") if posts == 1 else translate("Monitoring", "%1 posts")
    author_words = (
        translate("Monitoring", "1 author")
        if authors == 1
        else translate("Monitoring", "%1 authors")
    )
    text = text.replace("%1", str(posts)) + ", " + author_words.replace("%1", str(authors))
    seen = translate("Monitoring", "first seen %1 by %2")
    return text + ", " + seen.replace("%1", local_prose(first_at)).replace("%2", who or "?")


def post_title(current: Mapping[str, Any]) -> str:
    """A post named by its first line, cut short (its whole text is the record's title)."""
    text = str(current.get("text") or "")
    line = next((part.strip() for part in text.splitlines() if part.strip()), "")
    return line if len(line) <= 80 else line[:79] + "…"
