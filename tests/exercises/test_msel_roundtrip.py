"""Writing a scenario and reading it back gives the same scenario, in CSV and XLSX; what
is written opens in a spreadsheet as text (accents, no formulas)."""

from __future__ import annotations

import csv
import io

import openpyxl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fieldapp.exercises.msel import (
    CHANNELS,
    Inject,
    Scenario,
    read_csv,
    read_xlsx,
    write_csv,
    write_xlsx,
)

TRICKY = Scenario(
    title="Crue éclair, Gard; « exercice »",
    language="fr",
    description='Ligne 1\nLigne 2, avec "guillemets"',
    injects=(
        Inject(
            number="1",
            at_s=0,
            channel="social",
            sender="@gard_info",
            recipient="Cellule veille",
            content='=HYPERLINK("http://example.org") l\'eau monte; 😱',
            expected_action="+ trier",
            controller_note="-1 point si ignoré",
            controller="Élodie",
            details={"handle": "@gard_info", "lat": "43.83", "lon": "4.36"},
            translations={"en": "@everyone the water is rising", "es": "'=sube"},
        ),
        Inject(
            number="2",
            at_s=930,
            channel="radio",
            content="Message radio\nsur deux lignes",
            follows="1",
            details={"precedence": "PRIORITY", "station": "F1ABC"},
        ),
        Inject(number="12a", at_s=930, channel="other", content="'déjà une apostrophe"),
    ),
)


def test_csv_round_trip_of_awkward_texts():
    assert read_csv(write_csv(TRICKY), source="t.csv") == TRICKY


def test_xlsx_round_trip_of_awkward_texts():
    assert read_xlsx(write_xlsx(TRICKY), source="t.xlsx") == TRICKY


def test_the_csv_opens_in_a_spreadsheet_with_accents_and_no_formula():
    data = write_csv(TRICKY)
    assert data.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs to read UTF-8
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert rows[0] == ["# title: Crue éclair, Gard; « exercice »"]
    header = rows[3]
    assert header[:6] == ["Inject #", "Scheduled Time", "Inject Mode", "From", "To", "Message"]
    first = dict(zip(header, rows[4], strict=True))
    assert first["Scheduled Time"] == "T+00:00"
    assert first["Message"].startswith("'=HYPERLINK")  # shown as text, never run
    assert first["Expected Player Action"] == "'+ trier"
    assert (
        first["detail:lat"] == "43.83" and first["Message (en)"] == "'@everyone the water is rising"
    )


def test_the_xlsx_holds_texts_not_formulas():
    book = openpyxl.load_workbook(io.BytesIO(write_xlsx(TRICKY)))
    assert book.sheetnames == ["MSEL", "Scenario"]
    message = book["MSEL"]["F2"]
    assert message.data_type == "s" and message.value.startswith("=HYPERLINK")
    assert [[c.value for c in row] for row in book["Scenario"].iter_rows()] == [
        ["Title", TRICKY.title],
        ["Language", "fr"],
        ["Description", TRICKY.description],
    ]


_TEXT = st.text(
    st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufffe\uffff")
    | st.sampled_from("\n=+-@'\";,#"),
    max_size=30,
).map(str.strip)
# Detail keys as the readers make them (lower case, single "_"); lat and lon are numbers.
_KEY = st.from_regex(r"[a-z][a-z0-9]{0,4}(_[a-z0-9]{1,4})?", fullmatch=True).filter(
    lambda key: key not in ("lat", "lon")
)


@st.composite
def scenarios(draw) -> Scenario:
    numbers = draw(st.lists(_TEXT.filter(bool), min_size=1, max_size=6, unique=True))
    injects = []
    for index, number in enumerate(numbers):
        follows = draw(st.sampled_from(["", *numbers[:index]]))
        injects.append(
            Inject(
                number=number,
                at_s=draw(st.integers(0, 10 * 3600)) if not follows else 10 * 3600 + index,
                channel=draw(st.sampled_from(CHANNELS)),
                sender=draw(_TEXT),
                recipient=draw(_TEXT),
                content=draw(_TEXT.filter(bool)),
                expected_action=draw(_TEXT),
                controller_note=draw(_TEXT),
                controller=draw(_TEXT),
                follows=follows,
                details=draw(st.dictionaries(_KEY, _TEXT.filter(bool), max_size=3)),
                translations=draw(
                    st.dictionaries(st.sampled_from(["en", "es", "de"]), _TEXT.filter(bool))
                ),
            )
        )
    return Scenario(
        title=draw(_TEXT),
        language=draw(st.sampled_from(["", "fr", "en", "pt-br"])),
        description=draw(_TEXT),
        injects=tuple(injects),
    )


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenarios())
def test_any_scenario_round_trips_through_csv_and_xlsx(scenario):
    from_csv = read_csv(write_csv(scenario), source="p.csv")
    from_xlsx = read_xlsx(write_xlsx(scenario), source="p.xlsx")
    assert from_csv == from_xlsx
    assert sorted(from_csv.injects, key=lambda i: i.number) == sorted(
        scenario.injects, key=lambda i: i.number
    )
    assert (from_csv.title, from_csv.language, from_csv.description) == (
        scenario.title,
        scenario.language,
        scenario.description,
    )
    assert [i.at_s for i in from_csv.injects] == sorted(i.at_s for i in scenario.injects)


def test_an_inject_number_with_a_superscript_digit_sorts_as_text():
    from fieldapp.exercises.mseltable import number_key

    assert number_key("12¹") == ((0, 12), (1, "¹"))
    assert number_key("¹") == ((1, "¹"),)
