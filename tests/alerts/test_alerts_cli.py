"""`fieldapp alert|message|rumour`: the alerts and outreach desk from the command line."""

from __future__ import annotations

import pytest
from alert_samples import samples

CAP = samples() / "cap"


@pytest.fixture(autouse=True)
def _no_user_data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("FIELDAPP_HOME", str(tmp_path / "default-home"))


@pytest.fixture
def run(tmp_path, cli):
    return cli(tmp_path / "data")


@pytest.fixture
def op(run_json) -> dict:
    return run_json("operation", "create", "Crues de l'Aude")


@pytest.fixture
def as_bruno(tmp_path, cli):
    """The same data folder, another user (a second coordinator)."""
    return cli(tmp_path / "data", "--user", "bruno")


def test_alerts_imported_twice_are_listed_once_with_their_chain_and_area(run, run_json, op):
    files = [
        str(CAP / "us_nws_thunderstorm_cap12.xml"),
        str(CAP / "fr_meteofrance_meteoalarm_cap12.xml"),
    ]
    first = run_json("alert", "import", *files)
    again = run_json("alert", "import", *files)
    assert len(first["new"]) == 2 and again["new"] == [] and len(again["known"]) == 2
    assert any("never received" in w for w in first["warnings"])
    chains = run_json("alert", "list")
    assert {c["headline"] for c in chains} == {
        "SEVERE THUNDERSTORM WARNING",
        "Vigilance jaune avalanches",
    }
    assert {c["state"] for c in chains} == {"expired"}
    # A script finds an alert by the identifier its sender gave, then shows it by that.
    (storm,) = [c for c in chains if c["identifier"] == "KSTO1055887203"]
    assert storm["sender"] == "KSTO@NWS.NOAA.GOV"
    assert run_json("alert", "list", "--active") == []
    shown = run_json("alert", "show", storm["identifier"])
    assert shown["severity"] == "Severe" and shown["area"]["type"] == "MultiPolygon"
    assert shown["chain"][0]["msg_type"] == "Alert" and shown["relays"] == []
    french = run_json("alert", "show", "2.49.0.0.250.0.FR.20221207060126.964028")
    annecy = (6.13, 45.90)  # NUTS3 FR718, Haute-Savoie, drawn from the shipped départements
    from shapely.geometry import Point, shape

    assert shape(french["area"]).contains(Point(*annecy))


def test_a_refused_file_names_the_element_and_stores_nothing(run, run_json, op, tmp_path):
    bad = tmp_path / "circle.xml"
    text = (CAP / "au_nsw_rfs_bushfire_cap12.xml").read_text(encoding="utf-8")
    start = text.index("<cap:circle>") + len("<cap:circle>")
    bad.write_text(text[:start] + "-35.3,146.9 -5" + text[text.index("</cap:circle>") :])
    code, _out, err = run("alert", "import", str(CAP / "us_usgs_earthquake_cap11.xml"), str(bad))
    assert code == 1 and "circle.xml" in err and "circle" in err and "nothing was stored" in err
    assert run_json("alert", "list") == []


def test_an_alert_relayed_by_radio_shows_where_it_went(run, run_json, op):
    run_json("alert", "import", str(CAP / "us_nws_wcatwc_tsunami_cap12.xml"))
    relayed = run_json("alert", "relay", "PAAQ-2-lqw6d6", "--radio", "F4ABC")
    assert relayed["text"].endswith("X REF LQW6D6") and len(relayed["text"].split()) <= 25
    message = run_json("radio", "show", relayed["radio_message"])
    assert message["precedence"] == "EMERGENCY" and message["op_note"] == "CAP PAAQ-2-lqw6d6"
    run_json("alert", "relay", "PAAQ-2-lqw6d6", "--channel", "sms", "--via", "mairies")
    relays = run_json("alert", "show", "PAAQ-2-lqw6d6")["relays"]
    assert [(r["channel"], r["via"]) for r in relays] == [("radio", "F4ABC"), ("sms", "mairies")]


def test_two_people_publish_a_message_and_a_rumour_is_debunked(run, run_json, as_bruno, op):
    draft = run_json(
        "message",
        "add",
        "D118 coupée",
        "--sms",
        "Crue: evitez la D118",
        "--mastodon",
        "Crue : évitez la D118",
        "--hashtag",
        "Aude",
    )
    code, _out, err = run("message", "approve", draft["id"])
    assert code == 2 and "cannot approve" in err  # refused (2), nothing changed
    code, out, _err = as_bruno("message", "approve", draft["id"])
    assert code == 0 and "approved by bruno" in out
    code, _out, _err = run(
        "message",
        "publish",
        draft["id"],
        "--channel",
        "mastodon",
        "--via",
        "@visov",
        "--link",
        "https://mastodon.example/@visov/1",
    )
    assert code == 0
    shown = run_json("message", "show", draft["id"])
    assert shown["status"] == "published" and shown["approved_by"] == "bruno"
    assert shown["published"]["mastodon"] == "Crue : évitez la D118\n\n#Aude"
    assert [r["link"] for r in shown["relays"]] == ["https://mastodon.example/@visov/1"]
    rumour = run_json("rumour", "add", "Le barrage a cédé")
    report = run_json("report", "add", "--title", "Rumeur du barrage entendue au marché")
    assert run("rumour", "link", rumour["id"], report["id"])[0] == 0
    code, _out, _err = run(
        "rumour",
        "status",
        rumour["id"],
        "debunked",
        "--verification",
        "EDF: rien",
        "--message",
        draft["id"],
    )
    assert code == 0
    (listed,) = run_json("rumour", "list")
    assert (listed["status"], listed["sightings"], listed["message_id"]) == (
        "debunked",
        1,
        draft["id"],
    )


def test_an_exercise_s_message_says_exercice_on_every_channel(run, run_json):
    run_json("operation", "create", "Exercice crue", "--exercise")
    draft = run_json(
        "message",
        "add",
        "Évacuation",
        "--sms",
        "Evacuez le camping",
        "--x",
        "Évacuez le camping du Moulin",
    )
    shown = run_json("message", "show", draft["id"])
    assert shown["exercise"] is True
    assert shown["published"] == {
        "sms": "EXERCICE Evacuez le camping",
        "x": "EXERCICE Évacuez le camping du Moulin",
    }
