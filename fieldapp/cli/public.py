"""`fieldapp server operation public` and `fieldapp server public ...`: the public form.

Run on the server machine against its database, as the server's administrator (no role
is checked: the desktop's coordinators use the API, sync/server/public/routes.py). The
server modules are imported only when a command runs. Single-threaded.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from fieldapp.cli.common import CliError, json_flag, print_json

SERVER_DB = "server.db"  # as fieldapp/cli/server.py


def add_operation_parser(ops: Any, command: Callable, db_option: Callable) -> None:
    sub = command(ops, "public", switch, "open an operation to the public (a form at /r/CODE)")
    db_option(sub)
    sub.add_argument("operation", metavar="OPERATION_ID")
    state = sub.add_mutually_exclusive_group()
    state.add_argument("--on", action="store_true", help="open the form")
    state.add_argument("--off", action="store_true", help="close the form")
    sub.add_argument("--title", help="the page's title (needed the first time)")
    sub.add_argument("--text", help='what to report, what not ("in danger, call 112")')
    sub.add_argument("--lang", help="languages, the first the default: fr,en (default), fr, en")
    sub.add_argument("--until", help="end date, UTC: 2026-12-31 or 2026-12-31T18:00")
    sub.add_argument("--retention", type=int, metavar="DAYS", help="days reports are kept (30)")
    sub.add_argument("--organiser", help="who runs the form, as the page says it")
    sub.add_argument("--url", help="the server's public address, e.g. https://crisis.example.org")
    sub.add_argument("--tiles", type=Path, metavar="FILE", help="an MBTiles set for the tap-map")
    sub.add_argument("--address-limit", type=int, metavar="N", help="reports per address per hour")
    sub.add_argument("--operation-limit", type=int, metavar="N", help="reports per minute in all")
    sub.add_argument(
        "-o", "--output", type=Path, metavar="FILE", help="write the QR code (.png, .svg)"
    )
    json_flag(sub)


def add_parsers(admin: Any, command: Callable, db_option: Callable) -> None:
    group = command(admin, "public", None, "the public forms: submissions, limits, retention")
    public = group.add_subparsers(metavar="COMMAND")
    sub = command(public, "list", listing, "forms by operation: submissions, refused attempts")
    db_option(sub)
    json_flag(sub)
    sub = command(public, "purge", purge, "delete the submissions past their retention now")
    db_option(sub)
    sub.add_argument("--blobs", type=Path, metavar="DIR", help="attachment folder of the server")
    sub = command(public, "reveal", reveal, "put a submission's phone in its item, for everyone")
    db_option(sub)
    sub.add_argument("item", metavar="ITEM_ID")


@contextmanager
def _database(args: argparse.Namespace) -> Iterator[Any]:
    try:
        from fieldapp.sync.server.accounts import AccountError
        from fieldapp.sync.server.serve import open_database
    except ImportError as exc:
        raise CliError(f"the sync server is not part of this installation ({exc})", 1) from None
    if not args.db:
        Path(args.data_dir).mkdir(parents=True, exist_ok=True)
    db = open_database(args.db or str(Path(args.data_dir) / SERVER_DB))
    try:
        yield db
    except AccountError as exc:
        raise CliError(str(exc), 1) from None
    finally:
        db.close()


def _until(text: str) -> int:
    try:
        moment = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        raise CliError(
            f"--until {text!r}: give a date like 2026-12-31 or 2026-12-31T18:00"
        ) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return int(moment.timestamp() * 1000)


def _settings(args: argparse.Namespace) -> dict[str, Any]:
    given = {
        "title": args.title, "text": args.text, "languages": args.lang,
        "retention_days": args.retention, "organiser": args.organiser, "base_url": args.url,
        "address_limit": args.address_limit, "operation_limit": args.operation_limit,
    }  # fmt: skip
    settings = {k: v for k, v in given.items() if v is not None}
    if args.until is not None:
        settings["until"] = _until(args.until) if args.until else None
    if args.tiles is not None:
        if not args.tiles.is_file():
            raise CliError(f"--tiles {args.tiles}: no such file")
        settings["tiles"] = str(args.tiles.resolve())
    return settings


def switch(args: argparse.Namespace) -> int:
    from fieldapp.sync.server.public import opening, qr

    with _database(args) as db:
        if args.on or args.off:
            state = opening.switch(db, args.operation, bool(args.on), _settings(args))
        else:
            state = opening.state(db, args.operation)
    if state["code"] is None:
        raise CliError(f"operation {args.operation} was never opened: add --on --title TEXT", 1)
    address = state["url"] or state["path"]
    if args.output:
        try:
            qr.save(address, args.output)
        except ValueError as exc:
            raise CliError(str(exc)) from None
    if args.json:
        print_json(state)
        return 0
    print(_words(state))
    if state["open"]:
        print(qr.text(address))
        if not state["url"]:
            print("(the QR code holds only the path: give --url https://... so phones can open it)")
    if args.output:
        print(f"QR code written to {args.output}")
    return 0


def _words(state: dict[str, Any]) -> str:
    address = state["url"] or f"{state['path']} on this server"
    if not state["open"]:
        why = "switched off" if not state["switched_on"] else "past its end date"
        return f"the public form of {state['operation_name']!r} is closed ({why}): {address}"
    until = f", until {_time(state['until'])}" if state["until"] else ""
    return (
        f"the public form of {state['operation_name']!r} is open at {address}{until};"
        f" reports kept {state['retention_days']} days; languages {','.join(state['languages'])}"
    )


def listing(args: argparse.Namespace) -> int:
    from fieldapp.sync.server.public import opening

    with _database(args) as db:
        states = opening.all_states(db)
    if args.json:
        print_json(states)
        return 0
    if not states:
        print("no operation was opened to the public")
    for state in states:
        refused = ", ".join(
            f"{k.replace('_', ' ')} {v}" for k, v in sorted(state["refused"].items())
        )
        shown = "open" if state["open"] else "closed"
        print(f"{state['code']}  {state['operation_name']}: {shown},"
              f" {state['submissions']} submission(s); refused: {refused or 'none'}")  # fmt: skip
    return 0


def purge(args: argparse.Namespace) -> int:
    from fieldapp.sync.server.db import now_ms
    from fieldapp.sync.server.public import retention

    blobs = args.blobs or Path(args.data_dir) / "server-blobs"
    with _database(args) as db:
        count = retention.purge(db, blobs, now_ms())
    print(f"{count} submission(s) past their retention deleted")
    return 0


def reveal(args: argparse.Namespace) -> int:
    from fieldapp.sync.server.public import submissions

    with _database(args) as db:
        shown = submissions.reveal(db, args.item, None)
    print(f"{shown['receipt']}: contact {shown['contact'] or '(none given)'} now in its item")
    return 0


def _time(ms: int) -> str:
    return datetime.fromtimestamp(ms / 1000, UTC).strftime("%Y-%m-%d %H:%M UTC")
