"""Fixtures for the UI tests: a data directory with an operation and a few reports.

Every test gets its own tmp_path data directory; the window is shown offscreen
(QT_QPA_PLATFORM=offscreen, set below if the caller did not) and closed at the end,
after its threads are stopped.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
if hasattr(os, "geteuid") and os.geteuid() == 0:  # Chromium refuses its sandbox as root
    os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--no-sandbox")

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt

from fieldapp.core.settings import Settings
from fieldapp.store import Store

# The map (Qt WebEngine) needs this before pytest-qt creates the QApplication.
QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)

REPORTS = [
    {
        "title": "Bridge over the Gardon closed",
        "kind": "hazard",
        "severity": 5,
        "status": "triaged",
        "place": "Remoulins",
        "verification": "confirmed",
        "tags": ["bridge", "road closed"],
    },
    {
        "title": "Family on a roof asking for help",
        "kind": "request_for_help",
        "severity": 4,
        "status": "in_progress",
        "place": "Alès",
    },
    {
        "title": "Power outage in the north",
        "kind": "damage",
        "severity": 2,
        "status": "new",
        "place": "Nîmes",
    },
    {
        "title": "Rumour about the dam",
        "kind": "rumour",
        "severity": 3,
        "status": "closed",
        "verification": "debunked",
    },
    {
        "title": "Shelter open at the gymnasium",
        "kind": "information",
        "severity": 1,
        "status": "new",
        "place": "Alès",
    },
]


@pytest.fixture(autouse=True)
def station_call(monkeypatch):
    """The radio desk's call sign, as an operator sets it once: the desk asks for it on
    its first use otherwise (tests/ui/test_radio_station.py tests that question)."""
    monkeypatch.setenv("FIELDAPP_STATION", "F4TST")


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def store(data_dir: Path) -> Iterator[Store]:
    with Store(data_dir, user="tester") as opened:
        yield opened


@pytest.fixture
def tasks(qtbot, store: Store):
    """The application's task manager on the test's data directory; shut down after."""
    from fieldapp.ui.kit.taskman import TaskManager

    manager = TaskManager(store.data_dir)
    yield manager
    assert manager.shutdown(), "a job still ran when the test ended"


@pytest.fixture
def operation(store: Store) -> dict:
    return store.operations.create("Gard floods")


@pytest.fixture
def reports(store: Store, operation: dict) -> list[dict]:
    return [store.reports.add(operation["id"], values) for values in REPORTS]


@pytest.fixture
def server(tmp_path: Path):
    """A real `fieldapp serve` on a free loopback port, with its own SQLite database."""
    from ui_synckit import kit

    running = kit.Server(str(tmp_path / "server.db"), tmp_path / "srv").start()
    yield running
    running.stop()
    running.db.close()


@pytest.fixture
def make_window(qtbot, store: Store):
    """Build a shown MainWindow on `store`, its list loaded; closed after the test."""
    from fieldapp.ui.shell.main_window import MainWindow

    made = []

    def make(settings: Settings | None = None, languages=None) -> MainWindow:
        window = MainWindow(store, settings or Settings(), languages=languages)
        made.append(window)
        window.show()
        qtbot.waitExposed(window)
        model = window.report_model
        if model.query is not None:
            qtbot.waitUntil(model.is_complete)
        return window

    yield make
    for window in made:
        if window._editor is not None:
            window._editor.discard_changes()
        window.shutdown()
        window.close()
        window.deleteLater()


@pytest.fixture
def make_radio_desk(qtbot, store: Store, tasks):
    """make_radio_desk(operation): a shown radio desk of station F4ABC on that operation;
    its threads stopped and closed after the test."""
    from fieldapp.ui.radio.desk import RadioDesk

    made = []

    def make(operation: dict) -> RadioDesk:
        desk = RadioDesk(store, tasks, None, station="F4ABC")
        made.append(desk)
        desk.set_operation(operation)
        desk.show()
        qtbot.waitExposed(desk)
        return desk

    yield make
    for desk in made:
        desk.shutdown()
        desk.close()
        desk.deleteLater()


@pytest.fixture
def window(make_window, operation: dict, reports: list[dict]):
    """The main window on the "Gard floods" operation with its five reports."""
    return make_window(Settings(last_operation_id=operation["id"]))


def titles_of(model) -> list[str]:
    return [model.report_at(row)["title"] for row in range(model.rowCount())]


@pytest.fixture
def listed_titles():
    """titles(window): the titles the report list shows, top to bottom."""
    return lambda window: titles_of(window.report_model)


@pytest.fixture
def make_map(qtbot, store: Store, tasks):
    """make_map(operation=None): a shown MapView on `store`, its page and data ready."""
    from fieldapp.ui.maps.view import MapView

    made = []

    def make(operation: dict | None = None, wait: bool = True):
        view = MapView(store, tasks)
        made.append(view)
        view.resize(900, 600)
        view.show()
        if wait:
            with qtbot.waitSignal(view.map_ready, timeout=30_000):
                view.set_operation(operation)
        else:
            view.set_operation(operation)
        return view

    yield make
    for view in made:
        view.shutdown()
        view.close()
        view.deleteLater()


@pytest.fixture
def evaluate(qtbot):
    """evaluate(view, script): the value of a JavaScript expression in the map page."""

    def run(view, script: str):
        results: list = []
        view.run_js(script, results.append)
        qtbot.waitUntil(lambda: bool(results), timeout=10_000)
        return results[0]

    return run


@pytest.fixture
def languages(qapp):
    """The app's language manager; English again after the test."""
    from fieldapp.ui.kit.i18n import LanguageManager

    manager = LanguageManager(qapp)
    yield manager
    manager.apply("en")
