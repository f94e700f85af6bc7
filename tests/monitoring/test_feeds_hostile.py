"""Hostile feeds (tests/data/monitoring/hostile, README there): XML bombs and external
entities refused before feedparser sees them, HTML and cut feeds refused, markup and
control characters cleaned. Each refusal is one line naming the source; nothing comes
back from a refused feed."""

from __future__ import annotations

import time

import pytest

from fieldapp.monitoring.posts import PostError, parse_feed, read_posts_file


def refused(data: bytes, source: str = "feed") -> PostError:
    with pytest.raises(PostError) as error:
        parse_feed(data, source=source)
    assert "\n" not in str(error.value) and str(error.value).startswith(f"{source}: ")
    return error.value


@pytest.mark.parametrize(
    "name", ["billion_laughs.rss", "billion_laughs_utf16.rss", "external_entity.rss",
             "external_parameter_entity.atom", "entity_in_broken_feed.rss"],
)  # fmt: skip
def test_entity_declarations_are_refused_at_once(hostile, name):
    started = time.process_time()
    error = refused(hostile(name).read_bytes(), name)
    assert error.kind == "unsafe" and "XML entities" in error.message
    # Refused before any expansion: far from the seconds and gigabytes a bomb takes.
    assert time.process_time() - started < 5


def test_external_entity_never_brings_a_local_files_contents(hostile, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-7f3a9c")
    template = hostile("external_entity.rss").read_text()
    feed = template.replace("file:///etc/passwd", secret.as_uri()).encode()
    error = refused(feed)
    assert "TOP-SECRET" not in str(error) and "TOP-SECRET" not in repr(error.errors)
    with pytest.raises(PostError) as from_file:  # the same through a file import
        read_posts_file(hostile("external_entity.rss"))
    assert "root:" not in str(from_file.value)


def test_a_doctype_without_entities_is_read():
    rss091 = (
        b'<?xml version="1.0"?>\n'
        b'<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN"'
        b' "http://my.netscape.com/publish/formats/rss-0.91.dtd">\n<rss version="0.91"><channel>'
        b"<title>Old</title><link>https://example.org/</link><item><title>Flood at the mill</title>"
        b"<link>https://example.org/1</link></item></channel></rss>"
    )
    (post,) = parse_feed(rss091, source="old").posts
    assert post.text == "Flood at the mill" and post.key == "https://example.org/1"


def test_a_captive_portal_page_is_not_a_feed(hostile):
    error = refused(hostile("captive_portal.rss").read_bytes())
    assert error.kind == "not_a_feed" and error.message.startswith("this is an HTML page")


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"", "empty"),
        (b'{"error": "nope"}', "JSON"),
        (b"/etc/passwd", "not XML"),  # never opened as a path by feedparser
        (b"<svg xmlns='http://www.w3.org/2000/svg'><title>x</title></svg>", "root is <svg>"),
    ],
)
def test_what_is_not_a_feed_says_what_it_is(data, words):
    error = refused(data)
    assert error.kind == "not_a_feed" and words in error.message


def test_a_feed_cut_in_the_middle_of_an_entry_is_refused(hostile):
    error = refused(hostile("cut_short.atom").read_bytes())
    assert error.kind == "malformed" and "cut short" in error.message


def test_a_stray_html_entity_is_read_around():
    feed = (b'<rss version="2.0"><channel><title>A&nbsp;B</title><item><title>Crue &amp; pluie'
            b"&nbsp;fortes</title><guid>g1</guid></item></channel></rss>")  # fmt: skip
    (post,) = parse_feed(feed, source="x").posts
    assert post.key == "g1" and post.text.startswith("Crue & pluie")


def test_markup_and_control_characters_are_cleaned_not_refused(hostile):
    feed = parse_feed(hostile("markup_post.rss").read_bytes(), source="markup")
    first, long = feed.posts
    assert first.text.startswith("Crue à Quillan\nLe pont est coupé & la route aussi.")
    for bad in ("<", "alert", "document.cookie", "color: red", "\u202e", "\x07", "evil.example"):
        assert bad not in first.text and bad not in feed.title
    assert "un\ndeux" in first.text
    assert first.url == ""  # javascript: is no link
    assert first.media == ("https://example.org/photo.jpg",)
    assert first.posted_at == "2026-12-05T07:00:00.000Z" and first.language == "fr"
    assert len(long.text) == 20_000 and long.text.endswith("…")


def test_a_huge_file_is_refused_before_it_is_read(tmp_path):
    big = tmp_path / "big.rss"
    with big.open("wb") as out:
        out.truncate(100_000_001)  # sparse: no disk used
    with pytest.raises(PostError) as error:
        read_posts_file(big)
    assert error.value.kind == "too_large"
    assert str(error.value) == "big.rss: the file is 100 MB, over the 100 MB limit"
