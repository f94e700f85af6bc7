"""The USB bundle's format: what a device writes (sync/client/bundle.py) and a server reads.

A bundle is a zip: manifest.json (format, version, device, batches, files), the push
batches as gzipped wire JSON under batches/, and attachment files under blobs/. Pure
checks of a manifest already read; any thread.
"""

from __future__ import annotations

import json
import zipfile
from typing import Any

FORMAT, VERSION = "fieldapp-bundle", 1


class BundleError(Exception):
    """A bundle that cannot be written or read; the message says why."""


def read_manifest(bundle: zipfile.ZipFile) -> dict[str, Any]:
    try:
        manifest = json.loads(bundle.read("manifest.json"))
    except (KeyError, ValueError) as exc:
        raise BundleError(f"not a FieldApp bundle (manifest.json: {exc})") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BundleError("not a FieldApp bundle (its manifest has another format)")
    if manifest.get("version") != VERSION:
        raise BundleError(
            f"bundle version {manifest.get('version')!r}; this server reads {VERSION}"
        )
    return manifest
