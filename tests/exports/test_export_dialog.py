"""File ▸ Export…: the dialog writes the list's filtered reports (or the whole operation's)
in the chosen format as a job, the HXL row only for CSV, Cancel leaves no file, and it
fits 1024x600."""

from __future__ import annotations

import csv
import io
import json
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest

from fieldapp.reports.query import ReportQuery
from fieldapp.ui.exports.export_dialog import ExportDialog
from fieldapp.ui.kit.taskman import TaskManager

pytestmark = pytest.mark.usefixtures("plurals")


@pytest.fixture
def tasks(qtbot, store):
    manager = TaskManager(store.data_dir)
    manager.user = store.db.user
    yield manager
    assert manager.shutdown(), "a job still ran when the test ended"


@pytest.fixture
def filled(store, operation):
    for title, kind in (("Digue fissurée", "hazard"), ("Famille sur le toit", "request_for_help")):
        store.reports.add(operation["id"], {"title": title, "kind": kind, "lat": 43.2, "lon": 3.0})
    return operation


def _dialog(qtbot, tasks, store, query):
    made = ExportDialog(tasks, store.data_dir, query)
    qtbot.addWidget(made)
    made.resize(1024, 600)
    made.show()
    return made


def _choose(dialog, name):
    dialog.format_combo.setCurrentIndex(dialog.format_combo.findData(name))


def test_exports_the_list_s_filtered_reports_or_the_whole_operation(
    qtbot, tasks, store, filled, tmp_path
):
    hazards = ReportQuery(filled["id"], kinds=frozenset({"hazard"}))
    dialog = _dialog(qtbot, tasks, store, hazards)
    _choose(dialog, "geojson")
    path = tmp_path / "hazards.geojson"
    with qtbot.waitSignal(dialog.start(path).written, timeout=10_000):
        pass
    titles = [f["properties"]["title"] for f in json.loads(path.read_text())["features"]]
    assert titles == ["Digue fissurée"]
    assert "Written:" in dialog.status.text() and dialog.status.text().endswith("(1 item)")
    dialog.whole_radio.setChecked(True)
    with qtbot.waitSignal(dialog.start(path).written, timeout=10_000):
        pass
    assert len(json.loads(path.read_text())["features"]) == 2


def test_hxl_is_offered_for_csv_only(qtbot, tasks, store, filled, tmp_path):
    dialog = _dialog(qtbot, tasks, store, ReportQuery(filled["id"]))
    _choose(dialog, "kml")
    assert not dialog.hxl_check.isEnabled()
    _choose(dialog, "csv")
    assert dialog.hxl_check.isEnabled()
    dialog.hxl_check.setChecked(True)
    path = tmp_path / "out.csv"
    with qtbot.waitSignal(dialog.start(path).written, timeout=10_000):
        pass
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    assert rows[1][rows[0].index("lat")] == "#geo+lat" and len(rows) == 4


def test_cancel_leaves_no_file(qtbot, tasks, store, filled, tmp_path):
    dialog = _dialog(qtbot, tasks, store, ReportQuery(filled["id"]))
    path = tmp_path / "out.kml"
    job = dialog.start(path)
    with qtbot.waitSignal(job.cancelled, timeout=10_000):
        job.cancel()
    assert not path.exists() and not list(tmp_path.glob("*.part"))
    assert "Cancelled" in dialog.status.text()


def test_the_dialog_fits_a_small_screen(qtbot, tasks, store, filled):
    dialog = _dialog(qtbot, tasks, store, ReportQuery(filled["id"]))
    hint = dialog.minimumSizeHint()
    assert hint.width() <= 1024 and hint.height() <= 600
