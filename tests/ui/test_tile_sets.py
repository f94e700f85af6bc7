"""The Map menu: Import tiles… (real samples, garbage and truncated files), the Tile sets
list with Remove and Resume download, and the download dialog opened with a drawn area."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
from PySide6.QtTest import QAbstractItemModelTester
from PySide6.QtWidgets import QFileDialog, QMessageBox

from fieldapp.core.settings import Settings
from fieldapp.tiles import import_mbtiles
from fieldapp.ui.tiles.sets_dialog import COLUMNS

SAMPLES = Path(__file__).resolve().parents[1] / "samples" / "geo" / "mbtiles"
sys.path.insert(0, str(SAMPLES.parents[2] / "tiles"))  # tileserver.py, a test helper


@pytest.fixture
def actions(make_window):
    return make_window(Settings()).tile_actions


@pytest.fixture
def warnings(monkeypatch):
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: shown.append(text))
    return shown


def tiles_dir(data_dir: Path) -> Path:
    return data_dir / "tiles"


def cells(dialog, row: int = 0) -> dict[str, str]:
    model = dialog.model
    return {name: model.index(row, col).data() for col, name in enumerate(COLUMNS)}


def open_sets(qtbot, actions, rows: int):
    dialog = actions.show_tile_sets()
    qtbot.waitUntil(lambda: dialog.model.rowCount() == rows and not dialog.tasks.is_busy())
    return dialog


def test_the_map_menu_has_the_tile_entries(actions):
    assert actions.menu.title() == "&Map"
    texts = [a.text() for a in actions.menu.actions()]
    assert texts == ["&Import tiles…", "&Download area…", "&Tile sets…"]


def test_an_imported_mbtiles_file_is_listed_with_its_facts(
    qtbot, actions, data_dir, tmp_path, monkeypatch
):
    source = tmp_path / "geography-class-jpg.mbtiles"
    shutil.copyfile(SAMPLES / source.name, source)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(source), ""))
    with qtbot.waitSignal(actions.import_finished, timeout=10_000):
        actions.import_action.trigger()
    assert "imported" in actions.window.statusBar().currentMessage()
    dialog = open_sets(qtbot, actions, 1)
    QAbstractItemModelTester(dialog.model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    row = cells(dialog)
    assert row["name"].endswith("(geography-class-jpg)")
    assert (row["format"], row["source"], row["zooms"]) == ("JPG", "imported", "0–1")
    assert row["tiles"] == "5" and row["size"].endswith("kB")
    assert row["bounds"] == "-180.000, -85.051, 180.000, 85.051"


@pytest.mark.parametrize("damage", ["garbage", "truncated"])
def test_a_file_that_is_not_usable_mbtiles_is_refused_and_nothing_added(
    qtbot, actions, data_dir, tmp_path, warnings, damage
):
    bad = tmp_path / "area.mbtiles"
    if damage == "garbage":
        bad.write_bytes(b"this is not a tile set\n" * 200)
    else:
        whole = (SAMPLES / "plain_1.mbtiles").read_bytes()
        bad.write_bytes(whole[: len(whole) // 2])
    with qtbot.waitSignal(actions.import_failed, timeout=10_000):
        actions.import_file(bad)
    assert len(warnings) == 1
    assert warnings[0].startswith("area.mbtiles could not be imported; nothing was added.")
    assert not tiles_dir(data_dir).exists() or list(tiles_dir(data_dir).iterdir()) == []
    open_sets(qtbot, actions, 0)


def test_a_tile_set_is_removed_only_after_asking(qtbot, actions, data_dir, monkeypatch):
    import_mbtiles(data_dir, SAMPLES / "plain_1.mbtiles")
    answers = [QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes]
    asked = []

    def question(parent, title, text, *args):
        asked.append(text)
        return answers[len(asked) - 1]

    monkeypatch.setattr(QMessageBox, "question", question)
    dialog = open_sets(qtbot, actions, 1)
    assert not dialog.remove_button.isEnabled()
    dialog.view.selectRow(0)
    dialog.remove_button.click()  # "No"
    assert (tiles_dir(data_dir) / "plain_1.mbtiles").exists()
    with qtbot.waitSignal(actions.tile_sets_changed, timeout=10_000):
        dialog.remove_button.click()  # "Yes"
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 0)
    assert asked[0].startswith("Remove the tile set “plain_1”")
    assert not (tiles_dir(data_dir) / "plain_1.mbtiles").exists()
    assert dialog.status_label.text() == "Tile set “plain_1” removed."


def test_the_map_opens_the_download_with_its_drawn_area(actions):
    dialog = actions.download_area((5.3, 43.2, 5.45, 43.35))
    edges = {side: edit.text() for side, edit in dialog.form.edges.items()}
    assert edges == {"west": "5.3", "south": "43.2", "east": "5.45", "north": "43.35"}
    assert dialog.isVisible() and actions.download_area() is dialog
    dialog.close()


def test_an_unfinished_download_can_be_resumed_from_the_list(qtbot, actions, data_dir):
    from tileserver import TileServer

    from fieldapp.tiles import SeedOptions, seed

    def rule(z, x, y, attempt, n):
        return ("status", 500) if z == 11 else None

    with TileServer(rule=rule) as server:
        summary = seed(
            data_dir,
            bbox="2,42.8,2.5,43.2",
            zooms="8-11",
            url=server.url,
            name="aude",
            options=SeedOptions(retries=0),
        )
    assert summary.failed == 20
    dialog = open_sets(qtbot, actions, 1)
    assert cells(dialog)["source"] == "download not finished"
    assert not dialog.resume_button.isEnabled()
    dialog.view.selectRow(0)
    dialog.resume_button.click()
    download = actions.download_dialog
    form = download.form
    assert (form.url_edit.text(), form.name_edit.text()) == (server.url, "aude")
    assert [form.edges[s].text() for s in ("west", "south", "east", "north")] == [
        "2",
        "42.8",
        "2.5",
        "43.2",
    ]
    assert (form.min_zoom.value(), form.max_zoom.value()) == (8, 11)
    download.close()
