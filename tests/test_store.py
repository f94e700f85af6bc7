"""The store: saved reports, the outbox, the history and per-field clock stamps."""

from __future__ import annotations

import pytest

from fieldapp.core.errors import NotFoundError, ValidationError
from fieldapp.core.replica import field_stamp
from fieldapp.core.times import utc_now
from fieldapp.reports.query import ReportQuery
from fieldapp.store import Store


def _add(store, operation, **values):
    return store.reports.add(operation["id"], {"title": "Water over the road", **values})


def test_saved_report_reads_back_with_every_field(store, operation):
    saved = _add(
        store,
        operation,
        body="Depth about 40 cm",
        kind="hazard",
        tags="flood, road",
        severity=4,
        lat=43.21,
        lon=2.35,
        accuracy_m=15,
        place="Carcassonne",
        observed_at="2026-11-28T14:05",
        source="social_media",
        source_ref="https://example.org/post/1",
    )
    again = store.reports.get(saved["id"])
    assert again["title"] == "Water over the road"
    assert again["tags"] == ["flood", "road"]
    assert (again["lat"], again["lon"], again["accuracy_m"]) == (43.21, 2.35, 15)
    assert again["observed_at"] == "2026-11-28T14:05:00.000Z"
    assert again["author"] == "alice"
    assert again["status"] == "new" and again["verification"] == "unverified"


def test_report_survives_reopening_the_store(tmp_path):
    with Store(tmp_path, user="bob") as first:
        op = first.operations.create("Storm")
        saved = first.reports.add(op["id"], {"title": "Roof torn off"})
    with Store(tmp_path, user="bob") as second:
        assert second.reports.get(saved["id"])["title"] == "Roof torn off"


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"title": "  "}, "title"),
        ({"severity": 9}, "severity"),
        ({"severity": "high"}, "severity"),
        ({"lat": 100, "lon": 2}, "lat"),
        ({"lat": 43, "lon": -181}, "lon"),
        ({"lat": 43}, "lon"),
        ({"kind": "gossip"}, "kind"),
        ({"observed_at": "yesterday"}, "observed_at"),
        ({"status": "duplicate"}, "duplicate_of"),
        ({"colour": "red"}, "colour"),
    ],
)
def test_invalid_report_names_the_field_and_saves_nothing(store, operation, values, field):
    before = store.db.outbox_count()
    with pytest.raises(ValidationError) as caught:
        _add(store, operation, **values)
    assert field in caught.value.errors
    assert store.db.outbox_count() == before
    assert store.reports.count(ReportQuery(operation["id"])) == 0


def test_every_save_lands_in_the_outbox_in_order(store, operation):
    report = _add(store, operation)
    store.reports.update(report["id"], {"severity": 5})
    store.reports.delete(report["id"])
    entries = store.db.outbox_entries()
    assert [e["entity"] for e in entries] == ["operation", "report", "report", "report"]
    assert entries[2]["fields"] == {"severity": 5}
    assert entries[3]["fields"] == {"deleted": 1}
    assert len({e["op_id"] for e in entries}) == 4
    stamps = [e["hlc"] for e in entries]
    assert stamps == sorted(stamps) and len(set(stamps)) == 4


def test_edit_records_only_changed_fields_in_history(store, operation):
    report = _add(store, operation, severity=2)
    before = utc_now()
    store.reports.update(report["id"], {"severity": 4, "title": "Water over the road"})
    history = store.db.history(report["id"])
    assert [h["action"] for h in history] == ["created", "updated"]
    assert history[1]["changes"] == {"severity": [2, 4]}
    assert history[1]["author"] == "alice"
    assert before <= history[1]["at"] <= utc_now()  # when: the moment of the edit


def test_edit_with_no_change_writes_nothing(store, operation):
    report = _add(store, operation)
    before = store.db.outbox_count()
    store.reports.update(report["id"], {"title": "Water over the road"})
    assert store.db.outbox_count() == before


def test_field_stamps_move_only_for_edited_fields(store, operation):
    report = _add(store, operation)
    edited = store.reports.update(report["id"], {"status": "triaged"})
    assert field_stamp(edited, "status") > field_stamp(edited, "title")
    assert field_stamp(edited, "title") == field_stamp(report, "title")


def test_verdict_is_signed_with_who_and_when(store, operation):
    report = _add(store, operation)
    before = utc_now()
    confirmed = store.reports.update(
        report["id"],
        {"verification": "confirmed", "verification_method": "photo geolocated"},
    )
    assert confirmed["verified_by"] == "alice"
    assert before <= confirmed["verified_at"] <= utc_now()  # the moment of the verdict
    assert confirmed["verification_method"] == "photo geolocated"
    store.db.user = "bruno"  # another volunteer debunks it: signed anew, by them, later
    debunked = store.reports.update(report["id"], {"verification": "debunked"})
    assert debunked["verified_by"] == "bruno"
    assert debunked["verified_at"] >= confirmed["verified_at"]


def test_duplicate_must_point_at_a_report_of_the_operation(store, operation):
    first = _add(store, operation)
    second = _add(store, operation, title="Same flood, other angle")
    with pytest.raises(ValidationError) as caught:
        store.reports.update(second["id"], {"status": "duplicate", "duplicate_of": "nope"})
    assert "duplicate_of" in caught.value.errors
    marked = store.reports.update(
        second["id"], {"status": "duplicate", "duplicate_of": first["id"]}
    )
    assert marked["duplicate_of"] == first["id"]


def test_deleted_report_disappears_but_keeps_history(store, operation):
    report = _add(store, operation)
    store.reports.delete(report["id"])
    with pytest.raises(NotFoundError):
        store.reports.get(report["id"])
    assert store.reports.list(ReportQuery(operation["id"])) == []
    assert store.db.history(report["id"])[-1]["action"] == "deleted"


def test_search_filters_and_sort(store, operation):
    _add(store, operation, title="Inondation à Quillan", severity=5, kind="hazard")
    _add(store, operation, title="Arbre tombé", severity=2, status="closed")
    _add(store, operation, title="Route inondée", severity=3, body="évacuation en cours")

    def titles(**kw):
        return [r["title"] for r in store.reports.list(ReportQuery(operation["id"], **kw))]

    assert titles(search="inond", sort="severity") == ["Inondation à Quillan", "Route inondée"]
    assert titles(search="evacuation") == ["Route inondée"]  # accents do not matter
    assert titles(statuses=frozenset({"closed"})) == ["Arbre tombé"]
    assert titles(sort="severity", descending=False) == [
        "Arbre tombé",
        "Route inondée",
        "Inondation à Quillan",
    ]
    assert titles(search='") OR (') == []  # user text is never FTS syntax


def test_edits_keep_search_in_step(store, operation):
    report = _add(store, operation)
    store.reports.update(report["id"], {"title": "Landslide on D117"})
    query = ReportQuery(operation["id"], search="landslide")
    assert [r["id"] for r in store.reports.list(query)] == [report["id"]]
    assert store.reports.list(ReportQuery(operation["id"], search="water")) == []


def test_reports_belong_to_their_operation(store, operation):
    other = store.operations.create("Exercise Rhône", exercise=True)
    _add(store, operation)
    assert store.reports.list(ReportQuery(other["id"])) == []
    assert [o["exercise"] for o in store.operations.list()] == [True, False]


def test_unknown_operation_is_refused(store):
    with pytest.raises(NotFoundError):
        store.reports.add("no-such-operation", {"title": "x"})


def test_two_connections_never_issue_the_same_stamp(tmp_path):
    with Store(tmp_path) as one, Store(tmp_path) as two:
        op = one.operations.create("Shared")
        for i in range(20):
            (one if i % 2 else two).reports.add(op["id"], {"title": f"r{i}"})
        stamps = [e["hlc"] for e in one.db.outbox_entries()]
    assert len(stamps) == len(set(stamps)) == 21
    assert stamps == sorted(stamps)


def test_pages_follow_the_display_order(store, operation):
    for severity in (3, 1, 5, 2, 4):
        _add(store, operation, severity=severity)
    query = ReportQuery(operation["id"], sort="severity", descending=False, limit=2, offset=2)
    assert [r["severity"] for r in store.reports.list(query)] == [3, 4]


def test_list_rows_carry_what_a_list_row_shows(store, operation):
    long_body = "Water is rising. " * 40
    report = _add(store, operation, body=long_body, place="Nîmes", severity=4)
    row = store.reports.list_rows([report["seq"]])[report["seq"]]
    assert (row["id"], row["title"], row["place"], row["severity"]) == (
        report["id"],
        report["title"],
        "Nîmes",
        4,
    )
    assert row["body"] == long_body[:300]  # enough for a tooltip, not the whole text
    assert store.reports.list_rows([]) == {}


def test_stored_times_must_be_real_dates(store, operation):
    with pytest.raises(ValidationError) as caught:
        _add(store, operation, observed_at="2026-13-45T10:00:00.000Z")
    assert "observed_at" in caught.value.errors


def test_bulk_load_logs_like_single_saves(store, operation):
    single = _add(store, operation, tags="a, b", lat=43.5, lon=2.25, severity=2)
    store.reports.add_bulk(
        operation["id"],
        [{"title": "Water over the road", "tags": "a, b", "lat": 43.5, "lon": 2.25, "severity": 2}],
    )
    single_entry, bulk_entry = store.db.outbox_entries()[-2:]
    assert bulk_entry["row_id"] != single["id"] and bulk_entry["entity"] == "report"
    drop = {"created_at"}
    assert {k: v for k, v in bulk_entry["fields"].items() if k not in drop} == {
        k: v for k, v in single_entry["fields"].items() if k not in drop
    }
    bulk_report = store.reports.list(ReportQuery(operation["id"], search="road", limit=1))[0]
    assert [h["action"] for h in store.db.history(bulk_report["id"])] == ["created"]
    assert store.reports.list(ReportQuery(operation["id"], search="water")) != []


def test_every_committed_write_says_what_it_changed(store, operation):
    store.db.take_changes()  # the operation's creation
    report = store.reports.add(operation["id"], {"title": "Bridge closed"})
    store.reports.update(report["id"], {"severity": 4})
    feature = store.features.add(
        operation["id"], name="Zone", category="flooded_area",
        geometry={"type": "Point", "coordinates": [2.35, 43.21]},
    )  # fmt: skip
    message = store.radio.add(operation["id"], {"text": "NEED WATER", "number": "1"})
    changes = store.db.take_changes()
    assert changes.ids["report"] == {report["id"]}
    assert changes.ids["feature"] == {feature["id"]}
    assert changes.ids["radio_message"] == {message["id"]}
    assert not store.db.take_changes()  # taken once


def test_a_rolled_back_write_changed_nothing(store, operation):
    report = store.reports.add(operation["id"], {"title": "Bridge closed"})
    store.db.take_changes()
    with pytest.raises(RuntimeError), store.db.transaction():
        store.db.update_record("report", report, {"title": ("Bridge closed", "Bridge open")})
        raise RuntimeError("the laptop's battery died")
    assert not store.db.take_changes()
    assert store.reports.get(report["id"])["title"] == "Bridge closed"


def test_a_bulk_load_names_every_loaded_report(store, operation):
    store.db.take_changes()
    store.reports.add_bulk(operation["id"], ({"title": f"r{n}"} for n in range(30)))
    loaded = {r["id"] for r in store.reports.list(ReportQuery(operation["id"]))}
    assert store.db.take_changes().ids == {"report": loaded}


def test_changes_say_whether_they_were_written_here(store, operation):
    """Local writes grow the outbox (the window then sends soon); received ones do not."""
    store.db.take_changes()
    report = store.reports.add(operation["id"], {"title": "Bridge closed"})
    assert store.db.take_changes().local
    store.reports.update(report["id"], {"severity": 4})
    assert store.db.take_changes().local  # an edit
    store.reports.add_bulk(operation["id"], ({"title": f"r{n}"} for n in range(3)))
    assert store.db.take_changes().local  # a bulk load
    with store.db.transaction():
        store.db.update_received("report", report["id"], {"title": "Bridge open"}, {"title": "1"})
    received = store.db.take_changes()
    assert received.ids == {"report": {report["id"]}} and not received.local


def test_the_commit_hook_is_called_once_per_committed_write_and_never_for_a_rollback(
    store, operation
):
    calls: list[int] = []
    store.db.on_committed = lambda: calls.append(len(store.db.take_changes().ids["report"]))
    report = store.reports.add(operation["id"], {"title": "Bridge closed"})
    store.reports.add_bulk(operation["id"], ({"title": f"r{n}"} for n in range(3)))
    with pytest.raises(RuntimeError), store.db.transaction():
        store.db.update_record("report", report, {"title": ("Bridge closed", "Bridge open")})
        raise RuntimeError("the laptop's battery died")
    assert calls == [1, 3]
