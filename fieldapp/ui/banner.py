"""The EXERCISE banner: shown on every view of an exercise operation.

Exercises must never be mistaken for a real incident, so the banner is loud (orange,
bold, full width). GUI thread only.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QLabel, QWidget

BANNER_STYLE = (
    "QLabel { background: #ef6c00; color: #000000; font-weight: bold; padding: 6px;"
    " border-bottom: 2px solid #bf360c; }"
)


class ExerciseBanner(QLabel):
    """An orange bar saying EXERCISE; `compact` is the one-line form inside the editor."""

    def __init__(self, parent: QWidget | None = None, compact: bool = False):
        super().__init__(parent)
        self._compact = compact
        self.setObjectName("exercise_banner")
        self.setStyleSheet(BANNER_STYLE)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setWordWrap(True)
        if not compact:
            font = self.font()
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
            self.setText(
                self.tr("EXERCISE — EXERCISE — EXERCISE: nothing here is a real alert")
            )
        self.setAccessibleName(self.text())
