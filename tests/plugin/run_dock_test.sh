#!/usr/bin/env bash
# The dashboard dock in the real QGIS under Xvfb at 1366x768 (issue 12; see
# dock_script.py for what is checked). Prepares, in a temporary folder:
# copies of the bundled data with a project made by `htsplan project` over
# them (the test edits a layer: never the repository's files), the figures of
# `htsplan report` for 2012, and a file of a million enterprises
# (htsplan-bench-gen) for the first-load and cancel checks; then runs
# run_qgis_test.sh with dock_script.py.
#   run_dock_test.sh PLUGIN_DIR OUT_DIR
# Environment: HTSPLAN_CLI and HTSPLAN_BENCH_GEN (the built programs).
set -u
plugin_dir=$(realpath "${1:?plugin dir}")
out_dir=$(realpath -m "${2:?output dir}")
here=$(cd "$(dirname "$0")" && pwd)
data=$(cd "$here/../../data" && pwd)
cli=${HTSPLAN_CLI:?HTSPLAN_CLI}
gen=${HTSPLAN_BENCH_GEN:?HTSPLAN_BENCH_GEN}
for tool in qgis xvfb-run; do
  command -v "$tool" >/dev/null || { echo "SKIP: $tool not found"; exit 77; }
done

work=$(mktemp -d "${TMPDIR:-/tmp}/htsplan-dock.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/data/sample" "$work/data/targets" "$out_dir"
cp "$data/shandong.gpkg" "$work/data/"
cp "$data/sample/facilities.gpkg" "$work/data/sample/"
cp "$data/targets/shandong-2013.json" "$work/data/targets/"
inputs=(--admin "$work/data/shandong.gpkg" --facilities "$work/data/sample/facilities.gpkg" --targets "$work/data/targets/shandong-2013.json")
"$cli" project "${inputs[@]}" --out "$work/data/sample/plan.qgz" >"$work/project.log" 2>&1 \
  || { echo "FAIL: htsplan project"; cat "$work/project.log"; exit 1; }
"$cli" report "${inputs[@]}" --year 2012 --no-map --no-analyses --out "$work/r2012" >"$work/r2012.log" 2>&1 \
  || { echo "FAIL: htsplan report --year 2012"; cat "$work/r2012.log"; exit 1; }
"$gen" --points 1000000 --seed 1 --out "$work/big" >"$work/gen.log" 2>&1 \
  || { echo "FAIL: htsplan-bench-gen"; cat "$work/gen.log"; exit 1; }

export HTSPLAN_TEST_PROJECT="$work/data/sample/plan.qgz"
export HTSPLAN_EXPECTED_2012="$work/r2012/metrics.json"
export HTSPLAN_TEST_BIG="$work/big/facilities-1000000.gpkg"
export HTSPLAN_QGIS_SCRIPT="$here/dock_script.py"
# English here; the plugin_in_qgis run shows the dock in Chinese (zh_CN).
export HTSPLAN_TEST_LOCALE=en_US
export QGIS_TEST_SCREEN=1366x768x24
bash "$here/run_qgis_test.sh" "$plugin_dir" "$out_dir"
