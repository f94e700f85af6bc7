"""PDF pages through Qt, shared by the desks that print (the radio forms and logs, the
exercise's after-action report): HTML flowed with QTextDocument onto A4 pages of a
QPdfWriter, with, on every page of an exercise, a line (EXERCISE in the sheet's language)
in a band above and below the content, so that no sheet of an exercise can be taken for
a real one. No external tool. `pdf_application()` gives the CLI an offscreen application.

Threads: any thread, once a QGuiApplication exists. Each call makes its own QPdfWriter,
QTextDocument and QPainter, which Qt allows in a non-GUI thread (fonts included). The
callers' labels come from QCoreApplication.translate, which is thread-safe. `progress`
reports pages and can cancel between two of them; a cancelled file is removed.
"""

from __future__ import annotations

import errno
import html
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import QFont, QPageLayout, QPageSize, QPainter, QPdfWriter, QTextDocument

STYLE = """
body { font-family: sans-serif; font-size: 10pt; }
h1 { font-size: 15pt; margin: 0 0 6px 0; }
table { border-collapse: collapse; width: 100%; }
td, th { border: 1px solid #000; padding: 3px; vertical-align: top; }
th { background: #e0e0e0; font-size: 8pt; text-align: left; }
.label { font-size: 7pt; color: #333; }
"""


def escape(value: Any) -> str:
    """A value as HTML text (never markup), line breaks kept."""
    return html.escape(str(value or "")).replace("\n", "<br>")


class PrintCancelled(Exception):
    """The person printing cancelled; the partial file has been removed."""


Progress = Callable[[int, int], bool]  # (pages drawn, pages; 0 while laying out) -> go on?


def write_pdf(
    body: str,
    path: Path | str,
    *,
    title: str,
    exercise_line: str = "",
    style: str = "",
    progress: Progress | None = None,
) -> int:
    """Lay `body` (HTML) out on A4 pages of a PDF at `path`; returns the page count.

    `exercise_line`, when given, is drawn in a band at the top and at the bottom of every
    page. `style` is CSS added to STYLE. `progress` is called before the layout (0, 0) and
    after each page; when it returns False, PrintCancelled is raised. A cancel or any
    failure removes the file: no half-written PDF is left.
    """
    go_on = progress or (lambda _done, _pages: True)
    if not go_on(0, 0):
        raise PrintCancelled(str(path))
    writer = _pdf_writer(path, title)
    doc = _document(writer, body, style, band=_band(writer, exercise_line))
    painter = QPainter(writer)
    try:
        if not painter.isActive():  # Qt only says so on stderr
            raise OSError(errno.EACCES, "cannot be written", str(path))
        return _paint(painter, writer, doc, exercise_line, go_on)
    except BaseException:  # a cancel, a failure, Ctrl+C on the command line
        if painter.isActive():
            painter.end()
        Path(path).unlink(missing_ok=True)  # half a PDF is no use to anyone
        raise
    finally:
        if painter.isActive():
            painter.end()


def _band(writer: QPdfWriter, exercise_line: str) -> int:
    """The height of the EXERCISE bands, 0 without them."""
    return int(writer.resolution() * 0.35) if exercise_line else 0


def _document(writer: QPdfWriter, body: str, style: str, band: int) -> QTextDocument:
    """The body laid out in pages of the writer's page, less the bands."""
    area = writer.pageLayout().paintRectPixels(writer.resolution())
    doc = QTextDocument()
    doc.documentLayout().setPaintDevice(writer)
    doc.setDefaultStyleSheet(STYLE + style)
    doc.setHtml(f"<body>{body}</body>")
    doc.setPageSize(QSizeF(area.width(), area.height() - 2 * band))
    return doc


def _paint(
    painter: QPainter, writer: QPdfWriter, doc: QTextDocument, exercise_line: str, go_on: Progress
) -> int:
    area = writer.pageLayout().paintRectPixels(writer.resolution())
    band = _band(writer, exercise_line)
    height = doc.pageSize().height()
    pages = doc.pageCount()
    for page in range(pages):
        if page:
            writer.newPage()
        painter.save()
        painter.translate(0, band - page * height)
        doc.drawContents(painter, QRectF(0, page * height, area.width(), height))
        painter.restore()
        if exercise_line:
            _exercise_bands(painter, exercise_line, area.width(), area.height(), band)
        if not go_on(page + 1, pages):
            raise PrintCancelled(writer.title())  # write_pdf removes the file
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


def _exercise_bands(painter: QPainter, line: str, width: int, height: int, band: int) -> None:
    font = QFont("sans-serif")
    font.setBold(True)
    font.setPointSize(14)
    painter.setFont(font)
    painter.setPen(Qt.GlobalColor.darkRed)
    centre = Qt.AlignmentFlag.AlignCenter
    painter.drawText(QRectF(0, 0, width, band), centre, line)
    painter.drawText(QRectF(0, height - band, width, band), centre, line)


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
