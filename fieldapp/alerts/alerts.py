"""The official alerts of an operation: CAP messages taken in, read, and their chains.

An alert's id comes from the message itself (operation, sender, identifier, sent), so
the same alert taken in on two laptops, from a file or a feed, is one record after sync
and never a conflict; its content is never edited (core/rights.py). The whole CAP message
is kept (`cap`, JSON from `alert_to_json`); the columns beside it are what the lists sort
and filter on. Where it may show is decided here: an Exercise alert is taken in only by
an exercise operation.

Who took an alert in, and from which file or feed, is kept on this laptop only
(`alert_sources`): the synced record is a function of the message alone.

A Repository over the store's Replica: used from the thread that opened the store.
"""

from __future__ import annotations

import json
import sqlite3
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from fieldapp.alerts.chains import SEVERITIES, Chain, build_chains, severity_rank
from fieldapp.core.errors import NotFoundError, ValidationError
from fieldapp.core.operations import get_operation
from fieldapp.core.record_types import Alert
from fieldapp.core.replica import Repository
from fieldapp.core.times import parse_time, utc_now

if TYPE_CHECKING:
    from fieldapp.alerts.cap import CapAlert

_NAMESPACE = uuid.UUID("0b6f4f52-3c1e-5d7a-8e2b-7a4d9c1f3e60")  # alert ids: never change it
EXERCISE_ONLY = "Exercise"


def alert_id(operation_id: str, sender: str, identifier: str, sent: str) -> str:
    """The id of a CAP message in an operation: the same on every laptop."""
    return str(uuid.uuid5(_NAMESPACE, f"{operation_id}\n{sender}\n{identifier}\n{sent}"))


@dataclass
class Taken:
    """What taking alerts in did, by id; refused ones with the reason, in words."""

    new: list[str] = field(default_factory=list)
    known: list[str] = field(default_factory=list)
    refused: list[tuple[str, str]] = field(default_factory=list)  # (identifier, why)


def alert_row(operation_id: str, alert: CapAlert) -> dict[str, Any]:
    """The stored row of a CAP message: a function of the message."""
    from fieldapp.alerts.cap import alert_to_json

    sent = _time(alert.sent)
    main = min(alert.infos, key=lambda i: severity_rank(i.severity), default=None)
    onsets = [_time(t) for i in alert.infos for t in (i.onset or i.effective,) if t]
    ends = [_time(i.expires) for i in alert.infos if i.expires]
    languages = list(dict.fromkeys(i.language for i in alert.infos))
    refs = " ".join(f"{s},{i},{_time(t)}" for s, i, t in alert.references)
    return {
        "id": alert_id(operation_id, alert.sender, alert.identifier, sent),
        "operation_id": operation_id,
        "identifier": alert.identifier,
        "sender": alert.sender,
        "sent": sent,
        "status": alert.status,
        "msg_type": alert.msg_type,
        "scope": alert.scope,
        "refs": refs,
        "event": main.event if main else "",
        "headline": (main.headline or main.event) if main else alert.note,
        "severity": main.severity if main else "",
        "urgency": main.urgency if main else "",
        "certainty": main.certainty if main else "",
        "onset": min(onsets) if onsets else None,
        # an info with no expires never ends by itself: then neither does the message
        "expires": max(ends) if ends and len(ends) == len(alert.infos) else None,
        "languages": ",".join(languages),
        "cap": json.dumps(alert_to_json(alert), ensure_ascii=False, separators=(",", ":")),
        "created_at": sent,
    }


def _time(text: str) -> str:
    return parse_time(text)


class Alerts(Repository):
    """Taking CAP messages in, reading alerts and their chains."""

    def take(self, operation_id: str, alerts: Iterable[CapAlert], *, source: str) -> Taken:
        """Store the messages not stored yet, in one transaction; one already here (taken
        in before, or by another laptop and synced) is left as it is. An Exercise alert
        is refused by a real operation (it must never look like a real alert there)."""
        operation = get_operation(self.conn, operation_id)
        taken = Taken()
        rows: dict[str, dict[str, Any]] = {}
        for alert in alerts:
            if alert.status == EXERCISE_ONLY and not operation["exercise"]:
                why = "an Exercise alert is taken in only by an exercise operation"
                taken.refused.append((alert.identifier, why))
                continue
            row = alert_row(operation_id, alert)
            rows.setdefault(row["id"], row)
        with self.db.transaction():
            known = self._existing(list(rows))
            fresh = [row for key, row in rows.items() if key not in known]
            self.db.insert_records("alert", fresh)
            now = utc_now()
            self.conn.executemany(
                "INSERT OR IGNORE INTO alert_sources(alert_id, source, taken_by, taken_at)"
                " VALUES (?, ?, ?, ?)",
                [(key, source, self.db.user, now) for key in rows],
            )
        taken.new = [row["id"] for row in fresh]
        taken.known = [key for key in rows if key in known]
        return taken

    def _existing(self, ids: list[str]) -> set[str]:
        found: set[str] = set()
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ", ".join("?" * len(chunk))
            found.update(
                r[0]
                for r in self.conn.execute(f"SELECT id FROM alerts WHERE id IN ({marks})", chunk)
            )
        return found

    # -- reads --------------------------------------------------------------------------

    def get(self, alert_id: str) -> Alert:
        row = self.conn.execute(
            "SELECT * FROM alerts WHERE id = ? AND deleted = 0", [alert_id]
        ).fetchone()
        if row is None:
            raise NotFoundError(f"no alert with id {alert_id}")
        return alert_from_row(row)

    def find(self, text: str, operation_id: str | None = None) -> Alert:
        """An alert by its id, the start of its id (8 characters or more) or its CAP
        identifier; ValidationError if that names several."""
        clauses = "(id = ? OR identifier = ? OR (length(?) >= 8 AND id LIKE ? || '%'))"
        args: list[Any] = [text, text, text, text]
        if operation_id:
            clauses += " AND operation_id = ?"
            args.append(operation_id)
        rows = self.conn.execute(
            f"SELECT * FROM alerts WHERE deleted = 0 AND {clauses} ORDER BY sent", args
        ).fetchall()
        if not rows:
            raise NotFoundError(f"no alert {text!r}")
        if len({r["id"] for r in rows}) > 1 and not any(r["id"] == text for r in rows):
            raise ValidationError({"id": ("ambiguous", f"{text!r} names {len(rows)} alerts")})
        return alert_from_row(next((r for r in rows if r["id"] == text), rows[-1]))

    def rows(self, operation_id: str) -> list[dict[str, Any]]:
        """The operation's alerts as plain rows without their CAP content (for chains)."""
        cursor = self.conn.execute(
            "SELECT seq, id, identifier, sender, sent, status, msg_type, scope, refs, event,"
            " headline, severity, urgency, certainty, onset, expires, languages"
            " FROM alerts WHERE operation_id = ? AND deleted = 0",
            [operation_id],
        )
        return [dict(row) for row in cursor]

    def sources_of(self, alert_id: str) -> list[tuple[str, str, str]]:
        """Where this laptop took an alert from: (source, who, when), first first."""
        return [
            tuple(r)
            for r in self.conn.execute(
                "SELECT source, taken_by, taken_at FROM alert_sources WHERE alert_id = ?"
                " ORDER BY taken_at",
                [alert_id],
            )
        ]

    def chains(self, operation_id: str, *, now: str | None = None) -> list[Chain]:
        """Every chain of the operation's alerts, the most recently changed first."""
        return build_chains(self.rows(operation_id), now or utc_now())

    def chain_of(self, alert_id: str, *, now: str | None = None) -> Chain:
        alert = self.get(alert_id)
        for chain in self.chains(alert["operation_id"], now=now):
            if any(a["id"] == alert_id for a in chain.alerts):
                return chain
        raise NotFoundError(f"no alert with id {alert_id}")  # pragma: no cover (deleted)


def alert_from_row(row: sqlite3.Row | Mapping[str, Any]) -> Alert:
    record = dict(row)
    record["cap"] = json.loads(record["cap"])
    record["field_hlc"] = json.loads(record["field_hlc"])
    return record  # type: ignore[return-value]


__all__ = ["SEVERITIES", "Alerts", "Taken", "alert_id", "alert_row"]
