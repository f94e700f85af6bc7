"""PDF of radio forms through Qt: a message as its form, the ICS-309 and ICS-214 logs.

The data comes from the Qt-free core (fieldapp.radio.forms); this module lays it out as
HTML, flows it with QTextDocument onto QPdfWriter pages and draws, on every page of an
exercise, EXERCISE above and below the content, so that no sheet of an exercise can be
taken for real traffic. No external tool. `pdf_application()` gives the CLI an offscreen
QGuiApplication.

Threads: any thread, once a QGuiApplication exists. Each call makes its own QPdfWriter,
QTextDocument and QPainter, which Qt allows in a non-GUI thread (fonts included), and the
labels come from QCoreApplication.translate, which is thread-safe. In the app the desk
writes its PDFs in a worker (radio_pdf_job); `progress` reports pages and can cancel.
"""

from __future__ import annotations

import html
import os
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import QFont, QPageLayout, QPageSize, QPainter, QPdfWriter, QTextDocument

from fieldapp.radio import forms
from fieldapp.radio.forms import Ics309Log

STYLE = """
body { font-family: sans-serif; font-size: 10pt; }
h1 { font-size: 15pt; margin: 0 0 6px 0; }
table { border-collapse: collapse; width: 100%; }
td, th { border: 1px solid #000; padding: 3px; vertical-align: top; }
th { background: #e0e0e0; font-size: 8pt; text-align: left; }
.label { font-size: 7pt; color: #333; }
.words td { font-family: monospace; font-size: 12pt; width: 20%; }
"""


def _e(value: Any) -> str:
    return html.escape(str(value or "")).replace("\n", "<br>")


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
    # The operator's notes (OPNOTE on air): an exercise inject's says which it is.
    notes = [
        (QCoreApplication.translate("RadioPrint", "OP NOTE"), m[name])
        for name in ("op_note", "op_note2")
        if m.get(name)
    ]
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
        + (f"<table><tr>{_cells(notes)}</tr></table><br>" if notes else "")
        + f"<table><tr>{_cells(handling[:3])}</tr><tr>{_cells(handling[3:])}</tr>"
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


class PrintCancelled(Exception):
    """The person printing cancelled; the partial file has been removed."""


Progress = Callable[[int, int], bool]  # (pages drawn, pages; 0 while laying out) -> go on?


def write_pdf(
    body: str,
    path: Path | str,
    *,
    title: str,
    exercise: bool = False,
    progress: Progress | None = None,
) -> int:
    """Lay `body` (HTML) out on A4 pages of a PDF at `path`; returns the page count.

    `progress` is called before the layout (0, 0) and after each page; when it returns
    False, the file is removed and PrintCancelled raised.
    """
    go_on = progress or (lambda _done, _pages: True)
    writer = _pdf_writer(path, title)
    area = writer.pageLayout().paintRectPixels(writer.resolution())
    band = int(writer.resolution() * 0.35) if exercise else 0
    if not go_on(0, 0):
        _discard(path)
    doc = QTextDocument()
    doc.documentLayout().setPaintDevice(writer)
    doc.setDefaultStyleSheet(STYLE)
    doc.setHtml(f"<body>{body}</body>")
    body_height = area.height() - 2 * band
    doc.setPageSize(QSizeF(area.width(), body_height))
    pages = doc.pageCount()
    painter = QPainter(writer)
    try:
        for page in range(pages):
            if page:
                writer.newPage()
            painter.save()
            painter.translate(0, band - page * body_height)
            doc.drawContents(painter, QRectF(0, page * body_height, area.width(), body_height))
            painter.restore()
            if exercise:
                _exercise_bands(painter, area.width(), area.height(), band)
            if not go_on(page + 1, pages):
                painter.end()
                _discard(path)
    finally:
        if painter.isActive():
            painter.end()
    return pages


def _pdf_writer(path: Path | str, title: str) -> QPdfWriter:
    writer = QPdfWriter(str(path))
    writer.setTitle(title)
    writer.setCreator("FieldApp")
    writer.setResolution(150)
    margins = QMarginsF(12, 12, 12, 12)
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            margins,
            QPageLayout.Unit.Millimeter,
        )
    )
    return writer


def _discard(path: Path | str) -> None:
    """Remove what was written (the painter has ended: the file is closed) and stop."""
    Path(path).unlink(missing_ok=True)
    raise PrintCancelled(str(path))


def _exercise_bands(painter: QPainter, width: int, height: int, band: int) -> None:
    font = QFont("sans-serif")
    font.setBold(True)
    font.setPointSize(14)
    painter.setFont(font)
    painter.setPen(Qt.GlobalColor.darkRed)
    centre = Qt.AlignmentFlag.AlignCenter
    # The procedure word of the language of the sheet (EXERCICE in French); EXERCISE_LINE
    # is the core's text, read on the air.
    line = QCoreApplication.translate("RadioPrint", "EXERCISE EXERCISE EXERCISE")
    painter.drawText(QRectF(0, 0, width, band), centre, line)
    painter.drawText(QRectF(0, height - band, width, band), centre, line)


def message_pdf(message: Mapping[str, Any], path: Path | str, *, exercise: bool) -> int:
    number = message["number"] or message["id"][:8]
    title = f"{message['kind']} NR {number}"
    return write_pdf(message_html(message), path, title=title, exercise=exercise)


def ics309_pdf(log: Ics309Log, path: Path | str) -> int:
    return write_pdf(ics309_html(log), path, title="ICS 309", exercise=log.exercise)


def pdf_application() -> QCoreApplication:
    """The running Qt application, or an offscreen one for the command line.

    A QApplication (not only a QGuiApplication): a process that later opens a window, as
    the test suite does, can keep using it.
    """
    from PySide6.QtWidgets import QApplication

    app = QCoreApplication.instance()
    if app is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = QApplication(["fieldapp"])
    return app
