"""The estimate a form shows as the user types: tile counts per zoom and an approximate
size, with no file and no network; and the pause hook that tells a UI the pause holds."""

from __future__ import annotations

import threading
import time

from fieldapp.tiles import (
    MAX_TILES,
    SeedControl,
    estimate_area,
    parse_bbox,
    parse_zooms,
    plan_seed,
)

BBOX, ZOOMS = parse_bbox("2.0,42.8,2.5,43.2"), parse_zooms("8-11")


def test_the_estimate_matches_the_plan_without_touching_disk(data_dir):
    estimate = estimate_area(BBOX, ZOOMS)
    plan = plan_seed(data_dir, bbox=BBOX, zooms=ZOOMS, url="http://127.0.0.1:9/{z}/{x}/{y}.png")
    assert estimate.per_zoom == plan.per_zoom == {8: 2, 9: 4, 10: 9, 11: 20}
    assert estimate.total == 35 and estimate.estimated_bytes == plan.estimated_bytes
    assert estimate.bytes_per_zoom()[11] == 20 * estimate.average_bytes
    assert not estimate.too_large
    assert list(data_dir.iterdir()) == []


def test_an_area_over_the_limit_is_flagged():
    estimate = estimate_area(BBOX, parse_zooms("8-19"))
    assert estimate.total > MAX_TILES == 100_000 and estimate.too_large


def test_busy_falls_to_zero_once_a_pause_holds():
    control = SeedControl()
    took, parked = threading.Event(), threading.Event()

    def worker():
        assert control.wait_if_paused()  # holds a tile
        took.set()
        parked.wait(5)
        control.wait_if_paused()  # paused: waits here until resumed
        control.idle()

    thread = threading.Thread(target=worker)
    thread.start()
    assert took.wait(5)
    control.pause()
    assert control.busy == 1  # "pausing": a request is still in hand
    parked.set()
    give_up = time.monotonic() + 5
    while control.busy and time.monotonic() < give_up:
        thread.join(0.01)  # the worker reaches its second wait_if_paused()
    assert control.busy == 0 and control.paused
    control.resume()
    thread.join(5)
    assert not thread.is_alive() and control.busy == 0
