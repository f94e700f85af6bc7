"""The exercise clock as trainers write it, and as FieldApp writes it back."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fieldapp.exercises.msel import format_clock, parse_clock


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("T+00:15", 900),
        ("00:15", 900),
        ("0:15:30", 930),
        ("+1:05", 3900),
        ("15 min", 900),
        ("15 mn", 900),
        ("1h30", 5400),
        ("1 h 30", 5400),
        ("2 h 05 min 30 s", 7530),
        ("90 s", 90),
        ("3 heures", 10800),
        ("t + 02:59", 10740),
        ("T+0", 0),
        ("0", 0),
    ],
)
def test_times_as_trainers_write_them(text, seconds):
    assert parse_clock(text) == seconds


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("15", "'15' is not a time on the exercise clock"),  # minutes or hours?
        ("dix heures", "'dix heures' is not a time on the exercise clock"),
        ("1:75", "'1:75' is not a time on the exercise clock"),
        ("30 min 1 h", "'30 min 1 h' is not a time on the exercise clock"),
        ("T-00:10", "'T-00:10' is before T+0"),
        ("1000 h", "'1000 h' is more than 999 hours after T+0"),
    ],
)
def test_times_that_do_not_parse_say_why(text, problem):
    with pytest.raises(ValueError) as error:
        parse_clock(text)
    assert str(error.value).startswith(problem)


def test_format_clock():
    assert format_clock(3900) == "T+01:05"
    assert format_clock(930) == "T+00:15:30"
    assert format_clock(30 * 3600) == "T+30:00"
    with pytest.raises(ValueError):
        format_clock(-1)


@given(st.integers(0, 999 * 3600))
def test_what_format_clock_writes_parse_clock_reads(seconds):
    assert parse_clock(format_clock(seconds)) == seconds
