"""Every htsplan algorithm through `htsplan run` against its QGIS twin through
qgis_process.bin, on the same generated projected layers (EPSG:4548, metres).

What is compared (the issue's rules): counts exactly, the heatmap raster bit for
bit (same size, geotransform and nodata), nearest-neighbour outputs to 1e-9
relative, DBSCAN membership exactly, hexagon counts per QGIS cell id, covered
area against QGIS's dissolved buffers. Run by ctest (compare_twins); exits with
77 (skipped) when qgis_process is not installed.
"""
import json
import math
import os
import random
import shutil
import subprocess
import sys
import tempfile
import unittest

import numpy as np
from osgeo import gdal, ogr, osr

gdal.UseExceptions()
CLI = os.environ.get("HTSPLAN_CLI", "build/cli/htsplan")
QGIS = "/usr/bin/qgis_process.bin"
ENV = dict(os.environ, QT_QPA_PLATFORM="offscreen")


def run(program, algorithm, **params):
    args = [program, "--json", "run", algorithm, "--"] + ["{}={}".format(k, v) for k, v in params.items()]
    r = subprocess.run(args, capture_output=True, text=True, timeout=900, env=ENV)
    if r.returncode != 0:
        raise AssertionError("{} {} failed ({}):\n{}\n{}".format(program, algorithm, r.returncode, r.stdout[-3000:], r.stderr[-3000:]))
    return json.loads(r.stdout[r.stdout.index("{"):])["results"]


def write_layer(path, name, geom_type, fields, rows):
    driver = ogr.GetDriverByName("GPKG")
    ds = driver.Open(path, 1) if os.path.exists(path) else driver.CreateDataSource(path)
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(4548)
    layer = ds.CreateLayer(name, srs, geom_type)
    for field, kind in fields:
        layer.CreateField(ogr.FieldDefn(field, kind))
    ds.StartTransaction()
    for wkt, values in rows:
        f = ogr.Feature(layer.GetLayerDefn())
        for k, v in values.items():
            f.SetField(k, v)
        f.SetGeometry(ogr.CreateGeometryFromWkt(wkt))
        layer.CreateFeature(f)
    ds.CommitTransaction()
    ds = None


def read_rows(path, key, fields):
    ds = ogr.Open(path)
    layer = ds.GetLayer(0)
    out = {}
    for f in layer:
        out[f.GetField(key) if key != "fid" else f.GetFID()] = tuple(f.GetField(x) for x in fields)
    return out


class Twins(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="htsplan-twins-")
        rnd = random.Random(20131)
        sectors = ["rnd_design", "ecommerce", "testing", "it_services"]
        rows = []
        centres = [(500000 + 9000 * i, 4000000 + 7000 * (i % 3)) for i in range(6)]
        for i in range(3000):
            if i % 10 == 0:
                x, y = rnd.uniform(480000, 560000), rnd.uniform(3985000, 4030000)
            else:
                cx, cy = centres[i % 6]
                x, y = rnd.gauss(cx, 1500), rnd.gauss(cy, 1200)
            if i % 97 == 0 and rows:  # duplicates
                x, y = [float(v) for v in rows[-1][0][7:-1].split()]
            rows.append(("POINT ({!r} {!r})".format(x, y), {"pid": i, "w": rnd.uniform(0.5, 3.0), "sector": sectors[i % 4]}))
        cls.points = os.path.join(cls.tmp, "points.gpkg")
        write_layer(cls.points, "points", ogr.wkbPoint, [("pid", ogr.OFTInteger), ("w", ogr.OFTReal), ("sector", ogr.OFTString)], rows)
        units = []
        for i in range(4):
            for j in range(3):
                x0, y0 = 478000 + 21000 * i, 3983000 + 16000 * j
                units.append(("POLYGON (({0} {1},{2} {1},{2} {3},{0} {3},{0} {1}))".format(x0, y0, x0 + 21000, y0 + 16000),
                              {"code": "U{}{}".format(i, j), "population": 100000 * (i + j + 1)}))
        cls.units = os.path.join(cls.tmp, "units.gpkg")
        write_layer(cls.units, "units", ogr.wkbPolygon, [("code", ogr.OFTString), ("population", ogr.OFTInteger)], units)
        cls.carriers = os.path.join(cls.tmp, "carriers.gpkg")
        write_layer(cls.carriers, "carriers", ogr.wkbPoint, [("pid", ogr.OFTInteger)], [r for r in rows[::60]])

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def out(self, name):
        return os.path.join(self.tmp, name)

    def test_assign_equals_countpointsinpolygon(self):
        run(CLI, "htsplan:assign", POLYGONS=self.units, POINTS=self.points, FIELD="NUMPOINTS", OUTPUT=self.out("a_ours.gpkg"))
        run(QGIS, "native:countpointsinpolygon", POLYGONS=self.units, POINTS=self.points, FIELD="NUMPOINTS", OUTPUT=self.out("a_qgis.gpkg"))
        ours = read_rows(self.out("a_ours.gpkg"), "code", ["NUMPOINTS"])
        qgis = read_rows(self.out("a_qgis.gpkg"), "code", ["NUMPOINTS"])
        self.assertEqual(len(ours), 12)
        self.assertEqual(ours, qgis)
        self.assertGreater(sum(v[0] for v in ours.values()), 2500)

    def raster(self, path):
        ds = gdal.Open(path)
        band = ds.GetRasterBand(1)
        return ds.GetGeoTransform(), band.GetNoDataValue(), band.ReadAsArray()

    def check_heatmap(self, name, **params):
        run(CLI, "htsplan:kde", INPUT=self.points, OUTPUT=self.out(name + "_ours.tif"), **params)
        run(QGIS, "qgis:heatmapkerneldensityestimation", INPUT=self.points, OUTPUT=self.out(name + "_qgis.tif"), **params)
        gt_ours, nd_ours, ours = self.raster(self.out(name + "_ours.tif"))
        gt_qgis, nd_qgis, qgis = self.raster(self.out(name + "_qgis.tif"))
        self.assertEqual(ours.shape, qgis.shape)
        self.assertEqual(gt_ours, gt_qgis)
        self.assertEqual(nd_ours, -9999)
        self.assertEqual(nd_qgis, -9999)
        self.assertTrue(np.array_equal(ours == -9999, qgis == -9999), "same nodata pixels")
        self.assertGreater(int((ours != -9999).sum()), 1000)
        diff = float(np.abs(ours.astype(np.float64) - qgis.astype(np.float64)).max())
        self.assertLessEqual(diff, 1e-5 * float(qgis.max()), "values within 1e-5 of the maximum")
        self.assertEqual(diff, 0.0, "bit for bit")

    def test_kde_quartic_raw(self):
        self.check_heatmap("kq", RADIUS=3000, PIXEL_SIZE=200, KERNEL=0, OUTPUT_VALUE=0)

    def test_kde_weighted_epanechnikov_scaled(self):
        self.check_heatmap("ke", RADIUS=2500, PIXEL_SIZE=150, KERNEL=4, OUTPUT_VALUE=1, WEIGHT_FIELD="w")

    def test_nni_equals_nearestneighbouranalysis(self):
        ours = run(CLI, "htsplan:nni", INPUT=self.points, STUDY_AREA=0)
        qgis = run(QGIS, "native:nearestneighbouranalysis", INPUT=self.points, OUTPUT_HTML_FILE=self.out("nn.html"))
        for key in ("OBSERVED_MD", "EXPECTED_MD", "NN_INDEX", "POINT_COUNT", "Z_SCORE"):
            self.assertTrue(math.isclose(ours[key], qgis[key], rel_tol=1e-9), "{}: {} vs {}".format(key, ours[key], qgis[key]))
        self.assertEqual(ours["POINT_COUNT"], 3000)

    def test_dbscan_membership_equals_qgis(self):
        ours = run(CLI, "htsplan:dbscan", INPUT=self.points, EPS=250, MIN_SIZE=6, OUTPUT=self.out("d_ours.gpkg"))
        qgis = run(QGIS, "native:dbscanclustering", INPUT=self.points, EPS=250, MIN_SIZE=6, OUTPUT=self.out("d_qgis.gpkg"))
        self.assertEqual(ours["NUM_CLUSTERS"], qgis["NUM_CLUSTERS"])
        self.assertGreater(ours["NUM_CLUSTERS"], 5)
        a = read_rows(self.out("d_ours.gpkg"), "pid", ["CLUSTER_ID", "CLUSTER_SIZE"])
        b = read_rows(self.out("d_qgis.gpkg"), "pid", ["CLUSTER_ID", "CLUSTER_SIZE"])
        self.assertEqual(len(a), 3000)
        self.assertEqual(a, b)
        # A file output gets an R-tree (layers/gpkg_writer.h packs it after the rows).
        ds = ogr.Open(self.out("d_ours.gpkg"))
        check = ds.ExecuteSQL("SELECT rtreecheck('rtree_d_ours_geom')")
        self.assertEqual(check.GetNextFeature().GetField(0), "ok")
        ds.ReleaseResultSet(check)
        self.assertTrue(ds.GetLayer(0).TestCapability(ogr.OLCFastSpatialFilter))

    def test_hexdensity_equals_creategrid_and_count(self):
        extent = "470000,570000,3975000,4040000 [EPSG:4548]"
        run(CLI, "htsplan:hexdensity", INPUT=self.points, CELL_SIZE=4000, EXTENT=extent, OUTPUT=self.out("h_ours.gpkg"))
        run(QGIS, "native:creategrid", TYPE=4, EXTENT=extent, HSPACING=4000, VSPACING=4000, CRS="EPSG:4548", OUTPUT=self.out("grid.gpkg"))
        run(QGIS, "native:countpointsinpolygon", POLYGONS=self.out("grid.gpkg"), POINTS=self.points, FIELD="NUMPOINTS",
            OUTPUT=self.out("h_qgis.gpkg"))
        ours = {k: v[0] for k, v in read_rows(self.out("h_ours.gpkg"), "id", ["COUNT"]).items()}
        qgis = {k: v[0] for k, v in read_rows(self.out("h_qgis.gpkg"), "id", ["NUMPOINTS"]).items() if v[0] > 0}
        self.assertEqual(ours, qgis)
        self.assertEqual(sum(ours.values()), 3000)

    def test_coverage_equals_dissolved_buffers(self):
        ours = run(CLI, "htsplan:coverage", CARRIERS=self.carriers, RADIUS=1500, UNITS=self.units, SEGMENTS=5,
                   POPULATION_FIELD="population", OUTPUT=self.out("c_ours.gpkg"))
        run(QGIS, "native:buffer", INPUT=self.carriers, DISTANCE=1500, SEGMENTS=5, DISSOLVE="true", OUTPUT=self.out("buf.gpkg"))
        buffers = ogr.Open(self.out("buf.gpkg"))
        union = None
        for f in buffers.GetLayer(0):
            g = f.GetGeometryRef().Clone()
            union = g if union is None else union.Union(g)
        units = ogr.Open(self.units)
        covered = 0.0
        for f in units.GetLayer(0):
            covered += f.GetGeometryRef().Intersection(union).GetArea()
        self.assertTrue(math.isclose(ours["COVERED_KM2"], covered / 1e6, rel_tol=1e-9), "{} vs {}".format(ours["COVERED_KM2"], covered / 1e6))
        self.assertGreater(ours["COVERED_KM2"], 50)


if __name__ == "__main__":
    if not os.path.exists(QGIS):
        print("qgis_process.bin not installed: skipped")
        sys.exit(77)
    unittest.main()
