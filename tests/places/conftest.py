"""The shipped gazetteer (resources/gazetteer/places.sqlite, built by `make gazetteer`)."""

from __future__ import annotations

import pytest

from fieldapp.places.gazetteer import Gazetteer


@pytest.fixture(scope="session")
def gazetteer() -> Gazetteer:
    shipped = Gazetteer.default()
    assert shipped.available(), "no gazetteer file: `make gazetteer` builds it (make test does)"
    return shipped
