"""`fieldapp message ...` (public messages: write, approve, publish, withdraw) and
`fieldapp rumour ...` (the rumour board) of the alerts and outreach desk.

Single-threaded: each command opens its Store, does one user action and closes it.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from fieldapp.cli.alerts import RELAY_CHANNELS
from fieldapp.cli.common import (
    choose_operation,
    json_flag,
    label,
    open_store,
    operation_option,
    print_json,
    record_json,
)

MESSAGE_CHANNELS = ("mastodon", "x", "sms", "long")
RUMOUR_STATUSES = ("spreading", "checking", "confirmed", "debunked")


def add_parsers(subparsers: argparse._SubParsersAction, command: Callable) -> None:
    _message_parsers(subparsers, command)
    _rumour_parsers(subparsers, command)


def _message_parsers(subparsers: argparse._SubParsersAction, command: Callable) -> None:
    group = command(subparsers, "message", None, "public messages: write, approve, publish")
    actions = group.add_subparsers(title="actions", metavar="ACTION", required=True)
    sub = command(actions, "add", message_add, "a new draft, with a text per channel")
    sub.add_argument("title")
    sub.add_argument(
        "--purpose", choices=("prevention", "alert", "correction"), default="prevention"
    )
    sub.add_argument("--language", default="fr", help="fr, en... (default fr)")
    for channel in MESSAGE_CHANNELS:
        sub.add_argument(f"--{channel}", default="", help=f"the {channel} text")
    sub.add_argument("--hashtag", action="append", default=[], help="a hashtag (repeatable)")
    sub.add_argument("--link", default="")
    sub.add_argument("--alert", default="", help="the alert it relays")
    sub.add_argument("--rumour", default="", help="the rumour it corrects")
    operation_option(sub)
    json_flag(sub)
    sub = command(actions, "list", message_list, "the public messages, newest first")
    sub.add_argument("--status", choices=("draft", "approved", "published", "withdrawn"))
    operation_option(sub)
    json_flag(sub)
    sub = command(actions, "show", message_show, "one message, its texts and where it went")
    sub.add_argument("id")
    json_flag(sub)
    sub = command(actions, "approve", message_approve, "approve a draft (not your own)")
    sub.add_argument("id")
    sub = command(actions, "publish", message_publish, "record where an approved message went")
    sub.add_argument("id")
    sub.add_argument("--channel", choices=RELAY_CHANNELS, required=True)
    sub.add_argument("--via", default="", help="the account or station")
    sub.add_argument("--link", default="", help="the published post's address")
    sub.add_argument("--at", default="", help="when (ISO 8601; default: now)")
    sub = command(actions, "withdraw", message_withdraw, "withdraw a message")
    sub.add_argument("id")
    sub.add_argument("--reason", default="")


def _rumour_parsers(subparsers: argparse._SubParsersAction, command: Callable) -> None:
    group = command(subparsers, "rumour", None, "the rumour board")
    actions = group.add_subparsers(title="actions", metavar="ACTION", required=True)
    sub = command(actions, "add", rumour_add, "a new rumour (spreading)")
    sub.add_argument("claim")
    operation_option(sub)
    json_flag(sub)
    sub = command(actions, "list", rumour_list, "the rumours, the fastest spreading first")
    operation_option(sub)
    json_flag(sub)
    sub = command(actions, "show", rumour_show, "one rumour and its sightings")
    sub.add_argument("id")
    json_flag(sub)
    sub = command(actions, "link", rumour_link, "a post or a report carries the rumour")
    sub.add_argument("id", help="the rumour")
    sub.add_argument("target", help="a post's (item's) or a report's id")
    sub = command(actions, "status", rumour_status, "say where a rumour stands")
    sub.add_argument("id")
    sub.add_argument("status", choices=RUMOUR_STATUSES)
    sub.add_argument("--verification", default=None, help="what was checked, and how")
    sub.add_argument("--message", default=None, help="the public message that corrects it")


# -- messages -----------------------------------------------------------------------------


def message_add(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        op = choose_operation(store, args)
        alert_id = store.alerts.find(args.alert, op["id"])["id"] if args.alert else None
        message = store.messages.add(
            op["id"],
            {
                "title": args.title,
                "purpose": args.purpose,
                "language": args.language,
                "texts": {c: getattr(args, c) for c in MESSAGE_CHANNELS},
                "hashtags": args.hashtag,
                "link": args.link,
                "alert_id": alert_id,
                "rumour_id": args.rumour or None,
            },
        )
    if args.json:
        print_json(record_json("public_message", message))
    else:
        print(f"draft {message['id']} in {label(op)}: a coordinator approves it next")
    return 0


def message_list(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        op = choose_operation(store, args)
        messages = store.messages.list(op["id"], args.status)
    if args.json:
        print_json([record_json("public_message", m) for m in messages])
        return 0
    if not messages:
        print(f"no public message in {label(op)}")
    for m in messages:
        print(
            f"{m['id']}  {m['status']:9} {m['language']:3} {m['author'][:16]:16} {m['title'][:60]}"
        )
    return 0


def message_show(args: argparse.Namespace) -> int:
    from fieldapp.alerts.outreach.compose import Draft, channel_text

    with open_store(args) as store:
        message = store.messages.get(args.id)
        relays = store.relays.of_message(message["id"])
        exercise = bool(store.operations.get(message["operation_id"])["exercise"])
    draft = Draft(
        message["language"], message["texts"], tuple(message["hashtags"]), message["link"], exercise
    )
    published = {c: channel_text(draft, c) for c in message["texts"]}
    if args.json:
        print_json(
            record_json(
                "public_message",
                message,
                exercise=exercise,
                published=published,
                relays=[record_json("relay", r) for r in relays],
            )
        )
        return 0
    print(
        f"{message['title']} [{message['status']}] by {message['author']}"
        + (f", approved by {message['approved_by']}" if message["approved_by"] else "")
    )
    for channel, text in published.items():
        print(f"--- {channel}\n{text}")
    for relay in relays:
        print(
            f"published: {relay['at']} {relay['channel']} via {relay['via'] or '?'} {relay['link']}"
        )
    return 0


def message_approve(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        message = store.messages.approve(args.id)
    print(f"approved by {message['approved_by']}: {message['title']}")
    return 0


def message_publish(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        store.messages.publish(
            args.id, channel=args.channel, via=args.via, link=args.link, at=args.at
        )
    print(f"published on {args.channel}" + (f" via {args.via}" if args.via else ""))
    return 0


def message_withdraw(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        store.messages.withdraw(args.id, args.reason)
    print("withdrawn")
    return 0


# -- rumours ------------------------------------------------------------------------------


def rumour_add(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        op = choose_operation(store, args)
        rumour = store.rumours.add(op["id"], {"claim": args.claim})
    if args.json:
        print_json(record_json("rumour", rumour))
    else:
        print(f"rumour {rumour['id']} in {label(op)}")
    return 0


def rumour_list(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        op = choose_operation(store, args)
        board = store.rumours.board(op["id"])
    rows = [
        record_json(
            "rumour",
            b.rumour,
            sightings=b.sightings,
            recent=b.recent,
            per_hour=round(b.per_hour, 2),
            last_seen=b.last_seen,
        )
        for b in board
    ]
    if args.json:
        print_json(rows)
        return 0
    if not rows:
        print(f"no rumour in {label(op)}")
    for r in rows:
        print(
            f"{r['id']}  {r['status']:9} {r['sightings']:>4} seen, {r['per_hour']:>5}/h  "
            f"{r['claim'][:60]}"
        )
    return 0


def rumour_show(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        rumour = store.rumours.get(args.id)
        sightings = store.rumours.sightings(rumour["id"])
    if args.json:
        print_json(
            record_json(
                "rumour", rumour, sightings=[record_json("rumour_link", s) for s in sightings]
            )
        )
        return 0
    print(f"{rumour['claim']} [{rumour['status']}] first seen {rumour['first_seen'] or '?'}")
    if rumour["verification"]:
        print(f"verification: {rumour['verification']}")
    for s in sightings:
        print(f"  {s['seen_at'] or '?':24} {s['target']:6} {s['target_id']}")
    return 0


def rumour_link(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        target = "report" if _is_report(store, args.target) else "item"
        store.rumours.link(args.id, target, args.target)
    print(f"linked ({target})")
    return 0


def _is_report(store: Any, record_id: str) -> bool:
    row = store.conn.execute("SELECT 1 FROM reports WHERE id = ?", [record_id]).fetchone()
    return row is not None


def rumour_status(args: argparse.Namespace) -> int:
    changes: dict[str, Any] = {"status": args.status}
    if args.verification is not None:
        changes["verification"] = args.verification
    if args.message is not None:
        changes["message_id"] = args.message
    with open_store(args) as store:
        rumour = store.rumours.edit(args.id, changes)
    print(f"{rumour['status']}: {rumour['claim']}")
    return 0
