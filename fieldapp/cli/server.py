"""`fieldapp serve` and `fieldapp server ...`: run the sync server and administer it.

The administration commands run on the server machine, against the server database
(--db: a file path or a postgresql:// URL; default server.db in the data folder). The
server modules are imported only when one of these commands runs. Single-threaded.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from fieldapp.cli import public
from fieldapp.cli.common import CliError, json_flag, print_json
from fieldapp.core.livefiles import refuse_live_file
from fieldapp.core.roles import ROLES

SERVER_DB = "server.db"


def add_parsers(subparsers: argparse._SubParsersAction, command: Callable) -> None:
    sub = command(
        subparsers, "serve", serve, "run the sync server (HTTP API, OpenAPI at /api/v1/docs)"
    )
    _db_option(sub)
    sub.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)"
    )
    sub.add_argument("--port", type=int, default=8765, help="default: 8765")
    sub.add_argument("--cert", type=Path, metavar="FILE", help="TLS certificate (PEM)")
    sub.add_argument("--key", type=Path, metavar="FILE", help="TLS private key (PEM)")
    sub.add_argument(
        "--blobs",
        type=Path,
        metavar="DIR",
        help="attachment folder (default: server-blobs in the data folder); with --workers,"
        " every process reads and writes it: shared storage if they run on several machines",
    )
    sub.add_argument(
        "--workers",
        type=int,
        default=1,
        metavar="N",
        help="server processes on the one port (default: 1; more needs PostgreSQL)",
    )
    sub.add_argument(
        "--trusted-proxy",
        action="append",
        default=[],
        metavar="ADDRESS",
        help="a reverse proxy (address or network, repeatable) whose X-Forwarded-For names"
        " the client, for the per-address limits (default: one on this machine)",
    )
    group = command(subparsers, "server", None, "administer the sync server: users, devices, codes")
    admin = group.add_subparsers(title="server commands", metavar="COMMAND")
    sub = command(admin, "init", init, "create the first admin and print how to enroll a device")
    _db_option(sub)
    sub.add_argument("--name", default="admin", help="the admin's user name (default: admin)")
    user = command(admin, "user", None, "add or list users").add_subparsers(metavar="COMMAND")
    sub = command(user, "add", user_add, "add a user")
    _db_option(sub)
    sub.add_argument("name", metavar="NAME")
    sub.add_argument("--role", required=True, choices=ROLES)
    sub = command(user, "list", user_list, "list the users")
    _db_option(sub)
    json_flag(sub)
    sub = command(admin, "enroll", enroll, "a one-time code that enrolls a device of a user")
    _db_option(sub)
    sub.add_argument("name", metavar="NAME", help="the user the device belongs to")
    sub.add_argument(
        "--minutes", type=int, default=30, help="how long the code lasts (default: 30)"
    )
    json_flag(sub)
    sub = command(
        admin, "revoke", revoke, "revoke a device (by id or name): it is refused from now on"
    )
    _db_option(sub)
    sub.add_argument("device", metavar="DEVICE")
    device = command(admin, "device", None, "list devices").add_subparsers(metavar="COMMAND")
    sub = command(device, "list", device_list, "list the devices")
    _db_option(sub)
    json_flag(sub)
    _operation_parsers(admin, command)
    public.add_parsers(admin, command, _db_option)  # issue 19: the public form
    sub = command(
        admin, "import-bundle", import_bundle, "apply a device's USB bundle (safe to repeat)"
    )
    _db_option(sub)
    sub.add_argument("file", type=Path, metavar="FILE")
    sub.add_argument(
        "--blobs",
        type=Path,
        metavar="DIR",
        help="attachment folder (default: server-blobs in the data folder)",
    )
    json_flag(sub)


def _operation_parsers(admin: Any, command: Callable) -> None:
    group = command(admin, "operation", None, "who may see an operation")
    ops = group.add_subparsers(metavar="COMMAND")
    sub = command(ops, "restrict", restrict, "restrict an operation to listed members")
    _db_option(sub)
    sub.add_argument("operation", metavar="OPERATION_ID")
    sub.add_argument("--member", action="append", default=[], metavar="NAME", help="repeatable")
    sub = command(ops, "open", open_operation, "open an operation to every user again")
    _db_option(sub)
    sub.add_argument("operation", metavar="OPERATION_ID")
    public.add_operation_parser(ops, command, _db_option)


def _db_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db",
        metavar="URL",
        help=f"server database: a file or postgresql://... (default: {SERVER_DB} in the data dir)",
    )


def _url(args: argparse.Namespace) -> str:
    return args.db or str(Path(args.data_dir) / SERVER_DB)


@contextmanager
def _database(args: argparse.Namespace) -> Iterator[Any]:
    try:
        from fieldapp.sync.server.accounts import AccountError
        from fieldapp.sync.server.serve import open_database
    except ImportError as exc:
        raise CliError(f"the sync server is not part of this installation ({exc})", 1) from None
    if not args.db:
        Path(args.data_dir).mkdir(parents=True, exist_ok=True)
    db = open_database(_url(args))
    try:
        yield db
    except AccountError as exc:
        raise CliError(str(exc), 1) from None
    finally:
        db.close()


def serve(args: argparse.Namespace) -> int:
    if bool(args.cert) != bool(args.key):
        raise CliError("--cert and --key go together")
    from fieldapp.sync.server.serve import proxies_problem, workers_problem

    problem = workers_problem(_url(args), args.workers) or proxies_problem(
        tuple(args.trusted_proxy)
    )
    if problem:
        raise CliError(problem)
    with _database(args):
        pass  # creates and migrates the database now, so errors show before listening
    from fieldapp.sync.server.serve import serve as run

    scheme = "https" if args.cert else "http"
    blobs = args.blobs or Path(args.data_dir) / "server-blobs"
    try:  # here, once, rather than in each worker
        (blobs / "partial").mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise CliError(f"cannot use {blobs} as the attachment folder: {exc.strerror}") from None
    processes = f", {args.workers} worker processes" if args.workers > 1 else ""
    print(
        f"FieldApp server on {scheme}://{args.host}:{args.port} (API docs: /api/v1/docs)"
        f"{processes}; attachments in {blobs}",
        flush=True,
    )
    proxies = tuple(args.trusted_proxy)
    return run(_url(args), blobs, args.host, args.port, args.cert, args.key, args.workers, proxies)


def init(args: argparse.Namespace) -> int:
    from fieldapp.sync.server import accounts

    with _database(args) as db:
        if any(u["role"] == "admin" for u in accounts.users(db)):
            raise CliError(
                "this server already has an admin; add users with: fieldapp server user add", 1
            )
        accounts.add_user(db, args.name, "admin")
        code, expires = accounts.enroll(db, args.name)
    here = _here(args)
    print(f"created admin {args.name!r} in {_url(args)}")
    print(f"start the server:   {here} serve" + (f" --db {args.db}" if args.db else ""))
    print(f"enroll a device:    fieldapp join URL {code}   (one use, until {_time(expires)})")
    print(f"more users, codes:  {here} server user add NAME --role ROLE; {here} server enroll NAME")
    return 0


def _here(args: argparse.Namespace) -> str:
    """`fieldapp`, with --data-dir when the server's folder is not the default one."""
    import shlex

    from fieldapp.core.settings import resolve_data_dir

    if Path(args.data_dir) == resolve_data_dir():
        return "fieldapp"
    return f"fieldapp --data-dir {shlex.quote(str(args.data_dir))}"


def user_add(args: argparse.Namespace) -> int:
    from fieldapp.sync.server import accounts

    with _database(args) as db:
        user = accounts.add_user(db, args.name, args.role)
    print(
        f"added {user['role']} {user['name']!r}; enroll a device: {_here(args)} server enroll NAME"
    )
    return 0


def user_list(args: argparse.Namespace) -> int:
    from fieldapp.sync.server import accounts

    with _database(args) as db:
        rows = accounts.users(db)
    if args.json:
        print_json(rows)
    for row in [] if args.json else rows:
        print(f"{row['name']:<24} {row['role']:<12} {row['devices']} device(s)")
    return 0


def device_list(args: argparse.Namespace) -> int:
    from fieldapp.sync.server import accounts

    with _database(args) as db:
        rows = accounts.devices(db)
    if args.json:
        print_json(rows)
    for row in [] if args.json else rows:
        state = f"revoked {_time(row['revoked_at'])}" if row["revoked_at"] else "active"
        seen = _time(row["last_seen_at"]) if row["last_seen_at"] else "never pushed"
        print(f"{row['id']}  {row['name']:<20} {row['user']:<16} {state}; last push: {seen}")
    return 0


def enroll(args: argparse.Namespace) -> int:
    from fieldapp.sync.server import accounts

    with _database(args) as db:
        code, expires = accounts.enroll(db, args.name, args.minutes)
    if args.json:
        print_json({"code": code, "user": args.name, "expires_at": expires})
    else:
        print(f"{code}   one use, for a device of {args.name}, until {_time(expires)}")
        print(f"on the device: fieldapp join URL {code}")
    return 0


def revoke(args: argparse.Namespace) -> int:
    from fieldapp.sync.server import accounts

    with _database(args) as db:
        device = accounts.revoke(db, args.device)
    print(f"revoked device {device['id']} ({device['name']}); its token is refused from now on")
    return 0


def restrict(args: argparse.Namespace) -> int:
    from fieldapp.sync.server import policy

    if not args.member:
        raise CliError("name at least one --member (an admin sees every operation anyway)")
    with _database(args) as db:
        policy.restrict(db, args.operation, args.member)
    print(
        f"operation {args.operation} is now visible only to: {', '.join(args.member)} (and admins)"
    )
    return 0


def open_operation(args: argparse.Namespace) -> int:
    from fieldapp.sync.server import policy

    with _database(args) as db:
        policy.open_to_all(db, args.operation)
    print(f"operation {args.operation} is open to every user")
    return 0


def import_bundle(args: argparse.Namespace) -> int:
    from fieldapp.sync.protocol.bundle import BundleError
    from fieldapp.sync.server.bundles import import_bundle as do_import

    blobs = args.blobs or Path(args.data_dir) / "server-blobs"
    refuse_live_file(args.file, args.data_dir)  # zipfile would open and close it
    with _database(args) as db:
        try:
            counts = do_import(db, blobs, args.file)
        except BundleError as exc:
            raise CliError(str(exc), 1) from None
    if args.json:
        print_json(counts)
        return 0
    print(
        f"imported {args.file} from device {counts['device_id']}: {counts['applied']} applied,"
        f" {counts['conflict']} with conflicts, {counts['duplicate']} already here,"
        f" {counts['rejected']} refused; {counts['files']} file(s)"
    )
    if counts["replayed_batches"] == counts["batches"] and counts["batches"]:
        print("this bundle had been imported before: nothing changed")
    return 0


def _time(ms: int) -> str:
    return datetime.fromtimestamp(ms / 1000, UTC).strftime("%Y-%m-%d %H:%M UTC")
