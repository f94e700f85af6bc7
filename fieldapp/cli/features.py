"""`fieldapp feature add|list|show|edit|delete`: map features. Single-threaded.

The shape comes as GeoJSON text (--geojson) or a file (--file): a bare geometry, a
Feature, or a FeatureCollection, of which --index picks one feature when it holds
several. The shape is read and checked before anything is saved, and every bad field
is named, as for reports.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

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
from fieldapp.core.errors import ValidationError
from fieldapp.core.geo import format_decimal
from fieldapp.core.livefiles import refuse_live_file
from fieldapp.core.record_types import Feature, Operation
from fieldapp.maps import features
from fieldapp.maps.geometry import GeometryError, read_geometry, vertex_count

MAX_FILE_BYTES = 20 << 20  # 10,000 positions take well under 1 MB; the rest is properties


def add_parsers(subparsers: argparse._SubParsersAction, command: Callable) -> None:
    group = command(subparsers, "feature", None, "add, list, show, edit and delete map features")
    actions = group.add_subparsers(title="actions", metavar="ACTION", required=True)
    sub = command(actions, "add", add, "save a new map feature (an area, a line or a point)")
    operation_option(sub)
    _field_options(sub, editing=False)
    sub = command(actions, "list", list_, "list the map features, oldest first")
    operation_option(sub)
    json_flag(sub)
    sub = command(actions, "show", show, "one map feature with its shape and history")
    sub.add_argument("id", help="feature id")
    json_flag(sub)
    sub = command(actions, "edit", edit, "change some fields of a map feature")
    sub.add_argument("id", help="feature id")
    _field_options(sub, editing=True)
    sub = command(actions, "delete", delete, "delete a map feature (its history is kept)")
    sub.add_argument("id", help="feature id")


def _field_options(parser: argparse.ArgumentParser, *, editing: bool) -> None:
    title = "feature fields" + (" (only those given change)" if editing else "")
    group = parser.add_argument_group(title)
    required = not editing
    group.add_argument("--name", required=required, default=argparse.SUPPRESS, help="short name")
    group.add_argument(
        "--category",
        required=required,
        default=argparse.SUPPRESS,
        metavar="C",
        help=f"one of: {', '.join(features.CATEGORIES)}",
    )
    group.add_argument("--notes", default=argparse.SUPPRESS, metavar="TEXT", help="free text")
    shape = group.add_mutually_exclusive_group(required=required)
    shape.add_argument(
        "--geojson",
        metavar="TEXT",
        help="the shape as GeoJSON: a Point, LineString, Polygon or MultiPolygon geometry, "
        "or a Feature or FeatureCollection holding one",
    )
    shape.add_argument("--file", type=Path, metavar="FILE", help="the shape from a GeoJSON file")
    group.add_argument(
        "--index", type=int, metavar="N", help="which feature of a FeatureCollection (from 1)"
    )
    json_flag(parser)


# -- writes -------------------------------------------------------------------------------


def add(args: argparse.Namespace) -> int:
    values = _field_values(args)
    with open_store(args) as store:
        op = choose_operation(store, args)
        feature = store.features.add(op["id"], **values)
    _print_saved("saved", feature, op, args.json)
    return 0


def edit(args: argparse.Namespace) -> int:
    values = _field_values(args)
    if not values:
        raise CliError(f"nothing to change; give fields, e.g. --name TEXT ({PROG} feature edit -h)")
    with open_store(args) as store:
        feature = store.features.edit(args.id, **values)
        op = store.operations.get(feature["operation_id"])
    _print_saved("updated", feature, op, args.json)
    return 0


def delete(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        store.features.delete(args.id)
    print(f"deleted map feature {args.id}")
    return 0


def _field_values(args: argparse.Namespace) -> dict[str, Any]:
    values = {name: getattr(args, name) for name in ("name", "category", "notes") if name in args}
    text = args.geojson if args.file is None else _read_file(args.file, args.data_dir)
    if text is None:
        if args.index is not None:
            raise CliError("--index chooses a feature of --geojson or --file; give one of them")
        return values
    try:
        values["geometry"] = read_geometry(text, pick=args.index)
    except GeometryError as exc:
        message = str(exc) + (" with --index N" if exc.code == "several_features" else "")
        raise ValidationError({"geometry": (exc.code, message)}) from None
    return values


def _read_file(path: Path, data_dir: Path) -> str:
    """The text of a GeoJSON file; a binary, huge or non-UTF-8 file is refused in words."""
    if not path.is_file():
        raise CliError(f"{path} is not a file", code=1)
    refuse_live_file(path, data_dir)
    if path.stat().st_size > MAX_FILE_BYTES:
        raise CliError(f"{path} is larger than {MAX_FILE_BYTES >> 20} MB: not one map feature")
    try:
        return path.read_bytes().decode("utf-8-sig")  # a BOM is common from Windows tools
    except UnicodeDecodeError:
        raise CliError(f"{path} is not UTF-8 text, so not a GeoJSON file") from None


def _print_saved(verb: str, feature: Feature, op: Operation, as_json: bool) -> None:
    if as_json:
        print_json({**feature, "exercise": op["exercise"]})
        return
    print(f"{verb} map feature {feature['id']} ({_shape(feature)}) in {label(op)}")


# -- reads --------------------------------------------------------------------------------


def list_(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        op = choose_operation(store, args)
        found = store.features.list(op["id"])
    if args.json:
        print_json([{**feature, "exercise": op["exercise"]} for feature in found])
        return 0
    if op["exercise"]:
        print(f"EXERCISE: {op['name']}")
    if not found:
        print(f"no map features in {label(op)} yet; add one with: {PROG} feature add -h")
        return 0
    print(f"{'ID':36}  {'CATEGORY':15}  {'SHAPE':26}  NAME")
    for feature in found:
        print(
            f"{feature['id']:36}  {feature['category']:15}  {_shape(feature):26}  {feature['name']}"
        )
    return 0


def show(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        feature: dict = dict(store.features.get(args.id))
        op = store.operations.get(feature["operation_id"])
        feature |= {"exercise": op["exercise"], "history": store.db.history(args.id)}
    if args.json:
        print_json(
            record_json("feature", feature, exercise=op["exercise"], history=feature["history"])
        )
        return 0
    if op["exercise"]:
        print("EXERCISE")
    print(feature["name"])
    for name, value in (
        ("id", feature["id"]),
        ("operation", f"{label(op)} ({op['id']})"),
        ("category", feature["category"]),
        ("shape", _shape(feature)),
        ("where", _where(feature["geometry"])),
        ("created", f"{feature['created_at']} by {feature['author']}"),
    ):
        print(f"  {name:10}{value}")
    if feature["notes"]:
        print("\n" + feature["notes"])
    print("\nhistory:")
    for change in feature["history"]:
        fields = f": {', '.join(change['changes'])}" if change["changes"] else ""
        print(f"  {change['at']}  {change['author']}  {change['action']}{fields}")
    return 0


def _shape(feature: Mapping[str, Any]) -> str:
    geometry = feature["geometry"]
    if geometry["type"] == "Point":
        return "Point"
    return f"{geometry['type']}, {vertex_count(geometry)} positions"


def _where(geometry: dict) -> str:
    """A point's position, or the box around a shape (south-west to north-east)."""
    if geometry["type"] == "Point":
        lon, lat = geometry["coordinates"][:2]
        return format_decimal(lat, lon)
    positions = geometry["coordinates"]
    while isinstance(positions[0][0], list):
        positions = [inner for outer in positions for inner in outer]
    lons = [p[0] for p in positions]
    lats = [p[1] for p in positions]
    south_west = format_decimal(min(lats), min(lons))
    north_east = format_decimal(max(lats), max(lons))
    return f"from {south_west} to {north_east}"
