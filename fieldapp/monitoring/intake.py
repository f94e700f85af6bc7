"""Taking posts in: polling the due sources, importing a file, pasting a post.

Each path ends the same way: the posts become items (items.Items.take: new ones only),
each with the place its text names guessed from the offline gazetteer, then the queue
settles (clusters, rules, cards). Plain functions of a Store, Qt-free: the window runs
them on the task manager (network lane for polls, files lane for imports), the CLI
inline. A source that fails gives its error in words and the others go on.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import requests

from fieldapp.monitoring.addresses import POST_SOURCE_KINDS
from fieldapp.monitoring.items import PlaceGuess, Taken
from fieldapp.monitoring.polling import PollState, new_session, poll_once, should_poll
from fieldapp.monitoring.posts import paste_post, read_posts_file
from fieldapp.monitoring.queue import Queue
from fieldapp.monitoring.sources import Source

if TYPE_CHECKING:
    from fieldapp.store import Store

Progress = Callable[[int, int, str], None]
_COUNTRY_OF = {"fr": "FR"}  # a post's language -> the country its places are likely in


def _no_progress(done: int, total: int, text: str) -> None:
    """A progress callback that shows nothing."""


@dataclass
class Polled:
    """What one poll of one source gave."""

    source_id: str
    name: str
    new: int = 0
    known: int = 0
    not_modified: bool = False
    error: str = ""
    error_kind: str = ""


@dataclass
class Imported:
    """What importing a file gave."""

    title: str
    new: list[str] = field(default_factory=list)
    known: list[str] = field(default_factory=list)


def place_guesser(store: Store) -> Callable[[str, str], PlaceGuess | None]:
    """A function from a post's text and language to the best place it names (None if
    none), from the offline gazetteer, opened on first use; no guesses at all if it is not
    installed. A post in French prefers French places (a lone small-town name counts only
    with such a hint: "Axat isolé")."""
    from fieldapp.places.gazetteer import Gazetteer
    from fieldapp.places.guess import guess_places

    gazetteer = Gazetteer.default()
    ready: list[bool] = []

    def guess(text: str, language: str = "") -> PlaceGuess | None:
        if not ready:
            ready.append(gazetteer.available())
        if not ready[0]:
            return None
        found = guess_places(gazetteer, text, country_hint=_COUNTRY_OF.get(language, ""))
        if not found:
            return None
        place = found[0].place
        return PlaceGuess(place.name, place.lat, place.lon)

    return guess


def take(
    store: Store, operation_id: str, posts: list, kind: str, source: Source | None = None
) -> Taken:
    """Store posts as items (the new ones), then settle the queue."""
    taken = store.items.take(
        operation_id, posts, kind=kind,
        source_id=source.id if source else "", source_key=source.key if source else "",
        guess=place_guesser(store),
    )  # fmt: skip
    Queue(store.db).settle()
    return taken


def poll_sources(
    store: Store,
    operation_id: str | None = None,
    *,
    force: bool = False,
    now: float | None = None,
    session: requests.Session | None = None,
    progress: Progress = _no_progress,
    cancelled: Callable[[], bool] = lambda: False,
) -> list[Polled]:
    """Poll the enabled sources that are due (every one with `force`), one after the
    other; each one's state is saved after its own poll, so a cancel or a cut link loses
    nothing. Sources of other kinds (a CAP index: the alerts desk's) are left alone.
    Returns what each polled source gave."""
    moment = time.time() if now is None else now
    due = [
        s for s in store.sources.list(operation_id)
        if s.kind in POST_SOURCE_KINDS and s.enabled and should_poll(s.state, moment, force=force)
    ]  # fmt: skip
    session = session or new_session()
    results: list[Polled] = []
    for index, source in enumerate(due):
        if cancelled():
            break
        progress(index, len(due), source.name)
        results.append(
            _poll_one(store, source, session, moment if now is not None else None, cancelled)
        )
    progress(len(results), len(due), "")
    return results


def _poll_one(
    store: Store,
    source: Source,
    session: requests.Session,
    now: float | None,
    cancelled: Callable[[], bool],
) -> Polled:
    state = PollState.from_json(source.state.to_json())
    outcome = poll_once(session, source.spec, state, now=now, cancelled=cancelled)
    polled = Polled(source.id, source.name, not_modified=outcome.not_modified,
                    error=outcome.error, error_kind=getattr(outcome, "error_kind", ""))  # fmt: skip
    if outcome.posts:
        taken = take(store, source.operation_id, outcome.posts, source.post_kind, source)
        polled.new, polled.known = len(taken.new), len(taken.known)
    store.sources.save_state(source.id, outcome.state)
    return polled


def import_file(
    store: Store,
    operation_id: str,
    path: Path,
    progress: Progress = _no_progress,
    cancelled: Callable[[], bool] = lambda: False,
) -> Imported:
    """Import a saved feed (RSS, Atom) or a CSV of posts; all or nothing. Importing the
    same file twice creates nothing the second time."""
    progress(0, 2, path.name)
    result = read_posts_file(path)
    suffix = path.suffix.lower()
    kind = (
        "csv" if suffix in (".csv", ".tsv", ".txt") else "mastodon" if suffix == ".json" else "feed"
    )
    if cancelled():
        return Imported(result.title)
    progress(1, 2, path.name)
    guess = place_guesser(store)
    key = f"file:{result.title}"
    taken = store.items.take(operation_id, result.posts, kind=kind, source_key=key, guess=guess)
    Queue(store.db).settle(cancelled=cancelled)
    progress(2, 2, path.name)
    return Imported(result.title, taken.new, taken.known)


def paste(
    store: Store, operation_id: str, text: str, url: str = "", *, author: str = "",
    posted_at: str | None = None,
) -> str:  # fmt: skip
    """A post that came by phone, SMS or a network with no feed; returns its item id."""
    post = paste_post(text, url, author=author, posted_at=posted_at)
    taken = take(store, operation_id, [post], "paste")
    return (taken.new or taken.known)[0]
