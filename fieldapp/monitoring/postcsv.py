"""Reading a CSV of posts (what another tool exported, or a spreadsheet a teammate kept).

UTF-8 with or without a BOM, else cp1252 (what a French Excel saves); `,`, `;` or tab,
sniffed from the header; columns found by name whatever their case and accents, with a
few synonyms in English and French. A `text` or a `url` column is required; a file
without one is refused with the columns expected and found. All or nothing: a row
that cannot be a post refuses the file, naming the row. Pure functions, any thread.
"""

from __future__ import annotations

import csv
import email.utils
import io
import re
import unicodedata
from datetime import UTC, datetime

from fieldapp.core.times import format_time
from fieldapp.monitoring.postmodel import FeedResult, Post, PostError, hashed_key, unique_links
from fieldapp.monitoring.text import clean_text, iso_time, language_tag, one_line, web_url

# Field of a Post ← the header names that mean it (compared without case, accents,
# spaces, "_" or "-").
COLUMNS: dict[str, tuple[str, ...]] = {
    "id": ("id", "key", "guid", "identifiant"),
    "text": ("text", "message", "content", "texte", "contenu", "body", "post"),
    "url": ("url", "link", "lien", "permalink"),
    "author": ("author", "auteur", "user", "utilisateur", "name", "nom"),
    "handle": ("handle", "account", "compte", "screenname", "username"),
    "posted_at": (
        "date",
        "postedat",
        "createdat",
        "time",
        "datetime",
        "heure",
        "published",
        "creele",
        "publiele",
        "timestamp",
    ),
    "language": ("lang", "language", "langue"),
    "media": ("media", "medias", "images", "image", "photo", "photos"),
}
_DELIMITERS = (",", ";", "\t")
_DAY_FIRST = re.compile(
    r"(\d{1,2})[/.](\d{1,2})[/.](\d{4})(?:[ T](\d{1,2})[:h](\d{2})(?::(\d{2}))?)?"
)
_EPOCH = re.compile(r"\d{9,11}(?:[.,]\d+)?")
_MEDIA_SPLIT = re.compile(r"[\s|]+")


def read_posts_csv(data: bytes, *, source: str, title: str = "") -> FeedResult:
    """The posts of a CSV file, or PostError naming `source` and what is wrong."""
    text = _decoded(data)
    header_line = text.split("\n", 1)[0]
    delimiter = max(_DELIMITERS, key=header_line.count)
    csv.field_size_limit(1 << 24)  # a long text is capped later, never a crash
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as error:
        raise PostError(source, "malformed", f"the CSV cannot be read: {error}") from None
    if not rows:
        raise PostError(source, "wrong_columns", "the file is empty: no header row")
    found = _columns(rows[0])
    if "text" not in found and "url" not in found:
        raise PostError(source, "wrong_columns", _wrong_columns(rows[0]))
    posts = []
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        posts.append(_post(row, found, source, number))
    return FeedResult(title, posts, "")


def _decoded(data: bytes) -> str:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:  # the 5 bytes cp1252 leaves undefined
            text = data.decode("latin-1")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _squeezed(name: str) -> str:
    """A header name without case, accents, spaces or punctuation ("Créé le" → "creele")."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]", "", plain.casefold())


def _columns(header: list[str]) -> dict[str, int]:
    """Field name → column index, the first matching column of each field."""
    found: dict[str, int] = {}
    for index, name in enumerate(header):
        squeezed = _squeezed(name)
        for field_name, synonyms in COLUMNS.items():
            if squeezed in synonyms and field_name not in found:
                found[field_name] = index
                break
    return found


def _wrong_columns(header: list[str]) -> str:
    names = ", ".join(one_line(name, 40) or "(blank)" for name in header[:12])
    more = f" and {len(header) - 12} more" if len(header) > 12 else ""
    return (
        "expected a column text (or message, content, texte) or url (or link, lien); "
        f"found: {names}{more}"
    )


def _post(row: list[str], found: dict[str, int], source: str, number: int) -> Post:
    def cell(name: str) -> str:
        index = found.get(name)
        return row[index].strip() if index is not None and index < len(row) else ""

    text = clean_text(cell("text"))
    raw_url = cell("url")
    url = web_url(raw_url)
    if raw_url and not url:
        raise PostError(source, "malformed", f"row {number}: {raw_url[:80]!r} is not a web link")
    if not text and not url:
        raise PostError(source, "malformed", f"row {number} has neither a text nor a url")
    raw_date = cell("posted_at")
    posted_at = parse_date(raw_date)
    author = one_line(cell("author"))
    key = one_line(cell("id"), 2000) or url or hashed_key(author, posted_at or raw_date, text)
    return Post(
        key=key,
        author=author,
        handle=one_line(cell("handle")),
        posted_at=posted_at,
        text=text,
        url=url,
        language=language_tag(cell("language")),
        media=unique_links([web_url(m) for m in _MEDIA_SPLIT.split(cell("media"))]),
    )


def parse_date(text: str) -> str | None:
    """A date as CSV files write it, as stored text; None when it cannot be read.

    ISO 8601 (naive means UTC), RFC 822 (feeds, e-mail), day first with / or .
    ("05/12/2026 08:00", as Europe writes it), or Unix seconds (a decimal comma or point).
    """
    text = text.strip()
    if not text:
        return None
    if _EPOCH.fullmatch(text):
        try:
            return format_time(datetime.fromtimestamp(float(text.replace(",", ".")), UTC))
        except (ValueError, OverflowError, OSError):
            return None
    iso = iso_time(text.replace(" ", "T", 1) if re.match(r"\d{4}-\d\d-\d\d \d", text) else text)
    if iso:
        return iso
    day_first = _DAY_FIRST.fullmatch(text)
    if day_first:
        day, month, year, hour, minute, second = (int(g or 0) for g in day_first.groups())
        try:
            return format_time(datetime(year, month, day, hour, minute, second, tzinfo=UTC))
        except ValueError:
            return None
    try:
        moment = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return format_time(moment)
