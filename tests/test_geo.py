"""Positions as volunteers type them, and as the map shows them."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fieldapp.core.geo import (
    PositionError,
    format_decimal,
    format_dms,
    maidenhead,
    parse_maidenhead,
    parse_position,
)

PARIS = (48.8566, 2.3522)
lats = st.floats(min_value=-90, max_value=90, allow_nan=False)
lons = st.floats(min_value=-180, max_value=180, allow_nan=False)


def test_formats_of_paris():
    assert format_decimal(*PARIS) == "48.85660, 2.35220"
    assert format_dms(*PARIS) == "48°51'23.8\"N 2°21'07.9\"E"
    assert maidenhead(*PARIS) == "JN18eu"
    assert maidenhead(*PARIS, precision=4) == "JN18"
    assert format_dms(-33.8688, -151.2093) == "33°52'07.7\"S 151°12'33.5\"W"


@pytest.mark.parametrize(
    ("lat", "lon", "locator"),
    [
        (48.8566, 2.3522, "JN18eu"),  # Paris
        # Munich as Wikipedia gives it (48°08'46"N 11°36'30"E); the Marienplatz, at
        # 11.5755 E, lies just west of the t/s line at 11.5833 E and is JN58sd.
        (48.1461, 11.6083, "JN58td"),
        (48.1374, 11.5755, "JN58sd"),
        (41.714775, -72.727260, "FN31pr"),  # W1AW, the ARRL station, Newington CT
    ],
)
def test_known_locators(lat, lon, locator):
    assert maidenhead(lat, lon) == locator
    centre = parse_position(locator)
    assert maidenhead(*centre) == locator


def test_locator_edges_stay_on_the_grid():
    assert maidenhead(90, 180, precision=8) == "RR99xx99"
    assert maidenhead(-90, -180, precision=8) == "AA00aa00"
    assert parse_maidenhead("JN18") == pytest.approx((48.5, 3.0))
    assert parse_maidenhead("jn18EU") == parse_maidenhead("JN18eu")


@pytest.mark.parametrize(
    "text",
    [
        "48.8566, 2.3522",
        "48.8566 2.3522",
        "48.8566,2.3522",
        "48.8566N 2.3522E",
        "N48.8566 E2.3522",
        "2.3522E 48.8566N",  # the letters say which is which
        "48,8566 ; 2,3522",  # French decimal commas
        "48,8566 2,3522",
        "48,8566, 2,3522",
        "  48.8566  ,  2.3522  ",
        "geo:48.8566,2.3522;u=35",
        "48.8566 N, 2.3522 E",
    ],
)
def test_decimal_forms(text):
    assert parse_position(text) == pytest.approx(PARIS)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("-33.9 151.2", (-33.9, 151.2)),
        ("33.9S 151.2E", (-33.9, 151.2)),
        ("48 51 24 N 2 21 8 E", (48 + 51 / 60 + 24 / 3600, 2 + 21 / 60 + 8 / 3600)),
        ("48°51'24\"N 2°21'08\"E", (48 + 51 / 60 + 24 / 3600, 2 + 21 / 60 + 8 / 3600)),
        ("48°51′24″N 2°21′08″E", (48 + 51 / 60 + 24 / 3600, 2 + 21 / 60 + 8 / 3600)),
        ("N 48° 51.400' W 002° 21.130'", (48 + 51.4 / 60, -(2 + 21.13 / 60))),
        ("48°51.4'N 2°21.13'E", (48 + 51.4 / 60, 2 + 21.13 / 60)),
        ("48°51'24\" 2°21'08\"", (48 + 51 / 60 + 24 / 3600, 2 + 21 / 60 + 8 / 3600)),
        ("-33°52' 151°12'", (-(33 + 52 / 60), 151.2)),
        ("48 51 24 2 21 8", (48 + 51 / 60 + 24 / 3600, 2 + 21 / 60 + 8 / 3600)),
        ("43°12'N 2°21'O", (43.2, -2.35)),  # French: O for ouest
        ("S33 52 E151 12", (-(33 + 52 / 60), 151.2)),
        ("48,2", (48.0, 2.0)),  # one number would be no position: a separator
        ("JN18eu", (48 + 51.25 / 60, 2 + 22.5 / 60)),
        ("FN31pr21", (41.7145833, -72.7291667)),
    ],
)
def test_other_forms(text, expected):
    assert parse_position(text) == pytest.approx(expected, abs=1e-6)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("", "no position"),
        ("Paris", "unexpected 'Paris'"),
        ("95 2", "latitude 95 is out of range"),
        ("48 181", "longitude 181 is out of range"),
        ("48 75 N 2 10 E", "minutes must be less than 60"),
        ("48 51 60 N 2 10 0 E", "seconds must be less than 60"),
        ("48.5 30 N 2 E", "whole number"),
        ("48.85N 2.35N", "both values are latitudes"),
        ("-48 S 2 E", "minus sign or a hemisphere letter"),
        ("48.85", "latitude and a longitude"),
        ("48.85, 2.35, 120", "latitude and a longitude only"),
        ("48,5,2,5", "';' between latitude and longitude"),
        ("48.5.2.5", "unexpected"),
        ("JZ18", "go from A to R"),
        ("JN18zz", "go from A to X"),
        ("JN1", "unexpected"),
        ("48 51 N 2 E 3", "before or all after"),
    ],
)
def test_garbage_is_refused_in_words(text, words):
    with pytest.raises(PositionError, match=words):
        parse_position(text)
    assert issubclass(PositionError, ValueError)


def test_formatting_refuses_positions_off_the_globe():
    with pytest.raises(PositionError, match="latitude"):
        format_dms(91, 0)
    with pytest.raises(PositionError, match="longitude"):
        maidenhead(0, float("nan"))


@given(lats, lons)
def test_decimal_round_trip(lat, lon):
    assert parse_position(format_decimal(lat, lon)) == pytest.approx((lat, lon), abs=0.5e-5 + 1e-9)


@given(lats, lons)
def test_dms_round_trip(lat, lon):
    back = parse_position(format_dms(lat, lon))
    assert back == pytest.approx((lat, lon), abs=0.05 / 3600 + 1e-9)


@given(lats, lons, st.sampled_from([4, 6, 8]))
def test_maidenhead_round_trip(lat, lon, precision):
    locator = maidenhead(lat, lon, precision)
    centre = parse_position(locator)
    half_cell = {4: (0.5, 1.0), 6: (1.25 / 60, 2.5 / 60), 8: (0.125 / 60, 0.25 / 60)}[precision]
    assert abs(centre[0] - lat) <= half_cell[0] + 1e-9
    assert abs(centre[1] - lon) <= half_cell[1] + 1e-9
    assert maidenhead(*centre, precision) == locator
