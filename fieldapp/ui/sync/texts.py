"""Sync state in words: link state, ages, times and errors, translated at call time.

The sync core words its errors in English for the log and the command line; here they
get a translated sentence in front that says what it means for the user, the detail
after it. Pure functions; call them on the GUI thread (translators live there).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from fieldapp.ui.kit import dates

translate = QCoreApplication.translate
ONLINE, OFFLINE, NOT_SET_UP, SYNCING = "online", "offline", "not_set_up", "syncing"


def state_text(state: str) -> str:
    return {
        ONLINE: translate("Sync", "Online"),
        OFFLINE: translate("Sync", "Offline — server not reachable"),
        SYNCING: translate("Sync", "Syncing…"),
        NOT_SET_UP: translate("Sync", "Offline — sync not set up"),
    }[state]


def phase_text(phase: str) -> str:
    """What a sync round is doing (its progress phases), for the Jobs panel."""
    return {
        "push": translate("Sync", "Sending changes"),
        "pull": translate("Sync", "Receiving changes"),
        "files": translate("Sync", "Transferring files"),
    }.get(phase, phase)


def age_text(seconds: float | None) -> str:
    """How old something is, in words: "4 seconds", "1 minute" ("" for none)."""
    return dates.duration_words(seconds)


def time_text(stamp: str | float | None) -> str:
    """A UTC ISO stamp (or ms since the epoch) in a sentence: "6 December 2026 at 14:05"
    in the locale's words, local time; "never" for none."""
    if stamp is None or stamp == "":
        return translate("Sync", "never")
    return dates.prose_time(stamp, epoch_ms=isinstance(stamp, int | float))


def list_time_text(stamp: str | float | None) -> str:
    """The same moment in a list's column: "2026-12-06 14:05" (local time)."""
    return dates.list_time(stamp, epoch_ms=isinstance(stamp, int | float))


def sync_error_text(error: BaseException) -> str:
    """A failed sync call (join, undo…) as a whole sentence in the window's language,
    by its code (sync/client/transport.SyncError); anything else: its message."""
    sentences = {
        "unreachable": translate(
            "Sync", "The server could not be reached: check its address and the network."
        ),
        "certificate": translate(
            "Sync",
            "The server's certificate is not trusted: choose the server's certificate file"
            " (PEM) if it is self-signed.",
        ),
        "device_refused": translate(
            "Sync", "The server does not accept this device: ask its admin for a new code."
        ),
        "device_revoked": translate(
            "Sync", "The server refused this device: its admin revoked it or the user."
        ),
        "code_refused": translate(
            "Sync",
            "The server did not accept this code: it is wrong, used or expired. Ask the"
            " server's admin for a new one (fieldapp server enroll NAME).",
        ),
        "code_format": translate(
            "Sync", "This is not a code: it looks like K7P-4QX-9M3 (nine letters and digits)."
        ),
        "pin": translate("Sync", "That file is not a certificate (PEM) that can be read."),
        "not_fieldapp": translate(
            "Sync", "The server answered, but not as a FieldApp server: check its address."
        ),
        "not_joined": translate("Sync", "This device has not joined a server yet."),
        "refused": translate("Sync", "The server refused the request."),
    }
    code = getattr(error, "code", "")
    return sentences.get(code) or str(error) or type(error).__name__


def error_words(error: str | None) -> str:
    """The last sync error as a sentence the user can act on, with the detail after it."""
    if not error:
        return ""
    low = error.lower()
    if "not joined" in low:
        sentence = translate("Sync", "This device has not joined a server yet.")
    elif "does not accept this device" in low or "refused:" in low:
        sentence = translate(
            "Sync", "The server refused this device: ask its admin for a new code."
        )
    elif "certificate" in low:
        sentence = translate("Sync", "The server's certificate is not trusted.")
    elif "cannot reach" in low or "gave up after" in low or "timed out" in low:
        sentence = translate(
            "Sync", "The server could not be reached: check the network. Nothing is lost."
        )
    elif "not fully synchronised" in low:
        sentence = translate("Sync", "Some changes are not on the server yet.")
    else:
        sentence = translate("Sync", "Sync did not finish.")
    return sentence + " (" + error + ")"
