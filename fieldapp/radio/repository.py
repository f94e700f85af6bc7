"""Radio messages and their relay hops: the repository the Store holds as `store.radio`.

Messages and hops are stored like reports: a UUIDv7 id, per-field clock stamps, a
tombstone on delete, and an outbox and a history entry in the same transaction as the
row. A hop (who passed the message to whom, when, on which net) is a row of its own
(radio_hops): hops added on two devices at once both survive a sync.

Serial numbers are taken inside the write transaction, so that two windows or a worker
on the same file never hand out one number twice. One replica, one thread, like every
repository.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Mapping
from types import ModuleType
from typing import Any, cast

from fieldapp.core.errors import NotFoundError, ValidationError
from fieldapp.core.jsontext import dumps
from fieldapp.core.migrations.m003_radio import RADIO_RANK_SQL
from fieldapp.core.operations import get_operation
from fieldapp.core.record_types import RadioHop, RadioMessage
from fieldapp.core.replica import Repository, new_id
from fieldapp.core.times import utc_now


def _model() -> ModuleType:
    """fieldapp.radio.model, imported on first use: its tables and patterns cost ~20 ms,
    and this module is imported with the Store, on the window's start-up path."""
    from fieldapp.radio import model

    return model


def _checks() -> ModuleType:
    from fieldapp.radio import check

    return check


_HOP_FIELDS = ("from_station", "to_station", "net", "frequency", "mode", "at")
_ORIGINATED = ("radiogram", "adrasec")  # kinds that carry a station's serial number


class RadioTraffic(Repository):
    """The radio message log."""

    # -- writes ---------------------------------------------------------------------------

    def add(
        self,
        operation_id: str,
        values: Mapping[str, Any],
        *,
        station: str = "",
        format_meta: Mapping[str, Any] | None = None,
    ) -> RadioMessage:
        """Validate and save one message; returns it as stored, with warnings and hops.

        `station` is this station's call sign: a message it originates (direction sent)
        gets it as station of origin and, without a number, the next serial number.
        """
        ids = self.add_many(operation_id, [(values, format_meta or {})], station=station)
        return self.get(ids[0])

    def add_many(
        self,
        operation_id: str,
        items: Iterable[tuple[Mapping[str, Any], Mapping[str, Any]]],
        *,
        station: str = "",
    ) -> list[str]:
        """Save many (values, format_meta) messages in one transaction: all or nothing.

        Every item is validated before anything is written (imports, bulk loads).
        """
        get_operation(self.conn, operation_id)
        cleaned = [(_model().validate_message(values), dict(meta)) for values, meta in items]
        station = station.strip().upper()
        with self.db.transaction():
            serials: dict[str, int] = {}
            rows, hops = [], []
            now = utc_now()
            for clean, meta in cleaned:
                row = self._message_row(operation_id, clean, meta, station, serials, now)
                rows.append(row)
                hops += _arrival_hops(row, station, self.db.user, now)
            self.db.insert_records("radio_message", rows)
            self.db.insert_records("radio_hop", hops)
        return [row["id"] for row in rows]

    def update(self, message_id: str, changes: Mapping[str, Any]) -> RadioMessage:
        """Apply a partial edit; a status change must be an allowed transition."""
        current = dict(self._message_row_by_id(message_id))
        user_fields = {name: current[name] for name in _model().MESSAGE_FIELDS}
        user_fields["test"] = bool(user_fields["test"])
        clean = _model().validate_message({**user_fields, **changes})
        if clean["status"] != current["status"]:
            _model().check_transition(current["status"], clean["status"])
        clean["test"] = int(clean["test"])
        diff = {k: (current[k], v) for k, v in clean.items() if current[k] != v}
        if diff:
            with self.db.transaction():
                self.db.update_record("radio_message", current, diff)
        return self.get(message_id)

    def set_status(self, message_id: str, status: str) -> RadioMessage:
        """Move a message along received -> waiting_relay -> relayed | delivered -> serviced."""
        current = dict(self._message_row_by_id(message_id))
        _model().check_transition(current["status"], status)
        changes: dict[str, Any] = {"status": status}
        if status == "delivered" and not current["delivered_at"]:
            changes["delivered_at"] = utc_now()
        return self.update(message_id, changes)

    def relay(
        self,
        message_id: str,
        *,
        to_station: str,
        net: str = "",
        at: str | None = None,
        station: str = "",
        frequency: str = "",
        mode: str = "",
    ) -> RadioMessage:
        """Record that this station passed the message on: a new hop, status relayed."""
        current = dict(self._message_row_by_id(message_id))
        if current["status"] != "relayed":
            _model().check_transition(current["status"], "relayed")
        to_station = to_station.strip().upper()
        if not to_station:
            raise ValidationError({"to_station": ("required", "say to whom it was passed")})
        when = _model()._stamp(at, "at", errors := {}) or utc_now()
        if errors:
            raise ValidationError(errors)
        hop = _hop(current, station.strip().upper(), to_station, net, when, self.db.user)
        hop.update(frequency=frequency.strip(), mode=mode.strip().upper())
        updates = {"status": "relayed", "sent_to": to_station, "sent_net": net.strip()}
        updates["sent_at"] = when
        diff = {k: (current[k], v) for k, v in updates.items() if current[k] != v}
        with self.db.transaction():
            self.db.insert_records("radio_hop", [hop])
            if diff:
                self.db.update_record("radio_message", current, diff)
        return self.get(message_id)

    def delete(self, message_id: str) -> None:
        """Tombstone a message: it leaves the log and the queue; its history stays."""
        current = dict(self._message_row_by_id(message_id))
        with self.db.transaction():
            self.db.update_record("radio_message", current, {"deleted": (0, 1)}, action="deleted")

    # -- reads ----------------------------------------------------------------------------

    def get(self, message_id: str) -> RadioMessage:
        """One message with its warnings, its check and every hop, oldest first."""
        message = message_from_row(self._message_row_by_id(message_id))
        message["hops"] = self.hops(message_id)
        return message

    def hops(self, message_id: str) -> list[RadioHop]:
        rows = self.conn.execute(
            "SELECT id, from_station, to_station, net, frequency, mode, at, author"
            " FROM radio_hops WHERE message_id = ? AND deleted = 0 ORDER BY at, seq",
            [message_id],
        )
        return [cast(RadioHop, dict(row)) for row in rows]

    def period(
        self, operation_id: str, *, since: str | None = None, until: str | None = None
    ) -> list[RadioMessage]:
        """The traffic of an operational period for its logs, each message with its hops.

        A message is in when it was logged in the period or has a hop in it (logged
        yesterday, relayed today); `since`/`until` bound logged_at and hop times (UTC).
        Oldest first. One pass over the operation's hops: for the logs' worker thread.
        """
        get_operation(self.conn, operation_id)
        bounds = [since or "", until or "~"]
        rows = self.conn.execute(
            "SELECT * FROM radio_messages WHERE operation_id = ? AND deleted = 0"
            " AND (logged_at >= ? AND logged_at < ? OR id IN (SELECT message_id FROM"
            " radio_hops WHERE operation_id = ? AND deleted = 0 AND at >= ? AND at < ?))"
            " ORDER BY logged_at, seq",
            [operation_id, *bounds, operation_id, *bounds],
        )
        messages = [message_from_row(row) for row in rows]
        hops: dict[str, list[RadioHop]] = {message["id"]: [] for message in messages}
        for row in self.conn.execute(
            "SELECT message_id, id, from_station, to_station, net, frequency, mode, at, author"
            " FROM radio_hops WHERE operation_id = ? AND deleted = 0 ORDER BY at, seq",
            [operation_id],
        ):
            if row["message_id"] in hops:
                hops[row["message_id"]].append(cast(RadioHop, dict(row)))
        for message in messages:
            message["hops"] = hops[message["id"]]
        return messages

    def list(
        self,
        operation_id: str,
        *,
        since: str | None = None,
        until: str | None = None,
        limit: int = -1,
        offset: int = 0,
    ) -> list[RadioMessage]:
        """Messages in the order they were logged; `since`/`until` bound logged_at (UTC)."""
        get_operation(self.conn, operation_id)
        rows = self.conn.execute(
            "SELECT * FROM radio_messages WHERE operation_id = ? AND deleted = 0"
            " AND logged_at >= ? AND logged_at < ? ORDER BY logged_at, seq LIMIT ? OFFSET ?",
            [operation_id, since or "", until or "~", limit, offset],
        )
        return [message_from_row(row) for row in rows]

    def queue(self, operation_id: str, limit: int = 100) -> list[RadioMessage]:
        """What must still be passed on or delivered: by precedence, then oldest first.

        EMERGENCY (and très urgent) first, then PRIORITY (urgent), WELFARE, ROUTINE; the
        query reads the queue index in order, without a sort, however long the log is.
        """
        rows = self.conn.execute(
            "SELECT * FROM radio_messages WHERE operation_id = ? AND deleted = 0"
            " AND status IN ('received', 'waiting_relay')"
            f" ORDER BY {RADIO_RANK_SQL}, logged_at LIMIT ?",
            [operation_id, limit],
        )
        return [message_from_row(row) for row in rows]

    def next_serial(self, operation_id: str, station: str) -> int:
        """The next message number of a station in this operation (1 for its first)."""
        row = self.conn.execute(
            "SELECT CAST(number AS INTEGER) FROM radio_messages"
            " WHERE operation_id = ? AND origin_station = ? AND deleted = 0"
            " ORDER BY CAST(number AS INTEGER) DESC LIMIT 1",
            [operation_id, station.strip().upper()],
        ).fetchone()
        return (row[0] or 0) + 1 if row else 1

    def search(self, operation_id: str, text: str, limit: int = 200) -> list[RadioMessage]:
        """Messages whose words start with those typed (number, call, names, text)."""
        words = [w.replace('"', "") for w in text.split() if w.replace('"', "")]
        if not words:
            return []
        query = " ".join(f'"{w}"*' for w in words)
        rows = self.conn.execute(
            "SELECT m.* FROM radio_fts f JOIN radio_messages m ON m.seq = f.rowid"
            " WHERE radio_fts MATCH ? AND m.operation_id = ? AND m.deleted = 0"
            " ORDER BY m.logged_at LIMIT ?",
            [query, operation_id, limit],
        )
        return [message_from_row(row) for row in rows]

    def seqs(self, operation_id: str, text: str = "") -> list[int]:
        """Row numbers of the log, newest first; with `text`, of the messages matching it.

        The desk's table model keeps only these and reads rows a page at a time
        (messages_by_seq): 50,000 integers are one index walk.
        """
        words = [w.replace('"', "") for w in text.split() if w.replace('"', "")]
        if not words:
            rows = self.conn.execute(
                "SELECT seq FROM radio_messages WHERE operation_id = ? AND deleted = 0"
                " ORDER BY logged_at DESC, seq DESC",
                [operation_id],
            )
        else:
            rows = self.conn.execute(
                "SELECT m.seq FROM radio_fts f JOIN radio_messages m ON m.seq = f.rowid"
                " WHERE radio_fts MATCH ? AND m.operation_id = ? AND m.deleted = 0"
                " ORDER BY m.logged_at DESC, m.seq DESC",
                [" ".join(f'"{w}"*' for w in words), operation_id],
            )
        return [row[0] for row in rows]

    def by_seq(self, seqs: Iterable[int]) -> dict[int, RadioMessage]:
        """The messages with these row numbers (a page of the log), by row number."""
        wanted = list(seqs)
        if not wanted:
            return {}
        marks = ", ".join("?" * len(wanted))
        rows = self.conn.execute(
            f"SELECT * FROM radio_messages WHERE seq IN ({marks}) AND deleted = 0", wanted
        )
        return {row["seq"]: message_from_row(row) for row in rows}

    # -- internals ------------------------------------------------------------------------

    def _message_row(
        self,
        operation_id: str,
        clean: dict[str, Any],
        meta: dict[str, Any],
        station: str,
        serials: dict[str, int],
        now: str,
    ) -> dict[str, Any]:
        if clean["direction"] == "sent" and clean["kind"] in _ORIGINATED:
            clean["origin_station"] = clean["origin_station"] or station
            origin = clean["origin_station"]
            if origin and not clean["number"]:
                if origin not in serials:
                    serials[origin] = self.next_serial(operation_id, origin)
                number = serials[origin]
                serials[origin] += 1
                clean["number"] = f"{number:03d}" if clean["kind"] == "adrasec" else str(number)
        clean["test"] = int(clean["test"])
        return {
            "id": new_id(),
            "operation_id": operation_id,
            **clean,
            "logged_at": now,
            "format_meta": dumps(meta),
            "author": self.db.user,
            "created_at": now,
        }

    def _message_row_by_id(self, message_id: str) -> sqlite3.Row:
        row = self.conn.execute(
            "SELECT * FROM radio_messages WHERE id = ? AND deleted = 0", [message_id]
        ).fetchone()
        if row is None:
            raise NotFoundError(f"no radio message with id {message_id}")
        return row


def message_from_row(row: sqlite3.Row | Mapping[str, Any]) -> RadioMessage:
    """A stored message as the app shows it: flags, warnings and the check to pass on."""
    message = dict(row)
    message["test"] = bool(message["test"])
    message["format_meta"] = json.loads(message["format_meta"])
    message["field_hlc"] = json.loads(message["field_hlc"])
    if message["kind"] == "radiogram":
        message["check_counted"] = _checks().compute_check(message["text"])
        message["check"] = _checks().check_to_send(message["check_received"], message["text"])
    else:
        message["check_counted"] = message["check"] = ""
    message["warnings"] = {
        name: {"code": code, "message": text}
        for name, (code, text) in _model().warnings(message).items()
    }
    return cast(RadioMessage, message)


def _arrival_hops(row: Mapping[str, Any], station: str, user: str, now: str) -> list[dict]:
    """The hops a newly logged message already tells: from whom it came, to whom it went."""
    hops = []
    if row["received_from"]:
        when = row["received_at"] or now
        hops.append(_hop(row, row["received_from"], station, row["received_net"], when, user))
    if row["sent_to"] and row["direction"] != "received":
        when = row["sent_at"] or now
        hops.append(_hop(row, station, row["sent_to"], row["sent_net"], when, user))
    for hop in hops:
        hop.update(frequency=row["frequency"], mode=row["mode"])
    return hops


def _hop(
    message: Mapping[str, Any], from_station: str, to_station: str, net: str, at: str, user: str
) -> dict[str, Any]:
    return {
        "id": new_id(),
        "operation_id": message["operation_id"],
        "message_id": message["id"],
        "from_station": from_station,
        "to_station": to_station,
        "net": (net or "").strip(),
        "frequency": "",
        "mode": "",
        "at": at,
        "author": user,
        "created_at": utc_now(),
    }
