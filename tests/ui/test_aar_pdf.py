"""The after-action report as a PDF: EXERCISE on every page, the timeline, the trainer's
sections and the comparison of two runs in it, users' text shown as text, French when the
app is in French, a cancel leaves no file, and the command line writes it."""

from __future__ import annotations

import time

import pytest
from PySide6 import QtPdf

from fieldapp.exercises.aar import AfterAction, ComparedInject, Comparison, Entry, Line
from fieldapp.exercises.release import release
from fieldapp.exercises.response import Response
from fieldapp.store import Store
from fieldapp.ui.exercises.aar_pdf import aar_pdf
from fieldapp.ui.kit.pdf import PrintCancelled

CHANNELS = ("social", "alert", "radio", "phone", "sms")


def read_pdf(path) -> list[str]:
    """The text of each page, as a reader of the file would find it."""
    document = QtPdf.QPdfDocument()
    assert document.load(str(path)) == QtPdf.QPdfDocument.Error.None_
    pages = [document.getAllText(page).text() for page in range(document.pageCount())]
    document.close()
    return [" ".join(page.split()) for page in pages]  # a table cell's text may wrap


def _inject(n: int) -> dict:
    released = f"2026-11-28T{10 + n // 20:02d}:{n * 3 % 60:02d}:00.000Z"
    return {
        "id": f"inject-{n}",
        "number": str(n),
        "at_s": n * 240,
        "channel": CHANNELS[n % 5],
        "status": "skipped" if n == 7 else "released",
        "released_at": None if n == 7 else released,
        "expected_action": f"Trier l'inject {n} et prévenir le coordinateur",
        "content": f"Message {n}",
    }


def _line(n: int) -> Line:
    inject = _inject(n)
    if inject["status"] != "released":
        return Line(inject, None, ())  # type: ignore[arg-type]
    answered = inject["released_at"].replace(":00.000Z", ":45.000Z") if n % 3 else None
    what = "item status: rumour" if answered else ""
    seen = inject["released_at"].replace(":00.000Z", ":20.000Z") if n % 4 == 0 else None
    response = Response(
        str(n), inject["channel"], inject["released_at"], answered, what, seen, "paul"
    )
    notes = ()
    if n == 12:
        notes = (
            {
                "id": "note-12",
                "inject_id": inject["id"],
                "player": "paul",
                "at": inject["released_at"],
                "exercise_s": n * 240 + 30,
                "text": "Relais <b>lent</b> & confus",
                "author": "observatrice",
            },
        )
    return Line(inject, response, notes)  # type: ignore[arg-type]


def long_report(with_comparison: bool = True) -> AfterAction:
    """45 injects over three hours, the trainer's sections, run 2 against run 1."""
    comparison = Comparison(
        1,
        2,
        tuple(ComparedInject(str(n), "radio", 300.0, 180.0) for n in range(1, 46)),
        {"radio": (400.0, 95.0), "sms": (None, 30.0)},
    )
    return AfterAction(
        "EXERCISE — Crue éclair dans le Gard",
        [_line(n) for n in range(1, 46)],
        {"radio": {"released": 9, "answered": 6, "median_s": 95.0, "slowest_s": 610.0}},
        [],
        run=2,
        entries=[
            Entry("strength", "Tri des publications rapide", "Communications"),
            Entry("improvement", "Relais radio trop lent vers la mairie"),
            Entry(
                "action", "Former deux opérateurs au relais", "Communications", "Jean", "2027-01-15"
            ),
        ],
        comparison=comparison if with_comparison else None,
    )


def test_every_page_says_exercise_and_the_report_has_each_part(qapp, tmp_path):
    path = tmp_path / "aar.pdf"
    pages = aar_pdf(long_report(), path)
    texts = read_pdf(path)
    assert pages == len(texts) >= 3
    assert all(text.count("EXERCISE") >= 2 for text in texts)  # the header and footer bands
    whole = "\n".join(texts)
    for part in (
        "After-action report and improvement plan",
        "Crue éclair dans le Gard",
        "Executive summary",
        "Response per channel",
        "Timeline",
        "Observers' notes",
        "Trier l'inject 44 et prévenir le coordinateur",  # expected action
        "Post, status: rumour",  # observed, in words
        "No answer",
        "Skipped",
    ):
        assert part in whole, part
    assert "1 min 35 s" in whole and "10 min 10 s" in whole  # median and slowest, radio
    assert "Seen after" in whole and "Injects seen by a player 11" in whole
    assert " 20 s " in whole  # injects 4, 8... were opened 20 s after their release


def test_the_trainers_sections_and_the_comparison_are_in_it(qapp, tmp_path):
    path = tmp_path / "aar.pdf"
    aar_pdf(long_report(), path)
    whole = "\n".join(read_pdf(path))
    assert "Strengths" in whole and "Tri des publications rapide" in whole
    assert "Areas for improvement" in whole and "Relais radio trop lent vers la mairie" in whole
    plan = whole[whole.index("Improvement plan") :]
    for value in ("Former deux opérateurs au relais", "Jean", "2027-01-15"):
        assert value in plan
    compared = whole[whole.index("Run 2 compared with run 1") :]
    assert "6 min 40 s" in compared and "1 min 35 s" in compared  # radio medians
    assert "−5 min 05 s" in compared  # faster by that much
    assert "−2 min 00 s" in compared  # each inject, 300 s then 180 s
    aar_pdf(long_report(with_comparison=False), path)
    assert "compared with" not in "\n".join(read_pdf(path))


def test_text_the_users_wrote_shows_as_text(qapp, tmp_path):
    report = long_report()
    report.entries.append(Entry("strength", "<i>italique</i> <table>"))
    path = tmp_path / "aar.pdf"
    aar_pdf(report, path)
    whole = "\n".join(read_pdf(path))
    assert "Relais <b>lent</b> & confus" in whole  # an observer's note
    assert "<i>italique</i> <table>" in whole


@pytest.fixture
def french(qapp):
    from fieldapp.ui.kit.i18n import LanguageManager

    manager = LanguageManager(qapp)
    manager.apply("fr")
    yield manager
    manager.apply("en")


def test_the_report_is_in_french_when_the_app_is(french, tmp_path):
    path = tmp_path / "rapport.pdf"
    aar_pdf(long_report(), path)
    texts = read_pdf(path)
    assert all("EXERCICE" in text and "EXERCISE" not in text for text in texts)
    whole = "\n".join(texts)
    for label in (
        "Rapport après action et plan d’amélioration",
        "Synthèse",
        "Chronologie",
        "Points forts",
        "Axes d’amélioration",
        "Plan d’amélioration",
        "Message radio",  # the channel, in the desk's words
        "Passage 2 comparé au passage 1",
    ):
        assert label in whole, label


def test_a_cancel_between_pages_leaves_no_file(qapp, tmp_path):
    path = tmp_path / "aar.pdf"
    seen = []

    def progress(done: int, pages: int) -> bool:
        seen.append(done)
        return done < 2

    with pytest.raises(PrintCancelled):
        aar_pdf(long_report(), path, progress=progress)
    assert seen == [0, 1, 2] and not path.exists()


def _played_exercise(store) -> str:
    """An exercise with two injects released, one answered by a player, and a note."""
    drill = store.operations.create("Crue éclair", exercise=True)["id"]
    injects = [
        {"number": "1", "at_s": 0, "channel": "social", "content": "Le Gardon déborde"},
        {"number": "2", "at_s": 600, "channel": "sms", "content": "Plus d'eau à Lézan"},
    ]
    first, second = store.injects.add_many(drill, injects)
    (post,) = release(store, first)
    release(store, second)
    time.sleep(0.02)
    with Store(store.data_dir, user="paul") as player:
        player.items.set_status([post["id"]], "rumour")
    store.notes.add(drill, "Bonne réaction <b>immédiate</b>", inject_id=first, player="paul")
    return drill


def test_the_command_line_writes_the_report_as_pdf(qapp, cli, store, tmp_path):
    _played_exercise(store)
    run = cli(store.data_dir, "exercise", "report")
    out = tmp_path / "aar.pdf"
    code, outtext, err = run("-o", str(out))  # the format follows the file's name
    assert code == 0, err
    pages = read_pdf(out)
    assert f"({len(pages)} pages)" in outtext
    assert all(page.count("EXERCISE") >= 2 for page in pages)
    page = " ".join(pages)
    assert "Crue éclair" in page
    assert "Post, status: rumour" in page and "Bonne réaction <b>immédiate</b>" in page
    csv_out = tmp_path / "aar.txt"
    code, _, err = run("--format", "csv", "-o", str(csv_out))
    assert code == 0 and csv_out.read_bytes().startswith(b"\xef\xbb\xbfEXERCISE")
    code, _, err = run("--format", "pdf", "-o", str(tmp_path / "missing" / "aar.pdf"))
    assert code != 0 and "aar.pdf" in err and not (tmp_path / "missing").exists()


def test_the_command_line_compares_two_runs_in_the_pdf(qapp, cli, store, tmp_path):
    from fieldapp.exercises.runs import reset

    drill = _played_exercise(store)
    reset(store, drill, tmp_path / "run1.db")
    for inject in store.injects.list(drill):
        release(store, inject["id"])
    store.aar.add(drill, "action", "Former au relais", owner="Marie", due="2027-02-01")
    out = tmp_path / "aar.pdf"
    code, _, err = cli(store.data_dir, "exercise", "report")("--compare", "1", "-o", str(out))
    assert code == 0, err
    text = " ".join(read_pdf(out))
    assert "Run 2 compared with run 1" in text and "Former au relais" in text and "Marie" in text
