#!/usr/bin/env bash
# Refreshes plugin/i18n/htsplan_zh_CN.ts from the sources (lupdate): new
# strings arrive as unfinished (translate them in Qt Linguist or the file);
# strings gone from the sources are dropped. The build compiles the .ts into
# a .qm (lrelease). tests/plugin/check_translations.py fails while a string
# is unfinished or missing.
#   scripts/update_translations.sh [TS_FILE]   (default: the repo's .ts)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
ts=${1:-$root/plugin/i18n/htsplan_zh_CN.ts}
lupdate=${LUPDATE:-$(command -v lupdate || echo /usr/lib/qt5/bin/lupdate)}
cd "$root"
# The plugin's UI, and processing's menu labels (QT_TRANSLATE_NOOP) that the plugin's menu shows.
"$lupdate" -silent -locations none -no-obsolete -source-language en -target-language zh_CN \
  -I "$root" plugin processing -extensions cpp,h -ts "$ts"
