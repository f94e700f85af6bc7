"""`fieldapp source|intake|rule`: the monitoring desk from the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

SAMPLES = Path(__file__).resolve().parents[1] / "samples" / "feeds"
POSTS_CSV = """id;texte;auteur;date;lien
1;Crue : la D118 est coupée à Quillan;@anne@social.example;2026-12-05T07:00:00Z;https://s.example/1
2;RT @anne: Crue : la D118 est coupée à Quillan;@bob@x.example;2026-12-05T07:05:00Z;https://s.example/2
3;Incendie près de Narbonne, fumée visible depuis l'A9;@carl@y.example;2026-12-05T07:10:00Z;https://s.example/3
"""


@pytest.fixture(autouse=True)
def _no_user_data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("FIELDAPP_HOME", str(tmp_path / "default-home"))


@pytest.fixture
def run(tmp_path, cli):
    return cli(tmp_path / "data")


@pytest.fixture
def op(run_json) -> dict:
    return run_json("operation", "create", "Crues de l'Aude")


@pytest.fixture
def posts_file(tmp_path) -> Path:
    path = tmp_path / "posts.csv"
    path.write_text(POSTS_CSV, encoding="utf-8")
    return path


def test_a_csv_of_posts_imported_twice_gives_its_posts_once(run, run_json, op, posts_file):
    first = run_json("intake", "import", str(posts_file))
    again = run_json("intake", "import", str(posts_file))
    assert len(first["new"]) == 3 and again == {"new": [], "known": first["new"]}
    cards = run_json("intake", "list", "--cluster")
    assert sorted(card["posts"] for card in cards) == [1, 2]  # the repost joined its original
    posts = run_json("intake", "list")
    assert {p["cluster"] for p in posts} == {c["cluster"] for c in cards}
    assert all("<" not in p["text"] for p in posts)


def test_a_real_feed_file_is_taken_in_as_text(run, run_json, op):
    result = run_json("intake", "import", str(SAMPLES / "rss2_news_guardian_us.rss"))
    assert len(result["new"]) == 55
    posts = run_json("intake", "list", "--status", "all", "--limit", "100")
    assert len(posts) == 55
    assert not any("<p>" in p["text"] or "&amp;" in p["text"] for p in posts)


def test_promote_makes_a_report_of_the_whole_card_and_it_leaves_the_queue(
    run, run_json, op, posts_file
):
    run_json("intake", "import", str(posts_file))
    flood = next(c for c in run_json("intake", "list", "--cluster") if c["posts"] == 2)
    report = run_json("intake", "promote", flood["cluster"], "--kind", "hazard")
    assert report["source"] == "social_media" and report["kind"] == "hazard"
    assert report["title"].startswith("Crue : la D118")
    left = run_json("intake", "list", "--cluster")
    assert [c["posts"] for c in left] == [1]
    promoted = run_json("intake", "list", "--status", "promoted")
    assert {p["report_id"] for p in promoted} == {report["id"]}


def test_dismiss_and_restore_move_a_card_out_of_the_queue_and_back(run, run_json, op, posts_file):
    run_json("intake", "import", str(posts_file))
    fire = next(c for c in run_json("intake", "list", "--cluster") if c["posts"] == 1)
    code, out, _ = run("intake", "dismiss", fire["cluster"])
    assert code == 0 and "1 post" in out
    assert [c["posts"] for c in run_json("intake", "list", "--cluster")] == [2]
    run("intake", "restore", fire["cluster"])
    assert len(run_json("intake", "list", "--cluster")) == 2


def test_a_rule_is_previewed_then_flags(run, run_json, op, posts_file):
    run_json("intake", "import", str(posts_file))
    preview = run_json("rule", "preview", "coupee OR incendie")
    assert preview["matches"] == 3
    rule = run_json("rule", "add", "Routes", '"D118" NOT incendie', "--enable")
    assert rule["enabled"] is True
    flagged = run_json("intake", "list", "--cluster", "--flagged")
    assert [c["posts"] for c in flagged] == [2]


def test_bad_input_is_one_line_and_changes_nothing(run, run_json, op, tmp_path):
    wrong = tmp_path / "wrong.csv"
    wrong.write_text("a;b\n1;2\n", encoding="utf-8")
    code, _, err = run("intake", "import", str(wrong))
    assert code != 0 and len(err.strip().splitlines()) == 1 and "wrong.csv" in err
    code, _, err = run("rule", "add", "Bad", '"unclosed')
    assert code == 2 and "expression" in err
    code, _, err = run("source", "add", "rss", "not a url")
    assert code != 0 and "not a url" in err
    code, _, err = run("source", "add", "rss", "https://feeds.example/a.rss", "--interval", "5")
    assert code == 2 and "30" in err
    assert run_json("intake", "list", "--status", "all") == []
    assert run_json("rule", "list") == [] and run_json("source", "list") == []


def test_sources_are_listed_with_their_state_and_removed(run, run_json, op):
    added = run_json(
        "source", "add", "rss", "https://feeds.example/crue.rss", "--name", "Vigicrues"
    )
    assert added["interval_s"] == 120 and added["last_fetch_at"] is None
    code, _, err = run("source", "add", "rss", "https://feeds.example/crue.rss")
    assert code != 0 and "already watched" in err
    assert [s["name"] for s in run_json("source", "list")] == ["Vigicrues"]
    code, _, _ = run("source", "remove", "Vigicrues")
    assert code == 0 and run_json("source", "list") == []


def test_a_pasted_post_is_in_the_queue(run, run_json, op):
    pasted = run_json("source", "add", "paste", "Appel: famille bloquée sur le toit, rue du Pont",
                      "--author", "SMS 06 12")  # fmt: skip
    [post] = run_json("intake", "list")
    assert post["id"] == pasted["item"] and post["source_kind"] == "paste"
    assert json.dumps(post, ensure_ascii=False).count("famille bloquée") == 1
