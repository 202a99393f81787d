#!/usr/bin/env bash
# Installs every Debian 12 package that the build, the tests and the demo need.
# Idempotent: does nothing when all are present. Run as root (or with sudo).
set -euo pipefail

PACKAGES=(
  # build
  build-essential cmake ninja-build ccache pkg-config
  libqgis-dev qtbase5-dev libqt5svg5-dev libqt5webkit5-dev qttools5-dev
  qttools5-dev-tools  # lrelease (the .qm at build time), lupdate (scripts/update_translations.sh)
  libqwt-qt5-dev  # maps/charts.cpp: the charts of the exports, drawn as SVG
  libgdal-dev libgeos-dev libproj-dev nlohmann-json3-dev catch2
  libsqlite3-dev  # layers/gpkg_writer.cpp writes R-trees into SQLite directly
  # exports: Chinese text on maps
  fonts-noto-cjk
  # exports: a CJK font whose PDF text extracts as the ideographs it shows (maps/export_font.h)
  fonts-wqy-microhei
  # tests: the real QGIS under a virtual display, qgis_process, PDF to PNG
  qgis qgis-providers python3-qgis xvfb xauth poppler-utils gdal-bin python3-gdal python3-numpy
  # tests/compare: R's spdep, the reference for the spatial statistics (analysis/stats)
  r-base-core r-cran-spdep
  # bench (stats case): spdep's dnearneigh finds a distance band with dbscan's k-d tree when
  # dbscan is installed, else by its quadratic search (minutes at 160,000 units)
  r-cran-dbscan
  # the benchmark (and its smoke test): wall time and peak memory
  time
  # tests/fuzz: libFuzzer with clang's sanitizers
  clang libclang-rt-14-dev
)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: all ${#PACKAGES[@]} packages present"
  exit 0
fi

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
echo "setup: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
