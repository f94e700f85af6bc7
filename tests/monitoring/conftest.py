"""Fixtures of the monitoring tests: the real feed samples, the hostile files, and a feed
server on loopback (feedserver.FeedServer), stopped after each test.

Samples come from $FIELDAPP_SAMPLES/feeds, else tests/samples/feeds (a verbatim copy of
the team's shared samples; sources and licences in its README)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from feedserver import FeedServer

HOSTILE = Path(__file__).resolve().parents[1] / "data" / "monitoring" / "hostile"
DEFAULT_SAMPLES = Path(__file__).resolve().parents[1] / "samples"


def feed_samples() -> Path:
    return Path(os.environ.get("FIELDAPP_SAMPLES", DEFAULT_SAMPLES)).resolve() / "feeds"


@pytest.fixture(scope="session")
def feeds_dir() -> Path:
    folder = feed_samples()
    if not (folder / "rss2_news_guardian_us.rss").is_file():
        pytest.fail(f"the feed samples are missing: {folder} (set FIELDAPP_SAMPLES)")
    return folder


@pytest.fixture
def sample(feeds_dir):
    """sample(name) -> the bytes of a real feed sample."""
    return lambda name: (feeds_dir / name).read_bytes()


@pytest.fixture
def hostile():
    """hostile(name) -> the path of a hostile file written for these tests."""

    def path(name: str) -> Path:
        found = HOSTILE / name
        assert found.is_file(), f"hostile file {found} is missing"
        return found

    return path


@pytest.fixture
def feed_server():
    with FeedServer() as server:
        yield server
