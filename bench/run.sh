#!/usr/bin/env bash
# The htsplan benchmark: generates seeded synthetic facilities, times htsplan's
# algorithms and their QGIS twins (qgis_process.bin) on the same files in the
# same run, checks that they agree, measures the read floor and writes
# bench/RESULTS.md. See bench/README.md.
#
#   bench/run.sh [--sizes 100k,1M,10M] [--work DIR] [--results FILE] [--build DIR]
#                [--seed S] [--twin-max N] [--twin-timeout SEC] [--no-qgis] [--regen]
#                [--cases algorithms,import,pack] [--import-rows 1M] [--xlsx-rows 100k] [--repeat 3]
#                [--pack-sizes sample,1M] [--dashboard-sizes sample,1M]
#                [--stats-size 1M] [--stats-cell 1000] [--stats-band 2500]
#   bench/run.sh --smoke [--work DIR]     # ~2k points, quick, checks the script end to end
#   bench/run.sh --cases import           # only the import cases; rewrites only their section
#   bench/run.sh --cases pack             # only the meeting pack against QGIS's atlas; rewrites only its section
#   bench/run.sh --cases dashboard        # only the dashboard engine (first load, year change); rewrites only its section
#   bench/run.sh --cases stats            # only Gi* and local Moran against R's spdep (issue 13); rewrites only its section
#
# Every step is recorded as ok, failed (with the first line of its error),
# timed out or disagreeing; the script goes on after a failure. It exits 0 when
# every step ran and agreed, 1 otherwise (the table says which step).
set -u -o pipefail
main() {

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(dirname "$here")"
sizes="100k,1M,10M"
work="${TMPDIR:-/tmp}/htsplan-bench"
results="$here/RESULTS.md"
build="$repo/build"
seed=1
twin_max=1000000
twin_timeout=1200
step_timeout=1200
use_qgis=1
smoke=0
regen=0
cases="algorithms,import,pack"
pack_sizes="sample,1M"
dashboard_sizes="sample,1M"
dashboard_repeat=100
stats_size=1M
stats_cell=1000
stats_band=2500
stats_timeout=3600
import_rows=1M
xlsx_rows=100k
repeat=3
py=/usr/bin/python3

while [ $# -gt 0 ]; do
  case "$1" in
    --sizes) sizes="$2"; shift 2 ;;
    --work) work="$2"; shift 2 ;;
    --results) results="$2"; shift 2 ;;
    --build) build="$2"; shift 2 ;;
    --seed) seed="$2"; shift 2 ;;
    --twin-max) twin_max="$2"; shift 2 ;;
    --twin-timeout) twin_timeout="$2"; shift 2 ;;
    --no-qgis) use_qgis=0; shift ;;
    --regen) regen=1; shift ;;
    --smoke) smoke=1; shift ;;
    --cases) cases="$2"; shift 2 ;;
    --import-rows) import_rows="$2"; shift 2 ;;
    --xlsx-rows) xlsx_rows="$2"; shift 2 ;;
    --repeat) repeat="$2"; shift 2 ;;
    --pack-sizes) pack_sizes="$2"; shift 2 ;;
    --dashboard-sizes) dashboard_sizes="$2"; shift 2 ;;
    --stats-size) stats_size="$2"; shift 2 ;;
    --stats-cell) stats_cell="$2"; shift 2 ;;
    --stats-band) stats_band="$2"; shift 2 ;;
    -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
    *) echo "run.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
if [ "$smoke" = 1 ]; then
  # The smoke run never touches bench/RESULTS.md unless told to.
  sizes=2000
  regen=1
  [ "$results" = "$here/RESULTS.md" ] && results="$work/RESULTS.md"
  twin_timeout=300
  step_timeout=300
  import_rows=2000
  xlsx_rows=500
  repeat=1
  pack_sizes=sample
  dashboard_sizes=sample
  dashboard_repeat=2
fi
has_case() { case ",$cases," in *",$1,"*) return 0 ;; *) return 1 ;; esac; }

htsplan="$build/cli/htsplan"
gen="$build/bench/htsplan-bench-gen"
floor="$build/bench/htsplan-bench-readfloor"
dashboard="$build/bench/htsplan-bench-dashboard"
statsbench="$build/bench/htsplan-bench-stats"
qgis=/usr/bin/qgis_process.bin
needed=("$htsplan")
has_case algorithms && needed+=("$gen" "$floor")
has_case pack && needed+=("$gen")
has_case dashboard && needed+=("$gen" "$dashboard")
has_case stats && needed+=("$gen" "$statsbench")
for exe in "${needed[@]}"; do
  [ -x "$exe" ] || { echo "run.sh: $exe is missing: build first (cmake --build build)" >&2; exit 2; }
done
if has_case import && ! command -v ogr2ogr > /dev/null; then
  echo "run.sh: ogr2ogr is missing (apt-get install gdal-bin): the import cases need it" >&2
  exit 2
fi
if has_case stats && ! command -v Rscript > /dev/null; then
  echo "run.sh: Rscript is missing (scripts/setup.sh installs r-cran-spdep): the stats case needs it" >&2
  exit 2
fi
[ -x /usr/bin/time ] || { echo "run.sh: /usr/bin/time is missing (apt-get install time)" >&2; exit 2; }
has_case algorithms || has_case pack || use_qgis=0
if [ "$use_qgis" = 1 ] && [ ! -x "$qgis" ]; then
  echo "run.sh: $qgis not found: QGIS twins skipped" >&2
  use_qgis=0
fi
export QT_QPA_PLATFORM=offscreen
# Qt warns on every start without it; the warning would hide the real error.
export XDG_RUNTIME_DIR="${XDG_RUNTIME_DIR:-$(mktemp -d)}"
mkdir -p "$work/data" "$work/runs"
records="$work/records.jsonl"
: > "$records"

# Sizes: 100k, 1M, 10M or plain numbers.
to_number() {
  local s="${1,,}"
  case "$s" in
    *k) echo $(( ${s%k} * 1000 )) ;;
    *m) echo $(( ${s%m} * 1000000 )) ;;
    *) echo "$s" ;;
  esac
}

# record SIZE STEP SIDE STATUS SECONDS PEAK_MIB DETAIL [CPU_SECONDS]
record() {
  "$py" - "$records" "$@" <<'EOF'
import json, sys
path, size, step, side, status, seconds, peak, detail = sys.argv[1:9]
cpu = sys.argv[9] if len(sys.argv) > 9 else ""
rec = {"size": int(size), "step": step, "side": side, "status": status,
       "seconds": float(seconds) if seconds else None,
       "peak_mib": float(peak) if peak else None, "detail": detail}
if cpu:
    rec["cpu_seconds"] = float(cpu)
with open(path, "a") as f:
    f.write(json.dumps(rec, ensure_ascii=False) + "\n")
EOF
}

# measure SIZE STEP SIDE TIMEOUT DIR -- COMMAND...: runs the command under
# /usr/bin/time -v and a timeout, keeps its stdout and stderr in DIR/STEP.*,
# records the outcome and returns 0 when it succeeded.
measure() {
  local size="$1" step="$2" side="$3" limit="$4" dir="$5"
  shift 6
  local base="$dir/$step"
  mkdir -p "$dir"
  echo "[$size] $side $step ..." >&2
  /usr/bin/time -v -o "$base.time" timeout --kill-after=10 "$limit" "$@" > "$base.out" 2> "$base.err"
  local rc=$?
  local wall peak cpu
  # The command line in the file may hold bytes that are not UTF-8 (GBK arguments).
  wall="$("$py" -c '
import sys
for line in open(sys.argv[1], errors="replace"):
    if "Elapsed (wall clock)" in line:
        t = line.rsplit(" ", 1)[1].strip().split(":")
        s = 0.0
        for part in t:
            s = s * 60 + float(part)
        print(f"{s:.2f}")
' "$base.time" 2>/dev/null)"
  peak="$(awk -F': ' '/Maximum resident set size/ {printf "%.1f", $2 / 1024}' "$base.time" 2>/dev/null)"
  cpu="$(awk -F': ' '/User time|System time/ {s += $2} END {printf "%.2f", s}' "$base.time" 2>/dev/null)"
  if [ "$rc" = 124 ] || [ "$rc" = 137 ]; then
    record "$size" "$step" "$side" "timed out" "$wall" "$peak" "timed out after $limit s"
    echo "[$size] $side $step: timed out after $limit s" >&2
    return 1
  elif [ "$rc" != 0 ]; then
    local first
    first="$(grep -v '^\s*$' "$base.err" | grep -Eiv '^(warning|QStandardPaths|<string>|Qt: )' | awk 'NR == 1 { l = $0; if (l !~ /^ERROR/) exit } NR == 2 { l = l " " $0; exit } END { print l }' | tr '\t' ' ')"
    [ -n "$first" ] || first="$(grep -v '^\s*$' "$base.out" | grep -Eiv '^(warning|QStandardPaths|<string>)' | tail -n 1)"
    record "$size" "$step" "$side" "failed" "$wall" "$peak" "exit $rc: ${first:0:200}"
    echo "[$size] $side $step: failed (exit $rc): ${first:0:200}" >&2
    return 1
  fi
  record "$size" "$step" "$side" "ok" "$wall" "$peak" "" "$cpu"
  echo "[$size] $side $step: ${wall} s (CPU ${cpu} s), ${peak} MiB" >&2
  return 0
}

# agree SIZE STEP KIND ARGS...: compares htsplan's and QGIS's outputs (bench/compare.py).
agree() {
  local size="$1" step="$2"
  shift 2
  local verdict
  verdict="$("$py" "$here/compare.py" "$@" 2>&1 | tail -n 1)"
  [ -n "$verdict" ] || verdict="unchecked: compare.py printed nothing"
  record "$size" "$step" "agreement" "${verdict%%:*}" "" "" "$verdict"
  echo "[$size] $step agreement: $verdict" >&2
}

ran_htsplan() { # true when the htsplan side of STEP succeeded at SIZE
  "$py" -c '
import json, sys
ok = any(r["size"] == int(sys.argv[2]) and r["step"] == sys.argv[3] and r["side"] == "htsplan" and r["status"] == "ok"
         for r in map(json.loads, open(sys.argv[1])))
sys.exit(0 if ok else 1)' "$records" "$1" "$2"
}

has_case algorithms || sizes=""
echo "Benchmark: cases $cases${sizes:+, sizes $sizes}, work folder $work" >&2
uptime > "$work/load-at-start.txt"
: > "$work/load-at-end.txt"

# Start-up: each side loading its providers and printing an algorithm's help,
# no work. It bounds the ratio a step whose work is small can reach. One
# unrecorded warm-up run each first, so neither pays for a cold disk cache.
mkdir -p "$work/runs/startup"
"$htsplan" help htsplan:coverage > /dev/null 2>&1
measure 0 startup htsplan 300 "$work/runs/startup/htsplan" -- "$htsplan" help htsplan:coverage
if [ "$use_qgis" = 1 ]; then
  "$qgis" help native:buffer > /dev/null 2>&1
  measure 0 startup qgis 300 "$work/runs/startup/qgis" -- "$qgis" help native:buffer
fi

for label in ${sizes//,/ }; do
  n="$(to_number "$label")"
  data="$work/data"
  fac="$data/facilities-$n.gpkg"
  ent="$data/enterprises-$n-aea.gpkg"
  parks="$data/parks-$n-aea.gpkg"
  counties="$data/counties-aea.gpkg"
  run="$work/runs/$n"
  rm -rf "$run"
  mkdir -p "$run/htsplan" "$run/qgis"

  # The generator is seeded: files made earlier with the same seed are the same files.
  stamp="$data/.done-$n-seed$seed"
  [ "$regen" = 1 ] && rm -f "$stamp"
  if [ ! -f "$stamp" ] || [ ! -f "$fac" ] || [ ! -f "$ent" ] || [ ! -f "$parks" ] || [ ! -f "$counties" ]; then
    measure "$n" generate tool 7200 "$run" -- "$gen" --points "$n" --seed "$seed" --out "$data" || continue
    # The stamp keeps the generation's time and memory for later runs that reuse the files.
    tail -n 1 "$records" > "$stamp"
  else
    "$py" - "$records" "$stamp" "$seed" "$n" <<'EOF'
import json, sys
text = open(sys.argv[2]).read().strip()
rec = json.loads(text) if text.startswith("{") else {}
rec.update({"size": int(sys.argv[4]), "step": "generate", "side": "tool", "status": "reused",
            "detail": f"files of an earlier run with seed {sys.argv[3]}"})
with open(sys.argv[1], "a") as f:
    f.write(json.dumps(rec) + "\n")
EOF
  fi

  # Every reader finds the files in the page cache, the first one measured as well as the others.
  cat "$fac" "$ent" "$parks" "$counties" > /dev/null
  measure "$n" readfloor tool 3600 "$run" -- "$floor" "$fac" enterprises
  cp "$run/readfloor.out" "$run/readfloor.json" 2>/dev/null
  measure "$n" readfloor_aea tool 3600 "$run" -- "$floor" "$ent" enterprises

  twins=0
  if [ "$use_qgis" = 1 ] && [ "$n" -le "$twin_max" ]; then twins=1; fi
  H="$run/htsplan"
  Q="$run/qgis"

  # assign: counts per county, twin native:countpointsinpolygon.
  measure "$n" assign htsplan "$step_timeout" "$H" -- "$htsplan" run htsplan:assign --json -- \
    POLYGONS="$counties" POINTS="$ent" FIELD=NUMPOINTS OUTPUT="$H/assign.gpkg"
  if [ "$twins" = 1 ]; then
    measure "$n" assign qgis "$twin_timeout" "$Q" -- "$qgis" run native:countpointsinpolygon --json -- \
      POLYGONS="$counties" POINTS="$ent" FIELD=NUMPOINTS OUTPUT="$Q/assign.gpkg" &&
      ran_htsplan "$n" assign && agree "$n" assign counts "$H/assign.gpkg" "$Q/assign.gpkg" NUMPOINTS
  fi

  # kde: 10 km quartic at 500 m, raw values; twin qgis:heatmapkerneldensityestimation.
  measure "$n" kde htsplan "$step_timeout" "$H" -- "$htsplan" run htsplan:kde --json -- \
    INPUT="$ent" RADIUS=10000 PIXEL_SIZE=500 KERNEL=0 OUTPUT_VALUE=0 OUTPUT="$H/kde.tif"
  if [ "$twins" = 1 ]; then
    measure "$n" kde qgis "$twin_timeout" "$Q" -- "$qgis" run qgis:heatmapkerneldensityestimation --json -- \
      INPUT="$ent" RADIUS=10000 PIXEL_SIZE=500 KERNEL=0 OUTPUT_VALUE=0 OUTPUT="$Q/kde.tif" &&
      ran_htsplan "$n" kde && agree "$n" kde raster "$H/kde.tif" "$Q/kde.tif"
  fi

  # dbscan: 2 km, 5 points; twin native:dbscanclustering.
  measure "$n" dbscan htsplan "$step_timeout" "$H" -- "$htsplan" run htsplan:dbscan --json -- \
    INPUT="$ent" EPS=2000 MIN_SIZE=5 OUTPUT="$H/dbscan.gpkg"
  if [ "$twins" = 1 ]; then
    measure "$n" dbscan qgis "$twin_timeout" "$Q" -- "$qgis" run native:dbscanclustering --json -- \
      INPUT="$ent" EPS=2000 MIN_SIZE=5 OUTPUT="$Q/dbscan.gpkg" &&
      ran_htsplan "$n" dbscan && agree "$n" dbscan clusters "$H/dbscan.gpkg" "$Q/dbscan.gpkg"
  fi

  # nni over the layer's extent; twin native:nearestneighbouranalysis.
  measure "$n" nni htsplan "$step_timeout" "$H" -- "$htsplan" run htsplan:nni --json -- \
    INPUT="$ent" STUDY_AREA=0
  if [ "$twins" = 1 ]; then
    measure "$n" nni qgis "$twin_timeout" "$Q" -- "$qgis" run native:nearestneighbouranalysis --json -- \
      INPUT="$ent" OUTPUT_HTML_FILE="$Q/nni.html" &&
      ran_htsplan "$n" nni && agree "$n" nni nni "$H/nni.out" "$Q/nni.out"
  fi

  # coverage: 10 km around the parks; twin native:buffer dissolved on the projected parks.
  measure "$n" coverage htsplan "$step_timeout" "$H" -- "$htsplan" run htsplan:coverage --json -- \
    "CARRIERS=$fac|layername=parks" RADIUS=10000 UNITS="$counties" OUTPUT="$H/coverage.gpkg"
  if [ "$twins" = 1 ]; then
    measure "$n" coverage qgis "$twin_timeout" "$Q" -- "$qgis" run native:buffer --json -- \
      INPUT="$parks" DISTANCE=10000 SEGMENTS=16 DISSOLVE=true OUTPUT="$Q/coverage.gpkg" &&
      ran_htsplan "$n" coverage && agree "$n" coverage coverage "$H/coverage.out" "$H/coverage.gpkg" "$Q/coverage.gpkg" "$counties"
  fi

  # hexdensity: 5 km hexagons; twin native:creategrid (hexagons) + native:countpointsinpolygon.
  measure "$n" hexdensity htsplan "$step_timeout" "$H" -- "$htsplan" run htsplan:hexdensity --json -- \
    INPUT="$ent" CELL_SIZE=5000 OUTPUT="$H/hexdensity.gpkg"
  if [ "$twins" = 1 ]; then
    # QGIS's hexagons leave a strip along the left and top edges of the extent
    # uncovered: grow the layer's extent by one side on the left and one cell on top.
    hexextent="$("$py" -c '
import sys
from osgeo import ogr
ds = ogr.Open(sys.argv[1])
x0, x1, y0, y1 = ds.GetLayer(0).GetExtent()
c = float(sys.argv[2])
print(f"{x0 - c / 3 ** 0.5!r},{x1!r},{y0!r},{y1 + c!r}")' "$ent" 5000)"
    measure "$n" hexgrid qgis "$twin_timeout" "$Q" -- "$qgis" run native:creategrid --json -- \
      TYPE=4 EXTENT="$hexextent" HSPACING=5000 VSPACING=5000 HOVERLAY=0 VOVERLAY=0 CRS="$ent" OUTPUT="$Q/hexgrid.gpkg" &&
      measure "$n" hexcount qgis "$twin_timeout" "$Q" -- "$qgis" run native:countpointsinpolygon --json -- \
        POLYGONS="$Q/hexgrid.gpkg" POINTS="$ent" FIELD=NUMPOINTS OUTPUT="$Q/hexdensity.gpkg" &&
      ran_htsplan "$n" hexdensity && agree "$n" hexdensity hexcount "$H/hexdensity.gpkg" "$Q/hexdensity.gpkg" "$ent"
  fi

  # The whole report (map export excluded).
  measure "$n" report htsplan "$step_timeout" "$H" -- "$htsplan" report --facilities "$fac" --no-map --out "$H/report" &&
    agree "$n" report report "$H/report/metrics.json"
done

# The import cases (issue 10): htsplan import of a register against ogr2ogr of the
# same file to GeoPackage, which does none of the mapping or checks. Each side runs
# $repeat times, alternating, so that both see the same load; RESULTS.md takes the best.
if has_case import; then
  idata="$work/data/import"
  irun="$work/runs/import"
  rm -rf "$irun"
  mkdir -p "$idata" "$irun/htsplan" "$irun/ogr2ogr"
  ncsv="$(to_number "$import_rows")"
  nxlsx="$(to_number "$xlsx_rows")"
  for spec in "$ncsv:" "$nxlsx:--xlsx"; do
    rows="${spec%%:*}"
    xlsx="${spec#*:}"
    stamp="$idata/.done-$rows$xlsx-seed$seed"
    [ "$regen" = 1 ] && rm -f "$stamp"
    if [ ! -f "$stamp" ] || [ ! -f "$idata/register-$rows.csv" ] || { [ -n "$xlsx" ] && [ ! -f "$idata/register-$rows.xlsx" ]; }; then
      measure "$rows" "import_generate$xlsx" tool 3600 "$irun" -- "$py" "$here/import_gen.py" --rows "$rows" --seed "$seed" --out "$idata" $xlsx &&
        tail -n 1 "$records" > "$stamp"
    else
      "$py" - "$records" "$stamp" "$seed" <<'EOF'
import json, sys
rec = json.loads(open(sys.argv[2]).read())
rec.update({"status": "reused", "detail": f"files of an earlier run with seed {sys.argv[3]}"})
with open(sys.argv[1], "a") as f:
    f.write(json.dumps(rec) + "\n")
EOF
    fi
  done
  csv="$idata/register-$ncsv.csv"
  csv8="$idata/register-$ncsv-utf8.csv"
  xlsxfile="$idata/register-$nxlsx.xlsx"
  # GDAL's CSV driver does not recode: on the GBK file it matches the column names
  # byte for byte, so it is given them in GBK (and its field names come out in GBK).
  xgbk="$(printf '经度' | iconv -f UTF-8 -t GBK)"
  ygbk="$(printf '纬度' | iconv -f UTF-8 -t GBK)"
  H="$irun/htsplan"
  O="$irun/ogr2ogr"
  cat "$csv" "$csv8" "$xlsxfile" > /dev/null 2>&1
  for k in $(seq 1 "$repeat"); do
    rm -f "$H"/csv.gpkg "$H"/csv_rows.csv "$O"/csv.gpkg "$O"/csv_utf8.gpkg
    measure "$ncsv" "import_csv.$k" htsplan "$step_timeout" "$H" -- "$htsplan" import "$csv" --crs gcj02 --out "$H/csv.gpkg"
    measure "$ncsv" "import_csv.$k" ogr2ogr "$step_timeout" "$O" -- ogr2ogr -f GPKG "$O/csv.gpkg" "$csv" \
      -oo "X_POSSIBLE_NAMES=$xgbk" -oo "Y_POSSIBLE_NAMES=$ygbk" -a_srs EPSG:4490 -nln register
    measure "$ncsv" "import_csv_utf8.$k" ogr2ogr "$step_timeout" "$O" -- ogr2ogr -f GPKG "$O/csv_utf8.gpkg" "$csv8" \
      -oo X_POSSIBLE_NAMES=经度 -oo Y_POSSIBLE_NAMES=纬度 -a_srs EPSG:4490 -nln register
  done
  agree "$ncsv" import_csv imported "$H/csv.gpkg" "$H/csv_rows.csv" "$O/csv.gpkg" "$ncsv"
  for k in $(seq 1 "$repeat"); do
    rm -f "$H"/xlsx.gpkg "$H"/xlsx_rows.csv "$O"/xlsx.gpkg "$O"/xlsx_points.gpkg
    measure "$nxlsx" "import_xlsx.$k" htsplan "$step_timeout" "$H" -- "$htsplan" import "$xlsxfile" --crs gcj02 --out "$H/xlsx.gpkg"
    measure "$nxlsx" "import_xlsx.$k" ogr2ogr "$step_timeout" "$O" -- env OGR_XLSX_HEADERS=FORCE ogr2ogr -f GPKG "$O/xlsx.gpkg" "$xlsxfile" -nln register
    # The XLSX driver has no X/Y option: points (and their R-tree) through GDAL's SQLite dialect.
    measure "$nxlsx" "import_xlsx_points.$k" ogr2ogr "$step_timeout" "$O" -- env OGR_XLSX_HEADERS=FORCE ogr2ogr -f GPKG "$O/xlsx_points.gpkg" "$xlsxfile" \
      -dialect SQLite -sql 'SELECT *, MakePoint("经度", "纬度", 4490) AS geom FROM "名录"' -nlt POINT -a_srs EPSG:4490 -nln register
  done
  agree "$nxlsx" import_xlsx imported "$H/xlsx.gpkg" "$H/xlsx_rows.csv" "$O/xlsx.gpkg" "$nxlsx"
fi

# The meeting pack (issue 11): the city atlas of `htsplan export` against QGIS's
# own atlas export (native:atlaslayouttopdf) of the same template, on the same
# layers: the project htsplan writes with --project (layers in a GeoPackage,
# facilities on the input file), opened by qgis_process. Then the whole pack.
if has_case pack; then
  for label in ${pack_sizes//,/ }; do
    if [ "$label" = sample ]; then
      pfac="$repo/data/sample/facilities.gpkg"
    else
      n="$(to_number "$label")"
      pfac="$work/data/facilities-$n.gpkg"
      stamp="$work/data/.done-$n-seed$seed"
      if [ ! -f "$stamp" ] || [ ! -f "$pfac" ]; then
        mkdir -p "$work/runs/pack-gen"
        measure "$n" pack_generate tool 7200 "$work/runs/pack-gen" -- "$gen" --points "$n" --seed "$seed" --out "$work/data" || continue
        tail -n 1 "$records" > "$stamp"
      fi
    fi
    # Recorded under the number of features in the file, tables without geometry (the revenue rows) left out (the bundled sample: 530).
    n="$("$py" -c '
import sys
from osgeo import ogr
ds = ogr.Open(sys.argv[1])
print(sum(ds.GetLayer(i).GetFeatureCount() for i in range(ds.GetLayerCount()) if ds.GetLayer(i).GetGeomType() != ogr.wkbNone))' "$pfac")"
    prun="$work/runs/pack-$label"
    rm -rf "$prun"
    mkdir -p "$prun/htsplan" "$prun/qgis"
    cat "$pfac" > /dev/null
    # One unrecorded run first: both sides then find the file and QGIS's fonts in the cache.
    if [ "$smoke" = 0 ]; then
      "$htsplan" export --facilities "$pfac" --pages cities --formats pdf --out "$prun/warm" > /dev/null 2>&1
      rm -rf "$prun/warm"
    fi
    # Each side --repeat times, alternating, so that both see the same load; RESULTS.md takes the best.
    for k in $(seq 1 "$repeat"); do
      # HTSPLAN_TIMES: each step's wall time on stderr, kept with the run (where htsplan's side goes).
      measure "$n" "pack_cities.$k" htsplan "$step_timeout" "$prun/htsplan" -- env HTSPLAN_TIMES=1 "$htsplan" export --facilities "$pfac" \
        --pages cities --formats pdf --project --out "$prun/htsplan/cities.$k"
      ok=$?
      steps="$(sed -n 's/^htsplan: time \(.*\) \([0-9.e+-]*\) s$/\1 \2/p' "$prun/htsplan/pack_cities.$k.err" | grep -v '^start ' |
        awk '{ t = $NF; $NF = ""; sub(/ $/, ""); printf "%s%s %.2f s", (NR > 1 ? ", " : ""), $0, t }')"
      [ -n "$steps" ] && record "$n" "pack_steps.$k" htsplan ok "" "" "$steps"
      if [ "$ok" = 0 ] && [ "$use_qgis" = 1 ]; then
        measure "$n" "pack_cities.$k" qgis "$twin_timeout" "$prun/qgis" -- "$qgis" run native:atlaslayouttopdf \
          --project_path="$prun/htsplan/cities.$k/htsplan_pack.qgz" -- "LAYOUT=htsplan 城市图集 city atlas" OUTPUT="$prun/qgis/atlas.$k.pdf" &&
          [ "$k" = 1 ] && agree "$n" pack_cities pages "$prun/htsplan/cities.$k/htsplan_pack.pdf" "$prun/qgis/atlas.$k.pdf"
      fi
    done
    # The whole pack (its 300 dpi PNG pages take a while: not in the smoke run).
    if [ "$smoke" = 0 ]; then
      measure "$n" pack_whole htsplan "$step_timeout" "$prun/htsplan" -- "$htsplan" export --facilities "$pfac" --out "$prun/htsplan/whole" &&
        agree "$n" pack_whole pdfsize "$prun/htsplan/whole/htsplan_pack.pdf" "$prun/htsplan/whole/pages"
    fi
  done
fi

# The dashboard engine (issue 12): the first load and a year change, timed
# inside one process (bench/dashboard.cpp); its JSON is kept as a record.
if has_case dashboard; then
  for label in ${dashboard_sizes//,/ }; do
    if [ "$label" = sample ]; then
      dfac="$repo/data/sample/facilities.gpkg"
    else
      n="$(to_number "$label")"
      dfac="$work/data/facilities-$n.gpkg"
      if [ ! -f "$dfac" ]; then
        mkdir -p "$work/runs/dashboard-gen"
        measure "$n" dashboard_generate tool 7200 "$work/runs/dashboard-gen" -- "$gen" --points "$n" --seed "$seed" --out "$work/data" || continue
      fi
    fi
    n="$("$py" -c '
import sys
from osgeo import ogr
ds = ogr.Open(sys.argv[1])
print(sum(ds.GetLayer(i).GetFeatureCount() for i in range(ds.GetLayerCount()) if ds.GetLayer(i).GetGeomType() != ogr.wkbNone))' "$dfac")"
    drun="$work/runs/dashboard-$label"
    rm -rf "$drun"
    mkdir -p "$drun"
    cat "$dfac" > /dev/null
    measure "$n" dashboard htsplan "$step_timeout" "$drun" -- "$dashboard" "$dfac" --repeat "$dashboard_repeat" &&
      record "$n" dashboard_figures htsplan ok "" "" "$(tail -n 1 "$drun/dashboard.out")"
  done
fi

# The spatial statistics (issue 13): Getis-Ord Gi* and local Moran with a fixed
# distance band on htsplan:hexdensity's hexagons of the generated enterprises,
# htsplan against R's spdep on the same centroids (bench/stats_export.py) and
# so the same weights; the outputs must agree unit by unit (compare.py spdep).
if has_case stats; then
  n="$(to_number "$stats_size")"
  ent="$work/data/enterprises-$n-aea.gpkg"
  srun="$work/runs/stats"
  rm -rf "$srun"
  mkdir -p "$srun/htsplan" "$srun/spdep"
  stamp="$work/data/.done-$n-seed$seed"
  if [ ! -f "$stamp" ] || [ ! -f "$ent" ]; then
    measure "$n" stats_generate tool 7200 "$srun" -- "$gen" --points "$n" --seed "$seed" --out "$work/data" &&
      tail -n 1 "$records" > "$stamp"
  fi
  H="$srun/htsplan"
  S="$srun/spdep"
  record "$n" stats_settings tool ok "" "" "{\"cell_m\": $stats_cell, \"band_m\": $stats_band}"
  grid="$H/hexagons.gpkg"
  cat "$ent" > /dev/null 2>&1
  if measure "$n" stats_hexdensity htsplan "$step_timeout" "$H" -- "$htsplan" run htsplan:hexdensity --json -- \
      INPUT="$ent" CELL_SIZE="$stats_cell" OUTPUT="$grid"; then
    # Each side --repeat times (spdep once: it is the slow side), alternating; RESULTS.md takes the best.
    for k in $(seq 1 "$repeat"); do
      measure "$n" "stats_hotspots.$k" htsplan "$step_timeout" "$H" -- "$htsplan" run htsplan:hotspots --json -- \
        INPUT="$grid" FIELD=COUNT WEIGHTS=2 DISTANCE="$stats_band" OUTPUT="$H/hotspots.$k.gpkg"
      measure "$n" "stats_moran.$k" htsplan "$step_timeout" "$H" -- "$htsplan" run htsplan:moran --json -- \
        INPUT="$grid" FIELD=COUNT WEIGHTS=2 DISTANCE="$stats_band" PERMUTATIONS=0 OUTPUT="$H/moran.$k.gpkg"
    done
    measure "$n" stats_kernels htsplan "$step_timeout" "$H" -- "$statsbench" "$grid" COUNT "$stats_band" "$H/kernels.csv" --repeat "$repeat" &&
      record "$n" stats_figures htsplan ok "" "" "$(tail -n 1 "$H/stats_kernels.out")"
    measure "$n" stats_export tool "$step_timeout" "$S" -- "$py" "$here/stats_export.py" "$grid" COUNT "$S/units.csv" &&
      measure "$n" stats_spdep spdep "$stats_timeout" "$S" -- Rscript "$here/spdep_stats.R" "$S/units.csv" "$stats_band" "$S" &&
      record "$n" stats_spdep_figures spdep ok "" "" "$(cat "$S/spdep_times.json")" &&
      agree "$n" stats_kernels spdep "$H/kernels.csv" "$S/spdep.csv" &&
      agree "$n" stats_cli spdep "$H/hotspots.1.gpkg" "$H/moran.1.gpkg" "$S/spdep.csv"
  fi
fi

uptime > "$work/load-at-end.txt"
"$py" "$here/results.py" --records "$records" --out "$results" --work "$work" --sizes "$sizes" --cases "$cases" --repeat "$repeat" --pack-sizes "$pack_sizes"
status=$?
echo "Results: $results" >&2
exit $status
}
main "$@"
