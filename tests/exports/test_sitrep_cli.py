"""`fieldapp sitrep` from the command line: the PDF in English or French with the
coordinator's text, the one-radiogram version printed or written, EXERCISE for an
exercise, and bad input refused in words with nothing written."""

from __future__ import annotations

import pytest
import sitrep_kit  # noqa: F401 - Qt offscreen, set up before the application
from PySide6 import QtPdf

from fieldapp.exports.sitrep_short import MAX_WORDS
from fieldapp.store import Store


@pytest.fixture
def data(tmp_path):
    folder = tmp_path / "data"
    with Store(folder, user="alice") as store:
        op = store.operations.create("Crue éclair", exercise=True)
        for n in range(12):
            store.reports.add(
                op["id"],
                {
                    "title": f"Report {n}",
                    "kind": "request_for_help" if n % 2 else "damage",
                    "verification": "confirmed",
                    "place": "Anduze",
                    "lat": 44.05 + n / 1000,
                    "lon": 3.98,
                },
            )
    return folder


@pytest.fixture
def run(data, cli):
    return cli(data, "sitrep")


def pdf_text(path) -> str:
    document = QtPdf.QPdfDocument()
    assert document.load(str(path)) == QtPdf.QPdfDocument.Error.None_
    text = " ".join(document.getAllText(p).text() for p in range(document.pageCount()))
    document.close()
    return " ".join(text.split())


def test_the_pdf_with_the_coordinators_words(run, tmp_path):
    out = tmp_path / "sitrep.pdf"
    code, said, err = run(
        "--lang", "fr", "--highlights", "Digue rompue à Anduze", "--next", "2026-11-28T18:00Z",
        "-o", str(out),
    )  # fmt: skip
    assert code == 0, err
    assert "situation report of Crue éclair [EXERCISE] written to" in said
    text = pdf_text(out)
    assert "Digue rompue à Anduze" in text and "Demande d’aide" in text
    assert "EXERCICE" in text and "EXERCISE" not in text  # the band, in French
    assert "2026-11-28 18:00 UTC" in text
    assert not out.with_name("sitrep.pdf.part").exists()


def test_the_short_version_printed_or_written(run, tmp_path):
    code, said, err = run("--short", "--next", "1800Z")
    assert code == 0, err
    words = said.split()
    assert words[0] == "SITREP" and words[2] == "EXERCISE" and len(words) <= MAX_WORDS
    assert "12 REPORTS 6 HELP OPEN" in said and said.rstrip().endswith("NEXT 1800Z")
    out = tmp_path / "sitrep.txt"
    code, said, err = run("--short", "--lang", "fr", "-o", str(out))
    assert code == 0, err
    assert out.read_text().startswith("SITREP ") and "EXERCICE 12 RAPPORTS" in out.read_text()


def test_bad_input_is_refused_and_nothing_written(run, tmp_path):
    out = tmp_path / "sitrep.pdf"
    code, _, err = run("--next", "25h", "-o", str(out))
    assert code != 0 and "'25h' is not a time like 1800Z" in err
    code, _, err = run("--highlights", "x" * 5000, "-o", str(out))
    assert code != 0 and "highlights are 5000 characters long" in err
    code, _, err = run()
    assert code != 0 and "-o FILE" in err
    code, _, err = run("--operation", "nope", "-o", str(out))
    assert code != 0 and "no operation with id or name 'nope'" in err
    assert not out.exists()
