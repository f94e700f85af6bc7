"""`fieldapp exercise ...`: the exercise desk from the command line — the scenario
(import, export, list, show), the clock (start, pause, resume, speed, jump), the injects
(release, skip, delay, run: release what the clock says is due), observers' notes.

The commands act on the exercise operation chosen like any other (`--operation`, or the
one in use). Single-threaded: each command opens its Store, acts and closes; `run` loops
until every inject is out (Ctrl-C stops it; the clock keeps its state in the store).
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fieldapp.cli import exercise_runs
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
from fieldapp.exports.words import counted

if TYPE_CHECKING:
    from fieldapp.core.record_types import Operation

RUN_TICK_S = 2.0


def add_parsers(subparsers: argparse._SubParsersAction, command: Callable) -> None:
    group = command(subparsers, "exercise", None, "exercises: the scenario, its clock, injects")
    actions = group.add_subparsers(title="actions", metavar="ACTION", required=True)
    sub = command(actions, "create", create, "a new exercise operation, with its scenario")
    sub.add_argument("name")
    sub.add_argument("--scenario", type=Path, help="an MSEL file: CSV or XLSX")
    json_flag(sub)
    sub = command(actions, "import", import_, "add a scenario's injects (CSV or XLSX)")
    sub.add_argument("file", type=Path)
    operation_option(sub)
    sub = command(actions, "export", export, "the scenario as CSV or XLSX")
    sub.add_argument("-o", "--output", type=Path, required=True)
    operation_option(sub)
    sub = command(actions, "list", list_, "the injects on the exercise clock")
    operation_option(sub)
    json_flag(sub)
    sub = command(actions, "show", show, "one inject, with its controller's note")
    sub.add_argument("number")
    operation_option(sub)
    json_flag(sub)
    for name, text in (
        ("start", "start or resume the clock"),
        ("pause", "pause the clock"),
        ("resume", "resume the clock"),
    ):
        sub = command(actions, name, clock, text)
        sub.set_defaults(action=name)
        operation_option(sub)
    sub = command(actions, "speed", clock, "run the clock x1, x2, x5 (x10, x60 to rehearse)")
    sub.set_defaults(action="speed")
    sub.add_argument("factor", type=int)
    operation_option(sub)
    sub = command(actions, "jump", clock, "set the clock to a time, e.g. T+01:30")
    sub.set_defaults(action="jump")
    sub.add_argument("time")
    operation_option(sub)
    sub = command(actions, "release", release_, "release an inject now")
    sub.add_argument("number")
    operation_option(sub)
    sub = command(actions, "skip", skip, "skip an inject")
    sub.add_argument("number")
    operation_option(sub)
    sub = command(actions, "delay", delay, "move a pending inject to another time")
    sub.add_argument("number")
    sub.add_argument("time", help="e.g. T+01:30")
    operation_option(sub)
    sub = command(actions, "run", run, "release the injects as the clock reaches them")
    sub.add_argument("--once", action="store_true", help="release what is due now and stop")
    operation_option(sub)
    sub = command(actions, "responses", responses_, "response times per inject and channel")
    operation_option(sub)
    json_flag(sub)
    sub = command(actions, "report", report, "the after-action report as PDF or CSV")
    sub.add_argument(
        "--format", choices=("pdf", "csv"), help="default: by the file's name (.pdf, else CSV)"
    )
    sub.add_argument("-o", "--output", type=Path, required=True)
    sub.add_argument("--compare", type=int, metavar="RUN", help="beside an archived run")
    operation_option(sub)
    exercise_runs.add_actions(actions, command)
    sub = command(actions, "note", note, "an observer's note")
    sub.add_argument("text")
    sub.add_argument("--inject", default="", help="the inject it is about (its number)")
    sub.add_argument("--player", default="", help="the player it is about")
    operation_option(sub)


def _exercise(store: Any, args: argparse.Namespace) -> Operation:
    return choose_exercise(store, args)


def _read_scenario(path: Path, data_dir: Any) -> Any:
    from fieldapp.exercises.msel import MselError, read_csv, read_xlsx

    if not path.is_file():
        raise CliError(f"{path} is not a file", code=1)
    refuse_live_file(path, data_dir)
    data = path.read_bytes()
    reader = read_xlsx if data[:2] == b"PK" else read_csv
    try:
        return reader(data, source=path.name)
    except MselError as exc:  # names the row and the column
        raise CliError(f"{exc}; nothing was imported", code=1) from None


def create(args: argparse.Namespace) -> int:
    from fieldapp.exercises.injects import from_scenario

    scenario = _read_scenario(args.scenario, args.data_dir) if args.scenario else None
    with open_store(args, create=True) as store:
        operation = store.operations.create(
            args.name, exercise=True, description=scenario.description if scenario else ""
        )
        ids = (
            store.injects.add_many(operation["id"], [from_scenario(i) for i in scenario.injects])
            if scenario
            else []
        )
    if args.json:
        print_json({"operation": operation["id"], "injects": len(ids)})
    else:
        print(f"exercise {operation['id']} created with {counted(len(ids), 'inject')}")
    return 0


def import_(args: argparse.Namespace) -> int:
    from fieldapp.exercises.injects import from_scenario

    scenario = _read_scenario(args.file, args.data_dir)
    with open_store(args) as store:
        operation = _exercise(store, args)
        ids = store.injects.add_many(operation["id"], [from_scenario(i) for i in scenario.injects])
    print(f"{counted(len(ids), 'inject')} added to {label(operation)}")
    return 0


def export(args: argparse.Namespace) -> int:
    from fieldapp.exercises.msel import Inject, Scenario, write_csv, write_xlsx

    with open_store(args) as store:
        operation = _exercise(store, args)
        injects = store.injects.list(operation["id"])
    names = [n for n in Inject.__dataclass_fields__]
    scenario = Scenario(
        operation["name"],
        "fr",
        operation["description"],
        tuple(Inject(**{n: i[n] for n in names}) for i in injects),
    )  # type: ignore[misc]
    writer = write_xlsx if args.output.suffix.lower() == ".xlsx" else write_csv
    refuse_live_file(args.output, args.data_dir)
    args.output.write_bytes(writer(scenario))
    print(f"{counted(len(injects), 'inject')} written to {args.output}")
    return 0


def list_(args: argparse.Namespace) -> int:
    from fieldapp.exercises.clocktext import format_clock

    with open_store(args) as store:
        operation = _exercise(store, args)
        injects = store.injects.list(operation["id"])
        clock = store.clocks.get(operation["id"])
    if args.json:
        print_json([record_json("inject", i) for i in injects])
        return 0
    from fieldapp.core.times import utc_now

    print(
        f"EXERCISE: {operation['name']} — clock {format_clock(clock.seconds(utc_now()))} "
        f"({clock.state}, x{clock.speed})"
    )
    for i in injects:
        first = " ".join(i["content"].split())[:60]
        print(
            f"{i['number']:>5}  {format_clock(i['at_s']):10} {i['channel']:7} "
            f"{i['status']:9} {first}"
        )
    return 0


def _inject(store: Any, operation_id: str, number: str) -> dict:
    found = [i for i in store.injects.list(operation_id) if i["number"] == number]
    if not found:
        raise CliError(f"no inject number {number} in this exercise", code=1)
    return found[0]


def show(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        operation = _exercise(store, args)
        inject = _inject(store, operation["id"], args.number)
    if args.json:
        print_json(record_json("inject", inject))
        return 0
    for name in (
        "number",
        "channel",
        "sender",
        "recipient",
        "content",
        "expected_action",
        "controller_note",
        "controller",
        "status",
        "released_at",
    ):
        if inject[name]:
            print(f"{name}: {inject[name]}")
    return 0


def clock(args: argparse.Namespace) -> int:
    from fieldapp.exercises.clocktext import format_clock, parse_clock

    with open_store(args) as store:
        operation = _exercise(store, args)
        clocks, op = store.clocks, operation["id"]
        if args.action in ("start", "resume"):
            state = clocks.start(op)
        elif args.action == "pause":
            state = clocks.pause(op)
        elif args.action == "speed":
            state = clocks.speed(op, args.factor)
        else:
            try:
                seconds = parse_clock(args.time)
            except ValueError as exc:
                raise CliError(str(exc), code=1) from None
            state = clocks.jump(op, seconds)
    from fieldapp.core.times import utc_now

    print(f"clock {format_clock(state.seconds(utc_now()))}: {state.state}, x{state.speed}")
    return 0


def release_(args: argparse.Namespace) -> int:
    from fieldapp.exercises.release import release

    with open_store(args) as store:
        operation = _exercise(store, args)
        delivered = release(store, _inject(store, operation["id"], args.number)["id"])
    print(
        f"inject {args.number} released as "
        + ", ".join(f"{d['entity']} {d['id'][:8]}" for d in delivered)
    )
    return 0


def skip(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        operation = _exercise(store, args)
        store.injects.skip(_inject(store, operation["id"], args.number)["id"])
    print(f"inject {args.number} skipped")
    return 0


def delay(args: argparse.Namespace) -> int:
    from fieldapp.exercises.clocktext import parse_clock

    try:
        seconds = parse_clock(args.time)
    except ValueError as exc:
        raise CliError(str(exc), code=1) from None
    with open_store(args) as store:
        operation = _exercise(store, args)
        store.injects.delay(_inject(store, operation["id"], args.number)["id"], seconds)
    print(f"inject {args.number} moved to {args.time}")
    return 0


def run(args: argparse.Namespace) -> int:
    from fieldapp.core.times import utc_now
    from fieldapp.exercises.clocktext import format_clock
    from fieldapp.exercises.release import release_due

    while True:
        with open_store(args) as store:
            operation = _exercise(store, args)
            now = utc_now()
            now_s = store.clocks.get(operation["id"]).seconds(now)
            for inject in release_due(store, operation["id"], now):
                print(
                    f"{format_clock(now_s)}  inject {inject['number']} released "
                    f"({inject['channel']})"
                )
            pending = [i for i in store.injects.list(operation["id"]) if i["status"] == "pending"]
        if args.once or not pending:
            return 0
        time.sleep(RUN_TICK_S)


def note(args: argparse.Namespace) -> int:
    from fieldapp.core.times import utc_now

    with open_store(args) as store:
        operation = _exercise(store, args)
        inject_id = _inject(store, operation["id"], args.inject)["id"] if args.inject else None
        seconds = store.clocks.get(operation["id"]).seconds(utc_now())
        store.notes.add(
            operation["id"], args.text, inject_id=inject_id, player=args.player, exercise_s=seconds
        )
    print("noted")
    return 0


def responses_(args: argparse.Namespace) -> int:
    from fieldapp.exercises.response import responses, summary

    with open_store(args) as store:
        operation = _exercise(store, args)
        found = responses(store, operation["id"])
    per_channel = summary(found)
    if args.json:
        rows = [r.as_dict() for r in found]
        print_json({"injects": rows, "channels": per_channel})
        return 0
    for r in found:
        seen = f"seen {r.seen_seconds:5.0f} s" if r.seen_seconds is not None else "not seen    "
        took = f"{r.seconds:7.0f} s" if r.seconds is not None else "   — no answer"
        print(f"{r.number:>5}  {r.channel:7} {seen}  {took}  {r.what}")
    for channel, figures in per_channel.items():
        median = figures["median_s"]
        print(
            f"{channel}: {figures['answered']} of {figures['released']} answered"
            + (
                f", median {median:.0f} s, slowest {figures['slowest_s']:.0f} s"
                if median is not None
                else ""
            )
        )
    return 0


def report(args: argparse.Namespace) -> int:
    from fieldapp.exercises.aar import build, to_csv

    kind = args.format or ("pdf" if args.output.suffix.lower() == ".pdf" else "csv")
    refuse_live_file(args.output, args.data_dir, writing=True)
    with open_store(args) as store:
        operation = _exercise(store, args)
        content = build(store, operation["id"], compare_with=args.compare)
    if kind == "pdf":
        pages = _report_pdf(content, operation["name"], args.output)
        print(f"after-action report of {label(operation)} written to {args.output} ({pages} pages)")
    else:
        args.output.write_bytes(to_csv(content))
        print(f"after-action report of {label(operation)} written to {args.output}")
    return 0


def _report_pdf(content: Any, name: str, output: Path) -> int:
    """The report as PDF, drawn by Qt offscreen (the PDF code lives in the UI layer)."""
    # Qt only for this format: the rest stays Qt-free
    from fieldapp.ui.exercises.aar_pdf import aar_pdf
    from fieldapp.ui.kit.pdf import pdf_application

    pdf_application()
    return aar_pdf(content, output, name=name)
