"""`run_selftest(data_dir)`: open the real window headless and time its start-up, say its
language with one of FieldApp's words and one of Qt's, write a PDF through Qt, then
render the map of the same operation offline (failing if it made any external request).

Used by `fieldapp selftest` (and on a PyInstaller bundle) to prove that Qt, the store and
the window work together. Without a display it switches Qt to the offscreen platform
before the QApplication exists. Runs on the calling thread, which becomes the GUI thread.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from PySide6.QtCore import QEventLoop, QTimer

LIST_TIMEOUT_MS = 60_000
# A word of Qt's own translations (qtbase): kept out of lupdate's sight (not literal
# arguments), so that FieldApp's catalogue never answers for Qt's.
QT_WORD = ("QPlatformTheme", "Cancel")


def _needs_offscreen() -> bool:
    if sys.platform in ("win32", "darwin"):
        return False
    return not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def run_selftest(data_dir: Path, *, with_map: bool = True) -> dict:
    """Open store and window, wait for the list; timings in ms since the call.

    Raises on any failure (a database that cannot be opened, a list that never fills, a
    map that does not load or asks for anything outside the app). `with_map=False` stops
    after the window, so that a test can check what start-up alone imported.
    """
    started = time.perf_counter()
    epoch_started = time.time()

    def elapsed() -> float:
        return round((time.perf_counter() - started) * 1000, 1)

    if _needs_offscreen():
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if hasattr(os, "geteuid") and os.geteuid() == 0:  # Chromium (the map) refuses root
        os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--no-sandbox")
    from fieldapp.core.settings import Settings
    from fieldapp.ui.kit.i18n import LanguageManager
    from fieldapp.ui.shell.app import create_application, open_store
    from fieldapp.ui.shell.main_window import MainWindow
    from fieldapp.ui.shell.readiness import FirstRowsWatcher

    app = create_application()
    settings = Settings.load(Path(data_dir))
    languages = LanguageManager(app)
    languages.apply(settings.language)
    store = open_store(Path(data_dir), settings)
    result: dict = {"store_open_ms": elapsed()}
    window = MainWindow(store, settings)
    painted: list[float] = []
    _watcher = FirstRowsWatcher(window, painted.append)
    try:
        window.show()
        app.processEvents()
        result["window_shown_ms"] = elapsed()
        _wait_for(lambda: bool(painted))
        result["list_populated_ms"] = round((painted[0] - epoch_started) * 1000, 1)
        result["list_populated_epoch"] = painted[0]  # for process-start benchmarks
        result.update(_time_the_list(window, elapsed))
        result.update(_check_the_words(languages.language))
        result.update(_check_a_pdf(Path(data_dir)))
        if with_map:
            result.update(_check_the_map(store, window.operation, elapsed))
    finally:
        window.shutdown()
        window.close()
        window.deleteLater()
        store.close()
    return result


def _time_the_list(window, elapsed) -> dict:
    """Wait for the whole list; check a row can be read."""
    model = window.report_model
    result = {}
    _wait_for(lambda: model.query is None or model.is_complete())
    result["list_complete_ms"] = elapsed()
    if model.rowCount() and model.report_at(0) is None:
        raise RuntimeError("the first report of the list could not be read")
    result["rows"] = model.rowCount()
    result["operation"] = window.operation["name"] if window.operation else None
    result["ok"] = True
    return result


def _check_the_words(language: str) -> dict:
    """The window's language, one of FieldApp's words and one of Qt's own in it (a bundle
    must carry both translations: FieldApp's and Qt's for its standard buttons)."""
    from PySide6.QtCore import QCoreApplication

    return {
        "language": language,
        "app_word": QCoreApplication.translate("SettingsDialog", "Settings"),
        "qt_word": QCoreApplication.translate(*QT_WORD),
    }


def _check_a_pdf(data_dir: Path) -> dict:
    """One page written through Qt (as reports and logs are), read back from the disk."""
    from fieldapp.ui.kit import pdf

    path = data_dir / "selftest.pdf"
    try:
        pages = pdf.write_pdf("<h1>FieldApp</h1><p>selftest</p>", path, title="selftest")
        size = path.stat().st_size
    finally:
        path.unlink(missing_ok=True)
    if pages < 1 or size < 500:
        raise RuntimeError(f"the PDF was not written ({pages} pages, {size} bytes)")
    return {"pdf_pages": pages}


def _check_the_map(store, operation, elapsed) -> dict:
    """Render the map of the operation offline; fail if it asked for anything external."""
    from fieldapp.ui.kit.taskman import TaskManager
    from fieldapp.ui.maps.view import MapView

    tasks = TaskManager(store.data_dir)
    view = MapView(store, tasks)
    ready: list[bool] = []
    failures: list[str] = []
    view.map_ready.connect(lambda: ready.append(True))
    view.load_failed.connect(failures.append)
    view.reports_read_failed.connect(failures.append)
    try:
        view.resize(1024, 700)
        view.show()
        view.set_operation(operation)
        _wait_for(lambda: bool(ready or failures))
        if failures:
            raise RuntimeError(f"the map did not load: {failures[0]}")
        blocked = view.blocked_requests
        if blocked:
            raise RuntimeError(f"the map asked for {len(blocked)} external URLs: {blocked[:3]}")
        return {"map_ready_ms": elapsed(), "map_external_requests": 0}
    finally:
        view.shutdown()
        view.close()
        view.deleteLater()
        tasks.shutdown()


def _wait_for(condition) -> None:
    """Run the event loop until `condition()` is true; raise after LIST_TIMEOUT_MS."""
    deadline = time.perf_counter() + LIST_TIMEOUT_MS / 1000
    loop = QEventLoop()
    timer = QTimer()
    timer.setInterval(1)
    timer.timeout.connect(loop.quit)
    timer.start()
    while not condition():
        if time.perf_counter() > deadline:
            raise TimeoutError(f"the window did not get ready within {LIST_TIMEOUT_MS} ms")
        loop.exec()
    timer.stop()
