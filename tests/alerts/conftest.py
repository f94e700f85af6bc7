"""Fixtures of the alerts tests: the real CAP samples, the MeteoAlarm index, and the bad
files written for these tests (data/bad, README there).

Samples come from $FIELDAPP_SAMPLES/cap and /feeds, else tests/samples (a verbatim copy
of the team's shared samples; sources and licences in its READMEs)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from alert_samples import CAP_SAMPLES, DATA

DEFAULT_SAMPLES = Path(__file__).resolve().parents[1] / "samples"


def samples() -> Path:
    return Path(os.environ.get("FIELDAPP_SAMPLES", DEFAULT_SAMPLES)).resolve()


@pytest.fixture(scope="session")
def cap_sample():
    """cap_sample(name) -> the bytes of a real CAP alert."""
    folder = samples() / "cap"
    if not (folder / CAP_SAMPLES[0]).is_file():
        pytest.fail(f"the CAP samples are missing: {folder} (set FIELDAPP_SAMPLES)")
    return lambda name: (folder / name).read_bytes()


@pytest.fixture(scope="session")
def meteoalarm_index() -> bytes:
    path = samples() / "feeds" / "atom_capindex_meteoalarm_france.xml"
    if not path.is_file():
        pytest.fail(f"the MeteoAlarm index sample is missing: {path} (set FIELDAPP_SAMPLES)")
    return path.read_bytes()


@pytest.fixture
def bad():
    """bad(name) -> the bytes of a bad file written for these tests."""

    def read(name: str) -> bytes:
        found = DATA / "bad" / name
        assert found.is_file(), f"bad file {found} is missing"
        return found.read_bytes()

    return read
