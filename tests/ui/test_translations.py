"""French ships with English: complete translations, and the window really switches."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, Qt

from fieldapp.core.settings import Settings
from fieldapp.ui.kit import i18n
from fieldapp.ui.kit.i18n import resolve_language
from fieldapp.ui.reports.model import column_of

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "translations" / "fieldapp_fr.ts"
QM = TS.with_suffix(".qm")


def ts_messages(path: Path) -> dict[tuple[str, str], ET.Element]:
    messages = {}
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            messages[(name, message.findtext("source"))] = message.find("translation")
    return messages


def test_every_french_translation_is_finished():
    messages = ts_messages(TS)
    assert len(messages) > 150
    unfinished = [
        key
        for key, translation in messages.items()
        if translation.get("type") in ("unfinished", "obsolete", "vanished")
        or not all(form.strip() for form in _forms(translation))
    ]
    assert unfinished == []


def _forms(translation: ET.Element) -> list[str]:
    """A translation's text, or each of its plural forms (a count's: `tr(..., n)`)."""
    plurals = translation.findall("numerusform")
    return [f.text or "" for f in plurals] if plurals else [translation.text or ""]


def pyside_tool(name: str) -> str:
    beside = Path(sys.executable).with_name(name)
    found = str(beside) if beside.exists() else shutil.which(name)
    assert found, f"{name} (installed with PySide6) is needed to check the translations"
    return found


def test_the_ts_file_has_every_string_of_the_ui(tmp_path):
    lupdate = pyside_tool("pyside6-lupdate")
    fresh = tmp_path / "fresh.ts"
    sources = sorted(str(p) for p in (ROOT / "fieldapp" / "ui").rglob("*.py"))
    subprocess.run(
        [str(lupdate), *sources, "-ts", str(fresh), "-locations", "none"],
        check=True,
        capture_output=True,
    )
    assert set(ts_messages(fresh)) <= set(ts_messages(TS))


def test_the_committed_qm_is_compiled_from_the_ts(tmp_path):
    compiled = tmp_path / "fresh.qm"
    lrelease = pyside_tool("pyside6-lrelease")
    subprocess.run([lrelease, str(TS), "-qm", str(compiled)], check=True, capture_output=True)
    assert QM.read_bytes() == compiled.read_bytes()


def test_system_locale_picks_french_or_falls_back_to_english():
    assert resolve_language("system", QLocale("fr_CA")) == "fr"
    assert resolve_language("system", QLocale("de_DE")) == "en"
    assert resolve_language("en", QLocale("fr_FR")) == "en"
    assert resolve_language("fr", QLocale("en_US")) == "fr"


def test_window_opens_in_french_when_the_settings_say_so(
    qtbot, make_window, operation, reports, languages
):
    assert languages.apply("fr") == "fr"
    window = make_window(Settings(language="fr", last_operation_id=operation["id"]))
    header = window.report_model.headerData(column_of("severity"), Qt.Orientation.Horizontal)
    assert header == "Gravité"
    assert window.chrome.new_report_action.text() == "&Nouveau rapport"
    assert window.status.connection_label.text() == "Hors ligne — synchronisation non configurée"
    kinds = {window.report_model.index(r, column_of("kind")).data() for r in range(5)}
    assert "Demande d’aide" in kinds
    window.report_list.view.selectRow(0)
    qtbot.waitUntil(lambda: window.editor.current_report() is not None)
    assert window.editor.save_button.text() == "&Enregistrer"
    window.editor.form.widget("title").clear()
    assert not window.editor.save()
    assert window.editor.form.error_text("title") == "Ce champ est obligatoire."


def test_switching_language_in_the_settings_applies_at_once(
    qtbot, make_window, operation, reports, languages, data_dir
):
    languages.apply("en")
    window = make_window(Settings(last_operation_id=operation["id"]), languages=languages)
    editor = window.editor
    assert window.chrome.file_menu.title() == "&File"
    window.apply_settings("fr", "Camille")
    qtbot.waitUntil(lambda: window.chrome.file_menu.title() == "&Fichier")
    assert window.report_list.filter_bar.clear_button.text() == "Effacer les filtres"
    assert editor.placeholder.text().startswith("Choisissez un rapport")
    header = window.report_model.headerData(column_of("title"), Qt.Orientation.Horizontal)
    assert header == "Titre"
    assert Settings.load(data_dir).language == "fr"
    assert window.store.user == "Camille"
    window.apply_settings("en", "")
    qtbot.waitUntil(lambda: window.chrome.file_menu.title() == "&File")


def test_vocabulary_has_a_label_for_every_code(languages):
    from fieldapp.reports import domain

    languages.apply("fr")
    assert set(i18n.kind_labels()) == set(domain.KINDS)
    assert set(i18n.status_labels()) == set(domain.STATUSES)
    assert set(i18n.verification_labels()) == set(domain.VERIFICATIONS)
    assert set(i18n.source_labels()) == set(domain.SOURCES)
    assert set(i18n.confidence_labels()) == set(domain.CONFIDENCES)
    assert QCoreApplication.translate("Status", "Closed") == "Clos"


def test_qt_own_dialogs_speak_french(qtbot):
    """Standard buttons and the (non-native) file dialog's labels follow the language."""
    from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QLabel

    app = QCoreApplication.instance()
    manager = i18n.LanguageManager(app)  # type: ignore[arg-type]
    try:
        manager.apply("fr")
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        qtbot.addWidget(box)
        assert box.button(QDialogButtonBox.StandardButton.Cancel).text() == "Annuler"
        dialog = QFileDialog()
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        qtbot.addWidget(dialog)
        labels = " ".join(label.text().replace("&", "") for label in dialog.findChildren(QLabel))
        assert "Voir dans" in labels and "Fichiers de type" in labels
        assert "Look in" not in labels and "Files of type" not in labels
    finally:
        manager.apply("en")
