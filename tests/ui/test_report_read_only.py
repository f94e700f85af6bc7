"""A report this user may not change opens read-only, saying who created it and why, in
the window's language: the volunteer never types changes the server would refuse for
good (it names each record's owner in its pulls: tests/sync/test_client_refused.py)."""

from __future__ import annotations

from fieldapp.core.bookkeeping import set_state
from fieldapp.core.settings import Settings


def _as_volunteer_with_vera_s_report(store):
    """This data folder as paul's laptop (a volunteer) that pulled a report of vera's."""
    operation = store.operations.create("Crues de l'Aude")["id"]
    hers = store.reports.add(operation, {"title": "Digue fissurée à Cuxac"})
    mine = store.reports.add(operation, {"title": "Route coupée"})
    with store.db.transaction() as conn:
        set_state(conn, {"role": "volunteer", "user": "paul"})
        conn.execute("INSERT INTO sync_owners VALUES ('report', ?, 'vera')", [hers["id"]])
        conn.execute("INSERT INTO sync_owners VALUES ('report', ?, 'paul')", [mine["id"]])
    store.db.user = "paul"
    return operation, hers["id"], mine["id"]


def test_someone_else_s_report_is_read_only_and_says_who_created_it(qtbot, make_window, store):
    operation, hers, mine = _as_volunteer_with_vera_s_report(store)
    window = make_window(Settings(last_operation_id=operation))
    editor = window.editor
    assert editor.show_report(hers)
    assert editor.read_only.isVisible()
    assert editor.read_only.text().startswith("Read only: vera created this report;")
    assert "as a volunteer you change only the reports you created" in editor.read_only.text()
    assert not editor.form.isEnabled() and not editor.save_button.isEnabled()
    assert not editor.delete_button.isEnabled()
    assert editor.save_button.isVisible()  # there, greyed: the user sees why nothing saves
    assert editor.show_report(mine)
    assert not editor.read_only.isVisible()
    assert editor.form.isEnabled() and editor.save_button.isEnabled()
    editor.form.set_value("title", "Route coupée à Coursan")
    assert editor.save()
    assert store.reports.get(mine)["title"] == "Route coupée à Coursan"


def test_the_read_only_note_is_in_french(qtbot, make_window, store, languages):
    operation, hers, _mine = _as_volunteer_with_vera_s_report(store)
    window = make_window(Settings(last_operation_id=operation), languages=languages)
    languages.apply("fr")
    assert window.editor.show_report(hers)
    text = window.editor.read_only.text()
    assert text.startswith("Lecture seule : vera a créé ce rapport ;"), text
