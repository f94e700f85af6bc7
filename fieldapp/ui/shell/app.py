"""Start the desktop application: `run_gui(data_dir)`.

Start-up is kept short (it is benchmarked against a bare Qt window): only QtCore,
QtGui and QtWidgets are imported here (no QtWebEngine, no folium), the window is shown
as soon as it is built, and the slow chores (a rotating backup, an integrity check) run
after the first paint in a worker thread with its own connection. A database that
cannot be used is explained in a message box, never a traceback; an error no view caught
goes to the status bar in words (error_hook.py). GUI thread only.
"""

from __future__ import annotations

import gc
import logging
import sqlite3
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from fieldapp import APP_NAME, __version__
from fieldapp.core.database import DatabaseError
from fieldapp.core.resources import resources_dir
from fieldapp.core.settings import Settings
from fieldapp.store import Store
from fieldapp.ui.kit.i18n import LanguageManager
from fieldapp.ui.shell import error_hook
from fieldapp.ui.shell.jobs import MaintenanceOutcome, start_up_maintenance
from fieldapp.ui.shell.main_window import MainWindow
from fieldapp.ui.shell.readiness import report_ready_and_quit

log = logging.getLogger(__name__)
EXIT_CANNOT_OPEN = 2
MAINTENANCE_DELAY_MS = 3000


translate = QCoreApplication.translate


def create_application() -> QApplication:
    """The QApplication (reused if one exists, e.g. under pytest-qt)."""
    app = QApplication.instance()
    if app is None:
        # Qt WebEngine (the map, imported later) needs this before the QApplication exists.
        QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
        app = QApplication(sys.argv[:1] if sys.argv else [APP_NAME])
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setWindowIcon(QIcon(str(resources_dir() / "icons" / "fieldapp.svg")))
    return app


def open_store(data_dir: Path, settings: Settings, user: str | None = None) -> Store:
    """The store of a data directory, signed with the settings' name or `user`."""
    return Store(data_dir, user=settings.user_name or user)


def explain_open_error(data_dir: Path, error: Exception, parent: QWidget | None = None) -> None:
    """Tell the user, in words, why the data cannot be opened; nothing was changed."""
    text = translate("App", "FieldApp cannot open the data in %1.").replace("%1", str(data_dir))
    advice = translate(
        "App",
        "Nothing was changed. If you have a backup, open it with --data-dir; "
        "otherwise keep a copy of this folder and ask for help.",
    )
    box = QMessageBox(
        QMessageBox.Icon.Critical, translate("App", "Cannot open the data"), text, parent=parent
    )
    box.setInformativeText(f"{error}\n\n{advice}")
    box.exec()


def run_gui(data_dir: Path, user: str | None = None) -> int:
    """Show the main window on `data_dir` until the user quits; returns the exit code."""
    data_dir = Path(data_dir)
    app = create_application()
    settings = Settings.load(data_dir)
    languages = LanguageManager(app)
    languages.apply(settings.language)
    try:
        store = open_store(data_dir, settings, user)
    except (DatabaseError, sqlite3.Error, OSError) as exc:
        log.error("cannot open %s: %s", data_dir, exc)
        explain_open_error(data_dir, exc)
        return EXIT_CANNOT_OPEN
    window = MainWindow(store, settings, languages=languages)
    uninstall_hook = error_hook.install(window.status.showMessage, window)
    window.start_up_finished.connect(collect_from_now_on)
    _watcher = report_ready_and_quit(window)
    window.show()
    # Later, not at once: the check reads the whole database, and the first seconds belong
    # to the user (and to painting the list).
    QTimer.singleShot(MAINTENANCE_DELAY_MS, lambda: start_maintenance(window))
    try:
        return app.exec()
    finally:
        uninstall_hook()
        window.shutdown()
        store.close()


def collect_from_now_on() -> None:
    """End of start-up: the cyclic garbage collector works again (cli.py paused it).

    The objects of start-up live as long as the app: frozen, they stay out of the
    collector's full passes, which otherwise cost tens of milliseconds mid-scroll.
    """
    gc.freeze()
    gc.enable()


def start_maintenance(window: MainWindow) -> None:
    """Backup and integrity check in the background, once the window is up."""
    from functools import partial

    from fieldapp.ui.kit.taskman import Lane

    window.tasks.submit(
        partial(start_up_maintenance, window.data_dir),
        lane=Lane.FILES,
        name=translate("App", "Backup and database check"),
        on_done=lambda outcome: report_maintenance(window, outcome),
        on_failed=lambda error: report_maintenance(
            window, MaintenanceOutcome(problems=[str(error) or type(error).__name__])
        ),
        owner=window,
    )


def report_maintenance(window: MainWindow, outcome: MaintenanceOutcome) -> None:
    if outcome.backup_error:
        text = translate("App", "The automatic backup failed: %1").replace(
            "%1", outcome.backup_error
        )
        window.status.showMessage(text)
    elif outcome.backup_path is not None:
        window.status.showMessage(translate("App", "Backup saved."), 4000)
    if outcome.problems:
        QMessageBox.warning(
            window,
            translate("App", "Database check"),
            translate(
                "App",
                "FieldApp found problems in its database. Nothing was changed. Keep working "
                "if you must, make a copy of the data folder, and ask for help.",
            )
            + "\n\n"
            + "\n".join(outcome.problems[:10]),
        )
