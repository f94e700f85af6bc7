"""CAP feeds polled as sources, against a real HTTP server on loopback (capserver.py):
the real MeteoAlarm index with its expired entries never downloaded, a second poll that
downloads nothing, an Update joining its Alert's chain, a hostile document refused while
the others are taken in, a timeout in words with backoff, and the CLI."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from capserver import (
    ALERT_DOC,
    ALERT_ID,
    SAMPLES,
    UPDATE_DOC,
    CapFeed,
    Entry,
    FeedServer,
    Reply,
    cap_alert,
    xxe_alert,
)

from fieldapp.alerts.capsource import poll_cap_sources
from fieldapp.monitoring.fetching import Timeouts
from fieldapp.monitoring.intake import poll_sources
from fieldapp.monitoring.polling import new_session

FAST = Timeouts(connect=2, read=0.4, whole=10)
METEOALARM_NOW = datetime(2022, 12, 7, 20, tzinfo=UTC).timestamp()  # the Update has expired
NOW = datetime(2026, 12, 5, 9, tzinfo=UTC).timestamp()
LATER = "2026-12-06T18:00:00+01:00"


@pytest.fixture
def cap_server():
    with FeedServer() as server:
        yield server


@pytest.fixture
def feed(cap_server):
    return CapFeed(cap_server)


@pytest.fixture
def session():
    with new_session() as opened:
        yield opened


def poll(store, op, session, now=NOW, **options):
    return poll_cap_sources(store, op, force=True, now=now, session=session, **options)


def identifiers(store, op) -> list[str]:
    return sorted(r["identifier"] for r in store.alerts.rows(op))


def test_the_meteoalarm_index_gives_its_live_alert_and_never_asks_for_the_expired_one(
    store, operation, feed, cap_server, session
):
    op = operation["id"]
    source = store.sources.add(op, "cap", feed.meteoalarm(etag='"v1"'), name="MeteoAlarm FR")
    (polled,) = poll(store, op, session, now=METEOALARM_NOW)
    assert (polled.name, polled.new, polled.known, polled.skipped_expired) == (
        "MeteoAlarm FR", 1, 0, 1,
    )  # fmt: skip
    assert polled.errors == [] and not polled.not_modified
    assert cap_server.requests(UPDATE_DOC) == []  # expired in the index: never downloaded
    (asked,) = cap_server.requests(ALERT_DOC)  # six entries (one per area), one download
    assert asked.headers["user-agent"].startswith("FieldApp/")
    (alert,) = store.alerts.rows(op)
    assert alert["identifier"] == ALERT_ID and alert["msg_type"] == "Alert"
    assert [s for s, _who, _at in store.alerts.sources_of(alert["id"])] == [feed.url(ALERT_DOC)]
    state = store.sources.get(source.id).state
    assert state.etag == '"v1"' and state.last_error == "" and state.failures == 0
    assert state.next_due == METEOALARM_NOW + 120


def test_a_second_poll_downloads_nothing_new(store, operation, feed, cap_server, session):
    op = operation["id"]
    store.sources.add(op, "cap", feed.meteoalarm(etag='"v1"'))
    poll(store, op, session, now=METEOALARM_NOW)
    (unchanged,) = poll(store, op, session, now=METEOALARM_NOW + 300)
    assert unchanged.not_modified and unchanged.new == 0
    assert cap_server.requests("/meteoalarm.atom")[1].headers["if-none-match"] == '"v1"'
    feed.meteoalarm(etag='"v2"')  # the index is served again in full: same entries
    (again,) = poll(store, op, session, now=METEOALARM_NOW + 600)
    assert (again.new, again.known, again.skipped_expired) == (0, 1, 1)
    assert len(cap_server.requests(ALERT_DOC)) == 1 and cap_server.requests(UPDATE_DOC) == []
    assert identifiers(store, op) == [ALERT_ID]


def test_an_alert_already_synced_here_is_not_downloaded(
    store, operation, feed, cap_server, session
):
    """The index names the alert (identifier and sent) the operation already has: it came
    from a teammate, or from a file; this laptop does not fetch it again."""
    op = operation["id"]
    alert = cap_alert("FR-1", "2026-12-05T08:00:00+01:00")
    from fieldapp.alerts.cap import parse_cap
    from fieldapp.alerts.intake import take

    take(store, op, [(parse_cap(alert, source="file"), "file:fr-1.xml")])
    feed.document("/cap/1", alert)
    store.sources.add(op, "cap", feed.index([Entry("/cap/1", "FR-1", "2026-12-05T07:00:00+00:00",
                                                   LATER)]))  # fmt: skip
    (polled,) = poll(store, op, session)
    assert (polled.new, polled.known) == (0, 1)
    assert cap_server.requests("/cap/1") == []


def test_an_update_in_the_feed_supersedes_its_alert(store, operation, feed, cap_server, session):
    op = operation["id"]
    sent, update_sent = "2026-12-05T08:00:00+01:00", "2026-12-05T09:30:00+01:00"
    feed.document("/cap/a", cap_alert("FR-A", sent, headline="Vigilance jaune crues"))
    feed.document("/cap/b", cap_alert(
        "FR-B", update_sent, msg_type="Update", headline="Vigilance orange crues",
        references=f"vigilance@meteo.fr,FR-A,{sent}",
    ))  # fmt: skip
    first = Entry("/cap/a", "FR-A", "2026-12-05T07:00:00+00:00", LATER)
    url = feed.index([first], etag='"1"')
    store.sources.add(op, "cap", url)
    assert poll(store, op, session)[0].new == 1
    update = Entry("/cap/b", "FR-B", "2026-12-05T08:30:00+00:00", LATER, msg_type="Update")
    feed.index([update, first], etag='"2"')
    (polled,) = poll(store, op, session, now=NOW + 600)
    assert (polled.new, polled.known) == (1, 1)
    assert len(cap_server.requests("/cap/a")) == 1
    (chain,) = store.alerts.chains(op, now="2026-12-05T10:00:00.000Z")
    assert [a["identifier"] for a in chain.alerts] == ["FR-A", "FR-B"]
    assert chain.current["identifier"] == "FR-B" and chain.state == "active"
    assert chain.current["headline"] == "Vigilance orange crues"


def test_a_hostile_document_is_refused_by_its_url_and_the_others_are_taken(
    store, operation, feed, cap_server, session
):
    op = operation["id"]
    feed.document("/cap/1", cap_alert("FR-1", "2026-12-05T08:00:00+01:00"))
    feed.document("/cap/evil", xxe_alert(feed.url("/secret")))
    feed.document("/cap/2", cap_alert("FR-2", "2026-12-05T08:05:00+01:00"))
    cap_server.serve("/secret", b"root:x:0:0", content_type="text/plain")
    sent = "2026-12-05T07:00:00+00:00"
    url = feed.index([Entry("/cap/1", "FR-1", sent, LATER), Entry("/cap/evil", "XXE-1", sent,
                      LATER), Entry("/cap/2", "FR-2", sent, LATER)], etag='"1"')  # fmt: skip
    source = store.sources.add(op, "cap", url)
    (polled,) = poll(store, op, session)
    assert (polled.new, polled.known) == (2, 0) and identifiers(store, op) == ["FR-1", "FR-2"]
    (error,) = polled.errors
    assert error.startswith(feed.url("/cap/evil") + ": <!DOCTYPE>: ")
    assert "entity" in error and polled.error_kind == "malformed"
    assert cap_server.requests("/secret") == []  # the entity was never fetched
    state = store.sources.get(source.id).state
    assert state.failures == 0 and "1 document(s) not taken in" in state.last_error
    feed.index([Entry("/cap/evil", "XXE-1", sent, LATER)], etag='"2"')
    (again,) = poll(store, op, session, now=NOW + 600)
    assert (again.new, again.known, again.errors) == (0, 1, [])
    assert len(cap_server.requests("/cap/evil")) == 1  # a bad document is not fetched again


def test_a_feed_that_times_out_gets_an_error_in_words_and_backoff_and_others_go_on(
    store, operation, feed, cap_server, session
):
    op = operation["id"]
    feed.document("/cap/1", cap_alert("FR-1", "2026-12-05T08:00:00+01:00"))
    good = feed.index([Entry("/cap/1", "FR-1", "2026-12-05T07:00:00+00:00", LATER)])
    cap_server.serve("/slow.atom", b"", delay=5)
    slow = store.sources.add(op, "cap", feed.url("/slow.atom"), name="slow")
    store.sources.add(op, "cap", good, name="good")
    timed_out, fine = poll(store, op, session, timeouts=FAST)
    assert timed_out.index_failed and timed_out.errors == [
        "timed out: 127.0.0.1 did not answer in 0.4 s"
    ]
    assert timed_out.error_kind == "network" and timed_out.new == 0
    state = store.sources.get(slow.id).state
    assert state.last_error == timed_out.error and state.failures == 1
    assert NOW + 120 <= state.next_due <= NOW + 240  # backoff: 2 x interval, with jitter
    assert (fine.new, fine.errors) == (1, [])
    assert poll_cap_sources(store, op, now=NOW + 100, session=session) == []  # not due yet


def test_a_cut_link_on_a_document_is_noted_and_retried_at_the_next_poll(
    store, operation, feed, cap_server, session
):
    op = operation["id"]
    doc = cap_alert("FR-1", "2026-12-05T08:00:00+01:00")
    cap_server.script("/cap/1", Reply(doc, content_type="application/cap+xml", drop=True),
                      Reply(doc, content_type="application/cap+xml"))  # fmt: skip
    feed.document("/cap/2", cap_alert("FR-2", "2026-12-05T08:05:00+01:00"))
    sent = "2026-12-05T07:00:00+00:00"
    url = feed.index([Entry("/cap/1", "FR-1", sent, LATER), Entry("/cap/2", "FR-2", sent,
                      LATER)], etag='"1"')  # fmt: skip
    store.sources.add(op, "cap", url)
    (first,) = poll(store, op, session)
    assert first.new == 1 and first.error_kind == "network"
    assert first.errors[0].startswith(feed.url("/cap/1") + ": ")
    (second,) = poll(store, op, session, now=NOW + 600)  # the index is read in full again
    assert (second.new, second.known, second.errors) == (1, 1, [])
    assert "if-none-match" not in cap_server.requests("/index.atom")[1].headers
    assert identifiers(store, op) == ["FR-1", "FR-2"]


def test_a_document_server_that_asks_to_slow_down_is_obeyed_for_the_whole_feed(
    store, operation, feed, cap_server, session
):
    op = operation["id"]
    sent = "2026-12-05T07:00:00+00:00"
    feed.document("/cap/1", cap_alert("FR-1", "2026-12-05T08:00:00+01:00"))
    doc2 = cap_alert("FR-2", "2026-12-05T08:05:00+01:00")
    cap_server.script("/cap/2", Reply(status=429, headers={"Retry-After": "900"}),
                      Reply(doc2, content_type="application/cap+xml"))  # fmt: skip
    feed.document("/cap/3", cap_alert("FR-3", "2026-12-05T08:10:00+01:00"))
    url = feed.index([Entry(f"/cap/{n}", f"FR-{n}", sent, LATER) for n in (1, 2, 3)])
    source = store.sources.add(op, "cap", url)
    (polled,) = poll(store, op, session)
    assert polled.new == 1 and polled.error_kind == "rate_limited"
    assert polled.errors == [f"{feed.url('/cap/2')}: 127.0.0.1 asks to slow down (HTTP 429)"]
    assert cap_server.requests("/cap/3") == []  # no more downloads in this poll
    assert store.sources.get(source.id).state.next_due == NOW + 900
    assert poll(store, op, session, now=NOW + 300) == []  # forced, but the server said when
    (later,) = poll(store, op, session, now=NOW + 900)
    assert (later.new, later.known, later.errors) == (2, 1, [])
    assert identifiers(store, op) == ["FR-1", "FR-2", "FR-3"]


def test_each_desk_polls_only_its_own_kind_of_source(store, operation, feed, cap_server, session):
    op = operation["id"]
    guardian = (SAMPLES / "feeds" / "rss2_news_guardian_us.rss").read_bytes()
    cap_server.serve("/news.rss", guardian)
    news = store.sources.add(op, "rss", feed.url("/news.rss"))
    cap = store.sources.add(op, "cap", feed.meteoalarm())
    assert [p.source_id for p in poll_sources(store, op, force=True, now=NOW)] == [news.id]
    assert cap_server.requests("/meteoalarm.atom") == []
    assert store.sources.get(cap.id).state.last_fetch_at is None
    assert store.conn.execute("SELECT count(*) FROM items").fetchone()[0] == 55
    polled = poll(store, op, session, now=METEOALARM_NOW)
    assert [p.source_id for p in polled] == [cap.id] and polled[0].new == 1
    assert len(cap_server.requests("/news.rss")) == 1


@pytest.fixture
def run(tmp_path, cli, monkeypatch):
    monkeypatch.setenv("FIELDAPP_HOME", str(tmp_path / "default-home"))
    return cli(tmp_path / "data")


def test_source_add_cap_then_poll_once_takes_the_alerts_in(run, feed, cap_server):
    feed.document("/cap/1", cap_alert("FR-1", "2026-12-05T08:00:00+01:00"))
    feed.document("/cap/old", cap_alert("FR-0", "2026-12-01T08:00:00+01:00",
                                        expires="2026-12-01T20:00:00+01:00"))  # fmt: skip
    url = feed.index([
        Entry("/cap/old", "FR-0", "2026-12-01T07:00:00+00:00", "2026-12-01T20:00:00+01:00"),
        Entry("/cap/1", "FR-1", "2026-12-05T07:00:00+00:00", "2099-01-01T00:00:00+00:00"),
    ])  # fmt: skip
    assert run("operation", "create", "Crues de l'Aude")[0] == 0
    code, out, _ = run("source", "add", "cap", url, "--name", "Vigilance")
    assert code == 0 and f"watching {url}" in out
    code, out, _ = run("source", "list", "--json")
    assert [(s["kind"], s["address"]) for s in json.loads(out)] == [("cap", url)]
    code, out, _ = run("source", "poll", "--once")
    assert code == 0
    assert out.strip() == "Vigilance: 1 new alert, 0 already here, 1 expired (not downloaded)"
    assert cap_server.requests("/cap/old") == []
    code, out, _ = run("alert", "list", "--json")
    assert [(a["headline"], a["state"]) for a in json.loads(out)] == [
        ("Vigilance orange crues", "active")
    ]
    code, out, err = run("source", "add", "cap", "not a web address")
    assert code != 0 and "not a web address" in err and "nothing was added" in err
