"""Report validation at its edges: the limits a volunteer meets when a report is refused."""

from __future__ import annotations

import pytest

from fieldapp.core.errors import ValidationError
from fieldapp.reports.domain import to_db, validate_report


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


KINDS_TEXT = "observation, request_for_help, missing_person, damage, hazard, rumour, information"
BOTH = "latitude and longitude go together"
NOT_A_TIME = "is not a date and time like 2026-11-28T14:05Z"
UNSURE = ("unknown_value", "'certain' is not one of low, medium, high")


@pytest.mark.parametrize(
    ("values", "errors"),
    [
        ({"title": ""}, {"title": ("required", "a title is required")}),
        ({"title": "x" * 201}, {"title": ("too_long", "at most 200 characters")}),
        ({"colour": "red"}, {"colour": ("unknown_field", "is not a report field")}),
        ({"severity": "high"}, {"severity": ("not_a_number", "'high' is not a whole number")}),
        ({"severity": 9}, {"severity": ("out_of_range", "must be between 1 and 5")}),
        ({"lat": -90.5, "lon": 2}, {"lat": ("out_of_range", "must be between -90 and 90")}),
        ({"lat": 0, "lon": 180.5}, {"lon": ("out_of_range", "must be between -180 and 180")}),
        ({"lat": 0, "lon": -180.5}, {"lon": ("out_of_range", "must be between -180 and 180")}),
        ({"lat": 0, "lon": "east"}, {"lon": ("not_a_number", "'east' is not a number")}),
        ({"lat": 43}, {"lon": ("required", BOTH)}),
        ({"lon": 2}, {"lat": ("required", BOTH)}),
        # A mistyped coordinate still counts as given: the other one is asked for too.
        ({"lat": "x"}, {"lat": ("not_a_number", "'x' is not a number"), "lon": ("required", BOTH)}),
        ({"lon": "x"}, {"lon": ("not_a_number", "'x' is not a number"), "lat": ("required", BOTH)}),
        ({"kind": "gossip"}, {"kind": ("unknown_value", f"'gossip' is not one of {KINDS_TEXT}")}),
        (
            {"verification_confidence": "certain"},
            {"verification_confidence": UNSURE},
        ),
        (
            {"observed_at": "yesterday"},
            {"observed_at": ("bad_time", f"'yesterday' {NOT_A_TIME}")},
        ),
        ({"verified_at": "soon"}, {"verified_at": ("bad_time", f"'soon' {NOT_A_TIME}")}),
        (
            {"status": "duplicate"},
            {"duplicate_of": ("required", "say which report this one duplicates")},
        ),
    ],
)  # fmt: skip
def test_each_refusal_names_its_field_code_and_message(values, errors):
    # The code is what the window translates, the message what the command line prints.
    assert _errors(**{"title": "t", **values}) == errors


def test_empty_answers_are_stored_as_nothing():
    clean = validate_report(
        {
            "title": "t",
            "body": None,
            "place": None,
            "observed_at": "",
            "verification_confidence": "",
        }
    )
    assert (clean["body"], clean["place"], clean["observed_at"]) == ("", "", None)
    assert clean["verification_confidence"] is None


def test_times_are_stored_in_one_utc_form():
    clean = validate_report(
        {"title": "t", "observed_at": "2026-11-28T14:05", "verified_at": "2026-11-28T15:00Z"}
    )
    assert (clean["observed_at"], clean["verified_at"]) == (
        "2026-11-28T14:05:00.000Z",
        "2026-11-28T15:00:00.000Z",
    )


def test_tags_are_stored_as_readable_text():
    clean = validate_report({"title": "t", "tags": "évacuation, école, évacuation"})
    assert to_db(clean)["tags"] == '["évacuation", "école"]'  # searchable as written
