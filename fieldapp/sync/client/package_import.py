"""Reading an operation package into this store, as if its records had come by sync.

`preview_package(store, path)` reads the whole package and writes nothing: the manifest
(format, version, members), every member against its sha256, every record through the
checks sync applies to a pulled record (`wire.parse_record`: shape and stamps;
`checks.record_problem`: kinds, required fields, the type's own validation, against the
copy here if there is one), the guard rails (an exercise's package never enters a real
operation here, a real one's never an exercise), and says per record type how many
records it would create, update (a field newer in the package: the merge rule of sync,
highest stamp wins) or find already here; and the files it would add.

`import_package(store, path, progress)` copies the files first (each checked against its
sha256 while written, then renamed into the blob store), then applies every record in
ONE transaction with sync's own write path (`insert_received`, `update_received`: the
records' own ids and per-field stamps, no outbox entry, a history entry each), the owner
the server named, and the mark "on the server" where the exporting device had it. Any
problem — a damaged member, a record that fails its checks (named by member and line) —
rolls everything back and removes the files it added: nothing is imported. Importing
twice creates nothing the second time, and a later sync of the same records merges them
(same ids, same stamps) instead of duplicating them.

A device joined to a server as a player receives no controllers' records (injects,
observer notes...: `core/rights.hidden_types`), as its server would send it none: they
are left out, and the preview says so. Functions take a Store and run in its thread.
"""

from __future__ import annotations

import json
import os
import sqlite3
import tempfile
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from fieldapp.core.durable import fsync_dir
from fieldapp.core.hlc import ClockSkewError, Stamp
from fieldapp.core.jsontext import dumps
from fieldapp.core.records import RECORD_TYPES, TABLES, apply_rank
from fieldapp.core.rights import hidden_types
from fieldapp.reports.bulk import deferred_index
from fieldapp.sync.client.incoming import keep_lost_local_edits, rows_by_fields
from fieldapp.sync.client.local import mark_on_server, now_text
from fieldapp.sync.client.package_format import (
    Member,
    PackageError,
    blob_sha,
    member_kind,
    open_zip,
    read_manifest,
    records_entity,
)
from fieldapp.sync.protocol import merge, wire
from fieldapp.sync.protocol.checks import record_problem

if TYPE_CHECKING:
    from fieldapp.store import Store

_CHUNK = 500  # records looked up and written together
NEW, UPDATED, PRESENT = "new", "updated", "present"


class Progress(Protocol):
    """What an import reports to (a job's context, fieldapp/core/tasks.py)."""

    def progress(self, done: int, total: int, text: str = "", data: Any = None) -> None: ...

    def check(self) -> None: ...


@dataclass
class PackagePreview:
    """What a package holds and what importing it would do here."""

    path: Path
    operation: dict[str, Any]  # id, name, description, exercise (the manifest's)
    made_by: str = ""
    created_at: str = ""
    app_version: str = ""
    operation_here: bool = False  # this store already has the operation
    counts: dict[str, dict[str, int]] = field(default_factory=dict)  # entity -> new/...
    left_out: dict[str, int] = field(default_factory=dict)  # entity -> controllers' records
    blobs_new: int = 0
    blobs_present: int = 0
    blobs_missing: int = 0  # attachments whose file the package lacks (sync fetches it)
    warnings: list[str] = field(default_factory=list)

    @property
    def exercise(self) -> bool:
        return bool(self.operation["exercise"])

    def total(self, what: str) -> int:
        return sum(c.get(what, 0) for c in self.counts.values())

    @property
    def records(self) -> int:
        return sum(sum(c.values()) for c in self.counts.values())


def preview_package(store: Store, path: Path, progress: Progress | None = None) -> PackagePreview:
    """Everything the package would do here; nothing is written. PackageError names what
    is wrong (and where) if the package cannot be imported."""
    with _open(path) as (package, manifest):
        return _Walk(store, Path(path), package, manifest, progress, apply=False).run()


def import_package(store: Store, path: Path, progress: Progress | None = None) -> PackagePreview:
    """Import the package in one transaction; returns what it did (as a preview says)."""
    with _open(path) as (package, manifest):
        walk = _Walk(store, Path(path), package, manifest, progress, apply=True)
        added = walk.copy_blobs()
        try:
            with store.db.transaction():
                result = walk.run()
        except BaseException:
            _remove_unused(store, added)
            raise
    result.blobs_new, result.blobs_present = len(added), result.blobs_present - len(added)
    return result


class _Open:
    def __init__(self, path: Path):
        self.path = Path(path)
        self.package: zipfile.ZipFile | None = None

    def __enter__(self) -> tuple[zipfile.ZipFile, dict[str, Any]]:
        if not self.path.is_file():
            raise PackageError(f"{self.path} is not a file")
        self.package = open_zip(self.path)
        try:
            return self.package, read_manifest(self.package)
        except BaseException:
            self.package.close()
            raise

    def __exit__(self, *exc: object) -> None:
        if self.package is not None:
            self.package.close()


def _open(path: Path) -> _Open:
    return _Open(path)


class _Walk:
    """One pass over a package's members: checks every record, counts, and (apply) writes."""

    def __init__(
        self,
        store: Store,
        path: Path,
        package: zipfile.ZipFile,
        manifest: dict[str, Any],
        progress: Progress | None,
        *,
        apply: bool,
    ):
        self.store, self.conn = store, store.conn
        self.package, self.manifest, self.progress, self.apply = (
            package, manifest, progress, apply
        )  # fmt: skip
        self.operation = manifest["operation"]
        self.members: dict[str, dict[str, Any]] = manifest["members"]
        made_by = manifest.get("made_by")
        self.made_by = str(made_by.get("user", "")) if isinstance(made_by, dict) else ""
        self.result = PackagePreview(
            path, dict(self.operation), self.made_by, str(manifest.get("created_at", "")),
            str(manifest.get("app_version", "")),
        )  # fmt: skip
        role = store.db.sync_state("role")
        self.hidden = set(hidden_types(role)) if role else set()
        self.total = sum(m.get("records", 0) for m in self.members.values()
                         if isinstance(m.get("records"), int))  # fmt: skip
        self.done = 0
        self.newest = ""

    # -- the whole pass ------------------------------------------------------------------

    def run(self) -> PackagePreview:
        self._guard()
        names = [n for n in self.members if member_kind(n) == "records"]
        for name in sorted(names, key=lambda n: (apply_rank(records_entity(n)), n)):
            self._records_member(name)
        self._check_counts()
        self._blobs_preview()
        if self.apply:
            self._devices()
            self._observe()
        return self.result

    def _guard(self) -> None:
        """An exercise stays an exercise: never into a real operation, nor the reverse."""
        op = self.operation
        row = self.conn.execute(
            "SELECT name, exercise FROM operations WHERE id = ?", [op["id"]]
        ).fetchone()
        self.result.operation_here = row is not None
        if row is None or bool(row["exercise"]) == op["exercise"]:
            return
        if op["exercise"]:
            raise PackageError(
                f"this package is the EXERCISE {op['name']!r}, and its operation here"
                f" ({row['name']!r}) is a real one: an exercise's records never enter a real"
                " operation; nothing was imported"
            )
        raise PackageError(
            f"this package is the real operation {op['name']!r}, and its operation here"
            f" ({row['name']!r}) is an EXERCISE: a real operation's records never enter an"
            " exercise; nothing was imported"
        )

    def _check_counts(self) -> None:
        counts = self.manifest.get("counts")
        if not isinstance(counts, dict):
            raise PackageError("manifest.json: counts is missing")
        found = {e: sum(c.values()) for e, c in self.result.counts.items()}
        for entity, n in self.result.left_out.items():
            found[entity] = found.get(entity, 0) + n
        if {e: n for e, n in counts.items() if n} != {e: n for e, n in found.items() if n}:
            raise PackageError(
                f"the records do not match the manifest's counts ({counts} listed, {found} found)"
            )
        if found.get("operation") != 1:
            raise PackageError("the package does not carry its operation's record")

    # -- records -------------------------------------------------------------------------

    def _records_member(self, name: str) -> None:
        entity = records_entity(name)
        if entity not in TABLES:
            raise PackageError(f"{name}: unknown record type {entity!r} (a newer FieldApp?)")
        about = self.members[name]
        info = self.package.getinfo(name)
        count = 0
        with Member(self.package, info, about["size"]) as member:
            batch: list[tuple[int, dict]] = []
            for number, line in member.lines():
                if not line.strip():
                    continue
                batch.append((number, self._parse(name, number, line, entity)))
                if len(batch) >= _CHUNK:
                    self._chunk(name, entity, batch)
                    count += len(batch)
                    batch = []
            if batch:
                self._chunk(name, entity, batch)
                count += len(batch)
            member.verify(about["sha256"])
        if about.get("records", count) != count:
            raise PackageError(f"{name}: {count} records; the manifest says {about['records']}")

    def _parse(self, name: str, number: int, line: bytes, entity: str) -> dict:
        where = f"{name} line {number}"
        try:
            record = json.loads(line)
        except ValueError as exc:
            raise PackageError(f"{where}: not a JSON record ({exc})") from None
        if not isinstance(record, dict):
            raise PackageError(f"{where}: not a JSON record")
        if record.get("entity") != entity:
            raise PackageError(
                f"{where}: a {str(record.get('entity'))[:40]!r} record among {entity}s"
            )
        server_at = record.pop("server_at", None)
        if server_at is not None and (type(server_at) is not int or server_at < 0):
            raise PackageError(f"{where}: server_at must be a time in milliseconds")
        try:
            wire.parse_record(record, entity, str(record.get("id")))
        except wire.WireError as exc:
            raise PackageError(f"{where}: {exc}") from None
        if record["operation_id"] != self.operation["id"]:
            raise PackageError(f"{where}: {entity} {record['id']} belongs to another operation")
        if entity == "operation" and record["id"] != self.operation["id"]:
            raise PackageError(f"{where}: another operation than the manifest's")
        flag = record["fields"].get("exercise") if entity == "operation" else None
        if flag is not None and bool(flag) != self.operation["exercise"]:
            raise PackageError(f"{where}: the operation's exercise flag is not the manifest's")
        record["_server_at"] = server_at
        return record

    def _chunk(self, name: str, entity: str, batch: list[tuple[int, dict]]) -> None:
        if self.progress is not None:
            self.progress.check()
        if entity in self.hidden:
            left = self.result.left_out
            left[entity] = left.get(entity, 0) + len(batch)
            return
        current = self._current(entity, [r["id"] for _n, r in batch])
        counts = self.result.counts.setdefault(entity, {NEW: 0, UPDATED: 0, PRESENT: 0})
        seen: set[str] = set()
        history: list[tuple] = []
        fresh: list[tuple[dict, dict]] = []  # (record, its expanded fields): new here
        for number, record in batch:
            where = f"{name} line {number}"
            if record["id"] in seen:
                raise PackageError(f"{where}: {entity} {record['id']} appears twice")
            seen.add(record["id"])
            row = current.get(record["id"])
            self._check(where, entity, record, row)
            outcome = self._outcome(entity, record, row, history, fresh)
            counts[outcome] += 1
            self.newest = max(self.newest, record["s"], *record.get("stamps", {}).values())
        if self.apply:
            self._insert_fresh(entity, fresh, history)
            self.store.db.log_changes(outbox=[], history=history)
        self.done += len(batch)
        if self.progress is not None:
            self.progress.progress(self.done, self.total)

    def _current(self, entity: str, ids: list[str]) -> dict[str, sqlite3.Row]:
        marks = ", ".join("?" * len(ids))
        rows = self.conn.execute(f"SELECT * FROM {TABLES[entity]} WHERE id IN ({marks})", ids)
        return {row["id"]: row for row in rows}

    def _check(self, where: str, entity: str, record: dict, row: sqlite3.Row | None) -> None:
        """The checks sync makes of a pulled record (setaside.refusal), named by line."""
        if row is not None and row["operation_id"] != record["operation_id"]:
            raise PackageError(f"{where}: {entity} {record['id']} is in another operation here")
        current = {k: row[k] for k in row.keys()} if row is not None else {}  # noqa: SIM118
        try:
            problem = record_problem(entity, current, record["fields"], new=row is None)
        except (TypeError, ValueError) as exc:
            problem = f"{entity} has a value this device cannot read ({exc})"
        if problem:
            raise PackageError(f"{where}: {entity} {record['id']}: {problem}")

    def _outcome(
        self,
        entity: str,
        record: dict,
        row: sqlite3.Row | None,
        history: list[tuple],
        fresh: list[tuple[dict, dict]],
    ) -> str:
        remote = wire.expand_record(record)  # type: ignore[arg-type]
        if row is None:
            fresh.append((record, remote))  # inserted with the rest of the chunk
            return NEW
        stamps = json.loads(row["field_hlc"])
        columns = set(row.keys())
        state = {f: (row[f], stamps.get(f, stamps["*"])) for f in remote if f in columns}
        before = dict(state)
        writes = [merge.Write(f, v, s, None) for f, (v, s) in remote.items() if f in columns]
        changed = merge.apply_writes(state, writes)
        if self.apply:
            self._marks(entity, [record])
        if not changed:
            return PRESENT
        if self.apply:
            keep_lost_local_edits(self.store, record, changed, before, state)  # type: ignore[arg-type]
            values = {f: state[f][0] for f in changed}
            self.store.db.update_received(
                entity, record["id"], values, {f: state[f][1] for f in changed}
            )
            diff = {f: (before[f][0], state[f][0]) for f in changed}
            stamp = max(state[f][1] for f in changed)
            history.append((entity, record["id"], stamp, now_text(), self._who(None), "synced",
                            dumps(diff)))  # fmt: skip
        return UPDATED

    def _insert_fresh(self, entity: str, fresh: list[tuple[dict, dict]], history: list) -> None:
        """The chunk's records new here, in a statement per set of fields (one INSERT
        each made a 200,000-report import write for minutes), the search index built
        after them; if one breaks a constraint, record by record, to name it."""
        if not fresh:
            return
        for record, remote in fresh:
            stamp = max(s for _v, s in remote.values()) if remote else record["s"]
            author = self._who(record["fields"].get("author"))
            history.append((entity, record["id"], stamp, now_text(), author, "received", "{}"))
        self.conn.execute("SAVEPOINT fresh")
        try:
            with deferred_index(self.conn, entity, len(fresh)):
                for names, rows in rows_by_fields(r for r, _remote in fresh).items():
                    self.store.db.insert_received_many(entity, names, rows)
        except sqlite3.IntegrityError:
            self.conn.execute("ROLLBACK TO fresh")
            self.conn.execute("RELEASE fresh")
            for record, _remote in fresh:  # in the package's order, as before
                self._insert(entity, record)
        else:
            self.conn.execute("RELEASE fresh")
        self._marks(entity, [record for record, _remote in fresh])

    def _insert(self, entity: str, record: dict) -> None:
        values = {"id": record["id"], "operation_id": record["operation_id"], **record["fields"]}
        stamps = {"*": record["s"], **record.get("stamps", {})}
        try:
            self.store.db.insert_received(entity, values, stamps)
        except sqlite3.IntegrityError as exc:
            raise PackageError(
                f"{entity} {record['id']} cannot be stored ({exc}): the record it belongs to"
                " is neither in the package nor here"
            ) from None

    def _marks(self, entity: str, records: list[dict]) -> None:
        """What the exporting device knew from its server: the owner, on the server."""
        self.conn.executemany(
            "INSERT OR IGNORE INTO sync_owners VALUES (?, ?, ?)",
            [(entity, r["id"], r["owner"]) for r in records if r.get("owner")],
        )
        by_time: dict[int, list[tuple[str, str]]] = {}
        for record in records:
            if record["_server_at"] is not None:
                by_time.setdefault(record["_server_at"], []).append((entity, record["id"]))
        for at, keys in by_time.items():
            mark_on_server(self.conn, keys, at)

    def _who(self, author: Any) -> str:
        who = author if isinstance(author, str) and author else self.made_by or "another device"
        return f"package from {who}"

    # -- files ---------------------------------------------------------------------------

    def _blob_names(self) -> list[str]:
        return [n for n in self.members if member_kind(n) == "blob"]

    def _blobs_preview(self) -> None:
        """Counts the files; in a preview, reads each through its checksum."""
        blobs = self.store.attachments.blobs
        for name in self._blob_names():
            if blobs.has(blob_sha(name)):
                self.result.blobs_present += 1
                continue
            self.result.blobs_new += 1
            if not self.apply:  # an import checked each one as it copied it
                self._read_blob(name, None)
        missing = self.manifest.get("missing_blobs", 0)
        self.result.blobs_missing = missing if isinstance(missing, int) else 0

    def copy_blobs(self) -> list[str]:
        """Copy the files this store lacks, each checked; returns those added."""
        added: list[str] = []
        blobs = self.store.attachments.blobs
        try:
            for name in self._blob_names():
                sha = blob_sha(name)
                if blobs.has(sha):
                    continue
                target = blobs.path(sha)
                target.parent.mkdir(parents=True, exist_ok=True)
                self._read_blob(name, target)
                added.append(sha)
                if self.progress is not None:
                    self.progress.check()
        except BaseException:
            _remove_unused(self.store, added)
            raise
        return added

    def _read_blob(self, name: str, target: Path | None) -> None:
        """Read one file through its checksum (and its name's); into `target` if given."""
        about = self.members[name]
        sha = blob_sha(name)
        if about["sha256"] != sha:
            raise PackageError(f"member {name}: the manifest gives it another sha256")
        with Member(self.package, self.package.getinfo(name), about["size"]) as member:
            if target is None:
                for _chunk in member.chunks():
                    pass
                member.verify(sha)
                return
            fd, tmp_name = tempfile.mkstemp(dir=target.parent, prefix=".incoming-")
            try:
                with os.fdopen(fd, "wb") as out:
                    for chunk in member.chunks():
                        out.write(chunk)
                    out.flush()
                    os.fsync(out.fileno())
                member.verify(sha)
                os.replace(tmp_name, target)
                fsync_dir(target.parent)
            finally:
                Path(tmp_name).unlink(missing_ok=True)

    # -- what sync also keeps ------------------------------------------------------------

    def _devices(self) -> None:
        """The devices the stamps name, so the history says who (never over the server's)."""
        devices = self.manifest.get("devices")
        rows = [
            (d["id"], d["node"], d["name"], d["user"])
            for d in (devices if isinstance(devices, list) else [])
            if isinstance(d, dict) and all(isinstance(d.get(k), str) for k in ("id", "node",
                                                                               "name", "user"))
        ]  # fmt: skip
        self.conn.executemany("INSERT OR IGNORE INTO sync_devices VALUES (?, ?, ?, ?)", rows)

    def _observe(self) -> None:
        """This clock follows the newest stamp, unless it is too far ahead (as sync)."""
        if not self.newest:
            return
        try:
            self.store.db.clock.observe(Stamp.parse(self.newest))
        except ClockSkewError as exc:
            self.result.warnings.append(
                f"a record is stamped ahead of this device's clock ({exc}); check the clock"
            )


def _remove_unused(store: Store, added: list[str]) -> None:
    """Files an import added and that no attachment here names: removed again."""
    for sha in added:
        named = store.conn.execute(
            "SELECT 1 FROM attachments WHERE sha256 = ? OR thumb_sha256 = ? LIMIT 1", [sha, sha]
        ).fetchone()
        if named is None:
            store.attachments.blobs.path(sha).unlink(missing_ok=True)


def entity_counts(preview: PackagePreview) -> Iterator[tuple[str, dict[str, int]]]:
    """The preview's counts in apply order, for a table of what will happen."""
    for entity in sorted(preview.counts, key=lambda e: (apply_rank(e), e)):
        yield entity, preview.counts[entity]


def type_label(entity: str) -> str:
    """A record type in words (English, as the CLI prints it)."""
    declared = RECORD_TYPES.get(entity)
    return declared.label if declared else entity
