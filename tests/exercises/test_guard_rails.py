"""Guard rails: nothing of an exercise is moved, linked or relayed into a real operation,
and what an exercise publishes or relays always says EXERCISE (issue 16, point 8: a test
for each path)."""

from __future__ import annotations

import pytest

from fieldapp.core.errors import ValidationError
from fieldapp.exercises.release import release

INJECTS = [
    {"number": "1", "at_s": 0, "channel": "social", "content": "Le pont de Sommières a cédé"},
    {
        "number": "2",
        "at_s": 0,
        "channel": "alert",
        "content": "Vigilance rouge crues",
        "details": {"area": "INSEE:30", "severity": "Extreme"},
    },
    {"number": "3", "at_s": 0, "channel": "phone", "content": "Famille sur le toit à Aramon"},
]


@pytest.fixture
def two(store):
    """An exercise with its three injects released, and a real operation beside it."""
    drill = store.operations.create("Exercice crue", exercise=True)["id"]
    real = store.operations.create("Crue réelle")["id"]
    delivered = [release(store, i)[0] for i in store.injects.add_many(drill, INJECTS)]
    return drill, real, {d["entity"]: d["id"] for d in delivered}


def test_an_exercise_post_is_never_attached_to_a_real_report(store, two):
    _drill, real, made = two
    report = store.reports.add(real, {"title": "Pont fermé"})
    with pytest.raises(ValidationError, match="another operation"):
        store.items.attach([made["item"]], report["id"])


def test_an_exercise_post_or_report_never_carries_a_real_rumour(store, two):
    _drill, real, made = two
    rumour = store.rumours.add(real, {"claim": "Le pont a cédé"})
    for target, record_id in (("item", made["item"]), ("report", made["report"])):
        with pytest.raises(ValidationError, match="another operation"):
            store.rumours.link(rumour["id"], target, record_id)


def test_an_exercise_alert_is_never_relayed_or_published_in_a_real_operation(store, two):
    _drill, real, made = two
    with pytest.raises(ValidationError, match="another operation"):
        store.relays.add(real, {"alert_id": made["alert"], "channel": "radio", "via": "F4ABC"})
    with pytest.raises(ValidationError, match="another operation"):
        store.messages.add(
            real,
            {
                "title": "Relais",
                "language": "fr",
                "texts": {"sms": "Vigilance rouge"},
                "alert_id": made["alert"],
            },
        )


def test_an_exercise_alert_relayed_by_radio_is_a_test_message(store, two):
    from fieldapp.alerts.relaying import radiogram_values

    drill, _real, made = two
    form = radiogram_values(store.alerts.get(made["alert"]), exercise=True)
    message = store.radio.add(drill, form, station="F4ABC")
    assert message["test"]


def test_an_exercise_message_always_begins_with_exercice(store, two):
    from fieldapp.alerts.publishing import published_text

    drill, _real, _made = two
    message = store.messages.add(
        drill,
        {"title": "Évacuation", "language": "fr", "texts": {"sms": "Evacuez le camping du Moulin"}},
    )
    assert published_text(message, "sms", exercise=True).startswith("EXERCICE ")


def test_an_exercise_alert_never_enters_a_real_operation(store, two):
    from fieldapp.alerts.cap import alert_from_json
    from fieldapp.alerts.intake import take

    _drill, real, made = two
    copied = alert_from_json(store.alerts.get(made["alert"])["cap"])  # a file of it, say
    done = take(store, real, [(copied, "copied")])
    assert done.taken.new == [] and "exercise operation" in done.taken.refused[0][1]
