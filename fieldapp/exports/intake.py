"""Imports: a file's items to reports and map features, previewed, then stored at once.

`preview(store, operation_id, path, options)` reads the file (fieldapp/exports/read/),
maps a CSV's columns (columns.py), turns every item into the record it will become and
checks it as the store would: what will be created (n reports, m map features), what
is already here (k), and the notes (what was skipped). Any item that cannot become a
record (a coordinate out of range, a bad severity, a broken file) raises `IntakeError`
naming the line or the element: the whole file is refused. `commit(store, preview)`
then reads the file again and writes every new record in ONE transaction through the
replica's write path (an outbox entry and a history entry each, like `Reports.add`); a
failure, a Cancel, or a file changed since its preview rolls it all back.
`import_file` does both in one reading: it writes as it checks, in the same one
transaction, so a file refused at its last line leaves nothing either.

Streamed: items are read, checked and written in batches of 500 (CSV and GeoJSON files
are read as they go, fieldapp/exports/read/), and a preview keeps only its counts and
the first `SHOWN` new records of each kind to show; so 100,000 rows never sit in memory
as records (bench/import_bench.py). Only the ids met so far are kept, to import an item
repeated in its file once.

Idempotent by id: an imported record's id is a UUIDv5 of (operation, record type, the
item's key in its file — its own id or guid, else its index — and its content). The
same file imported twice, or on two laptops that then sync, gives the same ids, so
nothing is created twice and no extra table or column is needed; an item deleted after
an import stays deleted (its tombstone holds the id).

By default points become reports and lines and areas map features; `as_="reports"`
makes every item a report (a shape at its representative point), `as_="features"`
every item a map feature. Functions take a `Store` and run in the thread that opened
it. No Qt.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from shapely.geometry import shape

from fieldapp.core.batches import batched
from fieldapp.core.errors import ValidationError
from fieldapp.core.operations import get_operation
from fieldapp.core.times import parse_time, utc_now
from fieldapp.exports.columns import apply_overrides, guess_mapping
from fieldapp.exports.read import Candidate, ReadError, Reading, read_path
from fieldapp.exports.rows import table_candidates
from fieldapp.maps.features import CATEGORIES, validate_feature
from fieldapp.maps.geometry import GeometryError, read_geometry
from fieldapp.reports import domain

if TYPE_CHECKING:
    from fieldapp.store import Store

AS_CHOICES = ("reports", "features")
_NAMESPACE = uuid.UUID("5b2e8c1d-9f3a-5e7b-8c4d-3a2b1c0d9e8f")  # imported ids: never change it
_BATCH = 500
SHOWN = 100  # new records of each kind a preview keeps, to show
_SEVERITY_WORDS = {
    "minor": 2, "low": 2, "faible": 2, "moderate": 3, "medium": 3, "moyen": 3,
    "moyenne": 3, "severe": 4, "high": 4, "elevee": 4, "élevée": 4, "extreme": 5,
    "critical": 5, "critique": 5,
}  # fmt: skip


class IntakeError(ValueError):
    """The file is refused: `where` names the line or element; nothing was stored."""

    def __init__(self, message: str, where: str = ""):
        super().__init__(f"{where}: {message}" if where else message)
        self.where = where
        # A CSV whose columns could not all be mapped: what a mapping dialog offers.
        self.columns: list[str] = []
        self.mapping: dict[str, str] = {}


class Progress(Protocol):
    """What `commit` reports to (a job's context, fieldapp/core/tasks.py)."""

    def progress(self, done: int, total: int, text: str = "", data: Any = None) -> None: ...

    def check(self) -> None: ...


@dataclass(frozen=True)
class ImportOptions:
    as_: str | None = None  # "reports", "features", or None: by shape
    overrides: Mapping[str, str] = field(default_factory=dict)  # CSV: column -> field
    encoding: str | None = None  # CSV: when the file is not UTF-8


@dataclass(frozen=True)
class Planned:
    """One record the import will create."""

    entity: str  # "report" or "feature"
    id: str
    values: dict[str, Any]  # stored form (validated)
    where: str


@dataclass
class Preview:
    """What importing a file will do: counts, and the first new records to show."""

    file: str
    format: str
    name: str
    operation_id: str
    exercise: bool
    reports: list[Planned] = field(default_factory=list)  # the first SHOWN new ones
    features: list[Planned] = field(default_factory=list)  # the first SHOWN new ones
    report_count: int = 0  # new reports in all
    feature_count: int = 0  # new map features in all
    known: int = 0  # items already imported (same id here)
    notes: list[str] = field(default_factory=list)
    columns: list[str] = field(default_factory=list)  # CSV only
    mapping: dict[str, str] = field(default_factory=dict)  # CSV: field -> column
    path: Path | None = None  # what commit reads again
    options: ImportOptions = field(default_factory=ImportOptions)
    stamp: tuple[int, int] = (0, 0)  # the file's size and time when previewed

    @property
    def new(self) -> list[Planned]:
        """The new records shown (all of them when there are at most SHOWN of each)."""
        return [*self.reports, *self.features]

    @property
    def total(self) -> int:
        """How many records the import will create."""
        return self.report_count + self.feature_count

    def add(self, item: Planned) -> None:
        """Count a new record (and keep it to show, if among the first)."""
        shown = self.reports if item.entity == "report" else self.features
        if len(shown) < SHOWN:
            shown.append(item)
        if item.entity == "report":
            self.report_count += 1
        else:
            self.feature_count += 1


@dataclass(frozen=True)
class Outcome:
    reports: int
    features: int
    known: int


def record_id(operation_id: str, entity: str, key: str) -> str:
    """The id of an imported item: the same for the same item of the same file."""
    return str(uuid.uuid5(_NAMESPACE, f"{operation_id}\n{entity}\n{key}"))


def preview(
    store: Store, operation_id: str, path: Path, options: ImportOptions | None = None
) -> Preview:
    """Read, map and check the file; raises IntakeError if any item is refused."""
    result = _start(store, operation_id, path, options)
    for chunk in batched(_walk(result), _BATCH):
        known = _existing(store, chunk)
        for item in chunk:
            if item.id in known:
                result.known += 1
            else:
                result.add(item)
    return result


def commit(store: Store, plan: Preview, ctx: Progress | None = None) -> Outcome:
    """Store every new record of `plan` in one transaction (all or nothing), reading
    its file again; IntakeError if the file changed since the preview."""
    if plan.path is None:
        raise IntakeError("nothing to import: preview the file first")
    if _stamp(plan.path) != plan.stamp:
        raise IntakeError("the file changed since its preview: preview it again", plan.file)
    again = _start(store, plan.operation_id, plan.path, plan.options)
    return _store(store, again, ctx, plan.total + plan.known)


def import_file(
    store: Store, operation_id: str, path: Path, options: ImportOptions | None = None
) -> tuple[Preview, Outcome]:
    """Read, check and store the file in one pass and one transaction (all or nothing);
    the preview it returns says what was found."""
    plan = _start(store, operation_id, path, options)
    return plan, _store(store, plan, None, 0)


def _start(store: Store, operation_id: str, path: Path, options: ImportOptions | None) -> Preview:
    options = options or ImportOptions()
    if options.as_ not in (None, *AS_CHOICES):
        raise IntakeError(f"--as must be one of {', '.join(AS_CHOICES)}")
    operation = get_operation(store.db.conn, operation_id)
    stamp = _stamp(path)
    return Preview(
        path.name, "", path.stem, operation_id, bool(operation["exercise"]),
        path=path, options=options, stamp=stamp,
    )  # fmt: skip


def _stamp(path: Path) -> tuple[int, int]:
    try:
        status = path.stat()
    except OSError as exc:
        raise IntakeError(f"cannot read {path.name} ({exc.strerror or exc})") from None
    return status.st_size, status.st_mtime_ns


def _store(store: Store, plan: Preview, ctx: Progress | None, total: int) -> Outcome:
    """Write the new records of `plan`'s file as they are read, in one transaction."""
    db = store.db
    done, now = 0, utc_now()
    with db.transaction():
        for chunk in batched(_walk(plan), _BATCH):
            if ctx is not None:
                ctx.check()
            # Read under the write lock: a sync may have brought some since the preview.
            existing = _existing(store, chunk)
            fresh = [item for item in chunk if item.id not in existing]
            for entity in ("report", "feature"):
                rows = [_row(p, plan.operation_id, now, db.user) for p in fresh
                        if p.entity == entity]  # fmt: skip
                if rows:
                    db.insert_records(entity, rows)
            for item in fresh:
                plan.add(item)
            plan.known += len(chunk) - len(fresh)
            done += len(chunk)
            if ctx is not None:
                ctx.progress(min(done, total), max(total, done))
    return Outcome(plan.report_count, plan.feature_count, plan.known)


# -- from items to records ---------------------------------------------------------------


def _walk(result: Preview) -> Iterator[Planned]:
    """The records `result`'s file will become, read, mapped and checked one by one
    (filling in its format, name, notes and CSV columns); IntakeError at the first item
    refused."""
    assert result.path is not None
    try:
        reading = read_path(result.path, result.options.encoding)
        result.format, result.name, result.notes = reading.format, reading.name, reading.notes
        candidates = _candidates(reading, result.options, result)
        yield from _planned(candidates, result)
    except ReadError as exc:
        raise IntakeError(exc.reason, exc.where) from None
    result.name = reading.name  # a streamed GeoJSON may name itself after its features


def _candidates(reading: Reading, options: ImportOptions, result: Preview) -> Iterable[Candidate]:
    if reading.table is None:
        return reading.candidates
    table = reading.table
    try:
        mapping = apply_overrides(guess_mapping(table.columns), table.columns, options.overrides)
    except ValueError as exc:
        raise IntakeError(str(exc)) from None
    result.columns, result.mapping = list(table.columns), mapping
    problem = ""
    if "title" not in mapping:
        problem = (
            "no column gives a title; name one with --map COLUMN=title "
            f"(columns: {', '.join(table.columns)})"
        )
    elif ("lat" in mapping) != ("lon" in mapping):
        missing = "lon" if "lat" in mapping else "lat"
        problem = f"no column gives the {missing}; name it with --map COLUMN={missing}"
    if problem:
        error = IntakeError(problem)
        error.columns, error.mapping = result.columns, mapping
        raise error
    if "lat" not in mapping:
        result.notes.append("no latitude and longitude columns: the reports will have no place")
    return table_candidates(table, mapping)


def _planned(candidates: Iterable[Candidate], result: Preview) -> Iterator[Planned]:
    seen: set[str] = set()
    strict = result.format in ("csv", "ushahidi")  # a mapped column, not a guess
    for candidate in candidates:
        entity = _entity(candidate, result.options.as_)
        try:
            values = _values(candidate, entity, result.file, strict, result.notes)
        except (ValidationError, GeometryError, ValueError) as exc:
            raise IntakeError(str(exc), candidate.where) from None
        item_id = record_id(result.operation_id, entity, candidate.key)
        if item_id in seen:
            result.notes.append(f"{candidate.where}: the same as an earlier item, imported once")
            continue
        seen.add(item_id)
        yield Planned(entity, item_id, values, candidate.where)


def _entity(candidate: Candidate, as_: str | None) -> str:
    if as_ == "reports":
        return "report"
    if as_ == "features":
        return "feature"
    point = candidate.geometry is None or candidate.geometry["type"] == "Point"
    return "report" if point else "feature"


def _values(
    candidate: Candidate, entity: str, file: str, strict: bool, notes: list[str]
) -> dict[str, Any]:
    geometry = read_geometry(candidate.geometry) if candidate.geometry is not None else None
    if entity == "feature":
        if geometry is None:
            raise ValueError("a map feature needs a place (latitude and longitude)")
        category = (candidate.category or "").strip().lower().replace(" ", "_")
        return validate_feature(
            {
                "name": _cut(candidate.title, 200),
                "category": category if category in CATEGORIES else "other",
                "notes": candidate.description,
                "geometry": geometry,
            }
        )
    values: dict[str, Any] = {
        "title": _cut(candidate.title, domain.TITLE_MAX),
        "body": candidate.description,
        "kind": _kind(candidate.kind, notes),
        "severity": _severity(candidate.severity),
        "place": candidate.place,
        "observed_at": _time(candidate, strict, notes),
        "tags": [candidate.folder.rsplit(" / ", 1)[-1]] if candidate.folder else [],
        "source": "other",
        "source_ref": _cut(f"{file}: {candidate.where}", 300),
    }
    if geometry is not None:
        values["lon"], values["lat"] = _point(geometry)
    return domain.to_db(domain.validate_report(values))


def _point(geometry: dict[str, Any]) -> tuple[float, float]:
    """A point's position, or a representative point inside a line or an area."""
    if geometry["type"] == "Point":
        lon, lat = geometry["coordinates"][:2]
        return lon, lat
    point = shape(geometry).representative_point()
    return round(point.x, 7), round(point.y, 7)


def _kind(value: str | None, notes: list[str]) -> str:
    if not value:
        return "observation"
    kind = value.strip().lower().replace(" ", "_").replace("-", "_")
    if kind in domain.KINDS:
        return kind
    note = f"kind {value!r} is not one of FieldApp's: imported as observation"
    if note not in notes:
        notes.append(note)
    return "observation"


def _severity(value: str | None) -> Any:
    if value is None or not str(value).strip():
        return 3
    text = str(value).strip().lower()
    return _SEVERITY_WORDS.get(text, text)  # a number is checked by validate_report


def _time(candidate: Candidate, strict: bool, notes: list[str]) -> str | None:
    if not candidate.time:
        return None
    try:
        return parse_time(candidate.time)
    except ValueError:
        if strict:
            raise
        notes.append(f"{candidate.where}: time {candidate.time!r} not understood, left out")
        return None


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


# -- the store ---------------------------------------------------------------------------


def _existing(store: Store, planned: list[Planned]) -> set[str]:
    """Ids of `planned` already in the store (deleted ones too: a tombstone counts)."""
    found: set[str] = set()
    for entity, table in (("report", "reports"), ("feature", "features")):
        ids = [p.id for p in planned if p.entity == entity]
        for start in range(0, len(ids), _BATCH):
            chunk = ids[start : start + _BATCH]
            marks = ", ".join("?" * len(chunk))
            rows = store.db.conn.execute(f"SELECT id FROM {table} WHERE id IN ({marks})", chunk)
            found.update(row[0] for row in rows)
    return found


def _row(item: Planned, operation_id: str, now: str, user: str) -> dict[str, Any]:
    row = {"id": item.id, "operation_id": operation_id, "created_at": now, **item.values}
    if item.entity == "feature" or not row.get("author"):
        row["author"] = user
    return row
