"""The sync tests' devices and server (tests/sync/clientkit.py) for tests in other folders.

clientkit's `from conftest import Server` means the sync tests' conftest; a folder with a
conftest of its own loads it here under another name:

    kit = peerkit.load("alerts")
    kit.Peer, kit.enroll, kit.start_server
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

SYNC_TESTS = Path(__file__).resolve().parent / "sync"


def _load(name: str, path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def load(folder: str) -> ModuleType:
    """tests/sync/clientkit.py, loaded for the tests of `folder`."""
    ours = sys.modules.get("conftest")
    sys.modules["conftest"] = _load("sync_server_kit", SYNC_TESTS / "conftest.py")
    try:
        return _load(f"{folder}_clientkit", SYNC_TESTS / "clientkit.py")
    finally:
        if ours is not None:
            sys.modules["conftest"] = ours
