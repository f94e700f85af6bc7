"""The alerts and outreach desk's background work: plain Qt-free functions of a job
context.

The desk and its launcher submit these to the task manager: `read_desk` on the writes
lane (it first derives what is local to this laptop: the shapes of new alerts' areas and
the relays noted from radio messages, then reads the chains, the messages and the rumour
board), `read_alert` on the reads lane (one alert, its chain, relays and the reports
inside its area), `import_cap_files` on the files lane, `new_notices` on the writes lane
(the new Severe or Extreme alerts to announce, each once on this laptop), `post_message`
on the network lane. Each runs on its worker thread's own Store (`ctx.store`) and
returns plain data; tests may run them inline.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fieldapp.core.times import utc_now

if TYPE_CHECKING:
    from fieldapp.alerts.chains import Chain
    from fieldapp.alerts.intake import Imported
    from fieldapp.alerts.rumours import BoardRow
    from fieldapp.core.record_types import Alert, PublicMessage, Relay
    from fieldapp.ui.kit.taskman import JobContext

NOTICED_SEVERITIES = ("Extreme", "Severe")


@dataclass
class DeskData:
    """What the desk lists: the chains of alerts, the public messages, the rumour board."""

    chains: list[Chain] = field(default_factory=list)
    relay_counts: dict[str, int] = field(default_factory=dict)  # chain id -> relays
    messages: list[PublicMessage] = field(default_factory=list)
    board: list[BoardRow] = field(default_factory=list)
    now: str = ""


def read_desk(operation_id: str, ctx: JobContext) -> DeskData:
    from fieldapp.alerts.intake import settle_shapes

    store = ctx.store
    settle_shapes(store)
    store.relays.note_radio_relays(operation_id)
    store.queue.settle()  # new posts in their cards: the board counts copies of sightings
    now = utc_now()
    chains = store.alerts.chains(operation_id, now=now)
    counts = dict(
        store.conn.execute(
            "SELECT a.id, count(r.id) FROM alerts a JOIN relays r ON r.deleted = 0 AND"
            " (r.alert_id = a.id OR r.message_id IN (SELECT id FROM public_messages m"
            "  WHERE m.alert_id = a.id AND m.deleted = 0))"
            " WHERE a.operation_id = ? AND a.deleted = 0 GROUP BY a.id",
            [operation_id],
        )
    )
    relay_counts = {c.id: sum(counts.get(a["id"], 0) for a in c.alerts) for c in chains}
    return DeskData(
        chains,
        relay_counts,
        store.messages.list(operation_id),
        store.rumours.board(operation_id, now=now),
        now,
    )


@dataclass
class AlertDetail:
    """One alert with its chain (oldest first), where it was relayed, and the reports
    inside its area (seq, id, title), with the geocodes that could not be drawn."""

    alert: Alert
    chain: Chain
    relays: list[Relay]
    reports: list[tuple[int, str, str]]
    unresolved: list[list[str]]
    drawn: bool


def read_alert(alert_id: str, ctx: JobContext) -> AlertDetail:
    import json

    from fieldapp.alerts.inside import reports_inside

    store = ctx.store
    alert = store.alerts.get(alert_id)
    chain = store.alerts.chain_of(alert_id)
    row = store.conn.execute(
        "SELECT geometry, unresolved FROM alert_shapes WHERE alert_id = ?", [alert_id]
    ).fetchone()
    geometry = json.loads(row[0]) if row and row[0] else None
    unresolved = json.loads(row[1]) if row else []
    ids = reports_inside(store.conn, alert["operation_id"], geometry) if geometry else []
    reports = _report_titles(store, ids)
    return AlertDetail(
        alert, chain, store.relays.of_alert(alert_id), reports, unresolved, geometry is not None
    )


def _report_titles(store: Any, ids: Sequence[str]) -> list[tuple[int, str, str]]:
    found: list[tuple[int, str, str]] = []
    for start in range(0, min(len(ids), 2000), 500):
        chunk = list(ids[start : start + 500])
        marks = ", ".join("?" * len(chunk))
        found += [
            tuple(r)
            for r in store.conn.execute(
                f"SELECT seq, id, title FROM reports WHERE id IN ({marks})", chunk
            )
        ]
    return sorted(found, reverse=True)


def import_cap_files(operation_id: str, paths: Sequence[Path], ctx: JobContext) -> Imported:
    from fieldapp.alerts.intake import import_files

    ctx.progress(0, 1, "")
    done = import_files(ctx.store, operation_id, paths)
    ctx.progress(1, 1, "")
    return done


def new_notices(operation_id: str, ctx: JobContext) -> list[dict[str, Any]]:
    """The active Severe or Extreme alerts of the operation not announced on this laptop
    yet, whose area meets the operation's (the box around its drawn features and located
    reports; every alert when it has none): each is marked announced and returned once."""
    from fieldapp.alerts.intake import settle_shapes

    store = ctx.store
    settle_shapes(store)
    box = _operation_box(store, operation_id)
    fresh = []
    for chain in store.alerts.chains(operation_id):
        current = chain.current
        if not chain.active or current["severity"] not in NOTICED_SEVERITIES:
            continue
        if store.conn.execute(
            "SELECT 1 FROM alert_notices WHERE alert_id = ?", [current["id"]]
        ).fetchone():
            continue
        if box is not None and not _meets(store, current["id"], box):
            continue
        fresh.append(dict(current))
    if fresh:
        with store.db.transaction():  # local to this laptop: no record, no outbox
            store.conn.executemany(
                "INSERT OR IGNORE INTO alert_notices(alert_id, noticed_at) VALUES (?, ?)",
                [(a["id"], utc_now()) for a in fresh],
            )
    return fresh


def _operation_box(store: Any, operation_id: str) -> tuple[float, float, float, float] | None:
    from fieldapp.monitoring.area import bounding_box

    area = store.rules.operation_area(operation_id)
    return bounding_box(area) if area["coordinates"] else None


def _meets(store: Any, alert_id: str, box: tuple[float, float, float, float]) -> bool:
    row = store.conn.execute(
        "SELECT min_lon, min_lat, max_lon, max_lat FROM alert_shapes WHERE alert_id = ?",
        [alert_id],
    ).fetchone()
    if row is None or row[0] is None:
        return True  # an area we cannot draw: better announced than missed
    west, south, east, north = box
    return not (row[2] < west or row[0] > east or row[3] < south or row[1] > north)
