"""The chains of official alerts: an Update or a Cancel supersedes the alerts it names.

CAP names earlier messages in `references` ("sender,identifier,sent" triples). Alerts
joined by references, directly or not, form one chain; its **current** message is the
latest sent that is not an acknowledgement or an error (those are history only). A chain
is active until its current message is a Cancel or expires, so a cancelled or expired
alert leaves the active list the moment it does (what users of other readers complain
about: cancelled alerts that stay). A message with no `expires` is taken as ending
NO_EXPIRY_HOURS after it was sent, and the reader says so.

`status` decides where a chain may show: Actual everywhere; Exercise only in exercise
operations (the store refuses it elsewhere); Test, System and Draft are never active,
never on the map and never announced: they are listed, marked, for those who look.

Pure functions of plain rows (dicts with the alert's stored fields): any thread.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from fieldapp.core.times import format_time

NO_EXPIRY_HOURS = 48
SEVERITIES = ("Extreme", "Severe", "Moderate", "Minor", "Unknown")  # most severe first
REAL_STATUSES = ("Actual", "Exercise")  # what may look like an alert (in its operation)
_HISTORY_ONLY = ("Ack", "Error")
_TYPE_ORDER = {"Alert": 0, "Update": 1, "Cancel": 2}

ACTIVE, CANCELLED, EXPIRED, NOT_REAL = "active", "cancelled", "expired", "not-real"


@dataclass
class Chain:
    """Alerts joined by their references, oldest first, and what they add up to."""

    alerts: list[Mapping[str, Any]]
    current: Mapping[str, Any]
    state: str  # ACTIVE, CANCELLED, EXPIRED or NOT_REAL (Test, System, Draft)
    ends: str | None  # when the current message expires (given or assumed), ISO UTC
    assumed_end: bool = False  # no `expires`: NO_EXPIRY_HOURS after it was sent
    missing: list[tuple[str, str, str]] = field(default_factory=list)  # named, never seen

    @property
    def id(self) -> str:
        """The chain's id: its first alert's."""
        return str(self.alerts[0]["id"])

    @property
    def active(self) -> bool:
        return self.state == ACTIVE


def parse_refs(refs: str) -> list[tuple[str, str, str]]:
    """The (sender, identifier, sent) triples of a stored `refs` text."""
    triples = []
    for word in refs.split():
        parts = word.split(",")
        if len(parts) == 3:
            triples.append((parts[0], parts[1], parts[2]))
    return triples


def build_chains(rows: Iterable[Mapping[str, Any]], now: str) -> list[Chain]:
    """Every chain of these alerts, the most recently changed first."""
    alerts = sorted(rows, key=_order)
    by_key: dict[tuple[str, str], list[Mapping[str, Any]]] = {}
    for alert in alerts:
        by_key.setdefault((alert["sender"], alert["identifier"]), []).append(alert)
    parent = {a["id"]: a["id"] for a in alerts}

    def root(alert_id: str) -> str:
        while parent[alert_id] != alert_id:
            parent[alert_id] = parent[parent[alert_id]]
            alert_id = parent[alert_id]
        return alert_id

    missing: dict[str, list[tuple[str, str, str]]] = {}
    for alert in alerts:
        for sender, identifier, sent in parse_refs(alert["refs"]):
            named = by_key.get((sender, identifier))
            if not named:
                missing.setdefault(alert["id"], []).append((sender, identifier, sent))
                continue
            for other in named:
                parent[root(other["id"])] = root(alert["id"])
    groups: dict[str, list[Mapping[str, Any]]] = {}
    for alert in alerts:
        groups.setdefault(root(alert["id"]), []).append(alert)
    chains = [_chain(members, missing, now) for members in groups.values()]
    chains.sort(key=lambda c: _order(c.alerts[-1]), reverse=True)
    return chains


def _order(alert: Mapping[str, Any]) -> tuple[str, int, int]:
    return (alert["sent"], _TYPE_ORDER.get(alert["msg_type"], 0), alert.get("seq") or 0)


def _chain(members: Sequence[Mapping[str, Any]], missing: Mapping[str, list], now: str) -> Chain:
    content = [a for a in members if a["msg_type"] not in _HISTORY_ONLY] or list(members)
    current = content[-1]
    ends, assumed = end_of(current)
    if current["status"] not in REAL_STATUSES:
        state = NOT_REAL
    elif current["msg_type"] == "Cancel":
        state = CANCELLED
    elif ends is not None and ends <= now:
        state = EXPIRED
    else:
        state = ACTIVE
    lost = [triple for a in members for triple in missing.get(a["id"], [])]
    return Chain(list(members), current, state, ends, assumed, lost)


def end_of(alert: Mapping[str, Any]) -> tuple[str | None, bool]:
    """When an alert ends: its `expires`, else NO_EXPIRY_HOURS after it was sent (True)."""
    if alert.get("expires"):
        return alert["expires"], False
    try:
        sent = datetime.fromisoformat(alert["sent"].replace("Z", "+00:00"))
    except (TypeError, ValueError):
        return None, True
    if sent.tzinfo is None:
        sent = sent.replace(tzinfo=UTC)
    return format_time(sent + timedelta(hours=NO_EXPIRY_HOURS)), True


def severity_rank(severity: str) -> int:
    """0 for Extreme ... 4 for Unknown (and anything else)."""
    return SEVERITIES.index(severity) if severity in SEVERITIES else len(SEVERITIES) - 1
