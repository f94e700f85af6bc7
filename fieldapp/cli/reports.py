"""`fieldapp report add|list|show|edit|delete`. Single-threaded.

Field values go to the store as typed; the store's validation names every bad field,
and the CLI prints them with the option that sets each one. Attachments are checked
before the report is saved, so a missing photo file saves nothing.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from fieldapp.cli.common import (
    PROG,
    CliError,
    choose_operation,
    count,
    json_flag,
    label,
    open_store,
    operation_option,
    print_json,
    record_json,
)
from fieldapp.core.livefiles import LiveDatabaseError, refuse_live_file
from fieldapp.core.record_types import Operation, Report
from fieldapp.exports.words import counted
from fieldapp.reports import domain
from fieldapp.reports.attachments import MAX_ATTACHMENT_BYTES, AttachmentError
from fieldapp.reports.query import SORTABLE, ReportQuery
from fieldapp.store import Store

# Report field -> (option, metavar, help); `report add` and `report edit` share them.
FIELD_SPECS: dict[str, tuple[str, str, str]] = {
    "title": ("--title", "TEXT", f"short summary (required; at most {domain.TITLE_MAX} chars)"),
    "body": ("--body", "TEXT", "the full text"),
    "kind": ("--kind", "KIND", f"one of: {', '.join(domain.KINDS)}"),
    "severity": ("--severity", "N", "1 (lowest) to 5 (highest); default 3"),
    "lat": ("--lat", "DEG", "latitude in decimal degrees (WGS 84)"),
    "lon": ("--lon", "DEG", "longitude in decimal degrees (WGS 84)"),
    "accuracy_m": ("--accuracy", "METRES", "how precise the location is, in metres"),
    "place": ("--place", "TEXT", "place name or address"),
    "observed_at": ("--observed-at", "TIME", "when seen: 2026-11-28T14:05Z (no zone: UTC)"),
    "source": ("--source", "SOURCE", f"one of: {', '.join(domain.SOURCES)}"),
    "source_ref": ("--source-ref", "REF", "handle, URL, call sign or phone it came from"),
    "tags": ("--tags", "A,B", "comma-separated tags (on edit: replaces them)"),
    "status": ("--status", "STATUS", f"one of: {', '.join(domain.STATUSES)}"),
    "duplicate_of": ("--duplicate-of", "ID", "the report this one repeats (--status duplicate)"),
    "verification": ("--verification", "V", f"one of: {', '.join(domain.VERIFICATIONS)}"),
    "verified_by": ("--verified-by", "NAME", "who verified it (default: --user)"),
    "verified_at": ("--verified-at", "TIME", "when it was verified (default: now)"),
    "verification_method": ("--verification-method", "TEXT", "how it was verified"),
    "verification_confidence": ("--confidence", "LEVEL", ", ".join(domain.CONFIDENCES)),
}
FIELD_OPTIONS = {name: spec[0] for name, spec in FIELD_SPECS.items()}
TABLE_LIMIT = 50
_PAGE = 500
_SEVERITIES = tuple(str(n) for n in range(domain.SEVERITY_MIN, domain.SEVERITY_MAX + 1))
_FILTERS = {
    "status": ("--status", domain.STATUSES),
    "kind": ("--kind", domain.KINDS),
    "verification": ("--verification", domain.VERIFICATIONS),
    "severity": ("--severity", _SEVERITIES),
}


def add_parsers(subparsers: argparse._SubParsersAction, command: Callable) -> None:
    group = command(subparsers, "report", None, "add, list, show, edit and delete reports")
    actions = group.add_subparsers(title="actions", metavar="ACTION", required=True)
    sub = command(actions, "add", add, "save a new report")
    operation_option(sub)
    _field_options(sub, editing=False)
    _list_options(command(actions, "list", list_, "list the reports, newest first"))
    sub = command(actions, "show", show, "one report with its attachments and history")
    sub.add_argument("id", help="report id")
    json_flag(sub)
    sub = command(actions, "edit", edit, "change some fields of a report")
    sub.add_argument("id", help="report id")
    _field_options(sub, editing=True)
    sub = command(actions, "delete", delete, "delete a report (its history is kept)")
    sub.add_argument("id", help="report id")


def _field_options(parser: argparse.ArgumentParser, *, editing: bool) -> None:
    title = "report fields"
    if editing:
        title += " (only those given change; an empty value clears a field)"
    group = parser.add_argument_group(title)
    for name, (option, metavar, text) in FIELD_SPECS.items():
        group.add_argument(option, dest=name, metavar=metavar, default=argparse.SUPPRESS, help=text)
    group.add_argument(
        "--photo",
        dest="photos",
        type=Path,
        nargs="+",
        action="extend",
        default=[],
        metavar="FILE",
        help="attach photos or other files",
    )
    json_flag(parser)


def _list_options(parser: argparse.ArgumentParser) -> None:
    filter_options(parser)
    parser.add_argument("--sort", choices=list(SORTABLE), default="created_at", help="order")
    _more_list_options(parser)


def filter_options(parser: argparse.ArgumentParser) -> None:
    """The list's filters: --operation, --search, --status, --kind, --verification,
    --severity (`fieldapp report list` and `fieldapp export`)."""
    operation_option(parser)
    parser.add_argument("--search", default="", metavar="TEXT", help="words to find (full text)")
    for name, (option, allowed) in _FILTERS.items():
        parser.add_argument(
            option,
            dest=name,
            action="append",
            default=[],
            metavar="A,B",
            help=f"only these (comma-separated, repeatable): {', '.join(allowed)}",
        )


def _more_list_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--ascending", action="store_true", help="oldest or lowest first")
    parser.add_argument(
        "--limit",
        type=count,
        metavar="N",
        help=f"at most N reports, 0 for all (default: {TABLE_LIMIT} in the table, all in JSON)",
    )
    json_flag(parser)


# -- writes -------------------------------------------------------------------------------


def add(args: argparse.Namespace) -> int:
    values = _field_values(args)
    photos = _checked_files(args.photos, args.data_dir)
    with open_store(args) as store:
        op = choose_operation(store, args)
        report = store.reports.add(op["id"], values)
        _attach(store, report["id"], photos)
        attached = store.attachments.list(report["id"])
    _print_saved("saved", {**report, "attachments": attached}, op, len(photos), args.json)
    return 0


def edit(args: argparse.Namespace) -> int:
    values = _field_values(args)
    photos = _checked_files(args.photos, args.data_dir)
    if not values and not photos:
        raise CliError(
            f"nothing to change; give fields, e.g. --status closed ({PROG} report edit -h)"
        )
    with open_store(args) as store:
        report = store.reports.update(args.id, values) if values else store.reports.get(args.id)
        _attach(store, report["id"], photos)
        attached = store.attachments.list(report["id"])
        op = store.operations.get(report["operation_id"])
    _print_saved("updated", {**report, "attachments": attached}, op, len(photos), args.json)
    return 0


def delete(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        store.reports.delete(args.id)
    print(f"deleted report {args.id}")
    return 0


def _field_values(args: argparse.Namespace) -> dict[str, str]:
    return {name: getattr(args, name) for name in FIELD_SPECS if hasattr(args, name)}


def _checked_files(paths: list[Path], data_dir: Path) -> list[Path]:
    """Refuse unusable files before anything is saved (the store checks them again)."""
    for path in paths:
        if not path.is_file():
            raise AttachmentError(f"{path} is not a file")
        try:
            refuse_live_file(path, data_dir)  # before the open() below
        except LiveDatabaseError as exc:
            raise AttachmentError(str(exc)) from None
        if path.stat().st_size > MAX_ATTACHMENT_BYTES:
            raise AttachmentError(f"{path.name} is larger than {MAX_ATTACHMENT_BYTES >> 20} MB")
        with path.open("rb"):
            pass  # readable: a permission problem shows now, not after the save
    return paths


def _attach(store: Store, report_id: str, paths: list[Path]) -> None:
    for path in paths:
        try:
            store.attachments.add(report_id, path)
        except (AttachmentError, OSError) as exc:
            raise CliError(
                f"report {report_id} was saved, but {path} could not be attached ({exc}); "
                f"try again with: {PROG} report edit {report_id} --photo FILE",
                code=1,
            ) from None


def _print_saved(
    verb: str, report: Mapping[str, Any], op: Operation, new_files: int, as_json: bool
) -> None:
    if as_json:
        print_json({**report, "exercise": op["exercise"]})
        return
    files = f" with {counted(new_files, 'new file')}" if new_files else ""
    print(f"{verb} report {report['id']}{files} in {label(op)}")


# -- reads --------------------------------------------------------------------------------


def list_(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        op = choose_operation(store, args)
        limit = args.limit if args.limit is not None else (0 if args.json else TABLE_LIMIT)
        query = filter_query(
            args, op["id"], sort=args.sort, descending=not args.ascending, limit=limit or None
        )
        reports = _each_report(store, query)
        if args.json:
            _print_json_list({**report, "exercise": op["exercise"]} for report in reports)
            return 0
        shown = _print_table(reports, op)
        total = store.reports.count(query)
    if shown < total:
        print(f"{shown} of {total} reports shown; --limit 0 shows all", file=sys.stderr)
    return 0


def filter_query(args: argparse.Namespace, operation_id: str, **more: object) -> ReportQuery:
    """The ReportQuery of the list's filters as typed (an unknown word: CliError)."""
    return ReportQuery(
        operation_id=operation_id,
        statuses=_picked(args, "status"),
        kinds=_picked(args, "kind"),
        verifications=_picked(args, "verification"),
        severities=frozenset(int(n) for n in _picked(args, "severity")),
        search=args.search,
        **more,  # type: ignore[arg-type]
    )


def _picked(args: argparse.Namespace, name: str) -> frozenset[str]:
    option, allowed = _FILTERS[name]
    picked = frozenset(
        word.strip() for value in getattr(args, name) for word in value.split(",") if word.strip()
    )
    unknown = sorted(picked.difference(allowed))
    if unknown:
        raise CliError(f"{option}: {', '.join(unknown)} not in {', '.join(allowed)}")
    return picked


def _each_report(store: Store, query: ReportQuery) -> Iterator[Report]:
    """Matching reports a page at a time, so 200,000 of them fit in memory and SQL."""
    seqs = store.reports.seqs(query)
    for start in range(0, len(seqs), _PAGE):
        page = seqs[start : start + _PAGE]
        found = store.reports.by_seq(page)
        yield from (found[seq] for seq in page if seq in found)


def _print_json_list(items: Iterable[Mapping[str, Any]]) -> None:
    """A JSON array, one report per line, written a page at a time.

    json.dumps, not json.dump: dump encodes in pure Python and writes every token
    separately (one system call each when stdout is unbuffered).
    """
    dumps = json.JSONEncoder(ensure_ascii=False).encode
    page = ["["]
    separator = "\n"
    for item in items:
        page += (separator, dumps(item))
        separator = ",\n"
        if len(page) > 2 * _PAGE:
            sys.stdout.write("".join(page))
            page.clear()
    page.append("\n]\n" if separator != "\n" else "]\n")
    sys.stdout.write("".join(page))


def _print_table(reports: Iterable[Report], op: Operation) -> int:
    if op["exercise"]:
        print(f"EXERCISE: {op['name']}")
    width = shutil.get_terminal_size((0, 0)).columns if sys.stdout.isatty() else 0
    title_width = max(width - 92, 30) if width else None
    print(f"{'ID':36}  SEV  {'STATUS':11}  {'KIND':16}  {'OBSERVED':16}  TITLE")
    shown = 0
    for report in reports:
        title = report["title"] + (f" ({report['place']})" if report["place"] else "")
        if title_width and len(title) > title_width:
            title = title[: title_width - 1] + "…"
        observed = (report["observed_at"] or "")[:16].replace("T", " ")
        print(
            f"{report['id']:36}  {report['severity']:>3}  {report['status']:11}  "
            f"{report['kind']:16}  {observed:16}  {title}"
        )
        shown += 1
    return shown


def show(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        report = store.reports.get(args.id)
        op = store.operations.get(report["operation_id"])
        attached, history = store.attachments.list(args.id), store.db.history(args.id)
    if args.json:
        files = [record_json("attachment", item) for item in attached]
        related = {"exercise": op["exercise"], "attachments": files, "history": history}
        print_json(record_json("report", report, **related))
    else:
        _print_report({**report, "attachments": attached, "history": history}, op)
    return 0


def _print_report(report: Mapping[str, Any], op: Operation) -> None:
    if op["exercise"]:
        print("EXERCISE")
    print(report["title"])
    for name, value in _summary(report, op):
        if value not in (None, ""):
            print(f"  {name:13}{value}")
    if report["body"]:
        print("\n" + report["body"])
    if report["attachments"]:
        print("\nattachments:")
    for item in report["attachments"]:
        print(f"  {item['filename']}  {item['mime']}  {item['size']:,} bytes  {item['sha256']}")
    print("\nhistory:")
    for change in report["history"]:
        fields = f": {', '.join(change['changes'])}" if change["changes"] else ""
        print(f"  {change['at']}  {change['author']}  {change['action']}{fields}")


def _summary(report: Mapping[str, Any], op: Operation) -> list[tuple[str, object]]:
    where = ""
    if report["lat"] is not None:
        where = f"{report['lat']:.5f}, {report['lon']:.5f}"
        if report["accuracy_m"] is not None:
            where += f" (±{report['accuracy_m']:g} m)"
    verdict = report["verification"]
    if report["verified_by"]:
        verdict += f" by {report['verified_by']} at {report['verified_at']}"
    if report["verification_method"]:
        verdict += f" ({report['verification_method']})"
    return [
        ("id", report["id"]),
        ("operation", f"{label(op)} ({op['id']})"),
        ("kind", report["kind"]),
        ("severity", report["severity"]),
        ("status", report["status"]),
        ("duplicate of", report["duplicate_of"]),
        ("verification", verdict),
        ("confidence", report["verification_confidence"]),
        ("place", report["place"]),
        ("location", where),
        ("observed", report["observed_at"]),
        ("created", f"{report['created_at']} by {report['author']}"),
        ("source", f"{report['source']} {report['source_ref']}".strip()),
        ("tags", ", ".join(report["tags"])),
    ]
