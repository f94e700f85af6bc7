"""A Mastodon timeline answer as posts: the real sample (2017, friends.nico), boosts,
and answers that are not statuses refused whole."""

from __future__ import annotations

import json

import pytest

from fieldapp.monitoring.posts import PostError, parse_mastodon


@pytest.fixture
def timeline(sample):
    return sample("mastodon_tag_timeline_mastodon.json")


def test_the_sample_timeline_gives_20_posts_keyed_by_uri(timeline):
    posts = parse_mastodon(timeline, source="#mastodon", instance="friends.nico")
    assert len(posts) == 20 and len({p.key for p in posts}) == 20
    assert all(p.key.startswith("tag:") for p in posts)
    assert sum(1 for p in posts if p.reply_to) == 8 and sum(1 for p in posts if p.media) == 3
    assert len({p.handle.rsplit("@", 1)[1] for p in posts}) == 11  # 11 instances
    assert all(p.language == "" for p in posts)  # no language field in 2017
    first = posts[0]
    assert first.handle == "@jeroenpraat@mastodon.social" and first.author == "jeroenpraat"
    assert first.posted_at == "2017-04-21T15:00:42.000Z" and first.reply_to == "675923"
    assert first.text.startswith("@alexl @deadsuperhero Yes, but not only #Mastodon")
    assert all("<" not in p.text and "&amp;" not in p.text for p in posts)


def test_french_posts_keep_their_accents(timeline):
    posts = parse_mastodon(timeline, source="#mastodon", instance="friends.nico")
    french = next(p for p in posts if p.handle == "@armavi@framapiaf.org")
    assert "personnels de l'État" in french.text
    assert french.media[0].startswith("https://")


def test_a_local_account_gets_the_instance_and_ids_may_be_numbers(timeline):
    status = json.loads(timeline)[0]
    status.update(id=714859, language="fr-FR", spoiler_text="Inondation")
    status["account"]["acct"] = "prefet11"
    (post,) = parse_mastodon(json.dumps([status]).encode(), source="x", instance="social.example")
    assert post.handle == "@prefet11@social.example" and post.language == "fr"
    assert post.text.startswith("Inondation\n@alexl")  # the content warning is part of it


def test_a_boost_carries_the_original(timeline):
    original, booster = json.loads(timeline)[:2]
    boost = dict(booster, id="999", uri="https://b.example/users/x/statuses/999/activity",
                 content="", media_attachments=[], reblog=original)  # fmt: skip
    (post,) = parse_mastodon(json.dumps([boost]).encode(), source="x", instance="b.example")
    assert post.boost_of == original["uri"] and post.key == boost["uri"]
    assert post.text.startswith("@alexl @deadsuperhero Yes")
    assert post.handle == "@jbbdude@mastodon.bigdinosaur.org"  # who boosted


@pytest.mark.parametrize(
    ("name", "words"),
    [("mastodon_error.json", "the server answered an error: This API requires an authenticated"),
     ("mastodon_not_statuses.json", "element 2 is not a status: no id, created_at, content")],
)  # fmt: skip
def test_answers_that_are_not_statuses_are_refused_whole(hostile, name, words):
    with pytest.raises(PostError) as error:
        parse_mastodon(hostile(name).read_bytes(), source="#flood", instance="x")
    assert error.value.kind == "not_statuses" and words in str(error.value)
    assert str(error.value).startswith("#flood: ")


@pytest.mark.parametrize("data", [b"", b"<html>", b'"text"', b"[1, 2]", b"[" * 100_000])
def test_garbage_is_refused_in_one_line(data):
    with pytest.raises(PostError) as error:
        parse_mastodon(data, source="s", instance="x")
    assert "\n" not in str(error.value)
