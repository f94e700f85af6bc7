"""Radio forms printed through Qt: real PDF files, EXERCISE on every page of an exercise."""

from __future__ import annotations

import pytest
from PySide6 import QtPdf  # PySide6 (with its add-ons) is a dependency: never skipped

from fieldapp.radio import forms
from fieldapp.ui.radio import printing as radio_print


def read_pdf(path) -> list[str]:
    """The text of each page, as a reader of the file would find it."""
    document = QtPdf.QPdfDocument()
    assert document.load(str(path)) == QtPdf.QPdfDocument.Error.None_
    pages = [document.getAllText(page).text() for page in range(document.pageCount())]
    document.close()
    return pages


@pytest.fixture
def exercise(store):
    return store.operations.create("Exercice Rhône", exercise=True)


def radiogram(store, operation, **values) -> dict:
    fields = {
        "text": "NEED 40 COTS AT SCHOOL X",
        "number": "12",
        "precedence": "P",
        "received_from": "F1PCT",
        "check_received": "6",
        "place_of_origin": "ALES",
        "to_name": "MAIRIE DE NIMES",
        "signature": "PREFECTURE",
        **values,
    }
    return store.radio.add(operation["id"], fields, station="F4ABC")


def test_a_radiogram_prints_as_its_form(qapp, store, operation, tmp_path):
    message = radiogram(store, operation)
    path = tmp_path / "radiogram.pdf"
    assert radio_print.message_pdf(message, path, exercise=False) == 1
    (page,) = read_pdf(path)
    for expected in ("RADIOGRAM", "PLACE OF ORIGIN", "ALES", "COTS", "PREFECTURE", "F1PCT"):
        assert expected in page
    assert "THE AMERICAN RADIO RELAY LEAGUE" in page  # the NTS form, in English
    assert "EXERCISE" not in page


def test_every_page_of_an_exercise_says_exercise(qapp, store, exercise, tmp_path):
    items = [
        (
            {
                "text": f"MESSAGE {i} SHELTER FULL NEED WATER",
                "received_from": "F1PCT",
                "number": str(i),
            },
            {},
        )
        for i in range(120)
    ]
    store.radio.add_many(exercise["id"], items)
    messages = store.radio.list(exercise["id"])
    log = forms.build_ics309(
        exercise, messages, period=("2000-01-01", "2100-01-01"), station="F4ABC"
    )
    path = tmp_path / "ics309.pdf"
    pages = radio_print.ics309_pdf(log, path)
    texts = read_pdf(path)
    assert pages == len(texts) > 1
    assert all("EXERCISE" in text for text in texts)
    assert "COMMUNICATIONS LOG" in texts[0] and "MESSAGE 119" in texts[-1]


def test_an_ics213_and_the_activity_log_print(qapp, store, exercise, tmp_path):
    message = store.radio.add(
        exercise["id"],
        {"kind": "ics213", "subject": "Water", "text": "Send water", "incident": "Rhône"},
    )
    path = tmp_path / "ics213.pdf"
    radio_print.message_pdf(message, path, exercise=True)
    (page,) = read_pdf(path)
    assert "GENERAL MESSAGE" in page and "Send water" in page and "EXERCISE" in page
    relayed = radiogram(store, exercise)
    store.radio.relay(relayed["id"], to_station="F5XYZ", net="GARD NET", station="F4ABC")
    rows = forms.build_ics214(store.radio.list(exercise["id"]), "F4ABC")
    body = radio_print.ics214_html("Rhône", ("2000-01-01", "2100-01-01"), "F4ABC", rows)
    path = tmp_path / "ics214.pdf"
    radio_print.write_pdf(body, path, title="ICS 214", exercise=True)
    (page,) = read_pdf(path)
    assert "ACTIVITY LOG" in page and "passed by F4ABC to F5XYZ on GARD NET" in page


def test_the_command_line_writes_the_ics309_pdf(qapp, cli, tmp_path):
    data = tmp_path / "data"
    cli(data, "operation", "create")("Exercice Rhône", "--exercise")
    run = cli(data, "radio")
    run("add", "--text", "EAU POTABLE", "--received-from", "F1PCT", "--number", "7")
    out = tmp_path / "log.pdf"
    code, _, err = run(
        "log", "--from", "2000-01-01", "--to", "2100-01-01", "--format", "pdf", "-o", str(out)
    )
    assert code == 0 and "1 pages" in err
    (page,) = read_pdf(out)
    assert "EXERCISE" in page and "F1PCT #7" in page
    code, _, err = run("log", "--from", "2000-01-01", "--to", "2100-01-01", "--format", "pdf")
    assert code != 0 and "-o" in err


@pytest.fixture
def french(qapp):
    from fieldapp.ui.kit.i18n import LanguageManager

    manager = LanguageManager(qapp)
    manager.apply("fr")
    yield manager
    manager.apply("en")


def test_forms_print_in_the_language_of_the_ui(french, store, exercise, tmp_path):
    message = radiogram(store, exercise, delivered_to="MAIRIE")
    path = tmp_path / "radiogramme.pdf"
    radio_print.message_pdf(message, path, exercise=True)
    (page,) = read_pdf(path)
    for heading in ("RADIOGRAMME", "DESTINATAIRE", "REMIS À", "LIEU D’ORIGINE", "EXERCICE"):
        assert heading in page
    assert "DELIVERED TO" not in page and "EXERCISE" not in page
    assert "AMERICAN RADIO RELAY LEAGUE" not in page  # a French operator's form: no ARRL
    ics213 = store.radio.add(exercise["id"], {"kind": "ics213", "text": "Envoyez de l’eau"})
    radio_print.message_pdf(ics213, path, exercise=False)
    (page,) = read_pdf(path)
    assert "MESSAGE GÉNÉRAL (ICS 213)" in page  # the form's name stays as operators know it
    log = forms.build_ics309(exercise, [message], period=("2000-01-01", "2100-01-01"))
    radio_print.ics309_pdf(log, path)
    assert "JOURNAL DES COMMUNICATIONS (ICS 309)" in read_pdf(path)[0]
    body = radio_print.ics214_html("Rhône", ("2000-01-01", "2100-01-01"), "F4ABC", [])
    radio_print.write_pdf(body, path, title="ICS 214")
    assert "JOURNAL D’ACTIVITÉ (ICS 214)" in read_pdf(path)[0]


@pytest.fixture
def desk(make_radio_desk, exercise):
    return make_radio_desk(exercise)


def test_a_long_log_is_written_in_a_worker_with_progress(qtbot, store, exercise, desk, tmp_path):
    import threading

    items = [({"text": f"MESSAGE {i} SHELTER FULL", "number": str(i)}, {}) for i in range(400)]
    store.radio.add_many(exercise["id"], items)
    from fieldapp.ui.kit import pdf as pdf_pages

    calls = []
    original = pdf_pages.write_pdf

    def spy(*args, progress, **kwargs):
        def seen(done, pages):
            calls.append((threading.current_thread() is threading.main_thread(), done, pages))
            return progress(done, pages)

        return original(*args, progress=seen, **kwargs)

    path = tmp_path / "ics309.pdf"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pdf_pages, "write_pdf", spy)
        desk.actions_.print_ics309(path, ("2000-01-01", "2100-01-01"), "GARD NET", "Jean")
        assert desk.actions_.jobs  # the call returned at once; the job runs
        qtbot.waitUntil(lambda: not desk.actions_.jobs, timeout=60_000)
    pages = len(read_pdf(path))
    assert pages > 3 and f"({pages} pages)" in desk.statusBar().currentMessage()
    assert not any(on_gui for on_gui, _, _ in calls)
    assert [done for _, done, _ in calls] == list(range(pages + 1))


def test_a_pdf_being_written_can_be_cancelled(qtbot, store, exercise, tmp_path, tasks):
    from fieldapp.ui.kit.file_jobs import PdfJob
    from fieldapp.ui.radio import pdf_job as radio_pdf_job

    build = radio_pdf_job.ics309_build(exercise, ("2000-01-01", "2100-01-01"), "F4ABC", "", "")
    job = PdfJob(store.data_dir, build, tmp_path / "log.pdf")
    job.cancel()
    with qtbot.waitSignal(job.cancelled):
        job.start(tasks)
    assert job.finished() and not (tmp_path / "log.pdf").exists()
