"""Group commit of the form's posts (public/commits.py): posts that arrive while a commit
is under way are written together in one transaction, each is answered only once it is
durable, and a post whose writes fail costs the others nothing."""

from __future__ import annotations

import threading
import time

import pytest
from sqlalchemy import event, select

from fieldapp.sync.server.public import limits
from fieldapp.sync.server.public import tables as pt
from fieldapp.sync.server.public.commits import GroupCommit
from fieldapp.sync.server.serve import open_database


@pytest.fixture
def db(tmp_path):
    database = open_database(str(tmp_path / "server.db"))
    yield database
    database.close()


def _counted(db) -> dict[str, int]:
    with db.read() as conn:
        table = pt.public_attempts
        return dict(conn.execute(select(table.c.reason, table.c.count)).all())


def _posts_behind_a_slow_one(db, commits: GroupCommit, failing: str | None) -> dict:
    """One post holds the writer for a while; five more arrive meanwhile."""
    answers: dict[str, object] = {}
    started = threading.Event()

    def work(name: str):
        def write(conn):
            limits.count(conn, "op", name, 1)
            if name == "slow":
                started.set()
                time.sleep(0.3)
            if name == failing:
                raise ValueError("a desktop would refuse it")
            return f"receipt of {name}"

        return write

    def post(name: str) -> None:
        try:
            answers[name] = commits.run(work(name))
        except ValueError as exc:
            answers[name] = exc

    threads = [threading.Thread(target=post, args=("slow",))]
    threads[0].start()
    assert started.wait(10)
    for name in ("p1", "p2", "p3", "p4", "p5"):
        threads.append(threading.Thread(target=post, args=(name,)))
        threads[-1].start()
    for thread in threads:
        thread.join(30)
    return answers


def test_posts_that_arrive_during_a_commit_share_the_next_one(db):
    commits_made = []
    event.listen(db.engine, "commit", lambda _conn: commits_made.append(1))
    answers = _posts_behind_a_slow_one(db, GroupCommit(db), failing=None)
    assert len(commits_made) == 2  # the slow one, then the five together
    assert answers == {n: f"receipt of {n}" for n in ("slow", "p1", "p2", "p3", "p4", "p5")}
    assert _counted(db) == {n: 1 for n in answers}  # every post stored, once


def test_a_failing_post_costs_the_others_nothing(db):
    answers = _posts_behind_a_slow_one(db, GroupCommit(db), failing="p3")
    assert isinstance(answers.pop("p3"), ValueError)
    assert answers == {n: f"receipt of {n}" for n in ("slow", "p1", "p2", "p4", "p5")}
    assert _counted(db) == {n: 1 for n in answers}  # nothing of p3, the others once
