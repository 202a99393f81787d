#!/usr/bin/env bash
# Starts QGIS with the htsplan plugin from this build, in a profile of its own
# (out/qgis-profiles/htsplan) so that the user's own QGIS profile is untouched.
# Build first (scripts/report.sh or scripts/build.sh).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
plugin_dir="$root/build/plugin/lib"
[ -f "$plugin_dir/libhtsplanplugin.so" ] || { echo "build the plugin first: bash scripts/build.sh" >&2; exit 2; }
profiles="$root/out/qgis-profiles"
ini="$profiles/profiles/htsplan/QGIS/QGIS3.ini"
if [ ! -f "$ini" ]; then
  mkdir -p "$(dirname "$ini")"
  cat >"$ini" <<INI
[plugins]
searchPathsForPlugins=$plugin_dir

[Plugins]
libhtsplanplugin=true
INI
fi
exec qgis --noversioncheck --profiles-path "$profiles" --profile htsplan "$@"
