"""The bar above the report list: search box, multi-select filters and the match count.

It only holds the user's choices and says when they changed (`filters_changed`); the
main window turns them into a ReportQuery. Typing is debounced by a short single-shot
timer so a burst of keystrokes runs one query. GUI thread only.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable

from PySide6.QtCore import QEvent, QLocale, QTimer, Signal, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QToolButton,
    QWidget,
)

from fieldapp.reports import domain
from fieldapp.ui.kit import i18n

SEARCH_DELAY_MS = 80


class MultiSelectButton(QToolButton):
    """A drop-down of checkable choices; no choice checked means "any"."""

    selection_changed = Signal()

    def __init__(self, codes: tuple[Hashable, ...], parent: QWidget | None = None):
        super().__init__(parent)
        self._title = ""
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self._menu = QMenu(self)
        self.setMenu(self._menu)
        self._actions: dict[Hashable, QAction] = {}
        for code in codes:
            action = self._menu.addAction(str(code))
            action.setCheckable(True)
            action.toggled.connect(self._on_action_toggled)
            self._actions[code] = action

    def set_labels(self, title: str, labels: dict) -> None:
        self._title = title
        for code, action in self._actions.items():
            action.setText(labels.get(code, str(code)))
        self._update_text()

    def selected(self) -> frozenset:
        return frozenset(code for code, action in self._actions.items() if action.isChecked())

    def set_selected(self, codes: set | frozenset) -> None:
        for code, action in self._actions.items():
            action.blockSignals(True)
            action.setChecked(code in codes)
            action.blockSignals(False)
        self._update_text()
        self.selection_changed.emit()

    def action_for(self, code: Hashable) -> QAction:
        return self._actions[code]

    @Slot(bool)
    def _on_action_toggled(self, _checked: bool) -> None:
        self._update_text()
        self.selection_changed.emit()

    def _update_text(self) -> None:
        count = len(self.selected())
        self.setText(f"{self._title} ({count})" if count else self._title)


class FilterBar(QWidget):
    """Search text and filters of the report list."""

    filters_changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.search_edit = QLineEdit(self)
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setMinimumWidth(180)
        self.statuses = MultiSelectButton(domain.STATUSES, self)
        self.kinds = MultiSelectButton(domain.KINDS, self)
        severities = tuple(range(domain.SEVERITY_MIN, domain.SEVERITY_MAX + 1))
        self.severities = MultiSelectButton(severities, self)
        self.verifications = MultiSelectButton(domain.VERIFICATIONS, self)
        self.clear_button = QToolButton(self)
        self.count_label = QLabel(self)
        self.count_label.setMinimumWidth(40)  # cut on a 1024 px screen; the tooltip has it all
        self._layout_widgets()
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.filters_changed)
        self.search_edit.textChanged.connect(self._on_search_edit_text_changed)
        for button in self.filter_buttons():
            button.selection_changed.connect(self.filters_changed)
        self.clear_button.clicked.connect(self._on_clear_button_clicked)
        self._count: tuple[int | None, bool] | None = None
        self._retranslate()

    def _layout_widgets(self) -> None:
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search_edit, 1)
        for button in self.filter_buttons():
            layout.addWidget(button)
        layout.addWidget(self.clear_button)
        layout.addWidget(self.count_label)

    def filter_buttons(self) -> tuple[MultiSelectButton, ...]:
        return (self.statuses, self.kinds, self.severities, self.verifications)

    def search_text(self) -> str:
        return self.search_edit.text()

    def reset(self) -> None:
        """Clear search and filters (a new operation starts unfiltered)."""
        for button in self.filter_buttons():
            button.blockSignals(True)
            button.set_selected(set())
            button.blockSignals(False)
        self.search_edit.blockSignals(True)
        self.search_edit.clear()
        self.search_edit.blockSignals(False)

    def show_count(self, rows: int | None, complete: bool) -> None:
        """The number of matching reports; None: unknown (the list could not be read)."""
        self._count = (rows, complete)
        locale = QLocale()
        if rows is None:
            text = self.tr("Matching reports: unknown")
        elif complete:
            text = self.tr("Matching reports: %1").replace("%1", locale.toString(rows))
        else:
            text = self.tr("Matching reports: %1+ (counting…)").replace("%1", locale.toString(rows))
        self.count_label.setText(text)
        self.count_label.setToolTip(text)

    @Slot(str)
    def _on_search_edit_text_changed(self, _text: str) -> None:
        self._search_timer.start()

    @Slot()
    def _on_clear_button_clicked(self) -> None:
        self.reset()
        self.filters_changed.emit()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self.search_edit.setPlaceholderText(self.tr("Search reports (Ctrl+F)"))
        self.search_edit.setToolTip(
            self.tr("Words in the title, text, tags, place, author or source")
        )
        titled: list[tuple[MultiSelectButton, str, Callable[[], dict]]] = [
            (self.statuses, self.tr("Status"), i18n.status_labels),
            (self.kinds, self.tr("Kind"), i18n.kind_labels),
            (self.severities, self.tr("Severity"), i18n.severity_labels),
            (self.verifications, self.tr("Verification"), i18n.verification_labels),
        ]
        for button, title, labels in titled:
            button.set_labels(title, labels())
            button.setToolTip(self.tr("Show only the checked values; none checked shows all"))
        self.clear_button.setText(self.tr("Clear filters"))
        if self._count is not None:
            self.show_count(*self._count)
