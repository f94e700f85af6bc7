"""The left side of the main window: one filter bar above two tabs, "List" and "Map".

The report list's filter bar is lifted above the tabs so that the same search and filters
drive both views. The Map tab holds a MapPanel, whose QtWebEngine map is built the first
time the tab is shown (start-up never imports it). The pane owns the window-wide actions
of its tabs (Ctrl+1, Ctrl+2, Ctrl+G); `add_actions_to(menu)` puts them in a menu, so a
"View" or "Map" menu can hold them. GUI thread only.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QMenuBar, QTabWidget, QVBoxLayout, QWidget

from fieldapp.store import Store
from fieldapp.ui.kit.taskman import TaskManager
from fieldapp.ui.maps.panel import MapPanel
from fieldapp.ui.reports.list_view import ReportListPanel

TAB_LIST, TAB_MAP = range(2)


class ReportsPane(QWidget):
    """Filter bar, then the report list and the map as tabs."""

    def __init__(
        self, report_list: ReportListPanel, store: Store, tasks: TaskManager, parent: QWidget
    ):
        super().__init__(parent)
        self.report_list = report_list
        self.filter_bar = report_list.take_filter_bar()
        self.map_panel = MapPanel(store, tasks, self)
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(report_list, "")
        self.tabs.addTab(self.map_panel, "")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.filter_bar)
        layout.addWidget(self.tabs, 1)
        window = parent.window()
        self.show_list_action = self._action(window, "Ctrl+1", self.show_list)
        self.show_map_action = self._action(window, "Ctrl+2", self.show_map)
        self.go_to_action = self._action(window, "Ctrl+G", self.go_to_position)
        self.view_menu: QMenu | None = None
        self._retranslate()

    @staticmethod
    def _action(window: QWidget, keys: str, slot) -> QAction:
        action = QAction(window)
        action.setShortcut(QKeySequence(keys))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(slot)
        window.addAction(action)
        return action

    def actions_for_menu(self) -> list[QAction]:
        return [self.show_list_action, self.show_map_action, self.go_to_action]

    def build_menu(self, bar: QMenuBar) -> QMenu:
        """A "View" menu with the pane's actions, at the end of the menu bar."""
        self.view_menu = bar.addMenu("")
        self.add_actions_to(self.view_menu)
        self._retranslate()
        return self.view_menu

    def add_actions_to(self, menu: QMenu) -> None:
        menu.addAction(self.show_list_action)
        menu.addAction(self.show_map_action)
        menu.addSeparator()
        menu.addAction(self.go_to_action)

    def map_shown(self) -> bool:
        return self.tabs.currentIndex() == TAB_MAP

    @Slot()
    def show_list(self) -> None:
        self.tabs.setCurrentIndex(TAB_LIST)
        self.report_list.view.setFocus()

    @Slot()
    def show_map(self) -> None:
        self.tabs.setCurrentIndex(TAB_MAP)

    @Slot()
    def go_to_position(self) -> None:
        """Ctrl+G: the Map tab, the cursor in its position box."""
        self.show_map()
        self.map_panel.go_to.focus()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self.tabs.setTabText(TAB_LIST, self.tr("List"))
        self.tabs.setTabText(TAB_MAP, self.tr("Map"))
        self.tabs.setTabToolTip(TAB_LIST, self.tr("The reports as a list (Ctrl+1)"))
        self.tabs.setTabToolTip(TAB_MAP, self.tr("The reports on the map (Ctrl+2)"))
        self.show_list_action.setText(self.tr("Report &list"))
        self.show_map_action.setText(self.tr("&Map"))
        self.go_to_action.setText(self.tr("&Go to position…"))
        if self.view_menu is not None:
            self.view_menu.setTitle(self.tr("&View"))
