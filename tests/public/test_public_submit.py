"""A citizen's report reaches the desktops' queue by the normal pull, without its phone."""

from __future__ import annotations

import io
import json

import publickit
import requests
from PIL import Image

from fieldapp.sync.server.public import submissions as subs


def _items(peer, op: str) -> list[dict]:
    rows = peer.store.conn.execute(
        "SELECT * FROM items WHERE operation_id = ? AND deleted = 0", [op]
    )
    return [dict(row) for row in rows]


def test_a_report_sent_by_the_form_is_an_item_on_a_volunteers_laptop_without_the_phone(
    server, tmp_path, coordinator, operation, form
):
    token = publickit.fresh_token(form)
    answer = publickit.post(
        form, publickit.good_fields(token), ("crue.jpg", publickit.jpeg(), "image/jpeg")
    )
    assert answer.status_code == 201, answer.text
    receipt = answer.text.split('id="receipt">')[1].split("<")[0]
    assert len(receipt) == 7 and receipt[3] == "-"
    vera = publickit.Peer(
        tmp_path, "vera", server.url, publickit.enroll(server, "vera", "volunteer")
    )
    vera.sync_ok()
    (item,) = _items(vera, operation)
    assert item["text"] == "Water up to the doors, rue du Pont\n\n#flooding"
    assert item["source_kind"] == "public" and item["post_key"] == f"public:{receipt}"
    assert (item["lat"], item["lon"], item["place"]) == (42.8751, 2.1823, "Quillan")
    assert item["status"] == "new"
    stored = vera.store.conn.execute("SELECT * FROM items").fetchall()
    assert "12 34 56 78" not in json.dumps([dict(r) for r in stored])
    # the photo: a cleaned JPEG the volunteer's device may download by hash
    (media,) = json.loads(item["media"])
    bearer = {"Authorization": f"Bearer {_token(vera)}"}
    blob = requests.get(server.url.rsplit("/api/v1", 1)[0] + media, headers=bearer, timeout=10)
    assert blob.status_code == 200
    image = Image.open(io.BytesIO(blob.content))
    assert image.format == "JPEG" and not image.getexif()  # the camera model is gone
    # a volunteer triages it like any post; the coordinator reveals the phone for everyone
    vera.store.items.set_status([item["id"]], "rumour")
    vera.sync_ok()
    revealed = subs.reveal(server.db, item["id"], None)
    assert revealed["contact"] == "+33 6 12 34 56 78"
    vera.sync_ok()
    (item,) = _items(vera, operation)
    assert item["handle"] == "+33 6 12 34 56 78" and item["status"] == "rumour"
    coordinator.sync_ok()
    assert _items(coordinator, operation)[0]["handle"] == "+33 6 12 34 56 78"
    vera.close()


def _token(peer) -> str:
    from fieldapp.sync.client.session import read_token

    return read_token(peer.store.data_dir)


def test_the_same_page_posted_twice_gives_one_receipt_and_stores_one_report(form, server):
    token = publickit.fresh_token(form)
    first = publickit.post(form, publickit.good_fields(token))
    second = publickit.post(form, publickit.good_fields(token))
    assert first.status_code == second.status_code == 201
    assert first.text.split('id="receipt">')[1][:7] == second.text.split('id="receipt">')[1][:7]
    assert len(publickit.submissions(server)) == 1


def test_a_typed_place_name_is_located_by_the_gazetteer_without_javascript(form, server):
    token = publickit.fresh_token(form)
    fields = publickit.good_fields(token, lat="", lon="", place="Quillan")
    assert publickit.post(form, fields).status_code == 201
    (item,) = publickit.public_items(server)
    assert abs(item["lat"] - 42.87) < 0.1 and abs(item["lon"] - 2.18) < 0.1


def test_the_photos_position_is_kept_only_when_the_person_consents(form, server):
    photo = ("p.jpg", publickit.jpeg(gps=(43.2, 2.35)), "image/jpeg")
    for consent in ("", "yes"):
        token = publickit.fresh_token(form)
        fields = publickit.good_fields(token, lat="", lon="", place="", photo_position=consent)
        answer = publickit.post(form, fields, photo)
        if consent:
            assert answer.status_code == 201
        else:  # no position at all, no place: the form asks where
            assert answer.status_code == 422 and "Say where" in answer.text
    (item,) = publickit.public_items(server)
    assert (round(item["lat"], 3), round(item["lon"], 3)) == (43.2, 2.35)
