"""The objects a download hands to its caller: its plan, its control, progress and summary.

Plain data, plus SeedControl, whose methods may be called from any thread (the UI's
cancel button, the download's own workers). Use one SeedControl per run.
"""

from __future__ import annotations

import threading
from dataclasses import asdict, dataclass, field
from typing import Any

from .grid import BBox, ZoomRange


class SeedControl:
    """Pause, resume and cancel a running download, from any thread."""

    def __init__(self) -> None:
        self.halted = threading.Event()  # set by cancel() or by a stop the download decides
        self._cond = threading.Condition()
        self._paused = False
        self._busy = 0  # workers holding a tile: between wait_if_paused() and the next call
        self._local = threading.local()
        self.cancelled = False
        self.stop_reason: str | None = None

    def pause(self) -> None:
        """Workers finish the request in hand, then wait; nothing in flight is lost."""
        with self._cond:
            self._paused = True

    def resume(self) -> None:
        with self._cond:
            self._paused = False
            self._cond.notify_all()

    def cancel(self) -> None:
        """Stop soon: no new request; tiles already received are still stored."""
        self.cancelled = True
        self._halt()

    def stop(self, reason: str) -> None:
        """Stop because of a problem (used by the download itself); the first reason wins."""
        if self.stop_reason is None:
            self.stop_reason = reason
        self._halt()

    def _halt(self) -> None:
        self.halted.set()
        with self._cond:
            self._cond.notify_all()  # wake paused workers so they see the halt

    @property
    def paused(self) -> bool:
        return self._paused

    @property
    def busy(self) -> int:
        """Workers with a request in hand; 0 once a pause has taken hold (a UI can then
        say "paused" rather than "pausing"), or once the download has ended."""
        with self._cond:
            return self._busy

    def wait_if_paused(self) -> bool:
        """Block while paused; False once halted. The caller holds a tile until its next
        call, or until idle()."""
        with self._cond:
            self._release()
            while self._paused and not self.halted.is_set():
                self._cond.wait()
            if self.halted.is_set():
                return False
            self._busy += 1
            self._local.busy = True
            return True

    def idle(self) -> None:
        """The calling worker holds no tile any more (it is leaving)."""
        with self._cond:
            self._release()

    def _release(self) -> None:
        if getattr(self._local, "busy", False):
            self._local.busy = False
            self._busy -= 1


@dataclass
class SeedPlan:
    """What a download would do; `estimated_bytes` covers only the tiles still to fetch."""

    set_id: str
    path: str
    url: str
    bbox: BBox
    zooms: ZoomRange
    total: int
    per_zoom: dict[int, int]
    present: int
    to_fetch: int
    estimated_bytes: int

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["bbox"], out["zooms"] = list(self.bbox), str(self.zooms)
        out["per_zoom"] = {str(z): n for z, n in self.per_zoom.items()}
        return out


@dataclass
class SeedProgress:
    total: int
    done: int
    stored: int
    skipped: int
    missing: int
    invalid: int
    failed: int
    bytes: int
    elapsed: float

    @property
    def fraction(self) -> float:
        return self.done / self.total if self.total else 1.0


@dataclass
class SeedSummary:
    """The end of a download, in numbers and words; the partial set is usable either way."""

    set_id: str
    path: str
    planned: int
    stored: int = 0  # fetched and written in this run
    skipped: int = 0  # already in the set
    missing: int = 0  # the server has no such tile (404), now or in an earlier run
    invalid: int = 0  # the server sent something that is not an image
    failed: int = 0  # gave up after retries, or refused
    bytes: int = 0
    retries: int = 0
    rate_limited: int = 0
    failures: dict[str, int] = field(default_factory=dict)  # reason -> count
    failed_tiles: list[str] = field(default_factory=list)  # first few, "z/x/y: reason"
    stopped_reason: str | None = None
    cancelled: bool = False
    elapsed: float = 0.0

    @property
    def complete(self) -> bool:
        """Every planned tile is stored or known to be absent from the server."""
        return self.stored + self.skipped + self.missing == self.planned

    def to_dict(self) -> dict[str, Any]:
        return asdict(self) | {"complete": self.complete}
