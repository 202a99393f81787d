#!/usr/bin/env bash
# All tests on a fresh machine: set up, build, ctest (including the real QGIS
# under Xvfb and the comparison with qgis_process).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh
ctest --test-dir build --output-on-failure "$@"
