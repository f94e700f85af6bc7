"""Languages, and the human words for the report vocabulary and validation codes.

`LanguageManager` installs the FieldApp and Qt translators for English or French (the
system locale by default); installing a translator makes Qt send LanguageChange to every
widget, so the windows retranslate live. The label functions translate at call time, so
call them again after a language change. GUI thread only.

Counts use Qt's plurals: `self.tr("Written: %1 (%n item(s))", "", count)`. The French
catalog holds each such string's singular and plural forms (Qt's French rule: 0 and 1
singular); English, the source language, has no catalog, so `EnglishPlurals` (installed
once, consulted after any other) writes "(s)" as nothing for 1 and "s" otherwise:
"(1 item)", "(2 items)", "(0 items)".

Qt's own French catalog (qtbase_fr.qm shipped with PySide6) predates Qt 6's mnemonics in
QFileDialog ("&Look in:", "Files of &type:"), so those labels stayed English even with the
catalog loaded: `MnemonicFallback` looks such a string up again without its "&".
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from fieldapp.reports import domain

translate = QCoreApplication.translate

LANGUAGE_CHOICES = ("system", "en", "fr")
SUPPORTED = ("en", "fr")


def translations_dir() -> Path:
    """resources/translations, from a source checkout or a PyInstaller bundle."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources" / "translations"
    return Path(__file__).resolve().parents[3] / "resources" / "translations"


def resolve_language(choice: str, locale: QLocale | None = None) -> str:
    """The language to show: "en" or "fr"; "system" follows the locale's UI languages."""
    if choice in SUPPORTED:
        return choice
    for name in (locale or QLocale.system()).uiLanguages():
        code = name.replace("_", "-").split("-")[0].lower()
        if code in SUPPORTED:
            return code
    return "en"


class LanguageManager:
    """Owns the installed translators of one QCoreApplication."""

    def __init__(self, app: QCoreApplication, folder: Path | None = None):
        self.app = app
        self.folder = folder or translations_dir()
        self.language = "en"
        self._installed: list[QTranslator] = []
        install_english_plurals(app)

    def apply(self, choice: str) -> str:
        """Switch to a settings choice ("system", "en", "fr"); returns the language shown."""
        language = resolve_language(choice)
        for old in self._installed:
            self.app.removeTranslator(old)
        self._installed = []
        if language != "en":
            self._install(f"fieldapp_{language}", self.folder)
            qt_dir = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
            self._install(f"qtbase_{language}", qt_dir, MnemonicFallback(self.app))
        self.language = language
        system = QLocale.system()
        same = system.name().split("_")[0] == language
        QLocale.setDefault(system if same else QLocale(language))
        return language

    def _install(self, name: str, folder: Path, translator: QTranslator | None = None) -> None:
        if translator is None:
            translator = QTranslator(self.app)
        if translator.load(name, str(folder)):
            self.app.installTranslator(translator)
            self._installed.append(translator)


class EnglishPlurals(QTranslator):
    """English counts: "%n item(s)" reads "1 item", "2 items"; other strings untouched."""

    def translate(
        self, context: str, sourceText: str, /, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        if n < 0 or "(s)" not in sourceText:
            return None  # not a count: the next catalog, or the source text
        return sourceText.replace("(s)", "" if n == 1 else "s")

    def isEmpty(self) -> bool:
        return False


_english_plurals: dict[int, EnglishPlurals] = {}


def install_english_plurals(app: QCoreApplication) -> None:
    """Install `EnglishPlurals` in `app` once (kept for the application's life)."""
    if id(app) not in _english_plurals:
        translator = EnglishPlurals(app)
        app.installTranslator(translator)
        _english_plurals[id(app)] = translator


class MnemonicFallback(QTranslator):
    """A catalog that also finds "Files of &type:" under its older "Files of type:"."""

    def translate(
        self, context: str, sourceText: str, /, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        # None, not "": an empty answer would stop Qt from asking the next catalog.
        found = super().translate(context, sourceText, disambiguation, n)
        if found or "&" not in sourceText:
            return found or None
        plain = super().translate(context, sourceText.replace("&", ""), disambiguation, n)
        return _with_mnemonic(plain, sourceText) if plain else None


def _with_mnemonic(translated: str, source: str) -> str:
    """Put back a mnemonic: on the source's letter if the translation has it, else first."""
    letter = source[source.index("&") + 1 : source.index("&") + 2]
    at = translated.lower().find(letter.lower()) if letter else -1
    at = max(at, 0)
    return translated[:at] + "&" + translated[at:]


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


def status_labels() -> dict[str, str]:
    return {
        "new": translate("Status", "New"),
        "triaged": translate("Status", "Triaged"),
        "in_progress": translate("Status", "In progress"),
        "closed": translate("Status", "Closed"),
        "duplicate": translate("Status", "Duplicate"),
    }


def verification_labels() -> dict[str, str]:
    return {
        "unverified": translate("Verification", "Unverified"),
        "confirmed": translate("Verification", "Confirmed"),
        "debunked": translate("Verification", "Debunked"),
    }


def source_labels() -> dict[str, str]:
    return {
        "field": translate("Source", "In the field"),
        "radio": translate("Source", "Radio"),
        "social_media": translate("Source", "Social media"),
        "phone": translate("Source", "Phone"),
        "sms": translate("Source", "SMS"),
        "authority": translate("Source", "Authority"),
        "other": translate("Source", "Other"),
    }


def category_labels() -> dict[str, str]:
    """Map feature categories (fieldapp.maps.features.CATEGORIES) as people say them."""
    return {
        "flooded_area": translate("Category", "Flooded area"),
        "closed_road": translate("Category", "Closed road"),
        "evacuation_zone": translate("Category", "Evacuation zone"),
        "danger_zone": translate("Category", "Danger zone"),
        "shelter": translate("Category", "Shelter"),
        "meeting_point": translate("Category", "Meeting point"),
        "other": translate("Category", "Other"),
    }


def confidence_labels() -> dict[str, str]:
    return {
        "low": translate("Confidence", "Low"),
        "medium": translate("Confidence", "Medium"),
        "high": translate("Confidence", "High"),
    }


def severity_labels() -> dict[int, str]:
    return {
        1: translate("Severity", "1 – minor"),
        2: translate("Severity", "2 – low"),
        3: translate("Severity", "3 – moderate"),
        4: translate("Severity", "4 – severe"),
        5: translate("Severity", "5 – critical"),
    }


def field_labels() -> dict[str, str]:
    """Report field names as people say them (history, error summaries)."""
    return {
        "title": translate("Field", "Title"),
        "body": translate("Field", "Text"),
        "kind": translate("Field", "Kind"),
        "tags": translate("Field", "Tags"),
        "severity": translate("Field", "Severity"),
        "lat": translate("Field", "Latitude"),
        "lon": translate("Field", "Longitude"),
        "accuracy_m": translate("Field", "Accuracy (m)"),
        "place": translate("Field", "Place"),
        "observed_at": translate("Field", "Observed at"),
        "author": translate("Field", "Author"),
        "source": translate("Field", "Source"),
        "source_ref": translate("Field", "Source reference"),
        "status": translate("Field", "Status"),
        "duplicate_of": translate("Field", "Duplicate of"),
        "verification": translate("Field", "Verification"),
        "verified_by": translate("Field", "Verified by"),
        "verified_at": translate("Field", "Verified at"),
        "verification_method": translate("Field", "Verification method"),
        "verification_confidence": translate("Field", "Confidence"),
        "deleted": translate("Field", "Deleted"),
    }


_RANGES = {"lat": (-90, 90), "lon": (-180, 180), "accuracy_m": (0, 10_000_000)}


def error_message(field: str, code: str, english: str) -> str:
    """A validation error (domain code) as a translated sentence for one field."""
    locale = QLocale()
    if code == "required":
        if field in ("lat", "lon"):
            return translate("FieldError", "Latitude and longitude go together: enter both.")
        if field == "duplicate_of":
            return translate("FieldError", "Say which report this one duplicates.")
        return translate("FieldError", "This field is required.")
    if field == "severity" and code in ("out_of_range", "not_a_number"):
        low, high = domain.SEVERITY_MIN, domain.SEVERITY_MAX
        text = translate("FieldError", "Enter a whole number from %1 to %2.")
        return text.replace("%1", str(low)).replace("%2", str(high))
    if code == "out_of_range" and field in _RANGES:
        low, high = _RANGES[field]
        text = translate("FieldError", "Must be between %1 and %2.")
        return text.replace("%1", locale.toString(low)).replace("%2", locale.toString(high))
    simple = {
        "not_a_number": translate("FieldError", "Enter a number, e.g. 43.8367."),
        "unknown_value": translate("FieldError", "Choose one of the values in the list."),
        "bad_time": translate("FieldError", "Enter a date and time like 2026-11-28 14:05 (UTC)."),
        "not_found": translate("FieldError", "No report with this id in this operation."),
        "self": translate("FieldError", "A report cannot be a duplicate of itself."),
        "unknown_field": translate("FieldError", "This field is not known."),
    }
    if code == "too_long":
        limit = domain.TITLE_MAX if field == "title" else 0
        text = translate("FieldError", "Too long: at most %1 characters.")
        return text.replace("%1", locale.toString(limit)) if limit else english
    return simple.get(code, english)
