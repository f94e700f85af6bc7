"""Window sizes that fit the screen they open on (a 1024x600 field laptop included).

`fit_to_screen` gives a window its usual size, cut down to the screen's available
geometry (less the taskbar and panels), so that no window opens with its buttons off
screen. GUI thread only.
"""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QWidget


def fit_to_screen(widget: QWidget, width: int, height: int) -> QSize:
    """Resize `widget` to width x height, or less where its screen is smaller."""
    screen = widget.screen()
    size = QSize(width, height)
    if screen is not None:
        size = size.boundedTo(screen.availableGeometry().size())
    widget.resize(size)
    return size
