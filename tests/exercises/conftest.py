"""Fixtures of the exercise tests: the files of tests/exercises/data (its README says
what each is)."""

from __future__ import annotations

from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture
def data():
    """data(name) -> the bytes of a file written for these tests."""
    return lambda name: (DATA / name).read_bytes()
