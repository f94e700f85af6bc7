"""`fieldapp operation export|import`: a whole operation to a file and into another data
folder, previewed first; a bad file is refused with exit code 1 and nothing stored."""

from __future__ import annotations

from fieldapp.cli.main import main
from fieldapp.store import Store


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_export_preview_import_and_again(tmp_path, capsys):
    a, b = str(tmp_path / "a"), str(tmp_path / "b")
    with Store(a, user="alice") as store:
        op = store.operations.create("Exercice crue", exercise=True)["id"]
        store.reports.add(op, {"title": "Digue fissurée", "severity": 4})
    package = str(tmp_path / "crue.fieldapp-op")

    code, out, _ = run(
        capsys, "--data-dir", a, "operation", "export", "Exercice crue", "-o", package
    )
    assert code == 0 and out.startswith("EXERCISE — ") and "2 record(s)" in out

    code, out, _ = run(capsys, "--data-dir", b, "operation", "import", package, "--preview")
    assert code == 0 and "nothing was stored (--preview)" in out
    assert "report" in out and "new here" in out
    assert not (tmp_path / "b" / "fieldapp.db").exists()

    code, out, _ = run(capsys, "--data-dir", b, "operation", "import", package)
    assert code == 0 and out.startswith("EXERCISE — imported")
    code, out, _ = run(capsys, "--data-dir", b, "operation", "list")
    assert "Exercice crue [EXERCISE]" in out and op in out

    code, out, _ = run(capsys, "--data-dir", b, "operation", "import", package, "--json")
    assert code == 0 and '"present": 1' in out and '"new": 0' in out


def test_a_bad_file_is_refused_and_nothing_imported(tmp_path, capsys):
    bad = tmp_path / "notes.fieldapp-op"
    bad.write_text("pas un paquet")
    code, _, err = run(capsys, "--data-dir", str(tmp_path / "b"), "operation", "import", str(bad))
    assert code == 1
    assert "notes.fieldapp-op: not an operation package" in err and "nothing was imported" in err
    with Store(tmp_path / "b") as store:
        assert store.operations.list() == []
