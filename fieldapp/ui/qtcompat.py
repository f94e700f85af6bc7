"""Work-arounds for bugs of the PySide6 release we ship with.

`emit(signal, *args)`: in PySide6 6.12.0, `SignalInstance.emit()` returns `True` without
taking a reference to it, so every emit from Python lowers the reference count of `True`
by one; after a few thousand emits the interpreter aborts ("bool_dealloc: deallocating
True or False"). A probe at import time measures the bug; when present, `emit` gives the
lost reference back. Once PySide6 is fixed the probe sees no loss and `emit` is a plain
call. Emitting through this function is safe from any thread.
"""

from __future__ import annotations

import ctypes
import sys
from typing import Any

from PySide6.QtCore import QObject, Signal, SignalInstance

_PROBES = 8


class _Probe(QObject):
    probed = Signal()


def _measure_loss() -> bool:
    """Emit a few times and see whether True lost references (then give them back)."""
    probe = _Probe()
    before = sys.getrefcount(True)
    for _ in range(_PROBES):
        probe.probed.emit()
    lost = before - sys.getrefcount(True)
    for _ in range(max(0, lost)):
        ctypes.pythonapi.Py_IncRef(ctypes.py_object(True))
    return lost >= _PROBES


EMIT_LOSES_A_REFERENCE = _measure_loss()


def emit(signal: SignalInstance, *args: Any) -> None:
    """`signal.emit(*args)`, without PySide6 6.12's reference loss on its result."""
    result = signal.emit(*args)
    if EMIT_LOSES_A_REFERENCE:
        ctypes.pythonapi.Py_IncRef(ctypes.py_object(result))
