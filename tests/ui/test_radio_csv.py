"""The desk's Logs menu writes the ICS-309 and ICS-214 of a period as CSV, in a worker."""

from __future__ import annotations

import csv
import threading

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from fieldapp.radio import forms


@pytest.fixture
def desk(make_radio_desk, operation):
    return make_radio_desk(operation)


def _save_as(tmp_path, monkeypatch, name: str):
    """The file dialog answers with a path in tmp_path (a native dialog cannot be driven)."""
    path = tmp_path / name
    asked = []

    def answer(_parent, caption, _directory, kinds):
        asked.append((caption, kinds))
        return str(path), kinds

    monkeypatch.setattr(QFileDialog, "getSaveFileName", answer)
    return path, asked


def _accept_period(qtbot, desk, operator: str = "", net: str = "") -> None:
    """The period dialog, by keyboard: its default period, net and operator typed, Enter."""
    dialog = desk.actions_.period_dialog
    qtbot.waitUntil(lambda: dialog.isVisible())
    for edit, value in ((dialog.net_edit, net), (dialog.operator_edit, operator)):
        qtbot.keyClicks(edit, value)
    qtbot.keyClick(dialog.operator_edit, Qt.Key.Key_Return)


def test_the_ics309_of_the_period_is_written_as_csv_with_every_hop(
    qtbot, desk, relayed_twice, tmp_path, monkeypatch
):
    path, asked = _save_as(tmp_path, monkeypatch, "ics309.csv")
    writers = []
    original = forms.ics309_csv

    def spy(sheet):
        writers.append(threading.current_thread() is threading.main_thread())
        return original(sheet)

    monkeypatch.setattr(forms, "ics309_csv", spy)
    desk.actions_.ics309_csv_action.trigger()
    _accept_period(qtbot, desk, operator="Jean", net="GARD NET")
    qtbot.waitUntil(lambda: not desk.actions_.jobs, timeout=20_000)
    assert asked == [("Save as CSV", "CSV (*.csv)")]
    with path.open(newline="", encoding="utf-8") as file:
        rows = list(csv.reader(file))
    assert rows[0] == ["ICS 309 COMMUNICATIONS LOG"]
    assert ["Radio net name", "GARD NET"] in rows and ["Radio operator", "Jean F4ABC"] in rows
    lines = rows[rows.index(["Time (UTC)", "From", "To", "Message"]) + 1 :][:3]
    assert lines == [
        ["2026-11-28 10:00", "F1PCT #12", "F4ABC", "PRIORITY NEED 40 COTS AT SCHOOL"],
        ["2026-11-28 10:05", "F4ABC #12", "F5XYZ", "PRIORITY NEED 40 COTS AT SCHOOL"],
        ["2026-11-28 10:20", "F4ABC #12", "F6AAA", "PRIORITY NEED 40 COTS AT SCHOOL"],
    ]
    assert writers == [False]  # written by the worker, not the GUI thread
    assert desk.statusBar().currentMessage() == f"Written: {path} (3 log lines)"
    assert not path.with_name("ics309.csv.part").exists()


def test_the_ics214_of_the_period_is_written_as_csv(
    qtbot, desk, relayed_twice, tmp_path, monkeypatch
):
    path, _asked = _save_as(tmp_path, monkeypatch, "ics214.csv")
    desk.actions_.ics214_csv_action.trigger()
    _accept_period(qtbot, desk, operator="Jean")
    qtbot.waitUntil(lambda: not desk.actions_.jobs, timeout=20_000)
    with path.open(newline="", encoding="utf-8") as file:
        rows = list(csv.reader(file))
    assert rows[0] == ["ICS 214 ACTIVITY LOG"]
    activities = [row[1] for row in rows if row and row[0].startswith("2026-11-28")]
    assert activities == [
        "RADIOGRAM NR 12 PRIORITY received from F1PCT by F4ABC on GARD NET",
        "RADIOGRAM NR 12 PRIORITY passed by F4ABC to F5XYZ on RDRF 80m (3.603 LSB)",
        "RADIOGRAM NR 12 PRIORITY passed by F4ABC to F6AAA on VHF",
    ]
    assert "(3 log lines)" in desk.statusBar().currentMessage()


def test_the_logs_menu_offers_pdf_and_csv(desk):
    texts = [action.text() for action in desk.actions_.logs_menu.actions() if action.text()]
    assert texts == [
        "ICS-309 communications log (PDF)…",
        "ICS-214 activity log (PDF)…",
        "ICS-309 communications log (CSV)…",
        "ICS-214 activity log (CSV)…",
    ]


def test_a_cancelled_csv_leaves_no_file(qtbot, store, operation, relayed_twice, tmp_path, tasks):
    from fieldapp.ui.kit.file_jobs import CsvJob
    from fieldapp.ui.radio import pdf_job as radio_pdf_job

    period = ("2000-01-01", "2100-01-01")
    build = radio_pdf_job.ics309_csv_build(operation, period, "F4ABC", "", "")
    job = CsvJob(store.data_dir, build, tmp_path / "log.csv")
    job.cancel()
    with qtbot.waitSignal(job.cancelled):
        job.start(tasks)
    assert job.finished() and list(tmp_path.glob("log.csv*")) == []
