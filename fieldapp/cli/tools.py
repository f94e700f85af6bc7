"""`fieldapp demo|selftest|backup|check`: data for trying things out, and upkeep.

Backups and checks never create a database where there is none. Single-threaded.
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
from collections.abc import Callable
from pathlib import Path

from fieldapp.cli.common import (
    CliError,
    count,
    has_database,
    json_flag,
    label,
    open_store,
    print_json,
)
from fieldapp.core.livefiles import DB_NAME
from fieldapp.exports.words import counted

_PROGRESS_FROM = 5000  # below this a demo is quick enough to need no progress line


def add_parsers(subparsers: argparse._SubParsersAction, command: Callable) -> None:
    sub = command(subparsers, "demo", demo, "create an exercise full of synthetic reports")
    sub.add_argument(
        "--reports",
        type=count,
        metavar="N",
        help="default: 1000 (none with --sample-exercise, unless given)",
    )
    sub.add_argument("--seed", type=int, default=1, help="same seed, same reports (default: 1)")
    sub.add_argument("--name", metavar="NAME", help="name of the new demo operation")
    sub.add_argument(
        "--sample-exercise",
        action="store_true",
        help="start the sample exercise instead: the shipped flash-flood scenario, its clock "
        "running from T+00:00 (then: fieldapp exercise run)",
    )
    json_flag(sub)
    command(subparsers, "selftest", selftest, "check that this installation works; prints JSON")
    sub = command(subparsers, "backup", backup, "copy the database safely, even while in use")
    sub.add_argument(
        "-o", "--output", type=Path, metavar="FILE", help="default: a rotating copy in backups/"
    )
    sub = command(subparsers, "check", check, "check the database and the attached files")
    json_flag(sub)


def demo(args: argparse.Namespace) -> int:
    if args.sample_exercise:
        return _sample_exercise(args)
    from fieldapp.demo.builder import create_demo

    args.reports = 1000 if args.reports is None else args.reports
    progress = _progress(args.reports)
    started = time.perf_counter()
    # A bulk load makes no reference cycles, so the cyclic collector would only rescan
    # the heap over and over: ~8% of a 200,000-report demo. Reference counting frees all.
    gc.disable()
    try:
        with open_store(args, create=True) as store:
            op = create_demo(store, args.reports, seed=args.seed, name=args.name, progress=progress)
    finally:
        gc.enable()
    seconds = round(time.perf_counter() - started, 2)
    if args.json:
        print_json({"operation": op, "reports": args.reports, "seconds": seconds})
    else:
        print(f"created operation {op['id']}  {label(op)}: {args.reports} reports in {seconds} s")
    return 0


def _sample_exercise(args: argparse.Namespace) -> int:
    """The sample scenario in a new exercise operation, its clock running; that operation
    becomes the one in use, so `fieldapp exercise run` (and the window) take it."""
    from fieldapp.core.settings import Settings
    from fieldapp.demo.builder import generate_reports
    from fieldapp.demo.exercise import start_sample_exercise
    from fieldapp.exercises.msel import MselError

    with open_store(args, create=True) as store:
        try:
            sample = start_sample_exercise(store, name=args.name)
        except MselError as exc:  # a damaged installation: say which file and where
            raise CliError(f"the sample scenario cannot be read: {exc}", code=1) from None
        op = sample.operation
        if args.reports:
            store.reports.add_bulk(op["id"], generate_reports(args.reports, args.seed))
    settings = Settings.load(args.data_dir)
    settings.last_operation_id = op["id"]
    settings.save(args.data_dir)
    if args.json:
        print_json(
            {
                "operation": op,
                "injects": sample.injects,
                "reports": args.reports or 0,
                "clock": sample.clock.state,
            }
        )
    else:
        print(
            f"created operation {op['id']}  {label(op)}: {sample.injects} injects, "
            "the exercise clock running from T+00:00\n"
            "release the injects as the clock reaches them: fieldapp exercise run"
        )
    return 0


def _progress(total: int) -> Callable[[int], None] | None:
    if total < _PROGRESS_FROM or not sys.stderr.isatty():
        return None

    def show(done: int) -> None:
        end = "\n" if done >= total else ""
        print(f"\r{done:,} of {total:,} reports", end=end, file=sys.stderr, flush=True)

    return show


def selftest(args: argparse.Namespace) -> int:
    try:
        from fieldapp.ui.shell.selftest import run_selftest

        result = run_selftest(args.data_dir)
    except Exception as exc:  # a self-test reports every failure, whatever its kind
        result = {"ok": False, "error": f"{type(exc).__name__}: {exc}"}
    print_json(result)
    return 0 if result.get("ok", True) and not result.get("error") else 1


def backup(args: argparse.Namespace) -> int:
    from fieldapp.core.backup import backup_to, rotate

    _require_database(args, "nothing to back up")
    made = backup_to(args.data_dir / DB_NAME, args.output) if args.output else rotate(args.data_dir)
    print(made)
    return 0


def check(args: argparse.Namespace) -> int:
    from fieldapp.core.backup import check as check_data

    _require_database(args, "nothing to check")
    problems = check_data(args.data_dir)
    if args.json:
        print_json({"ok": not problems, "problems": problems})
    elif problems:
        print(f"{counted(len(problems), 'problem')} found in {args.data_dir}:")
        for problem in problems:
            print(f"  {problem}")
    else:
        print(f"ok: the database and the attached files in {args.data_dir} are intact")
    return 1 if problems else 0


def _require_database(args: argparse.Namespace, consequence: str) -> None:
    """Refuse a missing or foreign database before anything is written (backups/...)."""
    from fieldapp.core.database import check_schema

    if not has_database(args):
        raise CliError(f"no FieldApp database in {args.data_dir}; {consequence}", code=1)
    check_schema(args.data_dir / DB_NAME)
