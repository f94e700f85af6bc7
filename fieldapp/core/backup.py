"""Backups (SQLite online backup API) and integrity checks of a data directory.

Both read through their own connection, so they may run in a worker thread while the
UI keeps its own. A damaged file is reported in words, never replaced.
"""

from __future__ import annotations

import hashlib
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from fieldapp.core.database import check_schema, connect
from fieldapp.core.durable import commit_temp, temp_beside

BACKUP_DIR = "backups"
KEEP_BACKUPS = 7


def backup_to(db_path: Path, dest: Path) -> Path:
    """A consistent copy of the live database at `dest` (it must not exist yet).

    The source is read as it is (never migrated); a file that is not a FieldApp database
    raises DatabaseError before anything is created.
    """
    dest = Path(dest)
    if dest.exists():
        raise FileExistsError(f"{dest} already exists; choose another name")
    db_path = Path(db_path)
    if not db_path.exists():
        raise FileNotFoundError(f"{db_path} does not exist: there is nothing to back up")
    check_schema(db_path)
    # Read through SQLite with its locks (read-only, never immutable: the window may be
    # writing); written beside dest and renamed, so a backup cut short is never taken for
    # a whole one.
    source = sqlite3.connect(f"{db_path.resolve().as_uri()}?mode=ro", uri=True, timeout=10.0)
    try:
        with temp_beside(dest) as tmp:
            target = sqlite3.connect(tmp)
            try:
                source.backup(target)
                target.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
            finally:
                target.close()
            commit_temp(tmp, dest)
    finally:
        source.close()
    return dest


def rotate(data_dir: Path, keep: int = KEEP_BACKUPS) -> Path:
    """Write a timestamped backup into data_dir/backups and keep only the newest `keep`."""
    folder = Path(data_dir) / BACKUP_DIR
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    made = backup_to(Path(data_dir) / "fieldapp.db", folder / f"fieldapp-{stamp}.db")
    for old in sorted(folder.glob("fieldapp-*.db"))[:-keep]:
        old.unlink()
    return made


def check(data_dir: Path, *, blobs: bool = True, quick: bool = False) -> list[str]:
    """Problems found in the database and the attachment files; empty when all is well.

    `quick` (the check at every start) runs SQLite's quick_check, which skips the
    index-versus-table comparison and the search index check: seconds less at 200,000.
    """
    data_dir = Path(data_dir)
    conn = connect(data_dir / "fieldapp.db", migrate=False)
    try:
        problems = [
            f"database: {row[0]}"
            for row in conn.execute("PRAGMA quick_check" if quick else "PRAGMA integrity_check")
            if row[0] != "ok"
        ]
        if not quick:
            problems += _check_links_and_search(conn)
        if blobs:
            problems += _check_blobs(conn, data_dir / "attachments")
    finally:
        conn.close()
    return problems


def _check_links_and_search(conn: sqlite3.Connection) -> list[str]:
    problems = [f"foreign key: {tuple(row)}" for row in conn.execute("PRAGMA foreign_key_check")]
    try:
        conn.execute("INSERT INTO reports_fts(reports_fts, rank) VALUES ('integrity-check', 1)")
    except sqlite3.DatabaseError as exc:
        problems.append(f"search index: {exc}")
    return problems


def _check_blobs(conn: sqlite3.Connection, root: Path) -> list[str]:
    problems = []
    rows = conn.execute(
        "SELECT filename, sha256 FROM attachments WHERE deleted = 0"
        " UNION ALL SELECT filename, thumb_sha256 FROM attachments"
        " WHERE deleted = 0 AND thumb_sha256 IS NOT NULL"
    )
    for filename, sha in rows:
        path = root / sha[:2] / sha
        if not path.exists():
            problems.append(f"attachment {filename}: file {sha} is missing")
        elif _sha256(path) != sha:
            problems.append(f"attachment {filename}: file {sha} is damaged (hash differs)")
    return problems


def _sha256(path: Path) -> str:
    # an attachment file (content-addressed), never a database file: a plain read is safe
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()
