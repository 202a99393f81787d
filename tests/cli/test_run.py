"""`htsplan run | list | help`: the qgis_process-style front door.

Run by ctest (cli_run) with HTSPLAN_CLI pointing at the built program.
"""
import json
import os
import shutil
import subprocess
import tempfile
import unittest

CLI = os.environ.get("HTSPLAN_CLI", "build/cli/htsplan")
SRC = os.environ.get("HTSPLAN_SOURCE_DIR", os.path.abspath("../.."))
DATA = os.path.join(SRC, "data")
COUNTIES = os.path.join(DATA, "shandong.gpkg") + "|layername=counties"
PARKS = os.path.join(DATA, "sample", "facilities.gpkg") + "|layername=parks"
ALGORITHMS = ["htsplan:allocate", "htsplan:assign", "htsplan:chinacoords", "htsplan:coverage", "htsplan:dbscan", "htsplan:density",
              "htsplan:growth", "htsplan:hexdensity", "htsplan:hotspots", "htsplan:importlist", "htsplan:kde", "htsplan:moran", "htsplan:nni",
              "htsplan:specialization", "htsplan:validate"]


def htsplan(*args):
    return subprocess.run([CLI, *args], capture_output=True, text=True, timeout=600)


class ListAndHelp(unittest.TestCase):
    def test_list_has_ours_and_native(self):
        r = htsplan("list")
        self.assertEqual(r.returncode, 0, r.stderr)
        for alg in ALGORITHMS + ["native:buffer", "native:countpointsinpolygon"]:
            self.assertIn(alg, r.stdout)

    def test_list_json(self):
        r = htsplan("list", "--json")
        self.assertEqual(r.returncode, 0, r.stderr)
        doc = json.loads(r.stdout)
        algorithms = doc["providers"]["htsplan"]["algorithms"]
        self.assertEqual(sorted(algorithms), sorted(ALGORITHMS))
        # The toolbox's groups, as the README's table lists them.
        self.assertEqual(algorithms["htsplan:kde"]["group"], "Density (密度)")
        self.assertEqual(algorithms["htsplan:chinacoords"]["group"], "Registers (名录)")
        self.assertEqual(len({a["group"] for a in algorithms.values()}), 5)

    def test_help_is_bilingual_and_lists_parameters(self):
        for alg in ALGORITHMS:
            r = htsplan("help", alg, "--json")
            self.assertEqual(r.returncode, 0, r.stderr)
            doc = json.loads(r.stdout)
            text = doc["algorithm_details"]["help"]
            self.assertTrue(any("\u4e00" <= c <= "\u9fff" for c in text), alg + ": no Chinese help")
            self.assertTrue(any(c.isascii() and c.isalpha() for c in text), alg + ": no English help")
            self.assertTrue(doc["parameters"], alg)

    def test_unknown_algorithm(self):
        r = htsplan("run", "htsplan:nosuch", "--", "A=1")
        self.assertEqual(r.returncode, 2)
        self.assertIn("htsplan:nosuch", r.stderr)


class Run(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="htsplan-run-")

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def counts(self, path, field="NUMPOINTS"):
        from osgeo import ogr
        ds = ogr.Open(path)
        layer = ds.GetLayer(0)
        return {f.GetField("code"): f.GetField(field) for f in layer}

    def test_assign_json_and_counts(self):
        out = os.path.join(self.tmp, "parks.gpkg")
        r = htsplan("run", "htsplan:assign", "--json", "--", "POLYGONS=" + COUNTIES, "POINTS=" + PARKS,
                    "CATEGORY_FIELD=status", "OUTPUT=" + out)
        self.assertEqual(r.returncode, 0, r.stderr)
        doc = json.loads(r.stdout)
        self.assertEqual(doc["results"]["OUTPUT"], out)
        counts = self.counts(out)
        self.assertEqual(len(counts), 137)
        self.assertEqual(sum(counts.values()), doc["results"]["ASSIGNED"])
        self.assertEqual(doc["results"]["ASSIGNED"] + doc["results"]["UNASSIGNED"], 110)
        # per-category columns add up to the total in every county
        from osgeo import ogr
        ds = ogr.Open(out)  # keep the dataset alive while its layer is used
        layer = ds.GetLayer(0)
        names = [layer.GetLayerDefn().GetFieldDefn(i).GetName() for i in range(layer.GetLayerDefn().GetFieldCount())]
        per_status = [n for n in names if n.startswith("NUMPOINTS_")]
        self.assertIn("NUMPOINTS_designated", per_status)
        for f in layer:
            self.assertEqual(sum(f.GetField(n) for n in per_status), f.GetField("NUMPOINTS"))

    def test_validate_sample(self):
        import hashlib
        sample = os.path.join(DATA, "sample", "facilities.gpkg")
        def digest():
            with open(sample, "rb") as f:
                return hashlib.sha256(f.read()).hexdigest()
        before = digest()
        out = os.path.join(self.tmp, "violations.gpkg")
        r = htsplan("run", "htsplan:validate", "--json", "--", "FACILITIES=" + sample, "OUTPUT=" + out)
        self.assertEqual(r.returncode, 0, r.stderr)
        res = json.loads(r.stdout)["results"]
        # Validation reads the register, never writes it.
        self.assertEqual(digest(), before)
        from osgeo import ogr
        ds = ogr.Open(out)
        layer = ds.GetLayer(0)
        rows = [(f.GetField("code"), f.GetField("severity"), f.GetField("layer"), f.GetField("feature_id"), f.GetField("message_zh"),
                 f.GetField("message_en"), f.GetGeometryRef().GetX(), f.GetGeometryRef().GetY()) for f in layer]
        self.assertEqual(len(rows), res["VIOLATIONS"])
        self.assertEqual(sum(1 for r_ in rows if r_[1] == "error"), res["ERRORS"])
        self.assertEqual(sum(1 for r_ in rows if r_[1] == "warning"), res["WARNINGS"])
        # The sample's deliberate flaws (data/README.md), each at its feature.
        flaws = {(r_[0], r_[2], r_[3]) for r_ in rows if r_[0] != "REG_MISSING_YEAR"}
        self.assertEqual(flaws, {("REF_NO_PARENT", "parks", "P110"), ("PLACE_OUTSIDE_ZONES", "parks", "P110"),
                                 ("REG_UNKNOWN_SECTOR", "buildings", "T057"), ("PLACE_OUTSIDE_PROVINCE", "buildings", "T230"),
                                 ("REG_CHILD_BEFORE_PARENT", "parks", "P087")})
        sample_ds = ogr.Open(sample)  # kept alive while its layer is read
        parks = sample_ds.GetLayerByName("parks")
        p110 = None
        for f in parks:
            if f.GetField("id") == "P110":
                p110 = f.GetGeometryRef().Clone()
        self.assertIsNotNone(p110)
        for r_ in rows:
            if r_[3] == "P110":
                self.assertAlmostEqual(r_[6], p110.GetX(), places=9)
                self.assertAlmostEqual(r_[7], p110.GetY(), places=9)
                self.assertIn("菏泽牡丹数字创意产业园", r_[4])
                self.assertIn("菏泽牡丹数字创意产业园", r_[5])
        self.assertEqual(res["ERRORS"], 1)
        self.assertEqual(sum(1 for r_ in rows if r_[0] == "REG_MISSING_YEAR"), 23)
        # The help lists every rule.
        h = htsplan("help", "htsplan:validate")
        for code in ["REF_CYCLE", "PLACE_OTHER_CITY", "REG_SAME_NAME_NEARBY", "REG_UNKNOWN_SECTOR"]:
            self.assertIn(code, h.stdout)

    def test_density_per_city(self):
        cities = os.path.join(DATA, "shandong.gpkg") + "|layername=cities"
        out = os.path.join(self.tmp, "density.gpkg")
        r = htsplan("run", "htsplan:density", "--json", "--", "UNITS=" + cities, "POINTS=" + PARKS,
                    "POPULATION_FIELD=population", "OUTPUT=" + out)
        self.assertEqual(r.returncode, 0, r.stderr)
        res = json.loads(r.stdout)["results"]
        # the province's area in the equal-area CRS (km², not square degrees)
        self.assertAlmostEqual(res["TOTAL_AREA_KM2"], 157484.7, delta=0.1)
        self.assertAlmostEqual(res["PER_10K_KM2"], res["TOTAL_COUNT"] / res["TOTAL_AREA_KM2"] * 1e4, places=9)
        from osgeo import ogr
        ds = ogr.Open(out)
        rows = {f.GetField("name_zh"): (f.GetField("COUNT"), f.GetField("AREA_KM2"), f.GetField("PER_10K_KM2"),
                                         f.GetField("PER_MILLION"), f.GetField("population")) for f in ds.GetLayer(0)}
        self.assertEqual(len(rows), 16)
        self.assertEqual(sum(r[0] for r in rows.values()), res["TOTAL_COUNT"])
        count, area, per10k, permillion, population = rows["济南市"]
        self.assertAlmostEqual(per10k, count / area * 1e4, places=9)
        self.assertAlmostEqual(permillion, count / population * 1e6, places=9)

    def test_key_value_forms(self):
        # --KEY=VALUE without "--", as qgis_process also accepts
        out = os.path.join(self.tmp, "b.gpkg")
        r = htsplan("run", "htsplan:assign", "--POLYGONS=" + COUNTIES, "--POINTS=" + PARKS, "--OUTPUT=" + out)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("OUTPUT:", r.stdout)

    def test_hexdensity_then_hotspots(self):
        # A planner's chain: count the sample's enterprises on hexagons, then Gi* on the counts with a
        # distance band. Every cell's Gi* z, its neighbour count and the number of hot spot cells are
        # recomputed here by brute force from the hexagons' centroids (GDAL's, as htsplan's).
        import math
        from osgeo import ogr
        enterprises = os.path.join(DATA, "sample", "facilities.gpkg") + "|layername=enterprises"
        grid = os.path.join(self.tmp, "hex.gpkg")
        r = htsplan("run", "htsplan:hexdensity", "--json", "--", "INPUT=" + enterprises, "CELL_SIZE=3000", "OUTPUT=" + grid)
        self.assertEqual(r.returncode, 0, r.stderr)
        cells = json.loads(r.stdout)["results"]["CELLS"]
        out = os.path.join(self.tmp, "hot.gpkg")
        band = 20000.0  # (band / 3000)² = 44.4, between the grid's squared distances 43 and 48: no pair sits on the band
        r = htsplan("run", "htsplan:hotspots", "--json", "--", "INPUT=" + grid, "FIELD=COUNT", "WEIGHTS=2",
                    "DISTANCE=%g" % band, "OUTPUT=" + out)
        self.assertEqual(r.returncode, 0, r.stderr)
        res = json.loads(r.stdout)["results"]
        ds = ogr.Open(out)
        rows = [(f.GetGeometryRef().Centroid(), f.GetField("COUNT"), f.GetField("GiZScore"), f.GetField("NNeighbors"),
                 f.GetField("Gi_Bin")) for f in ds.GetLayer(0)]
        self.assertEqual(len(rows), cells)
        self.assertGreater(cells, 50)
        x = [row[1] for row in rows]
        n = len(x)
        mean = sum(x) / n
        sd = math.sqrt(sum((v - mean) ** 2 for v in x) / n)
        hot = 0
        for c, _, z, neighbours, b in rows:
            near = [j for j, o in enumerate(rows) if math.hypot(o[0].GetX() - c.GetX(), o[0].GetY() - c.GetY()) <= band]
            w = len(near)  # the cell itself included (Gi*)
            expected = (sum(x[j] for j in near) - mean * w) / (sd * math.sqrt((n * w - w * w) / (n - 1)))
            self.assertEqual(neighbours, w)
            self.assertAlmostEqual(z, expected, delta=1e-9 * max(1.0, abs(expected)))
            p = math.erfc(abs(expected) / math.sqrt(2))
            self.assertEqual(b > 0, expected > 0 and p < 0.10)
            hot += 1 if expected > 0 and p < 0.10 else 0
        self.assertGreater(hot, 0)
        self.assertEqual(res["HOT_SPOTS"], hot)

    def test_runs_native_algorithms(self):
        out = os.path.join(self.tmp, "native.gpkg")
        r = htsplan("run", "native:countpointsinpolygon", "--json", "--", "POLYGONS=" + COUNTIES,
                    "POINTS=" + PARKS, "OUTPUT=" + out)
        self.assertEqual(r.returncode, 0, r.stderr)
        ours = os.path.join(self.tmp, "ours.gpkg")
        htsplan("run", "htsplan:assign", "--", "POLYGONS=" + COUNTIES, "POINTS=" + PARKS, "OUTPUT=" + ours)
        self.assertEqual(self.counts(out), self.counts(ours))

    def test_missing_and_unknown_parameters(self):
        r = htsplan("run", "htsplan:assign", "--", "POLYGONS=" + COUNTIES)
        self.assertEqual(r.returncode, 2)
        self.assertIn("POINTS", r.stderr)
        r = htsplan("run", "htsplan:assign", "--", "POLYGONS=" + COUNTIES, "POINTS=" + PARKS,
                    "OUTPUT=" + os.path.join(self.tmp, "x.gpkg"), "RADIUS=3")
        self.assertEqual(r.returncode, 2)
        self.assertIn("RADIUS", r.stderr)

    def test_exit_codes_tell_bad_input_from_unwritable_output(self):
        # 2: bad input found while running (a field name already taken)
        r = htsplan("run", "htsplan:assign", "--", "POLYGONS=" + COUNTIES, "POINTS=" + PARKS,
                    "FIELD=name_zh", "OUTPUT=" + os.path.join(self.tmp, "taken.gpkg"))
        self.assertEqual(r.returncode, 2, r.stderr)
        self.assertIn("bad input", r.stderr)
        # 3: the output cannot be written; the message names the file
        html = os.path.join(self.tmp, "no-such-folder", "nni.html")
        r = htsplan("run", "htsplan:nni", "--", "INPUT=" + PARKS, "OUTPUT_HTML_FILE=" + html)
        self.assertEqual(r.returncode, 3, r.stderr)
        self.assertIn("could not be written", r.stderr)
        self.assertIn(html, r.stderr)

    def test_missing_file_names_parameter(self):
        r = htsplan("run", "htsplan:assign", "--", "POLYGONS=/nonexistent.gpkg", "POINTS=" + PARKS,
                    "OUTPUT=" + os.path.join(self.tmp, "x.gpkg"))
        self.assertEqual(r.returncode, 2)
        self.assertIn("POLYGONS", r.stderr)
        self.assertFalse(os.path.exists(os.path.join(self.tmp, "x.gpkg")))


def write_points(path, coords, weights=None, epsg=4548):
    """A point layer 'points' with an optional weight field 'w' (None = null)."""
    from osgeo import ogr, osr
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(path)
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(epsg)
    layer = ds.CreateLayer("points", srs, ogr.wkbPoint)
    layer.CreateField(ogr.FieldDefn("w", ogr.OFTReal))
    for i, (x, y) in enumerate(coords):
        f = ogr.Feature(layer.GetLayerDefn())
        if weights is not None and weights[i] is not None:
            f.SetField("w", weights[i])
        f.SetGeometry(ogr.CreateGeometryFromWkt("POINT ({} {})".format(x, y)))
        layer.CreateFeature(f)
    ds = None


class BadInput(unittest.TestCase):
    """Each refusal names the parameter or feature and exits with 2; nothing is written."""

    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="htsplan-bad-")
        self.spread = os.path.join(self.tmp, "spread.gpkg")
        write_points(self.spread, [(500000 + 1000 * i, 4000000 + 700 * (i % 3)) for i in range(10)])

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def refuse(self, algorithm, expect, **params):
        out = os.path.join(self.tmp, "out.gpkg")
        tif = os.path.join(self.tmp, "out.tif")
        params.setdefault("OUTPUT", tif if algorithm == "htsplan:kde" else out)
        if algorithm == "htsplan:nni":
            params.pop("OUTPUT")
        r = htsplan("run", algorithm, "--", *["{}={}".format(k, v) for k, v in params.items()])
        self.assertNotEqual(r.returncode, 0, r.stdout)
        self.assertIn(expect, r.stderr)
        self.assertFalse(os.path.exists(tif), "no raster left behind")
        return r

    def test_empty_layer(self):
        empty = os.path.join(self.tmp, "empty.gpkg")
        write_points(empty, [])
        self.refuse("htsplan:kde", "no points", INPUT=empty, RADIUS=1000, PIXEL_SIZE=100)
        self.refuse("htsplan:nni", "2 points", INPUT=empty)

    def test_one_point(self):
        one = os.path.join(self.tmp, "one.gpkg")
        write_points(one, [(500000, 4000000)])
        self.refuse("htsplan:nni", "got 1", INPUT=one)

    def test_identical_points(self):
        same = os.path.join(self.tmp, "same.gpkg")
        write_points(same, [(500000, 4000000)] * 5)
        self.refuse("htsplan:nni", "same location", INPUT=same)

    def test_zero_area_study_area(self):
        line = os.path.join(self.tmp, "line.gpkg")
        write_points(line, [(500000 + 10 * i, 4000000) for i in range(5)])
        self.refuse("htsplan:nni", "zero area", INPUT=line, STUDY_AREA=1)

    def test_radius_and_eps_not_positive(self):
        self.refuse("htsplan:kde", "RADIUS", INPUT=self.spread, RADIUS=0, PIXEL_SIZE=100)
        self.refuse("htsplan:kde", "PIXEL_SIZE", INPUT=self.spread, RADIUS=1000, PIXEL_SIZE=-5)
        self.refuse("htsplan:dbscan", "EPS", INPUT=self.spread, EPS=0, MIN_SIZE=3)
        self.refuse("htsplan:hexdensity", "CELL_SIZE", INPUT=self.spread, CELL_SIZE=0)
        self.refuse("htsplan:coverage", "RADIUS", CARRIERS=self.spread, UNITS=COUNTIES, RADIUS=-1)

    def test_raster_too_large(self):
        r = self.refuse("htsplan:kde", "GiB", INPUT=self.spread, RADIUS=1000, PIXEL_SIZE=0.01)
        self.assertIn("rows", r.stderr)

    def test_null_and_negative_weights(self):
        weighted = os.path.join(self.tmp, "weights.gpkg")
        write_points(weighted, [(500000 + 1000 * i, 4000000) for i in range(4)], [1.0, None, 2.0, 3.0])
        r = self.refuse("htsplan:kde", "NULL", INPUT=weighted, RADIUS=1000, PIXEL_SIZE=100, WEIGHT_FIELD="w")
        self.assertIn("feature 2", r.stderr)
        negative = os.path.join(self.tmp, "negative.gpkg")
        write_points(negative, [(500000 + 1000 * i, 4000000) for i in range(4)], [1.0, 2.0, -3.0, 3.0])
        r = self.refuse("htsplan:kde", "-3", INPUT=negative, RADIUS=1000, PIXEL_SIZE=100, WEIGHT_FIELD="w")
        self.assertIn("feature 3", r.stderr)


class Geographic(unittest.TestCase):
    """On EPSG:4490 input htsplan measures in metres in the equal-area CRS and says so."""

    def test_kde_on_lonlat_uses_metres(self):
        tmp = tempfile.mkdtemp(prefix="htsplan-geo-")
        try:
            out = os.path.join(tmp, "kde.tif")
            r = htsplan("run", "htsplan:kde", "--json", "--", "INPUT=" + PARKS, "RADIUS=10000", "PIXEL_SIZE=1000", "OUTPUT=" + out)
            self.assertEqual(r.returncode, 0, r.stderr)
            self.assertIn("equal-area", r.stderr)
            from osgeo import gdal
            ds = gdal.Open(out)
            self.assertEqual(ds.GetGeoTransform()[1], 1000.0)  # a 1 km pixel, not 1000 degrees
            self.assertIn("Albers", ds.GetProjection())
            # the parks spread over some 500 km of the province: about 500 + 2 * 10 columns of 1 km
            self.assertTrue(400 < ds.RasterXSize < 800, ds.RasterXSize)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    unittest.main()
