"""Watch rules: the list of an operation's rules, and a rule's editor with a Preview.

A rule is words ("quoted phrases", OR, NOT; accents and case do not matter), a language,
an area (a drawn map feature of the operation, or none) and what it does with the posts
it matches (flag or hide). A new rule starts switched off: Preview says how many stored
posts it would match and shows the newest, before the user switches it on. Switching a
rule on or off, editing or deleting it applies it again to every stored post
(`refresh_hits`, on the writes lane); the queue follows through `records_changed`.

GUI thread only: the rules, the areas and a preview are read on the reads lane (a
preview under one key: a newer one wins), the writes run on the writes lane.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from fieldapp.ui.kit.taskman import Lane, TaskManager
from fieldapp.ui.monitoring import jobs
from fieldapp.ui.monitoring.cards_model import one_line
from fieldapp.ui.monitoring.errors import error_text
from fieldapp.ui.monitoring.words import action_labels, counted, translate

if TYPE_CHECKING:
    from fieldapp.core.record_types import Feature, WatchRule

_Index = QModelIndex | QPersistentModelIndex
_DISPLAY = int(Qt.ItemDataRole.DisplayRole.value)


def rule_headers() -> list[str]:
    return [
        translate("Monitoring", "Name"),
        translate("Monitoring", "Words"),
        translate("Monitoring", "Language"),
        translate("Monitoring", "Area"),
        translate("Monitoring", "Action"),
        translate("Monitoring", "On"),
    ]


OPERATION_AREA = "operation"  # the area chooser's item for the operation's own area


class RulesModel(QAbstractTableModel):
    """The rules of an operation (a handful: read whole)."""

    def __init__(self, parent: Any = None):
        super().__init__(parent)
        self.rules: list[WatchRule] = []
        self.areas: dict[str, str] = {}
        self._headers = rule_headers()

    def apply(self, rules: list[WatchRule], areas: list[Feature]) -> None:
        self.beginResetModel()
        self.rules = rules
        self.areas = {a["id"]: a["name"] or a["id"][:8] for a in areas}
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rules)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 6

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: _Index, role: int = _DISPLAY) -> Any:
        if int(role) != _DISPLAY or not index.isValid() or index.row() >= len(self.rules):
            return None
        rule = self.rules[index.row()]
        area = rule["area_id"]
        if rule["operation_area"]:
            where = translate("Monitoring", "the operation's")
        else:
            where = self.areas.get(area, "?") if area else translate("Monitoring", "none")
        return (
            rule["name"],
            rule["expression"],
            rule["language"] or translate("Monitoring", "any"),
            where,
            action_labels().get(rule["action"], rule["action"]),
            translate("Monitoring", "on") if rule["enabled"] else translate("Monitoring", "off"),
        )[index.column()]

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> Any:
        if orientation != Qt.Orientation.Horizontal or int(role) != _DISPLAY:
            return None
        return self._headers[section] if 0 <= section < 6 else None


class RuleEditor(QDialog):
    """A rule's fields, a Preview of what it matches, Save (off) or Save and switch on."""

    saved = Signal(object)  # the WatchRule as stored
    preview_shown = Signal(object)  # jobs.Preview

    def __init__(
        self, tasks: TaskManager, operation_id: str, areas: list[Feature],
        rule: WatchRule | None = None, parent: QWidget | None = None,
    ):  # fmt: skip
        super().__init__(parent)
        self.tasks, self.operation_id, self.rule = tasks, operation_id, rule
        self._key = f"monitoring-preview-{id(self)}"
        self.setWindowTitle(self.tr("Edit the rule") if rule else self.tr("New watch rule"))
        self.name, self.words, self.language = QLineEdit(self), QLineEdit(self), QLineEdit(self)
        self.words.setPlaceholderText(self.tr('inondation OR crue NOT "exercice"'))
        self.language.setPlaceholderText(self.tr("any (or fr, en…)"))
        self.language.setMaxLength(8)
        self.area, self.action = QComboBox(self), QComboBox(self)
        self.area.addItem(self.tr("None (anywhere)"), None)
        self.area.addItem(self.tr("The operation's area (around its features and reports)"),
                          OPERATION_AREA)  # fmt: skip
        for feature in areas:
            self.area.addItem(feature["name"] or feature["id"][:8], feature["id"])
        for code, label in action_labels().items():
            self.action.addItem(label, code)
        self.preview_button = QPushButton(self.tr("&Preview"), self)
        self.preview_label = QLabel(self)
        self.preview_label.setWordWrap(True)
        self.matches = QListWidget(self)  # plain text items: a post's markup stays text
        self.problem = QLabel(self)
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b71c1c")
        self.problem.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.save_button = self.buttons.addButton(
            self.tr("&Save"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.save_on_button = self.buttons.addButton(
            self.tr("Save and switch &on"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self._build()
        if rule is not None:
            self._load(rule)

    def _build(self) -> None:
        form = QFormLayout(self)
        form.addRow(self.tr("&Name:"), self.name)
        form.addRow(self.tr("&Words:"), self.words)
        form.addRow(self.tr("&Language:"), self.language)
        form.addRow(self.tr("A&rea:"), self.area)
        form.addRow(self.tr("&Action:"), self.action)
        row = QHBoxLayout()
        row.addWidget(self.preview_button)
        row.addWidget(self.preview_label, 1)
        form.addRow(row)
        form.addRow(self.matches)
        form.addRow(self.problem)
        form.addRow(self.buttons)
        self.preview_button.clicked.connect(self.preview)
        self.buttons.rejected.connect(self.reject)
        self.save_button.clicked.connect(partial(self.save, False))
        self.save_on_button.clicked.connect(partial(self.save, True))
        self.resize(560, 480)

    def _load(self, rule: WatchRule) -> None:
        self.name.setText(rule["name"])
        self.words.setText(rule["expression"])
        self.language.setText(rule["language"])
        area = OPERATION_AREA if rule["operation_area"] else rule["area_id"]
        self.area.setCurrentIndex(max(0, self.area.findData(area)))
        self.action.setCurrentIndex(max(0, self.action.findData(rule["action"])))

    def values(self) -> dict[str, Any]:
        return {
            "name": self.name.text().strip(),
            "expression": self.words.text().strip(),
            "language": self.language.text().strip().lower(),
            "area_id": None
            if self.area.currentData() == OPERATION_AREA
            else self.area.currentData(),
            "operation_area": self.area.currentData() == OPERATION_AREA,
            "action": self.action.currentData(),
        }

    @Slot()
    def preview(self) -> None:
        """Count and newest matches of the rule as typed, on the stored posts."""
        self.preview_label.setText(self.tr("Looking…"))
        values = {**self.values(), "name": self.values()["name"] or "preview"}
        self.tasks.submit(
            partial(jobs.preview_rule, self.operation_id, values),
            lane=Lane.READS, key=self._key,
            on_done=self._on_preview_done, on_failed=self._on_failed, owner=self,
        )  # fmt: skip

    def _on_preview_done(self, preview: jobs.Preview) -> None:
        self.problem.hide()
        text = counted(
            preview.count, self.tr("1 stored post matches."), self.tr("%1 stored posts match.")
        )
        if preview.newest:
            text += " " + self.tr("The newest:")
        self.preview_label.setText(text)
        self.matches.clear()
        self.matches.addItems([one_line(item["text"] or item["url"]) for item in preview.newest])
        self.preview_shown.emit(preview)

    def _on_failed(self, error: Exception) -> None:
        self.preview_label.setText("")
        self.problem.setText(error_text(error))
        self.problem.show()

    def save(self, switch_on: bool) -> None:
        values = self.values()
        if switch_on:
            values["enabled"] = True
        rule_id = self.rule["id"] if self.rule else None
        if rule_id is None and switch_on:
            job = partial(_add_and_switch_on, self.operation_id, values)
        else:
            job = partial(jobs.save_rule, self.operation_id, rule_id, values)
        self.tasks.submit(job, lane=Lane.WRITES, on_done=self._on_saved,
                          on_failed=self._on_failed, owner=self)  # fmt: skip

    def _on_saved(self, rule: WatchRule) -> None:
        self.saved.emit(rule)
        self.accept()


def _add_and_switch_on(operation_id: str, values: dict[str, Any], ctx: jobs.JobContext) -> Any:
    values = {k: v for k, v in values.items() if k != "enabled"}
    rule = jobs.save_rule(operation_id, None, values, ctx)
    return jobs.switch_rule(operation_id, rule["id"], True, ctx)


class RulesDialog(QDialog):
    """The watch rules of an operation: add, edit, switch on/off, delete."""

    rules_loaded = Signal()
    message_posted = Signal(str)

    def __init__(self, tasks: TaskManager, operation_id: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.tasks, self.operation_id = tasks, operation_id
        self.areas: list[Feature] = []
        self.editor: RuleEditor | None = None
        self._key = f"monitoring-rules-{id(self)}"
        self.setWindowTitle(self.tr("Watch rules"))
        self.model = RulesModel(self)
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.add_button = QPushButton(self.tr("&Add…"), self)
        self.edit_button = QPushButton(self.tr("&Edit…"), self)
        self.switch_button = QPushButton(self.tr("Switch on/o&ff"), self)
        self.delete_button = QPushButton(self.tr("&Delete"), self)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.switch_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self.add_button.clicked.connect(partial(self.open_editor, None))
        self.edit_button.clicked.connect(self._on_edit_button_clicked)
        self.switch_button.clicked.connect(self.switch_chosen)
        self.delete_button.clicked.connect(self.delete_chosen)
        self.view.doubleClicked.connect(self._on_edit_button_clicked)
        self.resize(720, 360)
        self.refresh()

    def refresh(self) -> None:
        self.tasks.submit(
            partial(jobs.read_rules, self.operation_id), lane=Lane.READS, key=self._key,
            on_done=self._apply, on_failed=self._on_failed, owner=self,
        )  # fmt: skip

    def _apply(self, found: jobs.RulesAndAreas) -> None:
        self.areas = found.areas
        self.model.apply(found.rules, found.areas)
        if found.rules and not self.view.selectionModel().hasSelection():
            self.view.selectRow(0)
        self.rules_loaded.emit()

    def _on_failed(self, error: Exception) -> None:
        self.status.setText(error_text(error))
        self.message_posted.emit(error_text(error))

    def chosen(self) -> WatchRule | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.rules[rows[0].row()] if rows else None

    def open_editor(self, rule: WatchRule | None) -> RuleEditor:
        """The rule editor (non-modal in tests: `open()`); the list follows its save."""
        self.editor = RuleEditor(self.tasks, self.operation_id, self.areas, rule, self)
        self.editor.saved.connect(self._on_editor_saved)
        self.editor.open()
        return self.editor

    @Slot()
    def _on_edit_button_clicked(self, *_args: object) -> None:
        rule = self.chosen()
        if rule is not None:
            self.open_editor(rule)

    @Slot(object)
    def _on_editor_saved(self, rule: WatchRule) -> None:
        self.status.setText(self.tr("Rule “%1” saved.").replace("%1", rule["name"]))
        self.refresh()

    def _write(self, job, words: str) -> None:
        self.status.setText(self.tr("Applying the rules to the stored posts…"))
        self.tasks.submit(job, lane=Lane.WRITES, name=self.tr("Applying watch rules"),
                          on_done=lambda _r: self._after_write(words),
                          on_failed=self._on_failed, owner=self)  # fmt: skip

    def _after_write(self, words: str) -> None:
        self.status.setText(words)
        self.refresh()

    @Slot()
    def switch_chosen(self) -> None:
        rule = self.chosen()
        if rule is None:
            return
        on = not rule["enabled"]
        words = self.tr("Rule switched on.") if on else self.tr("Rule switched off.")
        self._write(partial(jobs.switch_rule, self.operation_id, rule["id"], on), words)

    @Slot()
    def delete_chosen(self) -> None:
        rule = self.chosen()
        if rule is not None:
            job = partial(jobs.delete_rule, self.operation_id, rule["id"])
            self._write(job, self.tr("Rule deleted."))
