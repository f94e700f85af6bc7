"""Polling a Mastodon hashtag or account through the API of the loopback server, whose
statuses are built from the real sample: the first poll takes the newest page, later
ones page forward with min_id, so an outage leaves no gap and no repeat."""

from __future__ import annotations

import pytest
from feedserver import Reply

from fieldapp.monitoring.polling import (
    PollState,
    SourceSpec,
    new_session,
    parse_address,
    poll_once,
)

NOW = 1_796_000_000.0


@pytest.fixture
def session():
    with new_session() as opened:
        yield opened


def tag_spec(server, tag="flood"):
    return SourceSpec("mastodon_tag", parse_address("mastodon_tag", server.url(f"/tags/{tag}")))


def keys(statuses):
    return [s["uri"] for s in statuses]


def test_first_poll_takes_the_newest_page_oldest_first(feed_server, session):
    made = feed_server.mastodon.add("flood", 55)
    out = poll_once(session, tag_spec(feed_server), PollState(), now=NOW)
    assert out.error == "" and [p.key for p in out.posts] == keys(made[-40:])
    assert out.state.since_id == made[-1]["id"] and out.requests == 1
    (seen,) = feed_server.requests()
    assert seen.path == "/api/v1/timelines/tag/flood" and seen.query == {"limit": "40"}
    assert seen.headers["user-agent"].startswith("FieldApp/")
    post = out.posts[0]
    assert post.handle.startswith("@") and post.text.startswith("Post ") and "<" not in post.text


def test_after_an_outage_the_next_polls_catch_up_with_no_gap_and_no_repeat(feed_server, session):
    spec = tag_spec(feed_server)
    first = feed_server.mastodon.add("flood", 10)
    state = poll_once(session, spec, PollState(), now=NOW).state
    feed_server.offline = True  # the link drops...
    down = poll_once(session, spec, state, now=NOW + 120)
    assert down.error == "no connection to 127.0.0.1" and down.posts == []
    assert down.state.since_id == state.since_id
    during = feed_server.mastodon.add("flood", 250)  # ...while 250 posts come
    feed_server.offline = False
    got, moment, state = [], NOW + 1000, down.state
    for _ in range(3):
        out = poll_once(session, spec, state, now=moment)
        assert out.error == ""
        got += [p.key for p in out.posts]
        state, moment = out.state, out.state.next_due
    assert got == keys(during)  # every one, once, oldest first
    assert len(got) == len(set(got)) and not set(got) & set(keys(first))
    pages = [r.query.get("min_id") for r in feed_server.requests() if r.status == 200][1:]
    assert len(pages) == 8  # 5 pages (the cap), then 2 (40 + 10), then 1 empty


def test_cancel_between_pages_keeps_what_was_read_and_goes_on_from_there(feed_server, session):
    spec = tag_spec(feed_server)
    feed_server.mastodon.add("flood", 1)
    state = poll_once(session, spec, PollState(), now=NOW).state
    made = feed_server.mastodon.add("flood", 100)
    out = poll_once(session, spec, state, now=NOW + 120, cancelled=lambda: True)
    assert out.cancelled and [p.key for p in out.posts] == keys(made[:40])
    rest = poll_once(session, spec, out.state, now=NOW + 240)
    assert [p.key for p in rest.posts] == keys(made[40:])


def test_an_account_is_looked_up_once(feed_server, session):
    made = feed_server.mastodon.add_account("prefet11", 3)
    spec = SourceSpec("mastodon_account", parse_address("mastodon_account",
                                                        feed_server.url("/@Prefet11")))  # fmt: skip
    out = poll_once(session, spec, PollState(), now=NOW)
    assert [p.key for p in out.posts] == keys(made) and out.state.account_id
    assert out.posts[0].handle == "@prefet11" + f"@{feed_server.host}"
    more = feed_server.mastodon.add_account("prefet11", 2)
    again = poll_once(session, spec, out.state, now=NOW + 120)
    assert [p.key for p in again.posts] == keys(more)
    lookups = [r for r in feed_server.requests() if r.path.endswith("/lookup")]
    assert len(lookups) == 1 and lookups[0].query == {"acct": "prefet11"}


def test_an_unknown_account_is_said_in_words(feed_server, session):
    spec = SourceSpec("mastodon_account", feed_server.url("/@nobody"))
    out = poll_once(session, spec, PollState(), now=NOW)
    assert out.error == f"no account @nobody on {feed_server.host}" and out.error_kind == "http"


def test_rate_limit_reset_of_mastodon_is_obeyed(feed_server, session):
    feed_server.mastodon.status = 429
    feed_server.mastodon.status_headers = {
        "Date": "Sat, 05 Dec 2026 08:00:00 GMT",
        "X-RateLimit-Reset": "2026-12-05T08:05:00.000Z",
    }
    out = poll_once(session, tag_spec(feed_server), PollState(), now=NOW)
    assert out.error_kind == "rate_limited" and out.state.next_due == NOW + 300


def test_a_server_error_in_the_middle_keeps_the_pages_read(feed_server, session):
    spec = tag_spec(feed_server)
    feed_server.mastodon.add("flood", 1)
    state = poll_once(session, spec, PollState(), now=NOW).state
    made = feed_server.mastodon.add("flood", 90)
    real = feed_server.mastodon.answer
    calls = []

    def second_page_fails(seen):
        calls.append(seen)
        if len(calls) == 2:
            return Reply(b'{"error": "boom"}', status=500, content_type="application/json")
        return real(seen)

    feed_server.mastodon.answer = second_page_fails
    out = poll_once(session, spec, state, now=NOW + 120)
    assert out.error == "server error at 127.0.0.1 (HTTP 500)" and out.state.failures == 1
    assert [p.key for p in out.posts] == keys(made[:40])
    assert out.state.since_id == made[39]["id"]  # the next poll goes on from there
    feed_server.mastodon.answer = real
    rest = poll_once(session, spec, out.state, now=out.state.next_due)
    assert [p.key for p in rest.posts] == keys(made[40:])


def test_mastodons_own_rss_is_a_plain_rss_source(feed_server, session, sample):
    feed_server.serve("/tags/flood.rss", sample("rss2_fr_google_actualites_be.xml"))
    out = poll_once(session, SourceSpec("rss", feed_server.url("/tags/flood.rss")), PollState())
    assert out.error == "" and len(out.posts) == 1
