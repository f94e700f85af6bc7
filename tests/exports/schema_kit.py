"""The official schemas the exports are checked against, loaded offline.

GPX 1.1 (Topografix) and OGC KML 2.2 with the Atom and xAL schemas it imports come from
test-only packages of the `dev` extra that ship them as data files: `gpx` 0.2.x
(gpx/gpx.xsd, Topografix's schema) and `fastkml` (fastkml/schema/ogckml22.xsd,
atom-author-link.xsd, xAL.xsd, kml22gx.xsd). Neither package is imported: its folder is
found with `importlib.util.find_spec`. Where they come from and their licences:
tests/exports/SCHEMAS.md.

xmlschema never reaches the network: schemas and documents are opened with
`allow="sandbox"` (only files under the schema's own folder, so every import resolves
to the package's local copy) and `defuse="always"`; a remote location would raise
`XMLResourceBlocked` instead of being fetched, and an import not read is an error.
Test code, any thread.
"""

from __future__ import annotations

import importlib.util
import warnings
from functools import cache
from pathlib import Path

import xmlschema


def _package_file(package: str, *parts: str) -> Path:
    spec = importlib.util.find_spec(package)
    folders = list(spec.submodule_search_locations or []) if spec else []
    for folder in folders:
        path = Path(folder).joinpath(*parts)
        if path.is_file():
            return path
    raise FileNotFoundError(
        f"{'/'.join(parts)} not found in the {package!r} package: install the dev extra "
        "(pip install -e '.[dev]'), see tests/exports/SCHEMAS.md"
    )


@cache
def gpx_schema() -> xmlschema.XMLSchema:
    """GPX 1.1."""
    return _schema(_package_file("gpx", "gpx.xsd"))


@cache
def kml_schema() -> xmlschema.XMLSchema:
    """OGC KML 2.2 (with atom:author/link and xAL:AddressDetails, imported locally)."""
    return _schema(_package_file("fastkml", "schema", "ogckml22.xsd"))


def _schema(path: Path) -> xmlschema.XMLSchema:
    with warnings.catch_warnings():
        # An import that could not be read locally must fail, not leave a schema short.
        warnings.simplefilter("error", xmlschema.XMLSchemaImportWarning)
        return xmlschema.XMLSchema(str(path), allow="sandbox", defuse="always")


def schema_errors(schema: xmlschema.XMLSchema, document: Path) -> list[str]:
    """Every way `document` breaks `schema`, in words (an empty list: it is valid)."""
    try:
        resource = xmlschema.XMLResource(str(document), allow="local", defuse="always")
    except xmlschema.XMLResourceParseError as exc:
        return [f"not well-formed XML: {exc}"]
    return [f"{error.path}: {error.reason}" for error in schema.iter_errors(resource)]
