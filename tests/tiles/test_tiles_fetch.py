"""The download rules that need no server: URL templates, Retry-After, backoff."""

from __future__ import annotations

import email.utils
import time

import pytest

from fieldapp.tiles import InvalidRequestError
from fieldapp.tiles.fetch import UrlTemplate, backoff_delay, parse_retry_after


def test_templates_fill_in_the_tile_and_spread_over_subdomains():
    template = UrlTemplate("https://{s}.tile.example.org/{z}/{x}/{y}.png")
    assert template.host == "tile.example.org"
    urls = {template.url(12, x, 1400) for x in range(2000, 2006)}
    assert {u.split(".")[0] for u in urls} == {"https://a", "https://b", "https://c"}
    assert template.url(12, 2000, 1400) == template.url(12, 2000, 1400)  # stable per tile
    assert UrlTemplate("http://h/{z}/{x}/{-y}.png").url(3, 1, 0) == "http://h/3/1/7.png"


@pytest.mark.parametrize(
    ("template", "message"),
    [
        ("http://h/{z}/{x}/{q}.png", r"does not know: \{q\}"),
        ("http://h/{z}/{x}.png", r"must contain \{z\}, \{x\} and \{y\}"),
        ("ftp://h/{z}/{x}/{y}", "http:// or https://"),
        ("http:///{z}/{x}/{y}", "http:// or https://"),
    ],
)
def test_bad_templates_are_explained(template, message):
    with pytest.raises(InvalidRequestError, match=message):
        UrlTemplate(template)


def test_subdomains_are_required_by_s():
    with pytest.raises(InvalidRequestError, match="no subdomains"):
        UrlTemplate("http://{s}.h/{z}/{x}/{y}", subdomains="")


def test_retry_after_in_seconds_or_as_a_date():
    assert parse_retry_after("120") == 120
    soon = email.utils.formatdate(time.time() + 30, usegmt=True)
    assert 25 <= parse_retry_after(soon) <= 31
    assert parse_retry_after("soon") is None
    assert parse_retry_after(None) is None


def test_backoff_grows_with_jitter_and_stops_at_the_cap():
    for attempt, ceiling in [(1, 1), (2, 2), (3, 4), (10, 60)]:
        delays = {backoff_delay(attempt, 1.0, 60.0) for _ in range(50)}
        assert all(ceiling / 2 <= d <= ceiling for d in delays)
        assert len(delays) > 1  # jittered, so workers do not retry in lockstep
