"""Exports of an operation's reports and map features, by format: what `fieldapp export`
and the window's File ▸ Export… write. The file is written beside its final name and
renamed into place when whole (a failure or a cancel leaves no half file).

Functions of a Store: the thread that opened it (a job, or the CLI).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from fieldapp.core.durable import commit_temp, temp_beside
from fieldapp.core.operations import get_operation
from fieldapp.exports import selection
from fieldapp.exports.out import csvout, geojson, gpx, kml, pfif, umap, ushahidi
from fieldapp.exports.out.common import Export
from fieldapp.reports.query import ReportQuery, count_sql

if TYPE_CHECKING:
    from fieldapp.store import Store


@dataclass(frozen=True)
class Format:
    name: str
    suffix: str
    write: Callable[..., int]
    by_kind: bool = False  # the writer wants its reports grouped by kind
    features: bool = True  # it holds map features too
    kinds: frozenset[str] = frozenset()  # only these kinds of report (empty: any)


FORMATS = {
    "geojson": Format("geojson", ".geojson", geojson.write),
    "csv": Format("csv", ".csv", csvout.write, features=False),
    "kml": Format("kml", ".kml", kml.write, by_kind=True),
    "gpx": Format("gpx", ".gpx", gpx.write),
    "umap": Format("umap", ".umap", umap.write, by_kind=True),
    "ushahidi": Format("ushahidi", ".csv", ushahidi.write, features=False),
    "pfif": Format("pfif", ".xml", pfif.write, features=False, kinds=frozenset({pfif.KIND})),
}


class ExportError(ValueError):
    """An export that cannot be written, in words (nothing was written)."""


Progress = Callable[[int, int], None]  # reports written, reports; may raise to stop
PROGRESS_EVERY = 1000


def export(
    store: Store,
    name: str,
    query: ReportQuery,
    path: Path,
    *,
    hxl: bool = False,
    progress: Progress | None = None,
) -> int:
    """Write the reports matching `query` (and the operation's features, where the format
    holds them) to `path`; the number of items written. `progress(done, total)` is called
    every PROGRESS_EVERY reports; an exception it raises (a cancel) stops the export and
    leaves no file."""
    chosen = FORMATS.get(name)
    if chosen is None:
        raise ExportError(f"unknown format {name!r}: one of {', '.join(FORMATS)}")
    if hxl and name != "csv":
        raise ExportError("--hxl adds HXL hashtags to a CSV file only")
    query = _narrowed(chosen, query)
    operation = get_operation(store.conn, query.operation_id)
    content = Export(
        operation["name"],
        bool(operation["exercise"]),
        _counted(store, query, selection.reports(store, query, by_kind=chosen.by_kind), progress),
        selection.features(store, query.operation_id) if chosen.features else (),
    )
    with temp_beside(path) as tmp:
        with tmp.open("w", encoding="utf-8", newline="") as out:
            count = _write(chosen, content, out, hxl)
        commit_temp(tmp, path)
    return count


def _counted(
    store: Store, query: ReportQuery, items: Iterable[dict[str, Any]], progress: Progress | None
) -> Iterator[dict[str, Any]]:
    if progress is None:
        yield from items
        return
    sql, params = count_sql(query)
    total = store.conn.execute(sql, params).fetchone()[0]
    progress(0, total)
    done = 0
    for item in items:
        yield item
        done += 1
        if done % PROGRESS_EVERY == 0:
            progress(done, total)
    progress(done, total)


def _narrowed(chosen: Format, query: ReportQuery) -> ReportQuery:
    """The query of a format holding some kinds only (PFIF: missing persons)."""
    if not chosen.kinds:
        return query
    kinds = (query.kinds or chosen.kinds) & chosen.kinds
    if not kinds:
        wanted = ", ".join(sorted(chosen.kinds))
        raise ExportError(f"{chosen.name} holds {wanted} reports only: the kind filter has none")
    return replace(query, kinds=kinds)


def _write(chosen: Format, content: Export, out: IO[str], hxl: bool) -> int:
    if chosen.name == "csv":
        return chosen.write(content, out, hxl=hxl)
    return chosen.write(content, out)
