"""uMap map files (`.umap`): a JSON document whose `layers` are GeoJSON
FeatureCollections, to candidates (each tagged with its layer's name).

Both layouts uMap has written are read: the layer's options in its `properties` (older)
or in `_umap_options` (newer). A layer whose data lives on a server (`remoteData`) is
skipped and said: FieldApp never fetches anything. Pure, any thread.
"""

from __future__ import annotations

from typing import Any

from fieldapp.exports.read.geojson import feature_candidates, load_json
from fieldapp.exports.read.model import Candidate, ReadError, Reading


def read_umap(data: bytes, name: str) -> Reading:
    document = load_json(data, "uMap file")
    if not isinstance(document, dict) or document.get("type") != "umap":
        raise ReadError('not a uMap file: it must be a JSON object with "type": "umap"')
    layers = document.get("layers")
    if not isinstance(layers, list):
        raise ReadError('the uMap file has no "layers" list')
    properties = document.get("properties") or {}
    title = properties.get("name") if isinstance(properties, dict) else None
    reading = Reading("umap", str(title or name))
    candidates: list[Candidate] = []
    first = 1
    for number, layer in enumerate(layers, start=1):
        if not isinstance(layer, dict) or layer.get("type") != "FeatureCollection":
            raise ReadError("a layer must be a GeoJSON FeatureCollection", f"layer {number}")
        options = _options(layer)
        label = str(options.get("name") or f"Layer {number}")
        features = layer.get("features")
        if not isinstance(features, list):
            raise ReadError('the layer has no "features" list', f"layer {label!r}")
        if options.get("remoteData") and not features:
            reading.notes.append(f"layer {label!r} keeps its data on a server: not imported")
            continue
        candidates += feature_candidates(features, reading.notes, label, first)
        first += len(features)
    reading.candidates = candidates
    return reading


def _options(layer: dict[str, Any]) -> dict[str, Any]:
    """A layer's options, wherever this version of uMap put them."""
    for key in ("_umap_options", "properties"):
        value = layer.get(key)
        if isinstance(value, dict) and value:
            return value
    return {}
