"""Announces what the window's own store committed, once the action that wrote it is over.

The window's dialogs, editor, radio desk and conflict view write on the GUI thread's
Store. `StoreChanges(store, parent)` hooks that store's `on_committed` (core/replica.py)
and, at the next turn of the event loop, takes the changes of every commit since and
emits them on `changes_committed`: a save that writes twice is announced once, and no
view reads again in the middle of it. Jobs' writes are announced by the task manager.
GUI thread only (the hook is called on the thread that owns the store).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal, Slot

if TYPE_CHECKING:
    from fieldapp.store import Store


class StoreChanges(QObject):
    changes_committed = Signal(object)  # Changes

    def __init__(self, store: Store, parent: QObject | None = None):
        super().__init__(parent)
        self._store = store
        self._scheduled = False
        store.db.on_committed = self._on_store_committed

    def stop(self) -> None:
        """Announce nothing more (the window is closing)."""
        self._store.db.on_committed = None  # and a pending announcement is dropped

    def _on_store_committed(self) -> None:
        if not self._scheduled:
            self._scheduled = True
            QTimer.singleShot(0, self, self._announce)

    @Slot()
    def _announce(self) -> None:
        if self._store.db.on_committed is None:
            return
        self._scheduled = False
        changes = self._store.db.take_changes()
        if changes:
            self.changes_committed.emit(changes)
