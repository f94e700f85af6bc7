"""Polling a feed politely, against a real HTTP server on loopback (feedserver.py): a
conditional GET, Retry-After obeyed, backoff growing and capped, errors in words that
never raise, a cut connection, an answer too large, and a User-Agent naming FieldApp."""

from __future__ import annotations

import email.utils

import pytest
from feedserver import Reply

from fieldapp.monitoring.polling import (
    MAX_BACKOFF_S,
    PollState,
    SourceSpec,
    Timeouts,
    is_due,
    new_session,
    poll_once,
)

NOW = 1_796_000_000.0
FAST = Timeouts(connect=2, read=0.5, whole=30)


@pytest.fixture
def session():
    with new_session() as opened:
        yield opened


@pytest.fixture
def guardian(sample):
    return sample("rss2_news_guardian_us.rss")


def spec(server, path="/feed.rss", interval=120):
    return SourceSpec("rss", server.url(path), interval)


def test_second_poll_is_conditional_and_a_304_is_nothing_new(feed_server, session, guardian):
    modified = "Wed, 31 Jan 2018 08:00:00 GMT"
    feed_server.serve("/feed.rss", guardian, etag='"v1"', last_modified=modified)
    first = poll_once(session, spec(feed_server), PollState(), now=NOW)
    assert first.error == "" and len(first.posts) == 55 and first.title == "The Guardian"
    assert (first.state.etag, first.state.last_modified) == ('"v1"', modified)
    assert first.state.next_due == NOW + 120 and first.state.last_ok_at == NOW
    again = poll_once(session, spec(feed_server), first.state, now=NOW + 120)
    assert again.not_modified and again.posts == [] and again.error == ""
    assert again.state.next_due == NOW + 240
    conditional = feed_server.requests("/feed.rss")[1].headers
    assert conditional["if-none-match"] == '"v1"'
    assert conditional["if-modified-since"] == modified


def test_the_user_agent_names_fieldapp(feed_server, session, guardian):
    feed_server.serve("/feed.rss", guardian)
    poll_once(session, spec(feed_server), PollState(), now=NOW)
    (seen,) = feed_server.requests("/feed.rss")
    assert seen.headers["user-agent"].startswith("FieldApp/")
    assert "monitoring desk" in seen.headers["user-agent"]
    assert "application/rss+xml" in seen.headers["accept"]


def test_nothing_is_fetched_more_often_than_the_interval(feed_server, session, guardian):
    feed_server.serve("/feed.rss", guardian, etag='"v1"')
    state = PollState()
    for second in range(0, 600):  # a scheduler asking every second for ten minutes
        if is_due(state, NOW + second):
            state = poll_once(session, spec(feed_server, interval=5), state, now=NOW + second).state
    times = [s.at for s in feed_server.requests("/feed.rss")]
    assert len(times) == 20  # every 30 s at most: an interval under 30 s counts as 30


@pytest.mark.parametrize("status", [429, 503])
def test_retry_after_in_seconds_is_obeyed(feed_server, session, guardian, status):
    feed_server.script("/feed.rss", Reply(status=status, headers={"Retry-After": "900"}),
                       Reply(guardian))  # fmt: skip
    out = poll_once(session, spec(feed_server), PollState(), now=NOW)
    assert out.error_kind == "rate_limited" and out.posts == []
    assert out.error.startswith("127.0.0.1 ") and f"HTTP {status}" in out.error
    assert out.state.next_due == NOW + 900
    assert not is_due(out.state, NOW + 899) and is_due(out.state, NOW + 900)
    after = poll_once(session, spec(feed_server), out.state, now=NOW + 900)
    assert after.error == "" and after.state.failures == 0 and after.state.last_error == ""


def test_retry_after_as_a_date_is_read_against_the_servers_clock(feed_server, session, guardian):
    server_now = 1_700_000_000  # the server's clock is far from ours: it does not matter
    headers = {"Retry-After": email.utils.formatdate(server_now + 300, usegmt=True),
               "Date": email.utils.formatdate(server_now, usegmt=True)}  # fmt: skip
    feed_server.serve("/feed.rss", status=429, headers=headers)
    out = poll_once(session, spec(feed_server), PollState(), now=NOW)
    assert out.state.next_due == NOW + 300


def test_a_retry_after_shorter_than_the_interval_waits_the_interval(feed_server, session):
    feed_server.serve("/feed.rss", status=429, headers={"Retry-After": "3"})
    out = poll_once(session, spec(feed_server, interval=600), PollState(), now=NOW)
    assert out.state.next_due == NOW + 600


def test_backoff_grows_with_failures_and_stops_at_an_hour(feed_server, session):
    feed_server.serve("/feed.rss", b"oops", status=500, content_type="text/plain")
    state, delays = PollState(etag='"kept"'), []
    for _ in range(8):
        moment = state.next_due or NOW
        out = poll_once(session, spec(feed_server), state, now=moment)
        assert out.error == "server error at 127.0.0.1 (HTTP 500)" and out.error_kind == "http"
        state = out.state
        delays.append(state.next_due - moment)
    assert state.failures == 8 and state.etag == '"kept"' and state.last_error == out.error
    for failures, delay in enumerate(delays, start=1):
        full = min(120 * 2**failures, MAX_BACKOFF_S)
        assert max(120, full / 2) <= delay <= full
    assert delays[:4] == sorted(delays[:4]) and max(delays) <= MAX_BACKOFF_S
    assert min(delays[5:]) >= MAX_BACKOFF_S / 2  # capped: an hour, less its jitter


def test_a_dropped_link_is_an_error_in_words_and_the_next_poll_catches_up(
    feed_server, session, guardian
):
    feed_server.serve("/feed.rss", guardian, etag='"v1"')
    ok = poll_once(session, spec(feed_server), PollState(), now=NOW)
    feed_server.stop()  # the link drops
    down = poll_once(session, spec(feed_server), ok.state, now=NOW + 120)
    assert down.error == "no connection to 127.0.0.1" and down.error_kind == "network"
    assert down.state.etag == '"v1"' and down.state.failures == 1 and down.posts == []
    assert down.state.last_ok_at == NOW and down.state.last_fetch_at == NOW + 120
    feed_server.start()  # it returns
    back = poll_once(session, spec(feed_server), down.state, now=down.state.next_due)
    assert back.not_modified and back.error == "" and back.state.failures == 0


def test_a_connection_cut_mid_answer_keeps_nothing(feed_server, session, guardian):
    feed_server.serve("/feed.rss", guardian, cut_after=40_000, etag='"v2"')
    out = poll_once(session, spec(feed_server), PollState(etag='"v1"'), now=NOW)
    assert out.error == "the connection to 127.0.0.1 was cut during the answer"
    assert out.posts == [] and out.state.etag == '"v1"'


def test_a_cut_without_a_length_is_a_feed_cut_short(feed_server, session, guardian):
    feed_server.serve("/feed.rss", guardian[:40_000], announce_length=False)
    out = poll_once(session, spec(feed_server), PollState(), now=NOW)
    assert out.error_kind == "malformed" and "cut short" in out.error and out.posts == []


def test_a_slow_server_times_out_in_words(feed_server, session, guardian):
    feed_server.serve("/feed.rss", guardian, delay=30)
    out = poll_once(session, spec(feed_server), PollState(), now=NOW, timeouts=FAST)
    assert (
        out.error == "timed out: 127.0.0.1 did not answer in 0.5 s" and out.error_kind == "network"
    )


def test_a_200_mb_answer_is_abandoned_at_20_mb(feed_server, session):
    feed_server.serve("/huge.rss", endless=200_000_000, announce_length=False)
    out = poll_once(session, spec(feed_server, "/huge.rss"), PollState(), now=NOW)
    assert out.error == "answer larger than 20 MB" and out.error_kind == "too_large"
    feed_server.serve("/told.rss", endless=200_000_000)  # Content-Length says it at once
    told = poll_once(session, spec(feed_server, "/told.rss"), PollState(), now=NOW)
    assert told.error == "answer larger than 20 MB"


@pytest.mark.parametrize(
    ("reply", "kind", "words"),
    [
        ({"status": 404}, "http", "nothing at this address on 127.0.0.1 (HTTP 404)"),
        ({"status": 403}, "http", "127.0.0.1 refused access (HTTP 403)"),
        ({"body": b"<html><body>Login</body></html>", "content_type": "text/html"},
         "not_a_feed", "this is an HTML page, not a feed (RSS or Atom)"),
    ],
)  # fmt: skip
def test_other_failures_are_words_with_a_kind(feed_server, session, reply, kind, words):
    feed_server.serve("/feed.rss", **reply)
    out = poll_once(session, spec(feed_server), PollState(), now=NOW)
    assert (out.error_kind, out.error) == (kind, words)


def test_a_hostile_feed_over_http_is_refused_and_nothing_kept(feed_server, session, hostile):
    feed_server.serve("/feed.rss", hostile("external_entity.rss").read_bytes())
    out = poll_once(session, spec(feed_server), PollState(), now=NOW)
    assert out.posts == [] and out.error_kind == "malformed" and "XML entities" in out.error
    assert "root:" not in out.error


def test_cancel_during_a_long_answer_keeps_the_source_due(feed_server, session):
    feed_server.serve("/feed.rss", endless=15_000_000)
    out = poll_once(session, spec(feed_server), PollState(), now=NOW, cancelled=lambda: True)
    assert out.cancelled and out.posts == [] and out.error == ""
    assert is_due(out.state, NOW)


def test_poll_state_round_trips_and_tolerates_other_versions():
    state = PollState(etag='"x"', since_id="12", failures=2, next_due=5.5, last_ok_at=1.0)
    assert PollState.from_json(state.to_json()) == state
    assert PollState.from_json('{"etag": "y", "new_field": 1}') == PollState(etag="y")
    assert PollState.from_json("") == PollState() == PollState.from_json("not json")
