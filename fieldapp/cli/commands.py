"""The subcommands of `fieldapp`, one module per family; cli.py is the entry point.

Imported only when a subcommand runs, never on the GUI path. Each command opens its own
Store, does one user action and closes it. Single-threaded.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from fieldapp import __version__
from fieldapp.cli import (
    alerts,
    exercises,
    export,
    features,
    import_,
    intake,
    operations,
    outreach,
    places,
    radio,
    reports,
    server,
    sitrep,
    sources,
    sync,
    tiles,
    tools,
)
from fieldapp.cli.common import PROG


def build_parser(global_parser: Callable[..., argparse.ArgumentParser]) -> argparse.ArgumentParser:
    """The full parser; `global_parser(suppress=True)` lets --data-dir follow a command."""
    common = global_parser(suppress=True)
    parser = argparse.ArgumentParser(
        prog=PROG,
        parents=[global_parser()],
        description="FieldApp: reports, maps and sync for emergency volunteers.",
        epilog="With no command, fieldapp opens its window. Every command has --help.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    subparsers = parser.add_subparsers(title="commands", metavar="COMMAND")

    def command(group: Any, name: str, run: Callable | None, text: str) -> argparse.ArgumentParser:
        sub = group.add_parser(name, parents=[common], help=text, description=text)
        if run is not None:
            sub.set_defaults(run=run)
        return sub

    for module in (
        operations,
        reports,
        features,
        import_,
        radio,
        sources,
        intake,
        alerts,
        outreach,
        exercises,
        export,
        sitrep,
        tools,
        tiles,
        places,
        server,
        sync,
    ):
        module.add_parsers(subparsers, command)
    return parser
