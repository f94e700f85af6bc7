"""`fieldapp place find|guess`: the offline gazetteer from the command line.

`find NAME` lists the places of that name (then those whose name starts with it), most
populous first; `guess TEXT` lists the places a post's text names, as the monitoring desk
guesses them. Neither opens the report database; fieldapp.places is imported only when a
command runs. Single-threaded.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from fieldapp.cli.common import CliError, json_flag, print_json

if TYPE_CHECKING:
    from fieldapp.places.gazetteer import Gazetteer, Place


def add_parsers(subparsers: argparse._SubParsersAction, command: Callable) -> None:
    group = command(subparsers, "place", None, "place names offline: find a place, guess places")
    actions = group.add_subparsers(title="actions", metavar="ACTION", required=True)
    sub = command(actions, "find", find, "places of that name, most populous first")
    sub.add_argument("name", metavar="NAME", help='a place name, e.g. "Quillan" or "st etienne"')
    sub.add_argument("--limit", type=_positive, default=10, metavar="N", help="at most N (10)")
    json_flag(sub)
    sub = command(actions, "guess", guess, "the places a text names (guesses, not facts)")
    sub.add_argument("text", metavar="TEXT", help="a post's text")
    sub.add_argument("--country", default="", metavar="CC", help="prefer this country (FR)")
    sub.add_argument("--near", metavar="LAT,LON", type=_position, help="prefer places near here")
    json_flag(sub)


def find(args: argparse.Namespace) -> int:
    places = _gazetteer().find(args.name, args.limit)
    if not places:
        raise CliError(f"no place named {args.name!r} in the gazetteer", 1)
    if args.json:
        print_json([place_json(place) for place in places])
    for place in [] if args.json else places:
        print(_line(place))
    return 0


def guess(args: argparse.Namespace) -> int:
    from fieldapp.places.guess import guess_places

    found = guess_places(_gazetteer(), args.text, country_hint=args.country, near=args.near)
    if args.json:
        print_json(
            [{"text": g.text, "start": g.start, "end": g.end, "place": place_json(g.place)}
             for g in found]
        )  # fmt: skip
        return 0 if found else 1
    if not found:
        raise CliError("no place name found in that text", 1)
    for g in found:
        print(f"{g.text!r} (characters {g.start}-{g.end}) -> {_line(g.place)}")
    return 0


def place_json(place: Place) -> dict[str, Any]:
    return {
        "name": place.name,
        "label": place.label(),
        "lat": place.lat,
        "lon": place.lon,
        "country": place.country,
        "admin": place.admin,
        "population": place.population,
        "kind": place.kind,
    }


def _line(place: Place) -> str:
    people = f", {place.population:,} inhabitants" if place.population else ""
    return f"{place.label()} ({place.lat:.5f}, {place.lon:.5f}; {place.kind}{people})"


def _gazetteer() -> Gazetteer:
    from fieldapp.places.gazetteer import Gazetteer, GazetteerUnavailable

    gazetteer = Gazetteer.default()
    try:
        gazetteer.check()
    except GazetteerUnavailable as error:
        raise CliError(str(error), 1) from None
    return gazetteer


def _positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"not a whole number of 1 or more: {text!r}")
    return int(text)


def _position(text: str) -> tuple[float, float]:
    from fieldapp.core.geo import parse_position

    try:
        return parse_position(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None
