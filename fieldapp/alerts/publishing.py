"""Publishing an approved public message through a Mastodon account, and recording it.

FieldApp posts nothing by itself unless an account is configured (Settings). A real
operation's message goes to the real account; an exercise's goes ONLY to the exercise
account (a training instance), never to the real one, and its text begins with EXERCISE
(EXERCICE in French): with no exercise account, an exercise's message is copied by hand.
The Idempotency-Key is the message's id and channel, so a retry after a cut link never
posts twice; the published post is recorded as a relay with its link.

Run it in a job (network lane): it posts over the network, then writes through the
Store of the thread that runs it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from fieldapp.alerts.outreach.compose import Draft, channel_text
from fieldapp.core.errors import ValidationError

if TYPE_CHECKING:
    import requests

    from fieldapp.core.record_types import PublicMessage
    from fieldapp.core.settings import Settings
    from fieldapp.store import Store


@dataclass(frozen=True)
class Account:
    instance: str
    token: str
    exercise: bool


def mastodon_account(settings: Settings, exercise: bool) -> Account | None:
    """The account a message of a real operation or of an exercise may be posted to."""
    if exercise:
        instance, token = settings.exercise_mastodon_instance, settings.exercise_mastodon_token
    else:
        instance, token = settings.mastodon_instance, settings.mastodon_token
    if not instance.strip() or not token.strip():
        return None
    return Account(instance.strip(), token.strip(), exercise)


def published_text(message: PublicMessage, channel: str, exercise: bool) -> str:
    """What a channel really publishes of a message (EXERCISE first in an exercise)."""
    draft = Draft(
        message["language"],
        dict(message["texts"]),
        tuple(message["hashtags"]),
        message["link"],
        exercise,
    )
    return channel_text(draft, channel)


def publish_to_mastodon(
    store: Store, settings: Settings, message_id: str, *, session: requests.Session | None = None
) -> str:
    """Post an approved message's Mastodon text and record where it went; the relay's id.
    ValidationError when it may not be posted (not approved, no account for it);
    PublishError (outreach/mastodon_post.py) when the instance refused or could not be
    reached: nothing is recorded then."""
    from fieldapp.alerts.outreach.mastodon_post import post_status

    message = store.messages.get(message_id)
    exercise = bool(store.operations.get(message["operation_id"])["exercise"])
    if message["status"] not in ("approved", "published"):
        raise ValidationError(
            {
                "status": (
                    "not_approved",
                    ("a message is published only once a coordinator approved it"),
                )
            }
        )
    if not message["texts"].get("mastodon"):
        raise ValidationError({"texts": ("required", "this message has no Mastodon text")})
    account = mastodon_account(settings, exercise)
    if account is None:
        why = (
            "an exercise's message is posted only to the exercise account, never to the "
            "real one: set an exercise account, or copy the text"
            if exercise
            else "no Mastodon account is set: copy the text instead"
        )
        raise ValidationError({"account": ("no_account", why)})
    text = published_text(message, "mastodon", exercise)
    posted = post_status(
        account.instance,
        account.token,
        text,
        language=message["language"],
        idempotency_key=f"{message_id}:mastodon",
        session=session,
    )
    for relay in store.relays.of_message(message_id):
        if relay["channel"] == "mastodon" and relay["link"] == posted.url:
            return relay["id"]  # a retry: the instance gave the same status back
    return store.messages.publish(
        message_id, channel="mastodon", via=account.instance, link=posted.url, at=posted.at
    )
