"""Fixtures of the export and import tests: the real files of tests/samples/geo (a copy
of the team's shared samples, tests/samples/COPIED.md), English plurals for the dialogs."""

from __future__ import annotations

from pathlib import Path

import pytest

SAMPLES = Path(__file__).resolve().parents[1] / "samples" / "geo"


@pytest.fixture
def geo_sample():
    """geo_sample("kml/KML_Samples.kml") -> the path of a real file written by others."""
    return lambda name: SAMPLES / name


@pytest.fixture
def plurals(qapp):
    """English counts as the app shows them ("1 item", "2 items"): the translator every
    LanguageManager installs (fieldapp/ui/kit/i18n.py)."""
    from fieldapp.ui.kit.i18n import install_english_plurals

    install_english_plurals(qapp)
