"""Bad operation packages: each refused with an error naming what is wrong, and nothing
imported — no operation, no record, no file."""

from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path

import pytest

from fieldapp.store import Store
from fieldapp.sync.client.package_export import export_operation
from fieldapp.sync.client.package_format import PackageError
from fieldapp.sync.client.package_import import import_package, preview_package


@pytest.fixture
def package(tmp_path) -> Path:
    """A good package: one operation, two reports, one attached file."""
    with Store(tmp_path / "alice", user="alice") as alice:
        op = alice.operations.create("Crues")["id"]
        report = alice.reports.add(op, {"title": "Digue fissurée", "severity": 4})
        alice.reports.add(op, {"title": "Route coupée", "severity": 3})
        photo = tmp_path / "digue.txt"
        photo.write_text("la digue vue du pont")
        alice.attachments.add(report["id"], photo)
        path = tmp_path / "good.fieldapp-op"
        export_operation(alice, op, path)
    return path


@pytest.fixture
def bob(tmp_path):
    with Store(tmp_path / "bob", user="bob") as store:
        yield store


def members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zipped:
        return {name: zipped.read(name) for name in zipped.namelist()}


def rewrite(path: Path, files: dict[str, bytes], *, fix_checksums: bool = True) -> Path:
    """The package with these members; the manifest's sizes and checksums made to match
    unless `fix_checksums` is false (then only sizes)."""
    manifest = json.loads(files["manifest.json"])
    for name, data in files.items():
        if name in manifest["members"]:
            manifest["members"][name]["size"] = len(data)
            if fix_checksums:
                manifest["members"][name]["sha256"] = hashlib.sha256(data).hexdigest()
    out = path.with_name("bad.fieldapp-op")
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as zipped:
        for name, data in files.items():
            if name != "manifest.json":
                zipped.writestr(name, data)
        zipped.writestr("manifest.json", json.dumps(manifest))
    return out


def refused(store: Store, path: Path, *words: str) -> str:
    with pytest.raises(PackageError) as caught:
        preview_package(store, path)
    with pytest.raises(PackageError):
        import_package(store, path)
    message = str(caught.value)
    for word in words:
        assert word in message, message
    assert store.conn.execute("SELECT count(*) FROM operations").fetchone()[0] == 0
    assert store.conn.execute("SELECT count(*) FROM reports").fetchone()[0] == 0
    blobs = store.data_dir / "attachments"
    assert not blobs.exists() or not any(p.is_file() for p in blobs.rglob("*"))
    return message


def test_a_truncated_package(package, bob):
    cut = package.with_name("cut.fieldapp-op")
    cut.write_bytes(package.read_bytes()[: package.stat().st_size // 2])
    refused(bob, cut, "not a zip file, or a truncated one")


def test_a_file_that_is_not_a_zip(package, bob):
    text = package.with_name("notes.fieldapp-op")
    text.write_text("Bonjour, voici le paquet de l'opération.\n")
    refused(bob, text, "not a zip file")


def test_a_package_from_a_newer_format(package, bob):
    files = members(package)
    manifest = json.loads(files["manifest.json"])
    manifest.update(version=2, app_version="9.0")
    files["manifest.json"] = json.dumps(manifest).encode()
    refused(bob, rewrite(package, files), "newer FieldApp (9.0)", "format 2", "reads format 1")


def test_a_record_altered_after_export_fails_its_checksum(package, bob):
    files = members(package)
    name = "records/report/00001.jsonl"
    files[name] = files[name].replace("Digue fissurée".encode(), b"Digue rompue!!")
    refused(bob, rewrite(package, files, fix_checksums=False), name, "checksum mismatch")


def test_an_altered_attachment_file_fails_its_checksum(package, bob):
    files = members(package)
    [name] = [n for n in files if n.startswith("blobs/")]
    files[name] = b"x" * len(files[name])
    refused(bob, rewrite(package, files, fix_checksums=False), name, "checksum mismatch")


def test_a_record_failing_validation_is_named_by_member_and_line(package, bob):
    files = members(package)
    name = "records/report/00001.jsonl"
    lines = files[name].decode().splitlines()
    record = json.loads(lines[1])
    record["fields"]["severity"] = 9
    lines[1] = json.dumps(record)
    files[name] = ("\n".join(lines) + "\n").encode()
    message = refused(bob, rewrite(package, files), f"{name} line 2", "severity")
    assert record["id"] in message


def test_a_record_of_another_operation_is_refused(package, bob):
    files = members(package)
    name = "records/report/00001.jsonl"
    record = json.loads(files[name].decode().splitlines()[0])
    record["operation_id"] = "01a24000-0000-7000-8000-000000000000"
    files[name] = files[name] + (json.dumps(record) + "\n").encode()
    refused(bob, rewrite(package, files), f"{name} line 3", "another operation")


def test_a_member_with_a_path_outside_the_package(package, bob):
    files = members(package)
    out = package.with_name("escape.fieldapp-op")
    with zipfile.ZipFile(out, "w") as zipped:
        for name, data in files.items():
            zipped.writestr(name, data)
        zipped.writestr("../x", b"owned")
    refused(bob, out, "unsafe member '../x'", "outside the package")
    assert not (bob.data_dir.parent / "x").exists()


def _bomb(package: Path, size: int) -> Path:
    """The package plus a records member of `size` zero bytes, written in chunks."""
    files = members(package)
    out = package.with_name("bomb.fieldapp-op")
    name = "records/report/00002.jsonl"
    manifest = json.loads(files["manifest.json"])
    manifest["members"][name] = {"sha256": "0" * 64, "size": size, "records": 1}
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zipped:
        for member, data in files.items():
            if member != "manifest.json":
                zipped.writestr(member, data)
        with zipped.open(name, "w", force_zip64=True) as handle:
            chunk = bytes(1 << 20)
            for _ in range(size >> 20):
                handle.write(chunk)
        zipped.writestr("manifest.json", json.dumps(manifest))
    return out


def test_a_huge_member_is_refused_before_it_is_read(package, bob):
    refused(bob, _bomb(package, 80 << 20), "records/report/00002.jsonl", "a package allows")


def test_a_member_that_expands_too_many_times_is_a_zip_bomb(package, bob):
    refused(bob, _bomb(package, 16 << 20), "records/report/00002.jsonl", "zip bomb")


def test_a_member_missing_from_the_zip(package, bob):
    files = members(package)
    del files["records/report/00001.jsonl"]
    out = package.with_name("short.fieldapp-op")
    with zipfile.ZipFile(out, "w") as zipped:
        for name, data in files.items():
            zipped.writestr(name, data)
    refused(bob, out, "records/report/00001.jsonl", "listed in the manifest but missing")
