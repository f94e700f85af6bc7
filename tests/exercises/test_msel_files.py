"""Reading MSEL spreadsheets as trainers keep them (CSV and XLSX), and refusing the bad
ones with one line naming the file, the row and the column (tests/exercises/data)."""

from __future__ import annotations

import pytest

from fieldapp.exercises.msel import MselError, read_csv, read_xlsx


def test_an_hseep_csv_in_english_with_details_translations_and_hseep_words(data):
    scenario = read_csv(data("hseep_english.csv"), source="hseep_english.csv")
    assert scenario.title == "Tabletop: river flood at Riverton"
    assert scenario.language == "en"
    assert scenario.description == "A short HSEEP-style MSEL kept in a spreadsheet."
    assert [(i.number, i.at_s, i.channel) for i in scenario.injects] == [
        ("1", 0, "social"),
        ("3", 900, "email"),  # "15 min"
        ("2", 930, "alert"),  # "0:15:30", "CAP alert"
        ("12a", 3900, "phone"),  # "+1:05", "Phone call"
    ]
    first, formula, alert, call = scenario.injects
    assert first.sender == "@riverton_news" and first.recipient == "Monitoring cell"
    assert first.content == "Water over the road at Mill Street, cars stuck"
    assert first.expected_action == "Triage the post; verify"
    assert first.controller_note == "Rumour is true" and first.controller == "C. Dupont"
    assert first.details == {"handle": "@riverton_news"}
    assert first.translations == {"fr": "De l'eau sur la route, rue du Moulin"}
    assert alert.details == {"severity": "Severe"} and alert.follows == "1"
    assert call.details == {"lat": "45.1234", "lon": "4.567"}  # the decimal comma read
    assert call.follows == "2"
    assert formula.content == "=Situation report requested by 10:00"  # text, not a formula
    assert formula.controller_note == 'Player sees "=Situation" as text'


def test_a_french_excel_csv_in_cp1252_with_semicolons(data):
    scenario = read_csv(data("french_excel.csv"), source="french_excel.csv")
    assert (scenario.title, scenario.language) == ("", "")
    first, mail, call = scenario.injects
    assert (first.channel, first.content) == ("social", "Le Vidourle déborde à Sommières !")
    assert first.recipient == "Cellule veille" and first.controller == "Élodie"
    assert first.translations == {"en": "The Vidourle is overflowing at Sommières!"}
    assert (mail.channel, mail.sender, mail.follows) == ("email", "Préfecture du Gard", "1")
    assert call.content == "Ma cave est inondée; que faire ?" and call.channel == "phone"
    assert call.controller_note == "" and call.at_s == 1500


def test_only_the_required_columns(data):
    scenario = read_csv(data("minimal.csv"), source="minimal.csv")
    assert [(i.number, i.at_s, i.channel, i.content) for i in scenario.injects] == [
        ("1", 300, "sms", "Water rising"),
        ("2", 600, "radio", "All stations"),
    ]
    assert scenario.injects[0].sender == "" and scenario.injects[0].details == {}


def test_an_xlsx_as_typed_in_excel(data):
    scenario = read_xlsx(data("excel_like.xlsx"), source="excel_like.xlsx")
    assert scenario.title == "Crue du Gardon" and scenario.language == "en"
    assert scenario.description == "Typed by hand in a spreadsheet"
    assert [(i.number, i.at_s, i.channel) for i in scenario.injects] == [
        ("1", 900, "radio"),  # a time cell, hh:mm
        ("3", 1800, "alert"),
        ("2", 26 * 3600 + 300, "email"),  # a duration cell, [h]:mm
    ]
    bridge, red, formula = scenario.injects
    assert formula.content == "=1+1" and formula.follows == "1"  # read as text
    assert bridge.translations == {"fr": "Pont fermé"} and red.details == {"severity": "Extreme"}


BAD_FILES = [
    (
        "missing_column.csv",
        1,
        "Scheduled Time",
        "missing_column.csv: row 1, column 'Scheduled Time': missing column 'Scheduled Time' "
        "(or 'Heure prévue'); the columns are: 'N°', 'Canal', 'De', 'Contenu'",
    ),
    (
        "bad_time.csv",
        3,
        "Heure prévue",
        "bad_time.csv: row 3, column 'Heure prévue': 'dix heures' is not a time on the "
        "exercise clock (e.g. T+00:15, 0:15:30, +1:05 or 15 min)",
    ),
    (
        "unknown_channel.csv",
        3,
        "Canal",
        "unknown_channel.csv: row 3, column 'Canal': 'Pigeon voyageur' is not a channel: one of "
        "social, alert, radio, phone, sms, email, other",
    ),
    (
        "follows_missing.csv",
        4,
        "Suite de",
        "follows_missing.csv: row 4, column 'Suite de': follows inject 7, which is not in the "
        "scenario",
    ),
    (
        "duplicate_number.csv",
        4,
        "N°",
        "duplicate_number.csv: row 4, column 'N°': inject 2 is already in row 3",
    ),
    (
        "formula_time.xlsx",
        3,
        "Heure prévue",
        "formula_time.xlsx: row 3, column 'Heure prévue': '=B2+1' is not a time on the "
        "exercise clock (e.g. T+00:15, 0:15:30, +1:05 or 15 min)",
    ),
]


@pytest.mark.parametrize(("name", "row", "column", "message"), BAD_FILES)
def test_a_bad_file_is_refused_naming_row_and_column(data, name, row, column, message):
    read = read_xlsx if name.endswith(".xlsx") else read_csv
    with pytest.raises(MselError) as error:
        read(data(name), source=name)
    assert (error.value.row, error.value.column) == (row, column)
    assert str(error.value) == message
    assert "\n" not in str(error.value)


def test_rows_are_counted_after_the_hash_lines_as_a_spreadsheet_shows_them():
    data = (
        "# title: Crue\n# language: fr\n"
        "N°;Heure prévue;Canal;Contenu\n"
        '1;T+00:10;SMS;"Eau\ndans la rue"\n'  # one row over two lines
        "\n"
        "2;T+00:20;Fax ou pigeon;Pont fermé\n"
    ).encode()
    with pytest.raises(MselError) as error:
        read_csv(data, source="crue.csv")
    assert (error.value.row, error.value.column) == (6, "Canal")


@pytest.mark.parametrize(
    ("rows", "row", "column", "problem"),
    [
        (["1;T+00:10;SMS;Eau;1"], 2, "Suite de", "follows itself"),
        (
            ["1;T+00:10;SMS;Eau;2", "2;T+00:20;SMS;Pont;"],
            2,
            "Suite de",
            "follows inject 2, which comes later (T+00:20 after T+00:10)",
        ),
        (
            ["1;T+00:10;SMS;Eau;2", "2;T+00:10;SMS;Pont;1"],
            2,
            "Suite de",
            "inject 1 follows a chain that comes back to itself",
        ),
        (["1;;SMS;Eau;"], 2, "Heure prévue", "the scheduled time is empty (e.g. T+00:15)"),
        ([";T+00:10;SMS;Eau;"], 2, "N°", "the inject has no number"),
        (["1;T+00:10;SMS;;"], 2, "Contenu", "the inject has no message"),
        (["1;T-00:10;SMS;Eau;"], 2, "Heure prévue", "'T-00:10' is before T+0"),
    ],
)
def test_other_bad_rows_are_named(rows, row, column, problem):
    data = "\n".join(["N°;Heure prévue;Canal;Contenu;Suite de", *rows]).encode()
    with pytest.raises(MselError) as error:
        read_csv(data, source="s.csv")
    assert (error.value.row, error.value.column, error.value.problem) == (row, column, problem)


def test_a_bad_coordinate_and_doubled_columns_are_named():
    data = b"Inject #,Scheduled Time,Inject Mode,Message,detail:lat\n1,0:10,sms,x,91\n"
    with pytest.raises(MselError) as error:
        read_csv(data, source="s.csv")
    assert str(error.value) == (
        "s.csv: row 2, column 'detail:lat': '91' is not a lat in degrees (-90 to 90)"
    )
    data = b"Inject #,Scheduled Time,Inject Mode,Message,Contenu\n1,0:10,sms,x,y\n"
    with pytest.raises(MselError) as error:
        read_csv(data, source="s.csv")
    assert str(error.value) == (
        "s.csv: row 1, column 'Contenu': this column means the same as 'Message': keep one"
    )


def test_a_header_only_file_and_a_bad_language_are_refused():
    with pytest.raises(MselError, match=r"^h\.csv: the scenario has no injects"):
        read_csv(b"Inject #,Scheduled Time,Inject Mode,Message\n", source="h.csv")
    data = b"# language: French!\nInject #,Scheduled Time,Inject Mode,Message\n1,0:10,sms,x\n"
    with pytest.raises(MselError) as error:
        read_csv(data, source="l.csv")
    assert (error.value.row, error.value.column) == (1, "language")
    assert "'french!' is not a language tag" in str(error.value)
