#!/usr/bin/env bash
# Configures and builds htsplan into build/ (ccache is used when present).
# Under CI (CI set) the developer warnings are on and are errors, so that the
# tree stays clean of them (CMakeLists.txt: HTSPLAN_DEV_WARNINGS).
set -euo pipefail
cd "$(dirname "$0")/.."
strict=OFF
[ -n "${CI:-}" ] && strict=ON
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DHTSPLAN_DEV_WARNINGS="$strict" -DHTSPLAN_WERROR="$strict" >/dev/null
cmake --build build --parallel "$(nproc)"
