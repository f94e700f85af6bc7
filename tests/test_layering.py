"""The layers of docs/architecture.md hold, and the import contracts would catch a breach.

`lint-imports` (in `make lint`) checks the contracts of pyproject.toml. These tests check
that the contracts cover every folder, and that they do fail on the two breaches that
matter most: a feature importing the UI, and a cycle inside the core. Each breach is made
in a copy of the package, never in the checkout.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def _contracts() -> list[dict]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    return config["tool"]["importlinter"]["contracts"]


def _layer_names(contract: dict) -> set[str]:
    return {name.strip() for layer in contract["layers"] for name in layer.split("|")}


def test_every_folder_of_the_package_has_a_layer():
    layers = next(c for c in _contracts() if c.get("containers") == ["fieldapp"])
    package = ROOT / "fieldapp"
    folders = {p.name for p in package.iterdir() if (p / "__init__.py").exists()}
    modules = {p.stem for p in package.glob("*.py") if p.stem != "__init__"}
    assert folders | modules == _layer_names(layers)


def test_every_screen_of_the_ui_has_a_layer():
    layers = next(c for c in _contracts() if c.get("containers") == ["fieldapp.ui"])
    ui = ROOT / "fieldapp" / "ui"
    assert {p.name for p in ui.iterdir() if (p / "__init__.py").exists()} == _layer_names(layers)


def _lint_copy(tmp_path: Path, breach: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """lint-imports on a copy of the package with `breach` (path -> text) added to it."""
    shutil.copytree(
        ROOT / "fieldapp", tmp_path / "fieldapp", ignore=shutil.ignore_patterns("__pycache__")
    )
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    for relative, text in breach.items():
        target = tmp_path / relative
        target.write_text(target.read_text() + text if target.exists() else text)
    env = {**os.environ, "PYTHONPATH": str(tmp_path)}
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"], cwd=tmp_path, env=env, capture_output=True, text=True
    )


def test_the_contracts_hold_on_the_checkout(tmp_path):
    result = _lint_copy(tmp_path, {})
    assert result.returncode == 0, result.stdout


@pytest.mark.parametrize(
    ("breach", "named"),
    [
        (  # a feature reaching up into the window
            {"fieldapp/reports/query.py": "\nimport fieldapp.ui.kit.banner  # noqa\n"},
            "fieldapp.reports is not allowed to import fieldapp.ui",
        ),
        (  # two core modules importing each other
            {
                "fieldapp/core/cycle_a.py": "import fieldapp.core.cycle_b  # noqa\n",
                "fieldapp/core/cycle_b.py": "import fieldapp.core.cycle_a  # noqa\n",
            },
            "No cycles are allowed in fieldapp.core",
        ),
        (  # the core reaching up into a feature: a cycle between folders
            {"fieldapp/core/database.py": "\nimport fieldapp.reports.domain  # noqa\n"},
            "fieldapp.core is not allowed to import fieldapp.reports",
        ),
        (  # the sync client leaning on the server
            {"fieldapp/sync/client/status.py": "\nimport fieldapp.sync.server.db  # noqa\n"},
            "fieldapp.sync.client is not allowed to import fieldapp.sync.server",
        ),
        (  # Qt outside the UI
            {"fieldapp/maps/data.py": "\nimport PySide6.QtCore  # noqa\n"},
            "fieldapp.maps.data -> PySide6",
        ),
    ],
    ids=[
        "feature-imports-ui",
        "cycle-in-core",
        "core-imports-feature",
        "client-imports-server",
        "qt-in-core",
    ],
)
def test_a_breach_breaks_a_contract(tmp_path, breach, named):
    result = _lint_copy(tmp_path, breach)
    assert result.returncode != 0
    assert named in result.stdout


def test_the_core_runs_without_qt():
    code = (
        "import sys, fieldapp.store, fieldapp.cli.main, fieldapp.core.backup\n"
        "assert not [m for m in sys.modules if m.startswith('PySide6')], 'Qt was imported'"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)
