"""The words of a situation report in the language asked for (English or French), whatever
the language of the window: a coordinator working in French may send the sitrep to an
English-speaking cell.

`in_language(lang)` loads FieldApp's translator for that language for the duration of a
`with` block, in the calling thread only (a thread-local: a sitrep written in a job never
changes the words of the window, nor of another job); `translate(context, text)` is
QCoreApplication.translate's twin that uses it, so pyside6-lupdate finds the strings as
usual. The vocabulary labels reuse the app's contexts (Kind, Severity, Verification), so
their French is the one the window shows.

Threads: any; each thread has its own language (English outside a `with` block).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QTranslator

from fieldapp.ui.kit.i18n import SUPPORTED, translations_dir

_local = threading.local()


@contextmanager
def in_language(lang: str) -> Iterator[str]:
    """Translate in `lang` ("en", "fr") in this thread until the block ends."""
    if lang not in SUPPORTED:
        raise ValueError(f"{lang!r} is not a language of FieldApp: {', '.join(SUPPORTED)}")
    before = getattr(_local, "translator", None)
    translator = None
    if lang != "en":
        translator = QTranslator()
        translator.load(f"fieldapp_{lang}", str(translations_dir()))
    _local.translator = translator
    try:
        yield lang
    finally:
        _local.translator = before


def translate(context: str, text: str) -> str:
    """`text` in this thread's language (see in_language), the English source otherwise."""
    translator: QTranslator | None = getattr(_local, "translator", None)
    if translator is None:
        return text
    return translator.translate(context, text) or text


def kind_labels() -> dict[str, str]:
    return {
        "observation": translate("Kind", "Observation"),
        "request_for_help": translate("Kind", "Request for help"),
        "missing_person": translate("Kind", "Missing person"),
        "damage": translate("Kind", "Damage"),
        "hazard": translate("Kind", "Hazard"),
        "rumour": translate("Kind", "Rumour"),
        "information": translate("Kind", "Information"),
    }


def severity_labels() -> dict[int, str]:
    return {
        1: translate("Severity", "1 – minor"),
        2: translate("Severity", "2 – low"),
        3: translate("Severity", "3 – moderate"),
        4: translate("Severity", "4 – severe"),
        5: translate("Severity", "5 – critical"),
    }


def verification_labels() -> dict[str, str]:
    return {
        "unverified": translate("Verification", "Unverified"),
        "confirmed": translate("Verification", "Confirmed"),
        "debunked": translate("Verification", "Debunked"),
    }


def exercise_line() -> str:
    """The line of the bands above and below every page of an exercise's sitrep."""
    return translate("SitrepPdf", "EXERCISE EXERCISE EXERCISE")
