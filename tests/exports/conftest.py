"""Fixtures of the export and import tests: the real files of tests/samples/geo (a copy
of the team's shared samples, tests/samples/COPIED.md)."""

from __future__ import annotations

from pathlib import Path

import pytest

SAMPLES = Path(__file__).resolve().parents[1] / "samples" / "geo"


@pytest.fixture
def geo_sample():
    """geo_sample("kml/KML_Samples.kml") -> the path of a real file written by others."""
    return lambda name: SAMPLES / name
