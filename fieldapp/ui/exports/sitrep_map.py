"""The map snapshot of a situation report painted with QPainter on a QImage: the offline
tiles the core chose (exports/sitrep_map.py), the located reports as dots coloured by
their worst severity (bigger where there are more), and the listed reports as numbered
pins. Without tiles, a plain frame with the same markers and a note saying why.

Threads: any, once a QGuiApplication exists (QImage and QPainter on an image are allowed
outside the GUI thread; no QPixmap is made). Pure functions of their arguments.
"""

from __future__ import annotations

import base64
import math

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPen

from fieldapp.exports.sitrep_map import Snapshot
from fieldapp.ui.exports.sitrep_words import translate

# Severity 1 to 5, from calm to alarming; readable on light tiles and in greyscale prints.
SEVERITY_COLOURS = {1: "#2b83ba", 2: "#80bfab", 3: "#fdae61", 4: "#e8552e", 5: "#b2001d"}
FRAME_COLOUR = "#f4f1ea"


def paint_snapshot(shot: Snapshot) -> QImage:
    """The picture: tiles (or a plain frame and a note), dots, pins, attribution."""
    image = QImage(shot.width, shot.height, QImage.Format.Format_RGB32)
    image.fill(QColor(FRAME_COLOUR))
    painter = QPainter(image)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        if shot.tiles:
            _paint_tiles(painter, shot)
        for cell in shot.cells:
            _dot(painter, cell.x, cell.y, cell.count, cell.worst)
        for pin in shot.pins:
            _pin(painter, pin.x, pin.y, pin.number, pin.severity)
        _caption(painter, shot)
        painter.setPen(QPen(QColor("#555555"), 2))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(QRectF(1, 1, shot.width - 2, shot.height - 2))
    finally:
        painter.end()
    return image


def _paint_tiles(painter: QPainter, shot: Snapshot) -> None:
    for tile in shot.tiles:
        picture = QImage.fromData(tile.data)
        if not picture.isNull():
            painter.drawImage(QRectF(tile.left, tile.top, tile.size, tile.size), picture)


def _dot(painter: QPainter, x: float, y: float, count: int, worst: int) -> None:
    radius = 3.0 + min(7.0, 1.6 * math.log2(count + 1))
    colour = QColor(SEVERITY_COLOURS.get(worst, "#777777"))
    painter.setPen(QPen(QColor("#ffffff"), 1))
    painter.setBrush(colour)
    painter.drawEllipse(QPointF(x, y), radius, radius)


def _pin(painter: QPainter, x: float, y: float, number: int, severity: int) -> None:
    radius = 11.0
    painter.setPen(QPen(QColor("#000000"), 2))
    painter.setBrush(QColor(SEVERITY_COLOURS.get(severity, "#777777")))
    painter.drawEllipse(QPointF(x, y), radius, radius)
    font = QFont("sans-serif")
    font.setPixelSize(13)
    font.setBold(True)
    painter.setFont(font)
    painter.setPen(QColor("#ffffff"))
    box = QRectF(x - radius, y - radius, 2 * radius, 2 * radius)
    painter.drawText(box, Qt.AlignmentFlag.AlignCenter, str(number))


def _caption(painter: QPainter, shot: Snapshot) -> None:
    """The tiles' source and attribution, or why there are none, at the bottom."""
    if shot.bbox is None:
        text = translate("SitrepPdf", "No report has a position: nothing to show on the map.")
    elif not shot.tiles:
        text = translate(
            "SitrepPdf",
            "No offline map tiles for this area in the data folder: the reports are drawn"
            " on a plain frame (Tiles menu: download the area to see the map).",
        )
    else:
        text = " — ".join(part for part in (shot.tile_set, shot.attribution) if part)
    font = QFont("sans-serif")
    font.setPixelSize(14)
    painter.setFont(font)
    band = QRectF(0, shot.height - 26, shot.width, 26)
    painter.fillRect(band, QColor(255, 255, 255, 210))
    painter.setPen(QColor("#222222"))
    painter.drawText(band.adjusted(8, 0, -8, 0), Qt.AlignmentFlag.AlignVCenter, text)


def png_data_uri(image: QImage) -> str:
    """The picture as a data: URI, for an <img> of the PDF's HTML (QTextDocument reads it)."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")  # pyright: ignore[reportCallIssue, reportArgumentType]
    buffer.close()
    return "data:image/png;base64," + base64.b64encode(bytes(data.data())).decode("ascii")
