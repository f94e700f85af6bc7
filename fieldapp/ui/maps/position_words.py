"""Why a typed position was not understood, in the user's language.

fieldapp.core.geo raises PositionError with an English template (geo.Why) and its values;
`position_error_text(error)` gives that sentence translated, its values filled in (a
value that is itself a PositionError is translated too). Every template is spelled out
below inside a translate() call, so that lupdate finds it; tests/ui/test_position_words.py
holds this table against geo.Why. GUI thread (QCoreApplication.translate).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from fieldapp.core import geo
from fieldapp.core.geo import Why

translate = QCoreApplication.translate  # lupdate reads the literal context of each call


def _texts() -> dict[str, str]:
    return {
        Why.LAT_RANGE: translate("PositionError", "latitude %1 is out of range (-90 to 90)"),
        Why.LON_RANGE: translate("PositionError", "longitude %1 is out of range (-180 to 180)"),
        Why.NOT_LOCATOR: translate(
            "PositionError",
            "%1 is not a Maidenhead locator (like JN18 or JN18eu: 4, 6 or 8 characters)",
        ),
        Why.LOCATOR_PAIR: translate(
            "PositionError", "%1: the letters of pair %2 of a locator go from %3 to %4"
        ),
        Why.EMPTY: translate("PositionError", "no position given"),
        Why.AMBIGUOUS: translate(
            "PositionError",
            "%1 can be read in more than one way; use a dot for decimals, or ';' between"
            " latitude and longitude",
        ),
        Why.DECIMAL_COMMAS: translate(
            "PositionError", "%1; with decimal commas, put ';' between latitude and longitude"
        ),
        Why.UNEXPECTED: translate(
            "PositionError", "unexpected %1: not a position format FieldApp reads"
        ),
        Why.TOO_MANY: translate(
            "PositionError", "more than two values: give a latitude and a longitude only"
        ),
        Why.NEED_BOTH: translate("PositionError", "give both a latitude and a longitude"),
        Why.HEMI_EACH: translate(
            "PositionError", "give one hemisphere letter for each of latitude and longitude"
        ),
        Why.HEMI_PLACE: translate(
            "PositionError", "put the hemisphere letters all before or all after the numbers"
        ),
        Why.DEGREE_EACH: translate(
            "PositionError", "give one ° for each of latitude and longitude"
        ),
        Why.DEGREE_PLACE: translate(
            "PositionError", "a ° must follow the degrees of each coordinate"
        ),
        Why.EXAMPLE: translate(
            "PositionError", "give a latitude and a longitude, e.g. 48.8566, 2.3522"
        ),
        Why.UNEXPECTED_IN: translate("PositionError", "unexpected %1 in %2"),
        Why.NOT_DMS: translate("PositionError", "%1 is not degrees, minutes and seconds"),
        Why.MARK_PLACE: translate("PositionError", "%1: %2 is in the wrong place"),
        Why.SIGN_DEGREES: translate("PositionError", "%1: only the degrees may have a sign"),
        Why.MINUTES_60: translate("PositionError", "%1: minutes must be less than 60 (got %2)"),
        Why.SECONDS_60: translate("PositionError", "%1: seconds must be less than 60 (got %2)"),
        Why.WHOLE_DEGREES: translate(
            "PositionError", "%1: degrees followed by minutes must be a whole number"
        ),
        Why.WHOLE_MINUTES: translate(
            "PositionError", "%1: minutes followed by seconds must be a whole number"
        ),
        Why.SIGN_AND_LETTER: translate(
            "PositionError", "%1: give a minus sign or a hemisphere letter, not both"
        ),
        Why.BOTH_LATITUDES: translate(
            "PositionError", "both values are latitudes (N/S); give one latitude and one longitude"
        ),
        Why.BOTH_LONGITUDES: translate(
            "PositionError", "both values are longitudes (E/W); give one latitude and one longitude"
        ),
    }


def position_error_text(error: geo.PositionError) -> str:
    """The error's sentence in the current language (English for a template not listed)."""
    values = tuple(
        position_error_text(value) if isinstance(value, geo.PositionError) else value
        for value in error.values
    )
    return geo.fill(_texts().get(error.why, error.why), values)


def templates() -> set[str]:
    """The templates this module translates (for the test against geo.Why)."""
    return set(_texts())
