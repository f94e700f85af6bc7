"""The public form's background work: asking the server, and writing the poster.

`read_form` and `set_form` are Qt-free job functions of the network lane (the worker
thread's own Store; sync/client/public.py does the calls); `write_poster_job` runs on
the files lane: the QR code alone as PNG or SVG (segno), or a one-page PDF poster laid
out with Qt (kit/file_jobs.py says why QPdfWriter and QPainter may run in a worker
thread: nothing in it touches a widget). The file is written beside its name and
renamed when whole, so a failure leaves none.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fieldapp.core.livefiles import refuse_live_file
from fieldapp.sync.client import public
from fieldapp.sync.client.config import load_config
from fieldapp.ui.kit.taskman import JobContext


@dataclass(frozen=True)
class FormView:
    """What the dialog shows: the server's state, the whole address and its QR code."""

    state: dict[str, Any] = field(default_factory=dict)
    address: str = ""
    qr: bytes = b""  # SVG; empty before the form was ever opened

    @property
    def opened(self) -> bool:
        return bool(self.state.get("open"))


def _view(state: dict[str, Any], ctx: JobContext) -> FormView:
    url = public.address(state, load_config(ctx.store.conn).url)
    return FormView(state, url, public.qr_svg(url) if url else b"")


def read_form(operation_id: str, ctx: JobContext) -> FormView:
    return _view(public.form_state(ctx.store, operation_id), ctx)


def set_form(
    operation_id: str, is_open: bool, settings: dict[str, Any], ctx: JobContext
) -> FormView:
    return _view(public.switch_form(ctx.store, operation_id, is_open, settings), ctx)


@dataclass(frozen=True)
class Poster:
    """A poster's words: the page's title and text, its address, the EXERCISE line."""

    title: str
    text: str
    address: str
    exercise_line: str = ""  # "EXERCISE — not a real emergency", in the page's language
    scan_line: str = ""  # "Scan the code or type the address:"


def write_poster_job(poster: Poster, path: Path, data_dir: Path, ctx: JobContext) -> Path:
    refuse_live_file(path, data_dir, writing=True)
    if path.suffix.lower() == ".pdf":
        from fieldapp.ui.sync.public_poster import write_pdf

        return write_pdf(poster, public.qr_svg(poster.address), path)
    return public.save_qr(poster.address, path)
