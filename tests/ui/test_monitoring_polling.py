"""The window polls its operation's sources from a real loopback feed server: the queue
fills, a cut link is an error in the window's words, and polling never stops the window."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from fieldapp.core.settings import Settings
from fieldapp.monitoring.queue import QueueQuery

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "monitoring"))  # feedserver
from feedserver import FeedServer

SAMPLE = (
    Path(__file__).resolve().parents[1] / "samples" / "feeds" / "rss2_fr_google_actualites_be.xml"
)


@pytest.fixture
def feeds():
    with FeedServer() as server:
        server.serve(
            "/une.rss", SAMPLE.read_bytes(), headers={"Content-Type": "application/rss+xml"}
        )
        server.mastodon.add("crue", 12)
        yield server


@pytest.fixture
def polling_window(make_window, operation, store, feeds):
    store.sources.add(operation["id"], "rss", feeds.url("/une.rss"))
    store.sources.add(operation["id"], "mastodon_tag", f"{feeds.base}/tags/crue")
    window = make_window(Settings(last_operation_id=operation["id"]))
    window.monitoring.poller.timer.setInterval(50)
    return window


def queued(store, operation) -> int:
    return store.conn.execute(
        "SELECT count(*) FROM items WHERE operation_id = ?", [operation["id"]]
    ).fetchone()[0]


def test_the_window_polls_the_sources_and_the_desk_shows_the_posts(
    qtbot, polling_window, store, operation, feeds
):
    window = polling_window
    qtbot.waitUntil(lambda: queued(store, operation) == 1 + 12, timeout=20_000)
    assert {s.headers["user-agent"].split("/")[0] for s in feeds.requests()} == {"FieldApp"}
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    QTest.keyClick(window.report_list.view, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.monitoring._desk is not None)
    desk = window.monitoring._desk
    store.queue.settle()
    expected = store.queue.count(QueueQuery(operation["id"]))
    qtbot.waitUntil(lambda: desk.model.is_loaded() and desk.model.rowCount() == expected)
    assert expected >= 2  # the feed's item and the Mastodon posts


def test_a_cut_link_is_an_error_in_french_and_the_next_poll_catches_up(
    qtbot, polling_window, store, operation, feeds, languages
):
    window = polling_window
    qtbot.waitUntil(lambda: queued(store, operation) == 13, timeout=20_000)
    languages.apply("fr")
    poller = window.monitoring.poller
    qtbot.waitUntil(lambda: not poller.is_polling(), timeout=20_000)  # the first round ended
    feeds.offline = True
    feeds.mastodon.add("crue", 5)
    poller.poll_now()
    rss = next(s for s in store.sources.list(operation["id"]) if s.kind == "rss")
    qtbot.waitUntil(
        lambda: store.sources.get(rss.id).state.last_error_kind == "network", timeout=20_000
    )
    from fieldapp.ui.monitoring.sources_panel import state_words

    _short, words = state_words(store.sources.get(rss.id))
    assert "Pas de connexion" in words and "Connection" not in words
    feeds.offline = False
    qtbot.waitUntil(lambda: not poller.is_polling(), timeout=20_000)
    poller.poll_now()
    qtbot.waitUntil(lambda: queued(store, operation) == 18, timeout=20_000)
