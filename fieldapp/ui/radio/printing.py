"""PDF of radio forms through Qt: a message as its form, the ICS-309 and ICS-214 logs.

The data comes from the Qt-free core (fieldapp.radio.forms); this module lays it out as
HTML, and the kit's pages (kit/pdf.py) flow it onto A4 pages with, on every page of an
exercise, EXERCISE above and below the content, so that no sheet of an exercise can be
taken for real traffic.

Threads: any thread, once a QGuiApplication exists (kit/pdf.py says why); the labels come
from QCoreApplication.translate, which is thread-safe. In the app the desk writes its
PDFs in a worker (pdf_job.py and the kit's file jobs); `progress` reports pages and can
cancel.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication

from fieldapp.radio import forms
from fieldapp.radio.forms import Ics309Log
from fieldapp.ui.kit import pdf as pdf_pages
from fieldapp.ui.kit.file_jobs import PdfContent
from fieldapp.ui.kit.pdf import Progress

STYLE = """
.words td { font-family: monospace; font-size: 12pt; width: 20%; }
"""  # added to the kit's
_e = pdf_pages.escape


def _cells(pairs: Sequence[tuple[str, Any]]) -> str:
    return "".join(f"<td><span class='label'>{_e(k)}</span><br>{_e(v)}</td>" for k, v in pairs)


def _heads(*names: str) -> str:
    return "".join(f"<th>{_e(name)}</th>" for name in names)


def radiogram_html(m: Mapping[str, Any]) -> str:
    preamble = [
        (QCoreApplication.translate("RadioPrint", "NUMBER"), m["number"]),
        (QCoreApplication.translate("RadioPrint", "PRECEDENCE"), forms.precedence_word(m)),
        (QCoreApplication.translate("RadioPrint", "HX"), m["handling"]),
        (QCoreApplication.translate("RadioPrint", "STATION OF ORIGIN"), m["origin_station"]),
        (QCoreApplication.translate("RadioPrint", "CHECK"), m["check"]),
        (QCoreApplication.translate("RadioPrint", "PLACE OF ORIGIN"), m["place_of_origin"]),
        (QCoreApplication.translate("RadioPrint", "TIME FILED"), m["time_filed"]),
        (QCoreApplication.translate("RadioPrint", "DATE"), m["date_filed"]),
    ]
    words = m["text"].split()
    rows = "".join(
        "<tr>" + "".join(f"<td>{_e(w)}</td>" for w in words[i : i + 5]) + "</tr>"
        for i in range(0, max(len(words), 1), 5)
    )
    address = "\n".join(v for v in (m["to_name"], m["address"], m["phone"]) if v)
    handling = [
        (QCoreApplication.translate("RadioPrint", "RECEIVED FROM"), m["received_from"]),
        (QCoreApplication.translate("RadioPrint", "NET"), m["received_net"]),
        (
            QCoreApplication.translate("RadioPrint", "DATE/TIME"),
            (m["received_at"] or "")[:16].replace("T", " "),
        ),
        (QCoreApplication.translate("RadioPrint", "SENT TO"), m["sent_to"]),
        (QCoreApplication.translate("RadioPrint", "NET"), m["sent_net"]),
        (
            QCoreApplication.translate("RadioPrint", "DATE/TIME"),
            (m["sent_at"] or "")[:16].replace("T", " "),
        ),
    ]
    signature = [(QCoreApplication.translate("RadioPrint", "SIGNATURE"), m["signature"])]
    heading = QCoreApplication.translate(
        "RadioPrint", "THE AMERICAN RADIO RELAY LEAGUE — RADIOGRAM"
    )
    to = [(QCoreApplication.translate("RadioPrint", "TO"), address)]
    delivered = [(QCoreApplication.translate("RadioPrint", "DELIVERED TO"), m["delivered_to"])]
    return (
        f"<h1>{_e(heading)}</h1>"
        f"<table><tr>{_cells(preamble)}</tr></table><br>"
        f"<table><tr>{_cells(to)}</tr></table><br>"
        f"<table class='words'>{rows}</table><br>"
        f"<table><tr>{_cells(signature)}</tr></table><br>"
        f"<table><tr>{_cells(handling[:3])}</tr><tr>{_cells(handling[3:])}</tr>"
        f"<tr>{_cells(delivered)}</tr></table>"
    )


def ics213_html(m: Mapping[str, Any]) -> str:
    def person(name: str, position: str) -> str:
        return f"{m[name]} — {m[position]}" if m[position] else m[name]

    replied = f"{m['reply_date']} {m['reply_time']}".strip()
    rows = [
        [(QCoreApplication.translate("RadioPrint", "1. Incident Name"), m["incident"])],
        [
            (
                QCoreApplication.translate("RadioPrint", "2. To (Name and Position)"),
                person("to_name", "to_position"),
            )
        ],
        [
            (
                QCoreApplication.translate("RadioPrint", "3. From (Name and Position)"),
                person("from_name", "from_position"),
            )
        ],
        [(QCoreApplication.translate("RadioPrint", "4. Subject"), m["subject"])],
        [
            (QCoreApplication.translate("RadioPrint", "5. Date"), m["msg_date"]),
            (QCoreApplication.translate("RadioPrint", "6. Time"), m["msg_time"]),
        ],
        [(QCoreApplication.translate("RadioPrint", "7. Message"), m["text"])],
        [
            (
                QCoreApplication.translate("RadioPrint", "8. Approved by"),
                person("approved_by", "approved_position"),
            )
        ],
        [(QCoreApplication.translate("RadioPrint", "9. Reply"), m["reply"])],
        [
            (
                QCoreApplication.translate("RadioPrint", "10. Replied by"),
                person("replied_by", "replied_position"),
            ),
            (QCoreApplication.translate("RadioPrint", "Date/Time"), replied),
        ],
    ]
    cells = "".join(f"<tr>{_cells(row)}</tr>" for row in rows)
    heading = QCoreApplication.translate("RadioPrint", "GENERAL MESSAGE (ICS 213)")
    return f"<h1>{_e(heading)}</h1><table>{cells}</table>"


def message_html(message: Mapping[str, Any], *, exercise: bool = False) -> str:
    """A message as its standard form (radiogram, ICS-213), else as the text read on air."""
    if message["kind"] == "radiogram":
        return radiogram_html(message)
    if message["kind"] == "ics213":
        return ics213_html(message)
    text = forms.message_text(message, exercise=False)
    heading = QCoreApplication.translate("RadioPrint", "MESSAGE")
    return f"<h1>{_e(heading)}</h1><pre>{_e(text)}</pre>"


def ics309_html(log: Ics309Log) -> str:
    rows = "".join(
        f"<tr><td>{_e(r['time'])}</td><td>{_e(r['from'])}</td><td>{_e(r['to'])}</td>"
        f"<td>{_e(r['message'])}</td></tr>"
        for r in log.rows
    )
    head = [
        (QCoreApplication.translate("RadioPrint", "1. Incident Name"), log.incident),
        (
            QCoreApplication.translate("RadioPrint", "2. Operational Period (UTC)"),
            f"{log.period_from[:16]} → {log.period_to[:16]}",
        ),
        (QCoreApplication.translate("RadioPrint", "3. Radio Net Name"), log.net),
        (QCoreApplication.translate("RadioPrint", "4. Radio Operator"), log.operator),
    ]
    foot = [
        (QCoreApplication.translate("RadioPrint", "6. Prepared by"), log.prepared_by),
        (QCoreApplication.translate("RadioPrint", "7. Date/Time Prepared"), log.prepared_at),
    ]
    columns = _heads(
        QCoreApplication.translate("RadioPrint", "Time (UTC)"),
        QCoreApplication.translate("RadioPrint", "From (call, NR)"),
        QCoreApplication.translate("RadioPrint", "To (call, NR)"),
        QCoreApplication.translate("RadioPrint", "Message"),
    )
    heading = QCoreApplication.translate("RadioPrint", "COMMUNICATIONS LOG (ICS 309)")
    return (
        f"<h1>{_e(heading)}</h1>"
        f"<table><tr>{_cells(head)}</tr></table><br>"
        f"<table><thead><tr>{columns}</tr></thead>{rows}</table><br>"
        f"<table><tr>{_cells(foot)}</tr></table>"
    )


def ics214_html(incident: str, period: tuple[str, str], person: str, rows: list[dict]) -> str:
    lines = "".join(f"<tr><td>{_e(r['time'])}</td><td>{_e(r['activity'])}</td></tr>" for r in rows)
    head = [
        (QCoreApplication.translate("RadioPrint", "1. Incident Name"), incident),
        (
            QCoreApplication.translate("RadioPrint", "2. Operational Period (UTC)"),
            f"{period[0][:16]} → {period[1][:16]}",
        ),
        (QCoreApplication.translate("RadioPrint", "3. Name, ICS Position"), person),
        (
            QCoreApplication.translate("RadioPrint", "4. ICS Position"),
            QCoreApplication.translate("RadioPrint", "Radio operator"),
        ),
    ]
    columns = _heads(
        QCoreApplication.translate("RadioPrint", "Date/Time (UTC)"),
        QCoreApplication.translate("RadioPrint", "Notable Activities"),
    )
    heading = QCoreApplication.translate("RadioPrint", "ACTIVITY LOG (ICS 214)")
    prepared = [(QCoreApplication.translate("RadioPrint", "Prepared by"), person)]
    return (
        f"<h1>{_e(heading)}</h1>"
        f"<table><tr>{_cells(head)}</tr></table><br>"
        f"<table><thead><tr>{columns}</tr></thead>{lines}</table><br>"
        f"<table><tr>{_cells(prepared)}</tr></table>"
    )


def exercise_line(exercise: bool) -> str:
    """The bands' line of a radio sheet: the procedure word of the language of the sheet
    (EXERCICE in French; the core's EXERCISE_LINE is the text read on the air)."""
    if not exercise:
        return ""
    return QCoreApplication.translate("RadioPrint", "EXERCISE EXERCISE EXERCISE")


def content(body: str, title: str, exercise: bool) -> PdfContent:
    """A radio sheet for the kit's file jobs."""
    return PdfContent(body, title, exercise_line(exercise), STYLE)


def write_pdf(
    body: str,
    path: Path | str,
    *,
    title: str,
    exercise: bool = False,
    progress: Progress | None = None,
) -> int:
    """A radio sheet (HTML) as a PDF at `path`; returns the page count (kit/pdf.write_pdf:
    progress, cancel)."""
    return pdf_pages.write_pdf(
        body,
        path,
        title=title,
        exercise_line=exercise_line(exercise),
        style=STYLE,
        progress=progress,
    )


def message_pdf(message: Mapping[str, Any], path: Path | str, *, exercise: bool) -> int:
    number = message["number"] or message["id"][:8]
    title = f"{message['kind']} NR {number}"
    return write_pdf(message_html(message), path, title=title, exercise=exercise)


def ics309_pdf(log: Ics309Log, path: Path | str) -> int:
    return write_pdf(ics309_html(log), path, title="ICS 309", exercise=log.exercise)
