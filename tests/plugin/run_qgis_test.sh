#!/usr/bin/env bash
# Loads the htsplan C++ plugin into the real QGIS desktop under Xvfb and runs
# qgis_script.py in it (see there for what is checked).
#   run_qgis_test.sh PLUGIN_DIR OUT_DIR
# Environment: HTSPLAN_CLI (optional) the htsplan binary whose metrics.json the
# table must match; HTSPLAN_DATA / HTSPLAN_STYLES as for the plugin;
# QGIS_TEST_TIMEOUT seconds (default 600); HTSPLAN_TEST_LOCALE QGIS's locale
# (default zh_CN: the planners' language, and the one the checks expect);
# HTSPLAN_QGIS_SCRIPT the script to run (default qgis_script.py, next to this file).
# QGIS_TEST_SCREEN the virtual screen (default 1600x1000x24).
# Exit: 0 pass, 1 fail, 77 skip (no qgis or xvfb-run). A pass needs the
# script's checks to pass AND QGIS to exit with status 0 without a crash
# report in its output (the script quits with a task running, after
# unloading and reloading the plugin: a crash on the way out must fail).
set -u
plugin_dir=$(realpath "${1:?plugin dir}")
out_dir=$(realpath -m "${2:?output dir}")
here=$(cd "$(dirname "$0")" && pwd)
locale=${HTSPLAN_TEST_LOCALE:-zh_CN}
script=${HTSPLAN_QGIS_SCRIPT:-$here/qgis_script.py}

for tool in qgis xvfb-run; do
  if ! command -v "$tool" >/dev/null; then
    echo "SKIP: $tool not found"
    exit 77
  fi
done
if [ ! -f "$plugin_dir/libhtsplanplugin.so" ]; then
  echo "FAIL: $plugin_dir/libhtsplanplugin.so not built"
  exit 1
fi

mkdir -p "$out_dir"
work=$(mktemp -d "${TMPDIR:-/tmp}/htsplan-qgis.XXXXXX")
trap 'rm -rf "$work"' EXIT
result="$out_dir/qgis_result.json"
log="$out_dir/qgis_output.log"
rm -f "$result" "$out_dir"/qgis_*.png

# The numbers the table must show: what `htsplan report` writes.
expected=""
if [ -n "${HTSPLAN_CLI:-}" ] && [ -x "$HTSPLAN_CLI" ]; then
  if "$HTSPLAN_CLI" report --vintage 2015 --no-map --out "$work/report" >"$work/report.log" 2>&1; then
    expected="$work/report/metrics.json"
  else
    echo "FAIL: $HTSPLAN_CLI report failed:"; cat "$work/report.log"
    exit 1
  fi
fi

# A throw-away profile that loads our plugin from the build tree
# (--profiles-path DIR keeps profiles in DIR/profiles).
profile="$work/profiles/default"
mkdir -p "$profile/QGIS"
cat >"$profile/QGIS/QGIS3.ini" <<INI
[plugins]
searchPathsForPlugins=$plugin_dir

[Plugins]
libhtsplanplugin=true

[qgis]
checkVersion=false
showTips=false
hideSplash=true

[UI]
UI/showTipsDialog=false

[locale]
userLocale=$locale
overrideFlag=true
INI

export HTSPLAN_NONINTERACTIVE=1
# A copy of the bundled data: QGIS 3.22 opens a GeoPackage of the map for update and
# rewrites its header (WAL to rollback journal), and the repository's files must stay as committed.
if [ -z "${HTSPLAN_DATA:-}" ]; then
  cp -r "$(cd "$(dirname "$0")/../../data" && pwd)" "$work/data"
  export HTSPLAN_DATA="$work/data"
fi
export HTSPLAN_TEST_RESULT="$result"
export HTSPLAN_TEST_OUT="$out_dir"
export HTSPLAN_TEST_LOCALE="$locale"
export HTSPLAN_EXPECTED_METRICS="$expected"
export QGIS_TEST_TIMEOUT="${QGIS_TEST_TIMEOUT:-600}"
# A fresh HOME: no user settings, no first-run dialogs from another profile.
export HOME="$work/home" XDG_RUNTIME_DIR="$work/runtime"
mkdir -p "$HOME" "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"

timeout --kill-after=10 "$QGIS_TEST_TIMEOUT" \
  xvfb-run -a -s "-screen 0 ${QGIS_TEST_SCREEN:-1600x1000x24}" \
  qgis --nologo --noversioncheck \
  --profiles-path "$work" --code "$script" >"$log" 2>&1
rc=$?
echo "qgis ($locale, $(basename "$script")) exited with $rc; output in $log"
failed=0

if [ ! -s "$result" ]; then
  echo "FAIL: no result file ($result); the script did not finish"
  tail -n 40 "$log"
  exit 1
fi
cat "$result"; echo
# Errors QGIS printed before the script could listen (loading the plugin).
if grep -iE 'htsplan.*(error|fail)|(error|fail).*htsplan' "$log"; then
  echo "FAIL: QGIS reported an htsplan error (above, from $log)"
  failed=1
fi
if ! grep -q '"ok": true' "$result"; then
  echo "FAIL: the script reported failure"
  failed=1
fi
# The result file is written before QGIS quits: a crash while quitting
# (unloading the plugin, a task still running) shows only here.
case $rc in
  0) ;;
  124|137) echo "FAIL: QGIS did not exit within ${QGIS_TEST_TIMEOUT} s (hung, or a crash dialog waiting)"; failed=1 ;;
  *) echo "FAIL: QGIS exited with status $rc (128 + signal when killed by a signal)"; failed=1 ;;
esac
if grep -nE 'Segmentation fault|Aborted|core dumped|QGIS died on signal|terminate called|Fatal Python error|double free|corrupted|AddressSanitizer|QThread: Destroyed while thread is still running' "$log"; then
  echo "FAIL: QGIS's output reports a crash (above, from $log)"
  failed=1
fi
if [ "$failed" != 0 ]; then
  tail -n 40 "$log"
  exit 1
fi
echo "screenshot: $out_dir/qgis_screenshot.png"
exit 0
