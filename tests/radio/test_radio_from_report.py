"""A report sent on the air carries where and how urgent, not only its text; a station's
call sign is checked before the desk takes it."""

from __future__ import annotations

import pytest

from fieldapp.radio.check import compute_check, normalise
from fieldapp.radio.from_report import ics213_values, precedence_for, radiogram_values
from fieldapp.radio.model import call_sign_problem

HELP = {
    "title": "Famille sur le toit",
    "body": "Trois personnes sur le toit, l'eau monte.",
    "kind": "request_for_help",
    "severity": 5,
    "place": "Cuxac-d'Aude",
    "lat": 43.2417,
    "lon": 3.0010,
}


@pytest.mark.parametrize(
    ("severity", "kind", "precedence"),
    [
        (5, "observation", "EMERGENCY"),
        (4, "damage", "PRIORITY"),
        (3, "request_for_help", "PRIORITY"),
        (3, "missing_person", "PRIORITY"),
        (3, "damage", "ROUTINE"),
        (1, "request_for_help", "ROUTINE"),
        (None, "information", "ROUTINE"),
    ],
)
def test_the_precedence_follows_the_severity(severity, kind, precedence):
    assert precedence_for({"severity": severity, "kind": kind}) == precedence


def test_a_request_for_help_goes_out_with_its_place_position_and_precedence():
    values = radiogram_values(HELP)
    assert values["precedence"] == "EMERGENCY"
    assert values["place_of_origin"] == "CUXAC-D'AUDE"
    assert values["text"].startswith("Trois personnes sur le toit, l'eau monte.")
    assert values["text"].endswith("LOCATOR JN13MF POSITION 43.24170 N 3.00100 E")
    on_air = normalise(values["text"]).text  # what Ctrl+T makes of it
    assert "JN13MF" in on_air and "43R24170 N 3R00100 E" in on_air
    assert compute_check(on_air) == str(len(on_air.split()))


def test_an_ics213_names_the_urgency_place_and_position():
    values = ics213_values(HELP, "Crues de l'Aude", "camille")
    assert values["subject"] == "EMERGENCY: Famille sur le toit"
    assert values["text"].splitlines()[1:] == [
        "Place: Cuxac-d'Aude",
        "Position: 43.24170, 3.00100 (JN13MF)",
    ]
    assert (values["incident"], values["from_name"]) == ("Crues de l'Aude", "camille")
    plain = ics213_values({"title": "Pont", "severity": 2}, "Crues", "camille")
    assert plain["subject"] == "Pont" and plain["text"] == "Pont"  # no place, no position


def test_a_report_with_no_position_says_none():
    values = radiogram_values({"title": "Pont fermé", "severity": 2})
    assert values == {"precedence": "ROUTINE", "place_of_origin": "", "text": "Pont fermé"}


@pytest.mark.parametrize("call", ["F4ABC", "f1pct", "W1AW/4", "F/ON4ABC", "9A1AA", "TM5C"])
def test_call_signs_are_accepted(call):
    assert call_sign_problem(call) is None


@pytest.mark.parametrize("call", ["", "  ", "ADRASEC", "F4 ABC", "F4ABC!", "1234"])
def test_what_is_not_a_call_sign_is_named(call):
    problem = call_sign_problem(call)
    assert problem is not None and ("call sign" in problem)
