#!/usr/bin/env bash
# Re-fetch the vendored map libraries from the npm registry (`npm pack`, no install, no
# build step): only the files the map page loads, each package with its licence.
# Usage: resources/web/build.sh   (from anywhere; writes beside this script)
#
# Drawing plugin: @geoman-io/leaflet-geoman-free, not leaflet-draw. leaflet-draw's last
# release (1.0.4) dates from 2018 and is unmaintained; geoman is released several times a
# year, supports Leaflet 1.9, and its dist bundle is self-contained (its dependencies are
# bundled in, its icons are data: URIs in the CSS), so it works offline as one js + css.
set -euo pipefail

LEAFLET_VERSION="1.9.4"
MARKERCLUSTER_VERSION="1.5.3"
GEOMAN_VERSION="2.20.2"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

fetch() {  # fetch NPM_SPEC DEST_DIR: unpack the package into $WORK/DEST_DIR
    mkdir -p "$WORK/$2"
    (cd "$WORK" && npm pack --silent "$1" >"$2.name")
    tar -xzf "$WORK/$(cat "$WORK/$2.name")" -C "$WORK/$2"
}

fetch "leaflet@$LEAFLET_VERSION" leaflet
fetch "leaflet.markercluster@$MARKERCLUSTER_VERSION" markercluster
fetch "@geoman-io/leaflet-geoman-free@$GEOMAN_VERSION" geoman

rm -rf "$HERE/leaflet" "$HERE/markercluster" "$HERE/geoman"
mkdir -p "$HERE/leaflet/images" "$HERE/markercluster" "$HERE/geoman"

cp "$WORK/leaflet/package/dist/leaflet.js" "$WORK/leaflet/package/dist/leaflet.css" \
    "$WORK/leaflet/package/LICENSE" "$HERE/leaflet/"
cp "$WORK/leaflet/package/dist/images/"*.png "$HERE/leaflet/images/"

cp "$WORK/markercluster/package/dist/leaflet.markercluster.js" \
    "$WORK/markercluster/package/dist/MarkerCluster.css" \
    "$WORK/markercluster/package/dist/MarkerCluster.Default.css" "$HERE/markercluster/"
cp "$WORK/markercluster/package/MIT-LICENCE.txt" "$HERE/markercluster/LICENSE"

cp "$WORK/geoman/package/dist/leaflet-geoman.min.js" \
    "$WORK/geoman/package/dist/leaflet-geoman.css" "$WORK/geoman/package/LICENSE" \
    "$HERE/geoman/"

# The source maps are not shipped: drop the comments that point to them.
sed -i -e '/^\/\/# sourceMappingURL=/d' -e '/^\/\*# sourceMappingURL=.*\*\/$/d' \
    "$HERE"/leaflet/*.js "$HERE"/markercluster/*.js "$HERE"/geoman/*.js "$HERE"/geoman/*.css

chmod 644 "$HERE"/*/*.* "$HERE"/*/LICENSE "$HERE"/leaflet/images/*

cat >"$HERE/VERSIONS" <<VERSIONS
leaflet $LEAFLET_VERSION (BSD-2-Clause)
leaflet.markercluster $MARKERCLUSTER_VERSION (MIT)
@geoman-io/leaflet-geoman-free $GEOMAN_VERSION (MIT)
VERSIONS
