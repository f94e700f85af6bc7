"""Menus, toolbar, actions and the operation chooser of the main window.

`WindowChrome` builds them on a QMainWindow and retranslates them; the window connects
their signals to its slots. Shortcuts live on window-wide actions so they work from the
list and from the editor alike. GUI thread only.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QMainWindow,
    QPushButton,
    QSizePolicy,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from fieldapp.core.record_types import Operation


class WindowChrome(QObject):
    """The actions and bars of the main window."""

    def __init__(self, window: QMainWindow):
        super().__init__(window)
        self.window = window
        self.new_operation_action = self._action(QKeySequence("Ctrl+Shift+N"))
        self.settings_action = self._action(QKeySequence(QKeySequence.StandardKey.Preferences))
        self.quit_action = self._action(QKeySequence(QKeySequence.StandardKey.Quit))
        self.new_report_action = self._action(QKeySequence(QKeySequence.StandardKey.New))
        self.save_report_action = self._action(QKeySequence(QKeySequence.StandardKey.Save))
        self.delete_report_action = self._action(None)
        self.find_action = self._action(QKeySequence(QKeySequence.StandardKey.Find))
        self.import_action = self._action(None)  # File ▸ Import… (ui/exports/import_dialog.py)
        self.export_action = self._action(None)  # File ▸ Export… (ui/exports/export_dialog.py)
        self.operation_label = QLabel(window)
        self.operation_combo = QComboBox(window)
        self.operation_combo.setMinimumContentsLength(24)
        self.operation_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.operation_label.setBuddy(self.operation_combo)
        self._operations: list[Operation] = []
        self._build_menus()
        self._build_toolbar()
        self.retranslate()

    def _action(self, shortcut: QKeySequence | None) -> QAction:
        action = QAction(self.window)
        if shortcut is not None and not shortcut.isEmpty():
            action.setShortcut(shortcut)
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.window.addAction(action)
        return action

    def _build_menus(self) -> None:
        bar = self.window.menuBar()
        self.file_menu = bar.addMenu("")
        self.file_menu.addAction(self.new_operation_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.import_action)
        self.file_menu.addAction(self.export_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.settings_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit_action)
        self.report_menu = bar.addMenu("")
        for action in (self.new_report_action, self.save_report_action, self.find_action):
            self.report_menu.addAction(action)
        self.report_menu.addSeparator()
        self.report_menu.addAction(self.delete_report_action)
        self.operation_menu = bar.addMenu("")  # the situation report (ui/exports)

    def _build_toolbar(self) -> None:
        self.toolbar = QToolBar(self.window)
        self.toolbar.setObjectName("main_toolbar")
        self.toolbar.setMovable(False)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.toolbar.addWidget(self.operation_label)
        self.toolbar.addWidget(self.operation_combo)
        self.toolbar.addAction(self.new_operation_action)
        self.toolbar.addSeparator()
        self.toolbar.addAction(self.new_report_action)
        self.toolbar.addAction(self.save_report_action)
        spacer = QWidget(self.toolbar)
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.toolbar.addWidget(spacer)
        self.toolbar.addAction(self.settings_action)
        self.window.addToolBar(self.toolbar)

    def set_operations(self, operations: list[Operation], current: Operation | None) -> None:
        """Fill the chooser; exercises are marked so they cannot be mistaken."""
        self._operations = list(operations)
        if current and all(op["id"] != current["id"] for op in operations):
            self._operations.insert(0, current)
        self._fill_combo()
        self.select_operation(current)

    def select_operation(self, operation: Operation | None) -> None:
        if operation and self.operation_combo.findData(operation["id"]) < 0:
            self._operations.insert(0, operation)
            self._fill_combo()
        index = self.operation_combo.findData(operation["id"]) if operation else -1
        self.operation_combo.setCurrentIndex(index)

    def _fill_combo(self) -> None:
        combo = self.operation_combo
        combo.blockSignals(True)
        current = combo.currentData()
        combo.clear()
        for op in self._operations:
            combo.addItem(self._operation_text(op), op["id"])
        combo.setCurrentIndex(max(0, combo.findData(current)) if combo.count() else -1)
        combo.blockSignals(False)

    def window_title(self, operation: Operation | None) -> str:
        """The window's title: the operation, marked when it is an exercise."""
        if operation is None:
            return "FieldApp"
        if operation["exercise"]:
            return self.tr("EXERCISE — %1 — FieldApp").replace("%1", operation["name"])
        return f"{operation['name']} — FieldApp"

    def _operation_text(self, operation: Operation) -> str:
        if operation["exercise"]:
            return self.tr("EXERCISE · %1").replace("%1", operation["name"])
        return operation["name"]

    def set_report_actions_enabled(self, enabled: bool) -> None:
        for action in (
            self.new_report_action,
            self.save_report_action,
            self.delete_report_action,
            self.find_action,
            self.import_action,
            self.export_action,
        ):
            action.setEnabled(enabled)

    def retranslate(self) -> None:
        self.file_menu.setTitle(self.tr("&File"))
        self.report_menu.setTitle(self.tr("&Report"))
        self.operation_menu.setTitle(self.tr("Operation"))  # no Alt letter: taken in the window
        self.new_operation_action.setText(self.tr("New &operation…"))
        self.settings_action.setText(self.tr("&Settings…"))
        self.quit_action.setText(self.tr("&Quit"))
        self.new_report_action.setText(self.tr("&New report"))
        self.save_report_action.setText(self.tr("&Save report"))
        self.delete_report_action.setText(self.tr("&Delete report…"))
        self.find_action.setText(self.tr("&Find reports"))
        self.import_action.setText(self.tr("&Import…"))
        self.export_action.setText(self.tr("E&xport…"))
        for action in (self.new_report_action, self.save_report_action, self.find_action):
            shortcut = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            action.setToolTip(f"{action.text().replace('&', '')} ({shortcut})")
        self.operation_label.setText(self.tr("Operation:") + " ")
        self._fill_combo()


class EmptyOperationPage(QWidget):
    """Shown until the first operation exists."""

    create_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.button = QPushButton(self)
        self.button.clicked.connect(self.create_requested)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.label)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)
        self._retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self.label.setText(
            self.tr(
                "No operation yet. An operation is one incident or one exercise: "
                "create one to start recording reports."
            )
        )
        self.button.setText(self.tr("Create an &operation…"))
