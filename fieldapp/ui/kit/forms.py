"""Looks shared by every form and dialog: a field marked invalid, an error line.

Style sheets only (no widgets): the report form, the feature and operation dialogs and
the tile dialogs all use them, so a wrong field looks the same everywhere. GUI thread
only, like every style sheet.
"""

from __future__ import annotations

INVALID_STYLE = (
    'QLineEdit[invalid="true"], QPlainTextEdit[invalid="true"], QComboBox[invalid="true"]'
    " { border: 2px solid #c62828; border-radius: 3px; }"
)
ERROR_STYLE = "color: #b71c1c; font-weight: bold;"
STATUS_ERROR_STYLE = "color: #b00020;"  # a failure told in a status line (sync, conflicts)
