#!/usr/bin/env bash
# Rebuild resources/basemap/world-z0-6.mbtiles from the world-atlas package (Natural Earth).
# Needs only the npm registry (through `npm pack`, no install) and the project's venv.
# Usage: resources/basemap/build.sh [PYTHON]   (default: .venv/bin/python of the checkout)
set -euo pipefail

WORLD_ATLAS_VERSION="2.0.2"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
PYTHON="${1:-$ROOT/.venv/bin/python}"
OUT="$HERE/world-z0-6.mbtiles"

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

(cd "$WORK" && npm pack --silent "world-atlas@$WORLD_ATLAS_VERSION" >/dev/null)
tar -xzf "$WORK"/world-atlas-*.tgz -C "$WORK"
cp "$WORK/package/LICENSE" "$HERE/LICENSE-world-atlas"

cd "$ROOT"
"$PYTHON" -m fieldapp.tiles.basemap "$WORK/package/countries-50m.json" "$OUT" \
    --min-zoom 0 --max-zoom 6
