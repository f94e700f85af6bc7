"""`fieldapp operation create|list|use|export|import`: incidents and exercises (export and
import of a whole operation: operation_package.py). Single-threaded."""

from __future__ import annotations

import argparse
from collections.abc import Callable

from fieldapp.cli.common import (
    PROG,
    find_operation,
    has_database,
    json_flag,
    label,
    open_store,
    print_json,
)
from fieldapp.cli.operation_package import add_parsers as package_parsers
from fieldapp.core.record_types import Operation
from fieldapp.core.settings import Settings


def add_parsers(subparsers: argparse._SubParsersAction, command: Callable) -> None:
    group = command(
        subparsers, "operation", None, "create, list, choose, export and import operations"
    )
    actions = group.add_subparsers(title="actions", metavar="ACTION", required=True)
    sub = command(actions, "create", create, "create an incident or an exercise")
    sub.add_argument("name", help="name of the operation")
    sub.add_argument("--exercise", action="store_true", help="an exercise, not a real incident")
    sub.add_argument("--description", default="", metavar="TEXT", help="what it is about")
    json_flag(sub)
    json_flag(command(actions, "list", list_, "list the operations, newest first"))
    sub = command(actions, "use", use, "make an operation the default for report commands")
    sub.add_argument("operation", metavar="ID", help="id or name of the operation")
    package_parsers(actions, command)  # export | import: the whole operation in one file


def create(args: argparse.Namespace) -> int:
    with open_store(args, create=True) as store:
        op = store.operations.create(
            args.name, exercise=args.exercise, description=args.description
        )
    if args.json:
        print_json(op)
    else:
        print(f"created operation {op['id']}  {label(op)}")
    return 0


def list_(args: argparse.Namespace) -> int:
    operations: list[Operation] = []
    if has_database(args):
        with open_store(args) as store:
            operations = store.operations.list(with_counts=True)
    if args.json:
        print_json(operations)
    elif not operations:
        print(f"no operations yet; create one with: {PROG} operation create NAME")
    else:
        print(f"{'ID':36}  {'REPORTS':>7}  {'CREATED':16}  NAME")
        for op in operations:
            created = op["created_at"][:16].replace("T", " ")
            print(f"{op['id']:36}  {op['report_count']:>7}  {created:16}  {label(op)}")
    return 0


def use(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        op = find_operation(store, args.operation)
    settings = Settings.load(args.data_dir)
    settings.last_operation_id = op["id"]
    settings.save(args.data_dir)
    print(f"report commands now use operation {op['id']}  {label(op)}")
    return 0
