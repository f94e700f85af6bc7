"""Alt+letter reaches one thing: in the main window with a report open, no two menus,
labelled fields or buttons share a mnemonic letter, in English and in French."""

from __future__ import annotations

import re
from collections import defaultdict

import pytest
from PySide6.QtWidgets import QAbstractButton, QLabel, QTabBar

from fieldapp.core.settings import Settings


def mnemonics(window) -> dict[str, list[str]]:
    """Each mnemonic letter of what is on screen, with the texts that use it."""
    found: dict[str, list[str]] = defaultdict(list)

    def add(text: str) -> None:
        match = re.search(r"&([^&])", text.replace("&&", ""))
        if match:
            found[match.group(1).lower()].append(text)

    for action in window.menuBar().actions():
        add(action.text())
    for label in window.findChildren(QLabel):
        if label.isVisible() and label.buddy() is not None:
            add(label.text())
    for button in window.findChildren(QAbstractButton):
        if button.isVisible():
            add(button.text())
    for bar in window.findChildren(QTabBar):
        if bar.isVisible():
            for index in range(bar.count()):
                add(bar.tabText(index))
    return found


@pytest.mark.parametrize("language", ["en", "fr"])
def test_no_two_things_on_screen_share_a_mnemonic(
    qtbot, make_window, operation, reports, languages, language
):
    languages.apply(language)
    window = make_window(Settings(language=language, last_operation_id=operation["id"]))
    window.report_list.view.selectRow(0)
    qtbot.waitUntil(lambda: window.editor.current_report() is not None)
    found = mnemonics(window)
    assert len(found) >= 20, found  # the menus and the editor's fields were all seen
    clashes = {letter: texts for letter, texts in found.items() if len(texts) > 1}
    assert not clashes
