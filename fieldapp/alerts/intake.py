"""Taking official alerts in: CAP files chosen by the user, and the shapes of their areas.

A file is read whole and parsed before anything is stored: a file refused (hostile XML,
a missing element, a polygon not closed...) stores nothing, and `CapError` names the file
and the element. Alerts are then taken in one transaction (`Alerts.take`). Their areas'
shapes are derived here, on each laptop, from the CAP content and the boundary data
shipped with the app (`settle_shapes`): local tables, never synced, filled for every
alert whatever brought it (an import here, a sync round), so the map and "which reports
fall inside" read them ready.

Functions of a Store: run them in the thread that opened it (a job, or the CLI).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fieldapp.alerts.alerts import Taken

if TYPE_CHECKING:
    from fieldapp.alerts.cap import CapAlert
    from fieldapp.store import Store

MAX_FILE_BYTES = 5_000_000
Resolver = Callable[[str, str], dict | None]


@dataclass
class Imported:
    """What an import did: the alerts taken, and what deserves a word (warnings)."""

    taken: Taken
    warnings: list[str] = field(default_factory=list)


def read_files(paths: Sequence[Path]) -> list[tuple[CapAlert, str]]:
    """Every file parsed, or CapError naming the first bad one (nothing is stored then)."""
    from fieldapp.alerts.cap import CapError, parse_cap

    parsed = []
    for path in paths:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise CapError(str(path), "file", f"too large ({size:,} bytes; at most 5 MB)")
        parsed.append((parse_cap(path.read_bytes(), source=str(path)), path.name))
    return parsed


def import_files(store: Store, operation_id: str, paths: Sequence[Path]) -> Imported:
    """Take the CAP files in, all or none; shapes of their areas are ready on return. A
    file of the data folder's own database is refused (LiveDatabaseError): only SQLite
    opens those while a connection may be open."""
    from fieldapp.core.livefiles import refuse_live_file

    for path in paths:
        refuse_live_file(path, store.data_dir)
    parsed = read_files(paths)
    return take(store, operation_id, [(alert, f"file:{name}") for alert, name in parsed])


def take(store: Store, operation_id: str, alerts: Iterable[tuple[CapAlert, str]]) -> Imported:
    """Alerts with their source (a file's name, a feed's URL), then their shapes."""
    taken = Taken()
    warnings: list[str] = []
    for alert, source in alerts:
        one = store.alerts.take(operation_id, [alert], source=source)
        taken.new += one.new
        taken.known += one.known
        taken.refused += one.refused
        warnings += [f"{alert.identifier}: {w}" for w in alert.warnings]
    warnings += settle_shapes(store)
    warnings += _unseen_references(store, operation_id, taken.new)
    return Imported(taken, warnings)


def _unseen_references(store: Store, operation_id: str, ids: Sequence[str]) -> list[str]:
    """An Update or Cancel naming an alert never received is kept, and said."""
    words = []
    for chain in store.alerts.chains(operation_id):
        for sender, identifier, sent in chain.missing:
            if any(a["id"] in ids for a in chain.alerts):
                words.append(
                    f"{chain.current['identifier']} refers to an alert never received here: "
                    f"{identifier} from {sender}, sent {sent}"
                )
    return words


def settle_shapes(store: Store, resolve: Resolver | None = None) -> list[str]:
    """Derive the shape of every alert not shaped yet; returns what could not be drawn,
    in words (a geocode the shipped boundaries do not know)."""
    from fieldapp.alerts.cap import alert_from_json
    from fieldapp.alerts.shapes import alert_geometry, unresolved_geocodes

    conn = store.conn
    pending = [r[0] for r in conn.execute("SELECT alert_id FROM alert_unshaped")]
    if not pending:
        return []
    words: list[str] = []
    resolve = resolve or default_resolver(words)
    rows: list[tuple[Any, ...]] = []
    for alert_id in pending:
        row = conn.execute("SELECT identifier, cap FROM alerts WHERE id = ?", [alert_id]).fetchone()
        if row is None:
            continue
        alert = alert_from_json(json.loads(row["cap"]))
        geometry = alert_geometry(alert, resolve)
        missing = unresolved_geocodes(alert, resolve)
        if missing:
            names = ", ".join(f"{n} {v}" for n, v in missing)
            words.append(f"{row['identifier']}: no shape known for {names}")
        box = bounds(geometry) if geometry else (None, None, None, None)
        rows.append((alert_id, json.dumps(geometry) if geometry else None, *box,
                     json.dumps(missing)))  # fmt: skip
    with store.db.transaction():  # local tables only: no record, no outbox
        conn.executemany(
            "INSERT OR REPLACE INTO alert_shapes(alert_id, geometry, min_lon, min_lat, max_lon,"
            " max_lat, unresolved) VALUES (?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
        conn.executemany("DELETE FROM alert_unshaped WHERE alert_id = ?", [[p] for p in pending])
    return words


def default_resolver(problems: list[str] | None = None) -> Resolver:
    """The shipped boundaries' lookup. Without its data file (a build that skipped `make
    boundaries`) every geocode stays unresolved, and `problems` gets the reason once:
    alerts are still taken in, shown and listed, only not drawn from their codes."""
    from fieldapp.alerts.boundaries import BoundariesUnavailable, resolve

    def lookup(name: str, value: str) -> dict | None:
        try:
            return resolve(name, value)
        except BoundariesUnavailable as error:
            if problems is not None and str(error) not in problems:
                problems.append(str(error))
            return None

    return lookup


def bounds(geometry: dict) -> tuple[float, float, float, float]:
    """(min lon, min lat, max lon, max lat) of a Polygon or MultiPolygon."""
    polygons = geometry["coordinates"]
    if geometry["type"] == "Polygon":
        polygons = [polygons]
    lons = [p[0] for polygon in polygons for ring in polygon for p in ring]
    lats = [p[1] for polygon in polygons for ring in polygon for p in ring]
    return min(lons), min(lats), max(lons), max(lats)


def shape_of(store: Store, alert_id: str) -> dict | None:
    """The shape of an alert's area (settled first), or None if nothing is drawable."""
    settle_shapes(store)
    row = store.conn.execute(
        "SELECT geometry FROM alert_shapes WHERE alert_id = ?", [alert_id]
    ).fetchone()
    return json.loads(row[0]) if row and row[0] else None
