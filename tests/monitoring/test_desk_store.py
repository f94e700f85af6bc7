"""The monitoring desk's store: posts taken in once, cards, triage, rules, notes on authors."""

from __future__ import annotations

import pytest

from fieldapp.core import rights
from fieldapp.core.errors import NotFoundError, ValidationError
from fieldapp.monitoring.items import UNKNOWN_TIME, item_id
from fieldapp.monitoring.posts import Post
from fieldapp.monitoring.queue import QueueQuery
from fieldapp.store import Store

FLOOD = "Crue de l'Aude : la route D118 est coupée à Quillan, l'eau monte vite"


def post(key: str, text: str = FLOOD, handle: str = "@anne@social.example", **values) -> Post:
    fields = {"author": handle.strip("@").split("@")[0], "posted_at": "2026-12-05T07:00:00.000Z",
              "url": f"https://social.example/{key}", "language": "fr"} | values  # fmt: skip
    return Post(key=f"https://social.example/{key}", handle=handle, text=text, **fields)


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "data", user="anna") as opened:
        yield opened


@pytest.fixture
def op(store):
    return store.operations.create("Crue de l'Aude")["id"]


def cards(store, op, **query):
    store.queue.settle()
    return store.queue.cards(QueueQuery(op, **query))


def test_a_post_taken_in_twice_is_one_item_and_the_second_take_writes_nothing(store, op):
    first = store.items.take(op, [post("1"), post("2", "Pont fermé à Limoux")], kind="mastodon")
    outbox = store.db.outbox_count()
    again = store.items.take(op, [post("1")], kind="mastodon")
    assert len(first.new) == 2 and again.new == [] and again.known == [first.new[0]]
    assert store.db.outbox_count() == outbox  # nothing to send for a post already here
    item = store.items.get(first.new[0])
    assert item["text"] == FLOOD and item["status"] == "new"
    assert item["created_at"] == "2026-12-05T07:00:00.000Z"  # the post's date, not the fetch


def test_an_item_id_depends_on_the_post_alone_so_two_laptops_agree(tmp_path, op):
    assert item_id(op, "https://x.example/1") == item_id(op, "https://x.example/1", "feed-a")
    assert item_id(op, "1234", "feed-a") != item_id(op, "1234", "feed-b")  # a local guid
    assert item_id(op, "https://x.example/1") != item_id("other-op", "https://x.example/1")


def test_a_post_without_a_date_keeps_no_invented_date(store, op):
    [new] = store.items.take(op, [post("9", posted_at=None)], kind="feed").new
    item = store.items.get(new)
    assert item["posted_at"] is None and item["created_at"] == UNKNOWN_TIME


def test_copies_of_a_post_make_one_card_and_a_dismissed_card_leaves_the_queue(store, op):
    copies = [
        post("1"),
        post("2", "RT @anne: " + FLOOD, "@bob@x.example"),
        post("3", FLOOD.replace("vite", "très vite"), "@carl@y.example"),
        post("4", "Incendie de forêt près de Narbonne, fumée visible", "@dora@z.example"),
    ]
    store.items.take(op, copies, kind="mastodon")
    found = cards(store, op)
    assert sorted(c.posts for c in found) == [1, 3]
    flood = next(c for c in found if c.posts == 3)
    assert flood.authors == 3 and flood.handle == "@anne@social.example"
    store.items.set_status(store.queue.members(flood.cluster_id), "dismissed")
    assert [c.posts for c in cards(store, op)] == [1]
    assert [c.posts for c in cards(store, op, status="dismissed")] == [3]


def test_a_claim_by_a_teammate_is_refused_unless_forced(tmp_path, op, store):
    [new] = store.items.take(op, [post("1")], kind="mastodon").new
    store.items.claim([new])
    with Store(store.data_dir, user="ben") as ben:
        with pytest.raises(ValidationError, match="already claimed by anna"):
            ben.items.claim([new])
        ben.items.claim([new], force=True)
    assert store.items.get(new)["claimed_by"] == "ben"


def test_promoting_a_card_makes_a_prefilled_report_whose_sources_are_its_posts(store, op):
    taken = store.items.take(
        op, [post("1"), post("2", "RT " + FLOOD, "@bob@x.example")], kind="mastodon"
    )
    report_id = store.items.promote(taken.new, store.reports, {"kind": "hazard"})
    report = store.reports.get(report_id)
    assert report["title"] == FLOOD and report["source"] == "social_media"
    assert report["source_ref"] == "https://social.example/1"
    assert report["author"] == "@anne@social.example" and report["kind"] == "hazard"
    assert report["observed_at"] == "2026-12-05T07:00:00.000Z"
    sources = store.items.of_report(report_id)
    assert {s["id"] for s in sources} == set(taken.new)
    assert {s["status"] for s in sources} == {"promoted"}
    assert [c.status for c in cards(store, op, status=None)] == ["promoted"]


def test_attaching_to_a_missing_report_is_refused_and_changes_nothing(store, op):
    [new] = store.items.take(op, [post("1")], kind="mastodon").new
    with pytest.raises(NotFoundError, match="no report"):
        store.items.attach([new], "no-such-report")
    assert store.items.get(new)["status"] == "new"
    report = store.reports.add(op, {"title": "Route D118 coupée"})
    store.items.attach([new], report["id"])
    assert store.items.get(new)["report_id"] == report["id"]


def test_a_rule_is_previewed_before_it_flags_and_a_hiding_rule_hides(store, op):
    store.items.take(op, [post("1"), post("2", "Beau temps sur Carcassonne", "@e@x.example")],
                     kind="mastodon")  # fmt: skip
    count, ids = store.rules.preview(op, {"expression": "route OR pont"})
    assert count == 1 and store.items.get(ids[0])["text"] == FLOOD
    rule = store.rules.add(op, {"name": "Routes", "expression": "ROUTE OR Pont"})
    assert not any(c.flagged for c in cards(store, op))  # off until switched on
    store.rules.enable(rule["id"])
    store.queue.refresh_hits(op)
    assert [c.text for c in cards(store, op, flagged_only=True)] == [FLOOD]
    store.rules.add(op, {"name": "Météo", "expression": "beau temps", "action": "hide"})
    hide = store.rules.list(op)[-1]
    store.rules.enable(hide["id"])
    store.queue.refresh_hits(op)
    assert [c.text for c in cards(store, op)] == [FLOOD]
    assert len(cards(store, op, show_hidden=True)) == 2


def test_a_rule_that_would_match_every_post_is_refused(store, op):
    with pytest.raises(ValidationError) as error:
        store.rules.add(op, {"name": "All", "expression": "  ", "action": "hide"})
    assert "expression" in error.value.errors
    assert store.rules.add(op, {"name": "English", "expression": "", "language": "en"})


def test_a_rule_that_does_not_parse_is_refused_naming_the_expression(store, op):
    with pytest.raises(ValidationError) as error:
        store.rules.add(op, {"name": "Bad", "expression": '"unclosed'})
    assert "expression" in error.value.args[0]
    assert store.rules.list(op) == []


def test_a_note_on_an_author_holds_in_every_operation(store, op):
    store.authors.set(op, "@Prefet11@social.example", "official", "compte de la préfecture")
    other = store.operations.create("Tempête")["id"]
    note = store.authors.note_of("prefet11@social.example")
    assert note is not None and note["credibility"] == "official"
    store.authors.set(other, "@prefet11@social.example", "impersonator", "faux compte")
    note = store.authors.note_of("@PREFET11@social.example")
    assert note is not None and note["credibility"] == "impersonator"
    with pytest.raises(ValidationError):
        store.authors.set(op, "@x", "maybe")


def test_a_volunteer_triages_a_teammate_s_post_but_never_rewrites_it():
    current = {"text": "Pont fermé", "status": "new", "claimed_by": ""}
    triage = {"status": "rumour", "claimed_by": "ben"}
    assert rights.write_refusal("volunteer", "item", False, current, triage, own=False) is None
    same = {"text": "Pont fermé", "status": "new"}  # the same post fetched on a second laptop
    assert rights.write_refusal("volunteer", "item", False, current, same, own=False) is None
    changed = {"text": "Pont ouvert"}
    refusal = rights.write_refusal("volunteer", "item", False, current, changed, own=False)
    assert refusal is not None and "text" in refusal
    assert (
        rights.write_refusal("volunteer", "watch_rule", False, None, {"name": "x"}, own=True)
        is None
    )


def test_a_search_finds_cards_by_any_of_their_posts_and_sees_new_posts(store, op):
    store.items.take(op, [post("1"), post("2", "Pont fermé à Limoux", "@b@x.example")],
                     kind="mastodon")  # fmt: skip
    found = cards(store, op, search="limoux")
    assert [c.text for c in found] == ["Pont fermé à Limoux"]
    assert store.queue.count(QueueQuery(op, search="limoux")) == 1
    store.items.take(op, [post("3", "Limoux : la digue tient", "@c@y.example")], kind="mastodon")
    assert len(cards(store, op, search="limoux")) == 2  # the new post's card is found too
    with Store(store.data_dir, user="ben") as ben:  # another program on the same data
        ben.items.take(op, [post("4", "Limoux: école évacuée", "@d@z.example")], kind="mastodon")
        ben.queue.settle()
    assert store.queue.count(QueueQuery(op, search="limoux")) == 3


def test_a_rule_on_the_operation_s_area_keeps_to_posts_placed_inside_it(store, op):
    store.reports.add(op, {"title": "Digue", "lat": 42.80, "lon": 2.10})
    store.features.add(op, name="Haute vallée", category="danger_zone",
                       geometry={"type": "Point", "coordinates": [2.30, 43.00]})  # fmt: skip
    store.items.take(
        op, [post("1", "Crue à Quillan"), post("2", "Crue à Lyon", "@b@x.example")], kind="mastodon"
    )
    with store.db.transaction():  # the places the posts name (the gazetteer's guess)
        for key, lat, lon in (("1", 42.87, 2.18), ("2", 45.76, 4.83)):
            row = dict(store.conn.execute(
                "SELECT * FROM items WHERE post_key = ?", [f"https://social.example/{key}"]
            ).fetchone())  # fmt: skip
            store.db.update_record("item", row, {"lat": (None, lat), "lon": (None, lon)})
    count, ids = store.rules.preview(op, {"expression": "crue", "operation_area": True})
    assert count == 1 and store.items.get(ids[0])["text"] == "Crue à Quillan"
    with pytest.raises(ValidationError):
        store.rules.add(op, {"name": "x", "expression": "crue", "operation_area": True,
                             "area_id": "some-feature"})  # fmt: skip
