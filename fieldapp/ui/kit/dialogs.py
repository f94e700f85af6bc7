"""Small dialogs: a new operation, and the settings (language, user name).

They only collect values; the main window gives the function that creates the operation
(`NewOperationDialog.ask`) or saves the settings. GUI thread only.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from fieldapp.core.errors import ValidationError
from fieldapp.core.record_types import Operation
from fieldapp.core.settings import Settings
from fieldapp.radio.model import call_sign_problem
from fieldapp.ui.kit.banner import ExerciseBanner
from fieldapp.ui.kit.forms import ERROR_STYLE


class NewOperationDialog(QDialog):
    """Name, description and the exercise flag of a new operation."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.name_edit = QLineEdit(self)
        self.description_edit = QPlainTextEdit(self)
        self.description_edit.setTabChangesFocus(True)
        self.description_edit.setMaximumHeight(90)
        self.exercise_check = QCheckBox(self)
        # The banner says EXERCISE as soon as the box is ticked: what is made here is one.
        self.banner = ExerciseBanner(self)
        self.exercise_check.toggled.connect(self.banner.setVisible)
        self.error_label = QLabel(self)
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.setWordWrap(True)
        # Always there, empty until something is wrong: the fields below never jump.
        self.error_label.setText("X\nX")  # two lines: a short error, wrapped, fits
        self.error_label.setMinimumHeight(self.error_label.sizeHint().height())
        self.error_label.clear()
        self.name_edit.textChanged.connect(self._on_name_edit_text_changed)
        self.name_label = QLabel(self)
        self.name_label.setBuddy(self.name_edit)
        self.description_label = QLabel(self)
        self.description_label.setBuddy(self.description_edit)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.name_label, self.name_edit)
        form.addRow("", self.error_label)
        form.addRow(self.description_label, self.description_edit)
        form.addRow("", self.exercise_check)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self._retranslate()

    def values(self) -> dict:
        return {
            "name": self.name_edit.text().strip(),
            "description": self.description_edit.toPlainText().strip(),
            "exercise": self.exercise_check.isChecked(),
        }

    def ask(self, create: Callable[..., Operation]) -> Operation | None:
        """Show the dialog until `create(**values)` takes the values; None if cancelled.
        A refusal (ValidationError) is said in the dialog, which stays open."""
        while self.exec():
            try:
                return create(**self.values())
            except ValidationError as exc:
                self.show_error(self._refusal(exc))
        return None

    def _refusal(self, error: ValidationError) -> str:
        if "operation" in error.errors and error.errors["operation"][0] == "server_role":
            return self.tr(
                "The sync server this computer joined does not accept new operations from"
                " your role. Ask a coordinator to create it; it arrives with the next sync."
            )
        return str(error)

    def show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.show()
        self.name_edit.setFocus()

    @Slot(str)
    def _on_name_edit_text_changed(self, text: str) -> None:
        if text.strip():  # a name is typed: what was said about it no longer holds
            self.error_label.clear()

    @Slot()
    def _on_buttons_accepted(self) -> None:
        if not self.values()["name"]:
            self.show_error(self.tr("An operation needs a name."))
            return
        self.accept()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self.setWindowTitle(self.tr("New operation"))
        self.name_label.setText(self.tr("&Name"))
        self.name_edit.setPlaceholderText(self.tr("e.g. Gard floods, November 2026"))
        self.description_label.setText(self.tr("&Description"))
        self.exercise_check.setText(self.tr("This is an &exercise, not a real incident"))


ACCOUNTS = ("mastodon_instance", "mastodon_token", "exercise_mastodon_instance",
            "exercise_mastodon_token")  # fmt: skip


class SettingsDialog(QDialog):
    """Language, the name that signs reports and changes, this station's call sign (the
    radio desk's), and the publishing accounts."""

    def __init__(self, settings: Settings, parent: QWidget | None = None):
        super().__init__(parent)
        self.language_combo = QComboBox(self)
        for code in ("system", "en", "fr"):
            self.language_combo.addItem(code, code)
        self.language_combo.setCurrentIndex(max(0, self.language_combo.findData(settings.language)))
        self.user_edit = QLineEdit(settings.user_name, self)
        self.language_label = QLabel(self)
        self.language_label.setBuddy(self.language_combo)
        self.user_label = QLabel(self)
        self.user_label.setBuddy(self.user_edit)
        self.user_hint = QLabel(self)
        self.user_hint.setWordWrap(True)
        self.station_edit = QLineEdit(settings.station, self)
        self.station_label = QLabel(self)
        self.station_label.setBuddy(self.station_edit)
        self.station_problem = QLabel(self)
        self.station_problem.setTextFormat(Qt.TextFormat.PlainText)
        self.station_problem.setStyleSheet(ERROR_STYLE)
        self.station_problem.setWordWrap(True)
        self.station_problem.hide()
        self.station_edit.textEdited.connect(self.station_problem.hide)
        # Where the outreach desk publishes: a real account, and one for exercises.
        self.account_edits = {name: QLineEdit(getattr(settings, name), self) for name in ACCOUNTS}
        self.account_labels = {name: QLabel(self) for name in ACCOUNTS}
        for name, edit in self.account_edits.items():
            self.account_labels[name].setBuddy(edit)
            if name.endswith("token"):
                edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.accounts_hint = QLabel(self)
        self.accounts_hint.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.language_label, self.language_combo)
        form.addRow(self.user_label, self.user_edit)
        form.addRow("", self.user_hint)
        form.addRow(self.station_label, self.station_edit)
        form.addRow("", self.station_problem)
        for name in ACCOUNTS:
            form.addRow(self.account_labels[name], self.account_edits[name])
        form.addRow("", self.accounts_hint)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self._retranslate()

    def language(self) -> str:
        return self.language_combo.currentData()

    def user_name(self) -> str:
        return self.user_edit.text().strip()

    def station(self) -> str:
        """This station's call sign (the radio desk's), in capitals; "" when not set."""
        return self.station_edit.text().strip().upper()

    @Slot()
    def _on_buttons_accepted(self) -> None:
        """An empty call sign leaves the station unset; anything else must be one."""
        if self.station() and call_sign_problem(self.station()) is not None:
            self.station_problem.setText(
                self.tr("“%1” is not a call sign (like F4ABC or W1AW/4).").replace(
                    "%1", self.station_edit.text().strip()
                )
            )
            self.station_problem.show()
            self.station_edit.setFocus()
            return
        self.accept()

    def accounts(self) -> dict[str, str]:
        """The publishing accounts' settings, by Settings field name."""
        return {name: edit.text().strip() for name, edit in self.account_edits.items()}

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self.setWindowTitle(self.tr("Settings"))
        self.language_label.setText(self.tr("&Language"))
        # Language names are written in their own language, so anyone can find theirs.
        names = {"system": self.tr("System language"), "en": "English", "fr": "Français"}
        for i in range(self.language_combo.count()):
            self.language_combo.setItemText(i, names[self.language_combo.itemData(i)])
        self.user_label.setText(self.tr("Your &name"))
        self.user_edit.setPlaceholderText(self.tr("e.g. Camille (F4ABC)"))
        self.station_label.setText(self.tr("This &station (call sign)"))
        self.station_edit.setPlaceholderText(self.tr("e.g. F4ABC: the radio desk's call"))
        self.user_hint.setText(
            self.tr("Signs the reports you write and the changes you make. Empty: your login.")
        )
        texts = {
            "mastodon_instance": self.tr("&Mastodon instance"),
            "mastodon_token": self.tr("Mastodon access &token"),
            "exercise_mastodon_instance": self.tr("E&xercise Mastodon instance"),
            "exercise_mastodon_token": self.tr("Exercise access t&oken"),
        }
        for name, label in self.account_labels.items():
            label.setText(texts[name])
        self.account_edits["mastodon_instance"].setPlaceholderText("https://mastodon.social")
        self.accounts_hint.setText(
            self.tr(
                "Public messages are posted there once approved; with no account, copy them. "
                "An exercise's messages go only to the exercise account, never to the real one."
            )
        )
