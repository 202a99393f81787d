#!/usr/bin/env bash
# Starts QGIS with the htsplan plugin from this build, in a profile of its own
# (out/qgis-profiles/htsplan) so that the user's own QGIS profile is untouched.
# Without arguments it opens the sample project (data/sample/shandong-planning.qgz:
# the styled map and the dashboard dock); arguments go to qgis instead.
# Builds the plugin first when it is not built (scripts/build.sh).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
plugin_dir="$root/build/plugin/lib"
[ -f "$plugin_dir/libhtsplanplugin.so" ] || bash "$root/scripts/build.sh"
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
if [ "$#" -eq 0 ]; then
  set -- --project "$root/data/sample/shandong-planning.qgz"
fi
exec qgis --noversioncheck --profiles-path "$profiles" --profile htsplan "$@"
