"""Issue 13, item 10: enrollment codes cannot be guessed at full speed, and names read as
they are stored. The attacks as sent, on a real server (SQLite and PostgreSQL)."""

from __future__ import annotations

import json

import pytest

from fieldapp.sync.protocol import joining
from fieldapp.sync.server import accounts


def _join(server, code: str, name: str = "laptop"):
    body = json.dumps({"code": code, "device_name": name}).encode()
    return server.http_post("/join", body, **{"Content-Type": "application/json"})


def test_item10_guessing_codes_is_slowed_down_with_retry_after(server):
    accounts.add_user(server.db, "vera", "volunteer")
    code, _ = accounts.enroll(server.db, "vera")
    letters = joining.CODE_ALPHABET
    answers = [_join(server, f"AAA-AAA-A{letters[n // 26]}{letters[n % 26]}") for n in range(30)]
    refused = [a for a in answers if a.status_code == 429]
    assert len(refused) >= 15, [a.status_code for a in answers]
    assert all(a.status_code in (401, 429) for a in answers)
    wait = int(refused[0].headers["Retry-After"])
    assert 1 <= wait <= 60 and "try again" in refused[0].json()["detail"]
    assert _join(server, code).status_code == 429  # even the right code, while locked out
    assert accounts.devices(server.db) == []


def test_item10_device_and_user_names_are_normalised_and_direction_overrides_refused(server):
    accounts.add_user(server.db, "vera", "volunteer")
    code, _ = accounts.enroll(server.db, "vera")
    override = _join(server, code, "photo\u202egpj.exe")
    assert override.status_code == 400 and "direction" in override.json()["detail"]
    assert _join(server, code, "\uff2c\uff41\uff50\uff54\uff4f\uff50 3").status_code == 200
    assert [d["name"] for d in accounts.devices(server.db)] == ["Laptop 3"]
    with pytest.raises(accounts.AccountError, match="direction"):
        accounts.add_user(server.db, "carla\u202e", "coordinator")
    assert accounts.add_user(server.db, "\uff43\uff41\uff52\uff4c\uff41", "coordinator")[
        "name"
    ] == ("carla")
