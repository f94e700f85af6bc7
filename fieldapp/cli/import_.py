"""`fieldapp import FILE`: reports and map features from GeoJSON, KML/KMZ, GPX, uMap,
CSV or Ushahidi CSV files (fieldapp/exports/intake.py).

`--preview` says what would be created and stores nothing; without it the file is
imported in one transaction, or refused whole with the line or element at fault.
Importing the same file again creates nothing. Single-threaded: opens its Store,
imports, closes.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any

from fieldapp.cli.common import (
    CliError,
    choose_operation,
    json_flag,
    label,
    open_store,
    operation_option,
)
from fieldapp.cli.common import print_json as _print_json
from fieldapp.core.livefiles import refuse_live_file
from fieldapp.exports.words import counted

SHOWN = 20  # items listed by --preview


def add_parsers(subparsers: argparse._SubParsersAction, command: Callable) -> None:
    sub = command(
        subparsers,
        "import",
        run,
        "import reports and map features from GeoJSON, KML/KMZ, GPX, uMap, CSV or Ushahidi CSV",
    )
    sub.add_argument("file", type=Path)
    sub.add_argument(
        "--preview", action="store_true", help="say what would be created; store nothing"
    )
    sub.add_argument(
        "--as",
        dest="as_",
        choices=("reports", "features"),
        help="make every item a report or a map feature (default: points become reports, "
        "lines and areas map features)",
    )
    sub.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="COLUMN=FIELD",
        help="CSV: the column of a field (title, description, lat, lon, time, kind, severity, "
        "place, id; '-' leaves a column out); repeat for several",
    )
    sub.add_argument(
        "--encoding", help="CSV: the file's encoding when it is not UTF-8, e.g. latin-1"
    )
    operation_option(sub)
    json_flag(sub)


def run(args: argparse.Namespace) -> int:
    from fieldapp.exports.columns import parse_overrides
    from fieldapp.exports.intake import ImportOptions, IntakeError, import_file, preview

    if not args.file.is_file():
        raise CliError(f"{args.file} is not a file", code=1)
    refuse_live_file(args.file, args.data_dir)
    try:
        overrides = parse_overrides(args.map)
    except ValueError as exc:
        raise CliError(str(exc)) from None
    options = ImportOptions(as_=args.as_, overrides=overrides, encoding=args.encoding)
    with open_store(args) as store:
        operation = choose_operation(store, args)
        try:
            if args.preview:
                _show(
                    preview(store, operation["id"], args.file, options), label(operation), args.json
                )
                return 0
            # One reading: checked and stored as it goes, in one transaction (all or nothing).
            plan, outcome = import_file(store, operation["id"], args.file, options)
        except IntakeError as exc:
            raise CliError(f"{args.file.name}: {exc}; nothing was imported", code=1) from None
    if args.json:
        _print_json(
            {"reports": outcome.reports, "features": outcome.features, "known": outcome.known}
        )
    else:
        print(
            f"{args.file.name}: {counted(outcome.reports, 'report')} and "
            f"{counted(outcome.features, 'map feature')} imported into {label(operation)}; "
            f"{outcome.known} already imported"
        )
        for note in plan.notes:
            print(f"  note: {note}")
    return 0


def _show(plan: Any, operation: str, as_json: bool) -> None:
    if as_json:
        _print_json(
            {
                "file": plan.file,
                "format": plan.format,
                "name": plan.name,
                "exercise": plan.exercise,
                "reports": plan.report_count,
                "features": plan.feature_count,
                "known": plan.known,
                "notes": plan.notes,
                "mapping": plan.mapping,
                "items": [_item(p) for p in plan.new],  # the first SHOWN of each kind
            }
        )
        return
    exercise = "EXERCISE — " if plan.exercise else ""
    print(f"{exercise}preview of {plan.file} ({plan.format}, {plan.name!r}) into {operation}:")
    print(
        f"  would create {counted(plan.report_count, 'report')} and "
        f"{counted(plan.feature_count, 'map feature')}; {plan.known} already imported"
    )
    if plan.mapping:
        pairs = ", ".join(f"{name} <- {column!r}" for name, column in plan.mapping.items())
        print(f"  columns: {pairs}")
    for item in plan.new[:SHOWN]:
        print(f"  {_line(item)}")
    if plan.total > SHOWN:
        print(f"  ... and {plan.total - SHOWN} more")
    for note in plan.notes:
        print(f"  note: {note}")
    print("nothing was stored (--preview)")


def _item(item: Any) -> dict[str, Any]:
    values = item.values
    return {
        "type": item.entity,
        "id": item.id,
        "title": values.get("title") or values.get("name"),
        "lat": values.get("lat"),
        "lon": values.get("lon"),
        "where": item.where,
    }


def _line(item: Any) -> str:
    values = item.values
    if item.entity == "report":
        place = f" at {values['lat']:.5f}, {values['lon']:.5f}" if values["lat"] is not None else ""
        return f"report   {values['title']!r}{place}"
    return f"feature  {values['name']!r} ({values['category']})"
