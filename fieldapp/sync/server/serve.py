"""Running the server: open and migrate the database, build the app, start uvicorn.

uvicorn runs one event loop in the main thread; request work runs in its thread pool
(app.py). Ctrl-C or SIGTERM stops it after the requests in flight. With `workers` > 1
(PostgreSQL only), workers.py runs that many such processes on one listening socket.

Behind a reverse proxy every request comes from the proxy's address, so the per-address
limits (the public form's, the join throttle) would count everyone together. uvicorn
takes the client's address from X-Forwarded-For when the request comes from a trusted
proxy: by default the loopback address (a proxy on this machine), or the addresses and
networks given to `fieldapp serve --trusted-proxy`. A header from anyone else is
ignored, so a client cannot name itself another address to escape a limit.
"""

from __future__ import annotations

import ipaddress
import sys
from pathlib import Path
from typing import Any

from fieldapp.sync.server.db import Database, database_url

KEEP_ALIVE_S = 15
GRACEFUL_STOP_S = 10
MAX_WORKERS = 64


def open_database(url: str) -> Database:
    db = Database(url)
    db.migrate()
    return db


def workers_problem(url: str, workers: int) -> str | None:
    """Why `workers` server processes cannot serve this database, else None."""
    if workers == 1:
        return None
    if not 1 <= workers <= MAX_WORKERS:
        return f"--workers must be from 1 to {MAX_WORKERS}, not {workers}"
    if database_url(url).startswith("sqlite"):
        return (
            "--workers needs a PostgreSQL database (--db postgresql://...): SQLite makes"
            " every write wait for one file lock, so more processes would only queue behind"
            " each other (and could time out); run one process on SQLite (no --workers)"
        )
    if sys.platform == "win32":
        return "--workers needs Linux or macOS (the workers are forked); run one process"
    return None


def proxies_problem(proxies: tuple[str, ...]) -> str | None:
    """Why these --trusted-proxy values cannot be used, else None."""
    for value in proxies:
        try:
            network = ipaddress.ip_network(value, strict=False)
        except ValueError:
            return (
                f"--trusted-proxy {value!r} is not an IP address or network"
                " (like 10.0.0.5 or 10.0.0.0/24)"
            )
        if network.prefixlen == 0:
            return (
                f"--trusted-proxy {value!r} would trust every address: anyone could name"
                " another address and escape the per-address limits; name the proxy"
            )
    return None


def uvicorn_options(
    host: str, port: int, cert: Path | None, key: Path | None, proxies: tuple[str, ...] = ()
) -> dict[str, Any]:
    """uvicorn's settings, the same for one process and for each worker."""
    trusted = {"forwarded_allow_ips": ",".join(proxies)} if proxies else {}
    return {
        **trusted,
        "host": host,
        "port": port,
        "log_level": "warning",
        "timeout_keep_alive": KEEP_ALIVE_S,
        "timeout_graceful_shutdown": GRACEFUL_STOP_S,
        "ssl_certfile": str(cert) if cert else None,
        "ssl_keyfile": str(key) if key else None,
        "h11_max_incomplete_event_size": 64 * 1024,
    }


def serve(
    url: str,
    blob_root: Path,
    host: str = "127.0.0.1",
    port: int = 8765,
    cert: Path | None = None,
    key: Path | None = None,
    workers: int = 1,
    proxies: tuple[str, ...] = (),
) -> int:
    """Serve until stopped; the exit status (non-zero: the workers kept dying).
    `proxies`: the reverse proxies whose X-Forwarded-For names the client."""
    options = uvicorn_options(host, port, cert, key, proxies)
    if workers > 1:
        from fieldapp.sync.server.workers import run_workers

        open_database(url).close()  # migrated once, before any worker starts
        return run_workers(url, blob_root, options, workers)
    import uvicorn

    from fieldapp.sync.server.app import create_app

    db = open_database(url)
    try:
        uvicorn.run(create_app(db, blob_root), **options)
    finally:
        db.close()
    return 0
