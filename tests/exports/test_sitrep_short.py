"""The sitrep in one radiogram: 25 words or fewer whatever the figures, radiogram text
that the radio desk's own rules accept (nothing for its converter to change, a check
that matches, no warning), EXERCISE in an exercise, English or French."""

from __future__ import annotations

import itertools
from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from fieldapp.exports import sitrep
from fieldapp.exports.sitrep import Area, KeyFigures, Need, Sitrep
from fieldapp.exports.sitrep_short import MAX_WORDS, radiogram_values, short_text
from fieldapp.radio.check import check_problem, compute_check, normalise, word_count
from fieldapp.radio.model import validate_message, warnings


def accepted_as_radiogram_text(text: str) -> None:
    """What fieldapp/radio says of a radiogram text: unchanged by its converter, a word
    count within the limit, no check warning, a message it validates."""
    assert normalise(text).text == text
    assert normalise(text).changes() == []
    assert 0 < word_count(text) <= MAX_WORDS
    assert check_problem(compute_check(text), text) is None
    assert not compute_check(text).startswith("ARL")
    message = validate_message(
        {
            "kind": "radiogram",
            "direction": "sent",
            "text": text,
            "precedence": "PRIORITY",
            "check_received": compute_check(text),
        }
    )
    assert warnings(message) == {}


def figures(n: int, **changes) -> KeyFigures:
    base = KeyFigures(
        reports=n,
        by_kind={"request_for_help": n // 3},
        by_severity={1: n // 2, 4: n // 4, 5: n // 8},
        by_verification={"confirmed": n // 5, "debunked": n // 9},
        help_open=n // 7,
        help_closed=n // 11,
        alerts_active=n % 4,
        radio_by_status={"relayed": n // 6, "received": 2},
        rumours_debunked=n % 3,
    )
    return replace(base, **changes)


def a_sitrep(n: int = 412, *, exercise: bool = False, place: str = "Alès", **changes) -> Sitrep:
    return Sitrep(
        operation_id="op",
        operation_name="Floods",
        exercise=exercise,
        written_at="2026-11-28T18:04:31.000Z",
        highlights="",
        overview="",
        next_report="2026-11-28T21:00:00.000Z",
        figures=figures(n, **changes),
        areas=[Area(place, 3, 1, 1, 1, 5)],
        other_areas=None,
        needs=[Need(place, 3, 5, "2026-11-28T10:00:00.000Z")] if place else [],
        rumours=[],
        top=[],
    )


def test_the_short_sitrep_reads_as_a_radiogram():
    text = short_text(a_sitrep())
    assert text == (
        "SITREP 1804Z 412 REPORTS 58 HELP OPEN 0 ALERTS ACTIVE NEEDS ALES 82 CONFIRMED"
        " 154 SEVERE 68 MSGS HANDLED 1 RUMOUR DEBUNKED NEXT 2100Z"
    )
    accepted_as_radiogram_text(text)


def test_an_exercise_says_so_and_french_has_french_words():
    text = short_text(a_sitrep(exercise=True, alerts_active=3), "fr")
    assert text.startswith("SITREP 1804Z EXERCICE 412 RAPPORTS 58 DEMANDES AIDE 3 ALERTES")
    assert text.endswith("PROCHAIN 2100Z")
    accepted_as_radiogram_text(text)
    assert short_text(a_sitrep(exercise=True)).split()[2] == "EXERCISE"


def test_parts_that_do_not_fit_are_left_out_whole():
    text = short_text(a_sitrep(exercise=True, alerts_active=3, place="Saint-Jean-du-Gard"))
    words = text.split()
    assert len(words) <= MAX_WORDS
    assert "NEEDS SAINT JEAN" in text  # a place's first words, its hyphens as spaces
    assert words[-2:] == ["NEXT", "2100Z"]
    for number, word in itertools.pairwise(words):
        if number.isdigit():  # every number keeps its noun
            assert word.isalpha()


places = st.text(alphabet=st.characters(codec="utf-8"), max_size=60)


@settings(max_examples=300, deadline=None)
@given(
    n=st.integers(0, 10**12),
    exercise=st.booleans(),
    place=places,
    alerts=st.integers(0, 10**6),
    lang=st.sampled_from(["en", "fr", "de"]),
    next_report=st.sampled_from([None, "2026-11-29T06:00:00.000Z"]),
)
def test_never_more_than_25_words_whatever_the_data(n, exercise, place, alerts, lang, next_report):
    report = replace(
        a_sitrep(n, exercise=exercise, place=place, alerts_active=alerts), next_report=next_report
    )
    text = short_text(report, lang)
    accepted_as_radiogram_text(text)
    assert text.split()[0] == "SITREP"
    assert ("EXERCISE" in text or "EXERCICE" in text) == exercise


def test_from_a_real_operation_and_into_the_radio_desks_form(store, operation):
    for n in range(30):
        store.reports.add(
            operation["id"],
            {"title": f"R{n}", "kind": "request_for_help", "place": "l'Isle-sur-la-Sorgue"},
        )
    report = sitrep.build(store, operation["id"], next_report=sitrep.parse_next("1800Z"))
    values = radiogram_values(report, "en", station="F4ABC")
    accepted_as_radiogram_text(values["text"])
    assert "30 REPORTS 30 HELP OPEN 0 ALERTS ACTIVE NEEDS LISLE SUR NEXT 1800Z" in values["text"]
    assert values["check_received"] == str(word_count(values["text"]))
    assert (values["test"], values["signature"]) == (False, "F4ABC")
    message = store.radio.add(operation["id"], values, station="F4ABC")
    assert message["text"] == values["text"] and message["test"] == 0


def test_a_place_named_like_the_exercise_mark_never_marks_a_real_sitrep():
    """Found by the property above: a real operation whose most urgent place read
    "Exercise" sent "... NEEDS EXERCISE", which a station reads as an exercise's traffic."""
    report = a_sitrep(3, exercise=False, place="Exercise field")
    text = short_text(report, "en")
    assert "EXERCISE" not in text and "NEEDS FIELD" in text
    assert "EXERCICE" not in short_text(a_sitrep(3, exercise=False, place="Exercice"), "fr")
