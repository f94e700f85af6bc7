"""Behind a reverse proxy (`fieldapp serve --trusted-proxy`): the per-address limit
counts each citizen the proxy names in X-Forwarded-For, not the proxy as one sender,
and the header from anyone but a trusted proxy is ignored (nobody escapes the limit by
naming another address). The test's own requests come from 127.0.0.1: they play the
proxy."""

from __future__ import annotations

import subprocess
import sys

import publickit
import pytest

from fieldapp.sync.server.db import now_ms
from fieldapp.sync.server.public import opening, tokens

LIMIT = opening.DEFAULTS["address_limit"]


@pytest.fixture
def behind(tmp_path, request):
    """A public form on a server trusting the proxy `request.param`."""
    server = publickit.start_server(tmp_path, args=("--trusted-proxy", request.param))
    peer = publickit.Peer(tmp_path, "cora", server.url, publickit.enroll(server, "cora"))
    operation = peer.store.operations.create("Floods of the Aude")["id"]
    peer.sync_ok()
    yield server, publickit.open_form(server, operation)
    peer.close()
    server.stop()
    server.db.close()


def _codes(server, form, citizen: str, count: int) -> list[int]:
    """The statuses of `count` good reports posted for `citizen` (X-Forwarded-For)."""
    with server.db.read() as conn:
        key = tokens.secret(conn)
    codes = []
    for _ in range(count):
        fields = publickit.good_fields(tokens.issue(key, form.code, now_ms()))
        answer = publickit.post(form, fields, **{"X-Forwarded-For": citizen})
        codes.append(answer.status_code)
    return codes


@pytest.mark.parametrize("behind", ["127.0.0.0/8"], indirect=True)
def test_each_citizen_behind_a_trusted_proxy_has_their_own_limit(behind):
    server, form = behind
    assert _codes(server, form, "203.0.113.7", LIMIT + 1) == [201] * LIMIT + [429]
    assert _codes(server, form, "198.51.100.23", 1) == [201]  # another phone: not limited
    assert len(publickit.submissions(server)) == LIMIT + 1


@pytest.mark.parametrize("behind", ["192.0.2.10"], indirect=True)
def test_a_forwarded_address_from_an_untrusted_sender_is_ignored(behind):
    server, form = behind
    assert _codes(server, form, "203.0.113.7", LIMIT) == [201] * LIMIT
    assert _codes(server, form, "198.51.100.23", 1) == [429]  # the same sender, renamed


@pytest.mark.parametrize(
    ("value", "said"),
    [("*", "is not an IP address or network"), ("0.0.0.0/0", "would trust every address")],
)
def test_a_trusted_proxy_that_is_not_one_proxy_is_refused_before_listening(tmp_path, value, said):
    command = [sys.executable, "-m", "fieldapp", "--data-dir", str(tmp_path), "serve",
               "--port", "9", "--trusted-proxy", value]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert done.returncode != 0 and "Traceback" not in done.stderr
    assert f"--trusted-proxy {value!r} {said}" in done.stderr
