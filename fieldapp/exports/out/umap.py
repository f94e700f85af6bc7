"""uMap (`.umap`): the JSON document uMap's "Import a map" reads — `type: "umap"`, the
map's `properties`, and `layers`, each a FeatureCollection whose `_umap_options` name it
(the shape of tests/samples/geo/umap/*.umap). One layer per kind of report, coloured by
severity (the map's colours), and one layer for the map features. uMap draws only what
has a position, so an unlocated report is left out. Streamed with the standard library's
json, one feature per line: no uMap library exists, and the format is plain JSON.
An exercise's map and every layer and item say EXERCISE. Pure: any thread.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import IO, Any

from fieldapp.exports.out.common import Export, item_name, report_values, right_hand
from fieldapp.reports.domain import SEVERITY_COLOURS

FEATURE_COLOUR = "#1565c0"


def write(export: Export, out: IO[str]) -> int:
    """Write the uMap document; the number of features written."""
    head = {"type": "umap", "properties": {"name": export.heading, "description": ""}}
    out.write(json.dumps(head, ensure_ascii=False)[:-1] + ', "layers": [\n')
    count = 0
    layer: str | None = None
    for kind, feature in _features(export):
        if kind != layer:
            if layer is not None:
                out.write("\n]}, \n")
            out.write(_layer_head(export, kind))
            layer, first = kind, True
        else:
            first = False
        out.write(("" if first else ",\n") + json.dumps(feature, ensure_ascii=False))
        count += 1
    out.write("\n]}\n]}\n" if layer is not None else "]}\n")
    return count


def _layer_head(export: Export, kind: str) -> str:
    options = {"name": item_name(export, kind), "displayOnLoad": True, "browsable": True}
    return json.dumps({"type": "FeatureCollection", "_umap_options": options})[:-1] + (
        ', "features": [\n'
    )


def _features(export: Export) -> Iterator[tuple[str, dict[str, Any]]]:
    for report in export.reports:
        values = report_values(report)
        if values["lat"] is None or values["lon"] is None:
            continue
        colour = SEVERITY_COLOURS.get(values["severity"] or 0, "#757575")
        # uMap shows `name` and `description`: the title and body go there, not twice.
        body, title = values.pop("body"), values.pop("title")
        properties = {"name": item_name(export, str(title or "")), **values}
        properties["description"] = body or ""
        properties["_umap_options"] = {"color": colour}
        if export.exercise:
            properties["exercise"] = True
        point = {"type": "Point", "coordinates": [values["lon"], values["lat"]]}
        yield str(values["kind"] or "report"), _feature(properties, point)
    for feature in export.features:
        properties = {
            "id": feature["id"], "name": item_name(export, str(feature["name"] or "")),
            "category": feature["category"], "description": feature["notes"] or "",
            "_umap_options": {"color": FEATURE_COLOUR},
        }  # fmt: skip
        if export.exercise:
            properties["exercise"] = True
        yield "map features", _feature(properties, right_hand(feature["geometry"]))


def _feature(properties: dict[str, Any], geometry: Any) -> dict[str, Any]:
    return {"type": "Feature", "properties": properties, "geometry": geometry}
