"""Shared fixtures: a fresh data directory with a store and one operation."""

from __future__ import annotations

import pytest

from fieldapp.store import Store


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "data", user="alice") as opened:
        yield opened


@pytest.fixture
def operation(store):
    return store.create_operation("Floods in the Aude")
