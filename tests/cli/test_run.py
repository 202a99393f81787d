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
ALGORITHMS = ["htsplan:assign", "htsplan:density"]


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
        self.assertEqual(sorted(doc["providers"]["htsplan"]["algorithms"]), sorted(ALGORITHMS))

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

    def test_missing_file_names_parameter(self):
        r = htsplan("run", "htsplan:assign", "--", "POLYGONS=/nonexistent.gpkg", "POINTS=" + PARKS,
                    "OUTPUT=" + os.path.join(self.tmp, "x.gpkg"))
        self.assertEqual(r.returncode, 2)
        self.assertIn("POLYGONS", r.stderr)
        self.assertFalse(os.path.exists(os.path.join(self.tmp, "x.gpkg")))


if __name__ == "__main__":
    unittest.main()
