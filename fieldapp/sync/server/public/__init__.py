"""Crowdsourcing: an operation opened to the public, and citizens' reports (issue 19).

`install(app, db, blob_root)` adds the public form's routes to the server app and starts
the retention task (routes.py, retention.py). The parts: opening.py (who opens what, the
short code), words.py/templates.py/page.py (the pages), intake.py/submissions.py/
photos.py/storage.py (a report to an item), records.py (the item written as a push
would), limits.py and tokens.py (abuse), places.py (gazetteer and tap-map), qr.py.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fastapi import FastAPI

    from fieldapp.sync.server.db import Database


def install(app: FastAPI, db: Database, blob_root: Path) -> None:
    from fieldapp.sync.server.public import retention, routes

    routes.install_public(app, db, blob_root)
    app.state.public_retention = retention.start(db, blob_root)
