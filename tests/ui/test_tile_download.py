"""Download map area: checked inputs, a live estimate, progress, pause, resume, cancel and a
summary in words, against a tile server on loopback that counts every request."""

from __future__ import annotations

import sys
import threading
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from fieldapp.core.settings import Settings
from fieldapp.tiles import SeedOptions, TileRegistry, parse_bbox, parse_zooms
from fieldapp.tiles.grid import iter_tiles
from fieldapp.ui.tiles.download_dialog import TileDownloadDialog

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tiles"))
from tileserver import TileServer  # a test helper beside the tile tests

BBOX = (2.0, 42.8, 2.5, 43.2)  # the upper Aude valley: 2 + 4 + 9 + 20 tiles at zoom 8-11
PLANNED = set(iter_tiles(parse_bbox(BBOX), parse_zooms("8-11")))
FAST = SeedOptions(
    backoff_base=0.01,
    backoff_max=0.05,
    connect_timeout=2,
    read_timeout=5,
    tile_deadline=10,
    progress_interval=0,
)
TIMEOUT = 20_000


@pytest.fixture
def gate():
    """Requests from the 6th on wait until the test opens the gate: a download in mid-air."""
    return threading.Event()


@pytest.fixture
def server(gate):
    def rule(z, x, y, attempt, n):
        if n >= 6:
            gate.wait(15)
        return None

    with TileServer(rule=rule) as running:
        yield running
    gate.set()


@pytest.fixture
def open_dialog(qtbot, data_dir, tasks):
    made = []

    def make(**kwargs) -> TileDownloadDialog:
        kwargs.setdefault("bbox", BBOX)
        kwargs.setdefault("options", FAST)
        dialog = TileDownloadDialog(data_dir, kwargs.pop("settings", Settings()), tasks, **kwargs)
        dialog.show()
        made.append(dialog)
        return dialog

    yield make
    for dialog in made:  # not qtbot.addWidget: its close() would ask about a running download
        dialog.shutdown()
        dialog.close()
        dialog.deleteLater()


def fill(dialog: TileDownloadDialog, url: str, name: str = "aude", zooms=(8, 11)) -> None:
    dialog.form.set_values(url=url, name=name, zooms=zooms)


def stored_tiles(data_dir: Path, name: str = "aude") -> set[tuple[int, int, int]]:
    with TileRegistry(data_dir) as registry:
        return {t for t in PLANNED if registry.get_tile(name, *t) is not None}


def start_and_finish(qtbot, dialog: TileDownloadDialog):
    with qtbot.waitSignal(dialog.download_finished, timeout=TIMEOUT) as finished:
        dialog.start_button.click()
    return finished.args[0]


def start_in_mid_air(qtbot, dialog: TileDownloadDialog, server: TileServer) -> None:
    dialog.start_button.click()
    qtbot.waitUntil(lambda: sum(server.attempts.values()) >= 6, timeout=TIMEOUT)


def test_an_area_downloads_with_progress_to_the_total(qtbot, open_dialog, data_dir, gate):
    gate.set()
    with TileServer() as server:
        dialog = open_dialog()
        fill(dialog, server.url)
        assert dialog.form.estimate_label.text().startswith("35 tiles, about")
        summary = start_and_finish(qtbot, dialog)
    assert summary.complete and summary.stored == 35
    bar = dialog.progress_bar
    assert bar.isVisible() and bar.value() == bar.maximum() == 35
    assert stored_tiles(data_dir) == PLANNED
    assert "every tile of the area" in dialog.status_label.text()
    assert "Downloaded 35 tiles" in dialog.summary_view.toPlainText()
    assert all(seen.user_agent.startswith("FieldApp/") for seen in server.seen)
    assert max(server.connections().__len__(), 1) <= 2 and server.max_in_flight <= 2
    assert Settings.load(data_dir).tile_url == server.url  # pre-filled next time


def test_the_last_server_is_offered_again_but_none_by_default(open_dialog):
    assert open_dialog().form.url_edit.text() == ""
    remembered = Settings(tile_url="https://tiles.example.org/{z}/{x}/{y}.png")
    assert open_dialog(settings=remembered).form.url_edit.text() == remembered.tile_url


def test_pause_holds_every_request_and_resume_fetches_only_the_rest(
    qtbot, open_dialog, server, gate, data_dir
):
    dialog = open_dialog()
    fill(dialog, server.url)
    start_in_mid_air(qtbot, dialog, server)
    dialog.pause_button.click()
    assert dialog.pause_button.text() == "&Resume"
    gate.set()  # the requests in hand finish, then the workers wait
    qtbot.waitUntil(lambda: dialog.status_label.text().startswith("Paused."), timeout=TIMEOUT)
    assert dialog.is_paused()
    asked_while_paused = len(server.seen)
    assert asked_while_paused < 35
    assert len(stored_tiles(data_dir)) <= asked_while_paused
    with qtbot.waitSignal(dialog.download_finished, timeout=TIMEOUT) as finished:
        dialog.pause_button.click()
    assert finished.args[0].complete
    assert stored_tiles(data_dir) == PLANNED
    assert set(server.requested()) == PLANNED
    assert max(server.requested().values()) == 1  # no tile was fetched twice


def test_cancel_keeps_a_usable_partial_set_and_a_new_download_fetches_the_rest(
    qtbot, open_dialog, server, gate, data_dir
):
    dialog = open_dialog()
    fill(dialog, server.url)
    start_in_mid_air(qtbot, dialog, server)
    with qtbot.waitSignal(dialog.download_finished, timeout=TIMEOUT) as finished:
        dialog.cancel_button.click()
        gate.set()
    summary = finished.args[0]
    assert summary.cancelled and not summary.complete
    assert dialog.status_label.text() == "Cancelled."
    assert "fetch only the rest" in dialog.summary_view.toPlainText()
    partial = stored_tiles(data_dir)
    assert 0 < len(partial) < 35
    dialog.close()

    again = open_dialog()
    fill(again, server.url)
    summary = start_and_finish(qtbot, again)
    assert summary.complete and summary.skipped == len(partial)
    assert summary.stored == 35 - len(partial)
    assert stored_tiles(data_dir) == PLANNED
    assert max(server.requested().values()) == 1


def test_missing_and_failing_tiles_are_counted_and_explained(qtbot, open_dialog, data_dir):
    absent, broken = sorted(PLANNED)[-2:]

    def rule(z, x, y, attempt, n):
        if (z, x, y) == absent:
            return ("status", 404)
        return ("status", 500) if (z, x, y) == broken else None

    with TileServer(rule=rule) as server:
        dialog = open_dialog(options=replace(FAST, retries=2))
        fill(dialog, server.url)
        summary = start_and_finish(qtbot, dialog)
    assert (summary.stored, summary.missing, summary.failed) == (33, 1, 1)
    text = dialog.summary_view.toPlainText()
    assert "1 tiles do not exist on the server (HTTP 404)" in text
    assert "1 × server error (HTTP 500)" in text
    assert dialog.progress_bar.value() == 35
    assert len(stored_tiles(data_dir)) == 33


@pytest.mark.parametrize(
    ("field", "change", "message"),
    [
        ("url", {"url": "https://tiles.example.org/{z}/{x}.png"}, "{z}, {x} and {y}"),
        ("url", {"url": "tiles.example.org/{z}/{x}/{y}.png"}, "http:// or https://"),
        ("name", {"name": ""}, "Give the tile set a name"),
        ("name", {"name": "my tiles!"}, "letters, digits"),
        ("area", {"bbox": (2.5, 42.8, 2.0, 43.2)}, "West must be left of east"),
        ("area", {"bbox": (2.0, 43.2, 2.5, 42.8)}, "South must be below north"),
        ("area", {"bbox": (2.0, -95.0, 2.5, 43.2)}, "between -90 and 90"),
        ("area", {"bbox": (-200.0, 42.8, 2.5, 43.2)}, "between -180 and 180"),
        ("zoom", {"zooms": (12, 9)}, "must not be above the last"),
    ],
)
def test_bad_input_is_explained_beside_its_field_and_starts_nothing(
    qtbot, open_dialog, data_dir, gate, field, change, message
):
    gate.set()
    with TileServer() as server:
        dialog = open_dialog()
        fill(dialog, server.url)
        dialog.form.set_values(**change)
        dialog.start_button.click()
        assert not dialog.is_running()
        error = dialog.form.errors[field]
        assert error.isVisible() and message in error.text()
        assert "Nothing was started" in dialog.status_label.text()
        assert server.seen == []
    assert not (data_dir / "tiles").exists()


def test_a_text_in_a_coordinate_is_refused(qtbot, open_dialog):
    dialog = open_dialog()
    dialog.form.edges["north"].setText("north-ish")
    assert "must be numbers" in dialog.form.errors["area"].text()
    assert "Give the area" in dialog.form.estimate_label.text()


def test_too_many_tiles_are_refused_before_anything_starts(qtbot, open_dialog, data_dir):
    dialog = open_dialog()
    fill(dialog, "https://tiles.example.org/{z}/{x}/{y}.png", zooms=(8, 19))
    assert "more than the limit of" in dialog.form.estimate_label.text()
    dialog.start_button.click()
    assert not dialog.is_running() and not (data_dir / "tiles").exists()
    dialog.form.set_values(zooms=(8, 12))
    assert dialog.form.estimate_label.text().startswith("91 tiles, about 1.8 MB")


def test_closing_while_running_asks_then_cancels_and_leaves_no_thread(
    qtbot, open_dialog, server, gate, monkeypatch, data_dir
):
    asked = []

    def answer(*args, **kwargs):
        asked.append(args[1])
        return QMessageBox.StandardButton.No if len(asked) == 1 else QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", answer)
    dialog = open_dialog()
    fill(dialog, server.url)
    start_in_mid_air(qtbot, dialog, server)
    ended = []
    job = dialog.job
    dialog.tasks.job_finished.connect(lambda finished: finished is job and ended.append(True))
    dialog.close()  # "No": the download goes on
    assert dialog.isVisible() and dialog.is_running()
    dialog.close()  # "Yes"
    gate.set()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=TIMEOUT)
    assert asked == ["Stop the download?", "Stop the download?"]
    assert dialog.job is None and ended == [True] and job.ended
    assert dialog.summary.cancelled and 0 < len(stored_tiles(data_dir)) < 35


def test_quitting_the_app_during_a_download_asks_first(qtbot, window, server, gate, monkeypatch):
    asked = []

    def answer(*args, **kwargs):
        asked.append(args[1])
        return QMessageBox.StandardButton.No if len(asked) == 1 else QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", answer)
    window.tile_actions.seed_options = FAST
    dialog = window.tile_actions.download_area(BBOX)
    fill(dialog, server.url)
    start_in_mid_air(qtbot, dialog, server)
    window.close()  # "No": the window and the download stay
    assert window.isVisible() and dialog.is_running()
    gate.set()
    window.close()  # "Yes": cancelled, then closed
    assert asked == ["Stop the download?", "Stop the download?"]
    assert not window.isVisible() and not dialog.is_running()


def test_the_jobs_panel_shows_the_download_and_its_cancel_stops_it(
    qtbot, open_dialog, server, gate, data_dir, tasks
):
    from fieldapp.ui.kit.jobs_panel import JobsPanel

    panel = JobsPanel(tasks)
    qtbot.addWidget(panel)
    panel.show()
    dialog = open_dialog()
    fill(dialog, server.url)
    start_in_mid_air(qtbot, dialog, server)
    (row,) = panel.rows.values()
    assert row.name_label.text() == "Map tiles: aude"
    qtbot.waitUntil(lambda: row.bar.maximum() == 35, timeout=TIMEOUT)  # the plan's total
    assert row.bar.value() >= 0 and "of 35" in row.detail_label.text()
    with qtbot.waitSignal(dialog.download_finished, timeout=TIMEOUT) as finished:
        qtbot.mouseClick(row.cancel_button, Qt.MouseButton.LeftButton)
        assert row.detail_label.text() == "Cancelling…"
        gate.set()
    assert finished.args[0].cancelled and 0 < len(stored_tiles(data_dir)) < 35
    assert dialog.status_label.text() == "Cancelled."
    qtbot.waitUntil(lambda: not panel.rows, timeout=TIMEOUT)
    assert panel.empty_label.isVisible()
