"""The numbered schema migrations of fieldapp.db, one frozen file each, in order.

A released migration is never edited or reordered: a schema change is a new file,
appended to MIGRATIONS below. Each file spells its SQL out in full (no string shared with
later code, which may change), and tests/test_migrations.py checks that a database made
fresh and one upgraded from every earlier schema end up with the same schema. Pure data
and functions; the runner is fieldapp/core/database.py.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fieldapp.core.migrations import m001_initial, m002_features, m003_radio, m004_sync

MIGRATIONS: list[tuple[str, Callable[[Any], None]]] = [
    (module.NAME, module.apply) for module in (m001_initial, m002_features, m003_radio, m004_sync)
]
