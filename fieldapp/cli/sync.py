"""`fieldapp join`, `fieldapp sync`, `fieldapp sync status`, `fieldapp sync export-bundle`,
`fieldapp sync refused` and `fieldapp sync undo` (a change the server refused for good).

The client side of sync on the command line (the server side is in server.py). Each
command opens its own Store and runs the sync in this one thread. Exit status of
`fieldapp sync`: 0 when everything is on the server, 1 when something is not (the
output says what), so scripts can retry. The token is never printed. Single-threaded.
"""

from __future__ import annotations

import argparse
import socket
from collections.abc import Callable
from pathlib import Path

from fieldapp.cli.common import CliError, json_flag, open_store, print_json


def add_parsers(subparsers: argparse._SubParsersAction, command: Callable) -> None:
    sub = command(subparsers, "join", join, "enroll this device with a sync server")
    sub.add_argument("url", metavar="URL", help="the server, e.g. https://sync.example:8765")
    sub.add_argument("code", metavar="CODE", help="the one-time code, e.g. K7P-4QX-9M3")
    sub.add_argument("--name", help="this device's name (default: the host name)")
    sub.add_argument(
        "--pin-cert", type=Path, metavar="FILE", help="trust this (self-signed) certificate only"
    )
    sub = command(subparsers, "sync", sync_once, "sync with the server once and say what moved")
    json_flag(sub)
    sub.add_argument("--metered", choices=("on", "off"), help="hold originals back (saved)")
    inner = sub.add_subparsers(title="sync commands", metavar="COMMAND")
    status_cmd = command(inner, "status", status, "what is not on the server yet, last success")
    json_flag(status_cmd)
    export = command(
        inner, "export-bundle", export_bundle, "write the pending changes and files to a file"
    )
    export.add_argument("file", type=Path, metavar="FILE")
    refused_cmd = command(inner, "refused", refused, "the changes the server refused, and why")
    json_flag(refused_cmd)
    undo = command(
        inner, "undo", undo_refused, "take the server's version of a refused record back"
    )
    undo.add_argument("entity", metavar="TYPE", help="the record type, e.g. report")
    undo.add_argument("record_id", metavar="ID", help="the record's id (fieldapp sync refused)")
    undo.add_argument("--yes", action="store_true", help="this device's unsent changes go")


def join(args: argparse.Namespace) -> int:
    from fieldapp.sync.client.session import SyncError
    from fieldapp.sync.client.session import join as do_join

    with open_store(args, create=True) as store:
        try:
            config = do_join(
                store, args.url, args.code, args.name or socket.gethostname(), pin=args.pin_cert
            )
        except SyncError as exc:
            raise CliError(f"could not join: {exc}. Nothing was changed.", 1) from None
    print(f"joined {config.url} as device {config.device_id} ({config.device_name}) "
          f"of {config.user}, role {config.role}")  # fmt: skip
    print("sync now with: fieldapp sync")
    return 0


def sync_once(args: argparse.Namespace) -> int:
    from fieldapp.sync.client.session import SyncClient

    with open_store(args) as store:
        client = SyncClient(store)
        if args.metered:
            client.set_metered(args.metered == "on")
        report = client.sync()
    if args.json:
        print_json(report.as_json())
    else:
        print(report.summary())
        for warning in report.warnings:
            print(f"warning: {warning}")
    return 0 if report.complete else 1


def status(args: argparse.Namespace) -> int:
    from fieldapp.sync.client.session import sync_status

    with open_store(args) as store:
        state = sync_status(store)
    if args.json:
        print_json(state.as_json())
        return 0
    if not state.joined:
        print("not joined to a server (fieldapp join URL CODE)")
    else:
        print(f"server: {state.server} (device {state.device_name}, {state.user}, {state.role})")
    age = f", oldest {_age(state.oldest_age_s)} old" if state.oldest_age_s is not None else ""
    print(f"not on the server yet: {state.pending} change(s){age}"
          + (f" ({state.rejected} refused)" if state.rejected else ""))  # fmt: skip
    print(f"records in conflict: {state.conflicts} (settle them in the window: Sync ▸ Conflicts…)")
    if state.parked:
        print(f"received, waiting for the record they belong to: {state.parked}")
    if state.set_aside:
        print(f"received records set aside, this device cannot store them: {state.set_aside}"
              " (correct them on the server)")  # fmt: skip
        for words in state.set_aside_records:
            print(f"  {words}")
    print(f"last success: {state.last_success or 'never'}")
    if state.last_error:
        print(f"last error: {state.last_error}")
    return 0


def export_bundle(args: argparse.Namespace) -> int:
    from fieldapp.sync.client.bundle import export_bundle as do_export
    from fieldapp.sync.protocol.bundle import BundleError

    with open_store(args) as store:
        try:
            summary = do_export(store, args.file)
        except BundleError as exc:
            raise CliError(str(exc), 1) from None
    print(f"wrote {args.file}: {summary['entries']} change(s), {summary['files']} file(s); "
          "on the server machine: fieldapp server import-bundle FILE")  # fmt: skip
    return 0


def refused(args: argparse.Namespace) -> int:
    from fieldapp.sync.client.refused import refused_changes

    with open_store(args) as store:
        found = refused_changes(store.conn)
    if args.json:
        print_json([change.__dict__ for change in found])
        return 0
    if not found:
        print("the server refused none of this device's changes")
    for change in found:
        print(f"{change.entity} {change.row_id} “{change.title}”: {', '.join(change.fields)}"
              f" — {change.reason} (refused {change.at})")  # fmt: skip
    if found:
        print("to take the server's version back: fieldapp sync undo TYPE ID --yes")
    return 0


def undo_refused(args: argparse.Namespace) -> int:
    from fieldapp.sync.client.refused import refused_changes
    from fieldapp.sync.client.session import SyncClient, SyncError

    with open_store(args) as store:
        if not any(
            (c.entity, c.row_id) == (args.entity, args.record_id)
            for c in refused_changes(store.conn)
        ):
            raise CliError(
                f"the server refused no change of {args.entity} {args.record_id}"
                " (fieldapp sync refused lists them). Nothing was changed.",
                2,
            )
        if not args.yes:
            raise CliError(
                "this drops this device's unsent changes to that record (its history keeps"
                " them) and takes the server's version back: add --yes. Nothing was changed.",
                2,
            )
        try:
            outcome = SyncClient(store).undo_refused(args.entity, args.record_id)
        except SyncError as exc:
            raise CliError(f"could not undo: {exc}. Nothing was changed.", 1) from None
    if outcome == "removed":
        print(f"{args.entity} {args.record_id} never reached the server: removed from here")
    else:
        print(f"{args.entity} {args.record_id}: the server's version is back here")
    return 0


def _age(seconds: float) -> str:
    if seconds < 120:
        return f"{seconds:.0f} s"
    if seconds < 7200:
        return f"{seconds / 60:.0f} min"
    return f"{seconds / 3600:.1f} h"
