"""Official alerts in the store: taken in once, chained by their references, shown only
where they may be (Exercise, Test), and their areas shaped on this laptop."""

from __future__ import annotations

import pytest
from alert_samples import CAP_SAMPLES, samples

from fieldapp.alerts.cap import CapError, parse_cap
from fieldapp.alerts.chains import ACTIVE, CANCELLED, EXPIRED, NOT_REAL
from fieldapp.alerts.intake import import_files, shape_of

FRANCE = "fr_meteofrance_meteoalarm_cap12.xml"
# The Météo-France sample is an Update of this alert (its `references`).
ORIGINAL = ("2.49.0.0.250.0.FR.20221206160108.315028", "2022-12-06T16:01:08+01:00")
UPDATE_ID = "2.49.0.0.250.0.FR.20221207060126.964028"
BEFORE_END = "2022-12-07T04:00:00.000Z"  # the Update expires at 05:01Z


def sample_path(name: str):
    return samples() / "cap" / name


def chain_of_france(tmp_path):
    """The real Update, the Alert it names, and a Cancel of the Update: three files."""
    text = sample_path(FRANCE).read_text(encoding="utf-8")
    refs = text[text.index("<references>") : text.index("</references>") + len("</references>")]
    alert = (
        text.replace(refs, "")
        .replace("<msgType>Update</msgType>", "<msgType>Alert</msgType>")
        .replace(UPDATE_ID, ORIGINAL[0])
        .replace("<sent>2022-12-07T06:01:26+01:00</sent>", f"<sent>{ORIGINAL[1]}</sent>")
    )
    cancel = (
        text.replace("<msgType>Update</msgType>", "<msgType>Cancel</msgType>")
        .replace(UPDATE_ID, UPDATE_ID + ".cancel")
        .replace("<sent>2022-12-07T06:01:26+01:00</sent>", "<sent>2022-12-07T06:30:00+01:00</sent>")
        .replace(
            refs,
            f"<references>vigilance@meteo.fr,{UPDATE_ID},2022-12-07T06:01:26+01:00</references>",
        )
    )
    paths = []
    for name, body in (("alert.xml", alert), ("update.xml", text), ("cancel.xml", cancel)):
        path = tmp_path / name
        path.write_text(body, encoding="utf-8")
        paths.append(path)
    return paths


@pytest.mark.parametrize("name", CAP_SAMPLES)
def test_every_real_sample_is_taken_in_once_even_when_imported_twice(store, operation, name):
    first = import_files(store, operation["id"], [sample_path(name)])
    again = import_files(store, operation["id"], [sample_path(name)])
    assert len(first.taken.new) == 1 and first.taken.known == []
    assert again.taken.new == [] and again.taken.known == first.taken.new
    (chain,) = store.alerts.chains(operation["id"])
    alert = store.alerts.get(first.taken.new[0])
    assert alert["cap"]["identifier"] == alert["identifier"] == chain.current["identifier"]
    assert store.alerts.sources_of(alert["id"])[0][:2] == (f"file:{name}", "alice")
    assert store.conn.execute("SELECT count(*) FROM alerts").fetchone()[0] == 1


@pytest.mark.parametrize(
    ("name", "box"),
    [  # (min lon, min lat, max lon, max lat) the drawn area must fall in
        ("au_nsw_rfs_bushfire_cap12.xml", (146.5, -35.7, 147.5, -35.0)),
        ("us_nws_thunderstorm_cap12.xml", (-120.3, 38.2, -119.6, 38.7)),
        ("ca_envcanada_cap12.xml", (-84.0, 41.5, -74.0, 46.5)),
        ("us_usgs_earthquake_cap11.xml", (-178.0, -22.0, -170.0, -14.0)),
        ("ie_meteireann_meteoalarm_cap12.xml", (-11.0, 51.0, -5.5, 55.5)),
    ],
)
def test_the_area_of_an_alert_is_drawn_where_the_alert_says(store, operation, name, box):
    taken = import_files(store, operation["id"], [sample_path(name)]).taken
    shape = shape_of(store, taken.new[0])
    assert shape is not None and shape["type"] == "MultiPolygon"
    points = [p for polygon in shape["coordinates"] for ring in polygon for p in ring]
    lons, lats = [p[0] for p in points], [p[1] for p in points]
    assert box[0] <= min(lons) and max(lons) <= box[2], (min(lons), max(lons))
    assert box[1] <= min(lats) and max(lats) <= box[3], (min(lats), max(lats))


def test_the_amber_alert_is_drawn_as_los_angeles_county_from_its_same_code(store, operation):
    # Its only area is <geocode><valueName>SAME</valueName><value>006037</value></geocode>.
    import shapely
    from shapely.geometry import shape

    amber = sample_path("us_amber_alert_bilingual_cap12.xml")
    taken = import_files(store, operation["id"], [amber]).taken
    drawn = shape_of(store, taken.new[0])
    assert drawn is not None
    downtown, san_diego = (-118.25, 34.05), (-117.16, 32.72)
    assert shapely.intersects_xy(shape(drawn), *downtown)
    assert not shapely.intersects_xy(shape(drawn), *san_diego)
    (row,) = store.conn.execute("SELECT unresolved FROM alert_shapes").fetchall()
    assert row[0] == "[]"  # nothing left "not drawn"


def test_an_update_then_a_cancel_supersede_the_alert_and_it_leaves_the_active_list(
    store, operation, tmp_path
):
    alert, update, cancel = chain_of_france(tmp_path)
    op = operation["id"]
    import_files(store, op, [alert])
    (chain,) = store.alerts.chains(op, now=BEFORE_END)
    assert (chain.state, chain.current["msg_type"]) == (ACTIVE, "Alert")
    imported = import_files(store, op, [update])
    assert not any("never received" in w for w in imported.warnings)  # the Alert is here
    (chain,) = store.alerts.chains(op, now=BEFORE_END)
    assert [a["msg_type"] for a in chain.alerts] == ["Alert", "Update"]
    assert (chain.state, chain.current["identifier"]) == (ACTIVE, UPDATE_ID)
    import_files(store, op, [cancel])
    (chain,) = store.alerts.chains(op, now=BEFORE_END)
    assert [a["msg_type"] for a in chain.alerts] == ["Alert", "Update", "Cancel"]
    assert chain.state == CANCELLED and not chain.active
    # after its end, an alert nobody cancelled leaves the active list too
    other = store.operations.create("Avalanches")["id"]
    import_files(store, other, [alert, update])
    (chain,) = store.alerts.chains(other, now="2022-12-08T00:00:00.000Z")
    assert chain.state == EXPIRED


def test_an_update_of_an_alert_never_received_is_kept_and_said(store, operation):
    done = import_files(store, operation["id"], [sample_path(FRANCE)])
    assert done.taken.new
    assert any(ORIGINAL[0] in w and "never received" in w for w in done.warnings)
    (chain,) = store.alerts.chains(operation["id"])
    assert chain.missing == [("vigilance@meteo.fr", ORIGINAL[0], "2022-12-06T15:01:08.000Z")]


def test_an_exercise_alert_enters_only_an_exercise_operation(store, operation, tmp_path):
    text = sample_path(FRANCE).read_text(encoding="utf-8")
    path = tmp_path / "exercise.xml"
    path.write_text(text.replace("<status>Actual</status>", "<status>Exercise</status>"))
    real = import_files(store, operation["id"], [path]).taken
    assert real.new == [] and "exercise operation" in real.refused[0][1]
    drill = store.operations.create("Drill", exercise=True)["id"]
    assert len(import_files(store, drill, [path]).taken.new) == 1


@pytest.mark.parametrize("status", ["Test", "System", "Draft"])
def test_test_system_and_draft_messages_never_look_like_real_alerts(
    store, operation, tmp_path, status
):
    text = sample_path(FRANCE).read_text(encoding="utf-8")
    path = tmp_path / "test.xml"
    path.write_text(text.replace("<status>Actual</status>", f"<status>{status}</status>"))
    import_files(store, operation["id"], [path])
    (chain,) = store.alerts.chains(operation["id"], now=BEFORE_END)
    assert chain.state == NOT_REAL and not chain.active


def test_a_refused_file_stores_nothing_of_the_files_imported_with_it(store, operation, tmp_path):
    bad = tmp_path / "bomb.xml"
    bad.write_text('<?xml version="1.0"?><!DOCTYPE a [<!ENTITY b "bb">]><alert>&b;</alert>')
    before = store.db.outbox_count()
    with pytest.raises(CapError, match=r"bomb\.xml"):
        import_files(store, operation["id"], [sample_path(FRANCE), bad])
    assert store.conn.execute("SELECT count(*) FROM alerts").fetchone()[0] == 0
    assert store.db.outbox_count() == before


def test_an_alert_taken_in_twice_writes_no_second_change_to_sync(store, operation):
    import_files(store, operation["id"], [sample_path(FRANCE)])
    before = store.db.outbox_count()
    import_files(store, operation["id"], [sample_path(FRANCE)])
    assert store.db.outbox_count() == before


def test_the_same_alert_has_the_same_id_on_every_laptop(tmp_path):
    from fieldapp.store import Store

    ids = []
    for name in ("a", "b"):
        with Store(tmp_path / name, user=name) as store:
            op = store.operations.create("Crue")
            # the same operation id on both (as after a sync), then each takes the alert in
            store.conn.execute("UPDATE operations SET id = 'op-1' WHERE id = ?", [op["id"]])
            alert = parse_cap(sample_path(FRANCE).read_bytes(), source="x")
            ids.append(store.alerts.take("op-1", [alert], source="file").new)
    assert ids[0] == ids[1] and len(ids[0]) == 1


def test_without_the_boundary_file_alerts_are_taken_in_and_the_reason_said(
    store, operation, monkeypatch, tmp_path
):
    from fieldapp.alerts import boundaries

    monkeypatch.setattr(boundaries, "default_path", lambda: tmp_path / "missing.sqlite")
    done = import_files(store, operation["id"], [sample_path(FRANCE)])
    assert len(done.taken.new) == 1
    assert any("make boundaries" in w for w in done.warnings)


def test_the_folder_s_own_database_is_never_read_as_an_alert(store, operation):
    from fieldapp.core.livefiles import LiveDatabaseError

    with pytest.raises(LiveDatabaseError):
        import_files(store, operation["id"], [store.data_dir / "fieldapp.db"])
    assert store.conn.execute("SELECT count(*) FROM alerts").fetchone()[0] == 0
