"""The EXERCISE banner: shown on every view of an exercise operation.

Exercises must never be mistaken for a real incident, so the banner is loud (orange,
bold, full width). GUI thread only.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QBoxLayout, QFormLayout, QLabel, QWidget

BANNER_BACKGROUND = "#ef6c00"
BANNER_TEXT = "#000000"


def tint(widget: QWidget, background: str, text: str) -> None:
    """Colour a bar's background and text. A palette, not a style sheet: a style sheet
    slows the first paint of the window."""
    palette = widget.palette()
    palette.setColor(QPalette.ColorRole.Window, QColor(background))
    palette.setColor(QPalette.ColorRole.WindowText, QColor(text))
    widget.setPalette(palette)
    widget.setAutoFillBackground(True)


class ExerciseBanner(QLabel):
    """An orange bar saying EXERCISE; `compact` is the one-line form inside the editor."""

    def __init__(self, parent: QWidget | None = None, compact: bool = False):
        super().__init__(parent)
        self._compact = compact
        self.setObjectName("exercise_banner")
        tint(self, BANNER_BACKGROUND, BANNER_TEXT)
        self.setMargin(4 if compact else 8)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setWordWrap(True)
        font = self.font()
        font.setBold(True)
        if not compact:
            font.setPointSizeF(font.pointSizeF() * 1.25)
        self.setFont(font)
        self._retranslate()
        self.hide()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        if self._compact:
            self.setText(self.tr("EXERCISE — this report belongs to an exercise"))
        else:
            self.setText(self.tr("EXERCISE — EXERCISE — EXERCISE: nothing here is a real alert"))
        self.setAccessibleName(self.text())


def mark_exercise(dialog: QWidget, exercise: bool) -> ExerciseBanner | None:
    """Put the EXERCISE banner at the top of a dialog opened in an exercise operation
    (Settings, a relay...), so that nothing done in it passes for real; None otherwise."""
    if not exercise:
        return None
    banner = ExerciseBanner(dialog)
    banner.setMargin(4)
    layout = dialog.layout()
    if isinstance(layout, QBoxLayout):
        layout.insertWidget(0, banner)
    elif isinstance(layout, QFormLayout):
        layout.insertRow(0, banner)
    banner.show()
    return banner
