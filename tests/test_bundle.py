"""The PyInstaller spec builds a one-folder bundle whose `fieldapp selftest` passes.

Slow (a few minutes): it builds the real bundle from build.spec into a temporary folder,
then runs the bundled program on demo data, headless, as a user would run it.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_bundle_builds_and_passes_selftest(tmp_path):
    pyinstaller = shutil.which("pyinstaller", path=str(Path(sys.executable).parent))
    assert pyinstaller, "pyinstaller is a dev dependency; `make test` installs it"
    build = subprocess.run(
        [
            pyinstaller,
            "--noconfirm",
            "--distpath",
            str(tmp_path / "dist"),
            "--workpath",
            str(tmp_path / "build"),
            str(ROOT / "build.spec"),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=1800,
    )
    assert build.returncode == 0, build.stderr[-3000:]
    program = tmp_path / "dist" / "fieldapp" / "fieldapp"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    data = ["--data-dir", str(tmp_path / "data")]
    demo = subprocess.run(
        [program, *data, "demo", "--reports", "300"],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert demo.returncode == 0, demo.stderr
    selftest = subprocess.run(
        [program, *data, "selftest"], env=env, capture_output=True, text=True, timeout=300
    )
    assert selftest.returncode == 0, selftest.stderr
    result = json.loads(selftest.stdout)
    assert result["ok"] is True and result["rows"] == 300
    assert result["map_external_requests"] == 0  # the map rendered offline in the bundle
