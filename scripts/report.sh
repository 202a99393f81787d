#!/usr/bin/env bash
# The main job on a fresh machine: set up, build, then `htsplan report` on the
# bundled Shandong data. Extra arguments go to `htsplan report`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh
out="${HTSPLAN_OUT:-$PWD/out/report}"
./build/cli/htsplan report --out "$out" "$@"
echo "Report written to $out (open overview.pdf, metrics.json, cities.csv, counties.csv)"
