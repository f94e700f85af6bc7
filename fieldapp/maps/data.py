"""The reports of the map as one compact JSON document, built by SQLite.

`map_reports_sql(query, exercise)` (reports/query.py) gives the SQL that Reports.map_json runs: the
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

from collections.abc import Iterable, Mapping
from contextlib import closing
from pathlib import Path
from typing import Any

from fieldapp.core.replica import Replica
from fieldapp.reports.query import COLUMNS, ReportQuery
from fieldapp.reports.repository import Reports

__all__ = ["COLUMNS", "feature_collection", "read_feature_collection", "read_map_json"]


def read_map_json(data_dir: Path | str, query: ReportQuery) -> bytes:
    """The map's JSON for `query`, read with a connection of its own (worker threads)."""
    with closing(Replica(data_dir)) as db:
        return Reports(db).map_json(query)


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
    from fieldapp.maps.features import Features

    with closing(Replica(data_dir)) as db:
        return feature_collection(list(Features(db).list(operation_id)))
