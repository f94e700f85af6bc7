"""The bar that says, over a list or the map, that its data could not be read.

A read of the database can fail under a live window (a disk I/O error, a lock held too
long, a damaged file). A view whose read failed shows nothing rather than the data of
its previous read, and this bar says why, in words, where the user looks, with a
"Try again" button. Each view keeps one bar: a new failure replaces the text of the same
kind, a successful read of that kind clears it, so messages never stack up. The texts
are kept by kind, not as translated strings, so a language change retranslates them.
GUI thread only.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from fieldapp.ui.kit.banner import tint

PROBLEM_BACKGROUND = "#fdecea"
PROBLEM_TEXT = "#5f2120"
REPORTS, MAP_REPORTS, MAP_AREAS, MAP_PAGE, RADIO = (
    "reports",
    "map_reports",
    "map_areas",
    "map_page",
    "radio",
)
MAP_ALERTS = "map_alerts"


class ReadProblemBar(QFrame):
    """Why the data below is missing, and a way to read it again."""

    retry_clicked = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("read_problem")
        tint(self, PROBLEM_BACKGROUND, PROBLEM_TEXT)
        self.setFrameShape(QFrame.Shape.Box)
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)  # the reason comes from SQLite
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.retry_button = QPushButton(self)
        self.retry_button.clicked.connect(self.retry_clicked)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.retry_button)
        self._problems: dict[str, str] = {}  # kind -> reason, in the order they came
        self.hide()
        self._retranslate()

    def set_problem(self, kind: str, reason: str | None) -> None:
        """Say that data of this kind could not be read (`reason`), or no more (None)."""
        if reason is None:
            self._problems.pop(kind, None)
        else:
            self._problems[kind] = reason.strip().rstrip(".") or "?"
        self._retranslate()
        self.setVisible(bool(self._problems))

    def problem(self, kind: str) -> str | None:
        return self._problems.get(kind)

    def text(self) -> str:
        """What the bar says ("" when hidden)."""
        return self.label.text() if self._problems else ""

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        texts = self._texts()
        lines = [texts[kind].replace("%1", reason) for kind, reason in self._problems.items()]
        self.label.setText("\n".join(lines))
        self.retry_button.setText(self.tr("Try again"))
        self.retry_button.setToolTip(self.tr("Read the data from the database again"))

    def _texts(self) -> dict[str, str]:
        return {
            REPORTS: self.tr(
                "The reports could not be read from the database: %1. The list shows none"
                " until they can be read."
            ),
            MAP_REPORTS: self.tr(
                "The reports could not be read from the database: %1. The map shows none"
                " until they can be read."
            ),
            MAP_AREAS: self.tr(
                "The map areas could not be read from the database: %1. The map shows none"
                " until they can be read."
            ),
            MAP_ALERTS: self.tr(
                "The official alerts could not be read from the database: %1. The map shows"
                " none until they can be read."
            ),
            MAP_PAGE: self.tr("The map could not be loaded: %1"),
            RADIO: self.tr(
                "The radio messages could not be read from the database: %1. The queue and"
                " the log show none until they can be read."
            ),
        }
