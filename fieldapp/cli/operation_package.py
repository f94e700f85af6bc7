"""`fieldapp operation export|import`: a whole operation in one file, for another team.

`operation export OPERATION -o FILE.fieldapp-op` writes the package
(fieldapp/sync/client/package_export.py); `operation import FILE [--preview]` checks the
whole package first (manifest, checksums, every record through sync's checks) and says
what it would create, update or find already here, then imports it in one transaction
(fieldapp/sync/client/package_import.py) — or refuses it whole, naming what is wrong.
Single-threaded: opens its Store, works, closes.
"""

from __future__ import annotations

import argparse
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from fieldapp.cli.common import (
    CliError,
    find_operation,
    has_database,
    json_flag,
    label,
    open_store,
    print_json,
)
from fieldapp.core.livefiles import refuse_live_file
from fieldapp.store import Store


def add_parsers(actions: argparse._SubParsersAction, command: Callable) -> None:
    from fieldapp.sync.client.package_format import SUFFIX

    sub = command(actions, "export", export, "write a whole operation to one file for another team")
    sub.add_argument("operation", metavar="OPERATION", help="id or name of the operation")
    sub.add_argument(
        "-o", "--output", type=Path, required=True, metavar="FILE",
        help=f"the package to write (*{SUFFIX})",
    )  # fmt: skip
    json_flag(sub)
    sub = command(
        actions, "import", import_, "import an operation package, ids kept (merges, never twice)"
    )
    sub.add_argument("file", type=Path, metavar="FILE")
    sub.add_argument(
        "--preview", action="store_true", help="check the package and say what it would do"
    )
    json_flag(sub)


def export(args: argparse.Namespace) -> int:
    from fieldapp.sync.client.package_export import export_operation
    from fieldapp.sync.client.package_format import PackageError

    with open_store(args) as store:
        operation = find_operation(store, args.operation)
        try:
            summary = export_operation(store, operation["id"], args.output)
        except PackageError as exc:
            raise CliError(f"{args.output.name}: {exc}; no file written", code=1) from None
    if args.json:
        print_json({"file": str(summary.path), "operation": operation["id"],
                    "exercise": operation["exercise"], "counts": summary.counts,
                    "files": summary.blobs, "missing_files": summary.missing_blobs,
                    "bytes": summary.size})  # fmt: skip
        return 0
    exercise = "EXERCISE — " if operation["exercise"] else ""
    print(
        f"{exercise}{label(operation)}: {summary.records} record(s) and {summary.blobs}"
        f" attachment file(s) written to {summary.path} ({summary.size / 1_048_576:.1f} MB)"
    )
    for entity, count in summary.counts.items():
        print(f"  {_type_label(entity):24} {count:>8}")
    if summary.missing_blobs:
        print(
            f"  note: {summary.missing_blobs} attachment file(s) are not on this device and are"
            " not in the package (a later sync fetches them)"
        )
    return 0


def import_(args: argparse.Namespace) -> int:
    from fieldapp.sync.client.package_format import PackageError
    from fieldapp.sync.client.package_import import import_package, preview_package

    if not args.file.is_file():
        raise CliError(f"{args.file} is not a file", code=1)
    refuse_live_file(args.file, args.data_dir)
    with _store_for(args) as store:
        try:
            plan = preview_package(store, args.file)
            if args.preview:
                _show(plan, args.json, "would")
                return 0
            done = import_package(store, args.file)
        except PackageError as exc:
            raise CliError(f"{args.file.name}: {exc}; nothing was imported", code=1) from None
    _show(done, args.json, "did")
    return 0


@contextmanager
def _store_for(args: argparse.Namespace) -> Iterator[Store]:
    """The data folder's store; for a preview where there is none yet, an empty one in a
    temporary folder (a preview creates nothing)."""
    if has_database(args) or not args.preview:
        with open_store(args, create=True) as store:
            yield store
        return
    with tempfile.TemporaryDirectory() as empty, Store(Path(empty)) as store:
        yield store


def _show(plan: Any, as_json: bool, mood: str) -> None:
    if as_json:
        print_json({
            "file": str(plan.path), "operation": plan.operation, "exercise": plan.exercise,
            "made_by": plan.made_by, "created_at": plan.created_at,
            "counts": plan.counts, "left_out": plan.left_out,
            "files": {"new": plan.blobs_new, "present": plan.blobs_present,
                      "missing": plan.blobs_missing},
            "warnings": plan.warnings, "imported": mood == "did",
        })  # fmt: skip
        return
    from fieldapp.sync.client.package_import import entity_counts

    op = plan.operation
    exercise = "EXERCISE — " if plan.exercise else ""
    where = "already here" if plan.operation_here else "new here"
    head = "preview of" if mood == "would" else "imported"
    print(f"{exercise}{head} {plan.path.name}: operation {op['name']!r} ({op['id']}, {where})")
    print(f"  made by {plan.made_by or '?'} on {plan.created_at[:16].replace('T', ' ')}")
    verbs = ("create", "update", "already here") if mood == "would" else (
        "created", "updated", "already here")  # fmt: skip
    print(f"  {'':24} {verbs[0]:>8} {verbs[1]:>8} {verbs[2]:>13}")
    for entity, counts in entity_counts(plan):
        print(f"  {_type_label(entity):24} {counts['new']:>8} {counts['updated']:>8}"
              f" {counts['present']:>13}")  # fmt: skip
    print(
        f"  attachment files: {plan.blobs_new} new, {plan.blobs_present} already here"
        + (f", {plan.blobs_missing} not in the package" if plan.blobs_missing else "")
    )
    for entity, count in plan.left_out.items():
        print(f"  left out: {count} {_type_label(entity)}(s) (this device plays the exercise)")
    for warning in plan.warnings:
        print(f"  warning: {warning}")
    if mood == "would":
        print("nothing was stored (--preview)")


def _type_label(entity: str) -> str:
    from fieldapp.sync.client.package_import import type_label

    return type_label(entity)
