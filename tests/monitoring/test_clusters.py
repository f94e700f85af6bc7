"""Clusters of near-duplicate posts (clusters.py): placing, moving, pins, merge and split."""

from __future__ import annotations

import sqlite3

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fieldapp.monitoring.clusters import LOCAL_TABLES, Clusters

OP = "op-aude"
ORIGINAL = (
    "Quillan : l'Aude est sortie de son lit cette nuit, la ville basse est inondée. "
    "Le camping municipal est en cours d'évacuation. Restez chez vous."
)
LIMOUX = (
    "Limoux : la crue de l'Aude a atteint les quais, l'école Jean-Moulin est évacuée par "
    "précaution. Évitez le centre-ville."
)
FIRE = (
    "Quillan : incendie d'un entrepôt dans la zone artisanale, 30 sapeurs-pompiers engagés. "
    "Fumée visible de loin, fermez vos fenêtres."
)


@pytest.fixture
def conn(tmp_path):
    conn = sqlite3.connect(tmp_path / "clusters.db")
    for statement in LOCAL_TABLES:
        conn.execute(statement)
    yield conn
    conn.close()


@pytest.fixture
def clusters(conn):
    return Clusters(conn)


def keys_stored(conn: sqlite3.Connection) -> int:
    return conn.execute("SELECT count(*) FROM item_bands").fetchone()[0]


def test_retweets_quotes_and_copies_collapse_into_the_first_post_s_cluster(clusters):
    assert clusters.place(OP, "a", ORIGINAL) == "a"  # a new story: named after its post
    assert clusters.place(OP, "b", f"RT @mairie_quillan: {ORIGINAL}") == "a"
    assert clusters.place(OP, "c", f"Courage à tous 🙏 RT @mairie_quillan: {ORIGINAL}") == "a"
    copy = ORIGINAL.replace("cette nuit", "ce matin").replace("Restez chez vous.", "")
    assert clusters.place(OP, "d", copy) == "a"
    assert clusters.members("a") == ["a", "b", "c", "d"]
    assert clusters.cluster_of("c") == "a"
    assert clusters.cluster_of("unknown") is None


def test_different_events_that_share_words_stay_apart(clusters):
    clusters.place(OP, "quillan", ORIGINAL)
    assert clusters.place(OP, "limoux", ORIGINAL.replace("Quillan", "Limoux")) == "limoux"
    assert clusters.place(OP, "fire", FIRE) == "fire"
    assert clusters.members("quillan") == ["quillan"]


def test_a_copy_that_lost_the_town_does_not_bridge_one_message_about_two_towns(clusters):
    message = (
        " : l'eau du robinet n'est plus potable jusqu'à nouvel ordre suite à la crue. "
        "Des bouteilles sont distribuées à la salle des fêtes."
    )
    clusters.place(OP, "quillan", "Quillan" + message)
    nameless = "l'eau du robinet n'est plus potable jusqu'à nouvel ordre suite à la crue, "
    assert clusters.place(OP, "copy", nameless + "bouteilles à la salle des fêtes") == "quillan"
    # the copy is the Espéraza post's best match, but Quillan's cluster started with Quillan
    assert clusters.place(OP, "esperaza", "Espéraza" + message) == "esperaza"
    assert clusters.place(OP, "rt", "RT @mairie: Espéraza" + message) == "esperaza"


def test_the_same_link_joins_posts_with_other_words(clusters):
    link = "https://www.lindep-aude.example/2026/10/14/quillan-ville-basse-inondee"
    clusters.place(OP, "article", "Quillan : la ville basse inondée", link)
    assert clusters.place(OP, "photos", "Les images de ce matin 😱", link + "?utm_source=tw") == (
        "article"
    )
    assert clusters.place(OP, "english", f"Quillan flooded, campsite evacuated {link}") == (
        "article"
    )


def test_operations_are_clustered_apart(clusters):
    clusters.place(OP, "a", ORIGINAL)
    assert clusters.place("op-exercise", "b", ORIGINAL) == "b"


def test_placing_again_with_the_same_inputs_changes_nothing(clusters, conn):
    clusters.place(OP, "a", ORIGINAL, "https://news.example/a")
    clusters.place(OP, "b", ORIGINAL)
    before = keys_stored(conn), conn.execute("SELECT * FROM item_clusters").fetchall()
    assert clusters.place(OP, "b", ORIGINAL) == "a"
    assert (keys_stored(conn), conn.execute("SELECT * FROM item_clusters").fetchall()) == before


def test_an_edited_post_moves_to_the_story_it_now_tells(clusters, conn):
    clusters.place(OP, "a", ORIGINAL)
    clusters.place(OP, "l", LIMOUX)
    clusters.place(OP, "b", f"RT @x: {ORIGINAL}")
    keys_before = keys_stored(conn)
    assert clusters.place(OP, "b", f"RT @y: {LIMOUX}") == "l"
    assert clusters.members("a") == ["a"]
    assert keys_stored(conn) == keys_before  # its old keys went with it
    # its old story does not find it any more
    assert clusters.place(OP, "c", f"RT @x: {ORIGINAL}") == "a"


def test_a_post_that_started_a_cluster_leaves_it_under_a_new_name(clusters):
    clusters.place(OP, "a", ORIGINAL)
    clusters.place(OP, "b", f"RT @x: {ORIGINAL}")
    moved = clusters.place(OP, "a", FIRE)
    assert moved not in ("a",)
    assert clusters.members(moved) == ["a"]
    assert clusters.members("a") == ["b"]  # the others keep the cluster and its id


def test_a_pinned_post_goes_where_the_pin_says_whatever_its_text(clusters):
    clusters.place(OP, "a", ORIGINAL)
    clusters.place(OP, "fire", FIRE)
    assert clusters.place(OP, "b", f"RT @x: {ORIGINAL}", pin="fire") == "fire"
    # automatic placement never moves it: new posts are placed, it stays
    clusters.place(OP, "c", ORIGINAL.replace("cette nuit", "ce matin"))
    assert clusters.cluster_of("b") == "fire"
    # placing it again with its pin (a sync brought the same item) keeps it there
    assert clusters.place(OP, "b", f"RT @x: {ORIGINAL}", pin="fire") == "fire"
    # the pin taken back: the text decides again
    assert clusters.place(OP, "b", f"RT @x: {ORIGINAL}") == "a"


def test_a_new_unpinned_post_may_join_a_pinned_cluster(clusters):
    clusters.place(OP, "a", ORIGINAL, pin="by-hand")
    assert clusters.place(OP, "b", f"RT @x: {ORIGINAL}") == "by-hand"


def test_merge_by_hand_pins_every_post_to_the_first_cluster(clusters):
    clusters.place(OP, "q", ORIGINAL)
    clusters.place(OP, "q2", f"RT @x: {ORIGINAL}")
    clusters.place(OP, "l", LIMOUX)
    assert clusters.merge(["q", "l"]) == "q"
    assert clusters.members("q") == ["q", "q2", "l"]
    assert clusters.members("l") == []
    # the repository syncs the same pin: placing with it changes nothing
    assert clusters.place(OP, "l", LIMOUX, pin="q") == "q"
    # a new copy of the Limoux post finds the merged cluster
    assert clusters.place(OP, "l2", f"RT @ville_limoux: {LIMOUX}") == "q"


def test_split_by_hand_takes_posts_out_under_a_free_name(clusters):
    clusters.place(OP, "a", ORIGINAL)
    clusters.place(OP, "b", f"RT @x: {ORIGINAL}")
    clusters.place(OP, "c", f"RT @y: {ORIGINAL}")
    apart = clusters.split(["a"])  # the first post of the cluster
    assert apart != "a"  # "a" still names the cluster b and c stay in
    assert clusters.members(apart) == ["a"]
    assert clusters.members("a") == ["b", "c"]
    assert clusters.split(["c", "b"]) == "c"  # "c" names no other post's cluster
    assert clusters.members("c") == ["b", "c"]
    # pinned: a sync that brings the same pin changes nothing, a new copy may join
    assert clusters.place(OP, "b", f"RT @x: {ORIGINAL}", pin="c") == "c"
    assert clusters.cluster_of("a") == apart


def test_merge_and_split_need_something(clusters):
    with pytest.raises(ValueError):
        clusters.merge([])
    with pytest.raises(ValueError):
        clusters.split([])


def test_a_forgotten_post_leaves_its_cluster_and_the_index(clusters, conn):
    clusters.place(OP, "a", ORIGINAL)
    clusters.place(OP, "b", f"RT @x: {ORIGINAL}")
    clusters.forget("a")
    clusters.forget("a")  # twice: nothing more
    assert clusters.cluster_of("a") is None
    assert clusters.members("a") == ["b"]
    clusters.forget("b")
    assert keys_stored(conn) == 0
    assert clusters.place(OP, "c", ORIGINAL) == "c"


def test_local_tables_serve_the_queue_s_reads(conn, clusters):
    """The queries queue.py makes of these tables (by item, by operation and cluster)."""
    clusters.place(OP, "a", ORIGINAL)
    row = conn.execute(
        "SELECT operation_id, cluster_id FROM item_clusters WHERE item_id = ?", ["a"]
    ).fetchone()
    assert row == (OP, "a")
    plan = " ".join(
        str(r)
        for r in conn.execute(
            "EXPLAIN QUERY PLAN SELECT item_id FROM item_clusters "
            "WHERE operation_id = ? AND cluster_id = ?",
            [OP, "a"],
        )
    )
    assert "item_clusters_by_cluster" in plan


@settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(texts=st.lists(st.tuples(st.text(max_size=200), st.text(max_size=60)), max_size=6))
def test_any_posts_are_placed_and_forgotten_without_a_trace(conn, texts):
    clusters = Clusters(conn)
    for index, (text, url) in enumerate(texts):
        assert clusters.place(OP, f"h{index}", text, url)
    for index, (text, url) in enumerate(texts):
        assert clusters.place(OP, f"h{index}", text, url) == clusters.cluster_of(f"h{index}")
        clusters.forget(f"h{index}")
    assert keys_stored(conn) == 0
    assert conn.execute("SELECT count(*) FROM item_clusters").fetchone()[0] == 0
