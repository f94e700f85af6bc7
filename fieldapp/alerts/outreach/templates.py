"""The library of prevention messages (resources/outreach/templates.json): each template
has a key, a hazard, a title per language and, per language, a text per channel with
{placeholders}; `fill` puts the values in, leaving a visible "[area]" where a value is
missing so that a blank is seen, never published as "{area}" or made up.

The file is checked whole at load time: an unknown placeholder, a channel or language
missing, or anything else malformed is a TemplateError naming the file, the template
and the text. resources/outreach/README.md says how the texts are written.

Pure functions (one file read); any thread.
"""

from __future__ import annotations

import json
import string
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fieldapp.core.resources import resources_dir

TEMPLATES_FILE = ("outreach", "templates.json")
PLACEHOLDERS = ("area", "until", "source", "link", "claim", "fact", "headline", "place")
TEMPLATE_CHANNELS = ("mastodon", "x", "sms", "long")  # counting.CHANNELS, in that order
_FORMATTER = string.Formatter()


class TemplateError(ValueError):
    """The templates file cannot be used; the words name the file and the element."""


@dataclass(frozen=True)
class Template:
    """A prevention message: texts[language][channel] with {placeholders}."""

    key: str
    hazard: str
    titles: dict[str, str]
    texts: dict[str, dict[str, str]]

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(self.texts)

    def placeholders(self, language: str) -> tuple[str, ...]:
        """The placeholders the texts of `language` use, in PLACEHOLDERS order (the
        values to ask for)."""
        used = {name for text in self.texts[language].values() for name in _fields(text)}
        return tuple(name for name in PLACEHOLDERS if name in used)


def templates_path() -> Path:
    """The shipped library."""
    return resources_dir().joinpath(*TEMPLATES_FILE)


def load_templates(path: Path | None = None) -> list[Template]:
    """Every template of the file (the shipped one by default), or TemplateError."""
    path = path or templates_path()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise TemplateError(f"{path}: cannot be read ({error.strerror})") from None
    except UnicodeDecodeError:
        raise TemplateError(f"{path}: not UTF-8 text") from None
    except json.JSONDecodeError as error:
        where = f"line {error.lineno} column {error.colno}"
        raise TemplateError(f"{path}: not JSON ({error.msg}, {where})") from None
    items = data.get("templates") if isinstance(data, dict) else None
    if not isinstance(items, list) or not items:
        raise TemplateError(f'{path}: expected an object with a list of "templates"')
    templates = [_template(path, index, item) for index, item in enumerate(items)]
    keys = [template.key for template in templates]
    repeated = sorted({key for key in keys if keys.count(key) > 1})
    if repeated:
        raise TemplateError(f"{path}: template key {repeated[0]!r} is used twice")
    return templates


def fill(template: Template, language: str, values: Mapping[str, str]) -> dict[str, str]:
    """channel -> the text with its placeholders replaced by `values`; a missing or
    empty value leaves "[name]". ValueError if the template has no such language."""
    texts = template.texts.get(language)
    if texts is None:
        raise ValueError(
            f"template {template.key!r} has no {language!r} version "
            f"(it has {', '.join(template.languages)})"
        )
    return {channel: _filled(text, values) for channel, text in texts.items()}


def _filled(text: str, values: Mapping[str, str]) -> str:
    pieces: list[str] = []
    for literal, name, _, _ in _FORMATTER.parse(text):
        pieces.append(literal)
        if name is not None:
            value = (values.get(name) or "").strip()
            pieces.append(value or f"[{name}]")
    return "".join(pieces)


def _fields(text: str) -> list[str]:
    return [name for _, name, _, _ in _FORMATTER.parse(text) if name is not None]


def _template(path: Path, index: int, item: Any) -> Template:
    where = f"{path}: template {index + 1}"
    if not isinstance(item, dict):
        raise TemplateError(f"{where}: expected an object")
    key = item.get("key")
    if not isinstance(key, str) or not key.strip():
        raise TemplateError(f'{where}: no "key"')
    where = f"{path}: template {key!r}"
    hazard = item.get("hazard")
    if not isinstance(hazard, str) or not hazard.strip():
        raise TemplateError(f'{where}: no "hazard"')
    titles = _strings(item.get("titles"), f'{where}, "titles"')
    raw_texts = item.get("texts")
    if not isinstance(raw_texts, dict) or not raw_texts:
        raise TemplateError(f'{where}: "texts" must map each language to its channels')
    if set(raw_texts) != set(titles):
        raise TemplateError(
            f"{where}: titles are in {', '.join(sorted(titles))} but texts in "
            f"{', '.join(sorted(raw_texts))}"
        )
    texts = {lang: _channels(raw, f"{where}, {lang}") for lang, raw in raw_texts.items()}
    return Template(key, hazard, titles, texts)


def _channels(raw: Any, where: str) -> dict[str, str]:
    texts = _strings(raw, where)
    missing = [channel for channel in TEMPLATE_CHANNELS if channel not in texts]
    unknown = sorted(set(texts) - set(TEMPLATE_CHANNELS))
    if missing or unknown:
        what = f"no {missing[0]} text" if missing else f"unknown channel {unknown[0]!r}"
        raise TemplateError(f"{where}: {what} (channels: {', '.join(TEMPLATE_CHANNELS)})")
    for channel, text in texts.items():
        _check_placeholders(text, f"{where} {channel}")
    return {channel: texts[channel] for channel in TEMPLATE_CHANNELS}


def _strings(raw: Any, where: str) -> dict[str, str]:
    if not isinstance(raw, dict) or not raw:
        raise TemplateError(f"{where}: expected an object of texts")
    for name, value in raw.items():
        if not isinstance(value, str) or not value.strip():
            raise TemplateError(f"{where}: {name!r} must be a text, not {value!r}")
    return dict(raw)


def _check_placeholders(text: str, where: str) -> None:
    try:
        parsed = list(_FORMATTER.parse(text))
    except ValueError as error:  # a lone { or }
        raise TemplateError(f"{where}: {error} (a literal brace is written {{{{ or }}}})") from None
    for _, name, spec, conversion in parsed:
        if name is None:
            continue
        if name not in PLACEHOLDERS or spec or conversion:
            shown = "{" + name + ("!" + conversion if conversion else "")
            shown += (":" + spec if spec else "") + "}"
            raise TemplateError(
                f"{where}: unknown placeholder {shown} (known: {', '.join(PLACEHOLDERS)})"
            )
