"""Report validation at its edges: the limits a volunteer meets when a report is refused."""

from __future__ import annotations

import pytest

from fieldapp.core.errors import ValidationError
from fieldapp.reports.domain import validate_report


def _errors(**values) -> dict:
    with pytest.raises(ValidationError) as caught:
        validate_report({"title": "Water over the road", **values})
    return caught.value.errors


def test_the_title_limit_is_200_characters():
    assert validate_report({"title": "x" * 200})["title"] == "x" * 200
    assert _errors(title="x" * 201)["title"][0] == "too_long"
    # Spaces around the title do not count against the limit: they are trimmed.
    assert validate_report({"title": f"  {'x' * 200}  "})["title"] == "x" * 200


@pytest.mark.parametrize("severity", [0, -1, 6, "0", "6"])
def test_a_severity_outside_1_to_5_is_refused(severity):
    assert _errors(severity=severity)["severity"][0] == "out_of_range"


@pytest.mark.parametrize("severity", [1, 5, "1", " 5 "])
def test_severities_1_and_5_are_accepted(severity):
    assert validate_report({"title": "t", "severity": severity})["severity"] == int(severity)


@pytest.mark.parametrize("accuracy", [-1, -0.5, "-3", float("nan"), float("inf"), 1e7 + 1])
def test_a_negative_or_absurd_accuracy_is_refused(accuracy):
    assert _errors(accuracy_m=accuracy)["accuracy_m"][0] == "out_of_range"


@pytest.mark.parametrize("accuracy", [0, "0", 15, 1e7])
def test_an_accuracy_of_0_to_10000_km_is_kept(accuracy):
    assert validate_report({"title": "t", "accuracy_m": accuracy})["accuracy_m"] == float(accuracy)


def test_an_empty_accuracy_is_no_accuracy():
    assert validate_report({"title": "t", "accuracy_m": ""})["accuracy_m"] is None


@pytest.mark.parametrize(("lat", "lon"), [(90, 180), (-90, -180)])
def test_the_poles_and_the_antimeridian_are_on_the_map(lat, lon):
    clean = validate_report({"title": "t", "lat": lat, "lon": lon})
    assert (clean["lat"], clean["lon"]) == (lat, lon)


def test_a_report_no_longer_a_duplicate_forgets_what_it_duplicated():
    marked = validate_report({"title": "t", "status": "duplicate", "duplicate_of": "r1"})
    assert marked["duplicate_of"] == "r1"
    reopened = validate_report({**marked, "status": "triaged"})
    assert reopened["duplicate_of"] is None  # else the list still says "duplicate of r1"


@pytest.mark.parametrize("missing", [None, ""])
def test_a_duplicate_must_say_of_which_report(missing):
    errors = _errors(status="duplicate", duplicate_of=missing)
    assert errors["duplicate_of"][0] == "required"
    assert set(errors) == {"duplicate_of"}


def test_every_bad_field_is_named_at_once():
    errors = _errors(title="", severity=0, accuracy_m=-1, kind="gossip", lat=91, lon=2)
    assert {name: code for name, (code, _) in errors.items()} == {
        "title": "required",
        "severity": "out_of_range",
        "accuracy_m": "out_of_range",
        "kind": "unknown_value",
        "lat": "out_of_range",
    }
