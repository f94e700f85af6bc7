"""Imports: a file's items to reports and map features, previewed, then stored at once.

`preview(store, operation_id, path, options)` reads the file (fieldapp/exports/read/),
maps a CSV's columns (columns.py), turns every item into the record it will become and
checks it as the store would: what will be created (n reports, m map features), what
is already here (k), and the notes (what was skipped). Any item that cannot become a
record (a coordinate out of range, a bad severity, a broken file) raises `IntakeError`
naming the line or the element: the whole file is refused. `commit(store, preview)`
then writes every new record in ONE transaction through the replica's write path (an
outbox entry and a history entry each, like `Reports.add`); a failure or a Cancel
rolls it all back.

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
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from shapely.geometry import shape

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
    """What importing a file will do."""

    file: str
    format: str
    name: str
    operation_id: str
    exercise: bool
    reports: list[Planned] = field(default_factory=list)  # new only
    features: list[Planned] = field(default_factory=list)  # new only
    known: int = 0  # items already imported (same id here)
    notes: list[str] = field(default_factory=list)
    columns: list[str] = field(default_factory=list)  # CSV only
    mapping: dict[str, str] = field(default_factory=dict)  # CSV: field -> column

    @property
    def new(self) -> list[Planned]:
        return [*self.reports, *self.features]


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
    options = options or ImportOptions()
    if options.as_ not in (None, *AS_CHOICES):
        raise IntakeError(f"--as must be one of {', '.join(AS_CHOICES)}")
    operation = get_operation(store.db.conn, operation_id)
    try:
        reading = read_path(path, options.encoding)
    except ReadError as exc:
        raise IntakeError(exc.reason, exc.where) from None
    result = Preview(
        path.name, reading.format, reading.name, operation_id, bool(operation["exercise"])
    )
    result.notes = list(reading.notes)
    candidates = _candidates(reading, options, result)
    planned = _plan(candidates, operation_id, options, path.name, result)
    known = _existing(store, planned)
    for item in planned:
        if item.id in known:
            result.known += 1
        else:
            (result.reports if item.entity == "report" else result.features).append(item)
    return result


def commit(store: Store, plan: Preview, ctx: Progress | None = None) -> Outcome:
    """Store every new record of `plan` in one transaction (all or nothing)."""
    db = store.db
    get_operation(db.conn, plan.operation_id)
    total, done = len(plan.new), 0
    created = {"report": 0, "feature": 0}
    with db.transaction():
        # Read again under the write lock: a sync may have brought some since the preview.
        here = _existing(store, plan.new)
        fresh = [p for p in plan.new if p.id not in here]
        now = utc_now()
        for entity, table_rows in _batches(fresh, plan.operation_id, now, db.user):
            if ctx is not None:
                ctx.check()
            db.insert_records(entity, table_rows)
            created[entity] += len(table_rows)
            done += len(table_rows)
            if ctx is not None:
                ctx.progress(done, total)
    known = plan.known + total - len(fresh)
    return Outcome(created["report"], created["feature"], known)


def import_file(
    store: Store, operation_id: str, path: Path, options: ImportOptions | None = None
) -> tuple[Preview, Outcome]:
    plan = preview(store, operation_id, path, options)
    return plan, commit(store, plan)


# -- from items to records ---------------------------------------------------------------


def _candidates(reading: Reading, options: ImportOptions, result: Preview) -> list[Candidate]:
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
    try:
        return table_candidates(table, mapping)
    except ReadError as exc:
        raise IntakeError(exc.reason, exc.where) from None


def _plan(
    candidates: list[Candidate],
    operation_id: str,
    options: ImportOptions,
    file: str,
    result: Preview,
) -> list[Planned]:
    planned: dict[str, Planned] = {}
    strict = result.format in ("csv", "ushahidi")  # a mapped column, not a guess
    for candidate in candidates:
        entity = _entity(candidate, options.as_)
        try:
            values = _values(candidate, entity, file, strict, result.notes)
        except (ValidationError, GeometryError, ValueError) as exc:
            raise IntakeError(str(exc), candidate.where) from None
        item = Planned(
            entity, record_id(operation_id, entity, candidate.key), values, candidate.where
        )
        if item.id in planned:
            result.notes.append(f"{candidate.where}: the same as an earlier item, imported once")
            continue
        planned[item.id] = item
    return list(planned.values())


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


def _batches(
    planned: list[Planned], operation_id: str, now: str, user: str
) -> Iterator[tuple[str, list[dict[str, Any]]]]:
    for entity in ("report", "feature"):
        rows = [_row(p, operation_id, now, user) for p in planned if p.entity == entity]
        for start in range(0, len(rows), _BATCH):
            yield entity, rows[start : start + _BATCH]


def _row(item: Planned, operation_id: str, now: str, user: str) -> dict[str, Any]:
    row = {"id": item.id, "operation_id": operation_id, "created_at": now, **item.values}
    if item.entity == "feature" or not row.get("author"):
        row["author"] = user
    return row
