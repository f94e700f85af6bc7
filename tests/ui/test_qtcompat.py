"""A long session must not crash: PySide6 6.12 loses a reference to True on each emit."""

from __future__ import annotations

import gc
import sys

from PySide6.QtCore import QObject, Signal

from fieldapp.ui.qtcompat import emit


class _Sender(QObject):
    happened = Signal(int, object)


def test_emit_keeps_the_reference_count_of_true():
    sender = _Sender()
    received = []
    sender.happened.connect(lambda n, payload: received.append(n))
    before = sys.getrefcount(True)
    for n in range(2000):
        emit(sender.happened, n, (n, True))
    assert len(received) == 2000
    assert sys.getrefcount(True) >= before


def test_a_busy_list_does_not_drain_true(qtbot, window):
    """Hundreds of searches (thousands of emits) leave True's count intact."""
    model = window.report_model
    search = window.report_list.filter_bar.search_edit
    gc.collect()
    before = sys.getrefcount(True)
    for n in range(300):  # over a thousand emits: the bug would lose as many references
        search.setText("brid" if n % 2 else "ales")
        window.report_list.requery()  # what the debounce timer does
        qtbot.waitUntil(model.is_complete)  # (qtbot.waitSignal itself loses a reference)
    gc.collect()
    # Other objects come and go (and hold True), so allow some noise, far below the loss.
    assert sys.getrefcount(True) > before - 200
