"""Issue 13: a device that receives a value it cannot store says so in words and keeps
going; no listing ever crashes on it. The bad values are put straight into a real
server's database (SQLite and PostgreSQL), as data stored before the server checked
values, or by an older server, would be: the server itself refuses them today."""

from __future__ import annotations

import json

from clientkit import Peer, enroll
from sqlalchemy import select, update

from fieldapp.cli.main import main
from fieldapp.reports.query import ReportQuery
from fieldapp.sync.protocol import wire
from fieldapp.sync.server import tables as t
from fieldapp.sync.server.db import next_seqs


def _spoil(server, row_id: str, change) -> None:
    """Change a stored record's fields by hand, with a new sequence number and no origins
    (so that every device pulls it again, its writer too) and a newer stamp on each
    changed field."""
    with server.db.write() as conn:
        row = conn.execute(select(t.records).where(t.records.c.id == row_id)).one()
        fields = json.loads(row.fields)
        stamp = max(s for _v, s in fields.values())
        newer = f"{int(stamp[:13]) + 1:013d}{stamp[13:]}"
        spoilt = change({k: v for k, (v, _s) in fields.items()})
        fields = {k: fields[k] if k in fields and fields[k][0] == v else [v, newer]
                  for k, v in spoilt.items()}  # fmt: skip
        seq = next_seqs(conn, 1)
        conn.execute(update(t.records).where(t.records.c.id == row_id)
                     .values(fields=json.dumps(fields), seq=seq, origins=None))  # fmt: skip


def _without(name: str):
    return lambda fields: {k: v for k, v in fields.items() if k != name}


def test_a_pulled_record_the_desktop_cannot_store_is_set_aside_and_named(server, tmp_path, capsys):
    url = server.url.removesuffix(wire.API)
    carla = Peer(tmp_path, "carla", url, enroll(server, "carla"))
    op = carla.store.operations.create("Storm")["id"]
    bridge = carla.store.reports.add(op, {"title": "Bridge", "tags": ["water"]})["id"]
    road = carla.store.reports.add(op, {"title": "Road"})["id"]
    dam = carla.store.reports.add(op, {"title": "Dam"})["id"]
    carla.sync_ok()
    _spoil(server, road, lambda f: {**f, "tags": "not json ["})  # a value no rule accepts
    _spoil(server, dam, _without("kind"))  # a record the store cannot hold

    vera = Peer(tmp_path, "vera", url, enroll(server, "vera", "volunteer"))
    report = vera.sync()
    assert report.complete, report.summary()  # syncing again would not store them
    assert report.set_aside == 2 and "2 received record(s) set aside" in report.summary()
    words = " ".join(report.warnings)
    assert "“Road”" in words and "report.tags must be JSON text" in words, words
    assert "needs kind" in words, words
    listed = {r["id"]: r for r in vera.store.reports.list(ReportQuery(op))}
    assert set(listed) == {bridge}  # the good record arrived; the bad ones are not stored
    assert vera.store.operations.get(op)["name"] == "Storm"

    # carla held good copies: the unreadable tags are set aside, her copy stays readable;
    # a record she has needs no kind from the server (only the fields sent are judged)
    again = carla.sync()
    assert again.set_aside == 1 and "“Road”" in " ".join(again.warnings)
    titles = {r["title"] for r in carla.store.reports.list(ReportQuery(op))}
    assert titles == {"Bridge", "Road", "Dam"}
    carla.close()
    vera.close()

    data = str(vera.dir)
    assert main(["--data-dir", data, "report", "list", "--json"]) == 0
    assert [r["title"] for r in json.loads(capsys.readouterr().out)] == ["Bridge"]
    assert main(["--data-dir", data, "report", "show", road]) != 0  # not here: said so
    shown = capsys.readouterr()
    assert "Traceback" not in shown.err and shown.err.strip()
    assert main(["--data-dir", data, "sync", "status"]) == 0
    status = capsys.readouterr().out
    assert "set aside, this device cannot store them: 2" in status, status
    assert "report “Road”" in status and "report.tags must be JSON text" in status
    assert main(["--data-dir", data, "sync"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Synchronised") and "warning: 2 received record(s) set aside" in out

    # corrected on the server, the record arrives and is no longer named
    _spoil(server, road, lambda f: {**f, "tags": '["mud"]'})
    assert main(["--data-dir", data, "sync", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["set_aside"] == 1
    assert main(["--data-dir", data, "report", "list", "--json"]) == 0
    assert {r["title"] for r in json.loads(capsys.readouterr().out)} == {"Bridge", "Road"}


def test_a_record_of_a_type_this_version_lacks_does_not_stop_the_pull(server, tmp_path):
    url = server.url.removesuffix(wire.API)
    carla = Peer(tmp_path, "carla", url, enroll(server, "carla"))
    op = carla.store.operations.create("Storm")["id"]
    road = carla.store.reports.add(op, {"title": "Road"})["id"]
    carla.sync_ok()
    with server.db.write() as conn:  # a newer server's record type, in the same page
        row = conn.execute(select(t.records).where(t.records.c.id == road)).one()
        conn.execute(t.records.insert().values(
            entity="msel_entry", id="m-1", operation_id=op, owner_id=row.owner_id,
            seq=next_seqs(conn, 1), deleted=False,
            fields=json.dumps({"inject": ["Flood at noon", json.loads(row.fields)["title"][1]]}),
        ))  # fmt: skip
    vera = Peer(tmp_path, "vera", url, enroll(server, "vera", "volunteer"))
    report = vera.sync()
    assert report.complete and report.set_aside == 1, report.summary()
    assert "unknown entity 'msel_entry'" in " ".join(report.warnings)
    assert [r["title"] for r in vera.store.reports.list(ReportQuery(op))] == ["Road"]
    carla.close()
    vera.close()
