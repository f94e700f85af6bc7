"""A hostile device for the convergence property (issue 13): a volunteer's real token,
pushing invalid or forged entries through the real HTTP API.

Each attack builds one entry and says what the server must answer: `rejected` for every
one but `resolves`, which is an allowed edit of the hostile device's own report that also
names other records' conflicts (it is applied; the conflicts stay open). `Hostile.send`
pushes it and checks the answer; `Hostile.check_nothing_settled` that no conflict was
settled in its name.
"""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass, field

from conftest import Device, Server, report_values
from hypothesis import strategies as st
from sqlalchemy import select

from fieldapp.sync.server import tables as t

USER = "mallory"
BAD_VALUES = ({"tags": "not json ["}, {"tags": "5"}, {"severity": 9}, {"kind": "gossip"},
              {"title": 3}, {"title": None}, {"lat": 123.0, "lon": 2.0})  # fmt: skip
FORBIDDEN = ({"verification": "confirmed", "verified_by": "carla"}, {"title": "Mine now"},
             {"deleted": 1})  # fmt: skip
ATTACKS = ("bad_value", "missing_kind", "forged_node", "future_base", "clock_ahead",
           "others_report", "verify_own", "exercise", "unknown_field", "unknown_entity",
           "resolves")  # fmt: skip
attack = st.tuples(st.sampled_from(ATTACKS), st.integers(0, 100))


@dataclass
class Hostile:
    """The hostile device, with its own report in a side operation (for `resolves`)."""

    server: Server
    side_op: str
    device: Device = field(init=False)
    own: str = field(init=False)
    title_stamp: str = field(init=False)
    refused: int = 0

    def __post_init__(self) -> None:
        self.device = self.server.device(USER, "volunteer", "mallory-laptop")
        self.own, entry = self.device.new_report(self.side_op, "Mine")
        assert self._push(entry) == "applied"
        self.title_stamp = entry["fields"]["title"]["s"]

    def send(self, name: str, n: int, op: str, shared: list[str], nodes: list[str],
             conflict_ids: list[str]) -> None:  # fmt: skip
        """Push one attack; assert the server's answer."""
        entry = self._entry(name, n, op, shared, nodes, conflict_ids)
        status = self._push(entry)
        wanted = "applied" if name == "resolves" else "rejected"
        assert status == wanted, (name, entry, status)
        if name == "resolves":
            self.title_stamp = entry["fields"]["title"]["s"]
        else:
            self.refused += 1

    def _entry(self, name: str, n: int, op: str, shared: list[str], nodes: list[str],
               conflict_ids: list[str]) -> dict:  # fmt: skip
        d, new_id = self.device, uuid.uuid4().hex
        target = shared[n % len(shared)]
        if name == "bad_value":
            return d.entry("report", new_id, op, **report_values(**BAD_VALUES[n % 7]))
        if name == "missing_kind":
            values = {k: v for k, v in report_values().items() if k != "kind"}
            return d.entry("report", new_id, op, **values)
        if name == "forged_node":  # a stamp of an honest device's clock
            entry = d.entry("report", new_id, op, **report_values("Forged"))
            stamp = d.stamp()[:18] + "-" + nodes[n % len(nodes)]
            return _restamp(entry, stamp)
        if name == "future_base":  # hides a conflict if believed
            future = f"{int(time.time() * 1000) + 86_400_000:013d}-0000-{d.node}"
            entry = d.entry("report", self.own, self.side_op, title="Later")
            return {**entry, "fields": {"title": {**entry["fields"]["title"], "b": future}}}
        if name == "clock_ahead":
            entry = d.entry("report", new_id, op, **report_values("Ahead"))
            return _restamp(entry, f"{int(time.time() * 1000) + 600_000:013d}-0000-{d.node}")
        if name == "others_report":
            return d.entry("report", target, op, **FORBIDDEN[n % 3])
        if name == "verify_own":
            return d.entry("report", new_id, op, **report_values(**FORBIDDEN[0]))
        if name == "exercise":
            return d.entry("operation", op, op, exercise=1)
        if name == "unknown_field":
            return d.entry("report", target, op, secret="x")
        if name == "unknown_entity":
            return d.entry("payload", new_id, op, body="x")
        ids = conflict_ids or [uuid.uuid4().hex]  # resolves: others' conflicts
        entry = d.entry("report", self.own, self.side_op, base=self.title_stamp, title=f"M{n}")
        return {**entry, "resolves": ids[:100]}

    def _push(self, entry: dict) -> str:
        answer = self.device.push([entry])
        assert answer.status_code == 200, answer.text
        return answer.json()["results"][0]

    def check_nothing_settled(self) -> None:
        with self.server.db.read() as conn:
            by = conn.execute(select(t.conflicts.c.resolved_by)).scalars().all()
        assert USER not in by


def _restamp(entry: dict, stamp: str) -> dict:
    fields = {k: {**v, "s": stamp} for k, v in entry["fields"].items()}
    return {**entry, "fields": fields}
