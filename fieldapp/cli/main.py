"""The `fieldapp` command: the GUI by default, and every core capability as a subcommand.

Start-up time matters because `fieldapp` with no subcommand opens the GUI: that path
parses only the global options with a tiny parser and imports nothing of the core
(no store, no sqlite-utils). Subcommands import what they need when they run.

Exit codes: 0 success, 1 the data or the system is in the way (no such report, a
damaged or newer database, a file that cannot be read), 2 the command line itself is
wrong (unknown option, invalid field values). Every error is a message on stderr, never
a traceback, and a rejected command changes nothing. Single-threaded.
"""

from __future__ import annotations

import argparse
import gc
import sys
from collections.abc import Sequence

from fieldapp.cli import PROG
from fieldapp.core.settings import resolve_data_dir


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        global_args, rest = _global_parser().parse_known_args(argv)
        if not rest:
            return _run_gui(global_args)
        from fieldapp.cli.commands import build_parser

        parser = build_parser(_global_parser)
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse has printed the usage error or the help
        return exc.code if isinstance(exc.code, int) else 2
    if not hasattr(args, "run"):  # options but no command, e.g. `fieldapp --user x -v`
        parser.print_usage(sys.stderr)
        return 2
    args.data_dir = resolve_data_dir(args.data_dir)
    try:
        return args.run(args)
    except BrokenPipeError:
        _silence_stdout()
        return 1
    except KeyboardInterrupt:
        _error("interrupted; the unfinished change was not saved")
        return 130
    except _known_errors() as exc:
        return _report_error(exc)


def _global_parser(suppress: bool = False) -> argparse.ArgumentParser:
    """--data-dir and --user; allowed before and after the subcommand."""
    parser = argparse.ArgumentParser(prog=PROG, add_help=False, allow_abbrev=False)
    default = argparse.SUPPRESS if suppress else None
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        default=default,
        help="folder of the FieldApp data (default: $FIELDAPP_HOME, else the user data folder)",
    )
    parser.add_argument(
        "--user",
        metavar="NAME",
        default=default,
        help="name recorded in the history of changes (default: the settings, else the "
        "user this device joined a sync server as, else the OS user)",
    )
    return parser


def _run_gui(args: argparse.Namespace) -> int:
    # Start-up makes tens of thousands of objects that all live on (Qt wrappers, enums,
    # widgets): collecting meanwhile finds nothing and costs ~3 % of start-up. The window
    # turns the collector back on once its first rows are painted (ui/app.py).
    gc.disable()
    try:
        from fieldapp.ui.shell.app import run_gui
    except ImportError as exc:  # e.g. a server install without Qt, or no libGL
        _error(f"cannot open the window ({exc}); the commands still work: {PROG} --help")
        return 1
    return run_gui(resolve_data_dir(args.data_dir), args.user)


def _known_errors() -> tuple[type[BaseException], ...]:
    # Imported only when an exception is being handled, so the happy path pays nothing.
    import sqlite3

    from fieldapp.cli.common import CliError
    from fieldapp.core.database import DatabaseError
    from fieldapp.core.errors import NotFoundError, ValidationError
    from fieldapp.core.livefiles import LiveDatabaseError
    from fieldapp.reports.attachments import AttachmentError

    return (
        CliError,
        LiveDatabaseError,
        ValidationError,
        AttachmentError,
        DatabaseError,
        NotFoundError,
        *_tile_errors(),
        sqlite3.Error,
        OSError,
    )


def _tile_errors() -> tuple[type[BaseException], ...]:
    # A TileError exists only once a command has imported fieldapp.tiles: looking it up
    # rather than importing it keeps requests and mercantile off every other error path.
    errors = sys.modules.get("fieldapp.tiles.errors")
    return (errors.TileError,) if errors else ()


def _report_error(exc: BaseException) -> int:
    import sqlite3

    from fieldapp.cli.common import CliError
    from fieldapp.core.errors import ValidationError
    from fieldapp.core.livefiles import LiveDatabaseError
    from fieldapp.reports.attachments import AttachmentError

    if isinstance(exc, CliError):
        _error(str(exc))
        return exc.code
    if isinstance(exc, _tile_errors()):
        _error(str(exc))
        # A bad box, zoom range, URL or name is a wrong command line; the rest is the data.
        invalid_request = sys.modules["fieldapp.tiles.errors"].InvalidRequestError
        return 2 if isinstance(exc, invalid_request) else 1
    if isinstance(exc, ValidationError):
        _error("invalid values; nothing was saved:")
        for name, (_code, message) in exc.errors.items():
            print(f"  {_option_name(name)}: {message}", file=sys.stderr)
        return 2
    if isinstance(exc, AttachmentError):
        _error(f"{exc}; nothing was saved")
        return 2
    if isinstance(exc, LiveDatabaseError):
        _error(f"{exc}; nothing was changed")
        return 1
    if isinstance(exc, LookupError):
        _error(str(exc.args[0] if exc.args else exc))
        return 1
    if isinstance(exc, sqlite3.Error):
        _error(f"database problem: {exc}")
        return 1
    if isinstance(exc, OSError) and exc.strerror:
        where = f": {exc.filename}" if exc.filename else ""
        _error(f"{exc.strerror}{where}")
        return 1
    _error(str(exc))
    return 1


def _option_name(field: str) -> str:
    """A report field as the user typed it: --lat, --accuracy (accuracy_m)..."""
    from fieldapp.cli.reports import FIELD_OPTIONS

    option = FIELD_OPTIONS.get(field)
    return f"{field} ({option})" if option and option[2:] != field else option or field


def _error(message: str) -> None:
    print(f"{PROG}: error: {message}", file=sys.stderr)


def _silence_stdout() -> None:
    """The reader of our output went away (`| head`): stop writing, quietly."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
