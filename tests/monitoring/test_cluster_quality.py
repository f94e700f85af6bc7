"""Clustering quality on the labelled posts holds its floor (bench/cluster_quality.py).

Figures on the 306 posts of tests/data/monitoring/labelled_posts.csv (47 events) when
this floor was set: precision 1.000, recall 0.707, recall without the French/English
pairs 0.840. The floors leave a little room for a change of the check, not for a
regression. Why recall is under 0.8 overall: a translation joins its original only
through a shared link (they have no word in common), and 205 of the 245 French/English
pairs of one event have none; the other misses are rewrites in other words (a headline,
a follow-up) that a near-duplicate check is not meant to join. A rumour and its denial
are labelled as two events: two messages, which a person links by a merge.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench" / "cluster_quality.py"


@pytest.fixture(scope="module")
def quality_module():
    spec = importlib.util.spec_from_file_location("cluster_quality", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclass looks itself up there
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def measured(quality_module):
    posts = quality_module.read_posts()
    quality, placed = quality_module.measure(posts)
    return posts, quality, placed


def test_the_labelled_set_is_what_the_figures_say(measured):
    posts, quality, _ = measured
    assert quality.posts >= 300 and quality.events >= 25
    assert {p["lang"] for p in posts} == {"fr", "en"}
    assert len({p["id"] for p in posts}) == len(posts)


def test_posts_of_different_events_are_almost_never_joined(measured):
    _, quality, _ = measured
    assert quality.precision >= 0.97


def test_copies_retweets_and_quotes_are_joined(measured):
    _, quality, _ = measured
    assert quality.recall >= 0.68
    assert quality.same_language_recall >= 0.82
    assert quality.clusters < 2.1 * quality.events


@pytest.mark.parametrize(
    "events",
    [
        ("flood-quillan", "flood-limoux", "flood-esperaza"),  # one hazard, three towns
        ("flood-quillan", "fire-quillan", "water-ban-quillan", "volunteers-quillan"),
        ("water-ban-quillan", "water-ban-esperaza"),  # one message, two towns
        ("road-d117", "road-d118"),  # two roads
        ("flood-lagrasse", "fire-corbieres"),
        ("flood-brives", "bridge-brives", "flood-basset"),
        ("rumour-dam", "rumour-dam-denial"),  # a rumour and its denial are two messages
        ("vigilance-aude", "vigilance-hl"),
    ],
)
def test_events_that_share_words_share_no_cluster(measured, events):
    posts, _, placed = measured
    clusters = [{placed[p["id"]] for p in posts if p["event"] == event} for event in events]
    for index, mine in enumerate(clusters):
        for other in clusters[index + 1 :]:
            assert not mine & other, events


def test_retweets_join_their_original(measured):
    posts, _, placed = measured
    by_event: dict[str, list[dict[str, str]]] = {}
    for post in posts:
        by_event.setdefault(post["event"], []).append(post)
    for event_posts in by_event.values():
        originals = {
            p["text"]: placed[p["id"]] for p in event_posts if not p["text"].startswith("RT @")
        }
        for post in event_posts:
            if post["text"].startswith("RT @") and not post["text"].endswith("…"):
                text = post["text"].split(": ", 1)[1]
                if text in originals:
                    assert placed[post["id"]] == originals[text], post["id"]
