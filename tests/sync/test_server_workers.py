"""`fieldapp serve --workers 3` on a real PostgreSQL: several processes, one server.

Every test starts the real command on loopback. A request is sent to a chosen worker by
a session whose keep-alive connection that worker accepted (each answer names its worker
in the FieldApp-Worker header): so resends, chunks and rights changes really cross
processes.
"""

from __future__ import annotations

import hashlib
import itertools
import os
import re
import signal
import subprocess
import sys
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import psycopg
import pytest
import requests
from conftest import CREATED, Device, Server, statuses, wait_until

from fieldapp.sync.protocol import chunks, joining, wire
from fieldapp.sync.server import accounts, throttle
from fieldapp.sync.server.public import opening

WORKERS = 3
_NAMES = itertools.count()


@pytest.fixture
def pg_url(postgres):
    name = f"fieldapp_workers_{os.getpid()}_{next(_NAMES)}"
    with psycopg.connect(postgres + "/postgres", autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    return f"{postgres}/{name}"


@pytest.fixture
def farm(pg_url, tmp_path):
    running = Server(pg_url, tmp_path / "srv", args=("--workers", str(WORKERS))).start()
    try:
        yield running
    finally:
        running.stop()
        running.db.close()


def on_worker(device: Device | Server, index: int) -> requests.Session:
    """A session (of `device`, or with no token) whose connection worker `index` serves."""
    server = device if isinstance(device, Server) else device.server
    for _attempt in range(400):
        session = requests.Session()
        if isinstance(device, Device):
            session.headers["Authorization"] = f"Bearer {device.token}"
        answer = session.get(f"{server.url}/status", timeout=30)
        assert answer.status_code in (200, 401), answer.text
        if answer.headers["FieldApp-Worker"] == str(index):
            return session
        session.close()
    raise AssertionError(f"worker {index} never accepted a connection")


def children(pid: int) -> set[int]:
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid and fields[0] != "Z":
            found.add(int(stat.parent.name))
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _push(session: requests.Session, url: str, key: str, entries: list[dict]) -> dict:
    body = wire.encode_body(wire.push_body(key, int(time.time() * 1000), entries))
    answer = session.post(f"{url}/push", data=body, timeout=60,
                          headers={"Content-Encoding": "gzip"})  # fmt: skip
    assert answer.status_code == 200, answer.text
    return {**answer.json(), "worker": answer.headers["FieldApp-Worker"]}


def test_concurrent_resends_to_other_workers_store_every_change_once(farm):
    carla = farm.device("carla", "coordinator")
    op, entry = carla.new_operation()
    assert statuses(carla.push([entry])) == ["applied"]
    devices = [farm.device(f"vol{n}", name=f"tablet {n}") for n in range(6)]
    batches = {d.id: [[d.new_report(op, f"R{b}.{i}")[1] for i in range(20)] for b in range(3)]
               for d in devices}  # fmt: skip

    def one_device(n: int) -> list[tuple[dict, dict, dict]]:
        device = devices[n]
        here, there = on_worker(device, 1), on_worker(device, 2 + n % 2)
        sent = []
        with ThreadPoolExecutor(2) as pair:
            for entries in batches[device.id]:
                key = uuid.uuid4().hex  # the answer was lost: the same batch, at once, elsewhere
                first = pair.submit(_push, here, farm.url, key, entries)
                again = pair.submit(_push, there, farm.url, key, entries)
                both = (first.result(), again.result())
                late = _push(there, farm.url, uuid.uuid4().hex, entries)  # under a new key
                sent.append((*both, late))
        return sent

    with ThreadPoolExecutor(len(devices)) as pool:
        answers = [a for sent in pool.map(one_device, range(len(devices))) for a in sent]

    for first, again, late in answers:
        assert first["worker"] == "1" and again["worker"] in {"2", "3"}
        assert first["results"] == again["results"] == ["applied"] * 20
        assert sorted([bool(first.get("replayed")), bool(again.get("replayed"))]) == [False, True]
        assert late["results"] == ["duplicate"] * 20
    total = len(devices) * 3 * 20
    with farm.db.read() as conn:
        stored = conn.exec_driver_sql(
            "SELECT count(*), count(DISTINCT op_id) FROM changes WHERE entity = 'report'"
        ).one()
        seqs = conn.exec_driver_sql("SELECT count(DISTINCT seq), count(*) FROM records").one()
    assert tuple(stored) == (total, total)
    assert seqs[0] == seqs[1] == total + 1  # every record numbered once, none shared
    for index in range(1, WORKERS + 1):  # every worker serves all of them, each once
        viewer = farm.device(f"viewer{index}", "coordinator")
        viewer.http = on_worker(viewer, index)
        records, _conflicts, _cursor = viewer.pull_all(limit=50)
        reports = [r["id"] for r in records if r["entity"] == "report"]
        assert len(reports) == len(set(reports)) == total


PHOTO = os.urandom(300_000)
SHA = hashlib.sha256(PHOTO).hexdigest()


def _chunk(session: requests.Session, url: str, offset: int, data: bytes) -> requests.Response:
    headers = {"Upload-Offset": str(offset), "Upload-Length": str(len(PHOTO)),
               "Upload-Checksum": chunks.chunk_checksum(data),
               "Content-Type": "application/offset+octet-stream"}  # fmt: skip
    return session.patch(f"{url}/blobs/{SHA}", data=data, headers=headers, timeout=30)


def test_a_blob_sent_in_chunks_through_every_worker_completes_whole(farm):
    carla = farm.device("carla", "coordinator")
    op, entry = carla.new_operation()
    rid, report = carla.new_report(op)
    link = carla.entry("attachment", uuid.uuid4().hex, op, report_id=rid, sha256=SHA,
                       size=len(PHOTO), mime="image/jpeg", filename="bridge.jpg",
                       created_at=CREATED)  # fmt: skip
    assert statuses(carla.push([entry, report, link])) == ["applied"] * 3
    sessions = [on_worker(carla, index) for index in range(1, WORKERS + 1)]
    # the first chunk sent to two workers at once: stored once, the other told the offset
    with ThreadPoolExecutor(2) as pair:
        both = list(pair.map(lambda s: _chunk(s, farm.url, 0, PHOTO[:50_000]), sessions[:2]))
    assert sorted(a.status_code for a in both) == [200, 409]
    assert [a.headers["Upload-Offset"] for a in both if a.status_code == 409] == ["50000"]
    offset, step = 50_000, 0
    while offset < len(PHOTO):
        session = sessions[step % WORKERS]
        step += 1
        answer = _chunk(session, farm.url, offset, PHOTO[offset : offset + 50_000])
        assert answer.status_code == 200, answer.text
        assert answer.headers["FieldApp-Worker"] == str(step % WORKERS or WORKERS)
        offset = answer.json()["offset"]
        status = sessions[step % WORKERS].get(f"{farm.url}/blobs/{SHA}/status").json()
        assert status["offset"] == offset  # another worker sees the same upload
    assert status["complete"]
    for session in sessions:
        assert session.get(f"{farm.url}/blobs/{SHA}").content == PHOTO
    stored = farm.data_dir / "server-blobs" / SHA[:2] / SHA
    assert hashlib.sha256(stored.read_bytes()).hexdigest() == SHA
    assert list((farm.data_dir / "server-blobs" / "partial").iterdir()) == []


def test_two_devices_sending_the_same_photo_at_once_both_complete(farm):
    carla, olga = farm.device("carla", "coordinator"), farm.device("olga", "coordinator")
    op, entry = carla.new_operation()
    assert statuses(carla.push([entry])) == ["applied"]
    for device in (carla, olga):  # the same photo, attached on two laptops
        rid, report = device.new_report(op)
        link = device.entry("attachment", uuid.uuid4().hex, op, report_id=rid, sha256=SHA,
                            size=len(PHOTO), mime="image/jpeg", filename="bridge.jpg",
                            created_at=CREATED)  # fmt: skip
        assert statuses(device.push([report, link])) == ["applied"] * 2
    sessions = [on_worker(carla, 1), on_worker(olga, 2)]
    with ThreadPoolExecutor(2) as pair:
        answers = list(pair.map(lambda s: _chunk(s, farm.url, 0, PHOTO), sessions))
    assert [a.status_code for a in answers] == [200, 200], [a.text for a in answers]
    assert all(a.json()["complete"] for a in answers)
    for session in sessions:
        assert session.get(f"{farm.url}/blobs/{SHA}").content == PHOTO


def test_a_rights_change_through_one_worker_holds_on_every_other(farm):
    carla = farm.device("carla", "coordinator")
    vera = farm.device("vera", name="vera-pc")
    op, entry = carla.new_operation()
    assert statuses(carla.push([entry])) == ["applied"]
    veras = [on_worker(vera, index) for index in range(1, WORKERS + 1)]
    for session in veras:  # every worker has served vera, and let her write
        answer = _push(session, farm.url, uuid.uuid4().hex, [vera.new_report(op)[1]])
        assert answer["results"] == ["applied"]
    restricted = on_worker(carla, 2).put(
        f"{farm.url}/operations/{op}/members", json={"members": ["carla"]}, timeout=30
    )
    assert restricted.status_code == 200, restricted.text
    for session in veras:
        answer = _push(session, farm.url, uuid.uuid4().hex, [vera.new_report(op)[1]])
        assert answer["results"] == ["rejected"]
        assert "may not see" in answer["reasons"]["0"]
        pulled = session.get(f"{farm.url}/pull", params={"since": 0}, timeout=30).json()
        assert [r for r in pulled["records"] if r["operation_id"] == op] == []
    accounts.revoke(farm.db, "vera-pc")  # by the administrator, on the server machine
    for session in veras:
        refused = session.get(f"{farm.url}/pull", params={"since": 0}, timeout=30)
        assert refused.status_code == 403 and "revoked" in refused.json()["detail"]


def test_one_code_sent_to_two_workers_at_once_enrolls_one_device(farm):
    accounts.add_user(farm.db, "vera", "volunteer")
    code, _ = accounts.enroll(farm.db, "vera")
    sessions = [on_worker(farm, 1), on_worker(farm, 2)]
    with ThreadPoolExecutor(2) as pair:
        answers = list(pair.map(lambda s: s.post(f"{farm.url}/join", timeout=30,
                                                 json={"code": code, "device_name": "pc"}),
                                sessions))  # fmt: skip
    assert sorted(a.status_code for a in answers) == [200, 401]
    assert [a.json()["detail"] for a in answers if a.status_code == 401] == [
        "this enrollment code was already used"
    ]
    assert len(accounts.devices(farm.db)) == 1


def test_the_public_form_works_across_workers_and_closes_on_every_one(farm):
    carla = farm.device("carla", "coordinator")
    op, entry = carla.new_operation()
    assert statuses(carla.push([entry])) == ["applied"]
    code = opening.switch(farm.db, op, True, {"title": "Floods", "text": "Report water."})["code"]
    form = farm.url.rsplit("/api/v1", 1)[0] + f"/r/{code}"
    citizen = [on_worker(farm, index) for index in range(1, WORKERS + 1)]
    page = citizen[0].get(form, timeout=30)  # the token signed by worker 1...
    token = re.search(r'name="token" value="([^"]+)"', page.text)
    assert page.status_code == 200 and token is not None
    fields = {"token": token.group(1), "text": "Water up to the doors", "kind": "flooding",
              "place": "Quillan", "consent": "yes", "homepage": ""}  # fmt: skip
    posted = citizen[1].post(form, data=fields, headers={"Accept-Language": "en"},
                             files={"photo": ("", b"", "application/octet-stream")},
                             timeout=60)  # fmt: skip
    assert posted.status_code == 201, posted.text  # ...accepted by worker 2
    assert posted.headers["FieldApp-Worker"] == "2"
    viewer = on_worker(carla, 3)
    pulled = viewer.get(f"{farm.url}/pull", params={"since": 0}, timeout=30).json()
    assert [r["fields"]["text"] for r in pulled["records"] if r["entity"] == "item"] == [
        "Water up to the doors\n\n#flooding"
    ]
    opening.switch(farm.db, op, False, {})  # closed by the administrator: every worker knows
    for session in citizen:
        closed = session.get(form, headers={"Accept-Language": "en"}, timeout=30)
        assert closed.status_code == 410 and "This form is closed" in closed.text


def test_failed_joins_share_one_budget_across_workers(farm):
    letters, answers = joining.CODE_ALPHABET, []
    sessions = [on_worker(farm, index) for index in range(1, WORKERS + 1)]
    for n in range(24):  # spread over every worker
        guess = f"AAA-AAA-A{letters[n // 26]}{letters[n % 26]}"
        body = {"code": guess, "device_name": "guess"}
        answer = sessions[n % WORKERS].post(f"{farm.url}/join", json=body, timeout=30)
        answers.append((answer.status_code, answer.headers["FieldApp-Worker"]))
    assert {worker for _status, worker in answers} == {"1", "2", "3"}, answers
    assert {status for status, _worker in answers} == {401, 429}, answers
    guesses = sum(1 for status, _worker in answers if status == 401)
    assert guesses <= throttle.FAILURES_ALLOWED, answers  # no more than one process allows


def test_sigterm_stops_every_worker_and_a_dead_worker_is_replaced(farm):
    assert farm.proc is not None
    workers = wait_until(lambda: (c := children(farm.proc.pid)) and len(c) == WORKERS and c,
                         what="three workers")  # fmt: skip
    victim = min(workers)
    os.kill(victim, signal.SIGKILL)
    replaced = wait_until(
        lambda: (c := children(farm.proc.pid)) and len(c) == WORKERS and victim not in c and c,
        what="a new worker",
    )
    carla = farm.device("carla", "coordinator")
    for index in range(1, WORKERS + 1):  # the new worker among them
        session = on_worker(carla, index)
        answer = _push(session, farm.url, uuid.uuid4().hex, [carla.new_operation()[1]])
        assert answer["results"] == ["applied"]
    farm.proc.send_signal(signal.SIGTERM)
    assert farm.proc.wait(30) == 0
    assert [pid for pid in replaced if alive(pid)] == []
    with pytest.raises(requests.ConnectionError):
        requests.get(f"{farm.url}/status", timeout=5)


def test_workers_dying_again_and_again_stop_the_server_loudly(pg_url, tmp_path):
    port = Server(pg_url, tmp_path / "unused").port
    cmd = [sys.executable, "-m", "fieldapp", "--data-dir", str(tmp_path), "serve",
           "--db", pg_url, "--port", str(port), "--workers", "2"]  # fmt: skip
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        killed = set()
        while proc.poll() is None and len(killed) < 10:
            fresh = children(proc.pid) - killed
            for pid in fresh:
                os.kill(pid, signal.SIGKILL)
            killed |= fresh
            time.sleep(0.05)
        assert proc.wait(30) == 1
        assert "6th death of a worker within 60 s: stopping the server" in proc.stderr.read()
        assert [pid for pid in killed | children(proc.pid) if alive(pid)] == []
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def test_several_workers_on_sqlite_are_refused_before_anything_is_made(tmp_path):
    done = subprocess.run([sys.executable, "-m", "fieldapp", "--data-dir", str(tmp_path / "srv"),
                           "serve", "--workers", "2"], capture_output=True, text=True,
                          timeout=60)  # fmt: skip
    assert done.returncode != 0
    assert "--workers needs a PostgreSQL database" in done.stderr
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "srv" / "server.db").exists()
