"""Hostile posts to the public form: each gets a clear page, and nothing of it is stored."""

from __future__ import annotations

import os

import publickit
import pytest
import requests
from sqlalchemy import update

from fieldapp.sync.server.db import now_ms
from fieldapp.sync.server.public import opening, tokens
from fieldapp.sync.server.public import tables as pt

SCRIPT = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def _nothing_stored(server) -> None:
    assert publickit.submissions(server) == []
    assert publickit.public_items(server) == []


def test_scripts_in_every_field_are_shown_as_text(server, operation):
    form = publickit.open_form(server, operation, title=SCRIPT, text=SCRIPT, organiser=SCRIPT)
    token = publickit.fresh_token(form)
    fields = {name: SCRIPT for name in ("text", "kind", "place", "lat", "lon", "contact")}
    answer = publickit.post(form, {**fields, "token": token, "consent": "yes"})
    assert answer.status_code == 422 and "please correct the fields" in answer.text
    body = answer.text.split("</style>", 1)[1].split("<script nonce=", 1)[0]
    assert "<script>" not in body and "<img src=x" not in body
    assert body.count("&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;") >= 5  # page and fields
    _nothing_stored(server)


def test_a_20_mb_photo_gets_the_too_large_page(server, form):
    token = publickit.fresh_token(form)
    big = ("huge.jpg", os.urandom(20 * 1024 * 1024), "image/jpeg")
    answer = publickit.post(form, publickit.good_fields(token), big)
    assert answer.status_code == 413 and "This is too large" in answer.text
    _nothing_stored(server)
    assert publickit.photo_files(server.data_dir / "server-blobs") == []


def test_a_png_that_is_not_a_png_is_refused_next_to_the_photo_field(server, form):
    token = publickit.fresh_token(form)
    fake = ("flood.png", b"\x89PNG\r\n\x1a\n" + os.urandom(5000), "image/png")
    answer = publickit.post(form, publickit.good_fields(token), fake)
    assert answer.status_code == 422
    assert 'id="photo-err">This file is not a photo (JPEG, PNG, WebP or GIF).' in answer.text
    assert "Water up to the doors" in answer.text  # what the person wrote is kept
    _nothing_stored(server)


def test_a_thousand_posts_from_one_address_in_a_minute_are_limited_politely(server, form):
    with server.db.read() as conn:
        key = tokens.secret(conn)
    session = requests.Session()
    codes = []
    for _ in range(1000):
        fields = publickit.good_fields(tokens.issue(key, form.code, now_ms()))
        codes.append(publickit.post(form, fields, session=session))
    accepted = [a for a in codes if a.status_code == 201]
    limited = [a for a in codes if a.status_code == 429]
    assert len(accepted) == opening.DEFAULTS["address_limit"]
    assert len(limited) == 1000 - len(accepted)
    assert "Too many reports at once" in limited[-1].text and limited[-1].headers["Retry-After"]
    assert len(publickit.submissions(server)) == len(accepted)
    state = opening.state(server.db, form.operation_id)
    assert state["refused"] == {"rate_limited": len(limited)}


@pytest.mark.parametrize("token", ["", "1.abc.def", "forged"])
def test_a_missing_or_forged_token_gets_the_expired_page(server, form, token):
    if token == "forged":  # signed with another key
        token = tokens.issue(b"k" * 32, form.code, now_ms())
    answer = publickit.post(form, publickit.good_fields(token))
    assert answer.status_code == 403 and "This page has expired" in answer.text
    _nothing_stored(server)


def test_a_token_of_another_form_is_refused(server, form, coordinator):
    other_op = coordinator.store.operations.create("Storm")["id"]
    coordinator.sync_ok()
    other = publickit.open_form(server, other_op)
    answer = publickit.post(form, publickit.good_fields(publickit.fresh_token(other)))
    assert answer.status_code == 403
    _nothing_stored(server)


def test_a_post_after_the_end_date_gets_the_closed_page(server, form):
    token = publickit.fresh_token(form)
    with server.db.write() as conn:
        conn.execute(update(pt.public_operations).values(until=now_ms() - 1000))
    answer = publickit.post(form, publickit.good_fields(token))
    assert answer.status_code == 410 and "This form is closed" in answer.text
    _nothing_stored(server)


def test_a_filled_honeypot_gets_a_page_saying_so(server, form):
    token = publickit.fresh_token(form)
    answer = publickit.post(form, publickit.good_fields(token, homepage="http://spam.example"))
    assert answer.status_code == 400 and "a field meant to stay empty was filled" in answer.text
    _nothing_stored(server)


def test_a_body_that_is_not_a_form_gets_a_page_not_a_trace(server, form):
    kind = {"Content-Type": "multipart/form-data; boundary=zz"}
    answer = requests.post(form.url, data=b"\x00garbage", timeout=10, headers=kind)
    assert answer.status_code in (400, 403) and "<h1>" in answer.text
    _nothing_stored(server)
