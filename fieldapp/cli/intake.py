"""`fieldapp intake ...` (the triage queue) and `fieldapp rule ...` (watch rules).

An ID given to a triage action names a card: a post's id or a cluster's id acts on every
post of its card (so a dismissed story leaves the queue whole); `--only` acts on that one
post. `intake list` prints cards with `--cluster`, else posts, each with its cluster id.
Single-threaded: each command opens its Store, settles the queue, acts and closes.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
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
from fieldapp.core.errors import NotFoundError
from fieldapp.core.livefiles import refuse_live_file
from fieldapp.exports.words import counted
from fieldapp.monitoring.authors import CREDIBILITY
from fieldapp.monitoring.items import STATUSES

TRIAGE = ("dismiss", "rumour", "restore", "claim", "release")


def add_parsers(subparsers: argparse._SubParsersAction, command: Callable) -> None:
    group = command(subparsers, "intake", None, "the monitoring desk's queue of posts")
    actions = group.add_subparsers(title="actions", metavar="ACTION", required=True)
    sub = command(actions, "import", import_, "take in posts from a file: RSS, Atom or CSV")
    sub.add_argument("file", type=Path)
    operation_option(sub)
    json_flag(sub)
    sub = command(actions, "list", list_, "the posts (or cards, with --cluster), newest first")
    sub.add_argument("--cluster", action="store_true", help="one line per card (cluster)")
    sub.add_argument("--status", choices=(*STATUSES, "all"), default="new", help="default: new")
    sub.add_argument("--search", default="", help="words to look for")
    sub.add_argument("--flagged", action="store_true", help="only cards a watch rule flags")
    sub.add_argument("--limit", type=count, default=100, help="at most this many (default 100)")
    operation_option(sub)
    json_flag(sub)
    for name in TRIAGE:
        sub = command(actions, name, triage, f"{name} a card (every post of it)")
        sub.set_defaults(action=name)
        _target(sub)
    sub = command(actions, "promote", promote, "make a new report of a card (prefilled)")
    _target(sub)
    sub.add_argument("--title", help="the report's title (default: the first post's first line)")
    sub.add_argument("--kind", default="observation", help="the report's kind")
    sub.add_argument("--severity", type=int, default=3, help="1 to 5 (default 3)")
    json_flag(sub)
    sub = command(actions, "attach", attach, "attach a card to a report, as its sources")
    _target(sub)
    sub.add_argument("report", help="the report's id")
    sub = command(actions, "merge", merge, "make one card of several")
    sub.add_argument("ids", nargs="+", help="posts or cards (two or more)")
    sub = command(actions, "split", split, "take posts out of their card into a new one")
    sub.add_argument("ids", nargs="+", help="the posts")
    sub = command(actions, "credibility", credibility, "say how credible an author is")
    sub.add_argument("handle", help="the account, e.g. @prefet11@social.example")
    sub.add_argument("level", choices=CREDIBILITY)
    sub.add_argument("--note", default="", help="why")
    operation_option(sub)
    _rule_parsers(subparsers, command)


def _target(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("id", help="a post's or a card's id")
    parser.add_argument("--only", action="store_true", help="only this post, not its card")


def _rule_parsers(subparsers: argparse._SubParsersAction, command: Callable) -> None:
    group = command(subparsers, "rule", None, "watch rules: words that flag or hide posts")
    actions = group.add_subparsers(title="actions", metavar="ACTION", required=True)
    sub = command(actions, "add", rule_add, "a new watch rule (switched off until --enable)")
    sub.add_argument("name")
    sub.add_argument("expression", help='words, "a phrase", OR, NOT, (...)')
    sub.add_argument("--language", default="", help="only posts in this language (fr, en...)")
    sub.add_argument("--area", metavar="FEATURE", help="only posts placed in this map feature")
    sub.add_argument("--operation-area", action="store_true",
                     help="only posts placed in the operation's area (the box around its "
                     "drawn features and located reports)")  # fmt: skip
    sub.add_argument("--hide", action="store_true", help="hide what it matches (default: flag)")
    sub.add_argument("--enable", action="store_true", help="switch it on at once")
    operation_option(sub)
    json_flag(sub)
    sub = command(actions, "list", rule_list, "the watch rules")
    operation_option(sub)
    json_flag(sub)
    sub = command(actions, "preview", rule_preview, "what a rule matches among stored posts")
    sub.add_argument("rule", help="a rule's id, or an expression")
    sub.add_argument("--language", default="")
    sub.add_argument("--area", metavar="FEATURE")
    operation_option(sub)
    json_flag(sub)
    for name, text in (("enable", "switch a rule on"), ("disable", "switch a rule off"),
                       ("remove", "delete a rule")):  # fmt: skip
        sub = command(actions, name, rule_switch, text)
        sub.set_defaults(action=name)
        sub.add_argument("id")


# -- the queue ----------------------------------------------------------------------------


def import_(args: argparse.Namespace) -> int:
    from fieldapp.monitoring.intake import import_file

    if not args.file.is_file():
        raise CliError(f"{args.file} is not a file", code=1)
    refuse_live_file(args.file, args.data_dir)
    from fieldapp.monitoring.posts import PostError

    with open_store(args) as store:
        op = choose_operation(store, args)
        try:
            done = import_file(store, op["id"], args.file)
        except PostError as exc:  # one line naming the file and what is wrong
            raise CliError(f"{exc}; nothing was stored", code=1) from None
    if args.json:
        print_json({"new": done.new, "known": done.known})
    else:
        print(
            f"{counted(len(done.new), 'new post')}, {len(done.known)} already here, in {label(op)}"
        )
    return 0


def list_(args: argparse.Namespace) -> int:
    from fieldapp.monitoring.queue import QueueQuery

    with open_store(args) as store:
        op = choose_operation(store, args)
        store.queue.settle()
        status = None if args.status == "all" else args.status
        query = QueueQuery(op["id"], status=status, search=args.search,
                           flagged_only=args.flagged, show_hidden=True)  # fmt: skip
        cards = store.queue.cards(query, limit=args.limit)
        if args.cluster:
            rows = [_card_json(card) for card in cards]
        else:
            rows = _posts(store, cards, args.limit)
    if args.json:
        print_json(rows)
        return 0
    if op["exercise"]:
        print(f"EXERCISE: {op['name']}")
    if not rows:
        print(f"no posts in {label(op)} match; take some in with: {PROG} source add -h")
    for row in rows:
        print(_line(row, args.cluster))
    return 0


def _posts(store: Any, cards: list, limit: int) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for card in cards:
        for item in store.items.many(store.queue.members(card.cluster_id)):
            rows.append({**record_json("item", item), "cluster": card.cluster_id})
            if len(rows) >= limit:
                return rows
    return rows


def _card_json(card: Any) -> dict[str, Any]:
    return {
        "cluster": card.cluster_id,
        **{k: v for k, v in card.__dict__.items() if k != "cluster_id"},
    }


def _line(row: dict[str, Any], cards: bool) -> str:
    text = " ".join(row["text"].split())[:70]
    if cards:
        return (f"{row['cluster']}  {row['posts']:>4} post(s) {row['authors']:>3} author(s)  "
                f"{row['status']:9} {row['first_at'] or '?':24}  {text}")  # fmt: skip
    who = row["handle"] or row["author"] or "?"
    return f"{row['id']}  {row['cluster'][:8]}  {row['status']:9} {who[:24]:24}  {text}"


def _ids(store: Any, args: argparse.Namespace) -> list[str]:
    """The posts a triage acts on: the card of the id given, or that post with --only."""
    store.queue.settle()
    if args.only:
        store.items.get(args.id)
        return [args.id]
    members = store.queue.members(args.id)
    if members:
        return members
    cluster = store.queue.cluster_of(args.id)
    if cluster is None:
        raise NotFoundError(f"no post or card with id {args.id}")
    return store.queue.members(cluster)


def triage(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        ids = _ids(store, args)
        if args.action == "claim":
            store.items.claim(ids)
        elif args.action == "release":
            store.items.release(ids)
        else:
            status = {"dismiss": "dismissed", "rumour": "rumour", "restore": "new"}[args.action]
            store.items.set_status(ids, status)
        store.queue.settle()
    print(f"{args.action}: {counted(len(ids), 'post')}")
    return 0


def promote(args: argparse.Namespace) -> int:
    values: dict[str, Any] = {"kind": args.kind, "severity": args.severity}
    if args.title:
        values["title"] = args.title
    with open_store(args) as store:
        ids = _ids(store, args)
        report_id = store.items.promote(ids, store.reports, values)
        store.queue.settle()
        report = store.reports.get(report_id)
    if args.json:
        print_json(record_json("report", report))
    else:
        print(f"report {report_id} made of {counted(len(ids), 'post')}: {report['title']}")
    return 0


def attach(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        ids = _ids(store, args)
        store.items.attach(ids, args.report)
        store.queue.settle()
    print(f"attached {counted(len(ids), 'post')} to report {args.report}")
    return 0


def merge(args: argparse.Namespace) -> int:
    if len(args.ids) < 2:
        raise CliError("merge needs two cards or more")
    with open_store(args) as store:
        store.queue.settle()
        clusters = [store.queue.cluster_of(i) or i for i in args.ids]
        for given, cluster in zip(args.ids, clusters, strict=True):
            if not store.queue.members(cluster):
                raise NotFoundError(f"no post or card with id {given}")
        target = store.queue.merge(list(dict.fromkeys(clusters)))
    print(f"one card: {target}")
    return 0


def split(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        for item_id in args.ids:
            store.items.get(item_id)
        target = store.queue.split(args.ids)
    print(f"new card: {target}")
    return 0


def credibility(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        op = choose_operation(store, args)
        store.authors.set(op["id"], args.handle, args.level, args.note)
    print(f"{args.handle}: {args.level}")
    return 0


# -- watch rules ----------------------------------------------------------------------------


def rule_add(args: argparse.Namespace) -> int:
    values = {"name": args.name, "expression": args.expression, "language": args.language,
              "area_id": args.area, "operation_area": args.operation_area,
              "action": "hide" if args.hide else "flag"}  # fmt: skip
    with open_store(args) as store:
        op = choose_operation(store, args)
        rule = store.rules.add(op["id"], values)
        if args.enable:
            rule = store.rules.enable(rule["id"])
            store.queue.refresh_hits(op["id"])
    if args.json:
        print_json(record_json("watch_rule", rule))
    else:
        state = "on" if rule["enabled"] else "off (preview it, then: rule enable ID)"
        print(f"rule {rule['id']} saved, {state}")
    return 0


def rule_list(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        op = choose_operation(store, args)
        rules = store.rules.list(op["id"])
    if args.json:
        print_json([record_json("watch_rule", r) for r in rules])
        return 0
    if not rules:
        print(f"no watch rules in {label(op)} yet; add one with: {PROG} rule add -h")
    for r in rules:
        state = "on " if r["enabled"] else "off"
        print(f"{r['id']}  {state}  {r['action']:4}  {r['name']}: {r['expression']}")
    return 0


def rule_preview(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        op = choose_operation(store, args)
        try:
            rule: dict[str, Any] = dict(store.rules.get(args.rule))
        except NotFoundError:
            rule = {"expression": args.rule, "language": args.language, "area_id": args.area}
        total, ids = store.rules.preview(op["id"], rule, limit=20)
        items = store.items.many(ids)
    if args.json:
        print_json({"matches": total, "newest": [record_json("item", i) for i in items]})
        return 0
    print(f"{counted(total, 'stored post matches', 'stored posts match')}")
    for item in items:
        print(f"  {item['id']}  {' '.join(item['text'].split())[:80]}")
    return 0


def rule_switch(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        rule = store.rules.get(args.id)
        if args.action == "remove":
            store.rules.delete(args.id)
        else:
            store.rules.enable(args.id, args.action == "enable")
        store.queue.refresh_hits(rule["operation_id"])
    print(f"rule {args.id}: {args.action}d")
    return 0
