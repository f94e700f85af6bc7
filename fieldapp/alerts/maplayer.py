"""The map's layer of official alerts: the areas of an operation's active alerts.

`alert_layer(conn, operation_id, now)` is a GeoJSON FeatureCollection with one Feature
per active chain: its current message, drawn with the shape derived on this laptop
(table `alert_shapes`, kept by intake.settle_shapes: settle before reading, as
`read_alert_layer` does). What may show follows chains.py: a chain whose current message
is cancelled, expired, or a Test, System or Draft message is left out; an Exercise alert
shows only in an exercise operation. An alert whose area cannot be drawn (a geocode the
shipped boundaries do not know, or no area at all) has no Feature.

Features come least severe first, so that the page, drawing them in order, puts the most
severe on top. Properties are plain values the page shows as text: id, headline, event,
severity (a CAP word), ends (ISO UTC), exercise (the operation's flag), note (an Exercise
message's CAP note, which says which exercise or inject it is; "" otherwise).

Functions of a connection or a Store: call them in the thread that opened it (the map's
read job).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from fieldapp.alerts.chains import build_chains, severity_rank
from fieldapp.core.operations import get_operation
from fieldapp.core.times import utc_now

if TYPE_CHECKING:
    from fieldapp.store import Store

_ROWS = (
    "SELECT a.seq, a.id, a.identifier, a.sender, a.sent, a.status, a.msg_type, a.refs,"
    " a.event, a.headline, a.severity, a.expires, s.geometry,"
    " json_extract(a.cap, '$.note') AS note"
    " FROM alerts a LEFT JOIN alert_shapes s ON s.alert_id = a.id"
    " WHERE a.operation_id = ? AND a.deleted = 0"
)


@dataclass(frozen=True)
class AlertLayer:
    """The layer as the page fetches it (JSON bytes), with what the view needs to know."""

    data: bytes
    count: int  # areas drawn
    next_end: str | None  # the soonest end of a shown alert (ISO UTC): it leaves then


def alert_layer(conn: sqlite3.Connection, operation_id: str, now: str) -> dict[str, Any]:
    """The active alerts' areas of an operation at `now` (ISO UTC), most severe last.

    NotFoundError if there is no such operation. Reads shapes as they are: settle them
    first (intake.settle_shapes) or newly received alerts have none yet.
    """
    exercise = bool(get_operation(conn, operation_id)["exercise"])
    allowed = ("Actual", "Exercise") if exercise else ("Actual",)
    rows = [dict(row) for row in conn.execute(_ROWS, [operation_id])]
    shown = [
        chain
        for chain in build_chains(rows, now)
        if chain.active and chain.current["status"] in allowed and chain.current["geometry"]
    ]
    shown.sort(key=lambda c: (-severity_rank(c.current["severity"]), c.current["sent"]))
    return {
        "type": "FeatureCollection",
        "features": [_feature(chain.current, chain.ends, exercise) for chain in shown],
    }


def _feature(alert: Mapping[str, Any], ends: str | None, exercise: bool) -> dict[str, Any]:
    return {
        "type": "Feature",
        "id": alert["id"],
        "geometry": json.loads(alert["geometry"]),
        "properties": {
            "id": alert["id"],
            "headline": alert["headline"] or alert["event"],
            "event": alert["event"],
            "severity": alert["severity"] or "Unknown",
            "ends": ends,
            "exercise": exercise,
            "note": (alert["note"] or "") if alert["status"] == "Exercise" else "",
        },
    }


def read_alert_layer(store: Store, operation_id: str, now: str | None = None) -> AlertLayer:
    """Shapes settled, then the layer as JSON bytes (a worker's own Store)."""
    from fieldapp.alerts.intake import settle_shapes

    settle_shapes(store)
    layer = alert_layer(store.conn, operation_id, now or utc_now())
    ends = [f["properties"]["ends"] for f in layer["features"] if f["properties"]["ends"]]
    data = json.dumps(layer, ensure_ascii=False, separators=(",", ":")).encode()
    return AlertLayer(data, len(layer["features"]), min(ends) if ends else None)


EMPTY_LAYER = b'{"type":"FeatureCollection","features":[]}'
