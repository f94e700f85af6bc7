"""The desktop's side of the public form (issue 19): a coordinator opens an operation to
the public, reveals a citizen's contact, and any laptop fetches a report's photo.

Calls the server's coordinators' API (sync/server/public/routes.py) with this device's
token: `form_state`, `switch_form`, `reveal_contact`; `fetch_photo` downloads the photo
an item names in its `media` into the attachments' blob folder (as sync does for
attachments: resumable, checked by sha256), so it shows offline once fetched. The QR
code of the form's address is made here with segno (pure Python). Refusals come back as
`PublicError` with a code the window says in full ("forbidden", "no_operation",
"refused", or the transport's codes: "unreachable", "not_joined"…).

Functions of a Store (its thread's own) and plain values: run them in a worker thread
(a job of the task manager on the network lane), never on the GUI thread.
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

import segno

from fieldapp.sync.client.transport import SyncError, Transport

if TYPE_CHECKING:
    from fieldapp.store import Store

ATTEMPTS = 2  # a window waits on it: say "unreachable" in seconds, not after a minute
BLOB_PATH = re.compile(r"^/api/v1/blobs/([0-9a-f]{64})$")
LANGUAGES = ("fr", "en")
# The short text the dialog proposes, in the page's first language: what to report, what
# not, and the emergency number first (112 works in every EU country).
DEFAULT_TEXT = {
    "fr": "Signalez ce que vous voyez : eau qui monte, route coupée, dégâts, personnes qui"
    " ont besoin d'aide. Ne vous mettez pas en danger pour une photo.\n"
    "Ce formulaire n'est pas un appel d'urgence : en danger, appelez le 112.",
    "en": "Report what you see: rising water, a cut road, damage, people who need help."
    " Do not put yourself in danger for a photo.\n"
    "This form is not an emergency call: if you are in danger, call 112.",
}

# The poster speaks the page's language, not the window's.
POSTER_WORDS = {
    "fr": {"exercise": "EXERCICE — ce n'est pas une vraie urgence",
           "scan": "Scannez le code ou tapez l'adresse :"},
    "en": {"exercise": "EXERCISE — not a real emergency",
           "scan": "Scan the code or type the address:"},
}  # fmt: skip


class PublicError(SyncError):
    """A refusal of the public form's API, in the server's words (`str`), with a code:
    "forbidden" (this user's role may not), "no_operation" (the server does not hold the
    operation: not synced yet), "no_submission" (not a report of the form), "refused"."""


def _transport(store: Store) -> Transport:
    from fieldapp.sync.client.session import SyncClient

    return SyncClient(store, attempts=ATTEMPTS, backoff_s=0.3).transport()


def _call(store: Store, method: str, path: str, body: Any = None) -> dict[str, Any]:
    http = _transport(store)
    try:
        answer = http.json(method, path, body)
    except SyncError as exc:
        raise _public_error(exc, path) from None
    finally:
        http.close()
    if not isinstance(answer, dict):
        raise SyncError(f"the server's answer to {path} is not an object", "not_fieldapp")
    return answer


def _public_error(exc: SyncError, path: str) -> SyncError:
    words = str(exc).split(": ", 1)[-1]
    if exc.status == 403:
        error = PublicError(words, "forbidden")
    elif exc.status == 404:
        error = PublicError(words, "no_submission" if "/items/" in path else "no_operation")
    elif exc.status is not None and exc.status != 401:
        error = PublicError(words, "refused")
    else:
        return exc
    error.status = exc.status
    return error


def form_state(store: Store, operation_id: str) -> dict[str, Any]:
    """The operation's public form as the server holds it (`code` None: never opened)."""
    return _call(store, "GET", f"/operations/{operation_id}/public")


def switch_form(
    store: Store, operation_id: str, is_open: bool, settings: dict[str, Any]
) -> dict[str, Any]:
    """Open (with these settings) or close the form; returns its new state."""
    return _call(store, "POST", f"/operations/{operation_id}/public", {"open": is_open, **settings})


def reveal_contact(store: Store, item_id: str) -> dict[str, Any]:
    """Put the citizen's phone in the item for every device of the operation; returns
    {"contact": ..., "receipt": ...} ("" when the person left none)."""
    return _call(store, "POST", f"/public/items/{item_id}/reveal")


def address(state: dict[str, Any], api_url: str) -> str:
    """The form's whole address: the public address set for it, else the one this device
    reaches the server at; "" before the form was ever opened."""
    if not state.get("path"):
        return ""
    if state.get("url"):
        return str(state["url"])
    return api_url.rstrip("/").removesuffix("/api/v1") + str(state["path"])


def qr_svg(url: str) -> bytes:
    """The address as a QR code (SVG, error correction M: survives a poster's creases)."""
    out = io.BytesIO()
    segno.make(url, error="m", micro=False).save(out, kind="svg", scale=8, border=4, dark="#000")
    return out.getvalue()


def save_qr(url: str, path: Path) -> Path:
    """The QR code alone as a PNG or SVG file, by the file's suffix; ValueError otherwise."""
    suffix = path.suffix.lower()
    if suffix not in (".png", ".svg"):
        raise ValueError(f"{path.name}: a QR code is saved as .png or .svg")
    partial = path.with_name(path.name + ".partial" + suffix)
    segno.make(url, error="m", micro=False).save(
        str(partial), scale=12 if suffix == ".png" else 8, border=4
    )
    partial.replace(path)
    return path


def default_text(language: str) -> str:
    return DEFAULT_TEXT.get(language, DEFAULT_TEXT["en"])


def poster_words(language: str, exercise: bool) -> dict[str, str]:
    """The poster's own lines in `language`; no EXERCISE line outside an exercise."""
    words = dict(POSTER_WORDS.get(language, POSTER_WORDS["en"]))
    if not exercise:
        words["exercise"] = ""
    return words


def photo_sha(media: str | list[str]) -> str:
    """The sha256 of the first photo an item's `media` names on the server, or ""."""
    import json

    paths = json.loads(media) if isinstance(media, str) and media.startswith("[") else media
    for path in paths if isinstance(paths, list) else []:
        found = BLOB_PATH.match(str(path))
        if found:
            return found.group(1)
    return ""


def fetch_photo(store: Store, sha: str) -> Path:
    """The photo's file in the blob folder, downloaded first if it is not here yet."""
    blobs = store.attachments.blobs
    if blobs.has(sha):
        return blobs.path(sha)
    from fieldapp.sync.client.blobsync import download

    http = _transport(store)
    try:
        download(store, http, sha)
    finally:
        http.close()
    return blobs.path(sha)
