"""Guard against the Qt binding release we ship with.

PySide6 6.12.0 drops a reference to `True` on every `emit()` from Python, so a long
session aborts the interpreter ("bool_dealloc"). pyproject.toml excludes that release;
this test fails if a release with the same fault is installed.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    ticked = Signal(int)


def test_emitting_signals_does_not_leak_references(qapp):
    emitter = _Emitter()
    seen = []
    emitter.ticked.connect(seen.append)
    before = sys.getrefcount(True)
    for i in range(200):
        emitter.ticked.emit(i)
    assert len(seen) == 200
    assert abs(sys.getrefcount(True) - before) < 10
