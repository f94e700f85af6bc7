"""`fieldapp exercise reset | runs | aar ...`: playing a scenario again and the trainer's
part of the after-action report.

- `reset`: archive the run being played (a backup file and a run record), clear the
  players' data of the exercise operation, rewind the scenario and the clock
  (exercises/runs.py); it asks for `--yes` and, without it, says what it would clear.
- `runs`: the archived runs, to compare with (`exercise report --compare N`).
- `aar add | list | edit | delete`: strengths, areas for improvement, and the improvement
  plan's actions (capability, owner, due date).

Single-threaded: each command opens its Store, acts and closes.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any

from fieldapp.cli.common import (
    CliError,
    choose_exercise,
    json_flag,
    label,
    open_store,
    operation_option,
    print_json,
    record_json,
)
from fieldapp.core.livefiles import refuse_live_file
from fieldapp.exercises.aar import SECTIONS


def add_actions(actions: Any, command: Callable) -> None:
    """The actions under `fieldapp exercise`."""
    sub = command(actions, "reset", reset, "archive this run, clear the players' data, rewind")
    sub.add_argument("--archive", type=Path, help="the backup file (default: in backups/)")
    sub.add_argument("--yes", action="store_true", help="do it (without: say what it clears)")
    operation_option(sub)
    sub = command(actions, "runs", runs, "the archived runs of the scenario")
    operation_option(sub)
    json_flag(sub)
    sub = command(actions, "aar", None, "the trainer's part of the after-action report")
    parts = sub.add_subparsers(title="actions", metavar="ACTION", required=True)
    add = command(parts, "add", aar_add, "a strength, an area for improvement, or an action")
    add.add_argument("section", choices=SECTIONS)
    add.add_argument("text")
    _entry_options(add)
    operation_option(add)
    listed = command(parts, "list", aar_list, "the trainer's entries, in the report's order")
    operation_option(listed)
    json_flag(listed)
    edit = command(parts, "edit", aar_edit, "change an entry")
    edit.add_argument("id", help="the entry's id, or the start of it (aar list)")
    edit.add_argument("--text")
    edit.add_argument("--section", choices=SECTIONS)
    _entry_options(edit, default=None)
    operation_option(edit)
    gone = command(parts, "delete", aar_delete, "delete an entry")
    gone.add_argument("id")
    operation_option(gone)


def _entry_options(parser: argparse.ArgumentParser, default: str | None = "") -> None:
    parser.add_argument("--capability", default=default, help="the capability it is about")
    parser.add_argument("--owner", default=default, help="who carries the action out")
    parser.add_argument("--due", default=default, help="when: YYYY-MM-DD")


def reset(args: argparse.Namespace) -> int:
    from fieldapp.exercises.runs import players_data, reset

    if args.archive:
        refuse_live_file(args.archive, args.data_dir, writing=True)
    with open_store(args) as store:
        operation = choose_exercise(store, args)
        if not args.yes:
            counts = players_data(store, operation["id"])
            what = ", ".join(f"{n} {entity}" for entity, n in counts.items()) or "nothing"
            raise CliError(
                f"reset would archive run {store.runs.current(operation['id'])} of "
                f"{label(operation)} and clear the players' data ({what}); "
                "add --yes to do it. Nothing was changed.",
                code=1,
            )
        done = reset(store, operation["id"], args.archive)
    cleared = ", ".join(f"{n} {entity}" for entity, n in done.cleared.items()) or "nothing"
    print(f"run {done.run} archived to {done.archive}; cleared: {cleared}")
    print(f"{label(operation)} is ready for run {done.run + 1}: the clock is at T+00:00")
    return 0


def runs(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        operation = choose_exercise(store, args)
        archived = store.runs.list(operation["id"])
        current = store.runs.current(operation["id"])
    if args.json:
        print_json({"current": current, "runs": [record_json("exercise_run", r) for r in archived]})
        return 0
    for run in archived:
        answered = [r for r in run["summary"]["responses"] if r["seconds"] is not None]
        print(
            f"run {run['number']}  ended {run['ended_at'][:16].replace('T', ' ')}  "
            f"{len(answered)} of {len(run['summary']['responses'])} injects answered  "
            f"{run['archive']}"
        )
    print(f"run {current} is being played")
    return 0


def aar_add(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        operation = choose_exercise(store, args)
        entry = store.aar.add(
            operation["id"], args.section, args.text, args.capability, args.owner, args.due
        )
    print(f"{args.section} {entry['id']} added")
    return 0


def aar_list(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        operation = choose_exercise(store, args)
        entries = store.aar.list(operation["id"])
    if args.json:
        print_json([record_json("aar_entry", e) for e in entries])
        return 0
    for entry in entries:
        extra = "  ".join(x for x in (entry["capability"], entry["owner"], entry["due"]) if x)
        print(f"{entry['id']}  {entry['section']:11}  {entry['text']}  {extra}".rstrip())
    return 0


def _entry(store: Any, operation_id: str, prefix: str) -> Any:
    found = [e for e in store.aar.list(operation_id) if e["id"].startswith(prefix.strip())]
    if len(found) != 1 or not prefix.strip():
        raise CliError(
            f"no single after-action entry starts with {prefix!r} (see: exercise aar list)", code=1
        )
    return found[0]


def aar_edit(args: argparse.Namespace) -> int:
    names = ("text", "section", "capability", "owner", "due")
    changes = {n: getattr(args, n) for n in names if getattr(args, n) is not None}
    if not changes:
        raise CliError("nothing to change: give --text, --section, --owner, ...", code=1)
    with open_store(args) as store:
        operation = choose_exercise(store, args)
        store.aar.edit(_entry(store, operation["id"], args.id)["id"], changes)
    print("changed")
    return 0


def aar_delete(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        operation = choose_exercise(store, args)
        store.aar.delete(_entry(store, operation["id"], args.id)["id"])
    print("deleted")
    return 0
