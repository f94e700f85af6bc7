"""Backups and integrity checks."""

from __future__ import annotations

from PIL import Image

from fieldapp.core import backup
from fieldapp.reports.query import ReportQuery
from fieldapp.store import Store


def test_backup_holds_the_saved_reports(store, operation, tmp_path):
    store.reports.add(operation["id"], {"title": "Shelter open at the gym"})
    made = backup.rotate(store.data_dir)
    restored_dir = tmp_path / "restored"
    restored_dir.mkdir()
    made.rename(restored_dir / "fieldapp.db")
    with Store(restored_dir) as restored:
        titles = [r["title"] for r in restored.reports.list(ReportQuery(operation["id"]))]
    assert titles == ["Shelter open at the gym"]


def test_rotation_keeps_the_newest(store):
    made = [backup.rotate(store.data_dir, keep=2) for _ in range(4)]
    kept = sorted((store.data_dir / "backups").iterdir())
    assert kept == made[-2:]


def test_check_is_clean_then_finds_a_damaged_photo(store, operation, tmp_path):
    report = store.reports.add(operation["id"], {"title": "Flooded cellar"})
    photo = tmp_path / "cellar.png"
    Image.new("RGB", (64, 64), (200, 10, 10)).save(photo)
    attached = store.attachments.add(report["id"], photo)
    assert backup.check(store.data_dir) == []
    store.attachments.blobs.path(attached["sha256"]).write_bytes(b"bit rot")
    problems = backup.check(store.data_dir)
    assert len(problems) == 1 and "cellar.png" in problems[0] and "damaged" in problems[0]


def test_a_check_reads_an_older_schema_without_migrating_it(tmp_path, monkeypatch):
    import hashlib

    from fieldapp.core import database as schema

    with monkeypatch.context() as old_version:
        old_version.setattr(schema, "KNOWN", schema.KNOWN[:1])
        with Store(tmp_path, user="bob") as old:
            old.reports.add(old.operations.create("Storm")["id"], {"title": "Roof torn off"})
    database = tmp_path / "fieldapp.db"
    before = hashlib.sha256(database.read_bytes()).hexdigest()
    assert backup.check(tmp_path) == []
    assert hashlib.sha256(database.read_bytes()).hexdigest() == before  # not migrated
