"""Every dialog fits a 1024x600 field laptop, and windows open inside their screen.

A minimum size hint is what stops a window from getting smaller: each dialog's must be at
most 1024x600. (The main window and the desks at that size, with their Save buttons in
sight: test_fit_small_screen.py.)
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QWidget

from fieldapp.core.settings import Settings

SMALL = QSize(1024, 600)


def fits(widget: QWidget) -> bool:
    hint = widget.minimumSizeHint().expandedTo(widget.minimumSize())
    return hint.width() <= SMALL.width() and hint.height() <= SMALL.height()


def assert_fits(widgets: dict[str, QWidget]) -> None:
    too_big = {
        name: widget.minimumSizeHint().expandedTo(widget.minimumSize()).toTuple()
        for name, widget in widgets.items()
        if not fits(widget)
    }
    assert not too_big, f"wider than 1024 or taller than 600: {too_big}"


@pytest.fixture
def drill(store):
    return store.operations.create("Exercice crue", exercise=True)


def test_windows_open_inside_the_screen(qtbot, make_window, store, drill):
    """The main window and the desks open no larger than the screen's free area (they
    opened at 1280x800 whatever the screen); the conflicts list too (1100x760)."""
    from fieldapp.ui.sync.conflict_view import ConflictView

    window = make_window(Settings(last_operation_id=drill["id"]))
    qtbot.waitUntil(lambda: window.exercises is not None, timeout=10_000)
    assert window.exercises is not None
    screen = window.screen().availableGeometry().size()
    assert screen.width() < 1280  # the test screen is smaller than the usual size
    conflicts = ConflictView(store)
    qtbot.addWidget(conflicts)
    windows = {
        "main window": window,
        "monitoring desk": window.monitoring.open_desk(),
        "exercise desk": window.exercises.open_desk(),
        "conflicts": conflicts,
    }
    too_big = {
        name: shown.size().toTuple()
        for name, shown in windows.items()
        if shown.width() > screen.width() or shown.height() > screen.height()
    }
    assert not too_big, f"larger than the screen {screen.toTuple()}: {too_big}"


def declared_dialogs() -> set[str]:
    """Every dialog class the app declares (module.Class), bar the radio's shared base."""
    root = Path(__file__).parents[2]
    found = set()
    for path in (root / "fieldapp" / "ui").rglob("*.py"):
        module = ".".join(path.relative_to(root).with_suffix("").parts)
        pattern = r"^class (\w+)\((?:QDialog|QProgressDialog|_KeyboardDialog)\)"
        names = re.findall(pattern, path.read_text(), re.M)
        found |= {f"{module}.{name}" for name in names if not name.startswith("_")}
    return found


def every_dialog(store, tasks, operation, drill, parent: QWidget) -> dict[str, QWidget]:
    """One of each QDialog subclass under fieldapp/ui, built with what it needs."""
    from fieldapp.reports.query import ReportQuery
    from fieldapp.ui.alerts.relay_dialog import RelayDialog as AlertRelay
    from fieldapp.ui.exercises.aar_dialog import AfterActionDialog
    from fieldapp.ui.exercises.aar_entries import EntryEditor
    from fieldapp.ui.exercises.inject_dialog import InjectDialog
    from fieldapp.ui.exercises.jobs import ResetPreview
    from fieldapp.ui.exercises.replay import ResetDialog
    from fieldapp.ui.exports.export_dialog import ExportDialog
    from fieldapp.ui.exports.import_dialog import ImportDialog
    from fieldapp.ui.exports.package_dialog import ExportPackageDialog, ImportPackageDialog
    from fieldapp.ui.exports.sitrep_dialog import SitrepDialog
    from fieldapp.ui.kit.dialogs import NewOperationDialog, SettingsDialog
    from fieldapp.ui.kit.file_jobs import FileJob, PdfProgress
    from fieldapp.ui.maps.feature_dialog import FeatureDialog
    from fieldapp.ui.monitoring.card_view import CredibilityDialog
    from fieldapp.ui.monitoring.rules_dialog import RuleEditor, RulesDialog
    from fieldapp.ui.monitoring.sources_panel import AddSourceDialog, PasteDialog
    from fieldapp.ui.monitoring.triage import AttachDialog
    from fieldapp.ui.radio.dialogs import PeriodDialog
    from fieldapp.ui.radio.dialogs import RelayDialog as RadioRelay
    from fieldapp.ui.radio.station_dialog import StationDialog
    from fieldapp.ui.sync.conflict_view import ConflictView
    from fieldapp.ui.sync.panel import JoinDialog
    from fieldapp.ui.sync.public_dialog import PublicFormDialog
    from fieldapp.ui.sync.refused_dialog import RefusedDialog
    from fieldapp.ui.sync.worker import SyncRunner
    from fieldapp.ui.tiles.download_dialog import TileDownloadDialog
    from fieldapp.ui.tiles.sets_dialog import TileSetsDialog

    data_dir = Path(store.data_dir)
    runner = SyncRunner(store, tasks)
    preview = ResetPreview(run=1, archive=data_dir / "runs" / "1", cleared={"report": 3}, injects=2)
    inject = {"title": "Dam alarm", "offset_s": 600, "channel": "radio", "body": "Text"}
    return {
        "ResetDialog": ResetDialog(preview, drill["name"], parent),
        "AfterActionDialog": AfterActionDialog(store, tasks, drill, parent),
        "InjectDialog": InjectDialog(parent, None, inject, new=True),
        "EntryEditor": EntryEditor("strengths", lambda values: values, parent),
        "RuleEditor": RuleEditor(tasks, operation["id"], [], None, parent),
        "RulesDialog": RulesDialog(tasks, operation["id"], parent),
        "AddSourceDialog": AddSourceDialog(parent),
        "PasteDialog": PasteDialog(parent),
        "AttachDialog": AttachDialog(store, operation["id"], parent),
        "CredibilityDialog": CredibilityDialog("@someone", None, parent),
        "NewOperationDialog": NewOperationDialog(parent),
        "SettingsDialog": SettingsDialog(Settings(), parent),
        "SitrepDialog": SitrepDialog(store, tasks, operation, parent),
        "ImportDialog": ImportDialog(tasks, operation, parent),
        "ExportDialog": ExportDialog(tasks, data_dir, ReportQuery(operation["id"]), parent),
        "ExportPackageDialog": ExportPackageDialog(tasks, data_dir, drill, parent),
        "ImportPackageDialog": ImportPackageDialog(tasks, parent),
        "PdfProgress": PdfProgress(FileJob(data_dir, dict, data_dir / "x.pdf"), "x", parent),
        "ConflictView": ConflictView(store, parent),
        "JoinDialog": JoinDialog(runner, parent),
        "PublicFormDialog": PublicFormDialog(tasks, drill, parent),
        "RefusedDialog": RefusedDialog(store, runner, parent),
        "FeatureDialog": FeatureDialog(lambda values: values, None, parent),
        "AlertRelayDialog": AlertRelay(parent, channel="sms", heading="Flood warning"),
        "TileSetsDialog": TileSetsDialog(data_dir, tasks, parent),
        "TileDownloadDialog": TileDownloadDialog(data_dir, Settings(), tasks, parent=parent),
        "StationDialog": StationDialog("The log needs this station's call sign.", parent),
        "RadioRelayDialog": RadioRelay("QTC 12 F4ABC", "Gard net", parent),
        "PeriodDialog": PeriodDialog("Print the log", parent),
    }


def test_every_dialog_fits(qtbot, store, tasks, operation, drill):
    parent = QWidget()
    qtbot.addWidget(parent)
    dialogs = every_dialog(store, tasks, operation, drill, parent)
    built = {f"{type(d).__module__}.{type(d).__name__}" for d in dialogs.values()}
    missing = sorted(declared_dialogs() - built)
    assert not missing, f"dialogs left out of every_dialog(), so never checked: {missing}"
    for dialog in dialogs.values():
        dialog.show()
    assert_fits(dialogs)
    for dialog in dialogs.values():
        dialog.close()
