"""The numbered schema migrations of fieldapp.db, one frozen file each, in order.

A released migration is never edited or reordered: a schema change is a new file,
appended to NAMES below (a module's name is its migration's name). Each file spells its
SQL out in full (no string shared with later code, which may change), and
tests/test_migrations.py checks that a database made fresh and one upgraded from every
earlier schema end up with the same schema. Pure data and functions; the runner is
fieldapp/core/database.py. The modules are imported only when a migration is pending
(`load`): their SQL would cost start-up time on every launch.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

NAMES: tuple[str, ...] = (
    "m001_initial",
    "m002_features",
    "m003_radio",
    "m004_sync",
    "m005_monitoring",
    "m006_alerts",
    "m007_exercises",
    "m008_after_action",
    "m009_read_receipts",
    "m010_record_owners",
)


def load(names: Sequence[str] = NAMES) -> list[tuple[str, Callable[[Any], None]]]:
    """(name, apply) of each migration named, in order; imports their modules now (by
    name, in plain import statements: a bundler must see them)."""
    from fieldapp.core.migrations import (
        m001_initial,
        m002_features,
        m003_radio,
        m004_sync,
        m005_monitoring,
        m006_alerts,
        m007_exercises,
        m008_after_action,
        m009_read_receipts,
        m010_record_owners,
    )

    migrations = (m001_initial, m002_features, m003_radio, m004_sync, m005_monitoring, m006_alerts,
                  m007_exercises, m008_after_action, m009_read_receipts,
                  m010_record_owners)  # fmt: skip
    modules = {m.NAME: m for m in migrations}
    return [(name, modules[name].apply) for name in names]
