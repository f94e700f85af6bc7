"""Downloading an area from a tile server: counts first, polite, resumable, and robust to
servers that refuse, rate-limit, fail, lie or crawl. The server is local (tileserver.py)
and records every request, so the tests check what a tile provider would see.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
from collections import Counter
from pathlib import Path

import pytest

from fieldapp.tiles import (
    InvalidRequestError,
    SeedControl,
    SeedOptions,
    TileRegistry,
    import_mbtiles,
    parse_bbox,
    parse_zooms,
    plan_seed,
    seed,
)
from fieldapp.tiles.grid import iter_tiles
from fieldapp.tiles.seeding import DEFAULT_TILE_BYTES

BBOX, ZOOMS = "2.0,42.8,2.5,43.2", "8-11"  # the upper Aude valley: 2 + 4 + 9 + 20 tiles
PLANNED = set(iter_tiles(parse_bbox(BBOX), parse_zooms(ZOOMS)))
FAST = SeedOptions(
    backoff_base=0.01,
    backoff_max=0.05,
    connect_timeout=2,
    read_timeout=2,
    tile_deadline=5,
    progress_interval=0,
)


def _options(**changes) -> SeedOptions:
    from dataclasses import replace

    return replace(FAST, **changes)


def _seed(data_dir, server, **kwargs):
    kwargs.setdefault("options", FAST)
    return seed(data_dir, bbox=BBOX, zooms=ZOOMS, url=server.url, name="aude", **kwargs)


def _stored(data_dir) -> set[tuple[int, int, int]]:
    with TileRegistry(data_dir) as registry:
        return {t for t in PLANNED if registry.get_tile("aude", *t) is not None}


def test_the_plan_counts_tiles_and_bytes_before_any_request(tile_server, data_dir):
    plan = plan_seed(data_dir, bbox=BBOX, zooms=ZOOMS, url=tile_server.url, name="aude")
    assert plan.total == len(PLANNED) == 35
    assert plan.per_zoom == {8: 2, 9: 4, 10: 9, 11: 20}
    assert (plan.present, plan.to_fetch) == (0, 35)
    assert plan.estimated_bytes == 35 * DEFAULT_TILE_BYTES
    assert tile_server.seen == []
    assert not (data_dir / "tiles" / "aude.mbtiles").exists()


def test_every_tile_lands_at_its_place_with_a_polite_user_agent(tile_server, data_dir):
    summary = _seed(data_dir, tile_server)
    assert summary.complete and summary.stored == 35 and summary.failed == 0
    with TileRegistry(data_dir) as registry:
        for tile in PLANNED:
            assert registry.get_tile("aude", *tile).data == tile_server.png(*tile), tile
        info = registry.info("aude")
    assert (info.format, info.tile_count, info.min_zoom, info.max_zoom) == ("png", 35, 8, 11)
    assert info.bounds == pytest.approx((2.0, 42.8, 2.5, 43.2))
    assert info.seed["status"] == "complete"
    agents = {seen.user_agent for seen in tile_server.seen}
    assert len(agents) == 1 and agents.pop().startswith("FieldApp/0.1.0 (+https://")


@pytest.mark.parametrize("connections", [1, 2, 3])
def test_requests_in_progress_never_exceed_the_connections(tile_server, data_dir, connections):
    tile_server.latency = 0.03
    options = FAST if connections == 2 else _options(connections=connections)
    assert SeedOptions().connections == 2  # polite by default
    summary = _seed(data_dir, tile_server, options=options)
    assert summary.complete
    assert tile_server.max_in_flight == connections
    assert len(tile_server.connections()) <= connections  # one kept-alive connection each


def test_a_resumed_download_fetches_nothing_twice(tile_server, data_dir):
    control = SeedControl()

    def cancel_at_tenth_request(z, x, y, attempt, n):
        if n == 10:
            control.cancel()  # as if the user pressed Cancel

    tile_server.rule = cancel_at_tenth_request
    first = _seed(data_dir, tile_server, control=control)
    assert first.cancelled and not first.complete
    # Tiles already on their way when Cancel came are kept, not thrown away.
    assert first.stored == len(tile_server.seen) and 10 <= first.stored <= 10 + FAST.connections
    assert len(_stored(data_dir)) == first.stored
    tile_server.rule = None
    plan = plan_seed(data_dir, bbox=BBOX, zooms=ZOOMS, url=tile_server.url, name="aude")
    assert (plan.present, plan.to_fetch) == (first.stored, 35 - first.stored)

    second = _seed(data_dir, tile_server)
    assert second.complete and second.skipped == first.stored
    assert second.stored == 35 - first.stored
    assert _stored(data_dir) == PLANNED
    assert set(tile_server.requested().values()) == {1}


def _kill_9_mid_request(tile_server, data_dir, after: int) -> None:
    """Run a download in a child process and kill -9 it once `after` tiles are stored,
    while both its workers wait for an answer that the server holds back."""
    tile_server.rule = lambda z, x, y, attempt, n: "hold" if n > after else None
    script = Path(__file__).with_name("seed_child.py")
    child = subprocess.Popen(
        [sys.executable, script, data_dir, tile_server.url, BBOX, ZOOMS, "2", "aude"],
        stdout=subprocess.PIPE,
        text=True,
    )
    watchdog = threading.Timer(30, child.kill)
    watchdog.start()
    try:
        for line in child.stdout:
            if line.startswith("stored") and int(line.split()[1]) >= after:
                break
        assert tile_server.held.acquire(timeout=10) and tile_server.held.acquire(timeout=10)
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
    finally:
        watchdog.cancel()
        child.stdout.close()
    assert child.returncode == -signal.SIGKILL
    tile_server.rule = None


def test_kill_9_mid_download_loses_nothing_and_fetches_nothing_twice(tile_server, data_dir):
    _kill_9_mid_request(tile_server, data_dir, after=12)
    survived = _stored(data_dir)
    assert len(survived) == 12  # every tile reported stored is still there

    before = tile_server.requested()
    summary = _seed(data_dir, tile_server)
    again = tile_server.requested() - before
    assert summary.complete and summary.skipped == 12
    assert set(again) == PLANNED - survived  # nothing already stored was asked for again
    assert set(again.values()) == {1}
    assert _stored(data_dir) == PLANNED
    assert set(tile_server.served.values()) == {1}


def test_pause_holds_back_requests_until_resumed(tile_server, data_dir):
    control, paused, results = SeedControl(), threading.Event(), []

    def pause_at_fifth_request(z, x, y, attempt, n):
        if n == 5:
            control.pause()
            paused.set()

    tile_server.rule = pause_at_fifth_request
    worker = threading.Thread(
        target=lambda: results.append(_seed(data_dir, tile_server, control=control))
    )
    worker.start()
    assert paused.wait(10)
    # Nothing to wait for here: the point is that nothing happens for a while.
    worker.join(0.5)
    assert worker.is_alive() and control.paused
    # Each worker may finish the request it had started when the pause came.
    assert len(tile_server.seen) <= 5 + FAST.connections
    control.resume()
    worker.join(10)
    assert results[0].complete and _stored(data_dir) == PLANNED
    assert set(tile_server.requested().values()) == {1}


@pytest.mark.parametrize(("status", "words"), [(401, "login"), (403, "403"), (451, "legal")])
def test_not_allowed_stops_and_keeps_what_arrived(tile_server, data_dir, status, words):
    tile_server.rule = lambda z, x, y, attempt, n: ("status", status) if n > 5 else None
    summary = _seed(data_dir, tile_server)
    assert words in summary.stopped_reason and not summary.complete
    assert summary.stored == 5
    assert len(tile_server.seen) <= 5 + FAST.connections  # no request after the refusal
    assert len(_stored(data_dir)) == 5  # the partial set is usable
    with TileRegistry(data_dir) as registry:
        assert registry.info("aude").seed["status"] == "stopped"


def test_429_makes_every_worker_wait_for_retry_after(tile_server, data_dir):
    tile_server.rule = lambda z, x, y, attempt, n: (
        ("status", 429, {"Retry-After": "1"}) if n == 4 else None
    )
    summary = _seed(data_dir, tile_server)
    assert summary.complete and summary.rate_limited == 1
    limited = next(s for s in tile_server.seen if s.status == 429)
    # A request already on its way when the 429 came back may arrive just after it.
    later = [s.at - limited.at for s in tile_server.seen if s.at > limited.at + 0.3]
    assert later and min(later) >= 1.0
    assert tile_server.requested()[limited.tile] == 2


def test_a_server_asking_for_a_very_long_wait_stops_the_download(tile_server, data_dir):
    tile_server.rule = lambda z, x, y, a, n: ("status", 429, {"Retry-After": "7200"})
    summary = _seed(data_dir, tile_server, options=_options(max_retry_after=600))
    assert "asks to wait 7200 s" in summary.stopped_reason
    assert not (data_dir / "tiles" / "aude.mbtiles").exists()  # nothing came, no empty layer


def test_missing_tiles_are_counted_not_retried_and_not_asked_again(tile_server, data_dir):
    absent = sorted(PLANNED)[-3:]
    tile_server.rule = lambda z, x, y, a, n: ("status", 404) if (z, x, y) in absent else None
    summary = _seed(data_dir, tile_server)
    assert summary.missing == 3 and summary.stored == 32 and summary.complete
    assert all(tile_server.attempts[t] == 1 for t in absent)

    asked = len(tile_server.seen)
    again = _seed(data_dir, tile_server)
    assert (again.skipped, again.missing, again.complete) == (32, 3, True)
    assert len(tile_server.seen) == asked


def test_garbage_is_counted_never_stored_and_fetched_again_later(tile_server, data_dir):
    portal = sorted(PLANNED)[:3]
    tile_server.rule = lambda z, x, y, a, n: "garbage" if (z, x, y) in portal else None
    summary = _seed(data_dir, tile_server)
    assert summary.invalid == 3 and summary.stored == 32 and not summary.complete
    assert summary.failures == {"not an image (text/html)": 3}
    assert _stored(data_dir) == PLANNED - set(portal)

    tile_server.rule = None
    before = tile_server.requested()
    assert _seed(data_dir, tile_server).complete
    assert set(tile_server.requested() - before) == set(portal)


def test_a_login_page_answering_every_tile_stops_the_download(tile_server, data_dir):
    tile_server.rule = lambda z, x, y, a, n: "garbage"
    summary = _seed(data_dir, tile_server, options=_options(max_consecutive_failures=6))
    assert "in a row failed (last: not an image (text/html))" in summary.stopped_reason
    assert "Wi-Fi login page" in summary.stopped_reason
    assert len(tile_server.seen) <= 6 + FAST.connections
    assert summary.invalid == len(tile_server.seen) and summary.stored == 0


def test_server_errors_are_retried_with_backoff_then_reported(tile_server, data_dir):
    flaky, broken = sorted(PLANNED)[5], sorted(PLANNED)[6]

    def rule(z, x, y, attempt, n):
        if (z, x, y) == flaky and attempt <= 2:
            return ("status", 500)
        return ("status", 503) if (z, x, y) == broken else None

    tile_server.rule = rule
    summary = _seed(data_dir, tile_server, options=_options(retries=2))
    assert tile_server.attempts[flaky] == 3 and tile_server.attempts[broken] == 3
    assert summary.stored == 34 and summary.failed == 1 and summary.retries == 4
    assert summary.failures == {"server error (HTTP 503)": 1}
    assert summary.failed_tiles == ["{}/{}/{}: server error (HTTP 503)".format(*broken)]
    assert _stored(data_dir) == PLANNED - {broken}


def test_slow_and_trickling_answers_time_out(tile_server, data_dir):
    slow, crawl = sorted(PLANNED)[1], sorted(PLANNED)[2]

    def rule(z, x, y, attempt, n):
        if (z, x, y) == slow:
            return ("slow", 3.0)
        return ("trickle", 3.0) if (z, x, y) == crawl else None

    tile_server.rule = rule
    options = _options(read_timeout=0.3, tile_deadline=0.5, retries=1)
    summary = _seed(data_dir, tile_server, options=options)
    assert summary.failures == {"timed out": 2} and summary.stored == 33
    # "timed out", not stored: neither 3-second answer was waited for in full
    assert tile_server.attempts[slow] == 2 and tile_server.attempts[crawl] == 2


def test_a_dead_server_stops_the_download_with_a_reason(data_dir):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{port}/{{z}}/{{x}}/{{y}}.png"
    options = _options(max_consecutive_failures=4, retries=1)
    summary = seed(data_dir, bbox=BBOX, zooms=ZOOMS, url=url, name="aude", options=options)
    assert "in a row failed (last: connection failed)" in summary.stopped_reason
    assert summary.failed <= 4 + options.connections and summary.stored == 0
    assert TileRegistry(data_dir).list_sets() == []


def test_bad_requests_are_refused_before_any_request(tile_server, data_dir, sample):
    def attempt(**changes):
        kwargs = {"bbox": BBOX, "zooms": ZOOMS, "url": tile_server.url, "name": "aude"}
        return seed(data_dir, **(kwargs | changes))

    with pytest.raises(InvalidRequestError, match="more than the limit"):
        attempt(zooms="0-18")
    with pytest.raises(InvalidRequestError, match=r"\{z\}, \{x\} and \{y\}"):
        attempt(url="http://127.0.0.1:1/tiles.png")
    with pytest.raises(InvalidRequestError, match=r"http:// or https://"):
        attempt(url="file:///etc/{z}/{x}/{y}")
    import_mbtiles(data_dir, sample("plain_1.mbtiles"), name="base")
    with pytest.raises(InvalidRequestError, match="imported, not downloaded"):
        attempt(name="base")
    assert tile_server.seen == []

    assert _seed(data_dir, tile_server).complete
    with pytest.raises(InvalidRequestError, match="was downloaded from"):
        attempt(url=tile_server.url.replace("{z}/{x}/{y}.png", "{z}/{x}/{y}.jpg"))


def test_progress_reaches_the_total(tile_server, data_dir):
    seen = []
    _seed(data_dir, tile_server, progress=seen.append)
    assert seen[-1].done == seen[-1].total == 35 and seen[-1].fraction == 1.0
    assert [p.done for p in seen] == sorted(p.done for p in seen)
    assert Counter(type(p).__name__ for p in seen) == {"SeedProgress": len(seen)}


def test_a_failing_progress_display_stops_the_download_in_words(tile_server, data_dir):
    def broken_display(progress):
        raise RuntimeError("window closed")

    summary = _seed(data_dir, tile_server, progress=broken_display)
    assert "the progress display failed" in summary.stopped_reason
    assert "window closed" in summary.stopped_reason
    assert summary.stored >= 1 and len(_stored(data_dir)) == summary.stored
