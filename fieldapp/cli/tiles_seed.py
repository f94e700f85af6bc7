"""`fieldapp tiles seed`: download an area from a tile server, politely and resumably.

The download runs in a worker thread so that Ctrl+C stops it cleanly: what was fetched
is kept and the same command resumes. On a terminal it asks before a large download.
Imports fieldapp.tiles only when it runs. Single-threaded apart from that worker.
"""

from __future__ import annotations

import argparse
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from fieldapp.cli.common import CliError, print_json


def seed(args: argparse.Namespace) -> int:
    from fieldapp.tiles import SeedOptions, plan_seed

    options = SeedOptions(connections=args.connections)
    area = {"bbox": args.bbox, "zooms": args.zoom, "url": args.url, "name": args.name}
    plan = plan_seed(args.data_dir, options=options, **area)
    _print_plan(plan, sys.stderr if args.json else sys.stdout)
    if plan.to_fetch and not args.yes and _interactive() and not _confirm(plan):
        raise CliError("nothing was downloaded", code=1)
    progress = _SeedProgressLine()
    try:
        summary = _download(args.data_dir, area, options, progress)
    finally:
        progress.finish()
    status = _status(summary)
    if args.json:
        print_json(summary.to_dict() | {"status": status, "plan": plan.to_dict()})
    else:
        _print_summary(summary, status)
    return {"complete": 0, "cancelled": 130}.get(status, 1)


def _print_plan(plan: Any, stream: Any) -> None:
    per_zoom = ", ".join(f"{z}: {n:,}" for z, n in plan.per_zoom.items())
    print(
        f"tile set {plan.set_id!r}: {plan.total:,} tiles at zoom {plan.zooms} ({per_zoom}); "
        f"{plan.present:,} already there, {plan.to_fetch:,} to download, "
        f"about {size_text(plan.estimated_bytes)}",
        file=stream,
        flush=True,
    )


def _interactive() -> bool:
    return bool(sys.stdin and sys.stdin.isatty())


def _confirm(plan: Any) -> bool:
    print(
        f"download {plan.to_fetch:,} tiles (about {size_text(plan.estimated_bytes)})? [y/N] ",
        end="",
        file=sys.stderr,
        flush=True,
    )
    return sys.stdin.readline().strip().lower() in ("y", "yes")


def _download(data_dir: Path, area: dict, options: Any, progress: Callable) -> Any:
    """seed() in a worker thread; Ctrl-C cancels it, and the tiles received are kept."""
    from fieldapp.tiles import SeedControl
    from fieldapp.tiles import seed as seed_area

    control = SeedControl()
    outcome: dict[str, Any] = {}
    # An Event, not Thread.join(): on Python 3.11 a join interrupted by Ctrl-C marks the
    # thread as stopped, and the next join returns before the download has ended.
    done = threading.Event()

    def work() -> None:
        try:
            outcome["summary"] = seed_area(
                data_dir, **area, options=options, progress=progress, control=control
            )
        except BaseException as exc:  # handed to the main thread, which reports it
            outcome["error"] = exc
        finally:
            done.set()

    threading.Thread(target=work, name="tiles-seed", daemon=True).start()
    try:
        done.wait()
    except KeyboardInterrupt:
        control.cancel()
        progress.finish()
        print("cancelling: storing the tiles already received…", file=sys.stderr, flush=True)
        done.wait()  # a second Ctrl-C quits at once; what was written stays written
    if "error" in outcome:
        raise outcome["error"]
    return outcome["summary"]


class _SeedProgressLine:
    """Progress on stderr: one updated line on a terminal, a line per tenth otherwise."""

    def __init__(self) -> None:
        self._tty = sys.stderr.isatty()
        self._tenth = -1
        self._open = False

    def __call__(self, p: Any) -> None:
        text = (
            f"{p.done:,} of {p.total:,} tiles ({p.fraction:.0%}): {p.stored:,} stored, "
            f"{p.skipped:,} already there, {p.missing:,} missing, "
            f"{p.failed + p.invalid:,} failed; {size_text(p.bytes)} in {p.elapsed:.0f} s"
        )
        if self._tty:
            print(f"\r{text}\x1b[K", end="", file=sys.stderr, flush=True)
            self._open = True
        elif int(p.fraction * 10) > self._tenth:
            self._tenth = int(p.fraction * 10)
            print(text, file=sys.stderr, flush=True)

    def finish(self) -> None:
        if self._open:
            print(file=sys.stderr, flush=True)
            self._open = False


def _status(summary: Any) -> str:
    if summary.complete:
        return "complete"
    if summary.cancelled:
        return "cancelled"
    return "stopped" if summary.stopped_reason else "incomplete"


def _print_summary(s: Any, status: str) -> None:
    print(f"tile set {s.set_id!r}: {status} in {s.elapsed:.1f} s")
    print(
        f"  {s.planned:,} tiles planned: {s.stored:,} stored ({size_text(s.bytes)}), "
        f"{s.skipped:,} already there, {s.missing:,} missing on the server, "
        f"{s.invalid:,} not images, {s.failed:,} failed"
    )
    if s.retries or s.rate_limited:
        print(f"  {s.retries:,} retries, {s.rate_limited:,} rate-limited answers")
    for reason, count in s.failures.items():
        print(f"  {count:,} × {reason}")
    if status == "complete":
        print("  every tile of the area is stored or known to be absent from the server")
        return
    if status == "cancelled":
        print("  cancelled (Ctrl-C)")
    elif status == "stopped":
        print(f"  stopped: {s.stopped_reason}")
    else:
        print("  some tiles failed")
    print("  the tiles received are kept; run the same command again to resume")


def size_text(count: float) -> str:
    if count < 1000:
        return f"{int(count):,} bytes"
    for unit in ("kB", "MB", "GB"):
        count /= 1000
        if count < 1000 or unit == "GB":
            return f"{count:.1f} {unit}"
    raise AssertionError("unreachable")
