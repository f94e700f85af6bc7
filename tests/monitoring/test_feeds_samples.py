"""Every real feed sample (tests/samples/feeds): what a volunteer gets from each, and the
decision for each broken one (repaired and kept, or refused in one line)."""

from __future__ import annotations

import pytest

from fieldapp.monitoring.posts import PostError, parse_feed

ISO = r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z"


def read(sample, name):
    return parse_feed(sample(name), source=name)


def no_markup(text: str) -> bool:
    return "<" not in text and "&lt;" not in text and "&amp;" not in text and "&#" not in text


def test_guardian_rss_gives_55_posts_with_authors_dates_media_and_plain_text(sample):
    feed = read(sample, "rss2_news_guardian_us.rss")
    assert feed.title == "The Guardian" and feed.language == "en" and len(feed.posts) == 55
    first = feed.posts[0]
    assert first.key == first.url and first.key.startswith("https://www.theguardian.com/us-news/")
    assert first.author == "David Smith in Washington"
    assert first.posted_at == "2018-01-31T07:26:05.000Z"
    assert first.text.startswith("Trump State of the Union address promised unity")
    assert "“new American moment”" in first.text  # curly quotes kept as characters
    assert len(first.media) == 2 and all(m.startswith("https://i.guim.co.uk/") for m in first.media)
    assert all(no_markup(p.text) and p.language == "en" for p in feed.posts)
    assert len({p.key for p in feed.posts}) == 55


def test_heise_atom_gives_15_german_posts_without_html(sample):
    feed = read(sample, "atom_news_heise_developer_de.atom")
    assert len(feed.posts) == 15 and feed.title == "heise developer neueste Meldungen"
    first = feed.posts[0]
    assert first.key == "http://heise.de/-3088438"
    assert first.posted_at == "2016-02-01T16:22:00.000Z"  # 17:22 +01:00
    assert "verfügbare" in first.text and all(no_markup(p.text) for p in feed.posts)
    assert first.handle == "www.heise.de"  # no author: the feed's host


def test_french_google_news_item_is_not_the_headline_twice(sample):
    feed = read(sample, "rss2_fr_google_actualites_be.xml")
    assert feed.language == "fr" and feed.title == "À la une - Google Actualités"
    (post,) = feed.posts
    assert post.key == "52782335008021" and post.language == "fr"
    assert post.posted_at == "2020-03-08T10:32:07.000Z"
    assert post.text.startswith("Coronavirus en Belgique: 200 cas détectés")
    assert post.text.count("200 cas détectés au total") == 1
    assert no_markup(post.text)


def test_meteoalarm_cap_index_gives_12_dated_entries_with_their_areas(sample):
    feed = read(sample, "atom_capindex_meteoalarm_france.xml")
    assert len(feed.posts) == 12
    assert {p.author for p in feed.posts} == {"meteoalarm.org"}
    assert all(p.posted_at and p.posted_at.startswith("2022-12-0") for p in feed.posts)
    assert any("Haute Savoie" in p.text for p in feed.posts)
    assert len({p.key for p in feed.posts}) == 12  # one per area, as the feed has them


def test_blank_lines_before_the_declaration_are_repaired(sample):
    feed = read(sample, "edge_rss2_blank_lines_before_xmldecl.xml")
    (post,) = feed.posts
    assert post.text.startswith("Japan’s plans for 5G")  # &#8217; decoded
    assert post.author == "Williams Pelegrin" and post.posted_at == "2019-05-15T20:48:02.000Z"
    assert no_markup(post.text) and len(post.text) > 500


def test_latin1_without_declaration_is_read_and_portuguese_dates_stay_unknown(sample):
    feed = read(sample, "edge_rss2_latin1_no_xmldecl_pt_dates.rss")
    assert len(feed.posts) == 15 and feed.title == "UOL Noticias"
    assert all(p.posted_at is None for p in feed.posts)  # never "now"
    assert "simulações de 2º turno" in feed.posts[0].text
    assert all("\ufffd" not in p.text and "Ã" not in p.text for p in feed.posts)
    assert all(p.key == p.url and p.url.startswith("https://") for p in feed.posts)


def test_odd_pubdate_is_read_as_feedparser_reads_it(sample):
    (post,) = read(sample, "edge_rss2_nonrfc822_pubdate_nbcny.xml").posts
    assert post.posted_at is not None and post.posted_at.startswith("2023-12-16T")
    assert post.language == "en"  # from en_US
    assert post.author == "Gaby Acevedo and Jessica Cunnington"


def test_truncated_feed_is_refused_in_one_line(sample):
    with pytest.raises(PostError) as refused:
        read(sample, "edge_rss2_truncated_reuters.xml")
    assert refused.value.kind == "malformed"
    assert str(refused.value) == (
        "edge_rss2_truncated_reuters.xml: the feed is cut short: it ends before its end tag"
    )


def test_html_served_as_a_feed_is_refused(sample):
    with pytest.raises(PostError) as refused:
        parse_feed(sample("edge_html_not_a_feed.rss"), source="https://marketwatch.example/rss",
                   content_type="text/html")  # fmt: skip
    assert refused.value.kind == "not_a_feed"
    assert "\n" not in str(refused.value)
    assert str(refused.value).startswith("https://marketwatch.example/rss: this is an HTML page")


def test_reading_twice_gives_the_same_keys(sample):
    first = read(sample, "edge_rss2_latin1_no_xmldecl_pt_dates.rss")
    again = read(sample, "edge_rss2_latin1_no_xmldecl_pt_dates.rss")
    assert [p.key for p in first.posts] == [p.key for p in again.posts]
