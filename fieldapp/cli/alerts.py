"""`fieldapp alert ...`: official alerts (CAP) taken in, listed, shown with their chain,
and relayed. Public messages and rumours: cli/outreach.py.

Single-threaded: each command opens its Store, does one user action and closes it.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any

from fieldapp.cli.common import (
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
from fieldapp.exports.words import counted

RELAY_CHANNELS = ("radio", "mastodon", "x", "sms", "web", "email", "phone", "other")


def add_parsers(subparsers: argparse._SubParsersAction, command: Callable) -> None:
    group = command(subparsers, "alert", None, "official alerts (CAP): take in, list, relay")
    actions = group.add_subparsers(title="actions", metavar="ACTION", required=True)
    sub = command(actions, "import", alert_import, "take in CAP alert files (all or none)")
    sub.add_argument("files", nargs="+", type=Path)
    operation_option(sub)
    json_flag(sub)
    sub = command(actions, "list", alert_list, "the chains of alerts, newest first")
    sub.add_argument("--active", action="store_true", help="only the alerts in force now")
    operation_option(sub)
    json_flag(sub)
    sub = command(actions, "show", alert_show, "one alert with its chain, areas and relays")
    sub.add_argument("id", help="an alert's id (8 characters are enough) or CAP identifier")
    sub.add_argument("--language", default="", help="the info block to show (fr, en...)")
    json_flag(sub)
    sub = command(actions, "relay", alert_relay, "relay an alert, or record where it went")
    sub.add_argument("id", help="an alert's id or CAP identifier")
    how = sub.add_mutually_exclusive_group(required=True)
    how.add_argument(
        "--radio",
        metavar="STATION",
        help="write a radiogram relaying it, sent by this station (your call sign)",
    )
    how.add_argument("--message", action="store_true", help="write a public message draft")
    how.add_argument("--channel", choices=RELAY_CHANNELS, help="record a relay done elsewhere")
    sub.add_argument("--via", default="", help="the station or account it went through")
    sub.add_argument("--link", default="", help="where it was published")
    sub.add_argument("--at", default="", help="when (ISO 8601; default: now)")
    sub.add_argument("--language", default="", help="the info block to relay (fr, en...)")
    json_flag(sub)


# -- alerts -------------------------------------------------------------------------------


def alert_import(args: argparse.Namespace) -> int:
    from fieldapp.alerts.cap import CapError
    from fieldapp.alerts.intake import import_files

    for path in args.files:
        if not path.is_file():
            raise CliError(f"{path} is not a file", code=1)
        refuse_live_file(path, args.data_dir)
    with open_store(args) as store:
        op = choose_operation(store, args)
        try:
            done = import_files(store, op["id"], args.files)
        except CapError as exc:  # one line naming the file and the element
            raise CliError(f"{exc}; nothing was stored", code=1) from None
    taken = done.taken
    if args.json:
        print_json(
            {
                "new": taken.new,
                "known": taken.known,
                "warnings": done.warnings,
                "refused": [{"identifier": i, "why": w} for i, w in taken.refused],
            }
        )
        return 0
    print(
        f"{counted(len(taken.new), 'new alert')}, {len(taken.known)} already here, in {label(op)}"
    )
    for identifier, why in taken.refused:
        print(f"not taken: {identifier}: {why}")
    for warning in done.warnings:
        print(f"note: {warning}")
    return 0


def alert_list(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        op = choose_operation(store, args)
        chains = store.alerts.chains(op["id"])
    if args.active:
        chains = [c for c in chains if c.active]
    rows = [_chain_json(chain) for chain in chains]
    if args.json:
        print_json(rows)
        return 0
    if op["exercise"]:
        print(f"EXERCISE: {op['name']}")
    if not rows:
        print(f"no {'active ' if args.active else ''}alert in {label(op)}")
    for row in rows:
        mark = "" if row["status"] == "Actual" else f"[{row['status'].upper()}] "
        print(
            f"{row['id'][:8]}  {row['state']:9} {row['severity']:8} {row['ends'] or '':24} "
            f"{mark}{row['headline'][:60]}"
        )
    return 0


def _chain_json(chain: Any) -> dict[str, Any]:
    current = chain.current
    return {
        "id": current["id"],
        "chain": chain.id,
        "identifier": current["identifier"],
        "sender": current["sender"],
        "state": chain.state,
        "status": current["status"],
        "msg_type": current["msg_type"],
        "severity": current["severity"],
        "urgency": current["urgency"],
        "event": current["event"],
        "headline": current["headline"],
        "sent": current["sent"],
        "ends": chain.ends,
        "end_assumed": chain.assumed_end,
        "messages": len(chain.alerts),
        "missing_references": [",".join(t) for t in chain.missing],
    }


def alert_show(args: argparse.Namespace) -> int:
    from fieldapp.alerts.intake import shape_of
    from fieldapp.alerts.relaying import pick_info

    with open_store(args) as store:
        alert = store.alerts.find(args.id)
        chain = store.alerts.chain_of(alert["id"])
        relays = store.relays.of_alert(alert["id"])
        shape = shape_of(store, alert["id"])
        inside = _reports_inside(store, alert["operation_id"], shape)
        exercise = store.operations.get(alert["operation_id"])["exercise"]
    history = [
        {"id": a["id"], "msg_type": a["msg_type"], "sent": a["sent"], "headline": a["headline"]}
        for a in chain.alerts
    ]
    if args.json:
        print_json(
            record_json(
                "alert",
                alert,
                exercise=bool(exercise),
                state=chain.state,
                chain=history,
                relays=[record_json("relay", r) for r in relays],
                area=shape,
                reports_inside=inside,
            )
        )
        return 0
    info = pick_info(alert, args.language) or {}
    if exercise:
        print("EXERCISE")
    if alert["status"] != "Actual":
        print(f"[{alert['status'].upper()}: not a real alert]")
    print(f"{info.get('headline') or alert['headline']}")
    print(f"{alert['severity']} · {alert['urgency']} · {alert['certainty']} · {chain.state}")
    print(
        f"from {info.get('sender_name') or alert['sender']}, sent {alert['sent']}, "
        f"ends {chain.ends or '?'}{' (assumed)' if chain.assumed_end else ''}"
    )
    for name in ("description", "instruction", "web", "contact"):
        if info.get(name):
            print(f"{name}: {info[name]}")
    areas = [a.get("description", "") for a in info.get("areas", [])]
    print(f"areas: {', '.join(areas) or '-'}")
    print(f"languages: {alert['languages']}")
    for step in history:
        print(f"  {step['sent']}  {step['msg_type']:7} {step['id'][:8]}  {step['headline'][:60]}")
    for relay in relays:
        print(
            f"relayed: {relay['at']} {relay['channel']} via {relay['via'] or '?'} "
            f"by {relay['author']} {relay['link']}"
        )
    print(f"reports inside its area: {len(inside)}")
    return 0


def _reports_inside(store: Any, operation_id: str, shape: dict | None) -> list[str]:
    if shape is None:
        return []
    from fieldapp.alerts.inside import reports_inside

    return reports_inside(store.conn, operation_id, shape)


def alert_relay(args: argparse.Namespace) -> int:
    from fieldapp.alerts.relaying import message_values, radiogram_values

    with open_store(args) as store:
        alert = store.alerts.find(args.id)
        op = store.operations.get(alert["operation_id"])
        values: dict[str, Any] = {
            "alert_id": alert["id"],
            "via": args.via,
            "link": args.link,
            "at": args.at,
        }
        made: dict[str, Any] = {}
        relay_ids: list[str] = []
        if args.radio:
            form = radiogram_values(alert, exercise=bool(op["exercise"]), language=args.language)
            message = store.radio.add(op["id"], form, station=args.radio)
            relay_ids = store.relays.note_radio_relays(op["id"])  # its id: the message's
            made = {"radio_message": message["id"], "text": message["text"]}
        elif args.message:
            draft = store.messages.add(op["id"], message_values(alert, args.language))
            made = {"public_message": draft["id"]}
        else:
            relay_ids = [store.relays.add(op["id"], {**values, "channel": args.channel})["id"]]
        relay = relay_ids[0] if relay_ids else None
    if args.json:
        print_json({**made, "relay": relay})
    elif args.message:
        print(f"public message draft {made['public_message']} (approve, then publish it)")
    else:
        extra = f": {made['text']}" if made.get("text") else ""
        print(f"relay {relay or ''} recorded{extra}")
    return 0
