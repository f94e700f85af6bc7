"""Publishing an approved message through Mastodon (a real HTTP server on loopback,
mastodon_server.py): a real operation's to the real account; an exercise's only to the
exercise account, with EXERCICE first, never to the real one; a retry posts once."""

from __future__ import annotations

import pytest
from mastodon_server import MastodonServer

from fieldapp.alerts.publishing import publish_to_mastodon
from fieldapp.core.errors import ValidationError
from fieldapp.core.settings import Settings
from fieldapp.store import Store

TEXTS = {"mastodon": "Crue du Fier à Annecy : évitez les berges.", "sms": "Crue: evitez les berges"}


@pytest.fixture
def real():
    with MastodonServer(token="real-token") as server:
        yield server


@pytest.fixture
def training():
    with MastodonServer(token="drill-token") as server:
        yield server


def approved(store, operation_id):
    message = store.messages.add(
        operation_id, {"title": "Fier", "language": "fr", "texts": TEXTS, "hashtags": ["Annecy"]}
    )
    with Store(store.data_dir, user="bruno") as coordinator:
        coordinator.messages.approve(message["id"])
    return message["id"]


def settings_for(real, training=None):
    return Settings(
        mastodon_instance=real.base,
        mastodon_token="real-token",
        exercise_mastodon_instance=training.base if training else "",
        exercise_mastodon_token="drill-token" if training else "",
    )


def test_a_real_operation_s_message_is_posted_once_and_recorded(store, operation, real):
    message_id = approved(store, operation["id"])
    relay_id = publish_to_mastodon(store, settings_for(real), message_id)
    again = publish_to_mastodon(store, settings_for(real), message_id)  # a retry
    (status,) = real.statuses
    assert status["content"] == f"<p>{TEXTS['mastodon']}\n\n#Annecy</p>"
    assert again == relay_id
    (relay,) = store.relays.of_message(message_id)
    assert (relay["channel"], relay["link"]) == ("mastodon", status["url"])
    assert store.messages.get(message_id)["status"] == "published"


def test_an_exercise_s_message_never_reaches_the_real_account(store, real, training):
    drill = store.operations.create("Exercice crue", exercise=True)["id"]
    message_id = approved(store, drill)
    with pytest.raises(ValidationError, match="never to the real one"):
        publish_to_mastodon(store, settings_for(real), message_id)
    assert real.requests == [] and store.relays.of_message(message_id) == []
    publish_to_mastodon(store, settings_for(real, training), message_id)
    assert real.requests == []
    (status,) = training.statuses
    assert status["content"].startswith("<p>EXERCICE Crue du Fier")


def test_a_draft_is_not_posted(store, operation, real):
    message = store.messages.add(
        operation["id"], {"title": "Fier", "language": "fr", "texts": TEXTS}
    )
    with pytest.raises(ValidationError, match="approved"):
        publish_to_mastodon(store, settings_for(real), message["id"])
    assert real.requests == []
