"""What the radio desk writes as files, as build functions for the kit's file jobs
(kit/file_jobs.py: the job, its progress dialog, cancel, no partial file): a message's
form, the ICS-309 and ICS-214 logs as PDF, the logs as CSV.

Build functions run in the worker, on the worker's own Store (a SQLite connection never
crosses threads); they read what they need and return the content. Qt-wise they only
make HTML and translate labels (thread-safe).
"""

from __future__ import annotations

from fieldapp.core.times import utc_now
from fieldapp.radio import forms
from fieldapp.store import Store
from fieldapp.ui.kit.file_jobs import Build, CsvBuild, PdfContent
from fieldapp.ui.radio import printing as radio_print


def message_build(message: dict, *, exercise: bool) -> Build:
    """A message as its form; the message was read on the GUI thread (one row)."""
    number = message["number"] or message["id"][:8]
    title = f"{message['kind']} NR {number}"
    return lambda _store: radio_print.content(radio_print.message_html(message), title, exercise)


def ics309_build(
    operation: dict, period: tuple[str, str], station: str, operator: str, net: str
) -> Build:
    def build(store: Store) -> PdfContent:
        sheet = _ics309(store, operation, period, station, operator, net)
        return radio_print.content(radio_print.ics309_html(sheet), "ICS 309", sheet.exercise)

    return build


def ics214_build(operation: dict, period: tuple[str, str], station: str, operator: str) -> Build:
    def build(store: Store) -> PdfContent:
        rows = _ics214(store, operation, period, station)
        person = " ".join(part for part in (operator, station) if part)
        body = radio_print.ics214_html(operation["name"], period, person, rows)
        return radio_print.content(body, "ICS 214", bool(operation["exercise"]))

    return build


def ics309_csv_build(
    operation: dict, period: tuple[str, str], station: str, operator: str, net: str
) -> CsvBuild:
    def build(store: Store) -> tuple[str, int]:
        sheet = _ics309(store, operation, period, station, operator, net)
        return forms.ics309_csv(sheet), len(sheet.rows)

    return build


def ics214_csv_build(
    operation: dict, period: tuple[str, str], station: str, operator: str
) -> CsvBuild:
    def build(store: Store) -> tuple[str, int]:
        rows = _ics214(store, operation, period, station)
        person = " ".join(part for part in (operator, station) if part)
        exercise = bool(operation["exercise"])
        text = forms.ics214_csv(operation["name"], period, person, rows, exercise=exercise)
        return text, len(rows)

    return build


def _ics309(
    store: Store, operation: dict, period: tuple[str, str], station: str, operator: str, net: str
) -> forms.Ics309Log:
    messages = store.radio.period(operation["id"], since=period[0], until=period[1])
    return forms.build_ics309(
        operation,
        messages,
        period=period,
        station=station,
        operator=operator,
        net=net,
        prepared_at=utc_now()[:16].replace("T", " "),
    )


def _ics214(store: Store, operation: dict, period: tuple[str, str], station: str) -> list[dict]:
    messages = store.radio.period(operation["id"], since=period[0], until=period[1])
    return forms.build_ics214(messages, station, period=period)
