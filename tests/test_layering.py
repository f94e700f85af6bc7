"""The core must run without Qt: the import contracts must cover every core module."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Modules allowed to reach the UI: the entry points that open it.
ENTRY_POINTS = {"fieldapp.cli", "fieldapp.commands", "fieldapp.__main__"}


def _core_modules() -> set[str]:
    package = ROOT / "fieldapp"
    names = {f"fieldapp.{p.stem}" for p in package.glob("*.py") if p.stem != "__init__"}
    names |= {f"fieldapp.{p.name}" for p in package.iterdir() if (p / "__init__.py").exists()}
    return names - {"fieldapp.ui", "fieldapp.__main__"}


def _contracts() -> list[dict]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    return config["tool"]["importlinter"]["contracts"]


def test_every_core_module_is_forbidden_qt_and_ui():
    qt, ui = _contracts()[:2]  # the first two; the others guard the sync layers
    assert set(qt["source_modules"]) == _core_modules()
    assert set(ui["source_modules"]) == _core_modules() - ENTRY_POINTS


def test_the_core_runs_without_qt():
    code = (
        "import sys, fieldapp.store, fieldapp.cli, fieldapp.backup\n"
        "assert not [m for m in sys.modules if m.startswith('PySide6')], 'Qt was imported'"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)
