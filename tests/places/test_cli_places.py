"""`fieldapp place find|guess`: what a script gets, and the words when nothing matches."""

from __future__ import annotations

import json

from fieldapp.cli.main import main


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_find_prints_the_place_with_its_area_and_position(gazetteer, capsys):
    code, out, _err = run(capsys, "place", "find", "Quillan")
    assert code == 0
    assert out.startswith("Quillan, Aude (11), FR (42.8")
    assert "commune" in out and "inhabitants" in out


def test_find_json_lists_every_place_of_an_ambiguous_name(gazetteer, capsys):
    code, out, _err = run(capsys, "place", "find", "valence", "--json", "--limit", "3")
    assert code == 0
    places = json.loads(out)
    assert [p["label"] for p in places[:2]] == [
        "Valence, Drôme (26), FR",
        "Valence, Tarn-et-Garonne (82), FR",
    ]
    assert len(places) == 3
    assert set(places[0]) == {
        "name", "label", "lat", "lon", "country", "admin", "population", "kind"
    }  # fmt: skip
    assert isinstance(places[0]["lat"], float) and isinstance(places[0]["population"], int)


def test_no_match_exits_1_with_one_clear_line(gazetteer, capsys):
    code, out, err = run(capsys, "place", "find", "Xyzzyqwv")
    assert code == 1
    assert out == ""
    said = "fieldapp: error: no place named 'Xyzzyqwv' in the gazetteer"
    assert err.strip().splitlines() == [said]


def test_guess_json_gives_the_words_and_the_place(gazetteer, capsys):
    text = "Crue de l'Aude : la D117 coupée à Quillan"
    code, out, _err = run(capsys, "place", "guess", text, "--country", "FR", "--json")
    assert code == 0
    [guess] = json.loads(out)
    assert text[guess["start"] : guess["end"]] == guess["text"] == "Quillan"
    assert guess["place"]["admin"] == "Aude (11)"


def test_guess_near_takes_a_position_as_typed(gazetteer, capsys):
    code, out, _err = run(
        capsys, "place", "guess", "Heavy rain near Valence", "--near", "43.0, 2.2", "--json"
    )
    assert code == 0
    assert json.loads(out)[0]["place"]["admin"] == "Tarn-et-Garonne (82)"
    code, _out, err = run(capsys, "place", "guess", "nothing here", "--near", "north pole")
    assert code == 2 and "--near" in err


def test_a_missing_gazetteer_is_said_in_words(monkeypatch, tmp_path, capsys):
    from fieldapp.places import gazetteer as module

    monkeypatch.setattr(module, "resources_dir", lambda: tmp_path)
    code, _out, err = run(capsys, "place", "find", "Quillan")
    assert code == 1
    assert "gazetteer is not installed" in err and "Traceback" not in err
