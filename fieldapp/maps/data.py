"""The reports of the map as one compact JSON document, built by SQLite.

`map_reports_sql(query, exercise)` gives the SQL that Store.map_reports_json runs: the
report list's filters (ReportQuery: operation, status, kind, severity, verification,
search; its sort and paging are ignored), only reports that have a location, tombstones
left out. SQLite builds the JSON itself (json_group_array), so no Python object is made
per report: 200,000 reports cost one query and one string. The document is

    {"columns": ["id", "lat", "lon", "severity", "kind", "title", "exercise"],
     "exercise": true|false, "count": N, "rows": [[...], ...]}

`feature_collection` turns stored map features into the GeoJSON the page shows.

Pure SQL building, no I/O: safe from any thread. `read_map_json` and
`read_feature_collection` open their own Store and are meant for a worker thread.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from fieldapp.reports.query import ReportQuery, where_sql

COLUMNS = ("id", "lat", "lon", "severity", "kind", "title", "exercise")
# Six decimals are ~10 cm: more only makes the document longer.
_ROW = "json_array(id, round(lat, 6), round(lon, 6), severity, kind, title, ?)"


def map_reports_sql(query: ReportQuery, exercise: bool) -> tuple[str, list]:
    """SQL returning one row, one column: the JSON document of the map's reports."""
    where, params = where_sql(query)
    flag = 1 if exercise else 0
    sql = (
        "SELECT json_object('columns', json(?), 'exercise', json(?), 'count', count(*),"
        f" 'rows', json_group_array({_ROW}))"
        f" FROM reports WHERE {where} AND lat IS NOT NULL AND lon IS NOT NULL"
    )
    header = [json.dumps(COLUMNS), "true" if exercise else "false", flag]
    return sql, [*header, *params]


def read_map_json(data_dir: Path | str, query: ReportQuery) -> bytes:
    """The map's JSON for `query`, read with a connection of its own (worker threads)."""
    from fieldapp.store import Store

    with Store(data_dir) as store:
        return store.map_reports_json(query)


def feature_collection(features: Iterable[Mapping[str, Any]]) -> dict:
    """Stored map features as the GeoJSON FeatureCollection the map page shows.

    Properties carry the id (for clicks back to the app), name, category and notes; the
    page shows them as text only.
    """
    return {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "id": feature["id"],
                "geometry": feature["geometry"],
                "properties": {
                    "id": feature["id"],
                    "name": feature["name"],
                    "category": feature["category"],
                    "notes": feature["notes"],
                },
            }
            for feature in features
        ],
    }


def read_feature_collection(data_dir: Path | str, operation_id: str) -> dict:
    """An operation's live map features as a FeatureCollection (worker threads)."""
    from fieldapp.store import Store

    with Store(data_dir) as store:
        return feature_collection(list(store.list_features(operation_id)))
