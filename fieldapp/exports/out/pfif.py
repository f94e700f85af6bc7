"""PFIF 1.4 (People Finder Interchange Format, http://zesty.ca/pfif/1.4): the
`missing_person` reports as person records, each with one note carrying what the report
says (status `believed_missing`, its text, where the person was last known), so that a
person finder can take them in. Elements in the order the PFIF 1.4 schema lists them;
times in UTC as `YYYY-MM-DDTHH:MM:SSZ`; record ids `fieldapp.invalid/report.<id>` (a
domain of our own that never resolves). The standard library's XMLGenerator streams it
(xmlwrite.Xml): no maintained PFIF library exists on PyPI. Only missing-person reports
are given (formats.export narrows the query). An exercise's file and every name, note
and source say EXERCISE. Pure: any thread.
"""

from __future__ import annotations

from typing import IO, Any

from fieldapp.exports.out.common import EXERCISE, Export, item_name
from fieldapp.exports.out.xmlwrite import Xml

NAMESPACE = "http://zesty.ca/pfif/1.4"
KIND = "missing_person"
DOMAIN = "fieldapp.invalid"


def write(export: Export, out: IO[str]) -> int:
    """Write the PFIF document; the number of person records written."""
    xml = Xml(out)
    count = 0
    with xml.element("pfif:pfif", {"xmlns:pfif": NAMESPACE}):
        for report in export.reports:
            if report.get("kind") == KIND:
                _person(xml, export, report)
                count += 1
    xml.end()
    return count


def _person(xml: Xml, export: Export, report: dict[str, Any]) -> None:
    person_id = f"{DOMAIN}/report.{report['id']}"
    entry = _utc(report.get("created_at"))
    source = _utc(report.get("observed_at") or report.get("created_at"))
    with xml.element("pfif:person"):
        xml.text("pfif:person_record_id", person_id)
        xml.text("pfif:entry_date", entry)
        if report.get("author"):
            xml.text("pfif:author_name", report["author"])
        xml.text("pfif:source_name", item_name(export, f"FieldApp — {export.title}"))
        xml.text("pfif:source_date", source)
        xml.text("pfif:full_name", item_name(export, str(report.get("title") or "")))
        description = str(report.get("body") or "")
        if export.exercise:
            description = f"{EXERCISE}. {description}".strip()
        if description:
            xml.text("pfif:description", description)
        if report.get("place"):
            xml.text("pfif:home_city", report["place"])
        _note(xml, export, report, person_id, entry, source)


def _note(
    xml: Xml, export: Export, report: dict[str, Any], person_id: str, entry: str, source: str
) -> None:
    with xml.element("pfif:note"):
        xml.text("pfif:note_record_id", f"{DOMAIN}/note.{report['id']}")
        xml.text("pfif:person_record_id", person_id)
        xml.text("pfif:entry_date", entry)
        xml.text("pfif:author_name", report.get("author") or item_name(export, "FieldApp"))
        xml.text("pfif:source_date", source)
        xml.text("pfif:status", "believed_missing")
        location = _location(report)
        if location:
            xml.text("pfif:last_known_location", location)
        text = str(report.get("body") or report.get("title") or "")
        xml.text("pfif:text", f"{EXERCISE}. {text}" if export.exercise else text)


def _location(report: dict[str, Any]) -> str:
    parts = [str(report["place"])] if report.get("place") else []
    if report.get("lat") is not None and report.get("lon") is not None:
        parts.append(f"{report['lat']:.6f}, {report['lon']:.6f}")
    return " — ".join(parts)


def _utc(value: object) -> str:
    """An ISO 8601 UTC time as PFIF's `YYYY-MM-DDTHH:MM:SSZ`."""
    if not value:
        return ""
    text = str(value).replace(" ", "T").removesuffix("Z").split("+")[0].split(".")[0]
    return text[:19] + "Z"
