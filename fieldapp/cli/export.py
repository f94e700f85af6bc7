"""`fieldapp export FORMAT [the report list's filters] [--hxl] -o FILE`: an operation's
reports (and map features, where the format holds them) in the formats crisis mappers
use. Opens its own Store; single-threaded.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from fieldapp.cli.common import CliError, choose_operation, label, open_store
from fieldapp.cli.reports import filter_options, filter_query
from fieldapp.core.livefiles import refuse_live_file
from fieldapp.exports.words import counted


def add_parsers(subparsers: argparse._SubParsersAction, command: Callable) -> None:
    from fieldapp.exports.formats import FORMATS

    sub = command(subparsers, "export", export, "write reports and map features to a file")
    sub.add_argument("format", choices=sorted(FORMATS), metavar="FORMAT",
                     help=f"one of {', '.join(sorted(FORMATS))}")  # fmt: skip
    filter_options(sub)
    sub.add_argument("--hxl", action="store_true", help="CSV: an HXL hashtag row under the header")
    sub.add_argument("-o", "--output", type=Path, required=True, metavar="FILE")


def export(args: argparse.Namespace) -> int:
    from fieldapp.exports.formats import ExportError
    from fieldapp.exports.formats import export as write_export

    refuse_live_file(args.output, args.data_dir, writing=True)
    with open_store(args) as store:
        operation = choose_operation(store, args)
        query = filter_query(args, operation["id"])
        try:
            count = write_export(store, args.format, query, args.output, hxl=args.hxl)
        except ExportError as exc:
            raise CliError(f"{exc}. Nothing was written.", 2) from None
        except OSError as exc:
            raise CliError(f"cannot write {args.output}: {exc}. Nothing was written.", 1) from None
    print(
        f"{counted(count, 'item')} of {label(operation)} written to {args.output} ({args.format})"
    )
    return 0
