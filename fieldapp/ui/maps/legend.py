"""The map's legend: what a marker's shape, colour and EX badge say, what a cluster's
colour and red ring say, and what the list's greyed and struck-out rows mean.

A panel the map tab shows or hides (its *Legend* button), collapsed at first so that a
1024x600 screen keeps the map. The shapes, glyphs and colours are the ones the map's
script and style draw (resources/web/fieldapp/map.js, map.css), painted here with
QPainter so that the legend needs no page. Every text is translated; it is read again on
a change of language. GUI thread only.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen, QPixmap, QPolygonF
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QWidget

from fieldapp.reports.domain import SEVERITY_COLOURS
from fieldapp.ui.kit import i18n

translate = QCoreApplication.translate
# As map.css colours a marker by severity, and map.js shapes it by kind.
SHAPES = {
    "observation": ("circle", "●"),
    "request_for_help": ("diamond", "!"),
    "missing_person": ("diamond", "?"),
    "damage": ("square", "✖"),
    "hazard": ("triangle", "!"),
    "rumour": ("circle", "?"),
    "information": ("square", "i"),
}
SIZE = 22


def marker_pixmap(shape: str, glyph: str, colour: str, exercise: bool = False) -> QPixmap:
    """A marker as the map draws it: its shape filled with the severity's colour, its
    glyph in white, and the EX badge of an exercise."""
    pixmap = QPixmap(SIZE + 12, SIZE)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(QColor("white"), 1.5))
    painter.setBrush(QColor(colour))
    box = QRectF(2, 2, SIZE - 4, SIZE - 4)
    if shape == "circle":
        painter.drawEllipse(box)
    elif shape == "square":
        painter.drawRoundedRect(box, 3, 3)
    elif shape == "diamond":
        c = box.center()
        half = box.width() / 2
        points = [QPointF(c.x(), c.y() - half), QPointF(c.x() + half, c.y()),
                  QPointF(c.x(), c.y() + half), QPointF(c.x() - half, c.y())]  # fmt: skip
        painter.drawPolygon(QPolygonF(points))
    else:  # triangle
        points = [QPointF(box.center().x(), box.top()), box.bottomRight(), box.bottomLeft()]
        painter.drawPolygon(QPolygonF(points))
    font = QFont()
    font.setBold(True)
    font.setPixelSize(11)
    painter.setFont(font)
    painter.setPen(QColor("white"))
    painter.drawText(box, Qt.AlignmentFlag.AlignCenter, glyph)
    if exercise:
        font.setPixelSize(8)
        painter.setFont(font)
        badge = QRectF(SIZE - 6, 0, 16, 10)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("#6a1b9a"))
        painter.drawRect(badge)
        painter.setPen(QColor("white"))
        painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, "EX")
    painter.end()
    return pixmap


def cluster_pixmap(colour: str, ringed: bool) -> QPixmap:
    pixmap = QPixmap(SIZE + 12, SIZE)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(QColor("#c62828" if ringed else "white"), 3 if ringed else 1.5))
    painter.setBrush(QColor(colour))
    painter.drawEllipse(QRectF(2, 2, SIZE - 4, SIZE - 4))
    painter.setPen(QColor("white"))
    painter.drawText(QRectF(2, 2, SIZE - 4, SIZE - 4), Qt.AlignmentFlag.AlignCenter, "12")
    painter.end()
    return pixmap


class MapLegend(QFrame):
    """What the map's marks and the list's rows mean, in the window's language."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("map_legend")
        self.setStyleSheet("#map_legend { background: #fafafa; border: 1px solid #bdbdbd; }")
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(6, 4, 6, 4)
        self.grid.setHorizontalSpacing(6)
        self.grid.setVerticalSpacing(2)
        self.rows: list[tuple[QLabel, QLabel]] = []
        self.hide()
        self._retranslate()

    def entries(self) -> list[tuple[QPixmap | None, str]]:
        """Each line of the legend: a picture (or none) and its words."""
        kinds = i18n.kind_labels()
        severities = i18n.severity_labels()
        lines: list[tuple[QPixmap | None, str]] = [
            (marker_pixmap(shape, glyph, SEVERITY_COLOURS[3]), kinds.get(kind, kind))
            for kind, (shape, glyph) in SHAPES.items()
        ]
        lines += [
            (marker_pixmap("circle", "", colour), severities[level])
            for level, colour in SEVERITY_COLOURS.items()
        ]
        lines += [
            (
                marker_pixmap("circle", "●", SEVERITY_COLOURS[3], exercise=True),
                translate("MapLegend", "EX, hatched: a report of an exercise"),
            ),
            (
                cluster_pixmap(SEVERITY_COLOURS[3], ringed=False),
                translate("MapLegend", "A group of reports: the colour of their mean severity"),
            ),
            (
                cluster_pixmap(SEVERITY_COLOURS[3], ringed=True),
                translate("MapLegend", "Ringed in red: it holds a severity 5 report"),
            ),
            (None, translate("MapLegend", "In the list, greyed: closed or duplicate")),
            (None, translate("MapLegend", "In the list, struck out: debunked")),
        ]
        return lines

    def _style(self, index: int, count: int, words: QLabel) -> None:
        """The list's two lines look like the rows they explain."""
        if index == count - 2:
            words.setStyleSheet("color: #757575")
        elif index == count - 1:
            font = words.font()
            font.setStrikeOut(True)
            words.setFont(font)

    def texts(self) -> list[str]:
        return [words.text() for _picture, words in self.rows]

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        for picture, words in self.rows:
            picture.deleteLater()
            words.deleteLater()
        self.rows = []
        entries = self.entries()
        per_column = (len(entries) + 1) // 2  # two columns: short enough for 600 px
        for index, (pixmap, text) in enumerate(entries):
            picture, words = QLabel(self), QLabel(text, self)
            if pixmap is not None:
                picture.setPixmap(pixmap)
            words.setTextFormat(Qt.TextFormat.PlainText)
            self._style(index, len(entries), words)
            row, column = index % per_column, (index // per_column) * 2
            self.grid.addWidget(picture, row, column)
            self.grid.addWidget(words, row, column + 1)
            self.rows.append((picture, words))
