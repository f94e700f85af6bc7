"""The map's network guard: every request that is not the app's own is blocked and noted.

`MapRequestGuard` is installed as the URL request interceptor of the map's private
profile. It lets through only `fieldapp:` (the app's scheme), `data:` and `blob:` (made by
the page itself), and blocks anything else, http(s) first of all, keeping its URL in
`blocked` and emitting `request_blocked`. `fieldapp selftest` and the tests assert that
the list stays empty. Qt calls interceptRequest on the GUI thread (Qt 6); the list is
still guarded by a lock, so reading it from elsewhere is safe.
"""

from __future__ import annotations

import logging
import threading

from PySide6.QtCore import Signal
from PySide6.QtWebEngineCore import QWebEngineUrlRequestInfo, QWebEngineUrlRequestInterceptor

from fieldapp.maps.urls import SCHEME

log = logging.getLogger(__name__)
ALLOWED_SCHEMES = frozenset({SCHEME, "data", "blob"})


class MapRequestGuard(QWebEngineUrlRequestInterceptor):
    """Blocks and records every request outside the app's scheme."""

    request_blocked = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._lock = threading.Lock()
        self._blocked: list[str] = []
        self.allowed_count = 0

    @property
    def blocked(self) -> list[str]:
        """URLs blocked so far, oldest first (a copy)."""
        with self._lock:
            return list(self._blocked)

    def clear(self) -> None:
        with self._lock:
            self._blocked.clear()
            self.allowed_count = 0

    def interceptRequest(self, info: QWebEngineUrlRequestInfo) -> None:
        url = info.requestUrl()
        if url.scheme().lower() in ALLOWED_SCHEMES:
            with self._lock:
                self.allowed_count += 1
            return
        info.block(True)
        text = url.toString()
        with self._lock:
            self._blocked.append(text)
        log.warning("map page request blocked (no network for the map): %s", text)
        self.request_blocked.emit(text)
