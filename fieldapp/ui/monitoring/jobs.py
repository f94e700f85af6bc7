"""The monitoring desk's background work: plain Qt-free functions of a job context.

The desk, its dialogs and the poller submit these to the task manager: reads on the
reads lane (a page of cards, a card's posts, the sources, the rules, a rule's preview),
writes on the writes lane (settling the queue, triage, rules, notes on authors), the
poll on the network lane and a file import on the files lane. Each runs on its worker
thread's own Store (`ctx.store`) and returns plain data; tests may run them inline.
Triage settles the queue first (so a card's members include posts that just came in)
and after (so the cards the desk reads next are right).
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from fieldapp.core.record_types import AuthorNote, Feature, Item, WatchRule
    from fieldapp.monitoring.intake import Imported
    from fieldapp.monitoring.queue import Card, QueueQuery
    from fieldapp.monitoring.sources import Source
    from fieldapp.ui.kit.taskman import JobContext

PREVIEW_SHOWN = 10


# -- the queue ------------------------------------------------------------------------


def settle(ctx: JobContext) -> int:
    """Place the posts that came in (or changed) in their cards: a write, on WRITES."""
    return ctx.store.queue.settle(
        progress=lambda done, total: ctx.progress(done, total, ""), cancelled=ctx.cancelled
    )


def read_first(query: QueueQuery, limit: int, ctx: JobContext) -> tuple[int, list[Card]]:
    """How many cards match, and the first page of them."""
    queue = ctx.store.queue
    return queue.count(query), queue.cards(query, 0, limit)


def read_page(query: QueueQuery, offset: int, limit: int, ctx: JobContext) -> list[Card]:
    return ctx.store.queue.cards(query, offset, limit)


@dataclass
class CardDetail:
    """A card with its posts (oldest first) and the team's note on each of their authors."""

    card: Card | None
    items: list[Item] = field(default_factory=list)
    notes: dict[str, AuthorNote] = field(default_factory=dict)


def read_card(cluster_id: str, ctx: JobContext) -> CardDetail:
    store = ctx.store
    card = store.queue.card(cluster_id)
    if card is None:
        return CardDetail(None)
    items = store.items.many(store.queue.members(cluster_id))
    handles = [i["handle"] or i["author"] for i in items]
    return CardDetail(card, items, store.authors.notes_of(handles))


# -- triage ---------------------------------------------------------------------------


def _members(ctx: JobContext, cluster_ids: Sequence[str]) -> list[str]:
    ctx.store.queue.settle()
    return ctx.store.queue.item_ids(cluster_ids)


def triage(action: str, cluster_ids: Sequence[str], ctx: JobContext) -> int:
    """claim, force_claim, release, rumour, dismissed or new, on every post of the cards;
    returns how many posts it acted on."""
    items = ctx.store.items
    ids = _members(ctx, cluster_ids)
    if action in ("claim", "force_claim"):
        items.claim(ids, force=action == "force_claim")
    elif action == "release":
        items.release(ids)
    else:
        items.set_status(ids, action)
    ctx.store.queue.settle()
    return len(ids)


def promote(cluster_ids: Sequence[str], ctx: JobContext) -> str:
    """A new report, prefilled from the cards' earliest post; returns its id."""
    store = ctx.store
    report_id = store.items.promote(_members(ctx, cluster_ids), store.reports)
    store.queue.settle()
    return report_id


def attach(cluster_ids: Sequence[str], report_id: str, ctx: JobContext) -> int:
    ids = _members(ctx, cluster_ids)
    ctx.store.items.attach(ids, report_id)
    ctx.store.queue.settle()
    return len(ids)


def merge(cluster_ids: Sequence[str], ctx: JobContext) -> str:
    ctx.store.queue.settle()
    return ctx.store.queue.merge(list(cluster_ids))


def split(item_ids: Sequence[str], ctx: JobContext) -> str:
    ctx.store.queue.settle()
    return ctx.store.queue.split(list(item_ids))


def set_credibility(
    operation_id: str, handle: str, credibility: str, note: str, ctx: JobContext
) -> AuthorNote:
    return ctx.store.authors.set(operation_id, handle, credibility, note)


# -- sources and intake ---------------------------------------------------------------


def read_sources(operation_id: str, ctx: JobContext) -> list[Source]:
    return ctx.store.sources.list(operation_id)


def add_source(operation_id: str, values: dict[str, Any], ctx: JobContext) -> Source:
    return ctx.store.sources.add(
        operation_id, values["kind"], values["address"], name=values.get("name", ""),
        interval_s=values["interval_s"],
    )  # fmt: skip


def remove_source(source_id: str, ctx: JobContext) -> None:
    ctx.store.sources.remove(source_id)


def enable_source(source_id: str, enabled: bool, ctx: JobContext) -> Source:
    return ctx.store.sources.set_enabled(source_id, enabled)


def next_due(operation_id: str, ctx: JobContext) -> float | None:
    """When the next enabled source of the operation is due (epoch seconds), None if it
    has none: the poller then waits until sources change."""
    dues = [s.state.next_due or 0.0 for s in ctx.store.sources.list(operation_id) if s.enabled]
    return min(dues) if dues else None


@dataclass
class PollRound:
    """What one round of polling gave, and when the next source is due."""

    polled: list[Any]  # monitoring's Polled, alerts' CapPolled: both say `error`
    next_due: float | None


def poll(operation_id: str, force: bool, ctx: JobContext) -> PollRound:
    """Poll the due sources of the operation (all of them with `force`), one by one: the
    sources of posts, then the feeds of official alerts (CAP), whose alerts the alerts
    desk shows."""
    from fieldapp.alerts.capsource import poll_cap_sources
    from fieldapp.monitoring.intake import poll_sources

    polled: list[Any] = list(poll_sources(
        ctx.store, operation_id, force=force, progress=ctx.progress, cancelled=ctx.cancelled
    ))  # fmt: skip
    if not ctx.cancelled():
        polled += poll_cap_sources(ctx.store, operation_id, force=force,
                                   progress=ctx.progress, cancelled=ctx.cancelled)  # fmt: skip
    return PollRound(polled, next_due(operation_id, ctx))


def import_posts(operation_id: str, path: Path, ctx: JobContext) -> Imported:
    from fieldapp.monitoring.intake import import_file

    return import_file(ctx.store, operation_id, path, ctx.progress, ctx.cancelled)


def paste_post(operation_id: str, text: str, url: str, author: str, ctx: JobContext) -> str:
    from fieldapp.monitoring.intake import paste

    return paste(ctx.store, operation_id, text, url, author=author)


# -- watch rules ----------------------------------------------------------------------


@dataclass
class RulesAndAreas:
    rules: list[WatchRule]
    areas: list[Feature]


def read_rules(operation_id: str, ctx: JobContext) -> RulesAndAreas:
    return RulesAndAreas(ctx.store.rules.list(operation_id), ctx.store.features.list(operation_id))


def save_rule(
    operation_id: str, rule_id: str | None, values: dict[str, Any], ctx: JobContext
) -> WatchRule:
    """A new rule (switched off) or an edit; an edited rule that is on is applied again."""
    rules = ctx.store.rules
    rule = rules.edit(rule_id, values) if rule_id else rules.add(operation_id, values)
    if rule["enabled"]:
        ctx.store.queue.refresh_hits(operation_id, ctx.cancelled)
    return rule


def switch_rule(operation_id: str, rule_id: str, on: bool, ctx: JobContext) -> WatchRule:
    rule = ctx.store.rules.enable(rule_id, on)
    ctx.store.queue.refresh_hits(operation_id, ctx.cancelled)
    return rule


def delete_rule(operation_id: str, rule_id: str, ctx: JobContext) -> None:
    ctx.store.rules.delete(rule_id)
    ctx.store.queue.refresh_hits(operation_id, ctx.cancelled)


@dataclass
class Preview:
    count: int
    newest: list[Item]
    seconds: float


def preview_rule(operation_id: str, values: dict[str, Any], ctx: JobContext) -> Preview:
    started = time.monotonic()
    count, ids = ctx.store.rules.preview(operation_id, values, PREVIEW_SHOWN, ctx.cancelled)
    ctx.check()
    newest = ctx.store.items.many(ids)[::-1]  # many() gives the oldest first
    return Preview(count, newest, time.monotonic() - started)


# -- a report's sources ---------------------------------------------------------------


def report_sources(report_id: str, ctx: JobContext) -> list[Item]:
    return ctx.store.items.of_report(report_id)
