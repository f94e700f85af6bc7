"""Rendering the public pages: the form, the receipt, and the polite refusals.

Jinja2 with autoescape on: every value a template shows is escaped unless it is one of
this module's own constants (style, script, the rendered footer), marked safe here.
The footer is rendered once per form settings and language (a small cache). Each page
gets a fresh CSP nonce; its headers forbid anything from another site, framing,
sniffing and caching (a form page carries a token). Pure: any thread.
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any

from fastapi.responses import HTMLResponse
from jinja2 import DictLoader, Environment, select_autoescape
from markupsafe import Markup

from fieldapp.sync.server.public.submissions import KINDS
from fieldapp.sync.server.public.templates import SCRIPT, STYLE, TEMPLATES
from fieldapp.sync.server.public.words import words

_ENV = Environment(
    loader=DictLoader(TEMPLATES), autoescape=select_autoescape(default=True), auto_reload=False
)
FIELD_ANCHORS = {"where": "place", "position": "place", "kind": "kind"}


def headers(nonce: str) -> dict[str, str]:
    policy = (
        "default-src 'none'; img-src 'self'; connect-src 'self'; form-action 'self';"
        f" style-src 'nonce-{nonce}'; script-src 'nonce-{nonce}'; base-uri 'none';"
        " frame-ancestors 'none'"
    )
    return {
        "Content-Security-Policy": policy,
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
        "Cache-Control": "no-store",
    }


def _common(op: Any, language: str, exercise: bool, operation_name: str) -> dict[str, Any]:
    footer = _footer(language, op.organiser, operation_name, op.retention_days, op.until)
    return {
        "w": words(language), "lang": language, "exercise": exercise, "path": f"/r/{op.code}",
        "footer": footer, "style": Markup(STYLE), "nonce": secrets.token_hex(12),
    }  # fmt: skip


@lru_cache(maxsize=256)
def _footer(language: str, organiser: str, operation_name: str, retention_days: int,
            until: int | None) -> Markup:  # fmt: skip
    """Who runs the form and what happens to the data: the same for every page of a form
    (rendered once per settings and language, not per post)."""
    w = words(language)
    who = w["who"].replace("%1", organiser or w["who_default"].replace("%1", operation_name))
    moment = ""
    if until:
        moment = datetime.fromtimestamp(until / 1000, UTC).strftime("%Y-%m-%d %H:%M")
        moment = w["until"].replace("%1", moment)
    return Markup(
        _ENV.get_template("footer").render(
            who=who, retention=w["retention"].replace("%1", str(retention_days)), until=moment
        )
    )


def _response(template: str, context: dict[str, Any], status: int,
              extra: Mapping[str, str] | None = None) -> HTMLResponse:  # fmt: skip
    body = _ENV.get_template(template).render(**context)
    return HTMLResponse(body, status, {**headers(context["nonce"]), **(extra or {})})


def form_page(
    op: Any, language: str, exercise: bool, operation_name: str, token: str,
    values: Mapping[str, str] | None = None, errors: Mapping[str, str] | None = None,
    map_view: Mapping[str, Any] | None = None, status: int = 200,
) -> HTMLResponse:  # fmt: skip
    context = _common(op, language, exercise, operation_name)
    w = context["w"]
    offered = op.languages.split(",")
    labels = {name: w[name] for name in ("text", "kind", "place", "photo", "contact")}
    labels.update(where=w["where"], position=w["where"], consent=w["consent"])
    context.update(
        op=op, token=token, kinds=KINDS, values=dict(values or {}), errors=dict(errors or {}),
        other=next((lang for lang in offered if lang != language), None),
        labels=labels, anchors=FIELD_ANCHORS, map=map_view, script=Markup(SCRIPT),
        page_title=op.title,
    )  # fmt: skip
    return _response("form", context, status)


def receipt_page(op: Any, language: str, exercise: bool, operation_name: str,
                 receipt: str) -> HTMLResponse:  # fmt: skip
    context = _common(op, language, exercise, operation_name)
    context.update(receipt=receipt, page_title=context["w"]["thanks"])
    return _response("receipt", context, 201)


def message_page(op: Any | None, language: str, exercise: bool, operation_name: str,
                 heading: str, text: str, status: int, back: bool = False,
                 extra: Mapping[str, str] | None = None) -> HTMLResponse:  # fmt: skip
    """A refusal or notice page in words (`heading`, `text`: keys of words.WORDS)."""
    if op is None:
        w = words(language)
        context: dict[str, Any] = {
            "w": w, "lang": language, "exercise": False, "footer": "", "style": Markup(STYLE),
            "nonce": secrets.token_hex(12),
        }  # fmt: skip
    else:
        context = _common(op, language, exercise, operation_name)
        w = context["w"]
    context.update(
        heading=w[heading], text=w.get(text, text), page_title=w[heading],
        back=f"/r/{op.code}?lang={language}" if back and op is not None else None,
    )  # fmt: skip
    return _response("message", context, status, extra)
