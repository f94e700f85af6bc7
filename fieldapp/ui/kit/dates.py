"""Dates and times in the window: one format for lists, the locale's for sentences.

- Lists, tables, columns and date fields: ISO 8601, "2026-12-06 14:05" (`list_time`,
  from fieldapp/core/datetext.py), the same in every language and under LANG=C.
- Sentences, tooltips, the status bar, dialogs: the locale of the app's language, long
  form without the weekday, "6 December 2026 at 14:05", "6 décembre 2026 à 14:05"
  (`prose_time`). Under the C locale the window is English (LanguageManager), and so are
  its dates: never "6 12 2026" nor "Sun Dec 6 14:05:00 2026".
- Durations in words with their plural, "1 minute", "4 seconds" (`duration_words`).

Local time unless a desk's convention is UTC (the radio log, the reports, alerts: their
headers say "UTC"). Translations are looked up at call time: call again after a language
change. GUI thread (translators and QLocale.setDefault live there).
"""

from __future__ import annotations

import re
from datetime import UTC

from PySide6.QtCore import QCoreApplication, QDate, QLocale, QTime
from PySide6.QtWidgets import QDateTimeEdit

from fieldapp.core import datetext
from fieldapp.core.datetext import Stamp

translate = QCoreApplication.translate

ISO_EDIT_FORMAT = "yyyy-MM-dd HH:mm"  # QDateTimeEdit's display, as the lists show times


def list_time(
    value: Stamp, *, utc: bool = False, seconds: bool = False, epoch_ms: bool = False
) -> str:
    """ "2026-12-06 14:05" for a list or a table ("" for none)."""
    return datetext.iso_text(value, utc=utc, seconds=seconds, epoch_ms=epoch_ms)


def utc_time(value: Stamp) -> str:
    """ "2026-12-06 14:05 UTC" where a desk keeps UTC and the column does not say it."""
    text = datetext.iso_text(value, utc=True)
    return f"{text} UTC" if datetext.moment(value) is not None else text


def clock_time(value: Stamp, *, utc: bool = False, seconds: bool = False) -> str:
    """ "14:05:07": the time of day alone, where the day is said elsewhere."""
    return datetext.iso_clock(value, utc=utc, seconds=seconds)


def prose_locale() -> QLocale:
    """The locale of the app's language; English where the system gives only C."""
    locale = QLocale()
    if locale.language() == QLocale.Language.C:
        return QLocale(QLocale.Language.English)
    return locale


def prose_time(value: Stamp, *, utc: bool = False, epoch_ms: bool = False) -> str:
    """ "6 December 2026 at 14:05" in the locale's words, for a sentence.

    "" for no moment (the caller words "never" in its own sentence); text that is no time
    comes back as it was."""
    found = datetext.moment(value, epoch_ms=epoch_ms)
    if found is None:
        return "" if value is None or value == "" else str(value)
    locale = prose_locale()
    shown = found.astimezone(UTC) if utc else found.astimezone()
    day = _day_words(locale, shown.year, shown.month, shown.day)
    at = locale.toString(
        QTime(shown.hour, shown.minute), locale.timeFormat(QLocale.FormatType.ShortFormat)
    )
    text = translate("Dates", "%1 at %2").replace("%1", day).replace("%2", at)
    return f"{text} UTC" if utc else text


def prose_date(value: Stamp, *, utc: bool = False) -> str:
    """ "6 December 2026": the day alone, in the locale's words."""
    found = datetext.moment(value)
    if found is None:
        return "" if value is None or value == "" else str(value)
    shown = found.astimezone(UTC) if utc else found.astimezone()
    return _day_words(prose_locale(), shown.year, shown.month, shown.day)


def _day_words(locale: QLocale, year: int, month: int, day: int) -> str:
    return locale.toString(QDate(year, month, day), long_day_format(locale))


def long_day_format(locale: QLocale) -> str:
    """The locale's long date format without the weekday: "d MMMM yyyy", "MMMM d, yyyy"."""
    pattern = locale.dateFormat(QLocale.FormatType.LongFormat)
    return re.sub(r"dddd[,.]?\s*", "", pattern).strip(" ,")


def duration_words(seconds: float | None) -> str:
    """ "4 seconds", "1 minute", "3 hours", "2 days" ("" for none): a relative time."""
    if seconds is None:
        return ""
    if seconds < 1:
        return translate("Dates", "less than a second")
    if seconds >= 86400:
        one, many = translate("Dates", "1 day"), translate("Dates", "%1 days")
        return _counted(seconds // 86400, one, many)
    if seconds >= 3600:
        one, many = translate("Dates", "1 hour"), translate("Dates", "%1 hours")
        return _counted(seconds // 3600, one, many)
    if seconds >= 60:
        one, many = translate("Dates", "1 minute"), translate("Dates", "%1 minutes")
        return _counted(seconds // 60, one, many)
    one, many = translate("Dates", "1 second"), translate("Dates", "%1 seconds")
    return _counted(seconds, one, many)


def _counted(amount: float, one: str, many: str) -> str:
    # Spelled out, as elsewhere in the project (lupdate reads no plural forms here); 0
    # never comes (less than a second), so French agrees with English on 1 and on more.
    count = int(amount)
    return one if count == 1 else many.replace("%1", prose_locale().toString(count))


def set_iso_display(edit: QDateTimeEdit, *, utc: bool = False) -> None:
    """A date and time field shows its value as the lists do (and says UTC if it is)."""
    edit.setDisplayFormat(ISO_EDIT_FORMAT + (" 'UTC'" if utc else ""))
