"""Opening the server database, its transactions and migrations.

One `Database` per process, shared by the request threads: SQLAlchemy's pool hands each
thread its own connection (SQLite connections are opened with check_same_thread=False
but are used by one thread at a time). Writes are serialised, one at a time for the
whole database, so that server sequence numbers are committed in order and a pull can
never skip one: SQLite's BEGIN IMMEDIATE takes the write lock at the start; PostgreSQL
takes a transaction-level advisory lock, released by the commit itself. Reads run in a
snapshot (SQLite WAL read transaction; PostgreSQL REPEATABLE READ).

Several processes on one PostgreSQL database (`fieldapp serve --workers N`) need nothing
more: the advisory lock and the sequence counter live in the database, so writes of all
processes are serialised together and numbered in commit order. Each process keeps its
own pool, sized so that all of them stay under PG_CONNECTIONS (PostgreSQL's default
max_connections is 100).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Connection, bindparam, create_engine, event, select, text, update
from sqlalchemy.engine import Engine

from fieldapp.sync.server import tables as t

_WRITE_LOCK = 0x46415050  # the advisory lock key on PostgreSQL ("FAPP")
STATEMENT_TIMEOUT_MS = 30_000
PG_CONNECTIONS = 80  # every server process's pool together
PROCESS_CONNECTIONS = 20  # at most, for one process (Starlette runs 40 request threads)


def now_ms() -> int:
    return time.time_ns() // 1_000_000


def database_url(value: str) -> str:
    """A --db value (a file path, sqlite:///..., postgresql://...) -> SQLAlchemy URL."""
    if value.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + value.split("://", 1)[1]
    if "://" in value:
        return value
    return f"sqlite:///{Path(value).expanduser().resolve()}"


class Database:
    """The server database of one URL; open it once per process. `processes`: how many
    server processes share it (their pools share PG_CONNECTIONS)."""

    def __init__(self, url: str, processes: int = 1):
        self.url = database_url(url)
        self.is_sqlite = self.url.startswith("sqlite")
        if self.is_sqlite:
            self.engine = _sqlite_engine(self.url)
        else:
            connections = max(4, min(PROCESS_CONNECTIONS, PG_CONNECTIONS // max(1, processes)))
            self.engine = _pg_engine(self.url, connections)

    def close(self) -> None:
        self.engine.dispose()

    @contextmanager
    def write(self) -> Iterator[Connection]:
        """One serialised write transaction (see the module docstring)."""
        with self.engine.connect() as conn:
            conn = conn.execution_options(fieldapp_write=True)
            with conn.begin():
                if not self.is_sqlite:
                    conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _WRITE_LOCK})
                yield conn

    @contextmanager
    def read(self) -> Iterator[Connection]:
        """One read transaction over a consistent snapshot."""
        with self.engine.connect() as conn:
            if not self.is_sqlite:
                conn = conn.execution_options(isolation_level="REPEATABLE READ")
            with conn.begin():
                yield conn

    def migrate(self) -> None:
        """Bring the schema to the newest migration (Alembic, shipped in the package)."""
        from alembic import command
        from alembic.config import Config

        config = Config()
        config.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
        with self.write() as conn:
            config.attributes["connection"] = conn
            command.upgrade(config, "head")


# Built once: every write reads or bumps the counter (no SQL rebuilt per call).
_SEQ = select(t.counters.c.value).where(t.counters.c.name == "seq")
_BUMP_SEQ = (
    update(t.counters)
    .where(t.counters.c.name == "seq")
    .values(value=t.counters.c.value + bindparam("count"))
)


def next_seqs(conn: Connection, count: int) -> int:
    """Reserve `count` server sequence numbers; returns the first. Inside write() only."""
    conn.execute(_BUMP_SEQ, {"count": count})
    last = conn.execute(_SEQ).scalar_one()
    return last - count + 1


def current_seq(conn: Connection) -> int:
    return conn.execute(_SEQ).scalar_one()


def _sqlite_engine(url: str) -> Engine:
    engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record) -> None:  # type: ignore[no-untyped-def]
        # Python's sqlite3 would open transactions by itself; we say BEGIN ourselves.
        dbapi_conn.isolation_level = None
        for pragma in ("journal_mode = WAL", "synchronous = FULL", "busy_timeout = 30000"):
            dbapi_conn.execute(f"PRAGMA {pragma}")

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        write = conn.get_execution_options().get("fieldapp_write")
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

    return engine


def _pg_engine(url: str, connections: int) -> Engine:
    """Half the connections kept open, the other half opened when the load needs them."""
    options = f"-c statement_timeout={STATEMENT_TIMEOUT_MS} -c lock_timeout={STATEMENT_TIMEOUT_MS}"
    kept = connections // 2
    return create_engine(
        url,
        pool_pre_ping=True,
        pool_size=kept,
        max_overflow=connections - kept,
        connect_args={"options": options},
    )
