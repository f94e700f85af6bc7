"""PFIF 1.4 export: missing-person reports as person records with one note each, read back
with defusedxml; other kinds left out; a kind filter without missing persons refused;
EXERCISE on every name and note."""

from __future__ import annotations

import pytest
from defusedxml import ElementTree

from fieldapp.exports.formats import ExportError, export
from fieldapp.reports.query import ReportQuery

PFIF = "{http://zesty.ca/pfif/1.4}"


def _root(store, operation, tmp_path, **query):
    path = tmp_path / "out.xml"
    export(store, "pfif", ReportQuery(operation["id"], **query), path)
    return ElementTree.fromstring(path.read_bytes())


def _fill(store, operation) -> None:
    store.reports.add(operation["id"], {
        "title": "Jean Dupont, 78 ans", "kind": "missing_person", "severity": 4,
        "body": "Vu pour la dernière fois près du pont", "place": "Cuxac-d'Aude",
        "lat": 43.2417, "lon": 3.001, "observed_at": "2026-12-05T09:30:00Z"})  # fmt: skip
    store.reports.add(operation["id"], {"title": "Digue fissurée", "kind": "hazard"})


def test_missing_persons_become_pfif_person_records_with_a_note(store, tmp_path):
    operation = store.operations.create("Crues de l'Aude")
    _fill(store, operation)
    root = _root(store, operation, tmp_path)
    assert root.tag == f"{PFIF}pfif"
    persons = root.findall(f"{PFIF}person")
    assert len(persons) == 1  # the hazard is not a person
    person = persons[0]
    assert person.findtext(f"{PFIF}full_name") == "Jean Dupont, 78 ans"
    assert person.findtext(f"{PFIF}source_date") == "2026-12-05T09:30:00Z"
    assert person.findtext(f"{PFIF}entry_date").endswith("Z")
    assert person.findtext(f"{PFIF}person_record_id").startswith("fieldapp.invalid/report.")
    notes = person.findall(f"{PFIF}note")
    assert len(notes) == 1
    note = notes[0]
    assert note.findtext(f"{PFIF}person_record_id") == person.findtext(f"{PFIF}person_record_id")
    assert note.findtext(f"{PFIF}status") == "believed_missing"
    assert note.findtext(f"{PFIF}text") == "Vu pour la dernière fois près du pont"
    assert "Cuxac-d'Aude" in note.findtext(f"{PFIF}last_known_location")
    order = [child.tag.removeprefix(PFIF) for child in person]
    assert order.index("entry_date") < order.index("source_date") < order.index("full_name")


def test_pfif_of_an_exercise_says_exercise(store, tmp_path):
    drill = store.operations.create("Exercice crue", exercise=True)
    _fill(store, drill)
    person = _root(store, drill, tmp_path).find(f"{PFIF}person")
    assert person.findtext(f"{PFIF}full_name") == "EXERCISE: Jean Dupont, 78 ans"
    assert person.findtext(f"{PFIF}note/{PFIF}text").startswith("EXERCISE.")
    assert "EXERCISE" in person.findtext(f"{PFIF}source_name")


def test_a_kind_filter_without_missing_persons_is_refused(store, tmp_path):
    operation = store.operations.create("Crues")
    _fill(store, operation)
    path = tmp_path / "out.xml"
    with pytest.raises(ExportError, match="missing_person reports only"):
        export(store, "pfif", ReportQuery(operation["id"], kinds=frozenset({"hazard"})), path)
    assert not path.exists()


def test_a_stop_midway_leaves_no_file(store, tmp_path, monkeypatch):
    from fieldapp.exports import formats

    operation = store.operations.create("Crues")
    for number in range(5):
        store.reports.add(
            operation["id"], {"title": f"Personne {number}", "kind": "missing_person"}
        )
    monkeypatch.setattr(formats, "PROGRESS_EVERY", 1)
    seen: list[tuple[int, int]] = []

    def stop_at_three(done: int, total: int) -> None:
        seen.append((done, total))
        if done == 3:
            raise InterruptedError("cancelled")

    folder = tmp_path / "out"
    folder.mkdir()
    path = folder / "people.xml"
    with pytest.raises(InterruptedError):
        export(store, "pfif", ReportQuery(operation["id"]), path, progress=stop_at_three)
    assert seen == [(0, 5), (1, 5), (2, 5), (3, 5)]
    assert list(folder.iterdir()) == []  # neither the file nor its part
