"""Per-county counts of `htsplan report` against QGIS's native:countpointsinpolygon.

For every facility layer of the bundled sample, qgis_process counts the layer's
points in the 137 county polygons; htsplan's counts_all per county (every
feature assigned to the county, whatever its status) must agree exactly.
Polygon layers (high-tech zones) are first turned into points with
native:pointonsurface, as htsplan places a polygon by its point on surface.

usage: compare_countpoints.py HTSPLAN DATA_DIR      (exit 77 when qgis_process is absent)
"""
import json
import os
import subprocess
import sys
import tempfile

QGIS_PROCESS = "/usr/bin/qgis_process.bin"
LAYERS = {"hightech_zones": "hightech_zone", "bases": "base", "parks": "park",
          "buildings": "building", "enterprises": "enterprise"}


def qgis(algorithm, **params):
    args = [QGIS_PROCESS, "run", algorithm, "--"] + [f"{k}={v}" for k, v in params.items()]
    result = subprocess.run(args, capture_output=True, text=True, timeout=300,
                            env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
    if result.returncode != 0:
        sys.exit(f"{algorithm} failed:\n{result.stdout}\n{result.stderr}")


def read_counts(path):
    from osgeo import ogr
    ds = ogr.Open(path)
    layer = ds.GetLayer(0)
    return {f.GetField("code"): f.GetField("NUMPOINTS") for f in layer}


def main():
    htsplan, data = sys.argv[1], sys.argv[2]
    if not os.path.exists(QGIS_PROCESS):
        print("qgis_process.bin not installed: skipped")
        return 77
    admin = os.path.join(data, "shandong.gpkg")
    facilities = os.path.join(data, "sample", "facilities.gpkg")
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "report")
        subprocess.run([htsplan, "report", "--no-map", "--out", out], check=True, capture_output=True)
        metrics = json.load(open(os.path.join(out, "metrics.json"), encoding="utf-8"))
        ours = {c["code"]: c["counts_all"] for c in metrics["counties"]}
        failures = 0
        for layer, kind in LAYERS.items():
            points = f"{facilities}|layername={layer}"
            if layer == "hightech_zones":
                surface = os.path.join(tmp, "zones_points.gpkg")
                qgis("native:pointonsurface", INPUT=points, ALL_PARTS="false", OUTPUT=surface)
                points = surface
            counted = os.path.join(tmp, f"count_{layer}.gpkg")
            qgis("native:countpointsinpolygon", POLYGONS=f"{admin}|layername=counties", POINTS=points,
                 FIELD="NUMPOINTS", OUTPUT=counted)
            theirs = read_counts(counted)
            differ = {code: (ours[code][kind], n) for code, n in theirs.items() if ours[code][kind] != n}
            total = sum(theirs.values())
            print(f"{layer}: {len(theirs)} counties, {total} points counted by QGIS, "
                  f"{sum(c[kind] for c in ours.values())} by htsplan, {len(differ)} counties differ")
            if len(theirs) != 137 or differ:
                failures += 1
                print(f"  differences (htsplan, qgis): {differ}")
        print("0 failed" if not failures else f"{failures} layers differ")
        return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
