"""Every file of the radio samples, imported as an operator would: by the command line.

The samples are listed from the directory (the repository's copy, and the shared
../shared/samples/radio when it is there), so that a new sample is covered without
touching this file. A file of a supported format (an flmsg radiogram, ICS-213 or ICS-309
form, a Winlink B2F message) imports and exports back byte for byte; anything else is
refused with one clear line naming the line of the file, and nothing is imported.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

REPO_SAMPLES = Path(__file__).parent.parent / "samples" / "radio"
SHARED_SAMPLES = Path(__file__).parents[3] / "shared" / "samples" / "radio"
# What each known sample is (README.md of the samples); a new one is judged by content.
IMPORTS = {"wl2k-go_LPE5NXDVLVSQ.b2f": 1}  # name -> messages
REFUSED = {
    "README.md": (1, "neither an flmsg form"),
    "ectlogger_nts_text_vectors.json": (1, "neither an flmsg form"),
    "flmsg_W1HKJ-14.c2s": (7, "<csvform> forms cannot be imported"),
    "flmsg_ics213_textout.txt": (1, "text view of an ICS-213 form"),
    "flmsg_ics309_textout.txt": (1, "text view of an ICS-309 form"),
}


def _samples() -> list[Path]:
    """Every sample file, once per distinct content (the shared copy and the repo's)."""
    seen, found = set(), []
    for folder in (REPO_SAMPLES, SHARED_SAMPLES):
        if not folder.is_dir():
            continue
        for path in sorted(folder.iterdir()):
            digest = (path.name, hashlib.sha256(path.read_bytes()).hexdigest())
            if path.is_file() and digest not in seen:
                seen.add(digest)
                found.append(path)
    return found


SAMPLES = _samples()


def test_the_samples_are_all_there():
    names = {path.name for path in SAMPLES}
    assert set(IMPORTS) | set(REFUSED) <= names


@pytest.fixture
def run(cli, tmp_path):
    data = tmp_path / "data"
    cli(data, "operation", "create")("Crue de l'Aude")
    return cli(data, "radio")


def _supported(data: bytes) -> bool:
    """Whether a file is of a format the issue asks to import, judged from its content
    as RADIO.md describes it (not by fieldapp): an flmsg radiogram, ICS-213 or ICS-309
    form, or a B2F message (its first header is Mid)."""
    form = re.search(rb"^<(radiogram|ics213|ics309)>\r?$", data, re.MULTILINE)
    return (data.startswith(b"<flmsg>") and form is not None) or data.startswith(b"Mid:")


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: f"{p.parents[2].name}/{p.name}")
def test_every_sample_imports_or_is_refused_clearly(run, run_json, path, tmp_path):
    data = path.read_bytes()
    if path.name in IMPORTS or path.name in REFUSED:  # the table agrees with the content
        assert _supported(data) == (path.name in IMPORTS)
    code, out, err = run("import", str(path), "--json")
    if not _supported(data):
        line, words = REFUSED.get(path.name, (None, ""))
        assert code == 1 and out == ""
        assert err.count("\n") == 1 and "nothing was imported" in err  # one line, no traceback
        assert f"{path}: line {line if line else ''}" in err and words in err
        assert run_json("list") == []
        return
    assert code == 0, err
    saved = run_json("list")
    assert len(saved) == IMPORTS.get(path.name, len(saved)) >= 1
    if data.startswith(b"Mid:") or saved[0]["kind"] in ("radiogram", "ics213"):
        fmt = "b2f" if data.startswith(b"Mid:") else "flmsg"
        again = tmp_path / f"again{path.suffix}"
        code, _, _ = run("export", saved[0]["id"], "--format", fmt, "-o", str(again))
        assert code == 0 and again.read_bytes() == data
