"""The last safety net of the window: an error no view caught is said in words, not lost.

Views catch what they expect (a read that fails empties the view and says why, a save
that is refused keeps the editor open). Whatever still escapes a slot (a database read
on the UI thread that fails because another program holds a lock too long, a disk that
fails) would otherwise print a traceback on a console the user never sees, and the
window would look as if nothing happened. `install(window)` makes such an error a
message in the window's status bar, in words, and keeps the traceback in the log for
whoever investigates. Installed by run_gui only: tests keep pytest-qt's own hook, which
fails a test on such an error. GUI thread only (Qt calls the hook from the slot that
raised, on the thread that ran it; other threads' errors are their workers' business).
"""

from __future__ import annotations

import logging
import sqlite3
import sys
import threading
from collections.abc import Callable
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QObject

from fieldapp.core.database import DatabaseError

log = logging.getLogger(__name__)


def describe(error: BaseException) -> str:
    """The words for the status bar (translated)."""
    reason = str(error).strip() or type(error).__name__
    if isinstance(error, sqlite3.Error | DatabaseError):
        text = QCoreApplication.translate(
            "ErrorHook",
            "The database could not be used: %1. Try again; if it goes on, check the data "
            "folder (fieldapp check).",
        )
    else:
        text = QCoreApplication.translate(
            "ErrorHook", "Something went wrong: %1. The details are in the log."
        )
    return text.replace("%1", reason)


def install(show: Callable[[str], None], owner: QObject) -> Callable[[], None]:
    """Route errors that escape a slot of `owner`'s thread to `show(words)`; returns the
    function that puts the previous hook back. Call it on that thread (the GUI thread)."""
    previous = sys.excepthook
    gui = threading.get_ident()  # owner's thread: the one installing the hook

    def hook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt) or threading.get_ident() != gui:
            previous(kind, error, tb)
            return
        log.error("uncaught error in the window", exc_info=(kind, error, tb))
        show(describe(error))

    def uninstall() -> None:
        sys.excepthook = previous

    sys.excepthook = hook
    return uninstall
