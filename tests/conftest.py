"""Shared fixtures: a fresh data directory with a store and one operation."""

from __future__ import annotations

import json

import pytest

from fieldapp.cli.main import main
from fieldapp.store import Store


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--conflict-runs",
        type=int,
        default=0,
        help="run each test marked `conflict` this many times (pytest-repeat); `make conflicts`",
    )


@pytest.hookimpl(tryfirst=True)
def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Only the conflict tests are repeated: pytest-repeat's --count would multiply every
    collected test before `-m conflict` deselects them (1,200 tests x 200)."""
    runs = metafunc.config.getoption("conflict_runs")
    if runs > 1 and metafunc.definition.get_closest_marker("conflict"):
        metafunc.definition.add_marker(pytest.mark.repeat(runs))


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "data", user="alice") as opened:
        yield opened


@pytest.fixture
def operation(store):
    return store.operations.create("Floods in the Aude")


@pytest.fixture
def relayed_twice(store, operation):
    """Radiogram NR 12 from F1PCT at 10:00 on GARD NET, passed by F4ABC to F5XYZ at 10:05
    on RDRF 80m (3.603 LSB), then to F6AAA at 10:20 on VHF: three hops."""
    message = store.radio.add(
        operation["id"],
        {
            "text": "NEED 40 COTS AT SCHOOL",
            "number": "12",
            "precedence": "P",
            "received_from": "F1PCT",
            "received_net": "GARD NET",
            "received_at": "2026-11-28T10:00Z",
        },
        station="F4ABC",
    )
    hops = (("F5XYZ", "RDRF 80m", "10:05", "3.603", "LSB"), ("F6AAA", "VHF", "10:20", "", ""))
    for to, net, at, frequency, mode in hops:
        store.radio.relay(
            message["id"], to_station=to, net=net, at=f"2026-11-28T{at}Z", station="F4ABC",
            frequency=frequency, mode=mode,
        )  # fmt: skip
    return store.radio.get(message["id"])


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


@pytest.fixture
def plurals(qapp):
    """English counts as the app shows them ("1 item", "2 items"): the translator every
    LanguageManager installs (fieldapp/ui/kit/i18n.py)."""
    from fieldapp.ui.kit.i18n import install_english_plurals

    install_english_plurals(qapp)
