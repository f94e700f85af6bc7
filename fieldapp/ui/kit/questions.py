"""The questions the window asks before it does something that cannot be undone.

`confirm` asks yes or no, with No as the default (Enter never deletes by accident);
`save_discard_or_stay` asks before unsaved edits would be lost. Both are modal message
boxes with the app's translated buttons. GUI thread only.
"""

from __future__ import annotations

from typing import Literal

from PySide6.QtWidgets import QMessageBox, QWidget

Button = QMessageBox.StandardButton


def confirm(parent: QWidget, title: str, question: str) -> bool:
    """Yes or No, No by default; True for Yes."""
    answer = QMessageBox.question(parent, title, question, Button.Yes | Button.No, Button.No)
    return answer == Button.Yes


def save_discard_or_stay(
    parent: QWidget, title: str, question: str
) -> Literal["save", "discard", "stay"]:
    """Save (the default), Discard or Cancel, as the user chose."""
    answer = QMessageBox.question(
        parent, title, question, Button.Save | Button.Discard | Button.Cancel, Button.Save
    )
    if answer == Button.Save:
        return "save"
    return "discard" if answer == Button.Discard else "stay"
