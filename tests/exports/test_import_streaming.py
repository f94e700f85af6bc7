"""Large files import streamed (bench/import_bench.py measures the memory): read, checked
and written in batches inside one transaction, so a file refused at its last line
leaves nothing of its first thousand rows; a preview counts everything but keeps only
the first records to show; a file changed after its preview is not imported blind; a
GeoJSON is read a chunk at a time, its features cut anywhere between chunks."""

from __future__ import annotations

import json

import pytest

from fieldapp.exports import intake
from fieldapp.exports.intake import SHOWN, IntakeError, commit, import_file, preview
from fieldapp.exports.read import jsonstream

ROWS = 1_234  # more than two batches of 500


def _csv(path, rows: int, last: str = "") -> None:
    lines = ["titre;latitude;longitude;gravité"]
    lines += [f"Route coupée n°{n};43,{n:04d};2,{n:04d};{1 + n % 5}" for n in range(rows)]
    path.write_text("\n".join([*lines, *([last] if last else [])]) + "\n", encoding="utf-8")


def _counts(store) -> tuple[int, int, int]:
    conn = store.db.conn
    return (
        conn.execute("SELECT count(*) FROM reports").fetchone()[0],
        conn.execute("SELECT count(*) FROM features").fetchone()[0],
        store.db.outbox_count(),
    )


def test_a_file_refused_at_its_last_line_stores_none_of_the_rows_before(store, operation, tmp_path):
    path = tmp_path / "long.csv"
    _csv(path, ROWS, last="Pont;43,1;200;3")  # longitude 200, after 1,234 good rows
    before = _counts(store)
    with pytest.raises(IntakeError, match=f"line {ROWS + 2}: .*longitude"):
        import_file(store, operation["id"], path)
    assert _counts(store) == before


def test_a_preview_counts_all_and_keeps_the_first_to_show(store, operation, tmp_path):
    path = tmp_path / "long.csv"
    _csv(path, ROWS)
    plan = preview(store, operation["id"], path)
    assert (plan.report_count, plan.feature_count, plan.known) == (ROWS, 0, 0)
    assert len(plan.reports) == SHOWN and plan.reports[0].values["title"] == "Route coupée n°0"
    assert _counts(store)[0] == 0  # a preview stores nothing
    outcome = commit(store, plan)
    assert (outcome.reports, outcome.known) == (ROWS, 0)
    assert _counts(store)[0] == ROWS
    again = preview(store, operation["id"], path)
    assert (again.total, again.known, again.new) == (0, ROWS, [])


def test_a_file_changed_after_its_preview_is_not_imported(store, operation, tmp_path):
    path = tmp_path / "long.csv"
    _csv(path, 10)
    plan = preview(store, operation["id"], path)
    _csv(path, 11)  # another row added meanwhile
    with pytest.raises(IntakeError, match="changed since its preview"):
        commit(store, plan)
    assert _counts(store)[0] == 0


def _collection(features: int, name_last: bool = True) -> str:
    items = [
        {"type": "Feature", "id": f"f{n}", "properties": {"name": f"Arbre {n} « tombé »"},
         "geometry": {"type": "Point", "coordinates": [2 + n / 1000, 43.5]}}
        for n in range(features)
    ]  # fmt: skip
    road = {"type": "LineString", "coordinates": [[2.1, 43.1], [2.2, 43.2]]}
    line = {"type": "Feature", "properties": {"name": "D118"}, "geometry": road}
    body = ",\n  ".join(json.dumps(f, ensure_ascii=False) for f in [*items, line])
    head = '{"type": "FeatureCollection",\n "features": [\n  ' + body + "\n ]"
    return head + (',\n "name": "Crue du Gardon"}' if name_last else "}")


def test_geojson_is_read_a_chunk_at_a_time(store, operation, tmp_path, monkeypatch):
    monkeypatch.setattr(jsonstream, "CHUNK", 37)  # features and numbers cut between chunks
    path = tmp_path / "arbres.geojson"
    path.write_text(_collection(700), encoding="utf-8")
    plan, outcome = import_file(store, operation["id"], path)
    assert (outcome.reports, outcome.features) == (700, 1)
    assert plan.name == "Crue du Gardon"  # named after its features
    titles = {r[0] for r in store.db.conn.execute("SELECT title FROM reports")}
    assert "Arbre 699 « tombé »" in titles and len(titles) == 700
    lon = store.db.conn.execute("SELECT lon FROM reports WHERE title = 'Arbre 123 « tombé »'")
    assert lon.fetchone()[0] == pytest.approx(2.123)


@pytest.mark.parametrize(
    ("cut", "where"),
    [
        (lambda text: text[: text.index('"f650"') + 20], "line 653"),  # cut short
        (lambda text: text.replace('300 « tombé »"', '300 « tombé »",', 1), "line 303"),
    ],
)
def test_a_broken_geojson_names_its_line_and_stores_nothing(
    store, operation, tmp_path, monkeypatch, cut, where
):
    monkeypatch.setattr(jsonstream, "CHUNK", 4096)
    monkeypatch.setattr(intake, "_BATCH", 100)  # several batches written before the fault
    path = tmp_path / "cut.geojson"
    path.write_text(cut(_collection(700)), encoding="utf-8")
    with pytest.raises(IntakeError, match=f"{where}, column \\d+: not valid GeoJSON"):
        import_file(store, operation["id"], path)
    assert _counts(store)[:2] == (0, 0)
