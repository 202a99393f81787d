#!/usr/bin/env bash
# The main job on a fresh machine: set up, build, then `htsplan report` and the
# meeting pack (`htsplan export`) on the bundled Shandong data. Extra arguments
# go to both (the report's options: --vintage, --year, ...).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh
out="${HTSPLAN_OUT:-$PWD/out/report}"
pack="${HTSPLAN_PACK_OUT:-$(dirname "$out")/pack}"
./build/cli/htsplan report --out "$out" "$@"
./build/cli/htsplan export --out "$pack" "$@" >/dev/null
echo "Report written to $out (open overview.pdf, metrics.json, cities.csv, counties.csv)"
echo "Meeting pack written to $pack (open htsplan_pack.pdf; pages/ has a PNG per page)"
