"""Shared fixtures: a fresh data directory with a store and one operation."""

from __future__ import annotations

import json

import pytest

from fieldapp.cli import main
from fieldapp.store import Store


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "data", user="alice") as opened:
        yield opened


@pytest.fixture
def operation(store):
    return store.create_operation("Floods in the Aude")


@pytest.fixture
def cli(capsys):
    """cli(data_dir, *words) -> run(*args): runs `fieldapp --data-dir DIR words args`.

    run returns (exit code, stdout, stderr) and fails the test on any traceback.
    """

    def runner(data_dir, *words: str):
        def run(*args: str) -> tuple[int, str, str]:
            code = main(["--data-dir", str(data_dir), *words, *args])
            out, err = capsys.readouterr()
            assert "Traceback" not in err
            return code, out, err

        return run

    return runner


@pytest.fixture
def run_json(run):
    """run_json(*args): the parsed --json output of a command that must succeed.

    Uses the `run` fixture of the requesting test module.
    """

    def run_json(*args: str):
        code, out, err = run(*args, "--json")
        assert code == 0, err
        return json.loads(out)

    return run_json
