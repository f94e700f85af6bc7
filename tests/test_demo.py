"""`fieldapp demo`: realistic synthetic reports, the same ones for the same seed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import Counter

import pytest

from fieldapp.cli.main import main
from fieldapp.demo.builder import generate_reports
from fieldapp.reports import domain

CONTENT = (
    "title",
    "body",
    "kind",
    "severity",
    "lat",
    "lon",
    "accuracy_m",
    "place",
    "observed_at",
    "source",
    "source_ref",
    "tags",
    "status",
    "verification",
    "verified_by",
    "author",
)


def demo_reports(data_dir, capsys, *args: str) -> tuple[dict, list[dict]]:
    """Run `fieldapp demo` in a data dir; (operation, its reports in insertion order)."""
    assert main(["--data-dir", str(data_dir), "demo", "--json", *args]) == 0
    made = json.loads(capsys.readouterr().out)
    listing = ["report", "list", "--operation", made["operation"]["id"], "--json"]
    assert main(["--data-dir", str(data_dir), *listing, "--sort", "created_at", "--ascending"]) == 0
    reports = json.loads(capsys.readouterr().out)
    assert len(reports) == made["reports"]
    return made["operation"], reports


def test_same_seed_same_reports(tmp_path, capsys):
    _, first = demo_reports(tmp_path / "a", capsys, "--reports", "300", "--seed", "42")
    _, second = demo_reports(tmp_path / "b", capsys, "--reports", "300", "--seed", "42")
    assert [r["title"] for r in first] == [r["title"] for r in second]
    assert [[r[k] for k in CONTENT] for r in first] == [[r[k] for k in CONTENT] for r in second]
    assert {r["id"] for r in first}.isdisjoint(r["id"] for r in second)


def test_different_seeds_differ(tmp_path, capsys):
    _, first = demo_reports(tmp_path / "a", capsys, "--reports", "100", "--seed", "1")
    _, second = demo_reports(tmp_path / "b", capsys, "--reports", "100", "--seed", "2")
    same = sum(a["title"] == b["title"] for a, b in zip(first, second, strict=True))
    assert same < 20


def test_demo_is_an_exercise_with_the_reports_asked_for(tmp_path, capsys):
    data = tmp_path / "data"
    op, reports = demo_reports(data, capsys, "--reports", "50", "--name", "Démo crues")
    assert op["name"] == "Démo crues" and op["exercise"] is True
    assert all(r["exercise"] for r in reports)
    assert main(["--data-dir", str(data), "operation", "list"]) == 0
    assert "Démo crues [EXERCISE]" in capsys.readouterr().out


def test_same_seed_in_another_process():
    # Hash randomisation differs between processes: the content must not depend on it.
    code = (
        "import hashlib, json; from fieldapp.demo.builder import generate_reports;"
        "print(hashlib.sha256(json.dumps(list(generate_reports(500, 3))).encode()).hexdigest())"
    )
    digests = {
        subprocess.run(
            [sys.executable, "-c", code],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("1", "2")
    }
    assert len(digests) == 1


@pytest.fixture(scope="module")
def sample() -> list[dict]:
    return list(generate_reports(3000, seed=5))


def test_every_report_is_valid(sample):
    for values in sample:
        domain.validate_report(values)


def test_covers_the_vocabulary(sample):
    assert set(Counter(r["kind"] for r in sample)) == set(domain.KINDS)
    assert set(Counter(r["source"] for r in sample)) == set(domain.SOURCES)
    assert set(Counter(r["verification"] for r in sample)) == set(domain.VERIFICATIONS)
    assert set(Counter(r["status"] for r in sample)) == set(domain.STATUSES) - {"duplicate"}
    assert set(Counter(r["severity"] for r in sample)) == {1, 2, 3, 4, 5}


def test_looks_like_floods_and_storms_in_france(sample):
    located = [r for r in sample if r.get("lat") is not None]
    assert len(located) > 0.8 * len(sample)
    for report in located:
        assert 41.0 < report["lat"] < 51.5 and -5.5 < report["lon"] < 10.0
    titles = [r["title"] for r in sample]
    assert any("à Nîmes" in t for t in titles) and any(" in " in t for t in titles)
    assert any("l'Aude" in t or "de l'Aude" in t for t in titles)
    assert not any("{" in r["title"] + r["body"] for r in sample)
    refs = [r["source_ref"] for r in sample if r["source"] == "social_media"]
    assert any(ref.startswith("https://") for ref in refs)
    assert any(ref.startswith("@") for ref in refs)
    tags = Counter(tag for r in sample for tag in r["tags"])
    assert tags["crue"] > tags["tempête"] > 0
    days = {r["observed_at"][:10] for r in sample}
    assert days == {f"2026-10-{day}" for day in range(16, 21)}


def test_verified_reports_say_by_whom(sample):
    for report in sample:
        if report["verification"] != "unverified":
            assert report["verified_by"] and report["verified_at"] > report["observed_at"]


def test_large_demos_made_in_a_helper_process_are_the_same():
    from fieldapp.demo.builder import _made_by_a_helper_process, generate_reports

    assert list(_made_by_a_helper_process(4500, 9)) == list(generate_reports(4500, 9))
