"""Running the server: open and migrate the database, build the app, start uvicorn.

uvicorn runs one event loop in the main thread; request work runs in its thread pool
(app.py). Ctrl-C or SIGTERM stops it after the requests in flight.
"""

from __future__ import annotations

from pathlib import Path

from fieldapp.sync.server.db import Database

KEEP_ALIVE_S = 15


def open_database(url: str) -> Database:
    db = Database(url)
    db.migrate()
    return db


def serve(
    url: str,
    blob_root: Path,
    host: str = "127.0.0.1",
    port: int = 8765,
    cert: Path | None = None,
    key: Path | None = None,
) -> None:
    import uvicorn

    from fieldapp.sync.server.app import create_app

    db = open_database(url)
    try:
        app = create_app(db, blob_root)
        uvicorn.run(
            app,
            host=host,
            port=port,
            log_level="warning",
            timeout_keep_alive=KEEP_ALIVE_S,
            timeout_graceful_shutdown=10,
            ssl_certfile=str(cert) if cert else None,
            ssl_keyfile=str(key) if key else None,
            h11_max_incomplete_event_size=64 * 1024,
        )
    finally:
        db.close()
