"""Position errors in the French window are French: no English sentence from the core.

The core (fieldapp/core/geo.py) says why a typed position was not understood with an
English template and its values; the window translates the template. Before, French users
read "Impossible d'y aller : latitude 95 is out of range (-90 to 90)".
"""

from __future__ import annotations

import re

import pytest

from fieldapp.core import geo
from fieldapp.core.settings import Settings
from fieldapp.ui.maps.position_words import position_error_text, templates

# Words of the English templates that are not French words as well.
ENGLISH = {
    "is", "out", "of", "range", "give", "must", "the", "not", "only", "with", "put",
    "unexpected", "both", "values", "letters", "go", "from", "be", "read", "more", "than",
    "one", "way", "use", "between", "no", "given", "each", "and", "less", "got", "whole",
    "number", "wrong", "place", "sign", "may", "have", "followed", "by", "seconds",
    "before", "after", "numbers", "pair", "like", "characters", "decimals", "dot",
}  # fmt: skip
TYPED = [
    "95, 2",  # latitude out of range
    "48.8, 200",  # longitude out of range
    "JZ18",  # a locator's letters out of their range
    "48,5,2,3",  # decimal commas: a sentence inside a sentence
    "48 61 N 2 E",  # minutes over 60
    "N 48 N 2",  # both latitudes
    "somewhere over the rainbow",
    "48.8 2.3 1.2",
    "-48 5 S, 2 E",
]


def english_words(text: str) -> set[str]:
    return {word for word in re.findall(r"[A-Za-z]+", text.lower()) if word in ENGLISH}


def test_every_reason_the_core_gives_has_a_translation():
    reasons = {value for name, value in vars(geo.Why).items() if name.isupper()}
    assert templates() == reasons


@pytest.mark.parametrize("typed", TYPED)
def test_the_go_to_box_explains_in_french(qtbot, make_window, operation, languages, typed):
    assert languages.apply("fr") == "fr"
    window = make_window(Settings(language="fr", last_operation_id=operation["id"]))
    go_to = window.reports_pane.map_panel.go_to
    go_to.edit.setText(typed)
    go_to.go()  # words that are no position are looked up as a place name first (a worker)
    qtbot.waitUntil(lambda: go_to.error_text() is not None)
    shown = go_to.error_text() or ""
    assert shown.startswith("Impossible d’y aller") or shown.startswith("Impossible d'y aller")
    quoted_away = re.sub(r"«[^»]*»", "", shown)  # what the user typed, quoted back
    assert english_words(quoted_away) == set(), shown


def test_the_english_window_keeps_the_core_s_words(qtbot, languages):
    languages.apply("en")
    with pytest.raises(geo.PositionError) as raised:
        geo.parse_position("95, 2")
    assert position_error_text(raised.value) == "latitude 95 is out of range (-90 to 90)"
