"""What the subcommands share: opening the store, choosing the operation, printing
(`record_json`: a record's declared fields, for `show --json`).

Read commands never create a database: a typo in --data-dir must not leave an empty
FieldApp folder behind. Single-threaded.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Mapping
from typing import Any

from fieldapp.cli import PROG
from fieldapp.core.errors import NotFoundError
from fieldapp.core.livefiles import DB_NAME
from fieldapp.core.record_types import Operation
from fieldapp.core.records import KEYS, RECORD_TYPES
from fieldapp.core.settings import Settings
from fieldapp.store import Store


class CliError(Exception):
    """A problem to tell the user in one line; `code` is the exit status."""

    def __init__(self, message: str, code: int = 2):
        super().__init__(message)
        self.code = code


def open_store(args: argparse.Namespace, *, create: bool = False) -> Store:
    if not create and not has_database(args):
        raise CliError(
            f"no FieldApp data in {args.data_dir} yet; check --data-dir, or start with: "
            f"{PROG} operation create NAME",
            code=1,
        )
    user = args.user or Settings.load(args.data_dir).user_name or None
    return Store(args.data_dir, user=user)


def has_database(args: argparse.Namespace) -> bool:
    return (args.data_dir / DB_NAME).exists()


def find_operation(store: Store, ref: str) -> Operation:
    """An operation by id, or by its exact name when that name is unique."""
    try:
        return store.operations.get(ref)
    except NotFoundError:
        named = [op for op in store.operations.list() if op["name"] == ref]
        if len(named) == 1:
            return named[0]
        if named:
            raise CliError(f"{len(named)} operations are named {ref!r}; give the id") from None
        raise NotFoundError(
            f"no operation with id or name {ref!r} (see: {PROG} operation list)"
        ) from None


def choose_operation(store: Store, args: argparse.Namespace) -> Operation:
    """--operation, else the only operation, else the one chosen with `operation use`."""
    if args.operation:
        return find_operation(store, args.operation)
    operations = store.operations.list()
    if len(operations) == 1:
        return operations[0]
    last = Settings.load(args.data_dir).last_operation_id
    chosen = [op for op in operations if op["id"] == last]
    if chosen:
        return chosen[0]
    if not operations:
        raise CliError(f"there is no operation yet; create one with: {PROG} operation create NAME")
    raise CliError(
        f"there are {len(operations)} operations; choose one with --operation ID, or make one "
        f"the default with: {PROG} operation use ID (ids: {PROG} operation list)"
    )


def choose_exercise(store: Any, args: argparse.Namespace) -> Any:
    """The operation chosen like any other, refused unless it is an exercise."""
    operation = choose_operation(store, args)
    if not operation["exercise"]:
        raise CliError(f"{label(operation)} is a real operation, not an exercise", code=1)
    return operation


def label(operation: Operation) -> str:
    """An operation's name as shown everywhere: exercises always say so."""
    return operation["name"] + (" [EXERCISE]" if operation["exercise"] else "")


def print_json(value: Any) -> None:
    json.dump(value, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def record_json(entity: str, record: Mapping[str, Any], **extra: Any) -> dict[str, Any]:
    """One record as `show --json` prints it: its keys and its declared fields, in the order
    of its declaration (fieldapp/core/records.py), without the store's bookkeeping (row
    number, clock stamps); then `extra` (the operation's exercise flag, related records,
    history). A field the read left out is left out."""
    names = (*KEYS, *RECORD_TYPES[entity].fields)
    return {**{name: record[name] for name in names if name in record}, **extra}


def count(text: str) -> int:
    """argparse type: a whole number, 0 or more."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 0:
        raise argparse.ArgumentTypeError("must be 0 or more")
    return value


def json_flag(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print JSON, for scripts")


def operation_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--operation",
        metavar="ID",
        help="id or name; default: the only operation, else the one chosen by `operation use`",
    )
