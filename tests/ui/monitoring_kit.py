"""Posts written for the monitoring desk's UI tests, and helpers to wait on the desk.

A flood at Quillan told by three accounts (a post, a repost, a copy with a word changed),
a road closed at Limoux, and a post full of markup. `take(store, op_id, posts)` stores
them as the intake does (the window's store: the desk hears of it on records_changed).
"""

from __future__ import annotations

from fieldapp.monitoring.posts import Post

FLOOD = "Crue de l'Aude : la route D118 est coupée à Quillan, l'eau monte vite"
ROAD = "Pont fermé à Limoux, déviation par Couiza"
MARKUP = '<b>Alerte</b> <img src=x onerror="alert(1)"> digue de Cuxac'


def post(key: str, text: str, handle: str, minute: int = 0, **values) -> Post:
    fields = {
        "author": handle.strip("@").split("@")[0],
        "posted_at": f"2026-12-05T07:{minute:02d}:00.000Z",
        "url": f"https://social.example/{key}",
        "language": "fr",
    } | values
    return Post(key=f"https://social.example/{key}", handle=handle, text=text, **fields)


def posts() -> list[Post]:
    return [
        post("1", FLOOD, "@anne@social.example", 1),
        post("2", "RT @anne: " + FLOOD, "@bob@x.example", 2),
        post("3", FLOOD.replace("vite", "très vite"), "@carl@y.example", 3),
        post("4", ROAD, "@dora@z.example", 10),
        post("5", MARKUP, "@eve@z.example", 20),
    ]


def take(store, operation_id: str, given: list[Post] | None = None) -> list[str]:
    return store.items.take(operation_id, given or posts(), kind="mastodon").new


def card_texts(desk) -> list[str]:
    model = desk.model
    return [model.card_at(row).text for row in range(model.rowCount()) if model.card_at(row)]


def row_with(desk, text: str) -> int:
    """The model row of the card whose text starts so (rows not read yet are skipped,
    never counted out)."""
    model = desk.model
    cards = ((row, model.card_at(row)) for row in range(model.rowCount()))
    return next(row for row, card in cards if card is not None and card.text.startswith(text))
