"""The after-action report dialog of the exercise desk: the trainer writes strengths, areas
for improvement and the improvement plan in tables, saved in the store and in the next
report; chooses an earlier run to compare with; writes the PDF or the CSV in the
background with progress and Cancel; fits 1024x600."""

from __future__ import annotations

import threading
import time

import pytest
from PySide6 import QtPdf
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QMessageBox, QPushButton

from fieldapp.core.settings import Settings
from fieldapp.exercises.release import release
from fieldapp.store import Store

INJECTS = [
    {"number": "1", "at_s": 0, "channel": "social", "content": "Le Gardon déborde à Anduze"},
    {"number": "2", "at_s": 60, "channel": "sms", "content": "Plus d'eau à Lézan"},
]


def read_text(path) -> str:
    document = QtPdf.QPdfDocument()
    assert document.load(str(path)) == QtPdf.QPdfDocument.Error.None_
    pages = [document.getAllText(page).text() for page in range(document.pageCount())]
    document.close()
    return " ".join(" ".join(pages).split())


def play(store, drill: str) -> None:
    """Release every inject; a player dismisses the post a moment later."""
    made = [r for i in store.injects.list(drill) for r in release(store, i["id"])]
    time.sleep(0.02)
    with Store(store.data_dir, user="paul") as player:
        player.items.set_status([made[0]["id"]], "dismissed")


@pytest.fixture
def drill(store):
    operation = store.operations.create("Exercice crue", exercise=True)
    store.injects.add_many(operation["id"], INJECTS)
    return operation


@pytest.fixture
def desk(qtbot, make_window, drill):
    window = make_window(Settings(last_operation_id=drill["id"]))
    qtbot.waitUntil(lambda: window.exercises is not None, timeout=10_000)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    QTest.keyClick(window.report_list.view, Qt.Key.Key_6, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.exercises._desk is not None)
    return window.exercises._desk


@pytest.fixture
def dialog(qtbot, desk):
    desk.aar_button.click()  # the desk's "After-action report…"
    dialog = desk.after_action.dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(lambda: dialog.compare_combo.count() == 1, timeout=10_000)
    return dialog


def write_line(qtbot, dialog, section: int, **values: str):
    """Add… on a section's tab, the form filled in, Save; the editor (closed if saved)."""
    dialog.tabs.setCurrentIndex(section)
    dialog.add_button.click()
    editor = dialog.editor
    qtbot.waitUntil(editor.isVisible)
    editor.text_edit.setPlainText(values.get("text", ""))
    for name in ("capability", "owner", "due"):
        if name in values:
            getattr(editor, f"{name}_edit").setText(values[name])
    editor.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save).click()
    return editor


def test_a_line_written_in_the_dialog_is_saved_and_in_the_next_report(
    qtbot, dialog, store, drill, tmp_path
):
    play(store, drill["id"])
    write_line(qtbot, dialog, 0, text="Tri des publications rapide", capability="Veille")
    write_line(qtbot, dialog, 2, text="Former au relais", owner="Marie", due="2027-02-01")
    plan = dialog.tables["action"]
    qtbot.waitUntil(lambda: plan.model().rowCount() == 1, timeout=10_000)
    assert [plan.model().index(0, c).data() for c in range(4)] == [
        "Former au relais",
        "",
        "Marie",
        "2027-02-01",
    ]
    strengths = [(e["section"], e["text"]) for e in store.aar.list(drill["id"])]
    assert strengths == [
        ("strength", "Tri des publications rapide"),
        ("action", "Former au relais"),
    ]
    path = tmp_path / "aar.pdf"
    job = dialog.write_pdf(path)
    with qtbot.waitSignal(job.written, timeout=30_000):
        pass
    text = read_text(path)
    assert "Tri des publications rapide" in text and "Veille" in text
    assert "Former au relais" in text and "Marie" in text and "2027-02-01" in text
    assert "Post, status: dismissed" in text  # the player's answer, from the data


def test_a_line_is_edited_and_deleted(qtbot, dialog, store, drill, monkeypatch):
    write_line(qtbot, dialog, 1, text="Relais radio lent")
    table = dialog.tables["improvement"]
    qtbot.waitUntil(lambda: table.model().rowCount() == 1, timeout=10_000)
    table.selectRow(0)
    dialog.edit_button.click()
    editor = dialog.editor
    assert editor.text_edit.toPlainText() == "Relais radio lent"
    editor.capability_edit.setText("Communications")
    editor.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save).click()
    qtbot.waitUntil(lambda: table.model().index(0, 1).data() == "Communications", timeout=10_000)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    table.selectRow(0)
    dialog.delete_button.click()
    qtbot.waitUntil(lambda: table.model().rowCount() == 0, timeout=10_000)
    assert store.aar.list(drill["id"]) == []


def test_a_bad_due_date_or_no_text_is_said_and_nothing_is_saved(qtbot, dialog, store, drill):
    editor = write_line(qtbot, dialog, 2, text="Former au relais", due="31/01/2027")
    assert editor.isVisible() and "2027-01-31" in editor.problem.text()
    editor.reject()
    editor = write_line(qtbot, dialog, 0, text="   ")
    assert editor.isVisible() and editor.problem.text() == "Write the text."
    editor.reject()
    assert store.aar.list(drill["id"]) == []


def test_an_earlier_run_is_compared_in_the_report(qtbot, dialog, store, drill, tmp_path):
    from fieldapp.exercises.runs import reset

    play(store, drill["id"])
    reset(store, drill["id"], tmp_path / "run1.db")  # run 1 archived: records_changed
    qtbot.waitUntil(lambda: dialog.compare_combo.count() == 2, timeout=10_000)
    assert dialog.compare_combo.currentIndex() == 0  # no comparison unless chosen
    assert dialog.compare_combo.itemText(1).startswith("Run 1, ended ")
    assert " at " in dialog.compare_combo.itemText(1)  # in words: "6 December 2026 at 14:05"
    play(store, drill["id"])
    dialog.compare_combo.setCurrentIndex(1)
    path = tmp_path / "aar.pdf"
    job = dialog.write_pdf(path)
    with qtbot.waitSignal(job.written, timeout=30_000):
        pass
    assert "Run 2 compared with run 1" in read_text(path)


def test_the_files_are_written_in_a_worker_chosen_in_the_file_dialog(
    qtbot, dialog, store, drill, tmp_path, monkeypatch
):
    from fieldapp.exercises import aar

    play(store, drill["id"])
    threads = []
    original = aar.to_csv

    def spy(report):
        threads.append(threading.current_thread() is threading.main_thread())
        return original(report)

    monkeypatch.setattr(aar, "to_csv", spy)
    path = tmp_path / "aar.csv"
    asked = []

    def answer(_parent, caption, _suggested, kinds):
        asked.append((caption, kinds))
        return str(path), kinds

    monkeypatch.setattr(QFileDialog, "getSaveFileName", answer)
    dialog.csv_button.click()
    qtbot.waitUntil(lambda: dialog.status.text().startswith("Written:"), timeout=30_000)
    assert asked == [("Save the report as CSV", "CSV (*.csv)")]
    assert threads == [False]
    assert path.read_bytes().startswith(b"\xef\xbb\xbfEXERCISE")
    assert dialog.status.text() == f"Written: {path} (2 injects)"
    assert not path.with_name("aar.csv.part").exists()


def test_a_pdf_cancelled_from_its_progress_leaves_no_file(qtbot, dialog, store, drill, tmp_path):
    play(store, drill["id"])
    path = tmp_path / "aar.pdf"
    job = dialog.write_pdf(path)
    with qtbot.waitSignal(job.cancelled, timeout=30_000):
        dialog.progress.findChild(QPushButton).click()  # the progress dialog's Cancel
    assert not path.exists() and dialog.status.text() == "Cancelled: no file written."
    assert dialog.isVisible() and not dialog.isModal()


def test_the_dialog_fits_1024x600(qtbot, dialog):
    dialog.resize(1024, 600)
    hint = dialog.minimumSizeHint()
    assert hint.width() <= 1024 and hint.height() <= 600
    assert dialog.width() <= 1024 and dialog.height() <= 600
