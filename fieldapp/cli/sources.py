"""`fieldapp source add|list|remove|poll`: the sources the monitoring desk watches.

`source add rss|atom URL`, `source add mastodon '#tag@instance' | @user@instance | URL`,
`source add cap URL` (a CAP feed: an index of official alerts, read by the alerts desk),
`source add paste TEXT [--url URL]` (a post that came by phone or SMS: stored at once,
nothing is watched). `source poll --once` polls every enabled source now and exits;
without --once it keeps polling each source when it is due until Ctrl-C, politely
(fieldapp/monitoring/polling.py). Single-threaded; polls one source after the other.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
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
)
from fieldapp.exports.words import counted

KINDS = ("rss", "atom", "mastodon", "cap", "paste")
LOOP_PAUSE_S = 5.0  # how often `source poll` looks for a due source


def add_parsers(subparsers: argparse._SubParsersAction, command: Callable) -> None:
    group = command(
        subparsers, "source", None,
        "the feeds and timelines the monitoring desk watches, and CAP feeds of alerts",
    )  # fmt: skip
    actions = group.add_subparsers(title="actions", metavar="ACTION", required=True)
    what = "watch a feed, a Mastodon tag or account or a CAP feed, or paste a post"
    sub = command(actions, "add", add, what)
    what = "rss, atom, mastodon, cap (a feed of CAP alerts), or paste (one post)"
    sub.add_argument("kind", choices=KINDS, help=what)
    sub.add_argument("address", help="the feed URL; '#tag@instance', @user@instance or a "
                     "Mastodon URL; for cap: the index feed's URL; for paste: the post's "
                     "text")  # fmt: skip
    sub.add_argument("--name", default="", help="a short name (default: the address)")
    sub.add_argument("--interval", type=int, default=120, metavar="S",
                     help="seconds between polls (default 120, at least 30)")  # fmt: skip
    sub.add_argument("--url", default="", help="paste: the post's link")
    sub.add_argument("--author", default="", help="paste: who wrote or phoned it")
    operation_option(sub)
    json_flag(sub)
    sub = command(actions, "list", list_, "the sources, with their last fetch and last error")
    operation_option(sub)
    json_flag(sub)
    sub = command(actions, "remove", remove, "stop watching a source (its posts stay)")
    sub.add_argument("id", help="source id or name")
    operation_option(sub)
    sub = command(actions, "poll", poll, "fetch what the sources have new (Ctrl-C stops)")
    sub.add_argument("--once", action="store_true", help="poll every source once now, then exit")
    operation_option(sub)
    json_flag(sub)


def add(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        op = choose_operation(store, args)
        if args.kind == "paste":
            from fieldapp.monitoring.intake import paste

            item_id = paste(store, op["id"], args.address, args.url, author=args.author)
            _said(args, {"item": item_id}, f"pasted post {item_id} into {label(op)}")
            return 0
        from fieldapp.monitoring.posts import PostError

        kind = _mastodon_kind(args.address) if args.kind == "mastodon" else args.kind
        try:
            source = store.sources.add(op["id"], kind, args.address, name=args.name,
                                       interval_s=args.interval)  # fmt: skip
        except PostError as exc:  # an address that is not one
            raise CliError(f"{exc}; nothing was added") from None
    _said(args, _source_json(source), f"watching {source.address} ({source.id}) in {label(op)}")
    return 0


def _mastodon_kind(address: str) -> str:
    """An account (@user@instance, https://instance/@user) or else a tag."""
    text = address.strip()
    return "mastodon_account" if text.startswith("@") or "/@" in text else "mastodon_tag"


def list_(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        op = choose_operation(store, args)
        sources = store.sources.list(op["id"])
    if args.json:
        print_json([_source_json(s) for s in sources])
        return 0
    if not sources:
        print(f"no sources in {label(op)} yet; add one with: {PROG} source add -h")
        return 0
    print(
        f"{'ID':36}  {'KIND':16}  {'EVERY':>6}  {'TODAY':>5}  {'LAST FETCH':20}  NAME / LAST ERROR"
    )
    for s in sources:
        fetched = _when(s.state.last_fetch_at) or "never"
        print(
            f"{s.id:36}  {s.kind:16}  {s.interval_s:>5}s {s.items_today:>5}  {fetched:20}  {s.name}"
        )
        if s.state.last_error:
            print(f"{'':36}  error: {s.state.last_error}")
    return 0


def remove(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        op = choose_operation(store, args)
        source = store.sources.find(op["id"], args.id)
        store.sources.remove(source.id)
    print(f"stopped watching {source.address}")
    return 0


def poll(args: argparse.Namespace) -> int:
    from fieldapp.monitoring.polling import new_session

    session = new_session()
    with open_store(args) as store:
        op = choose_operation(store, args)
        if not store.sources.list(op["id"]):
            raise CliError(f"no sources in {label(op)}; add one with: {PROG} source add -h", code=1)
        results = _poll_all(store, op["id"], session, force=args.once)
        _print_polled(args, results)
        while not args.once:
            time.sleep(LOOP_PAUSE_S)
            _print_polled(args, _poll_all(store, op["id"], session, force=False))
    failed = [r for r in results if getattr(r, "index_failed", bool(r.error))]
    return 1 if args.once and failed and len(failed) == len(results) else 0


def _poll_all(store: Any, operation_id: str, session: Any, *, force: bool) -> list:
    """The monitoring desk's sources, then the CAP feeds (the alerts desk's)."""
    from fieldapp.alerts.capsource import poll_cap_sources
    from fieldapp.monitoring.intake import poll_sources

    results: list = poll_sources(store, operation_id, force=force, session=session)
    return results + poll_cap_sources(store, operation_id, force=force, session=session)


def _print_polled(args: argparse.Namespace, results: list) -> None:
    if args.json:
        print_json([{**r.__dict__, "kind": _kind(r)} for r in results])
        return
    for r in results:
        if _kind(r) == "cap":
            _print_cap(r)
        elif r.error:
            print(f"{r.name}: {r.error}")
        elif r.not_modified:
            print(f"{r.name}: nothing new")
        else:
            print(f"{r.name}: {counted(r.new, 'new post')}, {r.known} already here")


def _kind(result: Any) -> str:
    return "cap" if hasattr(result, "skipped_expired") else "posts"


def _print_cap(r: Any) -> None:
    if r.index_failed:
        print(f"{r.name}: {r.error}")
        return
    if r.not_modified:
        print(f"{r.name}: nothing new")
        return
    print(f"{r.name}: {counted(r.new, 'new alert')}, {r.known} already here, "
          f"{r.skipped_expired} expired (not downloaded)")  # fmt: skip
    for words in r.errors + r.warnings:
        print(f"  {words}")


def _said(args: argparse.Namespace, data: dict[str, Any], text: str) -> None:
    if args.json:
        print_json(data)
    else:
        print(text)


def _source_json(source: Any) -> dict[str, Any]:
    state = source.state
    return {
        "id": source.id, "operation_id": source.operation_id, "kind": source.kind,
        "address": source.address, "name": source.name, "interval_s": source.interval_s,
        "enabled": source.enabled, "items_today": source.items_today,
        "last_fetch_at": _when(state.last_fetch_at), "last_ok_at": _when(state.last_ok_at),
        "last_error": state.last_error, "next_due_at": _when(state.next_due),
    }  # fmt: skip


def _when(epoch: float | None) -> str | None:
    if not epoch:
        return None
    from datetime import UTC, datetime

    from fieldapp.core.times import format_time

    return format_time(datetime.fromtimestamp(epoch, UTC))
