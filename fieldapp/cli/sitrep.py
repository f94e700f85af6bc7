"""`fieldapp sitrep`: the situation report of an operation, as a PDF (through Qt,
offscreen) or, with --short, as the text of one radiogram printed or written to a file.

The operation is chosen like any other (`--operation`, or the one in use). The PDF is
written beside its name and renamed over it when whole: a failure leaves no half file.
Single-threaded: the command opens its Store, reads, writes and closes.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from fieldapp.cli.common import CliError, choose_operation, label, open_store, operation_option
from fieldapp.core.livefiles import refuse_live_file
from fieldapp.exports import sitrep
from fieldapp.exports.sitrep_map import Snapshot, snapshot
from fieldapp.exports.sitrep_short import short_text

if TYPE_CHECKING:
    from fieldapp.store import Store


def add_parsers(subparsers: argparse._SubParsersAction, command: Callable) -> None:
    sub = command(subparsers, "sitrep", run, "the situation report: a PDF, or one radiogram")
    sub.add_argument("--lang", choices=("en", "fr"), default="en", help="default: en")
    sub.add_argument(
        "--short", action="store_true", help="the text of one radiogram (25 words at most)"
    )
    sub.add_argument("--highlights", default="", metavar="TEXT", help="the coordinator's")
    sub.add_argument("--overview", default="", metavar="TEXT", help="the situation overview")
    sub.add_argument(
        "--next", default="", metavar="TIME", help="next report time: 1800Z, 18:00 or ISO"
    )
    sub.add_argument(
        "-o", "--output", type=Path, help="the file (required for the PDF; --short prints)"
    )
    operation_option(sub)


def run(args: argparse.Namespace) -> int:
    output: Path | None = args.output
    if output is not None:
        refuse_live_file(output, args.data_dir, writing=True)
    elif not args.short:
        raise CliError("say where to write the PDF with -o FILE (or use --short)")
    next_report = sitrep.parse_next(args.next)
    with open_store(args) as store:
        operation = choose_operation(store, args)
        report = sitrep.build(
            store,
            operation["id"],
            highlights=args.highlights,
            overview=args.overview,
            next_report=next_report,
        )
        shot = None if args.short else _snapshot(store, report)
    if shot is None or output is None:
        return _short(report, args.lang, output)
    pages = _pdf(report, shot, output, args.lang)
    print(f"situation report of {label(operation)} written to {output} ({pages} pages)")
    return 0


def _short(report: sitrep.Sitrep, lang: str, output: Path | None) -> int:
    text = short_text(report, lang)
    if output is None:
        print(text)
    else:
        _replace(output, (text + "\n").encode("utf-8"))
        print(f"{len(text.split())} words written to {output}")
    return 0


def _snapshot(store: Store, report: sitrep.Sitrep) -> Snapshot:
    pins = [(n, top.lat, top.lon, top.severity) for n, top in enumerate(report.top, 1)]
    return snapshot(store, report.operation_id, report.bbox, pins)


def _pdf(report: sitrep.Sitrep, shot: Snapshot, output: Path, lang: str) -> int:
    """The sitrep as PDF, drawn by Qt offscreen (the PDF code lives in the UI layer)."""
    from fieldapp.ui.exports.sitrep_pdf import sitrep_pdf
    from fieldapp.ui.kit.pdf import pdf_application

    pdf_application()
    partial = output.with_name(output.name + ".part")
    try:
        pages = sitrep_pdf(report, shot, partial, lang=lang)
        os.replace(partial, output)
    finally:
        partial.unlink(missing_ok=True)
    return pages


def _replace(path: Path, data: bytes) -> None:
    partial = path.with_name(path.name + ".part")
    try:
        partial.write_bytes(data)
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
