"""GeoJSON (RFC 7946): one FeatureCollection, reports as Points ([longitude, latitude],
WGS 84, no `crs` member), map features with their own geometry (areas wound by the
right-hand rule, §3.1.6), streamed one feature per
line. The standard library's json writes it: the format is JSON, nothing more to choose.
An exercise's file names itself EXERCISE (a `name` foreign member, allowed by RFC 7946
§6.1) and every feature carries `exercise: true` and a marked name. Pure: any thread.
"""

from __future__ import annotations

import json
from typing import IO, Any

from fieldapp.exports.out.common import Export, item_name, report_values, right_hand


def write(export: Export, out: IO[str]) -> int:
    """Write the collection; the number of features written."""
    name = json.dumps(export.heading, ensure_ascii=False)
    out.write('{"type": "FeatureCollection", "name": ' + name)
    out.write(', "features": [\n')
    count = 0
    for feature in _features(export):
        out.write((",\n" if count else "") + json.dumps(feature, ensure_ascii=False))
        count += 1
    out.write("\n]}\n")
    return count


def _features(export: Export):  # type: ignore[no-untyped-def]
    for report in export.reports:
        values = report_values(report)
        geometry = None
        if values["lat"] is not None and values["lon"] is not None:
            geometry = {"type": "Point", "coordinates": [values["lon"], values["lat"]]}
        yield _feature(export, "report", values, geometry)
    for feature in export.features:
        values = {
            "id": feature["id"], "name": feature["name"], "category": feature["category"],
            "notes": feature["notes"], "created_at": feature["created_at"],
        }  # fmt: skip
        yield _feature(export, "feature", values, right_hand(feature["geometry"]))


def _feature(export: Export, what: str, values: dict[str, Any], geometry: Any) -> dict:
    properties = {"fieldapp": what, **values}
    name_field = "title" if what == "report" else "name"
    properties[name_field] = item_name(export, str(values.get(name_field) or ""))
    if export.exercise:
        properties["exercise"] = True
    return {"type": "Feature", "id": values["id"], "geometry": geometry, "properties": properties}
