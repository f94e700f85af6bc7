"""The public form's retention purge on both server databases: a month of retention in
milliseconds does not fit PostgreSQL's integer, and the purge must still find what is
due (the retention task runs in every server process)."""

from __future__ import annotations

import re

import requests

from fieldapp.sync.server.db import now_ms
from fieldapp.sync.server.public import opening, retention

DAY_MS = 86_400_000


def test_a_report_past_a_month_of_retention_is_deleted_on_both_databases(
    server, coordinator, operation
):
    code = opening.switch(server.db, operation, True,
                          {"title": "Floods", "retention_days": 30})["code"]  # fmt: skip
    form = server.url.rsplit("/api/v1", 1)[0] + f"/r/{code}"
    token = re.search(r'name="token" value="([^"]+)"', requests.get(form, timeout=30).text)
    assert token is not None
    fields = {"token": token.group(1), "text": "Water up to the doors", "kind": "flooding",
              "place": "Quillan", "consent": "yes", "homepage": ""}  # fmt: skip
    posted = requests.post(form, data=fields, timeout=30,
                           files={"photo": ("", b"", "application/octet-stream")})  # fmt: skip
    assert posted.status_code == 201, posted.text
    blobs = server.data_dir / "server-blobs"
    assert retention.purge(server.db, blobs, now_ms() + 29 * DAY_MS) == 0  # not yet
    assert retention.purge(server.db, blobs, now_ms() + 31 * DAY_MS) == 1
    records, _conflicts, _next = coordinator.pull_all()
    (item,) = [r["fields"] for r in records if r["entity"] == "item"]
    assert item["deleted"] == 1 and item["text"] == ""
