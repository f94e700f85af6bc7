"""The situation report as a PDF: OCHA's parts in order with the figures, EXERCISE on every
page of an exercise's sitrep (and nowhere in a real one's), the coordinator's text shown
as text, French or English by argument whatever the window's language, and the map
snapshot painted from the data folder's tiles with the markers over them, or a plain
frame when there are none."""

from __future__ import annotations

import base64

import pytest
from PySide6 import QtPdf
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor
from sitrep_kit import TILE_COLOUR, coloured_tiles

from fieldapp.exports import sitrep
from fieldapp.ui.exports.sitrep_map import (
    FRAME_COLOUR,
    SEVERITY_COLOURS,
    paint_snapshot,
    png_data_uri,
)
from fieldapp.ui.exports.sitrep_pdf import map_of, sitrep_build, sitrep_pdf
from fieldapp.ui.kit.pdf import pdf_application

HIGHLIGHTS = "Water rising <b>fast</b> & roads cut\nin the south"


@pytest.fixture(autouse=True)
def app():
    return pdf_application()


def read_pdf(path) -> list[str]:
    """The text of each page, as a reader of the file would find it."""
    document = QtPdf.QPdfDocument()
    assert document.load(str(path)) == QtPdf.QPdfDocument.Error.None_
    pages = [document.getAllText(page).text() for page in range(document.pageCount())]
    document.close()
    return [" ".join(page.split()) for page in pages]


def fill(store, op: str, count: int = 40) -> None:
    for n in range(count):
        store.reports.add(
            op,
            {
                "title": f"Report {n} <i>near</i> the river",
                "kind": ("request_for_help", "damage", "hazard")[n % 3],
                "severity": 1 + n % 5,
                "place": ("Alès", "Anduze", "")[n % 3],
                "verification": "confirmed" if n % 2 else "unverified",
                "lat": 44.0 + n * 0.003,
                "lon": 4.0 + n * 0.004,
            },
        )


def write(store, op: str, path, lang: str = "en") -> list[str]:
    report = sitrep.build(
        store, op, highlights=HIGHLIGHTS, overview="Two shelters open.",
        next_report="2026-11-28T18:00:00.000Z",
    )  # fmt: skip
    sitrep_pdf(report, map_of(store, report), path, lang=lang)
    return read_pdf(path)


def test_an_exercise_sitrep_says_exercise_on_every_page(store, tmp_path):
    op = store.operations.create("Crue éclair", exercise=True)["id"]
    fill(store, op)
    pages = write(store, op, tmp_path / "sitrep.pdf")
    assert len(pages) >= 2
    for page in pages:  # the bands above and below, painted after the page's content
        assert page.endswith(" ".join(["EXERCISE"] * 6))
    text = " ".join(pages)
    parts = [
        "Situation report",
        "Highlights",
        "Situation overview",
        "Key figures",
        "Map",
        "Situation by area",
        "Needs and response",
        "Rumours debunked",
        "Most important verified reports",
        "Next report",
    ]
    position = 0
    for part in parts:  # in this order (ValueError: missing or out of order)
        position = text.index(part, position)
    assert "Water rising <b>fast</b> & roads cut in the south" in text  # as typed, not markup
    assert "Reports 40" in text and "Requests for help open 14" in text
    assert "Report 39 <i>near</i> the river" in text
    assert "Next report 2026-11-28 18:00 UTC" in text


def test_a_real_operations_sitrep_has_no_exercise_band(store, operation, tmp_path):
    fill(store, operation["id"], 5)
    text = " ".join(write(store, operation["id"], tmp_path / "real.pdf"))
    assert "EXERCISE" not in text and "Situation report" in text


def test_french_by_argument_while_the_window_stays_in_english(store, operation, tmp_path):
    fill(store, operation["id"], 6)
    french = " ".join(write(store, operation["id"], tmp_path / "fr.pdf", lang="fr"))
    english = " ".join(write(store, operation["id"], tmp_path / "en.pdf", lang="en"))
    assert "Demande d’aide" in french and "Request for help" not in french
    assert "Request for help" in english
    assert QCoreApplication.translate("Kind", "Request for help") == "Request for help"


def test_an_unknown_language_is_refused(store, operation, tmp_path):
    build = sitrep_build(operation["id"], "de")
    with pytest.raises(ValueError, match="'de' is not a language of FieldApp"):
        build(store)


def test_the_map_paints_the_tiles_and_the_markers_over_them(store, operation):
    fill(store, operation["id"])
    report = sitrep.build(store, operation["id"])
    coloured_tiles(store.data_dir, report.bbox, range(9, 13))
    shot = map_of(store, report)
    assert shot.tile_set == "Area" and shot.tiles
    image = paint_snapshot(shot)
    assert image.pixelColor(30, 30) == QColor(*TILE_COLOUR)  # a tile, far from any marker
    first = shot.pins[0]  # the most severe verified report, number 1
    colour = image.pixelColor(int(first.x) - 6, int(first.y))
    assert colour == QColor(SEVERITY_COLOURS[first.severity])
    uri = png_data_uri(image)  # as the PDF's HTML holds it
    assert base64.b64decode(uri.removeprefix("data:image/png;base64,"))[:4] == b"\x89PNG"


def test_without_tiles_a_plain_frame_with_the_markers(store, operation):
    fill(store, operation["id"])
    report = sitrep.build(store, operation["id"])
    shot = map_of(store, report)
    assert shot.tiles == []  # the world basemap would be enlarged too much at this zoom
    image = paint_snapshot(shot)
    assert image.pixelColor(30, 30) == QColor(FRAME_COLOUR)
    first = shot.pins[0]
    colour = image.pixelColor(int(first.x) - 6, int(first.y))
    assert colour == QColor(SEVERITY_COLOURS[first.severity])
