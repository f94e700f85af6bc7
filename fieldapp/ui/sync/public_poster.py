"""The public form's poster: one A4 page with the title, the short text, the QR code and
the address in large type, and in an exercise an EXERCISE band at the top and bottom.

Threads: any thread once a QGuiApplication exists (called from a job of the files lane,
see kit/file_jobs.py): it makes its own QPdfWriter, QPainter and QSvgRenderer and touches
no widget. The PDF is written beside its name and renamed when whole.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QMarginsF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPageLayout, QPageSize, QPainter, QPdfWriter
from PySide6.QtSvg import QSvgRenderer

if TYPE_CHECKING:
    from pathlib import Path

    from fieldapp.ui.sync.public_jobs import Poster

DPI = 300
MM = DPI / 25.4
WRAP = Qt.AlignmentFlag.AlignHCenter | Qt.TextFlag.TextWordWrap
CENTRE = Qt.AlignmentFlag.AlignCenter


def write_pdf(poster: Poster, qr_svg: bytes, path: Path) -> Path:
    partial = path.with_name(path.name + ".partial")
    writer = QPdfWriter(str(partial))
    writer.setResolution(DPI)
    writer.setTitle(poster.title)
    a4, portrait = QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait
    layout = QPageLayout(a4, portrait, QMarginsF(15, 15, 15, 15))
    writer.setPageLayout(layout)
    painter = QPainter(writer)
    try:
        _paint(painter, poster, qr_svg, QRectF(painter.viewport()))
    finally:
        painter.end()
    partial.replace(path)
    return path


def _font(points: float, bold: bool = False, family: str = "sans-serif") -> QFont:
    font = QFont(family)
    font.setPointSizeF(points)
    font.setBold(bold)
    return font


def _paint(painter: QPainter, poster: Poster, qr_svg: bytes, page: QRectF) -> None:
    top, width = page.top(), page.width()
    if poster.exercise_line:
        _band(painter, QRectF(page.left(), page.top(), width, 14 * MM), poster.exercise_line)
        _band(painter, QRectF(page.left(), page.bottom() - 14 * MM, width, 14 * MM),
              poster.exercise_line)  # fmt: skip
        top += 20 * MM
    top = _block(painter, QRectF(page.left(), top, width, 60 * MM), poster.title, _font(30, True))
    top = _block(painter, QRectF(page.left(), top + 6 * MM, width, 70 * MM), poster.text, _font(16))
    side = min(width * 0.7, page.bottom() - top - 60 * MM)
    square = QRectF(page.center().x() - side / 2, top + 8 * MM, side, side)
    QSvgRenderer(QByteArray(qr_svg)).render(painter, square)
    top = square.bottom() + 6 * MM
    top = _block(painter, QRectF(page.left(), top, width, 12 * MM), poster.scan_line, _font(14))
    _block(painter, QRectF(page.left(), top, width, 20 * MM), poster.address,
           _font(18, True, "monospace"))  # fmt: skip


def _block(painter: QPainter, area: QRectF, text: str, font: QFont) -> float:
    """`text` wrapped and centred from the top of `area`; returns the bottom it reached."""
    if not text:
        return area.top()
    painter.setFont(font)
    painter.setPen(QColor("#000000"))
    used = painter.boundingRect(area, int(WRAP), text)
    painter.drawText(area, int(WRAP), text)
    return area.top() + min(used.height(), area.height())


def _band(painter: QPainter, area: QRectF, text: str) -> None:
    painter.fillRect(area, QColor("#ef6c00"))
    painter.setFont(_font(16, True))
    painter.setPen(QColor("#000000"))
    painter.drawText(area, int(CENTRE), text)
