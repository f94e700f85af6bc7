"""Helpers of the client tests: a SQLite-backed server, devices with their own data dir."""

from __future__ import annotations

from pathlib import Path

from conftest import Server

from fieldapp.store import Store
from fieldapp.sync.client.session import SyncClient, SyncReport, join
from fieldapp.sync.server import accounts


def start_server(tmp_path: Path, db_url: str | None = None, args: tuple[str, ...] = ()) -> Server:
    """`fieldapp serve` on loopback; `args`: more of its options."""
    return Server(db_url or str(tmp_path / "server.db"), tmp_path / "srv", args=args).start()


def enroll(server: Server, user: str, role: str = "coordinator") -> str:
    if user not in {u["name"] for u in accounts.users(server.db)}:
        accounts.add_user(server.db, user, role)
    code, _ = accounts.enroll(server.db, user)
    return code


class Peer:
    """A device: its own data dir and Store, joined to a server (or to a proxy of it)."""

    def __init__(self, root: Path, name: str, url: str, code: str, **client: object):
        self.dir = root / name
        self.store = Store(self.dir, user=name)
        join(self.store, url, code, name)
        self.client = SyncClient(self.store, backoff_s=0.01, **client)  # type: ignore[arg-type]

    def sync(self) -> SyncReport:
        return self.client.sync()

    def sync_ok(self) -> SyncReport:
        report = self.client.sync()
        assert report.complete, report.summary()
        return report

    def reports(self, operation_id: str) -> dict[str, dict]:
        """Every report, deleted ones included, as {id: user-visible fields + deleted}."""
        rows = self.store.conn.execute(
            "SELECT * FROM reports WHERE operation_id = ? ORDER BY id", [operation_id]
        )
        skip = {"seq", "updated_hlc", "field_hlc"}
        return {r["id"]: {k: r[k] for k in r.keys() if k not in skip} for r in rows}  # noqa: SIM118

    def client_conflicts(self) -> list[dict]:
        from fieldapp.sync.client.session import conflicts

        return conflicts(self.store.conn, unresolved=False)

    def close(self) -> None:
        self.store.close()


def newer_than(later: Peer, earlier: Peer) -> None:
    """Make `later`'s next edit certainly newer than `earlier`'s last: it observes its stamp.
    Two edits in one millisecond would otherwise be ordered by the (random) node ids."""
    later.store.db.clock.observe(earlier.store.db.clock.last)


def point_at(peer: Peer, url: str) -> None:
    """Send this device's traffic elsewhere (e.g. through a BadLink proxy)."""
    from fieldapp.core.bookkeeping import set_state
    from fieldapp.sync.client.session import api_url

    with peer.store.db.transaction() as conn:
        set_state(conn, {"url": api_url(url)})
