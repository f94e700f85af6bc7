"""File ▸ Export operation package… and File ▸ Import operation package…: the package
written as a job with progress and Cancel (a Cancel leaves no file), a package checked
and previewed per record type before its import (EXERCISE banner for an exercise's),
imported as a job, a bad one refused with its reason; both dialogs fit 1024x600."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from PySide6.QtWidgets import QMainWindow, QMenu

from fieldapp.store import Store
from fieldapp.sync.client.package_export import export_operation
from fieldapp.ui.exports.package_dialog import ExportPackageDialog, ImportPackageDialog
from fieldapp.ui.exports.package_launch import PackageLauncher
from fieldapp.ui.kit.taskman import TaskManager
from fieldapp.ui.sync.record_display import type_labels


@pytest.fixture
def drill(store):
    op = store.operations.create("Exercice crue", exercise=True)
    reports = ({"title": f"Rapport {n}", "severity": 3} for n in range(3000))
    store.reports.add_bulk(op["id"], reports)
    return op


@pytest.fixture
def tasks(qtbot, store):
    manager = TaskManager(store.data_dir)
    yield manager
    assert manager.shutdown(), "a job still ran when the test ended"


@pytest.fixture
def bob(qtbot, tmp_path):
    """Another team's FieldApp: its own data folder and task manager."""
    Store(tmp_path / "bob").close()
    manager = TaskManager(tmp_path / "bob")
    yield manager
    assert manager.shutdown(), "a job still ran when the test ended"


def fits_small_screen(dialog) -> bool:
    hint = dialog.minimumSizeHint().expandedTo(dialog.minimumSize())
    return hint.width() <= 1024 and hint.height() <= 600


def test_export_writes_the_package_with_the_exercise_banner(
    qtbot, tasks, store, drill, tmp_path, plurals
):
    dialog = ExportPackageDialog(tasks, store.data_dir, drill, None)
    qtbot.addWidget(dialog)
    dialog.resize(1024, 600)
    dialog.show()
    assert dialog.banner.isVisible() and dialog.windowTitle().startswith("EXERCISE — ")
    assert fits_small_screen(dialog)
    path = tmp_path / "crue.fieldapp-op"
    job = dialog.start(path)
    qtbot.waitUntil(job.finished, timeout=20_000)
    assert path.is_file() and "3001 records" in dialog.status.text()


def test_a_cancelled_export_leaves_no_file(qtbot, tasks, store, drill, tmp_path):
    dialog = ExportPackageDialog(tasks, store.data_dir, drill, None)
    qtbot.addWidget(dialog)
    path = tmp_path / "crue.fieldapp-op"
    job = dialog.start(path)
    with qtbot.waitSignal(job.cancelled, timeout=20_000):
        job.cancel()
    assert dialog.status.text() == "Cancelled: no file written."
    assert list(tmp_path.glob("crue.fieldapp-op*")) == []


def test_preview_then_import_then_already_here(qtbot, bob, store, drill, tmp_path, plurals):
    path = tmp_path / "crue.fieldapp-op"
    export_operation(store, drill["id"], path)
    dialog = ImportPackageDialog(bob, None, type_labels)
    qtbot.addWidget(dialog)
    dialog.resize(1024, 600)
    dialog.show()
    assert fits_small_screen(dialog)

    dialog.set_path(path)
    qtbot.waitUntil(lambda: dialog.plan is not None, timeout=20_000)
    assert dialog.banner.isVisible()
    assert "3001 records to create, 0 to update, 0 already here" in dialog.summary.text()
    rows = {dialog.table.item(n, 0).text(): dialog.table.item(n, 1).text()
            for n in range(dialog.table.rowCount())}  # fmt: skip
    assert rows == {"Operation": "1", "Report": "3000"}
    with Store(tmp_path / "bob") as before:
        assert before.operations.list() == []  # the preview stored nothing

    with qtbot.waitSignal(dialog.imported, timeout=30_000) as done:
        dialog.import_button.click()
    assert done.args[0].total("new") == 3001
    assert "Imported Exercice crue: 3001 records created" in dialog.summary.text()
    with Store(tmp_path / "bob") as after:
        [op] = after.operations.list(with_counts=True)
        assert (op["id"], op["exercise"], op["report_count"]) == (drill["id"], True, 3000)

    dialog.set_path(path)
    qtbot.waitUntil(lambda: dialog.plan is not None, timeout=20_000)
    assert "0 records to create, 0 to update, 3001 already here" in dialog.summary.text()
    assert not dialog.import_button.isEnabled()


def test_a_bad_package_is_refused_with_its_reason(qtbot, bob, tmp_path):
    bad = tmp_path / "notes.fieldapp-op"
    bad.write_text("pas un paquet")
    dialog = ImportPackageDialog(bob, None, type_labels)
    qtbot.addWidget(dialog)
    dialog.set_path(bad)
    qtbot.waitUntil(lambda: "cannot be imported" in dialog.summary.text(), timeout=20_000)
    assert "not a zip file" in dialog.summary.text()
    assert not dialog.import_button.isEnabled()


def test_the_file_menu_offers_both_and_an_import_names_its_operation(
    qtbot, bob, store, drill, tmp_path
):
    window = QMainWindow()
    qtbot.addWidget(window)
    menu = QMenu(window)
    export_action = menu.addAction("Export…")
    settings = menu.addAction("Settings…")
    launcher = PackageLauncher(window, menu, export_action, bob, type_labels)
    texts = [a.text() for a in menu.actions()]
    assert texts == ["Export…", "Import operation pac&kage…", "Export operation &package…",
                     "Settings…"]  # fmt: skip
    assert settings in menu.actions() and not launcher.export_action.isEnabled()
    path = tmp_path / "crue.fieldapp-op"
    export_operation(store, drill["id"], path)

    dialog = launcher.open_import()
    dialog.set_path(path)
    qtbot.waitUntil(lambda: dialog.plan is not None, timeout=20_000)
    with qtbot.waitSignal(launcher.operation_imported, timeout=30_000) as imported:
        dialog.import_button.click()
    assert imported.args == [drill["id"]]
