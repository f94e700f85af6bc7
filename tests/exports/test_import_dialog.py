"""File ▸ Import…: the dialog previews a file (counts, first rows, problems), maps a CSV's
columns with a combo per field, imports as reports or map features as a job with
progress and Cancel, says a refused file's line, and fits 1024x600."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from PySide6.QtWidgets import QMainWindow

from fieldapp.core.tasks import Cancelled
from fieldapp.ui.exports import import_dialog
from fieldapp.ui.exports.import_dialog import ImportDialog
from fieldapp.ui.kit.taskman import TaskManager

pytestmark = pytest.mark.usefixtures("plurals")


@pytest.fixture
def tasks(qtbot, store):
    manager = TaskManager(store.data_dir)
    manager.user = store.db.user
    yield manager
    assert manager.shutdown(), "a job still ran when the test ended"


@pytest.fixture
def dialog(qtbot, tasks, operation):
    made = ImportDialog(tasks, operation)
    qtbot.addWidget(made)
    made.resize(1024, 600)
    made.show()
    return made


def previewed(qtbot, dialog, path):
    dialog.set_path(path)
    qtbot.waitUntil(
        lambda: dialog.plan is not None or "cannot be imported" in dialog.summary.text()
    )


def count(store, table):
    return store.db.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def test_preview_then_import_then_nothing_new(qtbot, dialog, store, geo_sample):
    previewed(qtbot, dialog, geo_sample("kml/KML_Samples.kml"))
    assert "4 new reports, 15 new map features; 0 already imported" in dialog.summary.text()
    assert dialog.model.rowCount() == 19
    assert dialog.model.index(0, 1).data() == "Simple placemark"
    assert dialog.model.index(0, 2).data() == "37.42229, -122.08220"
    assert "7 ScreenOverlays not imported" in dialog.problems.toPlainText()
    assert not dialog.mapping_box.isVisible()  # no columns to map in a KML
    assert count(store, "reports") == 0  # the preview stores nothing
    with qtbot.waitSignal(dialog.imported, timeout=10_000) as done:
        dialog.import_button.click()
    assert (done.args[0].reports, done.args[0].features) == (4, 15)
    assert count(store, "reports") == 4 and count(store, "features") == 15
    qtbot.waitUntil(lambda: dialog.plan is not None and dialog.plan.known == 19)
    assert not dialog.import_button.isEnabled()  # a second import would create nothing


def test_csv_mapping_with_a_combo_per_field(qtbot, dialog, store, geo_sample):
    previewed(qtbot, dialog, geo_sample("umap/test_upload_data.csv"))
    assert dialog.mapping_box.isVisible()
    combos = dialog.field_combos
    assert (
        combos["lat"].currentText() == "Latitude" and combos["lon"].currentText() == "geo_Longitude"
    )
    assert dialog.model.index(0, 1).data() == "a point somewhere"
    dialog.plan = None
    combos["title"].setCurrentIndex(combos["title"].findData("Foo"))
    qtbot.waitUntil(lambda: dialog.plan is not None)
    assert dialog.plan.mapping["title"] == "Foo"
    assert dialog.model.index(0, 1).data() == "bar"
    dialog.plan = None
    dialog.as_features.click()
    qtbot.waitUntil(lambda: dialog.plan is not None)
    assert dialog.model.index(0, 0).data() == "Map feature"
    with qtbot.waitSignal(dialog.imported, timeout=10_000):
        dialog.import_button.click()
    names = {f["name"] for f in store.features.list(dialog.operation["id"])}
    assert names == {"bar"} and count(store, "features") == 2


def test_a_refused_file_shows_its_line_and_cannot_be_imported(qtbot, dialog, tmp_path):
    path = tmp_path / "latin.csv"
    path.write_bytes("title,lat,lon\nOK,43,2\nÉcole,43,2\n".encode("latin-1"))
    previewed(qtbot, dialog, path)
    assert "line 3: not UTF-8 text" in dialog.problems.toPlainText()
    assert not dialog.import_button.isEnabled()
    dialog.plan = None
    dialog.encoding_combo.setCurrentText("latin-1")
    qtbot.waitUntil(lambda: dialog.plan is not None)
    assert "2 new reports" in dialog.summary.text() and dialog.import_button.isEnabled()


def test_columns_no_name_gives_away_are_chosen_in_the_combos(qtbot, dialog, store, tmp_path):
    path = tmp_path / "points.csv"
    path.write_text("a,b,c\nShelter,43.1,2.2\n")
    previewed(qtbot, dialog, path)
    assert "no column gives a title" in dialog.problems.toPlainText()
    assert dialog.mapping_box.isVisible() and not dialog.import_button.isEnabled()
    for name, column in (("title", "a"), ("lat", "b"), ("lon", "c")):
        combo = dialog.field_combos[name]
        combo.setCurrentIndex(combo.findData(column))
    qtbot.waitUntil(lambda: dialog.plan is not None)
    assert dialog.model.index(0, 1).data() == "Shelter"
    assert dialog.model.index(0, 2).data() == "43.10000, 2.20000"
    with qtbot.waitSignal(dialog.imported, timeout=10_000):
        dialog.import_button.click()
    assert count(store, "reports") == 1


def test_cancel_stores_nothing(qtbot, dialog, store, geo_sample, monkeypatch):
    """Cancel during the import: the one transaction is rolled back."""

    def cancelled_midway(plan, ctx):
        class Midway:
            calls = 0

            def progress(self, done, total, text="", data=None):
                ctx.progress(done, total, text, data)

            def check(self):
                Midway.calls += 1
                if Midway.calls > 1:  # after the first batch was written
                    raise Cancelled()

        return import_dialog.commit(ctx.store, plan, Midway())

    monkeypatch.setattr(import_dialog, "commit_job", cancelled_midway)
    monkeypatch.setattr("fieldapp.exports.intake._BATCH", 5)
    previewed(qtbot, dialog, geo_sample("geojson/umap_choropleth_region_chomage.geojson"))
    dialog.import_button.click()
    qtbot.waitUntil(lambda: "cancelled" in dialog.summary.text(), timeout=10_000)
    assert count(store, "features") == 0
    assert "nothing was stored" in dialog.summary.text()


def test_an_exercise_says_so(qtbot, tasks, store, geo_sample):
    drill = store.operations.create("Drill", exercise=True)
    made = ImportDialog(tasks, drill)
    qtbot.addWidget(made)
    assert made.windowTitle().startswith("EXERCISE — ")
    previewed(qtbot, made, geo_sample("gpx/route.gpx"))
    assert made.summary.text().startswith("EXERCISE — ")


def test_fits_1024x600(dialog):
    hint = dialog.minimumSizeHint()
    assert hint.width() <= 1024 and hint.height() <= 600
    assert dialog.width() <= 1024 and dialog.height() <= 600


def test_the_file_menu_has_import(qtbot):
    from fieldapp.ui.shell.main_chrome import WindowChrome

    window = QMainWindow()
    qtbot.addWidget(window)
    chrome = WindowChrome(window)
    assert chrome.import_action in chrome.file_menu.actions()
    assert chrome.import_action.text() == "&Import…"
    chrome.set_report_actions_enabled(False)  # no operation yet: nothing to import into
    assert not chrome.import_action.isEnabled()


def test_a_long_file_previews_its_counts_and_imports_every_row(qtbot, dialog, store, tmp_path):
    path = tmp_path / "long.csv"
    rows = [f"Route {n},43.{n:03d},2.{n:03d}" for n in range(250)]
    path.write_text("\n".join(["title,lat,lon", "Un seul,43.5,2.5", *rows]) + "\n")
    previewed(qtbot, dialog, path)
    text = dialog.summary.text()
    assert "251 new reports, 0 new map features" in text
    assert "The list shows the first 100 of each kind." in text
    assert dialog.model.rowCount() == 100
    with qtbot.waitSignal(dialog.imported, timeout=10_000) as done:
        dialog.import_button.click()
    assert done.args[0].reports == 251 and count(store, "reports") == 251
    assert dialog.summary.text() == "Imported: 251 reports and 0 map features (0 already here)."
    qtbot.waitUntil(lambda: dialog.plan is not None and dialog.plan.known == 251)


def test_one_of_each_reads_singular(qtbot, dialog, tmp_path):
    path = tmp_path / "one.csv"
    path.write_text("title,lat,lon\nPont fermé,43.1,2.1\n", encoding="utf-8")
    previewed(qtbot, dialog, path)
    assert "1 new report, 0 new map features; 0 already imported." in dialog.summary.text()
