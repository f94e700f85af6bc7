"""An MSEL as a table of texts, the part CSV and XLSX share: headers, rows, checks.

Headers are found by name in English or French, whatever their case, accents, spaces or
punctuation (`Heure prévue` = `heure prevue` = `HEURE_PREVUE`), as HSEEP spreadsheets
name them; `detail:<key>` columns carry channel specifics (`detail:severity`,
`detail:lat`), `Message (en)` / `Contenu (en)` the translations. Columns of other names
(an HSEEP sheet's "Objective", "Status") are left alone. Each row is checked as it is
read, then the scenario as a whole (numbers unique, `Follows` naming an inject scheduled
no later); the first problem refuses the file with a `MselError` naming the row
(spreadsheet numbering) and the column as the file writes it.

Pure functions, any thread.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from fieldapp.exercises.clocktext import format_clock, parse_clock
from fieldapp.exercises.mselmodel import CHANNELS, Inject, MselError, Scenario

# Inject field -> (the header written, the headers read, squeezed: see `squeezed`).
COLUMNS: dict[str, tuple[str, tuple[str, ...]]] = {
    "number": ("Inject #", ("inject#", "injectno", "injectnumber", "#", "n", "no", "number",
                            "numero", "ninject", "injectn")),
    "at_s": ("Scheduled Time", ("scheduledtime", "time", "heureprevue", "heure", "horaire",
                                "exercisetime", "heureexercice", "scenariotime")),
    "channel": ("Inject Mode", ("injectmode", "mode", "canal", "channel", "moyen")),
    "sender": ("From", ("from", "de", "sender", "expediteur", "emetteur")),
    "recipient": ("To", ("to", "a", "recipient", "destinataire")),
    "content": ("Message", ("message", "inject", "contenu", "content", "texte", "text",
                            "injectdescription", "eventdescription")),
    "expected_action": ("Expected Player Action", ("expectedplayeraction",
                                                   "expectedplayeractions", "expectedaction",
                                                   "actionattendue", "actionsattendues")),
    "controller_note": ("Notes", ("notes", "note", "noteducontroleur", "notescontroleur",
                                  "controllernote", "controllernotes")),
    "controller": ("Responsible Controller", ("responsiblecontroller", "controller",
                                              "controleur", "controleurresponsable")),
    "follows": ("Follows", ("follows", "suitede", "followsinject", "apres")),
}  # fmt: skip
REQUIRED = ("number", "at_s", "channel", "content")
_FRENCH = {"number": "N°", "at_s": "Heure prévue", "channel": "Canal", "content": "Contenu"}

# HSEEP's and trainers' words for a channel, squeezed -> one of CHANNELS.
CHANNEL_WORDS: dict[str, str] = {
    **dict.fromkeys(("social", "socialmedia", "socialmediapost", "post", "tweet", "twitter",
                     "facebook", "mastodon", "reseausocial", "reseauxsociaux", "publication"),
                    "social"),
    **dict.fromkeys(("alert", "capalert", "cap", "officialalert", "alerte", "alertecap",
                     "alerteofficielle", "vigilance", "warning"), "alert"),
    **dict.fromkeys(("radio", "radiomessage", "messageradio", "radiogram", "radiogramme",
                     "radiotraffic", "trafficradio"), "radio"),
    **dict.fromkeys(("phone", "phonecall", "telephone", "telephonecall", "call", "appel",
                     "appeltelephonique", "tel"), "phone"),
    **dict.fromkeys(("sms", "text", "textmessage", "texto", "messagetexte"), "sms"),
    **dict.fromkeys(("email", "mail", "courriel", "courrierelectronique"), "email"),
    **dict.fromkeys(("other", "autre", "inperson", "enpersonne", "fax", "video", "visit",
                     "visite", "paper", "papier", "courrier", "simulated", "simule"), "other"),
}  # fmt: skip
META_KEYS = {"title": "title", "titre": "title", "language": "language", "langue": "language",
             "description": "description"}  # fmt: skip
_DETAIL = re.compile(r"\s*d[eé]tails?\s*:\s*(.*?)\s*", re.IGNORECASE)
_DETAIL_KEY = re.compile(r"[a-z0-9][a-z0-9_]{0,39}")
_TRANSLATION = re.compile(
    r"\s*(?:message|inject|contenu|content|texte|text)\s*"
    r"\(\s*([a-z]{2,3}(?:[-_][a-z0-9]{2,8})?)\s*\)\s*",
    re.IGNORECASE,
)
_LANGUAGE = re.compile(r"[a-z]{2,3}(?:-[a-z0-9]{2,8})*")
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")  # not in XML 1.0 either
_RANGES = {"lat": 90.0, "lon": 180.0}


def clean(text: str) -> str:
    """A cell's text as kept: line breaks as "\\n", no control characters (XLSX cannot
    hold them), no blanks around it."""
    return _CONTROLS.sub("", text.replace("\r\n", "\n").replace("\r", "\n")).strip()


def squeezed(name: str) -> str:
    """A name without case, accents, spaces or punctuation but `#` ("Heure prévue" ->
    "heureprevue", "Inject #" -> "inject#"), to compare headers and channel words."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9#]", "", plain.casefold())


@dataclass
class Layout:
    """Where each inject field, detail and translation is in a row (0-based indexes)."""

    fields: dict[str, int] = field(default_factory=dict)
    details: dict[str, int] = field(default_factory=dict)
    translations: dict[str, int] = field(default_factory=dict)
    names: list[str] = field(default_factory=list)  # the header as written


def layout(header: Sequence[str], *, source: str, row: int) -> Layout:
    """The columns of a header row, or MselError naming the missing or doubled one."""
    found = Layout(names=[name.strip() for name in header])
    meaning: dict[tuple[str, str], int] = {}  # what a column means -> its index
    for index, name in enumerate(found.names):
        kind, key = _meaning(name, source, row)
        if not kind:
            continue
        if (kind, key) in meaning:
            first = found.names[meaning[kind, key]]
            raise MselError(
                source, f"this column means the same as {first!r}: keep one", row=row, column=name
            )
        meaning[kind, key] = index
        places = {"field": found.fields, "detail": found.details, "translation": found.translations}
        places[kind][key] = index
    for name in REQUIRED:
        if name not in found.fields:
            english = COLUMNS[name][0]
            seen = ", ".join(repr(n) for n in found.names[:12] if n) or "none"
            raise MselError(
                source,
                f"missing column {english!r} (or {_FRENCH[name]!r}); the columns are: {seen}",
                row=row,
                column=english,
            )
    return found


def _meaning(name: str, source: str, row: int) -> tuple[str, str]:
    """("field", "at_s"), ("detail", "severity"), ("translation", "en") or ("", "")."""
    detail = _DETAIL.fullmatch(name)
    if detail:
        key = _detail_key(detail.group(1))
        if not _DETAIL_KEY.fullmatch(key):
            raise MselError(
                source, "a detail needs a name of letters and digits, e.g. detail:severity",
                row=row, column=name,
            )  # fmt: skip
        return "detail", key
    translation = _TRANSLATION.fullmatch(name)
    if translation:
        return "translation", translation.group(1).lower().replace("_", "-")
    plain = squeezed(name)
    for field_name, (_, synonyms) in COLUMNS.items():
        if plain and plain in synonyms:
            return "field", field_name
    return "", ""


def _detail_key(text: str) -> str:
    """`Sévérité` -> `severite`, `Max level` -> `max_level`."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().casefold()
    return re.sub(r"[^a-z0-9]+", "_", plain).strip("_")


def scenario(
    rows: Iterable[tuple[int, Sequence[str]]],
    columns: Layout,
    meta: Mapping[str, str],
    *,
    source: str,
) -> Scenario:
    """The scenario of numbered rows (spreadsheet row, cells), checked as a whole."""
    injects: list[tuple[int, Inject]] = []
    for number, cells in rows:
        if any(cell.strip() for cell in cells):
            injects.append((number, _inject(cells, columns, source, number)))
    if not injects:
        raise MselError(source, "the scenario has no injects: only a header")
    _check_numbers(injects, columns, source)
    ordered = sorted(
        (inject for _, inject in injects), key=lambda i: (i.at_s, number_key(i.number))
    )
    return Scenario(
        title=meta.get("title", ""),
        language=meta.get("language", ""),
        description=meta.get("description", ""),
        injects=tuple(ordered),
    )


def _inject(cells: Sequence[str], columns: Layout, source: str, row: int) -> Inject:
    def cell(index: int) -> str:
        return clean(cells[index]) if index < len(cells) else ""

    def fail(name: str, problem: str) -> MselError:
        return MselError(source, problem, row=row, column=columns.names[columns.fields[name]])

    values = {name: cell(index) for name, index in columns.fields.items()}
    if not values["number"]:
        raise fail("number", "the inject has no number")
    if not values["at_s"]:
        raise fail("at_s", "the scheduled time is empty (e.g. T+00:15)")
    try:
        at_s = parse_clock(values["at_s"])
    except ValueError as error:
        raise fail("at_s", str(error)) from None
    channel = CHANNEL_WORDS.get(squeezed(values["channel"]))
    if channel is None:
        shown = values["channel"][:40] or "(empty)"
        raise fail("channel", f"{shown!r} is not a channel: one of {', '.join(CHANNELS)}")
    if not values["content"]:
        raise fail("content", "the inject has no message")
    details = {key: cell(index) for key, index in columns.details.items() if cell(index)}
    for key, limit in _RANGES.items():
        if key in details:
            details[key] = _coordinate(details[key], limit, source, row, columns, key)
    translations = {lang: cell(i) for lang, i in columns.translations.items() if cell(i)}
    return Inject(
        number=values["number"],
        at_s=at_s,
        channel=channel,
        sender=values.get("sender", ""),
        recipient=values.get("recipient", ""),
        content=values["content"],
        expected_action=values.get("expected_action", ""),
        controller_note=values.get("controller_note", ""),
        controller=values.get("controller", ""),
        follows=values.get("follows", ""),
        details=details,
        translations=translations,
    )


def _coordinate(text: str, limit: float, source: str, row: int, columns: Layout, key: str) -> str:
    plain = text.replace(",", ".")
    try:
        value = float(plain)
    except ValueError:
        value = float("nan")
    if not -limit <= value <= limit:
        column = columns.names[columns.details[key]]
        raise MselError(
            source, f"{text[:40]!r} is not a {key} in degrees (-{limit:g} to {limit:g})",
            row=row, column=column,
        )  # fmt: skip
    return plain


def _check_numbers(injects: list[tuple[int, Inject]], columns: Layout, source: str) -> None:
    """Numbers unique; `Follows` names another inject, scheduled at or before this one."""
    rows: dict[str, int] = {}
    by_number: dict[str, Inject] = {}
    number_column = columns.names[columns.fields["number"]]
    for row, inject in injects:
        if inject.number in rows:
            problem = f"inject {inject.number} is already in row {rows[inject.number]}"
            raise MselError(source, problem, row=row, column=number_column)
        rows[inject.number] = row
        by_number[inject.number] = inject
    for row, inject in injects:
        if not inject.follows:
            continue
        column = columns.names[columns.fields["follows"]]
        before = by_number.get(inject.follows)
        if before is None or before is inject:
            what = "itself" if before is inject else f"inject {inject.follows}, which is not"
            problem = f"follows {what}" + ("" if before is inject else " in the scenario")
            raise MselError(source, problem, row=row, column=column)
        if before.at_s > inject.at_s:
            problem = (
                f"follows inject {before.number}, which comes later "
                f"({format_clock(before.at_s)} after {format_clock(inject.at_s)})"
            )
            raise MselError(source, problem, row=row, column=column)
    _check_cycles(injects, by_number, columns, source)


def _check_cycles(
    injects: list[tuple[int, Inject]], by_number: dict[str, Inject], columns: Layout, source: str
) -> None:
    for row, inject in injects:
        seen = {inject.number}
        step = by_number.get(inject.follows)
        while step is not None and step.follows:
            if step.number in seen:
                column = columns.names[columns.fields["follows"]]
                problem = f"inject {inject.number} follows a chain that comes back to itself"
                raise MselError(source, problem, row=row, column=column)
            seen.add(step.number)
            step = by_number.get(step.follows)


def number_key(number: str) -> tuple[tuple[int, int | str], ...]:
    """Sorts "2" < "12" < "12a" < "b1": digits compared as numbers."""
    # ASCII digits only: str.isdigit() takes "¹" for a digit, which int() refuses.
    parts = re.split(r"([0-9]+)", number.casefold())
    return tuple((0, int(p)) if _ascii_digits(p) else (1, p) for p in parts if p)


def _ascii_digits(text: str) -> bool:
    return text.isascii() and text.isdigit()


def scenario_meta(pairs: Iterable[tuple[int, str, str]], *, source: str, where: str) -> dict:
    """title, language, description of (row, key, value) pairs; unknown keys are left."""
    meta: dict[str, str] = {}
    for row, key, value in pairs:
        name = META_KEYS.get(squeezed(key))
        if name == "language":
            value = value.strip().lower().replace("_", "-")
            if value and not _LANGUAGE.fullmatch(value):
                problem = f"{where}: {value[:40]!r} is not a language tag (e.g. fr, en)"
                raise MselError(source, problem, row=row, column=key.strip())
        if name:
            meta[name] = clean(value)
    return meta


def table(scenario: Scenario) -> list[list[str]]:
    """The header and the rows of a scenario, as written to CSV and XLSX."""
    details = sorted({key for inject in scenario.injects for key in inject.details})
    languages = sorted({lang for inject in scenario.injects for lang in inject.translations})
    header = [written for written, _ in COLUMNS.values()]
    header += [f"detail:{key}" for key in details] + [f"Message ({lang})" for lang in languages]
    rows = [header]
    for inject in scenario.injects:
        values = {name: str(getattr(inject, name)) for name in COLUMNS}
        values["at_s"] = format_clock(inject.at_s)
        row = [values[name] for name in COLUMNS]
        row += [inject.details.get(key, "") for key in details]
        row += [inject.translations.get(lang, "") for lang in languages]
        rows.append(row)
    return rows


def meta_rows(scenario: Scenario) -> list[tuple[str, str]]:
    return [
        ("title", scenario.title),
        ("language", scenario.language),
        ("description", scenario.description),
    ]
