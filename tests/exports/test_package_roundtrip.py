"""An operation package carries every synced record of an operation to another store:
same ids, same per-field stamps, its files, the EXERCISE flag; a second import creates
nothing, a newer field wins as in sync, and an exercise never mixes with a real
operation."""

from __future__ import annotations

import hashlib
import json

import pytest
from package_kit import fill_every_type, live_counts, stamps_of

from fieldapp.core.bookkeeping import set_state
from fieldapp.core.records import RECORD_TYPES
from fieldapp.core.rights import CONTROLLERS_ONLY
from fieldapp.demo.builder import generate_reports
from fieldapp.reports.query import ReportQuery
from fieldapp.store import Store
from fieldapp.sync.client.package_export import export_operation
from fieldapp.sync.client.package_format import PackageError
from fieldapp.sync.client.package_import import import_package, preview_package


@pytest.fixture
def alice(tmp_path):
    with Store(tmp_path / "alice", user="alice") as store:
        yield store


@pytest.fixture
def bob(tmp_path):
    with Store(tmp_path / "bob", user="bob") as store:
        yield store


def test_every_synced_record_type_travels_with_its_ids_and_stamps(alice, bob, tmp_path):
    ids = fill_every_type(alice)
    package = tmp_path / "crues.fieldapp-op"
    summary = export_operation(alice, ids["operation"], package)
    assert set(summary.counts) == set(RECORD_TYPES)  # a type the package forgot fails here

    done = import_package(bob, package)

    assert done.total("new") == len(RECORD_TYPES)
    assert live_counts(bob, ids["operation"]) == live_counts(alice, ids["operation"])
    for entity, row_id in ids.items():
        assert stamps_of(bob, entity, row_id) == stamps_of(alice, entity, row_id), entity
    assert bob.operations.get(ids["operation"])["exercise"] is True  # EXERCISE travels
    assert bob.reports.get(ids["report"])["title"] == "Digue fissurée"
    assert bob.db.outbox_count() == 0  # as if received by sync: nothing to push back
    [entry] = bob.db.history(ids["report"])
    assert (entry["action"], entry["author"]) == ("received", "package from alice")


def test_attachment_files_land_in_the_blob_store_checked(alice, bob, tmp_path):
    ids = fill_every_type(alice, exercise=False)
    package = tmp_path / "p.fieldapp-op"
    export_operation(alice, ids["operation"], package)
    sha = alice.conn.execute("SELECT sha256 FROM attachments").fetchone()[0]

    plan = preview_package(bob, package)
    assert (plan.blobs_new, plan.blobs_present) == (1, 0)
    assert not bob.attachments.blobs.has(sha)  # a preview writes nothing
    done = import_package(bob, package)

    assert (done.blobs_new, done.blobs_present) == (1, 0)
    path = bob.attachments.blobs.path(sha)
    assert hashlib.sha256(path.read_bytes()).hexdigest() == sha


def test_importing_twice_creates_nothing_the_second_time(alice, bob, tmp_path):
    ids = fill_every_type(alice)
    package = tmp_path / "p.fieldapp-op"
    export_operation(alice, ids["operation"], package)
    import_package(bob, package)
    history = bob.conn.execute("SELECT count(*) FROM history").fetchone()[0]

    again = import_package(bob, package)

    assert again.total("new") == again.total("updated") == 0
    assert again.total("present") == len(RECORD_TYPES)
    assert live_counts(bob, ids["operation"]) == live_counts(alice, ids["operation"])
    assert bob.conn.execute("SELECT count(*) FROM history").fetchone()[0] == history


def test_a_newer_field_wins_on_either_side_as_in_sync(alice, bob, tmp_path):
    op = alice.operations.create("Crues")["id"]
    report = alice.reports.add(op, {"title": "Pont fermé", "severity": 2})
    first = tmp_path / "first.fieldapp-op"
    export_operation(alice, op, first)
    import_package(bob, first)
    bob.db.clock.observe(alice.db.clock.last)
    alice.reports.update(report["id"], {"severity": 4})  # alice: newer severity
    bob.db.clock.observe(alice.db.clock.last)
    bob.reports.update(report["id"], {"title": "Pont fermé (nord)"})
    second = tmp_path / "second.fieldapp-op"
    export_operation(alice, op, second)

    plan = preview_package(bob, second)
    assert plan.counts["report"] == {"new": 0, "updated": 1, "present": 0}
    import_package(bob, second)

    merged = bob.reports.get(report["id"])
    assert (merged["title"], merged["severity"]) == ("Pont fermé (nord)", 4)


@pytest.mark.parametrize("exercise", [True, False])
def test_an_exercise_and_a_real_operation_never_mix(alice, bob, tmp_path, exercise):
    op = alice.operations.create("Crues", exercise=exercise)["id"]
    alice.reports.add(op, {"title": "Digue", "severity": 3})
    package = tmp_path / "p.fieldapp-op"
    export_operation(alice, op, package)
    # bob's copy of the operation has the other flag (e.g. an edited database)
    with bob.db.transaction():
        bob.db.insert_received(
            "operation",
            {"id": op, "operation_id": op, "name": "Crues", "description": "",
             "exercise": int(not exercise), "created_at": "2026-12-01T00:00:00.000Z",
             "deleted": 0},
            {"*": "1796000000000-0000-node"},
        )  # fmt: skip

    with pytest.raises(PackageError, match="EXERCISE") as refused:
        import_package(bob, package)

    words = ("an exercise's records never enter a real operation" if exercise
             else "a real operation's records never enter an exercise")  # fmt: skip
    assert words in str(refused.value)
    assert live_counts(bob, op)["report"] == 0


def test_a_device_that_plays_the_exercise_gets_no_controllers_records(alice, bob, tmp_path):
    ids = fill_every_type(alice)
    package = tmp_path / "p.fieldapp-op"
    export_operation(alice, ids["operation"], package)
    with bob.db.transaction() as conn:
        set_state(conn, {"role": "volunteer"})

    done = import_package(bob, package)

    assert set(done.left_out) == set(CONTROLLERS_ONLY)
    counts = live_counts(bob, ids["operation"])
    assert all(counts[entity] == 0 for entity in CONTROLLERS_ONLY)
    assert counts["report"] == counts["read_receipt"] == 1


def test_the_manifest_names_the_operation_counts_and_checksums(alice, tmp_path):
    import zipfile

    ids = fill_every_type(alice)
    package = tmp_path / "p.fieldapp-op"
    export_operation(alice, ids["operation"], package)
    with zipfile.ZipFile(package) as zipped:
        manifest = json.loads(zipped.read("manifest.json"))
        for name, about in manifest["members"].items():
            assert hashlib.sha256(zipped.read(name)).hexdigest() == about["sha256"]
    assert (manifest["format"], manifest["version"]) == ("fieldapp-operation", 1)
    assert manifest["operation"]["exercise"] is True
    assert manifest["counts"]["report"] == 1 and manifest["app_version"]


def test_a_large_operation_arrives_searchable_with_its_history(alice, bob, tmp_path):
    """Reports are written a chunk at a time with their search index built after them:
    each imported report is found by a word of it, has its "received" history, and is
    known to be on the server as the exporting device knew."""
    operation = alice.operations.create("Crues du Gard")["id"]
    alice.reports.add_bulk(operation, generate_reports(1_200, seed=5))
    alice.reports.add(operation, {"title": "Passerelle emportée à Anduze"})
    package = tmp_path / "p.fieldapp-op"
    export_operation(alice, operation, package)

    done = import_package(bob, package)

    assert done.total("new") == 1_202  # the operation and its reports
    assert bob.reports.count(ReportQuery(operation)) == 1_201
    found = bob.reports.list(ReportQuery(operation, search="passerelle anduze"))
    assert [r["title"] for r in found] == ["Passerelle emportée à Anduze"]
    word_counts = [
        bob.reports.count(ReportQuery(operation, search=word))
        for word in ("crue", "route", "toiture")
    ]
    assert all(word_counts) and word_counts == [
        alice.reports.count(ReportQuery(operation, search=word))
        for word in ("crue", "route", "toiture")
    ]
    received = bob.conn.execute(
        "SELECT count(*) FROM history WHERE action = 'received' AND author LIKE 'package from%'"
    ).fetchone()[0]
    assert received == 1_202 and bob.db.outbox_count() == 0
