#!/usr/bin/env bash
# Builds the libFuzzer targets of the parsing kernels (tests/fuzz/CMakeLists.txt)
# with clang into BUILD_DIR (default build-fuzz/ at the repository's root) and
# runs each for SECONDS seconds (default 20) from its committed seed corpus,
# tests/fuzz/corpus/<target>/. New inputs go to BUILD_DIR/corpus/<target>/, never
# into the source tree; a crashing input is saved as BUILD_DIR/artifacts/<target>-crash-*.
# Fails on any crash, sanitizer report, leak or input slower than 10 s.
# Exits 77 (ctest: skipped) when clang or libFuzzer is missing.
#   tests/fuzz/run_fuzz.sh 600    # the long run of bench/FUZZ.md
set -euo pipefail
seconds=${1:-20}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=${2:-$root/build-fuzz}
targets=(year amount coordinate china_coords columns text targets)

if ! command -v clang++ >/dev/null; then
  echo "run_fuzz: no clang++ (Debian: apt-get install clang libclang-rt-14-dev): skipped"
  exit 77
fi
if [ ! -f "$(clang++ -print-file-name=libclang_rt.fuzzer-x86_64.a)" ] &&
   [ ! -f "$(clang++ -print-runtime-dir)/libclang_rt.fuzzer-x86_64.a" ]; then
  echo "run_fuzz: clang has no libFuzzer (Debian: apt-get install libclang-rt-14-dev): skipped"
  exit 77
fi

cmake -S "$here" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ >/dev/null
cmake --build "$build"

failed=()
mkdir -p "$build/artifacts"
for target in "${targets[@]}"; do
  mkdir -p "$build/corpus/$target"
  log="$build/$target.log"
  # Cells are short; a targets file is a few kilobytes (the bundled one 2.5 kB).
  max_len=4096
  [ "$target" = targets ] && max_len=16384
  # ASan's leak check stays on; a run ends after -max_total_time, or at the first failure.
  if "$build/htsplan_fuzz_$target" "$build/corpus/$target" "$here/corpus/$target" \
       -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len="$max_len" \
       -artifact_prefix="$build/artifacts/$target-" -print_final_stats=1 >"$log" 2>&1; then
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
    corpus=$(ls "$build/corpus/$target" | wc -l)
    echo "fuzz_$target: ${runs:-?} runs in ${seconds} s, 0 crashes (${corpus} new inputs kept in $build/corpus/$target)"
  else
    echo "fuzz_$target: FAILED (log: $log)"
    grep -E "ERROR|SUMMARY|property failed|runtime error|Test unit written" "$log" | head -20 || true
    failed+=("$target")
  fi
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "run_fuzz: failures in ${failed[*]}"
  exit 1
fi
echo "run_fuzz: ${#targets[@]} targets, ${seconds} s each, no crash"
