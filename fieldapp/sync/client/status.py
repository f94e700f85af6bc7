"""Where sync stands, for `fieldapp sync status` and the GUI sync panel.

Plain reads of the outbox and of sync_state on the caller's Store: cheap (a few indexed
queries), so the UI thread may call it on its own Store to refresh the panel.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from fieldapp.core.bookkeeping import get_state
from fieldapp.sync.client import setaside
from fieldapp.sync.client.config import load_config
from fieldapp.sync.client.local import NOT_PENDING

if TYPE_CHECKING:
    from fieldapp.store import Store


@dataclass(frozen=True)
class SyncStatus:
    joined: bool
    server: str
    device_id: str
    device_name: str
    user: str
    role: str
    metered: bool
    pending: int  # changes not yet acknowledged by the server
    oldest_pending: str | None  # when the oldest of them was made (UTC ISO)
    oldest_age_s: float | None
    rejected: int  # of the pending ones, refused by the server (see last_error)
    conflicts: int  # records with unresolved conflicts (a record counts once)
    parked: int  # received records waiting for their parent
    set_aside: int  # received records this device cannot store (setaside.py)
    set_aside_records: list[str]  # the first of them, each in words with its reason
    last_success: str | None
    last_attempt: str | None
    last_error: str | None

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


def sync_status(store: Store) -> SyncStatus:
    conn = store.conn
    config = load_config(conn)
    oldest = store.db.outbox_oldest()

    def count(sql: str) -> int:
        return conn.execute(sql).fetchone()[0]

    return SyncStatus(
        joined=config.joined,
        server=config.url,
        device_id=config.device_id,
        device_name=config.device_name,
        user=config.user,
        role=config.role,
        metered=config.metered,
        pending=store.db.outbox_count(),
        oldest_pending=oldest,
        oldest_age_s=_age(oldest),
        rejected=count("SELECT count(*) FROM sync_rejected"),
        conflicts=count(
            "SELECT count(*) FROM (SELECT DISTINCT entity, row_id FROM sync_conflicts"
            f" WHERE resolved_by IS NULL AND {NOT_PENDING})"
        ),
        parked=setaside.count_waiting(conn),
        set_aside=setaside.count_set_aside(conn),
        set_aside_records=setaside.set_aside_words(conn),
        last_success=get_state(conn, "last_success") or None,
        last_attempt=get_state(conn, "last_attempt") or None,
        last_error=get_state(conn, "last_error") or None,
    )


def _age(stamp: str | None) -> float | None:
    if not stamp:
        return None
    try:
        made = datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    except ValueError:
        return None
    if made.tzinfo is None:
        made = made.replace(tzinfo=UTC)
    return max(0.0, (datetime.now(UTC) - made).total_seconds())
