"""`fieldapp radio check|add|list|show|import|export|log|relay|status`: the message log.

Messages are logged, relayed and delivered as operators do on paper. This station's call
sign comes from --station (default: $FIELDAPP_STATION): it is the station of origin and
the serial number of what it sends, and one end of every relay hop. Warnings (a check
that does not match, an unknown precedence, a time of 2561Z) are printed but never
block a save: the message is kept as copied. Single-threaded.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from pathlib import Path

from fieldapp.cli.common import (
    PROG,
    CliError,
    choose_operation,
    json_flag,
    label,
    open_store,
    operation_option,
    print_json,
    record_json,
)
from fieldapp.core.livefiles import refuse_live_file
from fieldapp.core.record_types import Operation, RadioMessage
from fieldapp.radio import files, forms, model
from fieldapp.radio.check import compute_check, normalise

# Options of `radio add` for the message fields (the others are named as the field).
_FLAGS = {name: "--" + name.replace("_", "-") for name in model.MESSAGE_FIELDS}


def add_parsers(subparsers: argparse._SubParsersAction, command: Callable) -> None:
    group = command(subparsers, "radio", None, "the radio message log: log, relay, deliver")
    actions = group.add_subparsers(title="actions", metavar="ACTION", required=True)
    sub = command(actions, "check", check, "the check of a radiogram text (ARL 5 with ARL texts)")
    sub.add_argument("text", help="the text, in quotes")
    sub.add_argument("--normalise", action="store_true", help="normalise the text first")
    json_flag(sub)
    sub = command(actions, "add", add, "log a message (received, sent or relayed)")
    _common(sub)
    for name in model.MESSAGE_FIELDS:
        if name == "test":
            sub.add_argument("--test", action="store_true", help="a TEST (exercise) message")
        else:
            sub.add_argument(_FLAGS[name], dest=name, default=argparse.SUPPRESS, metavar="V")
    sub = command(actions, "list", list_, "the message log, oldest first")
    _common(sub)
    sub.add_argument("--queue", action="store_true", help="only what must still be passed on")
    sub = command(actions, "show", show, "one message with its hops and warnings")
    sub.add_argument("id")
    json_flag(sub)
    sub = command(actions, "import", import_, "import an flmsg form or a Winlink B2F message")
    _common(sub)
    sub.add_argument("file", type=Path)
    sub = command(actions, "export", export, "write a message as a form, B2F or text")
    sub.add_argument("id")
    sub.add_argument("--format", required=True, choices=files.FORMATS)
    sub.add_argument("-o", "--output", type=Path, help="file to write (default: stdout)")
    _station_option(sub)
    _log_parser(command(actions, "log", log, "the ICS-309 communications log of a period"))
    sub = command(actions, "relay", relay, "record that the message was passed on (a hop)")
    sub.add_argument("id")
    sub.add_argument("--to", required=True, help="call sign it was passed to")
    sub.add_argument("--net", default="", help="net or frequency name")
    sub.add_argument("--at", help="UTC time (default: now)")
    _station_option(sub)
    json_flag(sub)
    sub = command(actions, "status", status, "move a message along its statuses")
    sub.add_argument("id")
    sub.add_argument("status", choices=model.STATUSES)
    json_flag(sub)


def _common(sub: argparse.ArgumentParser) -> None:
    operation_option(sub)
    _station_option(sub)
    json_flag(sub)


def _station_option(sub: argparse.ArgumentParser) -> None:
    sub.add_argument(
        "--station",
        default=os.environ.get("FIELDAPP_STATION", ""),
        metavar="CALL",
        help="this station's call sign (default: $FIELDAPP_STATION)",
    )


def _log_parser(sub: argparse.ArgumentParser) -> None:
    operation_option(sub)
    _station_option(sub)
    sub.add_argument("--from", dest="since", required=True, metavar="TIME", help="UTC start")
    sub.add_argument("--to", dest="until", required=True, metavar="TIME", help="UTC end")
    sub.add_argument(
        "--format",
        default="ics309-csv",
        choices=("ics309-csv", "ics309-flmsg", "ics214-csv", "pdf"),
        help="ics309-csv (default), flmsg's .309, ics214-csv (the station's activity log), or"
        " pdf (the printed ICS-309 form as a PDF; needs -o)",
    )
    sub.add_argument("--net", default="", help="radio net name for the form")
    sub.add_argument("--operator", default="", help="radio operator's name for the form")
    sub.add_argument("-o", "--output", type=Path, help="file to write (default: stdout)")


# -- commands ---------------------------------------------------------------------------


def check(args: argparse.Namespace) -> int:
    text = args.text
    changes: list[dict] = []
    if args.normalise:
        result = normalise(text)
        text, changes = result.text, result.changes()
    value = compute_check(text)
    if args.json:
        print_json({"check": value, "text": text, "changes": changes})
    else:
        print(value)
        if args.normalise:
            print(text)
    return 0


def add(args: argparse.Namespace) -> int:
    values = {name: getattr(args, name) for name in model.MESSAGE_FIELDS if name in args}
    values["test"] = args.test
    with open_store(args) as store:
        op = choose_operation(store, args)
        message = store.radio.add(op["id"], values, station=args.station)
    _print_saved("saved", message, op, args.json)
    return 0


def list_(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        op = choose_operation(store, args)
        found = store.radio.queue(op["id"]) if args.queue else store.radio.list(op["id"])
    if args.json:
        print_json([{**m, "exercise": op["exercise"]} for m in found])
        return 0
    if op["exercise"]:
        print(f"EXERCISE: {op['name']}")
    if not found:
        what = "to pass on" if args.queue else "logged"
        print(f"no radio message {what} in {label(op)}")
        return 0
    print(f"{'ID':36}  {'STATUS':13}  {'PREC':10}  {'NR':8}  {'FROM':9}  TEXT")
    for m in found:
        flag = " !" if m["warnings"] else ""
        text = (m["subject"] or m["text"]).replace("\n", " ")[:40]
        print(
            f"{m['id']:36}  {m['status']:13}  {m['precedence'][:10]:10}  {m['number'][:8]:8}"
            f"  {(m['received_from'] or m['origin_station'])[:9]:9}  {text}{flag}"
        )
    return 0


def show(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        message = store.radio.get(args.id)
        op = store.operations.get(message["operation_id"])
        history = store.db.history(args.id)
    hops = message.get("hops", [])
    if args.json:
        derived = {name: message[name] for name in ("check", "check_counted", "warnings")}
        shown = {"exercise": op["exercise"], **derived, "history": history}
        shown["hops"] = [record_json("radio_hop", hop) for hop in hops]
        print_json(record_json("radio_message", message, **shown))
        return 0
    sys.stdout.write(forms.message_text(message, exercise=op["exercise"]))
    print(f"\n{message['kind']} {message['direction']}, {message['status']}, id {message['id']}")
    if message["check_received"] and message["check"] != message["check_received"]:
        print(f"check: {message['check']} (received {message['check_received']})")
    for hop in hops:
        net = f" on {hop['net']}" if hop["net"] else ""
        print(f"  hop {hop['at']}  {hop['from_station'] or '?'} -> {hop['to_station']}{net}")
    _print_warnings(message)
    return 0


def import_(args: argparse.Namespace) -> int:
    if not args.file.is_file():
        raise CliError(f"{args.file} is not a file", code=1)
    with open_store(args) as store:
        op = choose_operation(store, args)
        try:
            saved = files.import_file(store, op["id"], args.file, station=args.station)
        except files.FormatError as exc:
            raise CliError(f"{args.file}: {exc}; nothing was imported", code=1) from None
    if args.json:
        print_json([{**m, "exercise": op["exercise"]} for m in saved])
        return 0
    for message in saved:
        _print_saved("imported", message, op, False)
    return 0


def export(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        message = store.radio.get(args.id)
        op = store.operations.get(message["operation_id"])
        try:
            data = files.export_message(
                store, message, args.format, exercise=op["exercise"], station=args.station
            )
        except ValueError as exc:
            raise CliError(str(exc)) from None
    _write(data, args.output, args.data_dir)
    return 0


def log(args: argparse.Namespace) -> int:
    from fieldapp.core.times import parse_time, utc_now

    try:
        since, until = parse_time(args.since), parse_time(args.until)
    except ValueError as exc:
        raise CliError(str(exc)) from None
    with open_store(args) as store:
        op = choose_operation(store, args)
        messages = store.radio.period(op["id"], since=since, until=until)
    if args.format == "ics214-csv":
        station = args.station.upper()
        rows = forms.build_ics214(messages, station, period=(since, until))
        person = " ".join(part for part in (args.operator, station) if part)
        text = forms.ics214_csv(op["name"], (since, until), person, rows, exercise=op["exercise"])
        _write(text.encode("utf-8"), args.output, args.data_dir)
        return 0
    sheet = forms.build_ics309(
        op, messages, period=(since, until), station=args.station.upper(),
        operator=args.operator, net=args.net, prepared_at=utc_now()[:16].replace("T", " "),
    )  # fmt: skip
    if args.format == "pdf":
        _write_pdf(sheet, args.output, args.data_dir)
    elif args.format == "ics309-csv":
        _write(forms.ics309_csv(sheet).encode("utf-8"), args.output, args.data_dir)
    else:
        _write(forms.ics309_flmsg(sheet), args.output, args.data_dir)
    return 0


def _write_pdf(sheet: forms.Ics309Log, output: Path | None, data_dir: Path) -> None:
    """The ICS-309 form as PDF, drawn by Qt offscreen (the PDF code lives in the UI layer)."""
    if output is None:
        raise CliError("a PDF needs a file: add -o FILE.pdf")
    refuse_live_file(output, data_dir, writing=True)
    # Qt only for this format: the rest stays Qt-free
    from fieldapp.ui.kit.pdf import pdf_application
    from fieldapp.ui.radio import printing as radio_print

    pdf_application()
    pages = radio_print.ics309_pdf(sheet, output)
    print(f"wrote {output} ({pages} pages)", file=sys.stderr)


def relay(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        message = store.radio.relay(
            args.id, to_station=args.to, net=args.net, at=args.at, station=args.station
        )
        op = store.operations.get(message["operation_id"])
    _print_saved("relayed", message, op, args.json)
    return 0


def status(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        message = store.radio.set_status(args.id, args.status)
        op = store.operations.get(message["operation_id"])
    _print_saved(args.status, message, op, args.json)
    return 0


def _write(data: bytes, output: Path | None, data_dir: Path) -> None:
    if output is None:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    refuse_live_file(output, data_dir, writing=True)
    output.write_bytes(data)
    print(f"wrote {output} ({len(data)} bytes)", file=sys.stderr)


def _print_saved(verb: str, message: RadioMessage, op: Operation, as_json: bool) -> None:
    if as_json:
        print_json({**message, "exercise": op["exercise"]})
        return
    number = f" NR {message['number']}" if message["number"] else ""
    check = f", check {message['check']}" if message["check"] else ""
    print(f"{verb} {message['kind']}{number} {message['id']} ({message['status']}{check})"
          f" in {label(op)}")  # fmt: skip
    _print_warnings(message)


def _print_warnings(message: RadioMessage) -> None:
    for name, warning in message["warnings"].items():
        print(f"  warning: {_FLAGS.get(name, name)}: {warning['message']}")


__all__ = ["PROG", "add_parsers"]
