"""What a user types to add a source becomes one canonical address and one key."""

from __future__ import annotations

import pytest

from fieldapp.monitoring.polling import backoff_delay, parse_address, source_key
from fieldapp.monitoring.posts import PostError


@pytest.mark.parametrize(
    ("kind", "typed", "canonical"),
    [
        ("rss", " HTTPS://Example.ORG/feed.xml#top ", "https://example.org/feed.xml"),
        ("rss", "example.org/rss?lang=fr", "https://example.org/rss?lang=fr"),
        ("atom", "feed://example.org/atom", "https://example.org/atom"),
        ("rss", "https://example.org", "https://example.org/"),
        ("mastodon_tag", "https://Mastodon.Social/tags/Inondation", "https://mastodon.social/tags/inondation"),
        ("mastodon_tag", "mastodon.social #Inondation", "https://mastodon.social/tags/inondation"),
        ("mastodon_tag", "#inondation@mastodon.social", "https://mastodon.social/tags/inondation"),
        ("mastodon_tag", "https://mastodon.social/tags/crue.rss", "https://mastodon.social/tags/crue"),
        ("mastodon_tag", "http://127.0.0.1:8080/tags/flood", "http://127.0.0.1:8080/tags/flood"),
        ("mastodon_account", "@Prefet11@Mastodon.Social", "https://mastodon.social/@prefet11"),
        ("mastodon_account", "prefet11@mastodon.social", "https://mastodon.social/@prefet11"),
        ("mastodon_account", "https://mastodon.social/@prefet11/", "https://mastodon.social/@prefet11"),
    ],
)  # fmt: skip
def test_what_users_type_becomes_one_canonical_address(kind, typed, canonical):
    assert parse_address(kind, typed) == canonical
    assert parse_address(kind, canonical) == canonical  # canonical is a fixed point


def test_the_same_source_typed_two_ways_has_one_key():
    assert source_key("mastodon_tag", "mastodon.social #Crue") == source_key(
        "mastodon_tag", "https://mastodon.social/tags/crue"
    ) == "mastodon:tag:mastodon.social/crue"  # fmt: skip
    assert source_key("mastodon_account", "@a@x.org") == "mastodon:account:a@x.org"
    assert source_key("rss", "http://example.org/f") == source_key("atom", "https://example.org/f")


@pytest.mark.parametrize(
    ("kind", "typed", "words"),
    [
        ("rss", "javascript:alert(1)", "is not a web address"),
        ("rss", "", "is not a web address"),
        ("rss", "file:///etc/passwd", "is not a web address"),
        ("mastodon_tag", "inondation", "give the server and the tag"),
        ("mastodon_tag", "mastodon.social #", "is not a hashtag"),
        ("mastodon_tag", "https://mastodon.social/@user", "is not a hashtag page"),
        ("mastodon_account", "prefet11", "give the account with its server"),
        ("mastodon_account", "@a b@x.org", "is not a Mastodon user name"),
        ("mastodon_account", "@a@not a host", "does not name a Mastodon server"),
        ("telegram", "x", "is not one of rss, atom, mastodon_tag, mastodon_account"),
    ],
)
def test_a_wrong_address_says_what_is_wrong(kind, typed, words):
    with pytest.raises(PostError) as error:
        parse_address(kind, typed)
    assert words in str(error.value) and str(error.value).startswith("address: ")


def test_backoff_never_under_the_interval_nor_over_an_hour():
    assert backoff_delay(120, 1, rand=lambda: 0.0) == 120  # half of 240, not under 120
    assert backoff_delay(120, 3, rand=lambda: 1.0) == 960
    assert backoff_delay(120, 40, rand=lambda: 1.0) == 3600
    assert backoff_delay(7200, 2, rand=lambda: 0.0) == 7200  # a long interval stays
    assert backoff_delay(5, 1, rand=lambda: 0.0) == 30  # never under 30 s
