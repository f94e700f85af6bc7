"""Tokens, enrollment codes, roles and operation scoping, against a real server."""

from __future__ import annotations

import hashlib

import pytest
import requests
from conftest import statuses

from fieldapp.sync.protocol import joining
from fieldapp.sync.server import accounts, policy

SHA = "0" * 64
ENDPOINTS = [
    ("GET", "/status"),
    ("POST", "/push"),
    ("GET", "/pull"),
    ("GET", f"/blobs/{SHA}/status"),
    ("PATCH", f"/blobs/{SHA}"),
    ("GET", f"/blobs/{SHA}"),
    ("PUT", "/operations/op1/members"),
    ("DELETE", "/operations/op1/members"),
]


def test_every_endpoint_refuses_a_missing_bad_or_revoked_token(server, coordinator):
    vera = server.device("vera")
    accounts.revoke(server.db, vera.id)
    for method, path in ENDPOINTS:
        url = server.url + path
        assert requests.request(method, url, timeout=10).status_code == 401, path
        bad = {"Authorization": "Bearer fa_not-a-token"}
        assert requests.request(method, url, headers=bad, timeout=10).status_code == 401, path
        assert vera.http.request(method, url, timeout=10).status_code == 403, path


def test_tokens_and_codes_are_stored_only_hashed(server):
    vera = server.device("vera")
    with server.db.read() as conn:
        dump = "\n".join(
            str(row) for table in ("devices", "enroll_codes")
            for row in conn.exec_driver_sql(f"SELECT * FROM {table}")
        )  # fmt: skip
    assert vera.token not in dump
    assert hashlib.sha256(vera.token.encode()).hexdigest() in dump


def test_an_enrollment_code_works_once_and_expires(server):
    accounts.add_user(server.db, "vera", "volunteer")
    code, _ = accounts.enroll(server.db, "vera")
    assert all(c in joining.CODE_ALPHABET + "-" for c in code) and len(code) == 11

    def join(code: str) -> requests.Response:
        return requests.post(f"{server.url}/join", json={"code": code, "device_name": "t"},
                             timeout=10)  # fmt: skip

    heard = code.lower().replace("-", " ")  # read over the radio, typed in lower case
    assert join(heard).status_code == 200
    again = join(code)
    assert again.status_code == 401 and "already used" in again.json()["detail"]
    stale, _ = accounts.enroll(server.db, "vera", minutes=1)
    with server.db.write() as conn:
        conn.exec_driver_sql("UPDATE enroll_codes SET expires_at = 0")
    assert join(stale).status_code == 401
    assert join("AAA-AAA-AAA").status_code == 401
    assert join("not a code").status_code == 400


def test_a_restricted_operation_is_invisible_and_unwritable_to_others(
    server, coordinator, operation
):
    rid, report = coordinator.new_report(operation, "Secret site")
    statuses(coordinator.push([report]))
    outsider = server.device("olga", "coordinator", "olga-laptop")
    member = server.device("mia", "volunteer", "mia-laptop")
    policy.restrict(server.db, operation, ["carla", "mia"])
    records, _, _ = outsider.pull_all()
    assert [r for r in records if r["operation_id"] == operation] == []
    assert {r["id"] for r in member.pull_all()[0]} >= {rid, operation}
    edit = outsider.entry("report", rid, operation, title="overwritten")
    answer = outsider.push([edit])
    assert statuses(answer) == ["rejected"] and "may not see" in answer.json()["reasons"]["0"]
    assert coordinator.pull_all()[0][-1]["fields"]["title"] == "Secret site"


def test_a_volunteer_edits_only_their_own_reports(server, coordinator, operation):
    rid, theirs = coordinator.new_report(operation)
    statuses(coordinator.push([theirs]))
    vera = server.device("vera")
    mine_id, mine = vera.new_report(operation)
    edit_mine = vera.entry(
        "report", mine_id, operation, base=mine["fields"]["title"]["s"], title="better"
    )
    edit_theirs = vera.entry(
        "report", rid, operation, base=theirs["fields"]["title"]["s"], title="no"
    )
    new_op = vera.new_operation()[1]
    answer = vera.push([mine, edit_mine, edit_theirs, new_op])
    assert statuses(answer) == ["applied", "applied", "rejected", "rejected"]


def test_a_trainer_runs_exercises_only(server):
    trainer = server.device("tom", "trainer")
    _, drill = trainer.new_operation("Drill", exercise=1)
    _, real = trainer.new_operation("Real flood", exercise=0)
    assert statuses(trainer.push([drill, real])) == ["applied", "rejected"]


@pytest.mark.parametrize("role", ["volunteer", "trainer"])
def test_only_coordinators_and_admins_restrict_operations(server, operation, role):
    device = server.device("someone", role)
    answer = device.http.put(f"{server.url}/operations/{operation}/members",
                             json={"members": ["someone"]}, timeout=10)  # fmt: skip
    assert answer.status_code == 403


def test_names_with_control_characters_are_refused_in_words(server, coordinator, operation):
    """PostgreSQL cannot store NUL in text: such a name must be a 400, never a 500."""
    answer = coordinator.http.put(f"{server.url}/operations/{operation}/members",
                                  json={"members": ["ca\x00rla"]}, timeout=10)  # fmt: skip
    assert answer.status_code == 400 and "user names" in answer.text
    code, _ = accounts.enroll(server.db, "carla")
    answer = requests.post(f"{server.url}/join", json={"code": code, "device_name": "lap\x00"},
                           timeout=10)  # fmt: skip
    assert answer.status_code == 400 and "control" in answer.text
    with pytest.raises(accounts.AccountError, match="control"):
        accounts.add_user(server.db, "bad\x07name", "volunteer")
