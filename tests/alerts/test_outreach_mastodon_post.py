"""Posting a status to a Mastodon account, against a real HTTP server on loopback
(mastodon_server.py): the request's shape, the Idempotency-Key that makes a retry after a
cut connection safe, each way it fails as a kind and one line naming the instance, and
the access token in none of them."""

from __future__ import annotations

import pytest
import requests
from mastodon_server import MastodonServer

from fieldapp.alerts.outreach.mastodon_post import (
    ERROR_KINDS,
    Published,
    PublishError,
    instance_base,
    post_status,
)

TOKEN = "Zk3-very-secret-access-token-0001"
TEXT = "EXERCICE Crue du Fier à Annecy : évitez les berges. #Inondation"


@pytest.fixture
def server():
    with MastodonServer(token=TOKEN) as running:
        yield running


def post(server, key="draft-42-mastodon", token=TOKEN, text=TEXT, **options):
    return post_status(server.base, token, text, language="fr", idempotency_key=key, **options)


def test_a_post_publishes_a_public_status(server):
    published = post(server)
    (status,) = server.statuses
    assert published == Published(status["id"], f"{server.base}/@fieldapp/{status['id']}",
                                  "2026-12-05T08:30:00.000Z")  # fmt: skip
    assert status["content"] == f"<p>{TEXT}</p>"
    assert (status["language"], status["visibility"]) == ("fr", "public")
    (request,) = server.requests
    assert request.headers["authorization"] == f"Bearer {TOKEN}"
    assert request.headers["idempotency-key"] == "draft-42-mastodon"
    assert request.headers["user-agent"].startswith("FieldApp/")
    assert "outreach" in request.headers["user-agent"]


def test_a_retry_with_the_same_key_returns_the_first_status(server):
    first = post(server)
    again = post(server)
    assert again == first and len(server.statuses) == 1 and len(server.requests) == 2
    other = post(server, key="draft-43-mastodon")
    assert other.id != first.id and len(server.statuses) == 2


def test_a_connection_cut_after_posting_then_a_retry_posts_once(server):
    server.next("cut-after")
    with pytest.raises(PublishError) as cut:
        post(server)
    assert cut.value.kind == "network" and len(server.statuses) == 1
    assert "connection was cut" in str(cut.value)
    assert "same key" in str(cut.value)
    published = post(server)
    assert len(server.statuses) == 1 and published.id == server.statuses[0]["id"]


def test_a_connection_cut_before_posting_then_a_retry_posts(server):
    server.next("cut-before")
    with pytest.raises(PublishError, match="connection was cut"):
        post(server)
    assert server.statuses == []
    post(server)
    assert len(server.statuses) == 1


def test_a_shared_session_works_and_is_left_open(server):
    with requests.Session() as session:
        first = post(server, session=session)
        assert post(server, key="k2", session=session).id != first.id
    assert len(server.statuses) == 2


def test_a_wrong_token_is_an_auth_error(server):
    with pytest.raises(PublishError) as refused:
        post(server, token="Wrong-token-0002")
    error = refused.value
    assert (error.kind, error.status) == ("auth", 401)
    assert str(error) == (
        f"127.0.0.1:{server.base.rsplit(':', 1)[1]} refused the account's access token "
        "(401: The access token is invalid); connect the account again"
    )
    assert server.statuses == []


def test_a_status_over_500_characters_is_refused_with_mastodons_words(server):
    with pytest.raises(PublishError) as refused:
        post(server, text="é" * 501)
    assert (refused.value.kind, refused.value.status) == ("refused", 422)
    assert "refused the post (422: Validation failed: Text character limit of 500 exceeded)" in (
        str(refused.value)
    )
    assert post(server, text="é" * 500).id  # 500 goes through


def test_rate_limited_says_how_long_to_wait(server):
    server.next("429", "429-reset")
    with pytest.raises(PublishError) as limited:
        post(server)
    assert (limited.value.kind, limited.value.retry_after) == ("rate-limited", 120)
    assert "too many posts for now (429); it asks to wait 120 s" in str(limited.value)
    with pytest.raises(PublishError) as by_reset:
        post(server)
    assert by_reset.value.retry_after is not None and 280 < by_reset.value.retry_after <= 300
    assert server.statuses == []


def test_a_server_error_is_said_and_retry_is_safe(server):
    server.next("500")
    with pytest.raises(PublishError) as failed:
        post(server)
    assert (failed.value.kind, failed.value.status) == ("server", 500)
    assert "failed (500: We're sorry, but something went wrong)" in str(failed.value)


def test_an_answer_that_is_not_a_status_is_an_answer_error(server):
    server.next("html", "no-url")
    with pytest.raises(PublishError, match="not with a Mastodon status") as html:
        post(server)
    with pytest.raises(PublishError, match="without the status's url") as no_url:
        post(server, key="k2")
    assert html.value.kind == no_url.value.kind == "answer"


def test_no_answer_in_time_is_a_network_error(server):
    server.next("slow")
    with pytest.raises(PublishError, match=r"did not answer within 0\.5 s") as slow:
        post(server, timeout=0.5)
    assert slow.value.kind == "network"


def test_an_instance_that_is_down_is_a_network_error():
    with MastodonServer(token=TOKEN) as gone:
        base = gone.base
    with pytest.raises(PublishError, match="could not connect") as down:
        post_status(base, TOKEN, TEXT, language="fr", idempotency_key="k")
    assert down.value.kind == "network"


def test_the_token_is_in_no_error(server):
    errors = []

    def caught(**options):
        with pytest.raises(PublishError) as raised:
            post(server, **options)
        errors.append(raised.value)

    for script in ("429", "500", "cut-after", "cut-before", "html", "no-url", "echo"):
        server.next(script)
        caught(key=f"k-{script}")
    caught(text="x" * 501)
    caught(token="Wrong-token-0002")
    server.stop()
    caught()  # nobody listening any more
    assert {error.kind for error in errors} == set(ERROR_KINDS)
    for error in errors:
        shown = " ".join([str(error), repr(error), *map(str, error.args)])
        assert TOKEN not in shown and "Wrong-token-0002" not in shown
        assert "127.0.0.1" in str(error)
    echoed = next(error for error in errors if "Bad request" in str(error))
    assert str(echoed).endswith("(422: Bad request: Bearer [token])")


def test_an_instance_address_must_be_https_except_on_loopback():
    assert instance_base("mastodon.social") == "https://mastodon.social"
    assert instance_base(" https://mastodon.social/ ") == "https://mastodon.social"
    assert instance_base("http://127.0.0.1:8080") == "http://127.0.0.1:8080"
    assert instance_base("http://localhost:3000/") == "http://localhost:3000"
    with pytest.raises(ValueError, match="reached over https"):
        instance_base("http://mastodon.social")
    with pytest.raises(ValueError, match="not a Mastodon instance's address"):
        instance_base("https://mastodon.social/@fieldapp")
    with pytest.raises(ValueError, match="reached over https"):
        post_status("http://mastodon.example", TOKEN, TEXT, language="en", idempotency_key="k")
