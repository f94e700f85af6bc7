"""Operation ▸ Situation report…: the dialog opens with a draft written from the figures,
shows the one-radiogram text as the language and the next time change, copies it or
hands it to the radio desk's form, writes the PDF in the background with the
coordinator's words (Cancel leaves no file; a bad time starts nothing), and fits
1024x600."""

from __future__ import annotations

import threading

import pytest
import sitrep_kit  # noqa: F401 - Qt offscreen, set up before the application
from PySide6 import QtPdf
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QPushButton

from fieldapp.core.settings import Settings
from fieldapp.exports import sitrep as core
from fieldapp.exports.sitrep_short import MAX_WORDS

REPORTS = [
    {"title": "Dike breached at Remoulins", "kind": "damage", "severity": 5,
     "verification": "confirmed", "place": "Remoulins", "lat": 43.94, "lon": 4.56},
    {"title": "Family on a roof", "kind": "request_for_help", "severity": 4,
     "status": "in_progress", "place": "Alès", "lat": 44.12, "lon": 4.08},
    {"title": "Shelter open", "kind": "information", "severity": 1, "place": "Alès"},
]  # fmt: skip

pytestmark = pytest.mark.usefixtures("plurals")


def read_text(path) -> str:
    document = QtPdf.QPdfDocument()
    assert document.load(str(path)) == QtPdf.QPdfDocument.Error.None_
    text = " ".join(document.getAllText(p).text() for p in range(document.pageCount()))
    document.close()
    return " ".join(text.split())


@pytest.fixture
def drill(store):
    operation = store.operations.create("Crue éclair", exercise=True)
    for values in REPORTS:
        store.reports.add(operation["id"], values)
    return operation


@pytest.fixture
def window(qtbot, store, drill):
    from fieldapp.ui.shell.main_window import MainWindow

    made = MainWindow(store, Settings(last_operation_id=drill["id"]))
    made.show()
    qtbot.waitExposed(made)
    yield made
    made.shutdown()
    made.close()
    made.deleteLater()


@pytest.fixture
def dialog(qtbot, window):
    assert window.sitrep.action in window.chrome.operation_menu.actions()
    window.sitrep.action.trigger()  # Operation ▸ Situation report…
    opened = window.sitrep.dialog
    assert opened is not None and opened.isVisible() and not opened.isModal()
    qtbot.waitUntil(lambda: opened.report is not None, timeout=10_000)
    return opened


def test_the_dialog_opens_with_a_draft_and_the_radiogram(dialog):
    assert dialog.windowTitle() == "EXERCISE — Situation report — Crue éclair"
    assert dialog.banner.isVisible()
    draft = dialog.highlights_edit.toPlainText()
    assert "3 reports, 2 of them severe (4 or 5); 1 confirmed." in draft
    assert "1 requests for help open, 0 closed." in draft
    assert "Most severe verified report: Dike breached at Remoulins (Remoulins)." in (
        dialog.overview_edit.toPlainText()
    )
    short = dialog.short_edit.toPlainText()
    assert short.startswith("SITREP ") and "EXERCISE 3 REPORTS 1 HELP OPEN" in short
    assert dialog.words_label.text() == f"{len(short.split())} words of {MAX_WORDS} (one radiogram)"


def test_the_radiogram_follows_the_language_and_the_next_time(qtbot, dialog):
    dialog.lang_combo.setCurrentIndex(dialog.lang_combo.findData("fr"))
    dialog.next_edit.setText("1800Z")
    short = dialog.short_edit.toPlainText()
    assert "EXERCICE 3 RAPPORTS" in short and short.endswith("PROCHAIN 1800Z")
    dialog.copy_button.click()
    assert QGuiApplication.clipboard().text() == short
    dialog.next_edit.setText("25h")
    assert dialog.status.text().startswith("“25h” is not a time like 1800Z")
    assert "PROCHAIN" not in dialog.short_edit.toPlainText()


def test_send_as_radiogram_fills_the_radio_desks_form(qtbot, window, dialog):
    dialog.next_edit.setText("2100Z")
    dialog.radio_button.click()
    desk = window.radio.open_desk()
    entry = desk.entry
    qtbot.waitUntil(lambda: entry.page.value("text") == dialog.short(), timeout=10_000)
    assert entry.page.value("text").endswith("NEXT 2100Z")
    assert entry.direction_combo.currentData() == "sent"


def test_the_pdf_is_written_in_a_worker_with_the_coordinators_words(
    qtbot, dialog, tmp_path, monkeypatch
):
    threads = []
    original = core.build

    def spy(*args, **kwargs):
        threads.append(threading.current_thread() is threading.main_thread())
        return original(*args, **kwargs)

    monkeypatch.setattr(core, "build", spy)
    dialog.highlights_edit.setPlainText("Dike <breached> at Remoulins & rising")
    dialog.next_edit.setText("2026-11-28T21:00Z")
    path = tmp_path / "sitrep.pdf"
    job = dialog.write_pdf(path)
    assert job is not None
    with qtbot.waitSignal(job.written, timeout=30_000):
        pass
    assert threads == [False]
    text = read_text(path)
    assert "Dike <breached> at Remoulins & rising" in text
    assert "EXERCISE EXERCISE EXERCISE" in text and "2026-11-28 21:00 UTC" in text
    assert dialog.status.text().startswith(f"Written: {path} (")


def test_a_bad_time_or_too_long_text_starts_nothing(dialog, tmp_path):
    path = tmp_path / "sitrep.pdf"
    dialog.next_edit.setText("tomorrow")
    assert dialog.write_pdf(path) is None
    assert "“tomorrow” is not a time" in dialog.status.text()
    dialog.next_edit.setText("")
    dialog.overview_edit.setPlainText("x" * (core.TEXT_MAX + 1))
    assert dialog.write_pdf(path) is None
    assert dialog.status.text() == "The situation overview is too long: 4000 characters at most."
    assert not path.exists() and not dialog.jobs


def test_a_pdf_cancelled_from_its_progress_leaves_no_file(qtbot, dialog, tmp_path):
    path = tmp_path / "sitrep.pdf"
    job = dialog.write_pdf(path)
    assert job is not None and dialog.progress is not None
    with qtbot.waitSignal(job.cancelled, timeout=30_000):
        dialog.progress.findChild(QPushButton).click()  # the progress dialog's Cancel
    assert not path.exists() and dialog.status.text() == "Cancelled: no file written."
    assert not path.with_name("sitrep.pdf.part").exists()


def test_the_dialog_fits_1024x600(dialog):
    dialog.resize(1024, 600)
    hint = dialog.minimumSizeHint()
    assert hint.width() <= 1024 and hint.height() <= 600
    assert dialog.width() <= 1024 and dialog.height() <= 600
    for button in (dialog.pdf_button, dialog.close_button, dialog.radio_button):
        assert button.isVisible()
        corner = button.mapTo(dialog, button.rect().bottomRight())
        assert corner.x() <= dialog.width() and corner.y() <= dialog.height()
