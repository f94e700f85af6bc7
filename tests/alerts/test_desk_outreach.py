"""Public messages (two people publish), relays, rumours: in the store, and the rights
both sides apply (core/rights.py)."""

from __future__ import annotations

import pytest
from alert_samples import samples

from fieldapp.alerts.intake import import_files
from fieldapp.alerts.relaying import radiogram_values
from fieldapp.core.errors import ValidationError
from fieldapp.core.rights import write_refusal
from fieldapp.store import Store

TEXTS = {
    "mastodon": "Crue de l'Aude : évitez la D118 entre Quillan et Limoux.",
    "sms": "Crue: evitez la D118 entre Quillan et Limoux.",
}


@pytest.fixture
def other(store):
    """Another user (a second coordinator) on the same data folder."""
    with Store(store.data_dir, user="bruno") as opened:
        yield opened


def draft(store, operation, **values):
    return store.messages.add(
        operation["id"], {"title": "D118 coupée", "language": "fr", "texts": TEXTS, **values}
    )


def test_the_author_cannot_approve_a_message_another_person_does(store, other, operation):
    message = draft(store, operation, hashtags=["#Aude", "crue"])
    assert (message["status"], message["author"], message["hashtags"]) == (
        "draft",
        "alice",
        ["Aude", "crue"],
    )
    with pytest.raises(ValidationError, match="author of a message cannot approve"):
        store.messages.approve(message["id"])
    approved = other.messages.approve(message["id"])
    assert (approved["status"], approved["approved_by"]) == ("approved", "bruno")
    assert approved["approved_at"]


def test_an_edit_after_approval_needs_a_new_approval(store, other, operation):
    message = draft(store, operation)
    other.messages.approve(message["id"])
    edited = store.messages.edit(message["id"], {"texts": {**TEXTS, "x": "D118 coupée"}})
    assert (edited["status"], edited["approved_by"], edited["approved_at"]) == ("draft", "", None)
    unchanged = store.messages.edit(message["id"], {"title": "D118 coupée"})
    assert unchanged["status"] == "draft"


def test_only_an_approved_message_is_published_and_where_it_went_is_kept(store, other, operation):
    message = draft(store, operation)
    with pytest.raises(ValidationError, match="once a coordinator approved it"):
        store.messages.publish(message["id"], channel="mastodon")
    other.messages.approve(message["id"])
    store.messages.publish(
        message["id"],
        channel="mastodon",
        via="@visov@mastodon.example",
        link="https://mastodon.example/@visov/1",
    )
    store.messages.publish(message["id"], channel="sms", via="liste communes")
    assert store.messages.get(message["id"])["status"] == "published"
    relays = store.relays.of_message(message["id"])
    assert [(r["channel"], r["via"], r["author"]) for r in relays] == [
        ("mastodon", "@visov@mastodon.example", "alice"),
        ("sms", "liste communes", "alice"),
    ]
    with pytest.raises(ValidationError, match="published: write a new one"):
        store.messages.edit(message["id"], {"title": "Autre"})
    assert store.messages.withdraw(message["id"], "route rouverte")["status"] == "withdrawn"


def test_a_message_with_no_text_or_a_bad_link_is_refused_naming_the_field(store, operation):
    with pytest.raises(ValidationError) as refused:
        store.messages.add(
            operation["id"],
            {"title": "", "language": "fr", "texts": {}, "link": "javascript:alert(1)"},
        )
    assert set(refused.value.errors) == {"title", "texts", "link"}
    assert store.messages.list(operation["id"]) == []


def test_an_alert_shows_every_relay_those_of_its_messages_included(store, other, operation):
    taken = import_files(
        store, operation["id"], [samples() / "cap" / "us_nws_thunderstorm_cap12.xml"]
    )
    alert = store.alerts.get(taken.taken.new[0])
    store.relays.add(
        operation["id"],
        {"alert_id": alert["id"], "channel": "radio", "via": "F4ABC", "at": "2026-12-05T10:00Z"},
    )
    message = draft(store, operation, alert_id=alert["id"], purpose="alert")
    other.messages.approve(message["id"])
    store.messages.publish(message["id"], channel="x", via="@visov", at="2026-12-05T10:05Z")
    relays = store.relays.of_alert(alert["id"])
    assert [(r["channel"], r["via"], r["at"]) for r in relays] == [
        ("radio", "F4ABC", "2026-12-05T10:00:00.000Z"),
        ("x", "@visov", "2026-12-05T10:05:00.000Z"),
    ]


def test_a_radiogram_relaying_an_alert_is_short_in_capitals_with_its_reference(store, operation):
    path = samples() / "cap" / "us_nws_wcatwc_tsunami_cap12.xml"
    alert = store.alerts.get(import_files(store, operation["id"], [path]).taken.new[0])
    form = radiogram_values(alert, exercise=False)
    words = form["text"].split()
    assert len(words) <= 25 and form["text"] == form["text"].upper()
    assert words[:2] == ["TSUNAMI", "WARNING"] and words[-2:] == ["REF", "LQW6D6"]
    assert form["precedence"] == "EMERGENCY" and form["test"] is False  # Extreme
    assert form["op_note"] == f"CAP {alert['identifier']}"
    assert radiogram_values(alert, exercise=True)["test"] is True
    message = store.radio.add(operation["id"], form, station="F4ABC")
    assert message["text"] == form["text"] and message["precedence"] == "EMERGENCY"


def test_a_rumour_is_seen_once_per_post_and_the_board_lists_the_fastest_first(store, operation):
    op = operation["id"]
    from fieldapp.monitoring.posts import Post

    posts = [
        Post(
            key=f"https://social.example/{n}",
            text=f"Le barrage a cédé {n}",
            author="x",
            handle=f"@u{n}",
            posted_at=f"2026-12-05T1{n}:00:00.000Z",
            url="",
            language="fr",
        )
        for n in range(4)
    ]
    taken = store.items.take(op, posts, kind="paste")
    dam = store.rumours.add(op, {"claim": "Le barrage de Vassivière a cédé"})
    quiet = store.rumours.add(op, {"claim": "Pillages à Limoux"})
    for item_id in taken.new:
        store.rumours.link(dam["id"], "item", item_id)
    store.rumours.link(dam["id"], "item", taken.new[0])  # again: still one sighting
    store.rumours.link(quiet["id"], "item", taken.new[0])
    assert len(store.rumours.sightings(dam["id"])) == 4
    assert store.rumours.get(dam["id"])["first_seen"] == "2026-12-05T10:00:00.000Z"
    assert {store.items.get(i)["status"] for i in taken.new} == {"rumour"}
    board = store.rumours.board(op, now="2026-12-05T13:30:00.000Z")
    assert [(b.rumour["id"], b.sightings, b.recent) for b in board] == [
        (dam["id"], 4, 3),
        (quiet["id"], 1, 0),
    ]
    store.rumours.edit(dam["id"], {"status": "debunked", "verification": "EDF: rien"})
    board = store.rumours.board(op, now="2026-12-05T13:30:00.000Z")
    assert board[-1].rumour["id"] == dam["id"]  # a settled rumour goes after the others


# -- rights: the rule both sides apply ----------------------------------------------------


def test_a_volunteer_never_approves_and_a_coordinator_never_approves_its_own():
    draft = {"status": "draft", "approved_by": "", "author": "v"}
    approve = {"status": "approved", "approved_by": "c"}
    refusal = write_refusal("volunteer", "public_message", False, draft, approve, own=False)
    assert refusal and "only a coordinator approves" in refusal
    own = write_refusal("coordinator", "public_message", False, draft, approve, own=True)
    assert own and "author of a public message cannot approve" in own
    assert write_refusal("coordinator", "public_message", False, draft, approve, own=False) is None
    assert write_refusal("trainer", "public_message", True, draft, approve, own=False) is None


def test_a_volunteer_records_the_publication_of_anyones_approved_message_only():
    approved = {"status": "approved", "title": "D118", "author": "c"}
    publish = {"status": "published"}
    assert write_refusal("volunteer", "public_message", False, approved, publish, False) is None
    retitle = write_refusal("volunteer", "public_message", False, approved, {"title": "x"}, False)
    assert retitle and "edits only the records it created" in retitle
    early = write_refusal("volunteer", "public_message", False, {"status": "draft"}, publish, True)
    assert early and "once a coordinator approved it" in early


def test_a_rumour_s_verdict_and_an_alert_s_content_are_not_a_volunteer_s_to_change():
    verdict = write_refusal(
        "volunteer", "rumour", False, {"status": "checking"}, {"status": "debunked"}, own=True
    )
    assert verdict and "only a coordinator says a rumour is debunked" in verdict
    assert (
        write_refusal(
            "volunteer", "rumour", False, {"status": "spreading"}, {"status": "checking"}, own=True
        )
        is None
    )
    changed = write_refusal(
        "volunteer", "alert", False, {"headline": "a"}, {"headline": "b"}, own=False
    )
    assert changed and "cannot change the headline of an official alert" in changed
    same = write_refusal("volunteer", "alert", False, {"headline": "a"}, {"headline": "a"}, False)
    assert same is None
    template = write_refusal("volunteer", "message_template", False, None, {"key": "flood"}, True)
    assert template and "cannot write a message template" in template


def test_reposts_of_a_linked_post_are_counted_as_they_arrive(store, operation):
    from fieldapp.monitoring.posts import Post

    op = operation["id"]
    text = "URGENT le barrage de Vassivière a cédé, l'eau arrive sur Eymoutiers, partagez"

    def post(n: int, words: str) -> Post:
        return Post(key=f"https://social.example/{n}", text=words, author=f"u{n}",
                    handle=f"@u{n}", posted_at=f"2026-12-05T1{n}:00:00.000Z", url="",
                    language="fr")  # fmt: skip

    first = store.items.take(op, [post(0, text)], kind="paste").new[0]
    store.queue.settle()
    rumour = store.rumours.add(op, {"claim": "Le barrage de Vassivière a cédé"})
    store.rumours.link(rumour["id"], "item", first)
    assert [p["id"] for p in store.rumours.unlinked_posts(op)] == []
    store.items.take(op, [post(1, f"RT @u0: {text}"), post(2, "Marché de Noël annulé")],
                     kind="paste")  # fmt: skip
    store.queue.settle()
    (row,) = store.rumours.board(op, now="2026-12-05T13:00:00.000Z")
    assert row.sightings == 2  # the linked post and its repost, not the market
    assert len(store.rumours.sightings(rumour["id"])) == 1  # only one was linked by hand
