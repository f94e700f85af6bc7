"""Fixtures for the offline-tile tests: the real sample files and a fresh data directory.

Samples come from $FIELDAPP_SAMPLES, else tests/samples (a copy of the team's shared
samples, with their sources and licences in its READMEs);
tests copy them to tmp_path and never touch the originals. Missing samples fail the run.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

DEFAULT_SAMPLES = Path(__file__).resolve().parents[1] / "samples"


def samples_root() -> Path:
    return Path(os.environ.get("FIELDAPP_SAMPLES", DEFAULT_SAMPLES)).resolve()


@pytest.fixture(scope="session")
def mbtiles_samples() -> Path:
    folder = samples_root() / "geo" / "mbtiles"
    if not (folder / "plain_1.mbtiles").is_file():
        pytest.fail(f"the MBTiles samples are missing: {folder} (set FIELDAPP_SAMPLES)")
    return folder


@pytest.fixture
def sample(mbtiles_samples, tmp_path):
    """Copy a sample (path relative to geo/mbtiles) to tmp_path and return the copy."""

    def copy(relative: str) -> Path:
        source = mbtiles_samples / relative
        assert source.is_file(), f"sample {source} is missing"
        target = tmp_path / "incoming" / Path(relative).name
        target.parent.mkdir(exist_ok=True)
        shutil.copyfile(source, target)
        return target

    return copy


@pytest.fixture
def data_dir(tmp_path) -> Path:
    path = tmp_path / "data"
    path.mkdir()
    return path


@pytest.fixture
def tile_server():
    """A local tile server (tileserver.TileServer), stopped after the test."""
    from tileserver import TileServer

    with TileServer() as server:
        yield server
