"""Pulled records this device cannot store: set aside with their reason, in words.

A server may hold a value the desktop would refuse (stored before the server checked
values, by an older server, or put in its database by hand): a report whose tags are not
a JSON list, one without a kind, a type this version does not know. Such a record is
judged with the desktop's own rules (sync/protocol/checks.py) before it is applied;
instead of refusing the whole page, or storing a value that would break a listing, the
client keeps it in `sync_parked` with a reason starting with REFUSED, applies the rest of
the page and says so: a count and a sentence in the sync report, `fieldapp sync status`
and the sync panel's last round. A later version of the record that can be stored
replaces it (incoming.py deletes the parked row once the record is applied).

Records waiting for their parent use the same table with another reason and still keep
a round from being complete; a set-aside record does not (syncing again cannot store it:
someone must correct it on the server), but it is named after every round.
Plain reads and writes on the caller's connection, inside its transaction: any thread
with its own Store.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping
from typing import Any

from fieldapp.core.records import RECORD_TYPES, TABLES
from fieldapp.sync.protocol.checks import record_problem
from fieldapp.sync.protocol.kinds import values_problem
from fieldapp.sync.protocol.shapes import PulledRecord

REFUSED = "refused: "  # the reason of a set-aside record starts with this
WAITING_SQL = f"reason NOT LIKE '{REFUSED}%'"  # records waiting for their parent
REFUSED_SQL = f"reason LIKE '{REFUSED}%'"
SHOWN = 5  # records named in a sentence; the count says how many in all


UNREAD: Any = object()  # refusal() reads the local copy itself


def refusal(
    conn: sqlite3.Connection, record: PulledRecord, row: sqlite3.Row | None = UNREAD
) -> str | None:
    """Why this pulled record cannot be stored here (the desktop's own checks against the
    local copy, if any: `row` when the caller has read it, None for no local copy), else
    None."""
    entity = record["entity"]
    if entity not in TABLES:
        return values_problem(entity, record["fields"])  # a type this version lacks
    if row is UNREAD:
        query = f"SELECT * FROM {TABLES[entity]} WHERE id = ?"
        row = conn.execute(query, [record["id"]]).fetchone()
    current: Mapping[str, Any] = {k: row[k] for k in row.keys()} if row else {}  # noqa: SIM118
    try:
        return record_problem(entity, current, record["fields"], new=row is None)
    except (TypeError, ValueError) as exc:  # a value no rule foresaw: still only this one
        return f"{entity} has a value this device cannot read ({exc})"


def set_aside(conn: sqlite3.Connection, record: PulledRecord, reason: str) -> None:
    conn.execute(
        "INSERT OR REPLACE INTO sync_parked VALUES (?, ?, ?, ?)",
        [record["entity"], record["id"], json.dumps(record), REFUSED + reason],
    )


def count_set_aside(conn: sqlite3.Connection) -> int:
    return conn.execute(f"SELECT count(*) FROM sync_parked WHERE {REFUSED_SQL}").fetchone()[0]


def count_waiting(conn: sqlite3.Connection) -> int:
    return conn.execute(f"SELECT count(*) FROM sync_parked WHERE {WAITING_SQL}").fetchone()[0]


def set_aside_words(conn: sqlite3.Connection, limit: int = SHOWN) -> list[str]:
    """Each set-aside record in words: its type, what names it, and why."""
    rows = conn.execute(
        f"SELECT entity, row_id, body, reason FROM sync_parked WHERE {REFUSED_SQL}"
        " ORDER BY entity, row_id LIMIT ?",
        [limit],
    ).fetchall()
    return [_words(entity, row_id, body, reason) for entity, row_id, body, reason in rows]


def sentence(conn: sqlite3.Connection) -> str | None:
    """One sentence on the set-aside records, for a sync report; None if there are none."""
    count = count_set_aside(conn)
    if not count:
        return None
    named = "; ".join(set_aside_words(conn))
    more = f"; and {count - SHOWN} more" if count > SHOWN else ""
    return (
        f"{count} received record(s) set aside, this device cannot store them (correct them"
        f" on the server): {named}{more}"
    )


def _words(entity: str, row_id: str, body: str, reason: str) -> str:
    declared = RECORD_TYPES.get(entity)
    label = declared.label if declared else entity[:40]
    try:
        title = json.loads(body)["fields"].get(declared.title_field) if declared else None
    except (ValueError, KeyError, AttributeError):
        title = None
    name = f"“{str(title)[:60]}” ({row_id[:12]})" if isinstance(title, str) and title else row_id
    return f"{label} {name}: {reason.removeprefix(REFUSED)}"
